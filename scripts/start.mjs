#!/usr/bin/env node
// `npm start`: build the web client, then run the whole game (API, rooms, client) in one
// `wrangler dev` on workerd and print the address to open. Ctrl-C stops it.
// PORT=9000 npm start picks another port.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const root = new URL('..', import.meta.url).pathname;

function run(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`))));
  });
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

await run(process.execPath, ['scripts/build.mjs']);

let port = Number(process.env.PORT ?? 8787);
if (!process.env.PORT) while (!(await portIsFree(port))) port++;

const wrangler = spawn(
  process.execPath,
  ['node_modules/wrangler/bin/wrangler.js', 'dev', '--port', String(port), '--ip', '127.0.0.1', '--show-interactive-dev-session=false'],
  { cwd: root, stdio: ['inherit', 'pipe', 'inherit'] },
);
let announced = false;
wrangler.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (!announced && /Ready on/.test(String(chunk))) {
    announced = true;
    console.log(`\n  Enclave is running. Open http://localhost:${port}/ (Ctrl-C to stop)\n`);
  }
});
const stop = () => wrangler.kill('SIGINT');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
wrangler.on('exit', (code) => process.exit(code ?? 0));
