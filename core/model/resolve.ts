/**
 * One round of the flow model (docs/model.md "One round"): a pure function of the scenario,
 * the state, every city's decisions, the deals signed and the events injected this round. No
 * I/O, no clock; randomness comes only from the game's seed and the round number, so
 * replaying a game reproduces it byte for byte (§5.9).
 *
 * resolveRound() checks the inputs; advance() (round/index.ts) runs the round as named
 * steps, one file each under round/. Order within a round (one "year"):
 *   0. roundFrame          events (rail lines, caps, downturn) and signed deals take effect (§3);
 *                          locations, geometry, subsidy schedule and platforms are fixed
 *   1. releaseLand         land released; a science facility's last funded round opens it (§2.3) (step 1)
 *   2. moveFactors         factors form expectations: adaptive base return + announced subsidy   (step 3)
 *                          a share of each factor reconsiders and moves by logit; parks admit    (step 4)
 *   3. screenHunters       subsidy hunters go where subsidies are highest, locations screen them (step 5)
 *   4. realiseReturns      realised returns where factors now are                                (step 2)
 *   5. innovate            innovation, patents, knowledge; startups born and matured             (step 6)
 *   6. siteProduction      mature firms site production (old firms close first)                  (step 7)
 *   7. diffuse             diffusion into industrial bases                                       (step 8)
 *   8. settleBudgets       output, fiscal balance, environment                                   (steps 9–10)
 *   9. updateExpectations  expectations updated from realised returns, for the next round       (step 3)
 *  10. assembleResult      metrics, city and park reports, flows; the next state
 */
import type { SignedDeal } from '../protocol/deals';
import type { Decisions } from '../protocol/decisions';
import type { GameEvent } from '../protocol/events';
import { MODEL_VERSION, type GameState, type RoundResult } from '../protocol/state';
import type { InputError } from '../protocol/validate';
import type { Scenario } from '../scenarios/schema';
import { checkDecisions } from './budget';
import { makeContext } from './context';
import { checkEvents } from './events';
import { checkOverrides, resolveParams } from './params';
import { advance } from './round';
import { invalid, moved, refusal } from '../protocol/refusals';

export type ResolveOutcome = { ok: true; state: GameState; result: RoundResult } | { ok: false; error: InputError };

/** What else happens in a round besides the cities' decisions. */
export interface RoundInputs {
  /** Deals signed during this round: they take effect in this resolution. */
  deals?: readonly SignedDeal[];
  /** Events the host injected before this round. */
  events?: readonly GameEvent[];
}

/** The state must belong to the scenario: same cities in the same order, known hosts. */
function checkState(scenario: Scenario, state: GameState): InputError | null {
  if (state.model !== MODEL_VERSION) return refusal('state.model', 'must-equal', { value: MODEL_VERSION });
  if (state.scenario !== scenario.id) return refusal('state.scenario', 'must-equal', { value: scenario.id });
  const paramError = checkOverrides(state.params);
  if (paramError) return moved(paramError, `state.${paramError.field}`);
  if (state.regions.length !== scenario.regions.length) {
    return invalid('state.regions', `must list the scenario's ${scenario.regions.length} cities`);
  }
  const cities = new Set(scenario.regions.map((r) => r.id));
  for (const [i, r] of scenario.regions.entries()) {
    const region = state.regions[i]!;
    if (region.id !== r.id) return invalid(`state.regions.${i}.id`, `must be "${r.id}"`);
    for (const s of scenario.sectors) {
      if (region.industrialBase[s] === undefined) return invalid(`state.regions.${i}.industrialBase`, `must have the sector "${s}"`);
    }
  }
  const ids = new Set<string>();
  for (const [i, loc] of state.locations.entries()) {
    if (ids.has(loc.id)) return invalid(`state.locations.${i}.id`, `duplicates "${loc.id}"`);
    ids.add(loc.id);
    for (const key of ['host', 'sponsor'] as const) {
      if (!cities.has(loc[key])) return invalid(`state.locations.${i}.${key}`, `"${loc[key]}" is not a city of the scenario`);
    }
    const isCity = cities.has(loc.id);
    if (isCity ? loc.host !== loc.id || loc.sponsor !== loc.id : !state.agreements.parks.some((p) => p.id === loc.id)) {
      return invalid(`state.locations.${i}`, isCity ? 'a city location must host and sponsor itself' : `"${loc.id}" is neither a city nor a park`);
    }
  }
  for (const r of scenario.regions) {
    if (!ids.has(r.id)) return invalid('state.locations', `must include the city "${r.id}"`);
  }
  for (const [i, p] of state.agreements.parks.entries()) {
    const loc = state.locations.find((l) => l.id === p.id);
    if (!loc || loc.host !== p.host || loc.sponsor !== p.sponsor) return invalid(`state.agreements.parks.${i}`, 'must match a park location');
  }
  for (const kind of ['corridors', 'zones', 'platforms'] as const) {
    for (const [i, a] of state.agreements[kind].entries()) {
      for (const [k, m] of a.members.entries()) {
        if (!cities.has(m)) return invalid(`state.agreements.${kind}.${i}.members.${k}`, `"${m}" is not a city of the scenario`);
      }
    }
  }
  for (const [i, pair] of state.firmPairs.entries()) {
    if (!cities.has(pair.rd) || !cities.has(pair.prod)) return invalid(`state.firmPairs.${i}`, 'must name cities of the scenario');
  }
  return null;
}

export function resolveRound(
  scenario: Scenario,
  state: GameState,
  decisions: Readonly<Record<string, Decisions>>,
  inputs: RoundInputs = {},
): ResolveOutcome {
  const stateError = checkState(scenario, state);
  if (stateError) return { ok: false, error: stateError };
  const ctx = makeContext(scenario, resolveParams(state.params));
  for (const id of Object.keys(decisions)) {
    if (!ctx.cityIndex.has(id)) return { ok: false, error: refusal(`decisions.${id}`, 'not-a-city', { city: id }) };
  }
  for (const r of state.regions) {
    const d = decisions[r.id];
    if (!d) return { ok: false, error: refusal(`decisions.${r.id}`, 'decisions-missing', {}) };
    // Checked against the state the players saw; a cap arriving with this round's events
    // cuts bids at resolution instead of refusing the round.
    const error = checkDecisions(ctx, state, r.id, d);
    if (error) return { ok: false, error: { ...error, field: `decisions.${r.id}.${error.field}` } };
  }
  const events = inputs.events ?? [];
  const eventError = checkEvents(ctx, events);
  if (eventError) return { ok: false, error: eventError };
  return { ok: true, ...advance(ctx, state, decisions, inputs.deals ?? [], events) };
}

