/**
 * Benchmark of the flow model (`npm run bench:model`, and part of `npm run bench`): medians
 * of several repetitions, no pass/fail. Per scenario: one round resolved (with ten parks for the largest scenario),
 * a whole 10-round game played by bots (negotiation included). Then a synthetic 50-city
 * scenario at growing sizes, to show that time grows no faster than factors × pairs of
 * locations. Also the JSON size of one round's result, which the room sends every viewer.
 *
 * `npm run bench:model` alone also times the bots (`runBots`): for each strategy, one
 * round's decisions, and deals, of every seat of the largest scenario in mid-game with ten
 * parks, against a budget of DECISION_BUDGET_MS.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { botDecisions, type BotStrategy } from '../../core/bots';
import { playBotGame } from '../../core/bots/game';
import { negotiateRound } from '../../core/bots/negotiate';
import { emptyBook } from '../../core/deals';
import { DEFAULT_PARAMS, initialState, PARAM_KEYS, resolveRound } from '../../core/model';
import type { ParkTerms, SignedDeal } from '../../core/protocol/deals';
import { noDecisions, type Decisions } from '../../core/protocol/decisions';
import type { GameState, RoundResult } from '../../core/protocol/state';
import { SCENARIOS } from '../../core/scenarios';
import { checkScenario, type Scenario } from '../../core/scenarios/schema';
import { median, percentile } from './stats';

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

/**
 * State after `played` rounds of busy decisions (by default one, none without parks), the
 * deals signed in the first, so the timed round has the parks; and the rounds' results.
 * `rounds`: how long the game is set up for (the baseline's length; the model's default if absent).
 */
