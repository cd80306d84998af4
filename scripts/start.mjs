#!/usr/bin/env node
// `npm start`: build the web client, apply the archive's migrations to the local D1, then run the whole game (API, rooms, client) in one
// `wrangler dev` on workerd and print the address to open. Ctrl-C stops it.
// PORT=9000 npm start picks another port. It listens on every interface so phones on the
// same network can join a workshop; HOST=127.0.0.1 npm start keeps it to this machine.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { networkInterfaces } from 'node:os';
import { lanOrigins } from './lan.mjs';

const root = new URL('..', import.meta.url).pathname;

// wrangler asks before applying migrations when it sees a terminal, reports usage to
// Cloudflare, and fetches a `Request.cf` sample from workers.cloudflare.com (a stack trace
// when offline, as at a workshop on a LAN; the game reads nothing from it): none of these,
// so a first start never waits for input and stays quiet without internet.
const quiet = { ...process.env, CI: '1', WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };

function run(cmd, args, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`))));
  });
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

await run(process.execPath, ['scripts/build.mjs']);
// The archive's schema (migrations/) into the local D1 that wrangler dev uses.
await run(process.execPath, ['node_modules/wrangler/bin/wrangler.js', 'd1', 'migrations', 'apply', 'DB', '--local'], quiet);

let port = Number(process.env.PORT ?? 8787);
if (!process.env.PORT) while (!(await portIsFree(port))) port++;

// The addresses phones on this network can reach: printed below, and the first one goes into
// join links and QR codes when the host opens the game on localhost (web/src/lib/join.svelte.ts).
const lan = lanOrigins(networkInterfaces(), port, process.env.HOST);
const joinVar = lan.length ? ['--var', `JOIN_ORIGIN:${lan[0]}`] : [];

const wrangler = spawn(
  process.execPath,
  ['node_modules/wrangler/bin/wrangler.js', 'dev', '--port', String(port), '--ip', process.env.HOST ?? '0.0.0.0', '--show-interactive-dev-session=false', '--var', 'ENCLAVE_LOCAL:1', ...joinVar],
  { cwd: root, stdio: ['inherit', 'pipe', 'inherit'], env: quiet },
);
let announced = false;
wrangler.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (!announced && /Ready on/.test(String(chunk))) {
    announced = true;
    console.log(`\n  Enclave is running. Open http://localhost:${port}/ (Ctrl-C to stop)`);
    if (lan.length) console.log(`  Players on this network can join at ${lan.map((o) => `${o}/`).join(' or ')}`);
    console.log('');
  }
});
const stop = () => wrangler.kill('SIGINT');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
wrangler.on('exit', (code) => process.exit(code ?? 0));
