/**
 * The comparison debrief (core/classes/compare.ts): every number recomputed here from the
 * rooms' records by other means, every fact checked against the records (and shown to fail on
 * a doctored series), the spread rule, a room one round behind, and the English sentences.
 */
import { describe, expect, it } from 'vitest';
import { compareRooms, factEnglish, spreadOf, stat, type ClassRoom, type ComparisonFact } from '../../core/classes/compare';
import { gini } from '../../core/model/metrics';
import { scenario } from '../support/model';
import { behind, playRoom } from './fixture';

const s = scenario('classroom-4');
const population = s.regions.map((r) => r.population);

// Two rooms of each treatment; in the platform rooms people keep the cap.
const rooms: ClassRoom[] = [
  playRoom('BASE01', { kind: 'baseline' }, 11),
  playRoom('PLAT01', { kind: 'platform-cap', cap: 0.2 }, 11, { keepCap: true }),
  playRoom('BASE02', { kind: 'baseline' }, 12),
  playRoom('PLAT02', { kind: 'platform-cap', cap: 0.2 }, 12, { keepCap: true }),
];
const comparison = compareRooms(rooms);

/** What the tests compute by themselves, room by room, from each round's regions. */
const paid = (room: ClassRoom, round: number) => room.record.rounds[round - 1]!.result.regions.reduce((a, r) => a + r.fiscal.subsidies, 0);
const paidBy = (room: ClassRoom, round: number) => Array.from({ length: round }, (_, i) => paid(room, i + 1)).reduce((a, b) => a + b, 0);
const giniAt = (room: ClassRoom, round: number) => {
  const regions = room.record.rounds[round - 1]!.result.regions;
  return gini(s.regions.map((c, i) => regions.find((r) => r.id === c.id)!.innovation / population[i]!), population);
};
const meanScoreAt = (room: ClassRoom, round: number) => {
  const regions = room.record.rounds[round - 1]!.result.regions;
  return regions.reduce((a, r) => a + r.score, 0) / regions.length;
};
/**
 * Results are stored rounded (core/model/rounding.ts), so a total of the rounded regions
 * differs from the model's own total in the fifth digit: equal within 1e-4, relative.
 */
function near(actual: number | null | undefined, expected: number, scale = expected): void {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(scale)));
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const range = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
const of = (list: ClassRoom[], treatment: string) => list.filter((r) => r.treatment.id === treatment);

const MEASURED = {
  subsidies: paidBy,
  gini: giniAt,
  score: meanScoreAt,
} as const;

/** Check a fact against the records; throws when the fact is not true of them. */
function verify(fact: ComparisonFact, list: ClassRoom[]): void {
  if (fact.kind === 'common-rounds') {
    const fewest = Math.min(...list.map((r) => r.record.rounds.length));
    expect(fact.round).toBe(fewest);
    expect(fact.ahead).toEqual(list.filter((r) => r.record.rounds.length > fewest).map((r) => r.code));
    return;
  }
  if (fact.kind === 'breaches') {
    const count = of(list, fact.treatments[0]).reduce((a, r) => a + r.record.rounds.slice(0, fact.round).reduce((k, x) => k + x.result.metrics.capBreaches.filter((b) => !b.enforced).length, 0), 0);
    expect(fact.value).toBe(count);
    return;
  }
  const measure = MEASURED[fact.kind];
  const [t, ref] = fact.treatments.map((id) => of(list, id).map((room) => measure(room, fact.round)));
  near(fact.value, mean(t!));
  near(fact.reference, mean(ref!));
  const change = fact.kind === 'subsidies' ? mean(t!) / mean(ref!) - 1 : mean(t!) - mean(ref!);
  near(fact.change, change);
  if (t!.length >= 2 && ref!.length >= 2) {
    const width = Math.max(range(t!), range(ref!));
    expect(fact.spread).not.toBeNull();
    // A difference of rounded values: as near as the values themselves.
    near(fact.spread!.width, width, Math.max(...t!, ...ref!));
    expect(fact.spread!.within).toBe(Math.abs(mean(t!) - mean(ref!)) <= width);
  } else expect(fact.spread).toBeNull();
}

