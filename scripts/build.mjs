#!/usr/bin/env node
// Build the web client into dist/client and print what each screen downloads before it
// shows anything: every JS/CSS file with its raw and gzipped size, then per route the
// JavaScript loaded up front (the entry and its static imports, the messages in the largest
// language, and the screen's lazy chunk with its imports). Budget (issue 5): the join and
// player screens at most 80 KB gzipped.
import { build } from 'vite';
import { copyFileSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
await build({ configFile: join(root, 'web/vite.config.ts'), logLevel: 'warn' });

const out = join(root, 'dist/client');
// The static assets' security headers (Content-Security-Policy and others): see scripts/_headers.
copyFileSync(join(root, 'scripts/_headers'), join(out, '_headers'));
const gz = (file) => gzipSync(readFileSync(join(out, file)), { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1).padStart(6);

const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.(js|css|html)$/.test(name)) files.push(relative(out, path));
  }
};
walk(out);
console.log('client build (dist/client):');
for (const file of files.sort()) {
  console.log(`  ${file.padEnd(44)} ${kb(statSync(join(out, file)).size)} KB ${kb(gz(file))} KB gz`);
}

// Per route, from Vite's manifest: a chunk's static imports load with it.
const manifest = JSON.parse(readFileSync(join(out, '.vite/manifest.json'), 'utf8'));
const byKey = (k) => manifest[k];
const closure = (keys, seen = new Set()) => {
  for (const k of keys) {
    if (seen.has(k)) continue;
    seen.add(k);
    closure(byKey(k)?.imports ?? [], seen);
  }
  return seen;
};
const src = (path) => Object.keys(manifest).find((k) => manifest[k].src === path || k === path);
const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
const lang = (part) => {
  // The largest of a part's three catalogues, with what it imports.
  let best = new Set();
  let bestSize = -1;
  for (const l of ['en', 'zh', 'es']) {
    const set = closure([src(`src/i18n/${part}/${l}.ts`)]);
    const size = [...set].reduce((s, k) => s + gz(manifest[k].file), 0);
    if (size > bestSize) [best, bestSize] = [set, size];
  }
  return best;
};
const routes = [
  ['home, join, player (/, /play/CODE)', [], ['main'], 80],
  ['solo (/solo)', ['src/screens/Solo.svelte'], ['main']],
  ['host setup (/host)', ['src/screens/HostSetup.svelte'], ['main', 'host']],
  ['host console (/host/CODE)', ['src/screens/Host.svelte'], ['main', 'host', 'debrief']],
  ['projector (/screen/CODE)', ['src/screens/Screen.svelte'], ['main', 'debrief']],
  ['debrief (game over, /archive, /shared)', ['src/components/debrief/Debrief.svelte', 'src/screens/Archive.svelte'], ['main', 'debrief', 'host']],
  ['class console (/class/CODE)', ['src/screens/ClassConsole.svelte'], ['main', 'klass']],
  ['class stage (/class-screen/CODE)', ['src/screens/ClassStage.svelte'], ['main', 'klass', 'debrief']],
  ['briefings (/briefings/SCENARIO)', ['src/screens/Briefings.svelte'], ['main', 'host']],
];
console.log('\ninitial JavaScript per route (gzipped; messages in the largest language):');
let over = false;
for (const [name, lazy, parts, budget] of routes) {
  const set = closure([entry, ...lazy.map(src)]);
  for (const p of parts) for (const k of lang(p)) set.add(k);
  const total = [...set].reduce((s, k) => s + gz(manifest[k].file), 0);
  const note = budget ? (total / 1024 <= budget ? `  (budget ${budget} KB: ok)` : `  (budget ${budget} KB: OVER)`) : '';
  if (budget && total / 1024 > budget) over = true;
  console.log(`  ${name.padEnd(44)} ${kb(total)} KB gz${note}`);
}
if (over) process.exitCode = 1;
