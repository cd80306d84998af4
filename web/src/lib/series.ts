/**
 * The debrief's charts as data: pure functions of the rounds' results (and the scenario
 * for populations and map positions), so they are tested apart from any drawing.
 */
import { FACTORS, type Factor } from '../../../core/model/factors';
import { lorenz } from '../../../core/model/metrics';
import type { ScoreParts } from '../../../core/model/score';
import type { ScoreWeights } from '../../../core/protocol/settings';
import type { Quadrant, RoundResult } from '../../../core/protocol/state';
import type { Scenario } from '../../../core/scenarios/schema';
import { scoreTerms, type ScoreTerm } from './score';

export { SCORE_PARTS, type ScorePart } from './score';

export interface Point {
  x: number;
  y: number;
}
export interface Series {
  id: string;
  points: Point[];
  /** The total line, drawn heavier. */
  total?: boolean;
}

/** Subsidies each city paid per round (money), and the region's total: the arms race (§4.1). */
export function armsRace(results: readonly RoundResult[], cities: readonly string[]): Series[] {
  const series: Series[] = cities.map((id) => ({
    id,
    points: results.map((r) => ({ x: r.round, y: r.regions.find((x) => x.id === id)?.fiscal.subsidies ?? 0 })),
  }));
  series.push({ id: 'total', total: true, points: results.map((r) => ({ x: r.round, y: r.metrics.totalSubsidies })) });
  return series;
}

/** Subsidy rate each city announced per round, averaged over the three factors (money per unit). */
export function subsidyRates(results: readonly RoundResult[], cities: readonly string[]): Series[] {
  return cities.map((id) => ({
    id,
    points: results.map((r) => {
      const s = r.regions.find((x) => x.id === id)?.subsidies;
      return { x: r.round, y: s ? (s.talent + s.startups + s.capital) / 3 : 0 };
    }),
  }));
}

/** Gini of innovation and of output per head, round by round: the Matthew effect (§1.2). */
export function inequality(results: readonly RoundResult[]): Series[] {
  return [
    { id: 'innovation', points: results.map((r) => ({ x: r.round, y: r.metrics.innovationGini })) },
    { id: 'output', points: results.map((r) => ({ x: r.round, y: r.metrics.outputGini })) },
  ];
}

/** Lorenz curve of innovation (or output) per head for one round, population-weighted. */
export function lorenzCurve(result: RoundResult, scenario: Scenario, of: 'innovation' | 'output'): Point[] {
  const population = new Map(scenario.regions.map((r) => [r.id, r.population]));
  const weights = result.regions.map((r) => population.get(r.id) ?? 0);
  const values = result.regions.map((r, i) => (weights[i]! > 0 ? r[of] / weights[i]! : 0));
  return lorenz(values, weights).map(([x, y]) => ({ x, y }));
}

/** A quantity per round for every city, e.g. innovation or treasury. */
export function perCity(results: readonly RoundResult[], cities: readonly string[], pick: (r: RoundResult['regions'][number]) => number): Series[] {
  return cities.map((id) => ({
    id,
    points: results.flatMap((r) => {
      const region = r.regions.find((x) => x.id === id);
      return region ? [{ x: r.round, y: pick(region) }] : [];
    }),
  }));
}

// Scoreboard: the last round's scores with what they are made of (each part against the
// city's baseline, its weight, its points).
export interface ScoreRow {
  city: string;
  rank: number;
  score: number;
  parts: ScoreParts;
  /** The parts that count in this game, with weight and points: they add up to `score`. */
  terms: ScoreTerm[];
  innovation: number;
  output: number;
  treasury: number;
}

export function scoreboard(result: RoundResult | undefined, weights: ScoreWeights): ScoreRow[] {
  if (!result) return [];
  const rows = [...result.regions].sort((a, b) => b.score - a.score);
  return rows.map((r, i) => ({
    city: r.id,
    rank: i + 1,
    score: r.score,
    parts: { ...r.scoreParts },
    terms: scoreTerms(r.scoreParts, weights),
    innovation: r.innovation,
    output: r.output,
    treasury: r.fiscal.end,
  }));
}

// Fig. 5 (§3.2): where firms do R&D and where they produce.
export const QUADRANT_CELLS = ['coreCore', 'corePeriphery', 'peripheryCore', 'peripheryPeriphery'] as const satisfies readonly (keyof Quadrant)[];
export type QuadrantCell = (typeof QUADRANT_CELLS)[number];
export interface QuadrantSummary {
  cells: Record<QuadrantCell, { firms: number; value: number; profit: number; valuePerFirm: number; profitPerFirm: number }>;
  total: number;
}

