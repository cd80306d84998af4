/**
 * Simulation CLI: a whole game played by bots, straight through the pure model.
 *
 *   npm run sim -- (--scenario ID | --scenario-file FILE.csv) --rounds N --seed S --bots SPEC [--param key=value ...]
 *                  [--event ROUND:EVENT_ID ...] [--scoring MODE] [--platform-cap CAP] [--no-parks] [--json] [--record FILE]
 *
 *   npm run sim -- --replay FILE.json [--scenario-file FILE.csv] [--param key=value ... | --without-deal ID | --without-subsidies] [--json]
 *
 * SPEC is one strategy for every seat, or `city=strategy,...,*=strategy` (core/bots/index.ts:
 * the named strategies and `fixed:RATE`). Without --json it prints a readable per-round
 * table; with --json one JSON document (the field names of issue 3 are a contract; fields
 * are only ever added). Each city's score is measured against its own baseline
 * (core/model/score.ts), so the document carries the score's parts, the baseline's running
 * totals and the city's own, enough to recompute every part. --record writes the game record
 * (core/protocol/record.ts) that --replay reads. --replay re-runs an exported game record
 * (issue 6): alone it checks that today's model reproduces every archived result (exit 1 and
 * the first differing field if not); with one change it plays the game again and prints both
 * runs. --scenario-file plays (or replays) a region sheet (docs/scenarios.md) instead of a
 * shipped scenario. --help prints the usage; bad flags print it and exit with code 2.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { isBotStrategy, STRATEGY_RULE, type BotStrategy } from '../core/bots';
import { playBotGame, type BotGame } from '../core/bots/game';
import { dealParties, GAME, type BookEntry, type DealBook } from '../core/deals';
import { checkOverrides } from '../core/model/params';
import type { GameEvent } from '../core/protocol/events';
import { MAX_SUBSIDY } from '../core/protocol/decisions';
import { SCORING_MODES, type ScoringMode } from '../core/protocol/settings';
import type { Baseline, RoundResult } from '../core/protocol/state';
import { SCENARIOS, getScenario, type Scenario } from '../core/scenarios';
import { playedScenario } from '../core/scenarios/played';
import { recordSchema, type GameRecord } from '../core/protocol/record';
import { botGameRecord } from '../core/bots/record';
import { check } from '../core/protocol/validate';
import { checkReplay, whatIf, type WhatIf } from '../core/replay/replay';
import { describeCsvError } from '../core/scenarios/csv';
import { readRegionFile } from './region-file';

/** The presets --scoring takes: every mode but `custom`, whose weights the simulator has no flag for. */
const PRESETS = SCORING_MODES.filter((m): m is Exclude<ScoringMode, 'custom'> => m !== 'custom');

/** Most rounds a game record holds (core/protocol/settings.ts `rounds`). */
const RECORD_ROUNDS = 30;

