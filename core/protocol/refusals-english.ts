/**
 * The English sentence of every refusal code (./refusals.ts): what `rule` says, on the wire
 * for clients from before codes and for a code a client does not know yet, and in logs.
 *
 * The browser says refusals from its own catalogues (web/src/i18n/refusals) and never needs
 * these sentences, so its build leaves them out: web/vite.config.ts resolves this module to
 * web/src/lib/refusals-english.ts, where a refusal the browser makes itself (the model's
 * checks, a form's schema) gets its code as `rule`. Tests and the servers use this one.
 */
import type { GroupKind, RefusalArgs, RefusalCode, RoundWhich } from './refusals';

const list = (xs: readonly string[]) => xs.join(', ');
const WHICH: Record<RoundWhich, string> = {
  open: 'the open round',
  resolving: 'the round being resolved',
  review: 'the round under review',
  refused: 'the round the model refused',
  deciding: 'the round being decided',
};
const GROUP: Record<GroupKind, string> = { corridor: 'corridor', zone: 'cooperation zone', platform: 'platform' };
const QUOTA_KIND = { chat: 'chat lines', deals: 'deal proposals and counters' } as const;

/** The English sentence of each code: the fallback every client can read, and what logs show. */
const ENGLISH: { [C in RefusalCode]: (a: RefusalArgs[C]) => string } = {
  'invalid-json': () => 'must be valid JSON',
  'json-text': () => 'must be JSON text',
  'unknown-field': (a) => `is not a field of a "${a.type}" message`,
  'missing-field': (a) => `is required in a "${a.type}" message`,
  'extra-field': () => 'is not a field here',
  'required': () => 'is required',
  'not-an-object': () => 'must be an object',
  'not-a-list': () => 'must be a list',
  'unknown-type': (a) => `type must be one of ${list(a.types)}`,
  'not-text': () => 'must be text',
  'not-a-number': () => 'must be a number',
  'not-finite': () => 'must be a finite number',
  'whole-number': () => 'must be a whole number',
  'not-a-flag': () => 'must be true or false',
  'not-zero': () => 'must not be 0',
  'at-least': (a) => `must be at least ${a.min}`,
  'at-most': (a) => `must be at most ${a.max}`,
  'between': (a) => `must be between ${a.min} and ${a.max}`,
  'not-a-parameter': () => 'is not a model parameter',
  'empty': () => 'must not be empty',
  'min-chars': (a) => `must be at least ${a.min} characters`,
  'max-chars': (a) => `must be at most ${a.max} characters`,
  'control-chars': () => 'must not contain control characters',
  'direction-chars': () => 'must not contain direction or C1 control characters',
  'invisible-chars': () => 'must not contain invisible characters',
  'reserved-name': () => 'must not be a name the game uses for itself (such as Host)',
  'one-of': (a) => `must be one of ${list(a.options)}`,
  'not-an-id': () => 'must be a lowercase id (a-z, 0-9, -), at most 40 characters',
  'not-a-token': () => 'must be a 32-character token',
  'not-a-member-id': () => 'must be a member id such as m3',
  'not-a-request-id': () => 'must be a request id such as r3',
  'not-a-deal-id': () => 'must be a deal id such as d12',
  'not-a-digest': () => 'must be a SHA-256 hex digest',
  'not-a-time': () => 'must be an ISO timestamp',
  'protocol': (a) => `must be ${a.version}: reload the page to get the current client`,
  'must-equal': (a) => `must be "${a.value}"`,
  'strategy': (a) => `must be one of ${list(a.strategies)}, or fixed:RATE with RATE from 0 to ${a.max}`,
  'min-items': (a) => `must list at least ${a.min} ${a.items}`,
  'max-items': (a) => `must list at most ${a.max} ${a.items}`,
  'listed-twice': () => 'must not list a city twice',
  'same-city': () => 'sponsor and host must be different cities',
  'reserved-key': () => 'must not name __proto__, constructor or prototype (they are not model parameters)',
  'invalid': (a) => a.detail,

  'rate': () => 'too many messages; slow down (nothing was done)',
  'no-game': () => 'no game has this code',
  'closed': () => 'this game has ended and its room was closed',
  'hello-first': () => 'say hello first',
  'unknown-token': () => 'is not valid for this room',
  'internal': () => 'internal error; nothing was changed',
  'history-range': (a) => `must be below to, and below ${a.resolved} (the rounds resolved)`,
  'network-connections': (a) => `your network already has ${a.max} connections to this room`,
  'host-screens': (a) => `the host console is open on ${a.max} screens already; close one`,
  'seat-screens': (a) => `this seat token is open on ${a.max} screens already; close one`,
  'network-spectators': (a) => `your network already watches with ${a.max} screens`,
  'spectators-full': (a) => `the room has ${a.max} spectators, the most it takes`,
  'join-rate': (a) => `too many joins from your network; try again in ${a.seconds} s`,

  'host-only': (a) => `only the host can ${a.what}`,
  'seated-only': (a) => `only a seated player can ${a.what}`,
  'no-city': (a) => `you have no city yet: the host assigns one before you can ${a.what}`,
  'not-started': () => 'the game has not started',
  'already-started': () => 'the game has already started',
  'over': () => 'the game is over',
  'already-over': () => 'the game is already over',
  'resolving': (a) => `round ${a.round} is being resolved; it no longer takes decisions`,
  'resolving-event': (a) => `round ${a.round} is being resolved; inject the event into the next round`,
  'reviewing': (a) => `round ${a.round} is resolved and under review; round ${a.next} opens when the host continues`,
  'paused': () => 'the game is paused',
  'already-paused': () => 'the game is already paused',
  'not-paused': () => 'the game is not paused',
  'not-running': () => 'only a game in progress can be paused',
  'no-round': () => 'no round is open',
  'no-review': () => 'no round is under review',
  'not-refused': () => 'only a round the model refused can be played again',
  'not-resolving': () => 'no round is being resolved',
  'stale-round': (a) => `must be ${a.expected}, ${WHICH[a.which]} (got ${a.got})`,
  'ends-after-round': () => 'the game already ends after this round',
  'no-players': () => 'at least one city needs a player',
  'stage-between': () => 'the stage steps only between rounds and at the end',
  'nothing-to-save': () => 'nothing to save before the game starts',

  'not-a-city': (a) => `"${a.city}" is not a city of this game`,
  'host-cannot-join': () => 'the host console cannot take a seat; join from another device or tab',
  'already-seated': () => 'this connection already holds a seat',
  'already-asked': () => 'this connection already asked to join; wait for the answer',
  'room-full': (a) => `the room is full (${a.people} people)`,
  'bot-seat': (a) => `${a.city} is played by a bot; ask the host to hand it back to people`,
  'bot-seat-host': (a) => `${a.city} is played by a bot; hand it back to people first`,
  'bot-this-round': (a) => `${a.city} is played by a bot this round`,
  'seat-locked': (a) => `${a.city} is locked by the host`,
  'seat-taken': (a) => `${a.city} is already taken; join it as a team member instead`,
  'team-full': (a) => `${a.city}'s team is full (${a.people} people)`,
  'not-a-player': () => 'only a player can leave a seat',
  'no-member': (a) => `nobody in this room is ${a.member}`,
  'joins-locked': () => 'the host has locked joins; ask the host to open them',
  'requests-full': (a) => `${a.count} join requests are already waiting; try again in a minute`,
  'requests-network': (a) => `${a.count} join requests from your network are already waiting; try again in a minute`,
  'no-request': (a) => `no pending join request ${a.request} for you to answer`,

  'muted': (a) => `the host has muted ${a.city}`,
  'chat-no-city': () => 'take a city before you chat',
  'chat-role': () => 'only players and the host can chat',
  'chat-full': (a) => `the chat is full (${a.lines} lines)`,
  'unknown-event': (a) => `"${a.event}" is not an event of this scenario (${list(a.known) || 'none'})`,
  'event-set': (a) => `"${a.event}" is already set for this round`,
  'event-not-set': (a) => `"${a.event}" is not set for this round`,
  'event-limit': (a) => `a round takes at most ${a.max} events`,
  'quota-game': (a) => `you have sent ${a.count} ${QUOTA_KIND[a.kind]} this game, the most one person may`,
  'quota-round': (a) => `you have sent ${a.count} ${QUOTA_KIND[a.kind]} this round, the most one person may; wait for the next round`,

  'decisions-missing': () => 'is missing: every city needs decisions',
  'cap': (a) => `must be at most ${a.cap}, the national subsidy cap`,
  'not-sponsor': (a) => `is not a park ${a.city} sponsors`,
  'land': (a) => `releases ${a.released} km² but only ${a.left} km² of land quota is left`,
  'facility-open': () => 'the big science facility is already open; it needs no more funding',
  'budget': (a) =>
    `spending ${a.chosen} (subsidies ${a.subsidies} for the newcomers expected, land ${a.land}, ` +
    `environment ${a.environment}, projects ${a.projects}) exceeds the ${a.available} available ` +
    `(treasury ${a.treasury} + credit ${a.credit}${a.parks > 0 ? ` − running your parks ${a.parks}` : ''})`,

  'not-party': (a) => `${a.city} must be one of the parties`,
  'open-deals': (a) => `${a.city} already has ${a.max} open deals; close some first`,
  'deals-full': (a) => `this game already holds ${a.max} deals`,
  'no-deal': (a) => `no deal ${a.deal} involves ${a.city}`,
  'deal-closed': (a) => `deal ${a.deal} is already ${a.status}`,
  'kind-fixed': (a) => `must stay "${a.kind}"; propose a new deal for another kind`,
  'same-parties': () => 'must keep the same parties; withdraw and propose anew to change them',
  'already-accepts': (a) => `${a.city} already accepts ${a.deal}`,
  'round-full': (a) => `round ${a.round} already has ${a.max} signed deals, the most one round can take; accept ${a.deal} again next round`,
  'unsignable': (a) => `can no longer be signed: ${englishOf(a.reason.code, a.reason.args as never)}`,
  'proposer': (a) => `${a.city} proposed these terms; withdraw the deal instead`,
  'not-proposer': (a) => `only ${a.proposer}, who proposed these terms, can withdraw ${a.deal}; reject it instead`,
  'corridor-hop': (a) => `is ${a.hours} h from ${a.from}; neighbours along a corridor must be within ${a.max} h (a transport axis)`,
  'zone-adjacent': (a) => `is not adjacent to the rest of the zone: a cooperation zone joins cities within ${a.hours} h of each other`,
  'member-of': (a) => `${a.city} already belongs to ${GROUP[a.kind]} ${a.deal}`,
  'parks-barred': () => 'parks are not allowed in this game (its settings: parks false)',
  'park-host': (a) => `must be a core or second-core city (a park needs a mature ecosystem, §4.1); ${a.host} is ${a.role}`,
  'park-sponsor': (a) => `must be less developed than the host (a reverse enclave); ${a.sponsor} is ${a.sponsorRole}, ${a.host} is ${a.hostRole}`,
  'park-name': () => 'city ids too long to name the park',
  'parks-full': (a) => `this game already has ${a.max} parks, the most one game can hold`,
  'park-exists': (a) => `${a.sponsor} already has a park in ${a.host}`,
  'host-full': (a) => `${a.host} already hosts ${a.max} parks, the most one city may host`,
  'sponsor-full': (a) => `${a.sponsor} already sponsors ${a.max} parks, the most one city may run`,
  'land-quota': (a) => `${a.city} has only ${a.left} km² of land quota left (asked ${a.asked})`,
  'park-cost': (a) => `${a.host} would pay ${a.cost} up front for ${a.space} km² of park space but has only ${a.available} available (treasury and credit)`,
  'park-space': (a) =>
    `${a.host} would have ${a.total} km² of land quota (its ${a.own} + ${a.given} from ${a.sponsor}), less than the ${a.space} km² of park space`,

  'server-error': () => 'internal error',
  'websocket-only': () => 'rooms answer over WebSocket',
  'websocket-get': () => 'a room is joined with a WebSocket GET',
  'room-taken': () => 'already holds a game',
  'no-scenario': (a) => `no scenario "${a.scenario}"`,
  'server-scenario': (a) => `this server has no scenario "${a.scenario}"`,
  'weights-required': () => 'are required for custom scoring',
  'no-free-code': () => 'could not find a free room code; try again',
  'room-unavailable': (a) => a.detail,
  'no-route': (a) => `no API route ${a.method} ${a.path}`,
  'json-body': () => 'must be application/json',
  'body-size': (a) => `must be at most ${a.max} bytes`,
  'code-attempts': (a) => `too many attempts with codes that lead nowhere; try again in ${a.seconds} s`,
  'rate-address': (a) => `too many ${a.what} from this address; try again in ${a.seconds} s`,
  'rooms-resolve-only': () => 'the rooms reach only the resolve route here',
  'bearer': () => 'must be "Bearer <host token>"',
  'bearer-token': () => 'must carry a 32-character host token',
  'no-archived': () => 'no archived game with this id for this host',
  'no-share': () => 'no such share link for this game',
  'no-live-share': () => 'no live share link with this token',
  'too-many-regions': (a) => `must have at most ${a.max} regions, the cities of scenario "${a.scenario}"`,
  'too-many-locations': (a) => `must have at most ${a.max} locations, one per city and park`,
  'model-work': (a) => `ask for too much model work: the sum over rounds of (cities + parks)² is ${a.work}, at most ${a.max}`,
};

/** Every code, in the catalogue's order. */
export const REFUSAL_CODES = Object.keys(ENGLISH) as RefusalCode[];

export const isRefusalCode = (x: unknown): x is RefusalCode => typeof x === 'string' && Object.hasOwn(ENGLISH, x);

/** The English sentence of a code with its arguments. */
export function englishOf<C extends RefusalCode>(code: C, args: RefusalArgs[C]): string {
  return (ENGLISH[code] as (a: RefusalArgs[C]) => string)(args);
}
