/**
 * The myopic best responder (docs/balance.md, property 3): each round it bids the city-wide
 * subsidy that maximises its own projected score a few rounds on, assuming every other city
 * keeps last round's bids. It is not told to escalate: if a race appears, it is because
 * outbidding pays for each city on its own, the prisoner's dilemma of §1.2 and §4.1.
 *
 * It searches near its last bid (one step down, the same, one step up; and nothing), so a
 * bid moves by at most a step a round, as officials adjust a programme, and each choice
 * costs a handful of projected rounds.
 */
import { clampRate, type BotView } from './index';
import { projectScores } from './project';

/** How far ahead it looks, in rounds: long enough for newcomers to innovate and for their bill to show. */
export const BR_HORIZON = 2;
/** Step between the bids it weighs, money per unit. */
export const BR_STEP = 0.05;

export function bestResponseRate(view: BotView, cap: number): number {
  const i = view.state.regions.findIndex((r) => r.id === view.city);
  const mine = view.results.at(-1)?.regions[i]?.subsidies;
  const last = mine ? Math.max(mine.talent, mine.startups, mine.capital) : 0;
  const candidates = [...new Set([last - BR_STEP, last, last + BR_STEP].map((x) => Math.min(cap, clampRate(x))))].sort((a, b) => a - b);
  let best = candidates[0]!;
  let bestScore = -Infinity;
  const published = mine ?? { talent: 0, startups: 0, capital: 0 };
  for (const rate of candidates) {
    // Keeping last round's bid is the status quo every bot projects alike: one shared run.
    const same = rate === published.talent && rate === published.startups && rate === published.capital;
    const scores = projectScores(view, same ? null : { city: view.city, subsidies: { talent: rate, startups: rate, capital: rate } }, BR_HORIZON);
    const score = scores ? scores[i]! : -Infinity;
    // A higher bid must pay strictly more: ties go to the cheaper one.
    if (score > bestScore + 1e-9) {
      best = rate;
      bestScore = score;
    }
  }
  return best;
}