const USAGE = `usage: npm run sim -- (--scenario ID | --scenario-file FILE.csv) [--rounds N] [--seed S] [--bots SPEC]
                      [--param key=value ...] [--event ROUND:EVENT_ID ...]
                      [--scoring ${PRESETS.join('|')}] [--platform-cap CAP] [--no-parks]
                      [--json] [--record FILE]

  --scenario ID      one of: ${SCENARIOS.map((s) => s.id).join(', ')}
  --scenario-file F  a region sheet (CSV, docs/scenarios.md) instead: checked, built
                     and played; its id is the file name, e.g.
                     --scenario-file chengdu-plain.csv --bots best-response
  --travel-file F    with --scenario-file: the region's travel-time sheet
  --rounds N         rounds to play, 1–100 (default 8); every city's baseline (its own
                     course on default policy) is computed as far
  --seed S           seed of the model's randomness, 0–4294967295 (default 1)
  --bots SPEC        a strategy for every seat, or city=strategy,...,*=strategy
                     (default frugal); a strategy is frugal, matcher, escalator,
                     cooperator, best-response, random, or fixed:RATE (a constant
                     subsidy RATE, 0–${MAX_SUBSIDY}, for every factor), e.g.
                     --bots 'quzhou=fixed:0.3,*=best-response'
  --param key=value  override a model parameter within its bounds (repeatable)
  --event R:ID       inject the scenario's event ID before round R (repeatable)
  --scoring MODE     the score's weights: scorecard (default), innovation or regional;
                     every city is scored against its own baseline, e.g. --scoring regional
  --platform-cap CAP every city on one coordination platform from round 1 with this
                     subsidy cap per unit, 0–${MAX_SUBSIDY} (§4.3; breaking it is public), e.g.
                     --platform-cap 0.3
  --no-parks         reverse-enclave parks may not be proposed or signed (§3.2)
  --json             print one JSON document instead of a table: per round and city the
                     score, its parts (scoreParts), the baseline's running totals
                     (baseline) and the city's own (totals), e.g.
                     npm run sim -- --scenario classroom-4 --rounds 8 --bots '*=best-response' --json
  --record FILE      also write the game record that --replay reads (at most ${RECORD_ROUNDS}
                     rounds), e.g. --record game.json
  -h, --help         print this and exit

       npm run sim -- --replay FILE.json [--scenario-file FILE.csv] [--param key=value ... |
                      --without-deal ID | --without-subsidies] [--json]

  --replay FILE      an exported game record (JSON), or one written by --record: check
                     that the model reproduces it, or with one change, play it again and
                     show both runs, e.g. --replay game.json --without-deal d10 --json
  --scenario-file F  the region sheet a recorded game was played on (its id must be
                     the record's scenario), with --travel-file if it had one; a game
                     hosted on an uploaded region carries its map and needs none
  --without-deal ID  what if this signed deal had not been made
  --without-subsidies  what if no city had paid subsidies`;

class UsageError extends Error {}

function fail(message: string): never {
  throw new UsageError(message);
}

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text)) fail(`${flag} must be a whole number (got "${text}")`);
  const x = Number(text);
  if (x < min || x > max) fail(`${flag} must be between ${min} and ${max} (got ${x})`);
  return x;
}

/** `frugal`, `fixed:0.3`, or `quzhou=cooperator,hangzhou=fixed:0.3,*=best-response`. */
export function parseBots(spec: string, scenario: Scenario): Record<string, BotStrategy> {
  const ids = scenario.regions.map((r) => r.id);
  if (!spec.includes('=')) {
    if (!isBotStrategy(spec)) fail(`--bots: "${spec}" is not a strategy: it ${STRATEGY_RULE}`);
    return Object.fromEntries(ids.map((id) => [id, spec]));
  }
  const named: Record<string, BotStrategy> = {};
  let rest: BotStrategy | null = null;
  for (const part of spec.split(',')) {
    const [city, strategy, extra] = part.split('=');
    if (!city || !strategy || extra !== undefined) fail(`--bots: "${part}" must be city=strategy`);
    if (!isBotStrategy(strategy)) fail(`--bots: "${strategy}" is not a strategy: it ${STRATEGY_RULE}`);
    if (city === '*') rest = strategy;
    else if (!ids.includes(city)) fail(`--bots: "${city}" is not a city of ${scenario.id} (${ids.join(', ')})`);
    else named[city] = strategy;
  }
  return Object.fromEntries(
    ids.map((id) => {
      const strategy = named[id] ?? rest;
      if (!strategy) fail(`--bots: no strategy for ${id}; name it or add *=strategy`);
      return [id, strategy];
    }),
  );
}

interface Options {
  kind: 'play';
  scenario: Scenario;
  rounds: number;
  seed: number;
  strategies: Record<string, BotStrategy>;
  params: Record<string, number>;
  events: Record<number, GameEvent[]>;
  eventIds: { round: number; id: string }[];
  scoring: ScoringMode;
  /** Room rules (docs/protocol.md): a founding platform's cap, or null; parks barred. */
  platformCap: number | null;
  noParks: boolean;
  json: boolean;
  /** File to write the game record to, or null. */
  record: string | null;
}

