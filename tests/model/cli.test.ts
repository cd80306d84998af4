/** The simulation CLI (`npm run sim`), spawned as a user would run it. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeRecord } from '../support/record';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../scripts/sim';

function sim(...args: string[]) {
  const out = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/sim.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

describe('npm run sim', () => {
  it('prints one JSON document with the contract field names', () => {
    const { code, stdout } = sim('--scenario', 'zhejiang-mountain-sea', '--rounds', '3', '--seed', '4', '--bots', 'quzhou=cooperator,hangzhou=cooperator,*=matcher', '--param', 'congestion=0.7', '--json');
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc).toMatchObject({ scenario: 'zhejiang-mountain-sea', seed: 4 });
    expect(doc.bots).toMatchObject({ quzhou: 'cooperator', hangzhou: 'cooperator', ningbo: 'matcher' });
    expect(doc.rounds).toHaveLength(3);
    const round = doc.rounds[0];
    expect(round.round).toBe(1);
    for (const k of ['innovationGini', 'outputGini', 'totalInnovation', 'totalSubsidies', 'hunterSubsidyShare', 'diffusionShare']) expect(typeof round.metrics[k]).toBe('number');
    expect(round.regions).toHaveLength(11);
    for (const k of ['id', 'talent', 'startups', 'capital', 'innovation', 'output', 'treasury', 'subsidiesPaid', 'industrialBase', 'score']) expect(round.regions[0]).toHaveProperty(k);
  });

  it('is deterministic and follows the seed', () => {
    const a = run(['--scenario', 'classroom-4', '--rounds', '2', '--seed', '9', '--bots', 'random', '--json']).out;
    const b = run(['--scenario', 'classroom-4', '--rounds', '2', '--seed', '9', '--bots', 'random', '--json']).out;
    const c = run(['--scenario', 'classroom-4', '--rounds', '2', '--seed', '10', '--bots', 'random', '--json']).out;
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('prints a readable table per round without --json', () => {
    const { code, stdout } = sim('--scenario', 'classroom-4', '--rounds', '2', '--seed', '1', '--bots', 'escalator', '--event', '2:downturn');
    expect(code).toBe(0);
    expect(stdout).toMatch(/round 1: innovation Gini/);
    expect(stdout).toMatch(/round 2: .*events downturn/);
    expect(stdout).toMatch(/metropolis\s+[\d.]+/);
  });

  it('exits with code 2 and the usage when spawned with a bad flag', () => {
    const { code, stderr } = sim('--scenario', 'classroom-4', '--speed', '3');
    expect(code).toBe(2);
    expect(stderr).toMatch(/usage: npm run sim/);
  });

  const bad: [string, string[], RegExp][] = [
    ['an unknown flag', ['--scenario', 'classroom-4', '--speed', '3'], /speed/],
    ['a missing scenario', ['--rounds', '3'], /--scenario is required/],
    ['an unknown scenario', ['--scenario', 'atlantis'], /no scenario "atlantis"/],
    ['rounds that are not a whole number', ['--scenario', 'classroom-4', '--rounds', 'ten'], /--rounds must be a whole number/],
    ['an unknown strategy', ['--scenario', 'classroom-4', '--bots', 'genius'], /not a strategy/],
    ['a city missing from the bots', ['--scenario', 'classroom-4', '--bots', 'metropolis=frugal'], /no strategy for rivertown/],
    ['an unknown city in the bots', ['--scenario', 'classroom-4', '--bots', 'atlantis=frugal,*=frugal'], /"atlantis" is not a city/],
    ['a parameter out of bounds', ['--scenario', 'classroom-4', '--param', 'congestion=99'], /params\.congestion: must be between 0 and 5/],
    ['a malformed parameter', ['--scenario', 'classroom-4', '--param', 'congestion'], /must be key=value/],
    ['an unknown event', ['--scenario', 'classroom-4', '--event', '1:flood'], /no event "flood"/],
  ];
  for (const [name, args, message] of bad) {
    it(`answers ${name} with the usage and exit code 2`, () => {
      const { code, err: stderr, out: stdout } = run(args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
      expect(stderr).toMatch(/usage: npm run sim/);
    });
  }
});

describe('--replay (issue 6)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'enclave-replay-'));
  const file = join(dir, 'game.json');
  const record = makeRecord({ code: 'CLI222', rounds: 5 });
  writeFileSync(file, JSON.stringify(record));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('confirms that the model reproduces an exported game', () => {
    const out = sim('--replay', file);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('replay matches: 5 rounds of CLI222');
    expect(JSON.parse(sim('--replay', file, '--json').stdout)).toEqual({ match: true, rounds: 5 });
  });

  it('exits 1 naming the first differing field of a tampered export', () => {
    const tampered = structuredClone(record);
    tampered.rounds[3]!.result.metrics.totalSubsidies += 1;
    const bad = join(dir, 'tampered.json');
    writeFileSync(bad, JSON.stringify(tampered));
    const out = sim('--replay', bad);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('replay differs at round 4, rounds.3.result.metrics.totalSubsidies');
  });

  it('plays the game again with a parameter changed and prints both runs', () => {
    const out = sim('--replay', file, '--param', 'congestion=1.5', '--json');
    expect(out.code).toBe(0);
    const doc = JSON.parse(out.stdout) as { change: unknown; original: { metrics: { totalInnovation: number } }[]; variant: { metrics: { totalInnovation: number } }[] };
    expect(doc.change).toEqual({ params: { congestion: 1.5 } });
    expect(doc.original).toHaveLength(5);
    expect(doc.variant[4]!.metrics.totalInnovation).not.toBe(doc.original[4]!.metrics.totalInnovation);
    const table = sim('--replay', file, '--without-deal', 'd1');
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('adjusted to fit the changed game:');
  });

  it('refuses a broken file or mixed flags with the usage and exit code 2', () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ ...record, rounds: 'many' }));
    const out = sim('--replay', broken);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('is not a game record: rounds:');
    expect(sim('--replay', file, '--scenario', 'classroom-4').code).toBe(2);
    expect(sim('--replay', file, '--without-subsidies', '--without-deal', 'd1').code).toBe(2);
    expect(sim('--replay', join(dir, 'missing.json')).code).toBe(2);
  });
});
