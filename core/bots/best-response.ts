/**
 * The myopic best responder (docs/scoring.md, property 3): each round it bids the city-wide
 * subsidies that maximise its own projected score a few rounds on, assuming every other city
 * keeps last round's bids. It is not told to escalate: if a race appears, it is because
 * outbidding pays for each city on its own, the prisoner's dilemma of §1.2 and §4.1.
 *
 * It sets two rates: one for talent and capital, one for startups, since a startup subsidy
 * also draws subsidy hunters (§4.1) and may pay where the other does not. It searches near
 * its last bids (the talent-and-capital rate one step down, the same, one step up; the startup
 * rate one step the way it has not been), so a bid moves by at most a step a round, as
 * officials adjust a programme, and each choice costs a handful of projected rounds.
 */
import type { Subsidies } from '../protocol/decisions';
import { clampRate, type BotView } from './index';
import { projectScores, statusQuoScores } from './project';

/** How far ahead it looks, in rounds: long enough for newcomers to innovate and for their bill to show. */
export const BR_HORIZON = 2;
/** Step between the bids it weighs, money per unit. */
export const BR_STEP = 0.15;

const bid = (rate: number, startups: number): Subsidies => ({ talent: rate, startups, capital: rate });

export function bestResponseSubsidies(view: BotView, cap: number): Subsidies {
  const i = view.state.regions.findIndex((r) => r.id === view.city);
  const mine = view.results.at(-1)?.regions[i]?.subsidies;
  const fit = (x: number) => Math.min(cap, clampRate(x));
  const rate = fit(mine ? Math.max(mine.talent, mine.capital) : 0);
  const startups = fit(mine?.startups ?? 0);
  // Keeping both rates, then the talent-and-capital rate a step down and up, then the startup
  // rate a step the way it has not been (down when it pays one, up when it pays none).
  const probe = startups > 0 ? startups - BR_STEP : startups + BR_STEP;
  // Keeping last round's bids is the status quo every best responder projects: shared between seats.
  const kept = (c: Subsidies) => (mine ? c.talent === mine.talent && c.startups === mine.startups && c.capital === mine.capital : c.talent === 0 && c.startups === 0);
  const scoreOf = (c: Subsidies) => {
    const scores = kept(c) ? statusQuoScores(view, BR_HORIZON) : projectScores(view, { city: view.city, subsidies: c }, BR_HORIZON);
    return scores ? scores[i]! : -Infinity;
  };
  const keep = bid(rate, startups);
  const up = bid(fit(rate + BR_STEP), startups);
  const down = bid(fit(rate - BR_STEP), startups);
  // The projected score is single-peaked in the rate: when a step up pays more than keeping,
  // a step down pays less, and is not projected (a third of the work of a round of bids).
  const keepScore = scoreOf(keep);
  const upScore = up.talent === keep.talent ? keepScore : scoreOf(up);
  const weighed: [Subsidies, number][] = [[keep, keepScore], [up, upScore]];
  if (!(upScore > keepScore + 1e-9) && down.talent !== keep.talent) weighed.push([down, scoreOf(down)]);
  const other = bid(rate, fit(probe));
  if (other.startups !== keep.startups) weighed.push([other, scoreOf(other)]);
  // Cheapest first: a dearer bid must pay strictly more, so ties go to the cheaper one.
  weighed.sort(([a], [b]) => a.talent + a.startups - (b.talent + b.startups) || a.startups - b.startups);
  let [best, bestScore] = weighed[0]!;
  for (const [c, score] of weighed) {
    if (score > bestScore + 1e-9) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}