export function parseOptions(argv: string[]): Options | ReplayOptions | { kind: 'help' } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        scenario: { type: 'string' },
        'scenario-file': { type: 'string' },
        'travel-file': { type: 'string' },
        rounds: { type: 'string' },
        seed: { type: 'string' },
        bots: { type: 'string' },
        param: { type: 'string', multiple: true },
        event: { type: 'string', multiple: true },
        scoring: { type: 'string' },
        'platform-cap': { type: 'string' },
        'no-parks': { type: 'boolean' },
        json: { type: 'boolean' },
        record: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        replay: { type: 'string' },
        'without-deal': { type: 'string' },
        'without-subsidies': { type: 'boolean' },
      },
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  if (values.help) return { kind: 'help' };
  if (values.replay !== undefined) return replayOptions(values);
  for (const flag of ['without-deal', 'without-subsidies'] as const) if (values[flag] !== undefined) fail(`--${flag} goes with --replay`);
  if (values.scenario !== undefined && values['scenario-file'] !== undefined) fail('--scenario and --scenario-file: give one');
  if (!values.scenario && values['scenario-file'] === undefined) fail('--scenario is required (or --scenario-file FILE.csv)');
  if (values['travel-file'] !== undefined && values['scenario-file'] === undefined) fail('--travel-file goes with --scenario-file');
  const scenario = values['scenario-file'] !== undefined ? regionScenario(values['scenario-file'], values['travel-file']) : (getScenario(values.scenario!) ?? fail(`--scenario: no scenario "${values.scenario}"`));
  const rounds = wholeNumber('--rounds', values.rounds ?? '8', 1, 100);
  const seed = wholeNumber('--seed', values.seed ?? '1', 0, 4294967295);
  const strategies = parseBots(values.bots ?? 'frugal', scenario);
  const params = parseParams(values.param);
  const events: Record<number, GameEvent[]> = {};
  const eventIds: { round: number; id: string }[] = [];
  for (const text of values.event ?? []) {
    const m = /^(\d+):([a-z][a-z0-9-]*)$/.exec(text);
    if (!m) fail(`--event: "${text}" must be ROUND:EVENT_ID`);
    const round = wholeNumber('--event round', m[1]!, 1, rounds);
    const event = scenario.events.find((e) => e.id === m[2]) ?? fail(`--event: ${scenario.id} has no event "${m[2]}" (${scenario.events.map((e) => e.id).join(', ')})`);
    (events[round] ??= []).push(event.event);
    eventIds.push({ round, id: event.id });
  }
  const scoring = values.scoring ?? 'scorecard';
  if (!(PRESETS as readonly string[]).includes(scoring)) fail(`--scoring must be one of ${PRESETS.join(', ')} (got "${scoring}")`);
  if (values.record !== undefined && rounds > RECORD_ROUNDS) fail(`--record: a game record holds at most ${RECORD_ROUNDS} rounds (got --rounds ${rounds})`);
  if (values.record === '') fail('--record needs a file name');
  const capText = values['platform-cap'];
  if (capText !== undefined && (!/^\d+(\.\d+)?$/.test(capText) || Number(capText) > MAX_SUBSIDY)) fail(`--platform-cap must be a number from 0 to ${MAX_SUBSIDY} (got "${capText}")`);
  const platformCap = capText === undefined ? null : Number(capText);
  return { kind: 'play', scenario, rounds, seed, strategies, params, events, eventIds, scoring: scoring as ScoringMode, platformCap, noParks: values['no-parks'] ?? false, json: values.json ?? false, record: values.record ?? null };
}

/** A region sheet's scenario, or a usage error listing every problem of the sheet. */
function regionScenario(file: string, travel?: string): Scenario {
  if (file === '') fail('--scenario-file needs a file name');
  const read = readRegionFile(file, travel);
  if (read.ok) return read.scenario;
  if ('unreadable' in read) fail(`--scenario-file: ${read.unreadable}`);
  fail(`--scenario-file: ${read.file} is not valid:\n${read.errors.map((e) => `  ${describeCsvError(e)}`).join('\n')}`);
}