export function withParks(s: Scenario, parks: number, options: { played?: number; rounds?: number } = {}): { state: GameState; results: RoundResult[] } {
  let state = initialState(s, { seed: 1, rounds: options.rounds });
  const results: RoundResult[] = [];
  for (let t = 1; t <= (options.played ?? (parks === 0 ? 0 : 1)); t++) {
    const out = resolveRound(s, state, busyDecisions(state), { deals: t === 1 ? parkDeals(s, parks) : [] });
    if (!out.ok) throw new Error(`${s.id}: ${out.error.field}: ${out.error.rule}`);
    state = out.state;
    results.push(out.result);
  }
  return { state, results };
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

const largestScenario = () => SCENARIOS.reduce((a, b) => (b.regions.length > a.regions.length ? b : a));

export function runModel(): { scenarios: ScenarioRow[]; scaling: ScalingRow[] } {
  const scenarios: ScenarioRow[] = [];
  const largest = largestScenario();
  for (const s of SCENARIOS) {
    for (const parks of s === largest ? [0, 10] : [0]) {
      const { state } = withParks(s, parks);
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
    const { state } = withParks(s, Math.floor(n / 5));
    const locations = state.locations.length;
    const roundMs = roundTime(s, state, 100);
    scaling.push({ cities: n, locations, roundMs, perPairUs: (roundMs * 1000) / (3 * locations * locations) });
  }
  return { scenarios, scaling };
}

/** The most one round's bot work (every seat's decisions, and deals) may take, ms. */
export const DECISION_BUDGET_MS = 50;
const BOT_STRATEGIES_TIMED: readonly BotStrategy[] = ['frugal', 'matcher', 'escalator', 'cooperator', 'best-response', 'random', 'fixed:0.2'];

export interface BotRow {
  strategy: string;
  scenario: string;
  seats: number;
  parks: number;
  /** Every seat's `botDecisions`, ms, over cold repetitions. */
  decisions: { p50: number; p90: number };
  /** The negotiation before the round (`negotiateRound`: `botDealActions` of every seat, the room's passes), ms. */
  deals: { p50: number; p90: number };
  /** Both in one repetition, ms: what the budget is about. */
  total: { p50: number; p90: number };
  /** CPU time of the process over the same repetitions, ms: less inflated than wall time when other processes share the cores. */
  cpu: { p50: number; p90: number };
  /** The total again with the same state every repetition (the cooperator's projections cached), median ms. */
  warmMs: number;
  /** The total of the very first repetition, ms: a room's first round, before V8 has optimised the model. */
  firstMs: number;
  withinBudget: boolean;
}

/**
 * Every seat's bot work for one round of the largest scenario in mid-game: ten parks signed in
 * round 1, three rounds resolved (so strategies reading last round's results have some), an
 * 8-round game (so look-ahead strategies see rounds left). Decisions are `botDecisions` for
 * every seat; deals are the simulator's negotiation, the room's passes (core/bots/negotiate.ts),
 * on an empty book: every cooperator weighs its own offers and answers the others'.
 *
 * Cold: bots share projections within a round, keyed by the round's published result
 * (core/bots/project.ts), and a real round always brings a new one. Each cold repetition gets
 * a copy of last round's result no repetition has seen (the same numbers, a new object) and a
 * state with one more parameter override set to its default value (the model computes exactly
 * the same: core/model/params.ts resolveParams; core/model/context.ts caches by the resolved
 * values). Warm repeats one state and one result.
 */
/** Cold rounds played before timing, after the first: enough for V8 to have optimised the model. */
const WARM_UP = 20;

export function runBots(reps = 25, timed: readonly BotStrategy[] = BOT_STRATEGIES_TIMED): BotRow[] {
  const largest = largestScenario();
  const { state, results } = withParks(largest, 10, { played: 3, rounds: 8 });
  const fresh = (() => {
    let k = 0;
    return (): { at: GameState; seen: RoundResult[] } => {
      const key = PARAM_KEYS[k++ % PARAM_KEYS.length]!;
      return { at: { ...state, params: { ...state.params, [key]: DEFAULT_PARAMS[key] } }, seen: [...results.slice(0, -1), structuredClone(results.at(-1)!)] };
    };
  })();
  const rows: BotRow[] = [];
  for (const strategy of timed) {
    const strategies = Object.fromEntries(largest.regions.map((r) => [r.id, strategy]));
    const once = ({ at, seen }: { at: GameState; seen: readonly RoundResult[] }) => {
      const { seed: _seed, ...pub } = at;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      for (const r of largest.regions) botDecisions(strategy, { city: r.id, round: at.round + 1, state: pub, results: seen, scenario: largest, deals: [] }, 1);
      const t1 = performance.now();
      negotiateRound(largest, at, seen, strategies, 1, emptyBook());
      const t2 = performance.now();
      const c = process.cpuUsage(c0);
      return { decisions: t1 - t0, deals: t2 - t1, cpu: (c.user + c.system) / 1000 };
    };
    // V8 optimises the model over the first rounds a process plays (it tiers up the hot
    // functions as they run); a room then plays for hours. The first round is reported on its
    // own, the rest of the warm-up not at all.
    const first = once(fresh());
    for (let i = 0; i < WARM_UP; i++) once(fresh());
    const cold = Array.from({ length: reps }, () => once(fresh()));
    const warm = Array.from({ length: reps }, () => once({ at: state, seen: results }));
    const stat = (xs: number[]) => ({ p50: median(xs), p90: percentile(xs, 90) });
    const total = stat(cold.map((x) => x.decisions + x.deals));
    rows.push({
      strategy,
      scenario: largest.id,
      seats: largest.regions.length,
      parks: state.agreements.parks.length,
      decisions: stat(cold.map((x) => x.decisions)),
      deals: stat(cold.map((x) => x.deals)),
      total,
      cpu: stat(cold.map((x) => x.cpu)),
      warmMs: median(warm.map((x) => x.decisions + x.deals)),
      firstMs: first.decisions + first.deals,
      withinBudget: total.p90 <= DECISION_BUDGET_MS,
    });
  }
  return rows;
}

const pad = (s: string | number, n: number) => String(s).padStart(n);
const ms = (x: number) => (x < 1 ? x.toFixed(3) : x.toFixed(2));

if (process.argv[1] === fileURLToPath(import.meta.url) && !process.env.NO_MAIN) {
  // The bots first, in a process that has played only the real scenario they are timed on, as
  // a room's isolate has: the synthetic 10–50-city scenarios below leave the model's code
  // tuned for shapes no room sees, and the bots' rounds measured after them ran 1.5–3× slower.
  const bots = runBots();
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
  const first = bots[0]!;
  console.log(`\nBots: one round's work of every seat, ${first.scenario} (${first.seats} seats, ${first.parks} parks, round 4 of 8), cold; ms p50 / p90:`);
  console.log(`${'strategy'.padEnd(15)}${pad('decisions', 16)}${pad('deals', 16)}${pad('total', 16)}${pad('total CPU', 16)}${pad('warm total p50', 16)}${pad('first round', 13)}${pad(`within ${DECISION_BUDGET_MS} ms (p90)`, 20)}`);
  const pair = (x: { p50: number; p90: number }) => `${ms(x.p50)} / ${ms(x.p90)}`;
  for (const r of bots) {
    const verdict = r.withinBudget ? 'yes' : `no, +${ms(r.total.p90 - DECISION_BUDGET_MS)}`;
    console.log(`${r.strategy.padEnd(15)}${pad(pair(r.decisions), 16)}${pad(pair(r.deals), 16)}${pad(pair(r.total), 16)}${pad(pair(r.cpu), 16)}${pad(ms(r.warmMs), 16)}${pad(ms(r.firstMs), 13)}${pad(verdict, 20)}`);
  }
}
