/**
 * Every refusal the game can give, as a code and its arguments: the room's rules
 * (party/rules/*), the checks of a message's shape (core/protocol/room.ts through
 * validate.ts), the model's own checks (core/model/budget.ts, deals.ts, core/deals) and the
 * HTTP API (worker/). A client says a refusal in its reader's language from the code and
 * the arguments (web/src/lib/refusals.ts); every refusal also carries its English sentence
 * (`rule`), built here from the same arguments, for clients from before codes, for a code a
 * client does not know yet, and for logs.
 *
 * Arguments are numbers (already rounded as the sentence shows them), ids (cities, deals,
 * members, events) and lists of them. A few carry an English phrase for the sentence only
 * (`what`, `detail`): a client says those in its own words without them.
 *
 * A new refusal: add its code to RefusalArgs and ENGLISH here, and one entry per language
 * in web/src/i18n/main/{en,zh,es}.ts `refusals` (tests/web/refusals.test.ts fails until then).
 */
/** Which round a round number was checked against. */
export type RoundWhich = 'open' | 'resolving' | 'review' | 'refused' | 'deciding';
/** The kinds of agreement that have members. */
export type GroupKind = 'corridor' | 'zone' | 'platform';

/** Each code's arguments. */
export interface RefusalArgs {
  // The shape of a message or a request body (core/protocol/validate.ts and the schemas).
  /** Not JSON at all. */
  'invalid-json': Record<string, never>;
  /** A WebSocket frame that is not text. */
  'json-text': Record<string, never>;
  /** A field the message type does not have. */
  'unknown-field': { type: string };
  /** A field the message type needs and the message lacks. */
  'missing-field': { type: string };
  /** The same inside a message (decisions, terms, settings): a field that does not belong, or one that is missing. */
  'extra-field': Record<string, never>;
  'required': Record<string, never>;
  'not-an-object': Record<string, never>;
  'not-a-list': Record<string, never>;
  /** `type` names no message. */
  'unknown-type': { types: string[] };
  'not-text': Record<string, never>;
  'not-a-number': Record<string, never>;
  'not-finite': Record<string, never>;
  'whole-number': Record<string, never>;
  'not-a-flag': Record<string, never>;
  'not-zero': Record<string, never>;
  'at-least': { min: number };
  'at-most': { max: number };
  'empty': Record<string, never>;
  'min-chars': { min: number };
  'max-chars': { max: number };
  'control-chars': Record<string, never>;
  'direction-chars': Record<string, never>;
  'invisible-chars': Record<string, never>;
  'reserved-name': Record<string, never>;
  /** Not one of a fixed list of words. */
  'one-of': { options: string[] };
  /** Ids of a given form: a city or scenario id, a token, a member, request or deal id. */
  'not-an-id': Record<string, never>;
  'not-a-token': Record<string, never>;
  'not-a-member-id': Record<string, never>;
  'not-a-request-id': Record<string, never>;
  'not-a-deal-id': Record<string, never>;
  'not-a-digest': Record<string, never>;
  'not-a-time': Record<string, never>;
  /** An old client: reload. */
  'protocol': { version: number };
  /** A value fixed by the server (a model version, a scenario id). */
  'must-equal': { value: string };
  /** A bot strategy that is none of the names nor fixed:RATE. */
  'strategy': { strategies: string[]; max: number };
  /** Lists: `items` names what is counted (English, for the sentence). */
  'min-items': { min: number; items: string };
  'max-items': { max: number; items: string };
  'listed-twice': Record<string, never>;
  'same-city': Record<string, never>;
  'reserved-key': Record<string, never>;
  /** Everything else: valibot's own message, or a check of a model state, parameters or scenario file that no player can cause from the game. */
  'invalid': { detail: string };