function parseParams(list: string[] | undefined): Record<string, number> {
  const params: Record<string, number> = {};
  for (const kv of list ?? []) {
    const m = /^([A-Za-z][\w.]*)=(.+)$/.exec(kv);
    if (!m) fail(`--param: "${kv}" must be key=value`);
    const value = Number(m[2]);
    if (m[2]!.trim() === '' || !Number.isFinite(value)) fail(`--param ${m[1]}: "${m[2]}" is not a number`);
    params[m[1]!] = value;
  }
  const error = checkOverrides(params);
  if (error) fail(`--param: ${error.field}: ${error.rule}`);
  return params;
}

interface ReplayOptions {
  kind: 'replay';
  file: string;
  /** The region sheet's scenario, when the record was played on one. */
  scenario: Scenario | null;
  change: WhatIf | null;
  json: boolean;
}

function replayOptions(values: Record<string, string | boolean | string[] | undefined>): ReplayOptions {
  for (const flag of ['scenario', 'rounds', 'seed', 'bots', 'event', 'scoring', 'platform-cap', 'no-parks', 'record'] as const) {
    if (values[flag] !== undefined) fail(`--${flag} does not go with --replay: the record says`);
  }
  const params = parseParams(values.param as string[] | undefined);
  const changes: WhatIf[] = [];
  if (Object.keys(params).length) changes.push({ params });
  if (typeof values['without-deal'] === 'string') changes.push({ withoutDeal: values['without-deal'] });
  if (values['without-subsidies'] === true) changes.push({ withoutSubsidies: true });
  if (changes.length > 1) fail('--replay takes one change: --param ..., --without-deal or --without-subsidies');
  const sheet = values['scenario-file'] as string | undefined;
  const travel = values['travel-file'] as string | undefined;
  if (travel !== undefined && sheet === undefined) fail('--travel-file goes with --scenario-file');
  return { kind: 'replay', file: values.replay as string, scenario: sheet === undefined ? null : regionScenario(sheet, travel), change: changes[0] ?? null, json: values.json === true };
}