describe('the comparison', () => {
  it('groups rooms by treatment, compares with the baseline, over every round', () => {
    expect(comparison.rounds).toBe(4);
    expect(comparison.reference).toBe('baseline');
    expect(comparison.treatments.map((t) => [t.id, t.rooms])).toEqual([
      ['baseline', ['BASE01', 'BASE02']],
      ['platform-cap', ['PLAT01', 'PLAT02']],
    ]);
  });

  it('has per room and round the numbers the records give, recomputed here', () => {
    for (const series of comparison.rooms) {
      const room = rooms.find((r) => r.code === series.code)!;
      expect(series.rounds).toHaveLength(4);
      for (const r of series.rounds) {
        near(r.totalSubsidies, paid(room, r.round));
        near(r.cumulativeSubsidies, paidBy(room, r.round));
        near(r.gini, giniAt(room, r.round));
        near(r.meanScore, meanScoreAt(room, r.round));
        for (const region of room.record.rounds[r.round - 1]!.result.regions) {
          expect(r.scores[region.id]).toEqual({ score: region.score, parts: region.scoreParts });
        }
      }
    }
  });

  it('has per treatment and round the rooms\' mean, lowest and highest', () => {
    for (const t of comparison.treatments) {
      const own = of(rooms, t.id);
      for (const r of t.byRound) {
        const subsidies = own.map((room) => paid(room, r.round));
        near(r.totalSubsidies.mean, mean(subsidies));
        near(r.totalSubsidies.min, Math.min(...subsidies));
        near(r.totalSubsidies.max, Math.max(...subsidies));
        near(r.gini.mean, mean(own.map((room) => giniAt(room, r.round))));
        const metropolis = own.map((room) => room.record.rounds[r.round - 1]!.result.regions.find((x) => x.id === 'metropolis')!.score);
        near(r.scores.metropolis!.mean, mean(metropolis));
      }
    }
  });

  it('states facts that are true of the records', () => {
    const kinds = comparison.facts.map((f) => `${f.kind}:${f.treatments.join('/')}`);
    expect(kinds).toEqual(['subsidies:platform-cap/baseline', 'gini:platform-cap/baseline', 'score:platform-cap/baseline']);
    for (const fact of comparison.facts) verify(fact, rooms);
    // The cap kept: the platform rooms paid less.
    const subsidies = comparison.facts.find((f) => f.kind === 'subsidies')!;
    expect(subsidies.kind === 'subsidies' && subsidies.change!).toBeLessThan(0);
  });

  it('would catch a fact that is not true of the series: the same facts fail on doctored records', () => {
    // Double the baseline rooms' subsidies in round 2: the subsidy fact no longer holds.
    const doctored = rooms.map((room) => {
      if (room.treatment.id !== 'baseline') return room;
      const record = structuredClone(room.record);
      for (const region of record.rounds[1]!.result.regions) region.fiscal.subsidies *= 2;
      return { ...room, record };
    });
    const fact = comparison.facts.find((f) => f.kind === 'subsidies')!;
    expect(() => verify(fact, doctored)).toThrow();
    // And a fact with a wrong number fails on the true records.
    const wrong = { ...fact, value: (fact as { value: number }).value * 1.1 } as ComparisonFact;
    expect(() => verify(wrong, rooms)).toThrow();
  });

  it('says each fact in English with its numbers', () => {
    const label = (id: string) => comparison.treatments.find((t) => t.id === id)!.label;
    const fact = comparison.facts.find((f) => f.kind === 'subsidies')!;
    if (fact.kind !== 'subsidies') throw new Error('no subsidy fact');
    const text = factEnglish(fact, label);
    expect(text).toContain(`${Math.round(Math.abs(fact.change!) * 100)}% lower than with No rule change by round 4`);
    expect(text).toMatch(/^With Coordination platform with a subsidy cap of 0\.2, total subsidies were/);
    expect(text).toMatch(fact.spread!.within ? /\. That difference is within the spread between rooms of the same treatment \(/ : /\. That difference is more than the spread between rooms of the same treatment \(/);
    for (const f of comparison.facts) expect(factEnglish(f, label)).toMatch(/\.$/);
  });
});

describe('the spread rule', () => {
  it('is the larger range of the two treatments; a difference no larger is within it', () => {
    expect(spreadOf(stat([1, 3]), stat([4, 4.5]))).toEqual({ width: 2, within: false });
    expect(spreadOf(stat([1, 3]), stat([2.5, 2.6]))).toEqual({ width: 2, within: true });
    expect(spreadOf(stat([1, 3, 2]), stat([5, 5]))).toEqual({ width: 2, within: false });
    // One room of a treatment has no spread to speak of.
    expect(spreadOf(stat([1]), stat([2, 3]))).toBeNull();
  });

  it('is left out of the facts when a treatment has one room', () => {
    const one = compareRooms([rooms[0]!, rooms[2]!, rooms[1]!]);
    expect(one.facts.filter((f) => f.kind === 'subsidies' || f.kind === 'gini' || f.kind === 'score').every((f) => 'spread' in f && f.spread === null)).toBe(true);
    for (const fact of one.facts) verify(fact, [rooms[0]!, rooms[2]!, rooms[1]!]);
  });
});

describe('rooms out of step', () => {
  it('compares over the rounds every room has, and says which rooms played more', () => {
    const list = [rooms[0]!, rooms[1]!, behind(rooms[2]!, 3), rooms[3]!];
    const c = compareRooms(list);
    expect(c.rounds).toBe(3);
    expect(c.rooms.map((r) => r.played)).toEqual([4, 4, 3, 4]);
    expect(c.treatments.every((t) => t.byRound.length === 3)).toBe(true);
    expect(c.facts[0]).toEqual({ kind: 'common-rounds', treatments: ['baseline', 'platform-cap'], round: 3, ahead: ['BASE01', 'PLAT01', 'PLAT02'] });
    for (const fact of c.facts) verify(fact, list);
  });

  it('with no baseline room, compares with the first treatment listed; public breaches are counted', () => {
    const list = [playRoom('NOPK01', { kind: 'no-parks' }, 11), playRoom('PLAT09', { kind: 'platform-cap', cap: 0.2 }, 11)];
    const c = compareRooms(list);
    expect(c.reference).toBe('no-parks');
    const breaches = c.facts.find((f) => f.kind === 'breaches');
    expect(breaches).toMatchObject({ kind: 'breaches', treatments: ['platform-cap'], round: 4, rooms: 1 });
    for (const fact of c.facts) verify(fact, list);
  });
});
