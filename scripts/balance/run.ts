/**
 * `npm run balance`: the long check of the ten properties the score must have (docs/scoring.md).
 * It plays bot games over both test scenarios, several seeds and parameter variants (every
 * main parameter moved ±20% one at a time, and all of them together), prints a table per
 * property and rewrites the tables section of docs/scoring.md between its markers, and
 * (not with --quick) core/scenarios/seat-odds.json, the seat odds the host setup shows.
 *
 *   npm run balance                 everything (several minutes on two cores)
 *   npm run balance -- --quick      fewer seeds, variants and games (about a minute)
 *   npm run balance -- --no-write   print only
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { playBotGame } from '../../core/bots/game';
import { BOT_STRATEGIES, type BotStrategy } from '../../core/bots';
import { PARAMS, PARAM_KEYS, checkOverrides, type ParamKey } from '../../core/model/params';
import { gameStateSchema, roundResultSchema } from '../../core/protocol/state';
import { check } from '../../core/protocol/validate';
import { getScenario, type Scenario } from '../../core/scenarios';
import type { SeatOdds } from '../../core/scenarios/seat-odds';
import * as P from './properties';

const argv = new Set(process.argv.slice(2));
const QUICK = argv.has('--quick');
const WRITE = !argv.has('--no-write');

const SEEDS = QUICK ? [1, 2] : [1, 2, 3, 4];
const ROUNDS = 8;
const GAMES: Record<string, number> = QUICK ? { 'classroom-4': 120, 'zhejiang-mountain-sea': 200 } : P.SEAT_GAMES;
const VARIANT_GAMES = QUICK ? 0 : 150;

const scenario = (id: string): Scenario => getScenario(id)!;
const CASES = [
  { scenario: scenario('classroom-4'), park: P.paperPark('hillton', 'metropolis') },
  { scenario: scenario('zhejiang-mountain-sea'), park: P.paperPark('quzhou', 'hangzhou') },
];

const ONE_AT_A_TIME = QUICK ? P.together(0.2) : P.oneAtATime(0.2);
const TOGETHER = P.together(0.2);

const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : String(x));
const yes = (b: boolean) => (b ? 'yes' : '**no**');
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const table = (head: string[], rows: (string | number)[][]) => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
const min = (xs: number[]) => Math.min(...xs);
const max = (xs: number[]) => Math.max(...xs);

interface Section {
  title: string;
  body: string;
  holds: boolean;
}

const sections: Section[] = [];
function section(title: string, head: string[], rows: (string | number)[][], holds: boolean, note = ''): void {
  const body = `${note ? `${note}\n\n` : ''}${table(head, rows)}`;
  sections.push({ title, body, holds });
  console.log(`\n## ${title} — ${holds ? 'holds' : 'FAILS'}\n\n${body}`);
}

const settings = (s: Scenario, variants: P.Variant[], seeds = SEEDS): P.Setting[] => variants.flatMap((variant) => seeds.map((seed) => ({ scenario: s, seed, variant, rounds: ROUNDS })));

function byVariant<T>(s: Scenario, variants: P.Variant[], measure: (st: P.Setting) => T, seeds = SEEDS): { variant: P.Variant; runs: T[] }[] {
  return variants.map((variant) => ({ variant, runs: settings(s, [variant], seeds).map(measure) }));
}

function temptation(): void {
  const rows: (string | number)[][] = [];
  let holds = true;
  for (const { scenario: s } of CASES) {
    for (const { variant, runs } of byVariant(s, ONE_AT_A_TIME, (st) => P.temptation(st))) {
      const share = min(runs.map((r) => r.tempted));
      const gains = runs.flatMap((r) => r.cities.map((c) => c.gain));
      const ok = runs.every((r) => r.holds);
      holds &&= ok;
      rows.push([s.id, variant.id, f(share, 2), f(min(gains)), f(max(gains)), yes(ok)]);
    }
  }
  section('1. Temptation', ['scenario', 'variant', 'share of cities tempted (worst seed)', 'smallest gain', 'largest gain', 'holds'], rows, holds, `A city bids ${P.MODERATE} per newcomer while the others play their default course; its final score against all playing the default (which scores 0). Tempted: the score rises, with more innovation and output, and the budget pays.`);
}

function collective(): void {
  const rows: (string | number)[][] = [];
  let holds = true;
  for (const { scenario: s } of CASES) {
    for (const { variant, runs } of byVariant(s, ONE_AT_A_TIME, (st) => P.collectiveLoss(st))) {
      const ok = runs.every((r) => r.holds);
      holds &&= ok;
      rows.push([s.id, variant.id, `${min(runs.map((r) => r.losers))}/${s.regions.length}`, f(max(runs.map((r) => r.region))), f(max(runs.map((r) => r.shift)), 2), f(max(runs.map((r) => r.hunterShare)), 2), f(min(runs.map((r) => r.churn)), 2), yes(ok)]);
    }
  }
  section('2. Collective loss', ['scenario', 'variant', 'cities below their course (worst seed)', 'region score (worst)', 'largest shift of a factor share, pp', 'hunters’ share of subsidies', 'newcomers paid for ÷ frugal game', 'holds'], rows, holds, `Every city bids ${P.MODERATE}.`);
}

function race(): void {
  const rows: (string | number)[][] = [];
  let holds = true;
  for (const { scenario: s } of CASES) {
    for (const { variant, runs } of byVariant(s, TOGETHER, (st) => P.race(st))) {
      for (const [i, r] of runs.entries()) {
        holds &&= r.holds;
        rows.push([s.id, variant.id, SEEDS[i]!, r.meanBid.map((b) => f(b, 2)).join(' '), f(r.region), `${r.losers}/${s.regions.length}`, yes(r.holds)]);
      }
    }
  }
  section('3. The race emerges', ['scenario', 'variant', 'seed', 'mean bid by round', 'region score', 'cities below their course', 'holds'], rows, holds, 'Every city a myopic best responder (core/bots/best-response.ts).');
}

function wayOut(): void {
  const rows: (string | number)[][] = [];
  let holds = true;
  for (const { scenario: s, park } of CASES) {
    const everyCity = s.regions.map((r) => r.id);
    for (const { variant, runs } of byVariant(s, TOGETHER, (st) => P.wayOut(st, park, everyCity), SEEDS.slice(0, 2))) {
      for (const [i, w] of runs.entries()) {
        holds &&= w.holds;
        for (const r of w.rows) rows.push([s.id, variant.id, SEEDS[i]!, r.deal, r.others, f(r.kept), f(r.racing), r.worseOff.join(', ') || '—']);
      }
    }
  }
  section('4. A way out pays', ['scenario', 'variant', 'seed', 'deal', 'the others', 'members’ mean score keeping it', 'racing', 'members worse off'], rows, holds, 'The platform: every city, a cap of 0, technology trading. The park: the scenario’s pair on the paper’s terms; neither races, the sponsor pays its park a steady offer.');
}

function diffusion(): void {
  const rows: (string | number)[][] = [];
  let holds = true;
  for (const { scenario: s, park } of CASES) {
    for (const { variant, runs } of byVariant(s, ONE_AT_A_TIME, (st) => P.diffusion(st, park))) {
      const ok = runs.every((r) => r.holds);
      holds &&= ok;
      rows.push([s.id, variant.id, f(100 * max(runs.map((r) => r.byRole['periphery'] ?? 0))), f(100 * max(runs.map((r) => r.without)), 2), f(100 * min(runs.map((r) => r.withPark)), 2), f(min(runs.map((r) => r.ratio)), 2), yes(ok)]);
    }
  }
  section('5. Directed diffusion needs the enclave', ['scenario', 'variant', 'far periphery’s share of core-incubated production, % (no park)', 'sponsor’s share without, %', 'with the park, %', 'ratio (worst seed)', 'holds'], rows, holds);
}

function doubleWin(): void {
  const rows: (string | number)[][] = [];
  let holds = true;
  for (const { scenario: s, park } of CASES) {
    for (const { variant, runs } of byVariant(s, ONE_AT_A_TIME, (st) => P.doubleWin(st, park))) {
      const ok = runs.every((r) => r.holds);
      holds &&= ok;
      const payers = [...new Set(runs.flatMap((r) => r.payers.slice(0, 2).map((p) => p.city)))].join(', ');
      rows.push([s.id, variant.id, f(min(runs.map((r) => r.sponsor))), f(min(runs.map((r) => r.host))), f(min(runs.map((r) => r.others))), f(min(runs.map((r) => r.pair))), payers || '—', yes(ok)]);
    }
  }
  section('6. The double win, on the paper’s terms', ['scenario', 'variant', 'sponsor’s score (worst seed)', 'host’s', 'the others’ total', 'the pair’s total', 'who paid most', 'holds'], rows, holds, 'A park of 1 km² for 3 km² of land quota, mixed operation, 30% of its statistics to the sponsor, tax split evenly; every city otherwise on its default course.');
}

function landTradeOff(fiscal: Map<string, number>): void {
  const rows: (string | number)[][] = [];
  let holds = true;
  for (const { scenario: s } of CASES) {
    for (const { variant, runs } of byVariant(s, ONE_AT_A_TIME, (st) => P.land(st))) {
      const ok = runs.every((r) => r.holds);
      holds &&= ok;
      rows.push([s.id, variant.id, f(max(runs.map((r) => r.dominant)), 2), variant.id === 'default' ? f(fiscal.get(s.id) ?? NaN, 2) : '', yes(ok)]);
    }
  }
  const fiscalOk = [...fiscal.values()].every((x) => x <= 0.5);
  section('7. Land is a trade-off', ['scenario', 'variant', 'share of cities for which releasing all quota beats the default (worst seed)', 'budget’s share of the winner’s score (tournament)', 'holds'], rows, holds && fiscalOk);
}

/** Property 8's default tournaments, kept for core/scenarios/seat-odds.json (the host setup's seat odds). */
const odds: Record<string, SeatOdds> = {};

