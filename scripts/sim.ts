/**
 * Simulation CLI: a whole game played by bots, straight through the pure model.
 *
 *   npm run sim -- --scenario ID --rounds N --seed S --bots SPEC [--param key=value ...]
 *                  [--event ROUND:EVENT_ID ...] [--scoring MODE] [--json]
 *
 *   npm run sim -- --replay FILE.json [--param key=value ... | --without-deal ID | --without-subsidies] [--json]
 *
 * SPEC is one strategy for every seat, or `city=strategy,...,*=strategy`. Without --json
 * it prints a readable per-round table; with --json one JSON document (the field names of
 * issue 3 are a contract). --replay re-runs an exported game record (issue 6): alone it
 * checks that today's model reproduces every archived result (exit 1 and the first
 * differing field if not); with one change it plays the game again and prints both runs.
 * Bad flags print the usage and exit with code 2.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { BOT_STRATEGIES, isBotStrategy, type BotStrategy } from '../core/bots';
import { playBotGame } from '../core/bots/game';
import { checkOverrides } from '../core/model/params';
import type { GameEvent } from '../core/protocol/events';
import { SCORING_MODES, type ScoringMode } from '../core/protocol/settings';
import type { RoundResult } from '../core/protocol/state';
import { SCENARIOS, getScenario, type Scenario } from '../core/scenarios';
import { recordSchema, type GameRecord } from '../core/protocol/record';
import { check } from '../core/protocol/validate';
import { checkReplay, whatIf, type WhatIf } from '../core/replay/replay';

const USAGE = `usage: npm run sim -- --scenario ID [--rounds N] [--seed S] [--bots SPEC]
                      [--param key=value ...] [--event ROUND:EVENT_ID ...]
                      [--scoring scorecard|innovation|regional] [--json]

  --scenario ID      one of: ${SCENARIOS.map((s) => s.id).join(', ')}
  --rounds N         rounds to play, 1–100 (default 8)
  --seed S           seed of the model's randomness, 0–4294967295 (default 1)
  --bots SPEC        a strategy for every seat (${BOT_STRATEGIES.join(', ')}), or
                     city=strategy,...,*=strategy (default frugal)
  --param key=value  override a model parameter within its bounds (repeatable)
  --event R:ID       inject the scenario's event ID before round R (repeatable)
  --scoring MODE     scorecard (default), innovation or regional: the preset the score's
                     parts are weighted with (docs/data.md "The score")
  --json             print one JSON document instead of a table

       npm run sim -- --replay FILE.json [--param key=value ... | --without-deal ID |
                      --without-subsidies] [--json]

  --replay FILE      an exported game record (JSON): check that the model reproduces it,
                     or with one change, play it again and show both runs
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

/** `frugal`, or `quzhou=cooperator,hangzhou=cooperator,*=matcher`. */
export function parseBots(spec: string, scenario: Scenario): Record<string, BotStrategy> {
  const ids = scenario.regions.map((r) => r.id);
  if (!spec.includes('=')) {
    if (!isBotStrategy(spec)) fail(`--bots: "${spec}" is not a strategy (${BOT_STRATEGIES.join(', ')})`);
    return Object.fromEntries(ids.map((id) => [id, spec]));
  }
  const named: Record<string, BotStrategy> = {};
  let rest: BotStrategy | null = null;
  for (const part of spec.split(',')) {
    const [city, strategy, extra] = part.split('=');
    if (!city || !strategy || extra !== undefined) fail(`--bots: "${part}" must be city=strategy`);
    if (!isBotStrategy(strategy)) fail(`--bots: "${strategy}" is not a strategy (${BOT_STRATEGIES.join(', ')})`);
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
  json: boolean;
}

export function parseOptions(argv: string[]): Options | ReplayOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        scenario: { type: 'string' },
        rounds: { type: 'string' },
        seed: { type: 'string' },
        bots: { type: 'string' },
        param: { type: 'string', multiple: true },
        event: { type: 'string', multiple: true },
        scoring: { type: 'string' },
        json: { type: 'boolean' },
        replay: { type: 'string' },
        'without-deal': { type: 'string' },
        'without-subsidies': { type: 'boolean' },
      },
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  if (values.replay !== undefined) return replayOptions(values);
  for (const flag of ['without-deal', 'without-subsidies'] as const) if (values[flag] !== undefined) fail(`--${flag} goes with --replay`);
  if (!values.scenario) fail('--scenario is required');
  const scenario = getScenario(values.scenario) ?? fail(`--scenario: no scenario "${values.scenario}"`);
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
  if (!(SCORING_MODES as readonly string[]).includes(scoring) || scoring === 'custom') fail(`--scoring must be scorecard, innovation or regional (got "${scoring}")`);
  return { kind: 'play', scenario, rounds, seed, strategies, params, events, eventIds, scoring: scoring as ScoringMode, json: values.json ?? false };
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
  change: WhatIf | null;
  json: boolean;
}

