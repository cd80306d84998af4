/**
 * The score in words, the same on every screen: the one-sentence rule, what each part is
 * worth in this game, and a part's value × weight = points. The words are the `score`
 * messages of the main catalogue; the numbers come from ./score.ts.
 */
import type { ScoreWeights } from '../../../core/protocol/settings';
import { i18n } from './i18n.svelte';
import { countedParts, type ScorePart, type ScoreTerm } from './score';

/** A weight as people write it: 10, 0.5, 1.25. */
export const weightText = (w: number): string => i18n.num(w, Number.isInteger(w) ? 0 : Number.isInteger(w * 10) ? 1 : 2);

/** A part's value against the baseline: a signed % (region: signed points). */
export const partValue = (part: ScorePart, value: number): string => i18n.signed(value, 1) + (part === 'region' ? '' : '%');

/** Points, score or a part's share of it: signed, one decimal. */
export const pointsText = (x: number): string => i18n.signed(x, 1);

/** "+3.2% × 10 = +32.0": a part against the baseline, times its weight, gives its points. */
export const termText = (t: ScoreTerm): string => `${partValue(t.part, t.value)} × ${weightText(t.weight)} = ${pointsText(t.points)}`;

/** "Output +3.2% × 10 = +32.0". */
export const namedTerm = (t: ScoreTerm): string => `${i18n.main.score.parts[t.part]} ${termText(t)}`;

/** "In this game: 1% more innovation = 1 point, 1% more output = 10 points and …". */
export function weightsText(weights: ScoreWeights): string {
  const s = i18n.main.score;
  return s.inThisGame(i18n.list(countedParts(weights).map((p) => s.per[p](s.points(weightText(weights[p]))))));
}
