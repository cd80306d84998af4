/**
 * Rounding of round results for people: about five significant digits, so a result that
 * goes to every viewer every round stays small; sums are then recomputed from their rounded
 * parts so every identity a viewer can check holds to the last digit. The state keeps full
 * precision. Deterministic, so a replay gives the same bytes.
 */
import type { ReturnParts, RoundResult } from '../protocol/state';
import type { ScoreWeights } from '../protocol/settings';
import { FACTORS } from './factors';
import { scoreOf } from './score';

/** After rounding, sums are recomputed from their rounded parts, so every identity a viewer
 * can check (a return's decomposition, the treasury's arithmetic, the score from its parts)
 * holds to the last digit. */
export function consistent(result: RoundResult, weights?: ScoreWeights): RoundResult {
  const total = (r: ReturnParts) => {
    r.total = r.environment * r.agglomeration * r.spillover * (1 - r.downturn) - r.congestion + r.attraction + r.subsidy;
  };
  for (const x of [...result.regions, ...result.parks]) for (const f of FACTORS) total(x.returns[f]);
  for (const r of result.regions) {
    const f = r.fiscal;
    f.end = f.start + f.tax + f.support + f.landSales - f.subsidies - f.environment - f.land - f.projects - f.parkCosts - f.returned;
    // The score is its rounded parts, weighted: what a viewer can recompute from the report.
    if (weights) r.score = round5(scoreOf(r.scoreParts, weights));
  }
  return result;
}

/**
 * Numbers rounded for people (the state keeps full precision): the result goes to every
 * viewer every round, so its size matters. Rounding is deterministic, so a replay gives the
 * same bytes. In place: the result shares no object with the state.
 */
export function round5(x: number): number {
  // About five significant digits, seven decimals at most.
  const a = Math.abs(x);
  const k = a >= 1e4 ? 1 : a >= 1000 ? 10 : a >= 100 ? 1e2 : a >= 10 ? 1e3 : a >= 1 ? 1e4 : a >= 0.1 ? 1e5 : a >= 0.01 ? 1e6 : 1e7;
  return Math.round(x * k) / k;
}

export function compact<T extends object>(x: T): T {
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) {
      const v: unknown = x[i];
      if (typeof v === 'number') x[i] = round5(v);
      else if (v !== null && typeof v === 'object') compact(v);
    }
    return x;
  }
  const o = x as Record<string, unknown>;
  for (const key in o) {
    const v = o[key];
    if (typeof v === 'number') o[key] = round5(v);
    else if (v !== null && typeof v === 'object') compact(v);
  }
  return x;
}
