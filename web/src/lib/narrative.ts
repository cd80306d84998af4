/**
 * The debrief's short story of a game, chosen from the metrics: which of the paper's
 * lessons showed up (the arms race, the Matthew effect, the reverse enclave's double win)
 * and with which numbers. Facts only; the sentences are in the message catalogues.
 */
import type { ScoreParts } from '../../../core/model/score';
import type { RoundResult } from '../../../core/protocol/state';

export type StoryFact =
  /** Total subsidies grew by `ratio` from round `from` to round `to` (armsRaceSpan) while genuine innovation changed by `innovation` (a share) between them. */
  | { kind: 'arms-race'; from: number; to: number; ratio: number; innovation: number }
  /** Subsidies stayed low or fell: no race. */
  | { kind: 'no-race'; to: number; total: number }
  /** Subsidy hunters took `share` of all subsidies paid over the game. */
  | { kind: 'hunters'; share: number; paid: number }
  /** Innovation Gini went from `from` to `to` between the first and last round. */
  | { kind: 'gini'; from: number; to: number; first: number; last: number }
  /** The city whose share of genuine factors grew most, and the one that lost most. */
  | { kind: 'magnet'; city: string; gain: number; loser: string | null; loss: number }
  /** A park sent firms home to its sponsor to produce. */
  | { kind: 'park-home'; sponsor: string; host: string; firms: number; innovation: number }
  /** The reverse enclave's double win: the sponsor's production rose and the host's innovation did not fall. */
  | { kind: 'double-win'; sponsor: string; host: string; production: number; hostInnovation: number }
  /** Cities that ended in debt. */
  | { kind: 'debt'; cities: string[] }
  /** Subsidy caps broken in public (platforms). */
  | { kind: 'breaches'; count: number; cities: string[] }
  /** The cities whose score is above 0: they did better than on their own course (the baseline). */
  | { kind: 'beat-baseline'; cities: string[]; of: number }
  /** The winner, their score and what it is made of (each part against its baseline). */
  | { kind: 'leader'; city: string; score: number; parts: ScoreParts };

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const stockOf = (r: RoundResult, id: string) => {
  const s = r.regions.find((x) => x.id === id)?.stock;
  return s ? s.talent + s.startups + s.capital : 0;
};

/** Below this a round's total subsidies count as none paid (a rounding crumb is not a start). */
const PAID = 0.01;
/** Total subsidies must grow this many times over from a round to a later one to be called a race. */
export const RACE_RATIO = 1.5;

/**
 * The arms-race rule the debrief states: the largest rise of total subsidies from a round in
 * which some were paid to any later round, a race when the later total is at least
 * RACE_RATIO times the earlier. It reads the same series as the arms-race chart, round over
 * round, so a race the chart shows is never denied because the last round eased off (an
 * earlier rule compared only the first and last rounds).
 */
export function armsRaceSpan(results: readonly RoundResult[]): { from: number; to: number; ratio: number } | null {
  let best: { from: number; to: number; ratio: number } | null = null;
  let low: { round: number; total: number } | null = null;
  for (const r of results) {
    const total = r.metrics.totalSubsidies;
    if (low && total / low.total > (best?.ratio ?? 0)) best = { from: low.round, to: r.round, ratio: total / low.total };
    if (total > PAID && (!low || total < low.total)) low = { round: r.round, total };
  }
  return best && best.ratio >= RACE_RATIO ? best : null;
}

