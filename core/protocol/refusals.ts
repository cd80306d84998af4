/**
 * Every refusal the game can give, as a code and its arguments: the room's rules
 * (party/rules/*), the checks of a message's shape (core/protocol/room.ts through
 * validate.ts), the model's own checks (core/model/budget.ts, deals.ts, core/deals) and the
 * HTTP API (worker/). A client says a refusal in its reader's language from the code and
 * the arguments (web/src/lib/refusals.ts); every refusal also carries its English sentence
 * (`rule`, ./refusals-english.ts), built from the same arguments, for clients from before
 * codes, for a code a client does not know yet, and for logs. (The browser's build leaves the
 * English out: there `rule` is the code, web/vite.config.ts.)
 *
 * Arguments are numbers (already rounded as the sentence shows them), ids (cities, deals,
 * members, events) and lists of them. A few carry an English phrase for the sentence only
 * (`what`, `detail`): a client says those in its own words without them.
 *
 * A new refusal: add its code and arguments to RefusalArgs here, its English to
 * ./refusals-english.ts, and one sentence per language to web/src/i18n/refusals/{en,zh,es}.ts
 * (TypeScript and tests/web/refusals.test.ts refuse a catalogue without it).
 */
import { englishOf } from './refusals-english';

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
  'between': { min: number; max: number };
  /** A model parameter override names no parameter (core/model/params.ts). */
  'not-a-parameter': Record<string, never>;
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
  /** This game's settings do not allow parks (settings.parks false). */
  'parks-barred': Record<string, never>;
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
  /** A game on a region sheet (docs/scenarios.md) whose region is neither carried nor stored here. */
  'region-missing': { scenario: string };
  /** A carried region under a built-in scenario's id. */
  'region-not-sheet': { scenario: string };
  /** A carried region that is not the one the game names. */
  'region-other': { scenario: string; region: string };
  /** A region sheet with problems (each listed in the answer's `problems`). */
  'region-sheet': { problems: number };
  /** No stored region with this id. */
  'no-region': Record<string, never>;
  /** Deleting a region with a host token other than the one it was stored under. */
  'not-region-host': Record<string, never>;
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

  // A class of rooms (worker/classes.ts, party/class-room.ts).
  /** The rooms of a class play different scenarios: they must share one to be compared. */
  'class-scenario': { scenario: string; first: string };
  /** Two rooms the comparison counts as one treatment (label and preset) have different settings; `room` is the earlier one, from 1. */
  'class-treatment-differs': { label: string; room: number };
  /** A well-formed bearer token that is not this class's host token. */
  'not-class-host': Record<string, never>;
  'no-class': Record<string, never>;
  /** A room code the class does not hold. */
  'not-class-room': { room: string };
  /** A person id the class has not placed. */
  'no-person': { person: string };
  /** People are placed and moved only before the class starts. */
  'class-started': Record<string, never>;
  /** The class holds as many people as it takes. */
  'class-full': { people: number };
  /** Joins to a class from one address, at most. */
  'class-joins-address': { count: number };
  /** In lock-step, the next round opens in every room together, once each holds the same round in review. */
  'class-not-in-step': { waiting: string[]; round: number };
  /** In lock-step, `continue` is for the whole class only. */
  'class-lock-step': Record<string, never>;
  /** A room of the class did not answer in time or failed. */
  'room-unreachable': { room: string };
  /** A code that belongs to a class, not a room: join it through the class. */
  'class-code': { code: string };
}

export type RefusalCode = keyof RefusalArgs;

/** A refusal of a given code, as it travels. */
export type Refusal<C extends RefusalCode = RefusalCode> = { [K in C]: { field: string; code: K; args: RefusalArgs[K]; rule: string } }[C];

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
    return { code, args };
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