function seatsTable(): Map<string, number> {
  const rows: (string | number)[][] = [];
  const fiscal = new Map<string, number>();
  let holds = true;
  for (const { scenario: s } of CASES) {
    const variants = [{ variant: { id: 'default', params: {} } as P.Variant, games: GAMES[s.id]! }, ...(VARIANT_GAMES ? TOGETHER.slice(1).map((v) => ({ variant: v, games: VARIANT_GAMES })) : [])];
    for (const { variant, games } of variants) {
      const r = P.seats(s, games, variant, ROUNDS);
      if (variant.id === 'default') {
        fiscal.set(s.id, r.fiscalShare);
        odds[s.id] = P.oddsOf(r, ROUNDS);
      }
      holds &&= r.holds;
      rows.push([
        s.id,
        variant.id,
        games,
        r.wins.map((w) => `${w.city} ${f(w.ratio, 2)}`).join(', '),
        r.scores.map((c) => `${c.city} ${f(c.mean, 1)} / ${f(c.best.mean, 1)} ${c.best.strategy}`).join(', '),
        Object.entries(r.byStrategy).map(([k, v]) => `${k} ${v}`).join(', '),
        yes(r.holds),
      ]);
    }
  }
  section('8. Every seat can win', ['scenario', 'variant', 'games', 'wins ÷ fair share, by city', 'final score by city: mean over all games / mean of its best strategy', 'wins by strategy', 'holds'], rows, holds, `Strategies drawn at random for every seat from: ${P.POOL.join(', ')}. Each city must win between 0.5 and 2 times its fair share. A seat wins when its best game beats the others' in the same draw: the mean says how a seat fares, the best strategy's mean whether it can win.`);
  return fiscal;
}