export function story(results: readonly RoundResult[]): StoryFact[] {
  const first = results[0];
  const last = results.at(-1);
  if (!first || !last) return [];
  const facts: StoryFact[] = [];

  const race = armsRaceSpan(results);
  if (race) {
    const from = results.find((r) => r.round === race.from)!;
    const to = results.find((r) => r.round === race.to)!;
    facts.push({
      kind: 'arms-race',
      ...race,
      innovation: from.metrics.totalInnovation > 0 ? to.metrics.totalInnovation / from.metrics.totalInnovation - 1 : 0,
    });
  } else {
    facts.push({ kind: 'no-race', to: last.round, total: sum(results.map((r) => r.metrics.totalSubsidies)) });
  }

  const paid = sum(results.map((r) => r.metrics.totalSubsidies));
  const toHunters = sum(results.flatMap((r) => r.regions.map((x) => x.subsidiesToHunters)));
  if (paid > 0.01 && toHunters > 0.005 * paid) facts.push({ kind: 'hunters', share: toHunters / paid, paid: toHunters });

  facts.push({ kind: 'gini', from: first.metrics.innovationGini, to: last.metrics.innovationGini, first: first.round, last: last.round });

  // Who drew the factors: change in each city's share of all genuine factors on the map.
  const ids = last.regions.map((r) => r.id);
  const total0 = sum(ids.map((id) => stockOf(first, id)));
  const total1 = sum(ids.map((id) => stockOf(last, id)));
  if (total0 > 0 && total1 > 0 && ids.length > 1) {
    const change = ids.map((id) => ({ id, d: stockOf(last, id) / total1 - stockOf(first, id) / total0 })).sort((a, b) => b.d - a.d);
    const top = change[0]!;
    const bottom = change.at(-1)!;
    if (top.d > 0.001) facts.push({ kind: 'magnet', city: top.id, gain: top.d, loser: bottom.d < -0.001 ? bottom.id : null, loss: bottom.d });
  }

  // Parks: firms sent home, and whether the double win happened.
  const parks = new Map<string, { sponsor: string; host: string; firms: number; innovation: number; since: number }>();
  for (const r of results) {
    for (const p of r.parks) {
      const k = parks.get(p.id) ?? { sponsor: p.sponsor, host: p.host, firms: 0, innovation: 0, since: r.round };
      k.firms += p.returnedToSponsor;
      k.innovation += p.innovationToSponsor;
      parks.set(p.id, k);
    }
  }
  for (const p of [...parks.values()].sort((a, b) => b.firms - a.firms)) {
    if (p.firms >= 0.5) facts.push({ kind: 'park-home', sponsor: p.sponsor, host: p.host, firms: p.firms, innovation: p.innovation });
    const before = results.find((r) => r.round === p.since - 1) ?? first;
    const sponsorBefore = before.regions.find((x) => x.id === p.sponsor);
    const sponsorAfter = last.regions.find((x) => x.id === p.sponsor);
    const hostBefore = before.regions.find((x) => x.id === p.host);
    const hostAfter = last.regions.find((x) => x.id === p.host);
    if (sponsorBefore && sponsorAfter && hostBefore && hostAfter && sponsorBefore.outputParts.production > 0 && hostBefore.innovationLocal > 0) {
      const production = sponsorAfter.outputParts.production / sponsorBefore.outputParts.production - 1;
      const hostInnovation = hostAfter.innovationLocal / hostBefore.innovationLocal - 1;
      if (production > 0 && hostInnovation >= -0.005) facts.push({ kind: 'double-win', sponsor: p.sponsor, host: p.host, production, hostInnovation });
    }
  }

  const debt = last.regions.filter((r) => r.fiscal.end < 0).map((r) => r.id);
  if (debt.length) facts.push({ kind: 'debt', cities: debt });

  const breaches = results.flatMap((r) => r.metrics.capBreaches.filter((b) => !b.enforced));
  if (breaches.length) facts.push({ kind: 'breaches', count: breaches.length, cities: [...new Set(breaches.map((b) => b.city))] });

  // Scores are measured against each city's own course: above 0 is better than the baseline.
  const ranked = [...last.regions].sort((a, b) => b.score - a.score);
  facts.push({ kind: 'beat-baseline', cities: ranked.filter((r) => r.score > 0).map((r) => r.id), of: ranked.length });
  const leader = ranked[0];
  if (leader) facts.push({ kind: 'leader', city: leader.id, score: leader.score, parts: { ...leader.scoreParts } });
  return facts;
}
