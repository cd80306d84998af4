/**
 * How much model work a public request may ask for, checked on the parsed JSON before the
 * schema and before the model runs (issue 12: a crafted 1.9 MB replay of 250 parks and
 * 1,000 rounds ran 61 s and took workerd down).
 *
 * A round of the model costs about a fixed part plus a part that grows with the square of
 * its locations (cities + parks): measured on this machine, ~10–20 ms for a classroom game
 * and ~85–130 ms with 250 parks. So a request is bounded twice: at most MAX_MODEL_ROUNDS
 * rounds (the fixed parts; the game's own limit), and Σ over its rounds of (cities + parks)²
 * at most WORK_BUDGET (the growing part). 30 rounds of the largest scenario (11 cities) with
 * 20 parks fit; a record that needs more is refused with 413, naming the rule.
 *
 * Everything here reads untrusted JSON defensively: a field of the wrong type counts as
 * empty and is left to the schema, which runs next and refuses it.
 */
import { MAX_ROUND_DEALS } from '../core/protocol/deals';
import { MAX_ROUND_EVENTS } from '../core/protocol/events';
import { MAX_ROUNDS } from '../core/protocol/settings';
import { getScenario, type Scenario } from '../core/scenarios';
import { playedScenario } from '../core/scenarios/played';
import type { Refusal } from './body';
import { moved, refusal } from '../core/protocol/refusals';
import type { InputError } from '../core/protocol/validate';

/** Rounds a replay or what-if may run: the most a game can have. */
export const MAX_MODEL_ROUNDS = MAX_ROUNDS;
/** Σ over rounds of (cities + parks)²: 30 rounds × (11 cities + 21 parks)² = 30,720 fit. */
export const WORK_BUDGET = 32_768;

const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const field = (x: unknown, name: string): unknown => (x !== null && typeof x === 'object' ? (x as Record<string, unknown>)[name] : undefined);

const tooMuch = (error: InputError): Refusal => ({ status: 413, error });

/** What a round asks of the model, as far as the work budget is concerned. */
export interface RoundAsk {
  deals: unknown[];
  events: unknown[];
}

/** Σ over rounds of (cities + parks)², the parks growing with each round's park deals. */
export function modelWork(cities: number, parks: number, rounds: readonly RoundAsk[]): number {
  let work = 0;
  let now = parks;
  for (const round of rounds) {
    // A park deal signed in a round takes effect in that round's resolution.
    now += round.deals.filter((d) => field(field(d, 'terms'), 'kind') === 'park').length;
    work += (cities + now) ** 2;
  }
  return work;
}

/**
 * Check a state and the rounds to run on it against the scenario: its cities, its locations
 * (one per city and park), the deals and events per round, the rounds, and the work budget.
 * `at` names where the state and rounds sit in the request.
 */
export function checkWork(scenario: Scenario, state: unknown, rounds: readonly RoundAsk[], at: { state: string; rounds: string; round: (i: number) => string }): Refusal | null {
  const cities = scenario.regions.length;
  const regions = list(field(state, 'regions')).length;
  if (regions > cities) return tooMuch(refusal(`${at.state}.regions`, 'too-many-regions', { max: cities, scenario: scenario.id }));
  const parks = list(field(field(state, 'agreements'), 'parks')).length;
  const locations = list(field(state, 'locations')).length;
  if (locations > cities + parks) return tooMuch(refusal(`${at.state}.locations`, 'too-many-locations', { max: cities + parks }));
  if (rounds.length > MAX_MODEL_ROUNDS) return tooMuch(refusal(at.rounds, 'max-items', { max: MAX_MODEL_ROUNDS, items: 'rounds' }));
  for (const [i, round] of rounds.entries()) {
    if (round.deals.length > MAX_ROUND_DEALS) return tooMuch(refusal(`${at.round(i)}.deals`, 'max-items', { max: MAX_ROUND_DEALS, items: 'deals' }));
    if (round.events.length > MAX_ROUND_EVENTS) return tooMuch(refusal(`${at.round(i)}.events`, 'max-items', { max: MAX_ROUND_EVENTS, items: 'events' }));
  }
  const work = modelWork(cities, parks, rounds);
  if (work > WORK_BUDGET) {
    return tooMuch(refusal(at.rounds, 'model-work', { work, max: WORK_BUDGET }));
  }
  return null;
}

/** A game record to replay (an upload, or an archived game for a what-if). */
export function checkRecordWork(raw: unknown, prefix = 'record'): Refusal | null {
  const id = field(field(raw, 'settings'), 'scenario');
  if (typeof id !== 'string') return null;
  // A game on a facilitator's own region carries its map: weigh the work on that map.
  // (A map this server lacks is 409: the record may be fine, the server cannot play it.)
  const region = field(raw, 'region');
  const played = playedScenario(id, region, region === undefined ? `${prefix}.settings.scenario` : `${prefix}.region`);
  if (!played.ok) return { status: region === undefined ? 409 : 400, error: played.error };
  const scenario = played.scenario;
  const rounds = list(field(raw, 'rounds')).map((r) => ({ deals: list(field(r, 'deals')), events: list(field(r, 'events')) }));
  return checkWork(scenario, field(raw, 'initialState'), rounds, { state: `${prefix}.initialState`, rounds: `${prefix}.rounds`, round: (i) => `${prefix}.rounds.${i}` });
}

/** One round for the public resolve route. */
export function checkResolveWork(raw: unknown): Refusal | null {
  const state = field(raw, 'state');
  const id = field(state, 'scenario');
  const scenario = typeof id === 'string' ? getScenario(id) : undefined;
  // An unknown scenario is answered 400 by the route, as before.
  if (!scenario) return null;
  const round = { deals: list(field(raw, 'deals')), events: list(field(raw, 'events')) };
  const refused = checkWork(scenario, state, [round], { state: 'state', rounds: 'state.agreements.parks', round: () => '' });
  // The request names its deals and events at the top level, not under a round.
  return refused && { ...refused, error: moved(refused.error, refused.error.field.replace(/^\./, '')) };
}
