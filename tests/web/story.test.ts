/** The debrief's narrative and the player's briefing choose their facts from the model's numbers. */
import { describe, expect, it } from 'vitest';
import { baseReturn, briefing, mainReason } from '../../web/src/lib/briefing';
import { BOT_STRATEGIES, type BotStrategy } from '../../core/bots';
import { playBotGame } from '../../core/bots/game';
import type { RoundResult } from '../../core/protocol/state';
import { RACE_RATIO, story } from '../../web/src/lib/narrative';
import { armsRace } from '../../web/src/lib/series';
import { classroom, quiet, raceWithPark } from './fixtures';

describe('narrative', () => {
  const facts = story(raceWithPark());
  const kinds = facts.map((f) => f.kind);
  it('tells the arms race with the ratio and the change in innovation the metrics give', () => {
    const arms = facts.find((f) => f.kind === 'arms-race');
    if (arms?.kind !== 'arms-race') throw new Error('no arms race told');
    const rs = raceWithPark();
    const from = rs.find((r) => r.round === arms.from)!;
    const to = rs.find((r) => r.round === arms.to)!;
    expect(arms.ratio).toBeCloseTo(to.metrics.totalSubsidies / from.metrics.totalSubsidies, 9);
    expect(arms.innovation).toBeCloseTo(to.metrics.totalInnovation / from.metrics.totalInnovation - 1, 9);
    expect(arms.ratio).toBeGreaterThanOrEqual(1.5);
  });
  it('says no race happened when nobody paid subsidies', () => {
    const calm = story(quiet());
    expect(calm.map((f) => f.kind)).toContain('no-race');
    expect(calm.map((f) => f.kind)).not.toContain('arms-race');
    expect(calm.map((f) => f.kind)).not.toContain('hunters');
  });
  it("follows the Gini from the first to the last round, names the leader, and the park's firms sent home", () => {
    const rs = raceWithPark();
    const gini = facts.find((f) => f.kind === 'gini');
    expect(gini).toEqual({ kind: 'gini', from: rs[0]!.metrics.innovationGini, to: rs.at(-1)!.metrics.innovationGini, first: 1, last: rs.at(-1)!.round });
    const leader = facts.find((f) => f.kind === 'leader');
    const ranked = [...rs.at(-1)!.regions].sort((a, b) => b.score - a.score);
    const best = ranked[0]!;
    expect(leader).toEqual({ kind: 'leader', city: best.id, score: best.score, parts: best.scoreParts });
    // Above 0 is better than the city's own course: the story names exactly those cities.
    expect(facts.find((f) => f.kind === 'beat-baseline')).toEqual({ kind: 'beat-baseline', cities: ranked.filter((r) => r.score > 0).map((r) => r.id), of: 4 });
    // The fixture's park sends firms home (4.7 of them); the sentence counts them all.
    const sent = rs.reduce((s, r) => s + r.parks.reduce((a, p) => a + p.returnedToSponsor, 0), 0);
    expect(sent, 'the fixture park must send firms home for this check to mean anything').toBeGreaterThanOrEqual(0.5);
    expect(facts.find((f) => f.kind === 'park-home')).toMatchObject({ sponsor: 'hillton', host: 'metropolis', firms: expect.closeTo(sent, 9) });
    expect(kinds).toContain('hunters');
  });
  it('reports cities that end in debt', () => {
    const rs = quiet();
    const last = rs.at(-1)!;
    const indebted = { ...last, regions: last.regions.map((r) => (r.id === 'seaport' ? { ...r, fiscal: { ...r.fiscal, end: -5 } } : r)) };
    expect(story([...rs.slice(0, -1), indebted]).find((f) => f.kind === 'debt')).toEqual({ kind: 'debt', cities: ['seaport'] });
    expect(story(rs).some((f) => f.kind === 'debt')).toBe(false);
  });
  it('has nothing to say about a game without rounds', () => {
    expect(story([])).toEqual([]);
  });
});

