/** Helpers for model tests: play rounds with given subsidies, straight through the pure core. */
import { initialState, resolveRound } from '../../core/model';
import { noDecisions, type Decisions } from '../../core/protocol/decisions';
import type { GameState, RoundResult } from '../../core/protocol/state';
import { getScenario, type Scenario } from '../../core/scenarios';

export function scenario(id = 'classroom-4'): Scenario {
  const s = getScenario(id);
  if (!s) throw new Error(`no scenario ${id}`);
  return s;
}

export type Policy = (round: number, city: string, state: GameState) => Partial<Decisions>;

export const noPolicy: Policy = () => ({});

export function decisionsFor(s: Scenario, state: GameState, policy: Policy): Record<string, Decisions> {
  const round = state.round + 1;
  return Object.fromEntries(s.regions.map((r) => [r.id, { ...noDecisions(round), ...policy(round, r.id, state), round }]));
}

export function play(s: Scenario, rounds: number, policy: Policy = noPolicy, seed = 7): { state: GameState; results: RoundResult[] } {
  let state = initialState(s, { seed });
  const results: RoundResult[] = [];
  for (let t = 0; t < rounds; t++) {
    const out = resolveRound(s, state, decisionsFor(s, state, policy));
    if (!out.ok) throw new Error(`round ${t + 1}: ${out.error.field}: ${out.error.rule}`);
    state = out.state;
    results.push(out.result);
  }
  return { state, results };
}

export const flat = (x: number) => ({ talent: x, startups: x, capital: x });
