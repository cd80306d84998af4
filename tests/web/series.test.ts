/** The debrief's charts as data: each series reads the model's results, never a guess. */
import { describe, expect, it } from 'vitest';
import { armsRace, flowEdges, inequality, lorenzCurve, mapNodes, parksSeen, perCity, quadrantOver, SCORE_PARTS, scoreboard, subsidyRates } from '../../web/src/lib/series';
import { SCORE_PRESETS, scoreOf } from '../../core/model/score';
import { spreadLabels, styleOf } from '../../web/src/lib/chart-style';
import { countedParts, scoreTerms } from '../../web/src/lib/score';
import { classroom, raceWithPark } from './fixtures';

const results = raceWithPark();
const cities = classroom.regions.map((r) => r.id);

describe('arms race', () => {
  const series = armsRace(results, cities);
  it('has one line per city and a total, one point per round', () => {
    expect(series.map((s) => s.id)).toEqual([...cities, 'total']);
    for (const s of series) expect(s.points.map((p) => p.x)).toEqual(results.map((r) => r.round));
  });
  it("reads each city's subsidies paid and the region's total from the results", () => {
    const hillton = series.find((s) => s.id === 'hillton')!;
    expect(hillton.points[2]!.y).toBe(results[2]!.regions.find((r) => r.id === 'hillton')!.fiscal.subsidies);
    expect(series.at(-1)!.total).toBe(true);
    expect(series.at(-1)!.points.map((p) => p.y)).toEqual(results.map((r) => r.metrics.totalSubsidies));
  });
  it('shows the race: escalating bids make the total grow', () => {
    const total = series.at(-1)!.points;
    expect(total.at(-1)!.y).toBeGreaterThan(total[0]!.y * 2);
  });
  it('announced rates average the three factors', () => {
    const rates = subsidyRates(results, cities).find((s) => s.id === 'metropolis')!;
    const s = results[3]!.regions.find((r) => r.id === 'metropolis')!.subsidies;
    expect(rates.points[3]!.y).toBeCloseTo((s.talent + s.startups + s.capital) / 3, 12);
  });
});

describe('inequality', () => {
  it('takes both Ginis per round from the metrics', () => {
    const [innovation, output] = inequality(results);
    expect(innovation!.points.map((p) => p.y)).toEqual(results.map((r) => r.metrics.innovationGini));
    expect(output!.points.map((p) => p.y)).toEqual(results.map((r) => r.metrics.outputGini));
  });
  it('draws a Lorenz curve from (0,0) to (1,1), rising and below the diagonal', () => {
    const curve = lorenzCurve(results.at(-1)!, classroom, 'innovation');
    expect(curve[0]).toEqual({ x: 0, y: 0 });
    expect(curve.at(-1)!.x).toBeCloseTo(1, 12);
    expect(curve.at(-1)!.y).toBeCloseTo(1, 12);
    for (let i = 1; i < curve.length; i++) {
      expect(curve[i]!.x).toBeGreaterThan(curve[i - 1]!.x);
      expect(curve[i]!.y).toBeGreaterThanOrEqual(curve[i - 1]!.y);
      expect(curve[i]!.y).toBeLessThanOrEqual(curve[i]!.x + 1e-9);
    }
    expect(curve.length).toBe(cities.length + 1);
  });
  it('per-city series skip rounds a city is missing from', () => {
    const s = perCity(results, ['metropolis', 'atlantis'], (r) => r.innovation);
    expect(s[0]!.points).toHaveLength(results.length);
    expect(s[1]!.points).toHaveLength(0);
  });
});

describe('scoreboard', () => {
  const weights = SCORE_PRESETS.scorecard;
  it('ranks by score and keeps every part of the score', () => {
    const rows = scoreboard(results.at(-1), weights);
    expect(rows.map((r) => r.rank)).toEqual(rows.map((_, i) => i + 1));
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.score).toBeGreaterThanOrEqual(rows[i]!.score);
    const top = results.at(-1)!.regions.find((r) => r.id === rows[0]!.city)!;
    expect(rows[0]!.parts).toEqual(top.scoreParts);
    expect(scoreboard(undefined, weights)).toEqual([]);
  });
  it('names the parts the model reports, and each part × its weight gives points that add up to the score', () => {
    expect([...SCORE_PARTS].sort()).toEqual(Object.keys(results.at(-1)!.regions[0]!.scoreParts).sort());
    for (const r of scoreboard(results.at(-1), weights)) {
      // The scorecard counts innovation, output and budget; the region's part has no weight.
      expect(r.terms.map((t) => t.part)).toEqual(['innovation', 'output', 'budget']);
      for (const t of r.terms) expect(t.points).toBeCloseTo(t.value * t.weight, 12);
      // The model rounds scores and parts to 3 decimals (core/model/rounding.ts).
      expect(r.terms.reduce((a, t) => a + t.points, 0)).toBeCloseTo(r.score, 2);
    }
  });
  it('counts the region under the regional preset, and only parts with a weight', () => {
    expect(countedParts(SCORE_PRESETS.regional)).toEqual(['innovation', 'output', 'budget', 'region']);
    expect(countedParts({ innovation: 0, output: 2, budget: 0, region: 0.5 })).toEqual(['output', 'region']);
    const parts = { innovation: 3, output: -1, budget: 2, region: 4 };
    const terms = scoreTerms(parts, SCORE_PRESETS.regional);
    expect(terms.reduce((a, t) => a + t.points, 0)).toBeCloseTo(scoreOf(parts, SCORE_PRESETS.regional), 12);
  });
});

