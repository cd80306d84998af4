/**
 * The printed briefings' address (screens/Briefings.svelte), apart from the cards' logic so
 * the host's screens link to it without loading the model: /briefings/SCENARIO?lang=zh, with
 * `w=innovation,output,budget,region` when the game's weights are not the default scorecard.
 */
import { SCORE_PRESETS } from '../../../core/model/score';
import { LANGUAGES, type Language, type ScoreWeights } from '../../../core/protocol/settings';

/** The printed briefings' address: the scenario, the language (the room's: players read them), and the game's weights when not the default scorecard. */
export function briefingsHref(scenario: string, lang: string, weights: ScoreWeights = SCORE_PRESETS.scorecard): string {
  const q = new URLSearchParams({ lang });
  const w = [weights.innovation, weights.output, weights.budget, weights.region];
  const d = SCORE_PRESETS.scorecard;
  if (w.join() !== [d.innovation, d.output, d.budget, d.region].join()) q.set('w', w.join(','));
  return `/briefings/${encodeURIComponent(scenario)}?${q}`;
}

/** What the address asks for: a language (null: the page's own) and the weights (the scorecard unless given and valid). */
export function briefingsQuery(search: string): { lang: Language | null; weights: ScoreWeights } {
  const q = new URLSearchParams(search);
  const lang = q.get('lang');
  const w = (q.get('w') ?? '').split(',').map(Number);
  const ok = w.length === 4 && w.every((x) => Number.isFinite(x) && x >= 0 && x <= 20);
  return {
    lang: (LANGUAGES as readonly (string | null)[]).includes(lang) ? (lang as Language) : null,
    weights: ok ? { innovation: w[0]!, output: w[1]!, budget: w[2]!, region: w[3]! } : { ...SCORE_PRESETS.scorecard },
  };
}
