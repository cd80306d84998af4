/**
 * The score's parts, one place for every screen (core/model/score.ts, docs/data.md "The
 * score"): each part is how a city did against its own course (its baseline), and its
 * points are that times the part's weight; the points add up to the score. Pure, so the
 * client's words (./score-words.ts) and the tests read the same numbers.
 */
import type { ScoreParts } from '../../../core/model/score';
import type { ScoreWeights } from '../../../core/protocol/settings';

/** The parts in the order every screen shows them. */
export const SCORE_PARTS = ['innovation', 'output', 'budget', 'region'] as const satisfies readonly (keyof ScoreParts)[];
export type ScorePart = (typeof SCORE_PARTS)[number];

export interface ScoreTerm {
  part: ScorePart;
  /** Against the baseline: % for innovation, output and budget; points of the region's score for region. */
  value: number;
  weight: number;
  points: number;
}

/** The parts that count in a game: those with a weight. */
export const countedParts = (weights: ScoreWeights): ScorePart[] => SCORE_PARTS.filter((p) => weights[p] > 0);

/** Each part that counts, with its weight and its points (value × weight); they add up to the score. */
export function scoreTerms(parts: ScoreParts, weights: ScoreWeights): ScoreTerm[] {
  return countedParts(weights).map((part) => ({ part, value: parts[part], weight: weights[part], points: weights[part] * parts[part] }));
}
