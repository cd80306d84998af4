/**
 * The README's first command: `npm start` builds, applies the archive's migrations and runs
 * the game, printing the address, without waiting for input and without a stack trace when
 * there is no internet (this machine reaches no Cloudflare host, so a usage report or the
 * `Request.cf` fetch would print one: scripts/start.mjs turns both off).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { freePort } from '../support/dev-server';

const root = fileURLToPath(new URL('../..', import.meta.url));
let child: ChildProcess | undefined;

const withoutTestEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_ENV' && !k.startsWith('VITEST')));

afterAll(() => {
  try {
    if (child?.pid) process.kill(-child.pid, 'SIGINT');
  } catch {
    // already gone
  }
});

it('npm start prints the address, serves the game, asks nothing and prints no stack trace offline', async () => {
  const port = await freePort();
  child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    detached: true,
    // No terminal to answer a prompt: a question would hang here until the timeout.
    stdio: ['ignore', 'pipe', 'pipe'],
    // As a person's shell would start it: without vitest's NODE_ENV=test, which changes both
    // the client's build and whether wrangler fetches `Request.cf`.
    env: { ...withoutTestEnv(), PORT: String(port), HOST: '127.0.0.1' },
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += String(d)));
  child.stderr!.on('data', (d) => (output += String(d)));
  const deadline = Date.now() + 150_000;
  while (!/Enclave is running/.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`npm start did not print its address:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(output).toContain(`http://localhost:${port}/`);
  const health = await fetch(`http://127.0.0.1:${port}/api/health`);
  expect(health.status).toBe(200);
  const page = await fetch(`http://127.0.0.1:${port}/`);
  expect(await page.text()).toContain('<div id="app"');
  expect(output).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
  expect(output).not.toMatch(/Unable to fetch|ENOTFOUND|Ok to proceed/);
}, 180_000);