/** The other built-in maps' seat odds: not a property (it is shown on the two maps above), what the host setup tells a facilitator. */
function otherSeatOdds(): void {
  const rows: (string | number)[][] = [];
  for (const [id, games] of Object.entries(P.SEAT_GAMES)) {
    if (odds[id]) continue;
    const r = P.seats(scenario(id), games, undefined, ROUNDS);
    odds[id] = P.oddsOf(r, ROUNDS);
    rows.push([id, games, r.wins.map((w) => `${w.city} ${f(w.ratio, 2)}`).join(', ')]);
  }
  console.log(`\n## Seat odds on the other built-in maps (core/scenarios/seat-odds.json)\n\n${table(['scenario', 'games', 'wins ÷ fair share, by city'], rows)}`);
}

/** 9. No runaway: each parameter at its bounds, 30 rounds, racing and cooperating bots. */
function runaway(): void {
  const s = scenario('zhejiang-mountain-sea');
  const mixes: { id: string; strategies: Record<string, BotStrategy> }[] = [
    { id: 'racing', strategies: Object.fromEntries(s.regions.map((r, i) => [r.id, i % 2 ? 'escalator' : 'best-response'])) },
    { id: 'mixed', strategies: Object.fromEntries(s.regions.map((r, i) => [r.id, BOT_STRATEGIES[i % BOT_STRATEGIES.length]!])) },
  ];
  const keys: ParamKey[] = QUICK ? ['elasticity.talent', 'agglomeration', 'factorGrowth', 'taxRate', 'hunterRate', 'budgetCarryover'] : PARAM_KEYS;
  let settingsRun = 0;
  const failures: string[] = [];
  let largest = 0;
  for (const key of keys) {
    for (const bound of ['min', 'max'] as const) {
      const value = PARAMS[key][bound];
      const params = { [key]: value };
      if (checkOverrides(params)) continue;
      for (const mix of mixes) {
        settingsRun++;
        try {
          const g = playBotGame(s, { rounds: 30, seed: 1, strategies: mix.strategies, params });
          for (const r of g.rounds) {
            const bad = check(roundResultSchema, r.result);
            if (!bad.ok) throw new Error(`round ${r.result.round}: ${bad.error.field}: ${bad.error.rule}`);
            largest = Math.max(largest, ...r.result.regions.map((x) => x.output / s.regions.find((c) => c.id === x.id)!.gdp));
          }
          const st = check(gameStateSchema, g.state);
          if (!st.ok) throw new Error(`state: ${st.error.field}: ${st.error.rule}`);
        } catch (e) {
          failures.push(`${key}=${value} (${mix.id}): ${(e as Error).message}`);
        }
      }
    }
  }
  const rows = [[s.id, keys.length, settingsRun, f(largest, 2), failures.length ? failures.join('; ') : '—']];
  section('9. No runaway', ['scenario', 'parameters', 'settings played (30 rounds each)', 'largest output ÷ starting GDP', 'failures'], rows, failures.length === 0, 'Each parameter at its lower and upper bound, the others at their defaults, with racing and with mixed bots; every round and the final state must pass the protocol’s schemas (no NaN, no figure past its limit). The random in-bound sets are in tests/model/property.test.ts.');
}

