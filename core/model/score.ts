/**
 * Scores (game.md "Scoring modes"). Every part is reported so players see the trade-offs:
 *   output     = 100 · (Y / Y0 − 1)                      own output growth, %
 *   knowledge  = 50 · (credited innovation so far) / Z0  own innovation relative to the knowledge it started with
 *   fiscal     = 10 · (B − B0) / (initial tax per round)  treasury kept (+) or spent (−)
 *   regional   = 100 · (ΣY / ΣY0 − 1)                    the whole region's output growth (new regionalism, §4.3)
 *   inequality = 100 · innovation Gini                    the Matthew effect (§1.2)
 *   score = w_o·output + w_k·knowledge + w_f·fiscal + w_r·regional − w_i·inequality
 * `tournament` weighs only the own parts; `regional` adds the region's welfare and the
 * inequality penalty; `custom` takes the host's weights.
 */
import type { ScoreWeights } from '../protocol/settings';
import type { RegionState } from '../protocol/state';
import type { ModelContext } from './context';

export interface ScoreParts {
  output: number;
  knowledge: number;
  fiscal: number;
  regional: number;
  inequality: number;
}

export function scoreParts(ctx: ModelContext, r: RegionState, i: number, regionalGrowth: number, innovationGini: number): ScoreParts {
  const start = ctx.scenario.regions[i]!;
  const taxRound = Math.max(ctx.params.taxRate * start.gdp, 1e-9);
  return {
    output: 100 * (r.output / start.gdp - 1),
    knowledge: (50 * r.cumulativeInnovation) / Math.max(start.knowledge, 1e-9),
    fiscal: (10 * (r.treasury - start.treasury)) / taxRound,
    regional: 100 * regionalGrowth,
    inequality: 100 * innovationGini,
  };
}

export function scoreOf(parts: ScoreParts, w: ScoreWeights): number {
  return w.output * parts.output + w.knowledge * parts.knowledge + w.fiscal * parts.fiscal + w.regional * parts.regional - w.inequality * parts.inequality;
}
