/**
 * Refusals (from the room, or the model's own checks run in the browser) come as English
 * sentences. The common ones are recognised here and said again in the reader's language
 * with the same numbers; anything else is shown as the server wrote it (marked English).
 */
export const REFUSAL_KEYS = [
  'paused',
  'resolving',
  'reviewing',
  'noRound',
  'over',
  'notStarted',
  'staleRound',
  'muted',
  'bot',
  'taken',
  'locked',
  'teamFull',
  'noCity',
  'rate',
  'noGame',
  'hostOnly',
  'budget',
  'land',
  'cap',
  'facilityOpen',
  'parkHost',
  'parkSponsor',
  'parkExists',
  'hostFull',
  'sponsorFull',
  'landQuota',
  'parkSpace',
  'corridorHop',
  'zoneAdjacent',
  'memberOf',
  'notParty',
  'sameCity',
  'tooManyDeals',
  'dealClosed',
  'alreadyAccepted',
  'roundFull',
  'empty',
  'directionChars',
  'invisibleChars',
  'reservedName',
  'roomFull',
  'joinsLocked',
  'quotaRound',
  'quotaGame',
  'joinRate',
  'requestsFull',
  'requestsNetwork',
  'screens',
  'spectators',
  'noRequest',
  'asked',
  'atLeast',
  'atMost',
] as const;
export type RefusalKey = (typeof REFUSAL_KEYS)[number];

export interface Explained {
  key: RefusalKey;
  /** Numbers and ids from the sentence, in the order the message takes them. */
  args: string[];
}

const num = String.raw`(-?[\d.]+)`;
const idr = String.raw`([a-z][a-z0-9-]*)`;

const PATTERNS: [RegExp, RefusalKey][] = [
  [/^the game is paused$/, 'paused'],
  [new RegExp(String.raw`^round (\d+) is being resolved`), 'resolving'],
  [new RegExp(String.raw`^round (\d+) is resolved and under review; round (\d+) opens`), 'reviewing'],
  [/^no round is open$/, 'noRound'],
  [/^the game is (already )?over$/, 'over'],
  [/^the game has not started$/, 'notStarted'],
  [new RegExp(String.raw`^must be (\d+), the (?:open round|round being resolved|round under review) \(got (\d+)\)$`), 'staleRound'],
  [new RegExp(String.raw`^the host has muted ${idr}$`), 'muted'],
  [new RegExp(String.raw`^${idr} is played by a bot`), 'bot'],
  [new RegExp(String.raw`^${idr} is already taken`), 'taken'],
  [new RegExp(String.raw`^${idr} is locked by the host$`), 'locked'],
  [new RegExp(String.raw`^${idr}'s team is full`), 'teamFull'],
  [/^you have no city yet/, 'noCity'],
  [/^too many messages/, 'rate'],
  [/^no game has this code$/, 'noGame'],
  [/^only the host can/, 'hostOnly'],
  [new RegExp(String.raw`^spending ${num} .* exceeds the ${num} available`), 'budget'],
  [new RegExp(String.raw`^releases ${num} km² but only ${num} km² of land quota is left$`), 'land'],
  [new RegExp(String.raw`^must be at most ${num}, the national subsidy cap$`), 'cap'],
  [new RegExp(String.raw`^must be at least ${num}$`), 'atLeast'],
  [new RegExp(String.raw`^must be at most ${num}$`), 'atMost'],
  [/^the big science facility is already open/, 'facilityOpen'],
  [new RegExp(String.raw`^must be a core or second-core city .*; ${idr} is`), 'parkHost'],
  [new RegExp(String.raw`^must be less developed than the host .*; ${idr} is`), 'parkSponsor'],
  [new RegExp(String.raw`^${idr} already has a park in ${idr}$`), 'parkExists'],
  [new RegExp(String.raw`^${idr} already hosts (\d+) parks`), 'hostFull'],
  [new RegExp(String.raw`^${idr} already sponsors (\d+) parks`), 'sponsorFull'],
  [new RegExp(String.raw`^${idr} has only ${num} km² of land quota left \(asked ${num}\)$`), 'landQuota'],
  [new RegExp(String.raw`^${idr} would have ${num} km² of land quota .* less than the ${num} km² of park space$`), 'parkSpace'],
  [new RegExp(String.raw`^is ${num} h from ${idr}; neighbours along a corridor must be within ${num} h`), 'corridorHop'],
  [new RegExp(String.raw`^is not adjacent to the rest of the zone: a cooperation zone joins cities within ${num} h`), 'zoneAdjacent'],
  [new RegExp(String.raw`^${idr} already belongs to (?:corridor|cooperation zone|platform) (d\d+)$`), 'memberOf'],
  [new RegExp(String.raw`^${idr} must be one of the parties$`), 'notParty'],
  [/^sponsor and host must be different cities$/, 'sameCity'],
  [new RegExp(String.raw`^${idr} already has (\d+) open deals`), 'tooManyDeals'],
  [new RegExp(String.raw`^deal (d\d+) is already (\w+)$`), 'dealClosed'],
  [new RegExp(String.raw`^${idr} already accepts (d\d+)$`), 'alreadyAccepted'],
  [new RegExp(String.raw`^round (\d+) already has (\d+) signed deals, .*; accept (d\d+) again next round$`), 'roundFull'],
  [/^must not be empty$/, 'empty'],
  [/^must not contain direction or C1 control characters$/, 'directionChars'],
  [/^must not contain invisible characters$/, 'invisibleChars'],
  [/^must not be a name the game uses for itself/, 'reservedName'],
  // The doors and per-person limits (party/rules/doors.ts, rules/quota.ts, persons.ts).
  [/^the room is full \((\d+) people\)$/, 'roomFull'],
  [/^the host has locked joins/, 'joinsLocked'],
  [/^you have sent (\d+) .* this round, the most one person may/, 'quotaRound'],
  [/^you have sent (\d+) .* this game, the most one person may$/, 'quotaGame'],
  [/^too many joins from your network; try again in (\d+) s$/, 'joinRate'],
  [/^(\d+) join requests are already waiting/, 'requestsFull'],
  [/^(\d+) join requests from your network are already waiting/, 'requestsNetwork'],
  [/^(?:this seat token|the host console) is open on (\d+) screens already/, 'screens'],
  [/^(?:your network already watches with|the room has) (\d+) (?:screens|spectators)/, 'spectators'],
  [/^no pending join request (r\d+)/, 'noRequest'],
  [/^this connection already asked to join/, 'asked'],
];

export function explain(rule: string): Explained | null {
  for (const [re, key] of PATTERNS) {
    const m = re.exec(rule);
    if (m) return { key, args: m.slice(1).map((x) => x ?? '') };
  }
  return null;
}