describe('briefing', () => {
  const rs = raceWithPark();
  const last = rs.at(-1)!;
  it('gives each factor its flows and the return the model realised', () => {
    const facts = briefing(last, 'hillton', rs.at(-2)!);
    const me = last.regions.find((r) => r.id === 'hillton')!;
    for (const f of ['talent', 'startups', 'capital'] as const) {
      const fact = facts.find((x) => x.kind === 'factor' && x.factor === f);
      expect(fact).toMatchObject({ inflow: me.inflow[f], outflow: me.outflow[f], total: me.returns[f].total });
    }
  });
  it("names the part of the return that sets the city apart from the map's average", () => {
    const all = last.regions.map((r) => r.returns.talent);
    const metro = last.regions.find((r) => r.id === 'metropolis')!.returns.talent;
    const { reason, by } = mainReason(metro, all);
    const mean = (f: (r: (typeof all)[number]) => number) => all.reduce((s, r) => s + f(r), 0) / all.length;
    const diffs = { base: baseReturn(metro) - mean(baseReturn), congestion: -metro.congestion + mean((r) => r.congestion), subsidy: metro.subsidy - mean((r) => r.subsidy), attraction: metro.attraction - mean((r) => r.attraction) };
    expect(by).toBeCloseTo(diffs[reason], 12);
    for (const d of Object.values(diffs)) expect(Math.abs(by)).toBeGreaterThanOrEqual(Math.abs(d) - 1e-12);
  });
  it('tells the sponsor and the host about their park, and ranks innovation', () => {
    const sponsor = briefing(last, 'hillton');
    const host = briefing(last, 'metropolis');
    const p = last.parks[0]!;
    expect(sponsor.find((f) => f.kind === 'park')).toMatchObject({ mine: 'sponsor', credited: p.innovationToSponsor, returned: p.returnedToSponsor });
    expect(host.find((f) => f.kind === 'park')).toMatchObject({ mine: 'host', credited: p.innovationToHost });
    const rank = sponsor.find((f) => f.kind === 'innovation');
    const order = [...last.regions].sort((a, b) => b.innovation - a.innovation).map((r) => r.id);
    expect(rank).toMatchObject({ rank: order.indexOf('hillton') + 1, of: 4 });
  });
  it('keeps the treasury arithmetic of the model: support, park costs and money returned included', () => {
    for (const city of ['seaport', 'hillton', 'metropolis']) {
      const f = briefing(last, city).find((x) => x.kind === 'fiscal');
      if (f?.kind !== 'fiscal') throw new Error('no fiscal fact');
      expect(f.start + f.income - f.spent - f.returned).toBeCloseTo(f.end, 6);
    }
    // The host of the park gets provincial support, its sponsor pays to run it, unspent money goes back.
    const fiscal = (id: string) => last.regions.find((r) => r.id === id)!.fiscal;
    expect(fiscal('metropolis').support).toBeGreaterThan(0);
    expect(fiscal('hillton').parkCosts).toBeGreaterThan(0);
    expect(last.regions.some((r) => r.fiscal.returned > 0)).toBe(true);
  });
  it('mentions hunters only where subsidies drew them', () => {
    const calm = quiet().at(-1)!;
    expect(briefing(calm, 'hillton').some((f) => f.kind === 'hunters')).toBe(false);
    expect(briefing(last, 'unknown')).toEqual([]);
  });
});

/** The results with each round's total subsidies replaced: the race rule reads nothing else. */
const withTotals = (totals: number[]): RoundResult[] => {
  const rs = raceWithPark().slice(0, totals.length);
  return rs.map((r, i) => ({ ...r, metrics: { ...r.metrics, totalSubsidies: totals[i]! } }));
};
const race = (rs: readonly RoundResult[]) => story(rs).find((f) => f.kind === 'arms-race' || f.kind === 'no-race')!;

describe('the arms-race sentence follows the chart, round over round', () => {
  it('names a race that peaked in round 2 and eased by the end (once denied: only the first and last rounds were compared)', () => {
    expect(race(withTotals([10, 29.3, 12, 9]))).toMatchObject({ kind: 'arms-race', from: 1, to: 2, ratio: 2.93 });
  });
  it('measures from the low before the peak, not from the first round', () => {
    expect(race(withTotals([10, 4, 9, 3]))).toMatchObject({ kind: 'arms-race', from: 2, to: 3, ratio: 2.25 });
  });
  it('denies a race only when no round’s total is half again any earlier one’s', () => {
    expect(race(withTotals([10, 14, 12, 14.9])).kind).toBe('no-race');
    expect(race(withTotals([0, 0, 0, 0])).kind).toBe('no-race');
    // A first subsidy after rounds with none is a start, not an infinite rise.
    expect(race(withTotals([0, 5, 6, 7])).kind).toBe('no-race');
  });

  // Real games: every bot strategy on every seat, several seeds. The sentence is checked against
  // the arms-race chart's total line (series.ts), the line the debrief draws beside it.
  const mixes: BotStrategy[][] = [...BOT_STRATEGIES.map((s) => [s]), ['escalator', 'frugal'], ['best-response', 'random', 'matcher'], ['fixed:0.4', 'frugal', 'escalator', 'cooperator']];
  const games = mixes.flatMap((mix) => [1, 2, 3].map((seed) => ({ mix, seed })));
  const cities = classroom.regions.map((r) => r.id);
  /** The sentence a game tells and the one its chart calls for, played once per game. */
  const played = new Map<string, { told: ReturnType<typeof race>; expected: object }>();
  const play = (mix: BotStrategy[], seed: number) => {
    const key = `${mix.join()}/${seed}`;
    const hit = played.get(key);
    if (hit) return hit;
    const strategies = Object.fromEntries(cities.map((id, i) => [id, mix[i % mix.length]!]));
    const results = playBotGame(classroom, { rounds: 6, seed, strategies }).rounds.map((r) => r.result);
    const total = armsRace(results, cities).find((x) => x.total)!.points;
    // Every rise the chart shows from a round with subsidies paid to a later round.
    const rises = total.flatMap((a, i) => total.slice(i + 1).filter((b) => a.y > 0.01).map((b) => ({ from: a.x, to: b.x, ratio: b.y / a.y })));
    const biggest = rises.reduce((m, r) => (r.ratio > m.ratio ? r : m), { from: 0, to: 0, ratio: 0 });
    const expected = biggest.ratio >= RACE_RATIO ? { kind: 'arms-race', from: biggest.from, to: biggest.to, ratio: biggest.ratio } : { kind: 'no-race' };
    const out = { told: race(results), expected };
    played.set(key, out);
    return out;
  };
  it.each(games)('$mix, seed $seed', ({ mix, seed }) => {
    const { told, expected } = play(mix, seed);
    expect(told).toMatchObject(expected);
  });
  it('the games above include both races and calm games, so neither sentence goes unchecked', () => {
    const kinds = new Set(games.map(({ mix, seed }) => (play(mix, seed).expected as { kind: string }).kind));
    expect([...kinds].sort()).toEqual(['arms-race', 'no-race']);
  });
});