describe('Fig. 5 quadrant', () => {
  it('sums newly sited firms over the rounds, per cell, with value per firm', () => {
    const q = quadrantOver(results);
    const firms = results.reduce((s, r) => s + r.quadrant.corePeriphery.firms, 0);
    expect(q.cells.corePeriphery.firms).toBeCloseTo(firms, 9);
    expect(q.total).toBeCloseTo(Object.values(q.cells).reduce((s, c) => s + c.firms, 0), 9);
    for (const c of Object.values(q.cells)) if (c.firms > 0) expect(c.valuePerFirm).toBeCloseTo(c.value / c.firms, 9);
  });
});

describe('flow map', () => {
  it('places cities at their map position, the park beside its host, the outside in a corner', () => {
    const ids = results.at(-1)!.flows.ids;
    const nodes = mapNodes(classroom, ids, parksSeen(results));
    const metro = nodes.find((n) => n.id === 'metropolis')!;
    expect(metro).toMatchObject({ kind: 'city', x: 50, y: 40 });
    const p = nodes.find((n) => n.kind === 'park')!;
    expect(p).toMatchObject({ id: 'park-hillton-metropolis', host: 'metropolis', sponsor: 'hillton' });
    expect(Math.hypot(p.x - metro.x, p.y - metro.y)).toBeLessThanOrEqual(9 + 1e-9);
    expect(nodes.find((n) => n.id === 'outside')!.kind).toBe('outside');
  });
  it('nets flows between two places, largest first, and matches the matrix', () => {
    const r = results[2]!;
    const edges = flowEdges([r], 'talent', 0);
    const ids = r.flows.ids;
    for (const e of edges) {
      const i = ids.indexOf(e.from);
      const j = ids.indexOf(e.to);
      expect(e.amount).toBeCloseTo(r.flows.talent[i]![j]! - r.flows.talent[j]![i]!, 9);
      expect(e.amount).toBeGreaterThan(0);
    }
    for (let k = 1; k < edges.length; k++) expect(edges[k - 1]!.amount).toBeGreaterThanOrEqual(edges[k]!.amount);
    const pairs = new Set(edges.map((e) => [e.from, e.to].sort().join('|')));
    expect(pairs.size).toBe(edges.length);
  });
  it('adds up factors and rounds, and leaves small flows out', () => {
    const all = flowEdges(results, 'all', 0, 1000);
    const big = flowEdges(results, 'all', 0.25, 1000);
    expect(big.length).toBeLessThanOrEqual(all.length);
    for (const e of big) expect(e.amount).toBeGreaterThanOrEqual(all[0]!.amount * 0.25);
    expect(flowEdges(results, 'all', 0, 3)).toHaveLength(Math.min(3, all.length));
  });
});

describe('chart style', () => {
  it('never tells two lines apart by colour alone', () => {
    const styles = Array.from({ length: 12 }, (_, i) => styleOf(i));
    for (let i = 0; i < styles.length; i++) {
      for (let j = i + 1; j < Math.min(styles.length, 7); j++) {
        expect(styles[i]!.dash !== styles[j]!.dash || styles[i]!.marker !== styles[j]!.marker).toBe(true);
      }
    }
  });
  it('pushes end labels apart inside the plot', () => {
    const out = spreadLabels(
      [
        { id: 'a', y: 100 },
        { id: 'b', y: 101 },
        { id: 'c', y: 102 },
        { id: 'd', y: 195 },
      ],
      15,
      10,
      200,
    );
    const ys = out.map((l) => l.y);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(15 - 1e-9);
    expect(Math.max(...ys)).toBeLessThanOrEqual(200);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(10);
  });
});
