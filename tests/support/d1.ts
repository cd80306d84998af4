/**
 * A real local D1 (SQLite in workerd) for in-process worker tests: a fresh folder, the
 * repository's migrations applied by wrangler as `npm start` does, then getPlatformProxy.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getPlatformProxy } from 'wrangler';

const root = fileURLToPath(new URL('../..', import.meta.url));
const config = fileURLToPath(new URL('./wrangler.d1.toml', import.meta.url));

export interface TestD1 {
  db: D1Database;
  dispose: () => Promise<void>;
}

export async function startD1(): Promise<TestD1> {
  const persist = mkdtempSync(join(tmpdir(), 'enclave-d1-'));
  const applied = spawnSync(
    process.execPath,
    ['node_modules/wrangler/bin/wrangler.js', 'd1', 'migrations', 'apply', 'DB', '--local', '--config', config, '--persist-to', persist],
    { cwd: root, encoding: 'utf8', env: { ...process.env, CI: '1', WRANGLER_SEND_METRICS: 'false' } },
  );
  if (applied.status !== 0) throw new Error(`migrations failed:\n${applied.stdout}\n${applied.stderr}`);
  const proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: config, persist: { path: join(persist, 'v3') } });
  return {
    db: proxy.env.DB,
    dispose: async () => {
      await proxy.dispose();
      rmSync(persist, { recursive: true, force: true });
    },
  };
}