  // The connection (party/game.ts, party/persons.ts).
  'rate': Record<string, never>;
  'no-game': Record<string, never>;
  'closed': Record<string, never>;
  'hello-first': Record<string, never>;
  /** A `hello` token the room does not know, or not a token at all: the connection carries on as a spectator. */
  'unknown-token': Record<string, never>;
  'internal': Record<string, never>;
  'history-range': { resolved: number };
  'network-connections': { max: number };
  'host-screens': { max: number };
  'seat-screens': { max: number };
  'network-spectators': { max: number };
  'spectators-full': { max: number };
  'join-rate': { seconds: number };

  // Roles and phases (party/rules/common.ts, rounds.ts).
  /** `what`: the action, in English, for the sentence only. */
  'host-only': { what: string };
  'seated-only': { what: string };
  'no-city': { what: string };
  'not-started': Record<string, never>;
  'already-started': Record<string, never>;
  'over': Record<string, never>;
  'already-over': Record<string, never>;
  'resolving': { round: number };
  'resolving-event': { round: number };
  'reviewing': { round: number; next: number };
  'paused': Record<string, never>;
  'already-paused': Record<string, never>;
  'not-paused': Record<string, never>;
  'not-running': Record<string, never>;
  'no-round': Record<string, never>;
  'no-review': Record<string, never>;
  'not-refused': Record<string, never>;
  'not-resolving': Record<string, never>;
  'stale-round': { expected: number; got: number; which: RoundWhich };
  'ends-after-round': Record<string, never>;
  'no-players': Record<string, never>;
  'stage-between': Record<string, never>;
  'nothing-to-save': Record<string, never>;

  // Seats and doors (party/rules/seats.ts, doors.ts).
  'not-a-city': { city: string };
  'host-cannot-join': Record<string, never>;
  'already-seated': Record<string, never>;
  'already-asked': Record<string, never>;
  'room-full': { people: number };
  'bot-seat': { city: string };
  'bot-seat-host': { city: string };
  'bot-this-round': { city: string };
  'seat-locked': { city: string };
  'seat-taken': { city: string };
  'team-full': { city: string; people: number };
  'not-a-player': Record<string, never>;
  'no-member': { member: string };
  'joins-locked': Record<string, never>;
  'requests-full': { count: number };
  'requests-network': { count: number };
  'no-request': { request: string };

  // Chat, events, quotas (party/rules/talk.ts, events.ts, quota.ts).
  'muted': { city: string };
  'chat-no-city': Record<string, never>;
  'chat-role': Record<string, never>;
  'chat-full': { lines: number };
  'unknown-event': { event: string; known: string[] };
  'event-set': { event: string };
  'event-not-set': { event: string };
  'event-limit': { max: number };
  'quota-game': { count: number; kind: 'chat' | 'deals' };
  'quota-round': { count: number; kind: 'chat' | 'deals' };

  // A city's decisions (core/model/budget.ts, resolve.ts).
  'decisions-missing': Record<string, never>;
  'cap': { cap: number };
  'not-sponsor': { park: string; city: string };
  'land': { released: number; left: number };
  'facility-open': Record<string, never>;
  'budget': { chosen: number; subsidies: number; land: number; environment: number; projects: number; available: number; treasury: number; credit: number; parks: number };

  // Deals (core/deals/actions.ts, core/model/deals.ts).
  'not-party': { city: string };
  'open-deals': { city: string; max: number };
  'deals-full': { max: number };
  'no-deal': { deal: string; city: string };
  'deal-closed': { deal: string; status: string };
  'kind-fixed': { kind: string };
  'same-parties': Record<string, never>;
  'already-accepts': { city: string; deal: string };
  'round-full': { round: number; max: number; deal: string };
  /** The terms broke a rule since they were proposed: `reason` is that rule's refusal. */
  'unsignable': { reason: { code: RefusalCode; args: object } };
  'proposer': { city: string };
  'not-proposer': { proposer: string; deal: string };
  'corridor-hop': { hours: number; from: string; max: number };
  'zone-adjacent': { hours: number };
  'member-of': { city: string; kind: GroupKind; deal: string };
  'park-host': { host: string; role: string };
  'park-sponsor': { sponsor: string; sponsorRole: string; host: string; hostRole: string };
  'park-name': Record<string, never>;
  'parks-full': { max: number };
  'park-exists': { sponsor: string; host: string };
  'host-full': { host: string; max: number };
  'sponsor-full': { sponsor: string; max: number };
  'land-quota': { city: string; left: number; asked: number };
  'park-cost': { host: string; cost: number; space: number; available: number };
  'park-space': { host: string; total: number; own: number; given: number; sponsor: string; space: number };

