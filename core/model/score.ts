/**
 * The score (docs/model.md "Score"): how much better a city does than it would have on its
 * own course. Its own course is the baseline, the same scenario played by the model with
 * every city on default policy (./baseline.ts). Each part compares a running total with the
 * baseline's at the same round:
 *
 *   innovation = 100 · (innovation credited so far / baseline's − 1)        % more innovation
 *   output     = 100 · (output summed so far / baseline's − 1)              % more output
 *   budget     = 100 · (fiscal result so far − baseline's) / baseline's revenue so far
 *                                                    % of its own revenue saved (+) or spent (−)
 *   region     = the same three parts, weighted alike, over all cities together
 *
 *   score = w_i·innovation + w_o·output + w_b·budget + w_r·region
 *
 * Percentages against each city's own course make a town and the metropolis comparable
 * (a subsidy that buys a town 10% more innovation scores as much as one that buys the
 * metropolis 10%), and a land sale counts only as far as it beats the sales the city would
 * have made anyway. The weights are the host's preset (SCORE_PRESETS).
 */
import type { ScoreWeights, ScoringMode } from '../protocol/settings';
import type { Baseline, RegionState } from '../protocol/state';

export interface ScoreParts {
  innovation: number;
  output: number;
  budget: number;
  region: number;
}

/** The weights of each preset; `custom` takes the host's. */
export const SCORE_PRESETS: Record<Exclude<ScoringMode, 'custom'>, ScoreWeights> = {
  // The officials' scorecard: a 1% bigger economy is worth ten points, as GDP moves slowly.
  scorecard: { innovation: 1, output: 10, budget: 1, region: 0 },
  innovation: { innovation: 2, output: 5, budget: 1, region: 0 },
  regional: { innovation: 1, output: 10, budget: 1, region: 1 },
};

type Totals = Pick<RegionState, 'cumulativeInnovation' | 'cumulativeOutput' | 'cumulativeBalance' | 'cumulativeRevenue'>;

const percent = (x: number, base: number) => (base > 1e-9 ? 100 * (x / base - 1) : 0);

/** The own parts of a group of cities (one city, or all of them) at a round, against the baseline's row. */
function partsOf(regions: readonly Totals[], row: Baseline[number], cities: readonly number[]): Omit<ScoreParts, 'region'> {
  let innovation = 0;
  let output = 0;
  let balance = 0;
  let baseInnovation = 0;
  let baseOutput = 0;
  let baseBalance = 0;
  let baseRevenue = 0;
  for (const i of cities) {
    const r = regions[i]!;
    innovation += r.cumulativeInnovation;
    output += r.cumulativeOutput;
    balance += r.cumulativeBalance;
    baseInnovation += row.innovation[i]!;
    baseOutput += row.output[i]!;
    baseBalance += row.balance[i]!;
    baseRevenue += row.revenue[i]!;
  }
  return {
    innovation: percent(innovation, baseInnovation),
    output: percent(output, baseOutput),
    budget: baseRevenue > 1e-9 ? (100 * (balance - baseBalance)) / baseRevenue : 0,
  };
}

const weigh = (p: Omit<ScoreParts, 'region'>, w: ScoreWeights) => w.innovation * p.innovation + w.output * p.output + w.budget * p.budget;

/**
 * Every city's parts after `round` rounds. A round past the baseline's end (a game run longer
 * than it was set up for) is compared with the baseline's last row.
 */
export function scorePartsAll(regions: readonly Totals[], baseline: Baseline, round: number, weights: ScoreWeights): ScoreParts[] {
  const row = baseline[Math.min(round, baseline.length) - 1];
  if (!row) return regions.map(() => ({ innovation: 0, output: 0, budget: 0, region: 0 }));
  const all = regions.map((_, i) => i);
  const region = weigh(partsOf(regions, row, all), weights);
  return regions.map((_, i) => ({ ...partsOf(regions, row, [i]), region }));
}

export function scoreOf(parts: ScoreParts, w: ScoreWeights): number {
  return w.innovation * parts.innovation + w.output * parts.output + w.budget * parts.budget + w.region * parts.region;
}
