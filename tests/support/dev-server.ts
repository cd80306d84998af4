/**
 * A real `wrangler dev` on a free port, as `npm start` runs it: workerd with the Worker,
 * the rooms and the built client. Each test file gets its own, with its own storage
 * folder, so files never see each other's games. `restart()` stops and starts the same
 * server on the same storage: a room restart with nothing but its storage surviving.
 * A test that passes ENCLAVE_FAULTS gets the Worker with its bindings wrapped to fail as the
 * variable says (tests/support/faults/worker.ts); every other test gets wrangler.toml's own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface DevServer {
  url: string;
  host: string;
  port: number;
  /** Everything the server printed, for failing tests to show. */
  log: () => string;
  /** Run a query on the server's local D1 (the archive), as `wrangler d1 execute` does. */
  d1: <T = Record<string, unknown>>(sql: string) => Promise<T[]>;
  /** Where the server keeps its storage: rooms (Durable Objects) and D1, as SQLite files. */
  persist: string;
  /** The Chrome DevTools inspector of the Worker's isolate (the rooms run in it). */
  inspectorPort: () => number;
  /** Process id of wrangler, the leader of the process group that holds workerd. */
  pid: () => number | null;
  /**
   * Stop the server and start it again on the same storage. `kill: true` kills every
   * process of it at once (SIGKILL): a crash, with no chance to shut down cleanly.
   */
  restart: (options?: { kill?: boolean }) => Promise<void>;
  stop: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Run a wrangler command to completion; its standard output. */
function wrangler(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const proc = spawn(process.execPath, ['node_modules/wrangler/bin/wrangler.js', ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' },
    });
    proc.stdout.on('data', (d) => (out += String(d)));
    proc.stderr.on('data', (d) => (err += String(d)));
    proc.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`wrangler ${args.slice(0, 3).join(' ')} failed:\n${out}${err}`))));
  });
}

/** Apply migrations/ to the server's local D1, as `npm start` does. */
async function migrate(persist: string): Promise<void> {
  await wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist]);
}

/** The test-only Worker entry that injects faults (production code has no hooks for them). */
const FAULTS_ENTRY = 'tests/support/faults/worker.ts';

export interface DevServerOptions {
  vars?: Record<string, string>;
  /** Another Worker entry than wrangler.toml's `main` (a benchmark's instrumented one, say). */
  entry?: string;
}

export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const port = await freePort();
  const persist = mkdtempSync(join(tmpdir(), 'enclave-dev-'));
  let output = '';
  let child: ChildProcess | null = null;
  let inspectorPort = 0;

  const launch = async () => {
    inspectorPort = await freePort();
    const args = [
      'node_modules/wrangler/bin/wrangler.js', 'dev',
      ...(options.entry ? [options.entry] : options.vars?.ENCLAVE_FAULTS ? [FAULTS_ENTRY] : []),
      '--port', String(port), '--ip', '127.0.0.1',
      '--persist-to', persist,
      '--show-interactive-dev-session=false',
      // The inspector port would clash between servers started by parallel test runs.
      '--inspector-port', String(inspectorPort),
    ];
    // Local mode like `npm start` (worker/client.ts) unless a test asks for the platform's view.
    for (const [k, v] of Object.entries({ ENCLAVE_LOCAL: '1', ...options.vars })) args.push('--var', `${k}:${v}`);
    const proc = spawn(process.execPath, args, { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1', CLOUDFLARE_CF_FETCH_ENABLED: 'false' } });
    child = proc;
    proc.stdout!.on('data', (d) => (output += String(d)));
    proc.stderr!.on('data', (d) => (output += String(d)));
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) throw new Error(`wrangler dev exited early:\n${output}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (res.ok) return;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`wrangler dev did not start within 90 s:\n${output}`);
  };

  const kill = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') => {
    const proc = child;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    // wrangler starts workerd as a child: stop the whole process group.
    try {
      process.kill(-proc.pid!, signal);
    } catch {
      proc.kill(signal);
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-proc.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
  };

  // If this process ends without stop() (a failed benchmark, Ctrl-C), take the server with it.
  process.once('exit', () => {
    try {
      if (child?.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  });
  await migrate(persist);
  await launch();
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    port,
    log: () => output,
    d1: async <T,>(sql: string) => {
      // `wrangler d1 execute` opens the same SQLite file as the running server: while the
      // server writes, it can find the database locked. Try again a few times.
      for (let attempt = 1; ; attempt++) {
        try {
          const out = await wrangler(['d1', 'execute', 'DB', '--local', '--persist-to', persist, '--command', sql, '--json']);
          return (JSON.parse(out) as { results: T[] }[])[0]!.results;
        } catch (err) {
          if (attempt >= 5 || !String(err).includes('SQLITE_BUSY')) throw err;
          await new Promise((r) => setTimeout(r, 200 * attempt));
        }
      }
    },
    persist,
    inspectorPort: () => inspectorPort,
    pid: () => child?.pid ?? null,
    restart: async ({ kill: hard = false } = {}) => {
      await kill(hard ? 'SIGKILL' : 'SIGTERM');
      await launch();
    },
    stop: async () => {
      await kill();
      rmSync(persist, { recursive: true, force: true });
    },
  };
}