  // The HTTP API (worker/).
  'server-error': Record<string, never>;
  'websocket-only': Record<string, never>;
  'websocket-get': Record<string, never>;
  'room-taken': Record<string, never>;
  'no-scenario': { scenario: string };
  'server-scenario': { scenario: string };
  'weights-required': Record<string, never>;
  'no-free-code': Record<string, never>;
  'room-unavailable': { detail: string };
  'no-route': { method: string; path: string };
  'json-body': Record<string, never>;
  'body-size': { max: number };
  'code-attempts': { seconds: number };
  'rate-address': { what: string; seconds: number };
  'rooms-resolve-only': Record<string, never>;
  'bearer': Record<string, never>;
  'bearer-token': Record<string, never>;
  'no-archived': Record<string, never>;
  'no-share': Record<string, never>;
  'no-live-share': Record<string, never>;
  'too-many-regions': { max: number; scenario: string };
  'too-many-locations': { max: number };
  'model-work': { work: number; max: number };
}

export type RefusalCode = keyof RefusalArgs;

/** A refusal of a given code, as it travels. */
export type Refusal<C extends RefusalCode = RefusalCode> = { [K in C]: { field: string; code: K; args: RefusalArgs[K]; rule: string } }[C];

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

/** A refusal of `field`: its code, its arguments and its English sentence. */
export function refusal<C extends RefusalCode>(field: string, code: C, args: RefusalArgs[C]): Refusal {
  return { field, code, args, rule: englishOf(code, args) } as Refusal;
}

/** A check of a model state, parameters or scenario file that no player can cause from the game: its English is all it says. */
export const invalid = (field: string, detail: string): Refusal => refusal(field, 'invalid', { detail });

/** The same refusal about another field (a nested check's field under a prefix). */
export const moved = (error: Refusal, field: string): Refusal => ({ ...error, field });

/** Round as the model's sentences show it: to one decimal (the budget) or two (the deals). */
export const round1 = (x: number) => Math.round(x * 10) / 10;
export const round2 = (x: number) => Math.round(x * 100) / 100;

// Schema messages: valibot carries a message as a string, so a schema's message is its code
// and arguments written as one; `check` (validate.ts) reads it back. Nothing else reads them.
const MARK = '\u0001refusal:';

/** A schema message that `check` reports as this code. */
export function say<C extends RefusalCode>(code: C, ...args: RefusalArgs[C] extends Record<string, never> ? [] : [RefusalArgs[C]]): string {
  return MARK + JSON.stringify([code, args[0] ?? {}]);
}

/** Whether a schema message was written by `say`. */
export const isSaid = (message: string): boolean => message.startsWith(MARK);

/** The code and arguments of a schema message; a message not written by `say` (valibot's own) is `invalid`. */
export function heard(message: string): { code: RefusalCode; args: object } {
  if (message.startsWith(MARK)) {
    const [code, args] = JSON.parse(message.slice(MARK.length)) as [RefusalCode, object];
    if (isRefusalCode(code)) return { code, args };
  }
  return { code: 'invalid', args: { detail: message } };
}

/**
 * The message of a strict object that is a message type: a field it lacks and a field it does
 * not have are refused apart. valibot reports both as the object's issue; an unknown key is
 * the one that `expected` nothing.
 */
export const fieldsOf =
  (type: string) =>
  (issue: { expected: string | null }): string =>
    issue.expected === 'never' ? say('unknown-field', { type }) : issue.expected === 'Object' ? say('not-an-object') : say('missing-field', { type });