function loadRecord(file: string, sheet: Scenario | null): { record: GameRecord; scenario: Scenario } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    fail(`--replay: cannot read ${file}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    fail(`--replay: ${file} is not JSON`);
  }
  const checked = check(recordSchema, json);
  if (!checked.ok) fail(`--replay: ${file} is not a game record: ${checked.error.field}: ${checked.error.rule}`);
  const wanted = checked.value.settings.scenario;
  if (sheet && sheet.id !== wanted) fail(`--scenario-file: the sheet builds "${sheet.id}" but the record was played on "${wanted}"`);
  if (sheet) return { record: checked.value, scenario: sheet };
  // A game hosted on an uploaded region carries its map (core/scenarios/played.ts).
  const played = playedScenario(wanted, checked.value.region, checked.value.region === undefined ? 'settings.scenario' : 'region');
  if (!played.ok) fail(`--replay: ${file}: ${played.error.field}: ${played.error.rule}${checked.value.region === undefined ? ' (a game on a region sheet from the command line needs --scenario-file)' : ''}`);
  return { record: checked.value, scenario: played.scenario };
}

const fmtValue = (x: unknown) => (typeof x === 'number' ? String(x) : JSON.stringify(x));

function replay(o: ReplayOptions): { code: number; out: string; err: string } {
  const { record, scenario } = loadRecord(o.file, o.scenario);
  if (!o.change) {
    const result = checkReplay(scenario, record);
    if (o.json) return { code: result.match ? 0 : 1, out: JSON.stringify(result, null, 2) + '\n', err: '' };
    if (result.match) return { code: 0, out: `replay matches: ${result.rounds} rounds of ${record.code} (${scenario.id}) reproduced exactly\n`, err: '' };
    const where = result.round === null ? 'the final state' : `round ${result.round}`;
    const detail = 'path' in result ? `${result.path}: archived ${fmtValue(result.archived)}, replayed ${fmtValue(result.replayed)}` : `${result.field}: ${result.rule}`;
    return { code: 1, out: '', err: `replay differs at ${where}, ${detail}\n` };
  }
  const variant = whatIf(scenario, record, o.change);
  if (!variant.ok) fail(`${variant.error.field}: ${variant.error.rule}`);
  const dealsOf = (r: RoundResult) => r.deals.filter((d) => d.applied).map((d) => d.deal);
  const eventsOf = (_: RoundResult, i: number) => record.rounds[i]!.events.map((e) => e.kind);
  const original = roundDocuments(
    record.rounds.map((r) => r.result),
    record.initialState.baseline,
    dealsOf,
    eventsOf,
  );
  // A changed parameter changes the baseline too (the variant's initial state is computed afresh).
  const changed = roundDocuments(variant.run.results, variant.run.finalState.baseline, dealsOf, eventsOf);
  if (o.json) {
    return { code: 0, out: JSON.stringify({ scenario: scenario.id, code: record.code, change: o.change, original, variant: changed, adjusted: variant.run.adjusted }, null, 2) + '\n', err: '' };
  }
  const lines = [`${record.code} (${scenario.id}), what if ${JSON.stringify(o.change)}: archived → changed`];
  for (const [i, a] of original.entries()) {
    const b = changed[i]!;
    const cell = (x: number, y: number, d = 1) => `${num(x, d)} → ${num(y, d)}`;
    lines.push(
      `round ${a.round}: innovation ${cell(a.metrics.totalInnovation, b.metrics.totalInnovation)}, subsidies ${cell(a.metrics.totalSubsidies, b.metrics.totalSubsidies)}, ` +
        `innovation Gini ${cell(a.metrics.innovationGini, b.metrics.innovationGini, 3)}, diffusion ${cell(100 * a.metrics.diffusionShare, 100 * b.metrics.diffusionShare)}%`,
    );
  }
  const last = original.length - 1;
  lines.push('final scores:');
  for (const r of original[last]!.regions) {
    const v = changed[last]!.regions.find((x) => x.id === r.id)!;
    lines.push(`  ${r.id.padEnd(14)} score ${pad(num(r.score), 8)} → ${pad(num(v.score), 8)}   treasury ${pad(num(r.treasury), 8)} → ${pad(num(v.treasury), 8)}`);
  }
  if (variant.run.adjusted.length) {
    lines.push('adjusted to fit the changed game:');
    for (const a of variant.run.adjusted) lines.push(`  round ${a.round}, ${a.city}, ${a.field}: ${a.rule}`);
  }
  return { code: 0, out: lines.join('\n') + '\n', err: '' };
}

const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

/** Running totals the score compares (core/model/score.ts): innovation credited, output, fiscal result, revenue. */
interface Totals {
  innovation: number;
  output: number;
  balance: number;
  revenue: number;
}

/**
 * The rounds as the contract of issue 3 names them (plus more fields, never fewer). Each city
 * also gets its score's parts, the baseline's running totals at that round (`baseline`, the
 * row `state.baseline[round − 1]`, or its last row past its end as core/model/score.ts reads
 * it) and its own (`totals`, summed from the results as core/model/round/budgets.ts adds
 * them up), so every part can be recomputed from the document. The baseline scores 0.
 */
function roundDocuments(results: readonly RoundResult[], baseline: Baseline, dealsOf: (r: RoundResult, i: number) => string[], eventsOf: (r: RoundResult, i: number) => string[]) {
  const totals: Totals[] = (results[0]?.regions ?? []).map(() => ({ innovation: 0, output: 0, balance: 0, revenue: 0 }));
  return results.map((result, k) => {
    const row = baseline[Math.min(result.round, baseline.length) - 1];
    const m = result.metrics;
    return {
      round: result.round,
      metrics: {
        innovationGini: m.innovationGini,
        outputGini: m.outputGini,
        totalInnovation: m.totalInnovation,
        totalSubsidies: m.totalSubsidies,
        hunterSubsidyShare: m.hunterSubsidyShare,
        diffusionShare: m.diffusionShare,
        innovationTheil: m.innovationTheil,
        outputTheil: m.outputTheil,
        totalOutput: m.totalOutput,
        subsidyGrowth: m.subsidyGrowth,
        subsidyPerInnovation: m.subsidyPerInnovation,
        hunters: m.hunters,
        firmsSited: m.firmsSited,
        capBreaches: m.capBreaches.length,
      },
      regions: result.regions.map((r, i) => {
        const f = r.fiscal;
        const own = totals[i]!;
        own.innovation += r.innovation;
        own.output += r.output;
        // The fiscal result before anything returns to the general budget, as the budget part counts it.
        own.balance += f.end + f.returned - f.start;
        own.revenue += f.tax + f.support + f.landSales;
        return {
          id: r.id,
          talent: r.stock.talent,
          startups: r.stock.startups,
          capital: r.stock.capital,
          innovation: r.innovation,
          output: r.output,
          treasury: f.end,
          subsidiesPaid: f.subsidies,
          industrialBase: sum(r.industrialBase),
          score: r.score,
          scoreParts: { ...r.scoreParts },
          baselineScore: 0,
          baseline: row ? { innovation: row.innovation[i]!, output: row.output[i]!, balance: row.balance[i]!, revenue: row.revenue[i]! } : null,
          totals: { ...own },
          hunters: r.hunters,
          patents: r.patents,
          firmsProducing: r.firms.producing,
          environment: r.environment,
        };
      }),
      parks: result.parks.map((p) => ({ id: p.id, sponsor: p.sponsor, host: p.host, mode: p.mode, talent: p.stock.talent, startups: p.stock.startups, capital: p.stock.capital, hunters: p.hunters, returnedToSponsor: p.returnedToSponsor })),
      quadrant: result.quadrant,
      deals: dealsOf(result, k),
      events: eventsOf(result, k),
    };
  });
}

type RoundDocument = ReturnType<typeof roundDocuments>[number];

const pad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const num = (x: number, d = 1) => x.toFixed(d);

function table(doc: RoundDocument): string {
  const m = doc.metrics;
  const lines = [
    `round ${doc.round}: innovation Gini ${num(m.innovationGini, 3)}, output Gini ${num(m.outputGini, 3)}, innovation ${num(m.totalInnovation)}, ` +
      `subsidies ${num(m.totalSubsidies)} (hunters ${num(100 * m.hunterSubsidyShare)}%), diffusion ${num(100 * m.diffusionShare)}%` +
      (doc.deals.length ? `, signed ${doc.deals.join(' ')}` : '') +
      (doc.events.length ? `, events ${doc.events.join(' ')}` : ''),
    ['city', 'talent', 'startups', 'capital', 'innov', 'output', 'treasury', 'subsidies', 'ind.base', 'score'].map((h, i) => (i === 0 ? h.padEnd(14) : pad(h, 9))).join(''),
  ];
  for (const r of doc.regions) {
    lines.push(
      r.id.padEnd(14) +
        [r.talent, r.startups, r.capital, r.innovation].map((x) => pad(num(x), 9)).join('') +
        pad(num(r.output, 0), 9) +
        [r.treasury, r.subsidiesPaid].map((x) => pad(num(x), 9)).join('') +
        pad(num(r.industrialBase, 2), 9) +
        pad(num(r.score), 9),
    );
  }
  for (const p of doc.parks) lines.push(`  park ${p.id} (${p.mode}): talent ${num(p.talent)}, startups ${num(p.startups)}, hunters ${num(p.hunters)}, firms home ${num(p.returnedToSponsor)}`);
  return lines.join('\n');
}

/** How a signed deal reads in the table and the JSON document: `d3:park quzhou→hangzhou`. */
function dealLabel(game: BotGame, result: RoundResult): string[] {
  return result.deals
    .filter((d) => d.applied)
    .map((d) => {
      const deal = game.rounds[result.round - 1]!.deals.find((x) => x.id === d.deal)!;
      return deal.terms.kind === 'park' ? `${d.deal}:park ${deal.terms.sponsor}→${deal.terms.host}` : `${d.deal}:${deal.terms.kind} ${deal.terms.members.join('+')}`;
    });
}

/**
 * The record's clock: none. A simulated game has no wall-clock time, and the same game must
 * write the same file, so round R is dated (R − 1) round lengths after the Unix epoch.
 */
const ROUND_SECONDS = 180;
const dated = (round: number) => new Date(Math.max(0, round - 1) * ROUND_SECONDS * 1000).toISOString();

/** The game as a room would archive it (core/protocol/record.ts): every seat a bot, no chat. */
/** The room rules given, as settings (none given: none written, so a record is as it always was). */
function rules(o: Options): { platform?: { cap: number; trading: boolean }; parks?: boolean } {
  return { ...(o.platformCap !== null ? { platform: { cap: o.platformCap, trading: false } } : {}), ...(o.noParks ? { parks: false } : {}) };
}

function gameRecord(o: Options, game: BotGame): GameRecord {
  const settings = { scenario: o.scenario.id, rounds: o.rounds, roundSeconds: ROUND_SECONDS, reviewSeconds: 0, practice: false, scoring: o.scoring, sealed: true, bots: true, language: 'en' as const, params: o.params, ...rules(o), seed: o.seed };
  return botGameRecord(o.scenario, game, { code: `SIM-${o.seed}`, settings, strategies: o.strategies, at: dated });
}

function writeRecord(file: string, record: GameRecord): void {
  const checked = check(recordSchema, JSON.parse(JSON.stringify(record)));
  if (!checked.ok) throw new Error(`the game record does not fit core/protocol/record.ts: ${checked.error.field}: ${checked.error.rule}`);
  try {
    writeFileSync(file, JSON.stringify(record) + '\n');
  } catch (e) {
    fail(`--record: cannot write ${file}: ${(e as Error).message}`);
  }
}

function play(o: Options): { code: number; out: string; err: string } {
  const game = playBotGame(o.scenario, { rounds: o.rounds, seed: o.seed, strategies: o.strategies, params: o.params, events: o.events, scoring: o.scoring, ...rules(o) });
  const docs = roundDocuments(
    game.rounds.map((r) => r.result),
    game.initial.baseline,
    (r) => dealLabel(game, r),
    (r) => o.eventIds.filter((e) => e.round === r.round).map((e) => e.id),
  );
  if (o.record !== null) writeRecord(o.record, gameRecord(o, game));
  if (o.json) {
    const doc = { scenario: o.scenario.id, seed: o.seed, bots: o.strategies, params: o.params, scoring: o.scoring, weights: game.initial.scoring.weights, rounds: docs };
    return { code: 0, out: JSON.stringify(doc, null, 2) + '\n', err: '' };
  }
  const header = `${o.scenario.id}, seed ${o.seed}, ${o.rounds} rounds, bots ${[...new Set(Object.values(o.strategies))].join('/')}, scoring ${o.scoring}${Object.keys(o.params).length ? `, params ${JSON.stringify(o.params)}` : ''}${o.platformCap !== null ? `, platform cap ${o.platformCap}` : ''}${o.noParks ? ', no parks' : ''}`;
  return { code: 0, out: [header, ...docs.map(table)].join('\n\n') + '\n', err: '' };
}

export function run(argv: string[]): { code: number; out: string; err: string } {
  try {
    const parsed = parseOptions(argv);
    if (parsed.kind === 'help') return { code: 0, out: `${USAGE}\n`, err: '' };
    return parsed.kind === 'replay' ? replay(parsed) : play(parsed);
  } catch (e) {
    if (e instanceof UsageError) return { code: 2, out: '', err: `error: ${e.message}\n\n${USAGE}\n` };
    throw e;
  }
}

// Run when called as a script (not when a test imports `run`).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { code, out, err } = run(process.argv.slice(2));
  process.stdout.write(out);
  process.stderr.write(err);
  process.exitCode = code;
}
