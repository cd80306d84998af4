/** The simulation CLI (`npm run sim`), spawned as a user would run it. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
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
