/**
 * Benchmark of the flow model (`npm run bench:model`, and part of `npm run bench`): medians
 * of several repetitions, no pass/fail. Per scenario: one round resolved (with ten parks for the largest scenario),
 * a whole 10-round game played by bots (negotiation included). Then a synthetic 50-city
 * scenario at growing sizes, to show that time grows no faster than factors × pairs of
 * locations. Also the JSON size of one round's result, which the room sends every viewer.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { BotStrategy } from '../../core/bots';
import { playBotGame } from '../../core/bots/game';
import { initialState, resolveRound } from '../../core/model';
import type { ParkTerms, SignedDeal } from '../../core/protocol/deals';
import { noDecisions, type Decisions } from '../../core/protocol/decisions';
import type { GameState } from '../../core/protocol/state';
import { SCENARIOS } from '../../core/scenarios';
import { checkScenario, type Scenario } from '../../core/scenarios/schema';
import { median } from './stats';

/** Median milliseconds of `fn` over `reps` runs, after a warm-up. */
function time(fn: () => void, reps: number, warm = Math.min(20, reps)): number {
  for (let i = 0; i < warm; i++) fn();
  const xs: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    xs.push(performance.now() - t0);
  }
  return median(xs);
}

/** Decisions that exercise the model: small subsidies, park subsidies, some land (the fan-out's seats play them too). */
export function busyDecisions(state: Pick<GameState, 'round' | 'regions' | 'agreements'>): Record<string, Decisions> {
  const round = state.round + 1;
  return Object.fromEntries(
    state.regions.map((r) => {
      const parks = Object.fromEntries(state.agreements.parks.filter((p) => p.sponsor === r.id).map((p) => [p.id, { talent: 0.05, startups: 0.1, capital: 0 }]));
      return [r.id, { ...noDecisions(round), subsidies: { talent: 0.02, startups: 0.05, capital: 0.02 }, parkSubsidies: parks, land: { innovation: 0, production: Math.min(r.landQuota, 0.2) } }];
    }),
  );
}

/** Up to `count` parks: every lagging city sponsors one in each core it may, round-robin. */
function parkDeals(s: Scenario, count: number): SignedDeal[] {
  const rank: Record<string, number> = { core: 3, 'second-core': 2, 'near-core': 1, periphery: 0 };
  const hosts = s.regions.filter((r) => r.role === 'core' || r.role === 'second-core');
  const deals: SignedDeal[] = [];
  for (const sponsor of s.regions) {
    for (const host of hosts) {
      if (deals.length >= count || rank[sponsor.role]! >= rank[host.role]!) continue;
      if (deals.filter((d) => (d.terms as ParkTerms).sponsor === sponsor.id).length >= 2) continue;
      if (deals.filter((d) => (d.terms as ParkTerms).host === host.id).length >= 6) continue;
      const terms: ParkTerms = { kind: 'park', sponsor: sponsor.id, host: host.id, landQuota: 0.5, space: 0.5, mode: 'mixed', statsShare: 0.5, taxShare: 0.5 };
      deals.push({ id: `d${deals.length + 1}`, terms, signedRound: 1 });
    }
  }
  return deals;
}

/** State after one round in which the deals were signed, so the timed round has the parks. */
function withParks(s: Scenario, parks: number): GameState {
  const state = initialState(s, { seed: 1 });
  if (parks === 0) return state;
  const out = resolveRound(s, state, busyDecisions(state), { deals: parkDeals(s, parks) });
  if (!out.ok) throw new Error(`${s.id}: ${out.error.field}: ${out.error.rule}`);
  return out.state;
}

function roundTime(s: Scenario, state: GameState, reps: number): number {
  const decisions = busyDecisions(state);
  return time(() => {
    const out = resolveRound(s, state, decisions);
    if (!out.ok) throw new Error(out.error.rule);
  }, reps);
}