function mechanisms(): void {
  const zj = scenario('zhejiang-mountain-sea');
  const rows: (string | number)[][] = [];
  let holds = true;
  for (const variant of TOGETHER) {
    for (const seed of SEEDS.slice(0, 2)) {
      const st = { scenario: zj, seed, variant, rounds: ROUNDS };
      const m = P.modes(st, P.paperPark('quzhou', 'hangzhou'));
      const mc = P.multiCentre(st, P.PARK_SPONSORS, P.PARK_HOSTS, 'hangzhou');
      const c = P.corridorOrder({ ...st, scenario: scenario('g60-corridor') }, ['songjiang', 'jiaxing', 'hangzhou', 'huzhou', 'xuancheng']);
      const fa = P.facility(st);
      const faOk = fa.holds && fa.paying.length > 0;
      holds &&= m.holds && mc.holds && c.holds && faOk;
      rows.push([variant.id, seed, `${m.bestLow} → ${m.bestHigh}`, `${f(mc.single, 2)} vs ${f(mc.multi, 2)}; Hangzhou's gain from each park: ${mc.marginal.map((x) => f(x, 1)).join(', ')}`, `${c.same ? 'same' : 'differs'}; ${c.fades ? 'fades' : 'does not fade'}`, `pays ${fa.paying.join(', ') || 'nobody'} (best ${f(fa.best, 1)}); ${fa.alone.filter((x) => x.score <= 0).length} of ${fa.alone.length} lose`, yes(m.holds && mc.holds && c.holds && faOk)]);
    }
  }
  section('10. Every mechanism matters somewhere', ['variant', 'seed', 'best park mode: normal subsidies → host bidding high', 'park subsidy, single centre vs network; the core’s gain from its 1st…6th park', 'corridor listed either way', 'big science facility funded alone (score against the default course)', 'holds'], rows, holds, `Zhejiang; the corridor on the G60 scenario. The facility (§2.3) must pay somewhere, for fewer than half the cities, by at most ${P.FACILITY_MAX_GAIN}.`);
}

const START = '<!-- balance:tables:start -->';
const END = '<!-- balance:tables:end -->';

function writeDoc(): void {
  const file = fileURLToPath(new URL('../../docs/scoring.md', import.meta.url));
  const doc = readFileSync(file, 'utf8');
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) throw new Error('docs/scoring.md lacks the table markers');
  const when = `Generated by \`npm run balance${QUICK ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)} (${availableParallelism()} CPUs, Node ${process.version}); seeds ${SEEDS.join(', ')}, ${ROUNDS}-round games.`;
  const body = [when, ...sections.map((s) => `### ${s.title} — ${s.holds ? 'holds' : 'does not hold'}\n\n${s.body}`)].join('\n\n');
  writeFileSync(file, `${doc.slice(0, a + START.length)}\n\n${body}\n\n${doc.slice(b)}`);
  console.log(`\nwrote ${file}`);
}

/** The seat odds the host setup shows (core/scenarios/seat-odds.ts): from the full tournaments only. */
function writeOdds(): void {
  const file = fileURLToPath(new URL('../../core/scenarios/seat-odds.json', import.meta.url));
  writeFileSync(file, P.oddsFile(odds));
  console.log(`wrote ${file}`);
}

const t0 = performance.now();
temptation();
collective();
race();
wayOut();
diffusion();
doubleWin();
const fiscal = seatsTable();
landTradeOff(fiscal);
runaway();
mechanisms();
// Keep the property order in the document.
sections.sort((x, y) => parseInt(x.title) - parseInt(y.title));
console.log(`\n${sections.filter((s) => s.holds).length} of ${sections.length} properties hold; ${((performance.now() - t0) / 1000).toFixed(0)} s`);
if (WRITE) writeDoc();
// Measured only to be written: the other maps' tournaments take a minute more.
if (WRITE && !QUICK) {
  otherSeatOdds();
  writeOdds();
}
process.exitCode = sections.every((s) => s.holds) ? 0 : 1;