/** Newly sited firms over the chosen rounds, summed per cell, with value and profit per firm. */
export function quadrantOver(results: readonly RoundResult[]): QuadrantSummary {
  const cells = {} as QuadrantSummary['cells'];
  let total = 0;
  for (const c of QUADRANT_CELLS) {
    let firms = 0;
    let value = 0;
    let profit = 0;
    for (const r of results) {
      firms += r.quadrant[c].firms;
      value += r.quadrant[c].value;
      profit += r.quadrant[c].profit;
    }
    total += firms;
    cells[c] = { firms, value, profit, valuePerFirm: firms > 0 ? value / firms : 0, profitPerFirm: firms > 0 ? profit / firms : 0 };
  }
  return { cells, total };
}

// The flow map: factors moving between cities, parks and the outside world.
export interface MapNode {
  id: string;
  kind: 'city' | 'park' | 'outside';
  x: number;
  y: number;
  /** For a park: its host and sponsor. */
  host?: string;
  sponsor?: string;
}
export interface FlowEdge {
  from: string;
  to: string;
  amount: number;
}

/** Where to draw every place: cities at the scenario's map position, parks beside their host, the outside in a corner. */
export function mapNodes(scenario: Scenario, ids: readonly string[], parks: readonly { id: string; host: string; sponsor: string }[]): MapNode[] {
  const pos = new Map(scenario.regions.map((r) => [r.id, r.map]));
  const nodes: MapNode[] = [];
  const hosted = new Map<string, number>();
  for (const id of ids) {
    const city = pos.get(id);
    if (city) {
      nodes.push({ id, kind: 'city', x: city.x, y: city.y });
      continue;
    }
    const park = parks.find((p) => p.id === id);
    if (park) {
      const host = pos.get(park.host) ?? { x: 50, y: 50 };
      const sponsor = pos.get(park.sponsor) ?? host;
      // A park sits in its host, drawn a little towards its sponsor (and fanned out when a host has several).
      const n = hosted.get(park.host) ?? 0;
      hosted.set(park.host, n + 1);
      const dx = sponsor.x - host.x;
      const dy = sponsor.y - host.y;
      const len = Math.hypot(dx, dy) || 1;
      const angle = Math.atan2(dy, dx) + n * 0.5;
      const r = Math.min(9, len / 2);
      nodes.push({ id, kind: 'park', x: host.x + r * Math.cos(angle), y: host.y + r * Math.sin(angle), host: park.host, sponsor: park.sponsor });
      continue;
    }
    nodes.push({ id, kind: 'outside', x: 4, y: 4 });
  }
  return nodes;
}

/**
 * Flows between places for a factor (or all three), summed over the given rounds, largest
 * first; flows smaller than `minShare` of the largest are left out so the map stays readable.
 * Flows both ways between two places are netted into one arrow.
 */
export function flowEdges(results: readonly RoundResult[], factor: Factor | 'all', minShare = 0.05, max = 24): FlowEdge[] {
  const totals = new Map<string, number>();
  for (const r of results) {
    const { ids } = r.flows;
    const factors = factor === 'all' ? FACTORS : [factor];
    for (const f of factors) {
      const m = r.flows[f];
      for (let i = 0; i < ids.length; i++) {
        for (let j = 0; j < ids.length; j++) {
          if (i === j) continue;
          const x = m[i]?.[j] ?? 0;
          if (x <= 0) continue;
          const key = `${ids[i]}\u0000${ids[j]}`;
          totals.set(key, (totals.get(key) ?? 0) + x);
        }
      }
    }
  }
  const net: FlowEdge[] = [];
  for (const [key, amount] of totals) {
    const [from, to] = key.split('\u0000') as [string, string];
    const back = totals.get(`${to}\u0000${from}`) ?? 0;
    if (amount > back || (amount === back && from < to)) {
      const x = amount - back;
      if (x > 0) net.push({ from, to, amount: x });
    }
  }
  net.sort((a, b) => b.amount - a.amount);
  const top = net[0]?.amount ?? 0;
  return net.filter((e) => e.amount >= top * minShare).slice(0, max);
}

/** Every round's parks (ids, host, sponsor) seen in the results, for naming and placing them. */
export function parksSeen(results: readonly RoundResult[]): { id: string; host: string; sponsor: string }[] {
  const seen = new Map<string, { id: string; host: string; sponsor: string }>();
  for (const r of results) for (const p of r.parks) seen.set(p.id, { id: p.id, host: p.host, sponsor: p.sponsor });
  return [...seen.values()];
}