/** A synthetic scenario of n cities on a grid: one core, a few second cores, the rest lagging. */
function synthetic(n: number): Scenario {
  const side = Math.ceil(Math.sqrt(n));
  const sectors = ['digital-economy', 'smart-manufacturing', 'life-health', 'new-materials', 'chemicals'];
  const regions = Array.from({ length: n }, (_, i) => {
    const role = i === 0 ? 'core' : i % 12 === 1 ? 'second-core' : i % 3 === 0 ? 'near-core' : 'periphery';
    const size = i === 0 ? 10 : role === 'second-core' ? 4 : role === 'near-core' ? 2 : 1;
    return {
      id: `city-${i}`,
      name: { en: `City ${i}`, zh: `城市${i}`, es: `Ciudad ${i}` },
      role,
      population: 100 * size,
      gdp: 1500 * size,
      lat: 29 + Math.floor(i / side) * 0.3,
      lon: 118 + (i % side) * 0.3,
      map: { x: 5 + (90 * (i % side)) / side, y: 5 + (90 * Math.floor(i / side)) / side },
      strengths: [sectors[i % sectors.length]!, sectors[(i + 2) % sectors.length]!],
      environment: 0.7 + 0.1 * size,
      landQuota: role === 'core' ? 3 : 15,
      innovationSpace: 3 * size,
      treasury: 8 * size,
      knowledge: 60 * size,
      productivity: 0.9,
      factors: { talent: 5 * size, startups: 4 * size, capital: 5 * size },
    };
  });
  const checked = checkScenario({
    id: `synthetic-${n}`,
    title: { en: 'Synthetic', zh: '合成', es: 'Sintético' },
    summary: { en: 'For the benchmark', zh: '基准测试用', es: 'Para la prueba de rendimiento' },
    sources: ['Generated by scripts/bench/model.ts'],
    approximations: 'Everything is invented.',
    sectors,
    regions,
  });
  if (!checked.ok) throw new Error(`synthetic: ${checked.error.field}: ${checked.error.rule}`);
  return checked.value;
}

export interface ScenarioRow {
  scenario: string;
  cities: number;
  parks: number;
  /** One round resolved, median ms. */
  roundMs: number;
  /** A 10-round game played by bots, negotiation included, median ms (not timed with parks). */
  gameMs: number | null;
  /** JSON size of one round's result, KB. */
  resultKB: number;
}

export interface ScalingRow {
  cities: number;
  locations: number;
  roundMs: number;
  /** µs per factor × pair of locations: flat or falling means no worse than that. */
  perPairUs: number;
}

export function runModel(): { scenarios: ScenarioRow[]; scaling: ScalingRow[] } {
  const scenarios: ScenarioRow[] = [];
  const largest = SCENARIOS.reduce((a, b) => (b.regions.length > a.regions.length ? b : a));
  for (const s of SCENARIOS) {
    for (const parks of s === largest ? [0, 10] : [0]) {
      const state = withParks(s, parks);
      const roundMs = roundTime(s, state, 200);
      const out = resolveRound(s, state, busyDecisions(state));
      if (!out.ok) throw new Error(out.error.rule);
      const strategies: Record<string, BotStrategy> = Object.fromEntries(s.regions.map((r, i) => [r.id, (['cooperator', 'matcher', 'escalator', 'frugal', 'random'] as const)[i % 5]!]));
      const gameMs = parks === 0 ? time(() => void playBotGame(s, { rounds: 10, seed: 1, strategies }), 5, 1) : null;
      scenarios.push({ scenario: s.id, cities: s.regions.length, parks: state.agreements.parks.length, roundMs, gameMs, resultKB: JSON.stringify(out.result).length / 1024 });
    }
  }
  const scaling: ScalingRow[] = [];
  for (const n of [10, 20, 30, 40, 50]) {
    const s = synthetic(n);
    const state = withParks(s, Math.floor(n / 5));
    const locations = state.locations.length;
    const roundMs = roundTime(s, state, 100);
    scaling.push({ cities: n, locations, roundMs, perPairUs: (roundMs * 1000) / (3 * locations * locations) });
  }
  return { scenarios, scaling };
}

const pad = (s: string | number, n: number) => String(s).padStart(n);
const ms = (x: number) => (x < 1 ? x.toFixed(3) : x.toFixed(2));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { scenarios, scaling } = runModel();
  console.log('Flow model benchmark (medians; Node', process.version + ')\n');
  console.log(`${'scenario'.padEnd(24)}${pad('cities', 7)}${pad('parks', 6)}${pad('round ms', 10)}${pad('10-round bot game ms', 22)}${pad('result KB', 11)}`);
  for (const r of scenarios) {
    console.log(`${r.scenario.padEnd(24)}${pad(r.cities, 7)}${pad(r.parks, 6)}${pad(ms(r.roundMs), 10)}${pad(r.gameMs === null ? '—' : ms(r.gameMs), 22)}${pad(r.resultKB.toFixed(1), 11)}`);
  }
  console.log('\nScaling on a synthetic scenario (one round; parks = a fifth of the cities):');
  console.log(`${'cities'.padEnd(8)}${pad('locations', 10)}${pad('round ms', 10)}${pad('µs per factor×location pair', 30)}`);
  for (const r of scaling) console.log(`${pad(r.cities, 6)}  ${pad(r.locations, 10)}${pad(ms(r.roundMs), 10)}${pad(r.perPairUs.toFixed(3), 30)}`);
  console.log('\nA flat or falling last column means time grows no faster than factors × pairs of locations.');
}