function replayOptions(values: Record<string, string | boolean | string[] | undefined>): ReplayOptions {
  for (const flag of ['scenario', 'rounds', 'seed', 'bots', 'event', 'scoring'] as const) {
    if (values[flag] !== undefined) fail(`--${flag} does not go with --replay: the record says`);
  }
  const params = parseParams(values.param as string[] | undefined);
  const changes: WhatIf[] = [];
  if (Object.keys(params).length) changes.push({ params });
  if (typeof values['without-deal'] === 'string') changes.push({ withoutDeal: values['without-deal'] });
  if (values['without-subsidies'] === true) changes.push({ withoutSubsidies: true });
  if (changes.length > 1) fail('--replay takes one change: --param ..., --without-deal or --without-subsidies');
  return { kind: 'replay', file: values.replay as string, change: changes[0] ?? null, json: values.json === true };
}

function loadRecord(file: string): { record: GameRecord; scenario: Scenario } {
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
  const scenario = getScenario(checked.value.settings.scenario) ?? fail(`--replay: no scenario "${checked.value.settings.scenario}" here`);
  return { record: checked.value, scenario };
}

const fmtValue = (x: unknown) => (typeof x === 'number' ? String(x) : JSON.stringify(x));

function replay(o: ReplayOptions): { code: number; out: string; err: string } {
  const { record, scenario } = loadRecord(o.file);
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
  const original = record.rounds.map((r) => roundDocument(r.result, dealsOf(r.result), r.events.map((e) => e.kind)));
  const changed = variant.run.results.map((r, i) => roundDocument(r, dealsOf(r), record.rounds[i]!.events.map((e) => e.kind)));
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

/** One round as the contract of issue 3 names it (plus a few more fields). */
function roundDocument(result: RoundResult, deals: string[], events: string[]) {
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
    regions: result.regions.map((r) => ({
      id: r.id,
      talent: r.stock.talent,
      startups: r.stock.startups,
      capital: r.stock.capital,
      innovation: r.innovation,
      output: r.output,
      treasury: r.fiscal.end,
      subsidiesPaid: r.fiscal.subsidies,
      industrialBase: sum(r.industrialBase),
      score: r.score,
      hunters: r.hunters,
      patents: r.patents,
      firmsProducing: r.firms.producing,
      environment: r.environment,
    })),
    parks: result.parks.map((p) => ({ id: p.id, sponsor: p.sponsor, host: p.host, mode: p.mode, talent: p.stock.talent, startups: p.stock.startups, capital: p.stock.capital, hunters: p.hunters, returnedToSponsor: p.returnedToSponsor })),
    quadrant: result.quadrant,
    deals,
    events,
  };
}

const pad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const num = (x: number, d = 1) => x.toFixed(d);

function table(doc: ReturnType<typeof roundDocument>): string {
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

export function run(argv: string[]): { code: number; out: string; err: string } {
  let o: Options;
  try {
    const parsed = parseOptions(argv);
    if (parsed.kind === 'replay') return replay(parsed);
    o = parsed;
  } catch (e) {
    if (e instanceof UsageError) return { code: 2, out: '', err: `error: ${e.message}\n\n${USAGE}\n` };
    throw e;
  }
  const game = playBotGame(o.scenario, { rounds: o.rounds, seed: o.seed, strategies: o.strategies, params: o.params, events: o.events, scoring: o.scoring });
  const docs = game.rounds.map((r) =>
    roundDocument(
      r.result,
      r.result.deals.filter((d) => d.applied).map((d) => {
        const deal = r.deals.find((x) => x.id === d.deal)!;
        return deal.terms.kind === 'park' ? `${d.deal}:park ${deal.terms.sponsor}→${deal.terms.host}` : `${d.deal}:${deal.terms.kind} ${deal.terms.members.join('+')}`;
      }),
      o.eventIds.filter((e) => e.round === r.result.round).map((e) => e.id),
    ),
  );
  if (o.json) {
    const doc = { scenario: o.scenario.id, seed: o.seed, bots: o.strategies, params: o.params, scoring: o.scoring, rounds: docs };
    return { code: 0, out: JSON.stringify(doc, null, 2) + '\n', err: '' };
  }
  const header = `${o.scenario.id}, seed ${o.seed}, ${o.rounds} rounds, bots ${[...new Set(Object.values(o.strategies))].join('/')}${Object.keys(o.params).length ? `, params ${JSON.stringify(o.params)}` : ''}`;
  return { code: 0, out: [header, ...docs.map(table)].join('\n\n') + '\n', err: '' };
}

// Run when called as a script (not when a test imports `run`).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { code, out, err } = run(process.argv.slice(2));
  process.stdout.write(out);
  process.stderr.write(err);
  process.exitCode = code;
}
