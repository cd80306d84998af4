/**
 * The seams between the parts: the Worker's bindings are generated from wrangler.toml and the
 * committed file is what `npm run types` makes of it today; and imports only point down
 * (core/ below party/ below worker/), so a room never depends on the Worker that hosts it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const GENERATED = 'worker-configuration.d.ts';

/** A generated file without its header line, which names the path it was written to. */
const body = (text: string) => text.split('\n').slice(2).join('\n');

describe('generated bindings', () => {
  it(`${GENERATED} is what \`npm run types\` makes of wrangler.toml now`, { timeout: 60_000 }, () => {
    const script = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.types!;
    const [command, ...args] = script.split(' ');
    expect(command).toBe('wrangler');
    const dir = mkdtempSync(join(tmpdir(), 'enclave-types-'));
    try {
      const out = join(dir, GENERATED);
      const run = spawnSync(process.execPath, ['node_modules/wrangler/bin/wrangler.js', ...args, out], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' },
      });
      expect(run.status, run.stderr).toBe(0);
      // The fresh file imports the Worker's module relative to where it was written.
      const fresh = readFileSync(out, 'utf8').replaceAll(`"${relative(dir, root)}/`, '"./');
      const committed = readFileSync(join(root, GENERATED), 'utf8');
      expect(body(committed), `${GENERATED} is stale: run npm run types and commit it`).toBe(body(fresh));
      expect(committed).toContain('interface Env');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Every import specifier in the .ts files under a folder, with the file it is in. */
function imports(folder: string): { file: string; from: string }[] {
  const found: { file: string; from: string }[] = [];
  for (const entry of readdirSync(join(root, folder), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = join(entry.parentPath, entry.name);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g)) {
      found.push({ file: relative(root, file), from: (m[1] ?? m[2])! });
    }
  }
  return found;
}

/** The top folder an import in `file` lands in, or null for a package. */
function target(file: string, from: string): string | null {
  if (!from.startsWith('.')) return null;
  return relative(root, join(root, file, '..', from)).split('/')[0]!;
}

describe('imports point down', () => {
  it('the scanner sees imports at all (the rooms import core/)', () => {
    expect(imports('party').some(({ file, from }) => file === 'party/game.ts' && target(file, from) === 'core')).toBe(true);
  });
  it('no file in party/ imports from worker/', () => {
    expect(imports('party').filter(({ file, from }) => target(file, from) === 'worker')).toEqual([]);
  });
  it('no file in core/ imports from party/, worker/ or web/', () => {
    expect(imports('core').filter(({ file, from }) => ['party', 'worker', 'web'].includes(target(file, from) ?? ''))).toEqual([]);
  });
});

/** Every .ts file under a folder, relative to the root. */
const sources = (folder: string) =>
  readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(root, join(e.parentPath, e.name)));

it('production code carries no fault hooks: nothing in party/ or worker/ reads ENCLAVE_FAULTS or the tests\' fault plan', () => {
  const files = [...sources('party'), ...sources('worker')];
  const hooked = files.filter((f) => /ENCLAVE_FAULTS|injected fault|faults'/.test(readFileSync(join(root, f), 'utf8')));
  expect(hooked).toEqual([]);
  // The fault plan lives with the tests, in the entry that wraps the bindings.
  expect(readFileSync(join(root, 'tests/support/faults/worker.ts'), 'utf8')).toContain("from '../../../worker/index'");
});

it('no room or worker code touches a storage key PartyServer keeps for itself (__ps_name and the like)', () => {
  const files = [...sources('party'), ...sources('worker')];
  expect(files).toContain('party/game.ts');
  expect(files.filter((f) => readFileSync(join(root, f), 'utf8').includes('__ps_'))).toEqual([]);
});
