#!/usr/bin/env node
// Build the web client into dist/client and print what a phone downloads: every JS and
// CSS file with its raw and gzipped size (issue budget: join and player screens ≤ 80 KB gz).
import { build } from 'vite';
import { copyFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
await build({ configFile: join(root, 'web/vite.config.ts'), logLevel: 'warn' });

const out = join(root, 'dist/client');
// The static assets' security headers (Content-Security-Policy and others): see scripts/_headers.
copyFileSync(join(root, 'scripts/_headers'), join(out, '_headers'));
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.(js|css|html)$/.test(name)) files.push(path);
  }
};
walk(out);
let totalGz = 0;
console.log('client build (dist/client):');
for (const path of files.sort()) {
  const data = readFileSync(path);
  const gz = gzipSync(data, { level: 9 }).length;
  if (/\.js$/.test(path)) totalGz += gz;
  console.log(`  ${relative(out, path).padEnd(40)} ${(data.length / 1024).toFixed(1).padStart(7)} KB  ${(gz / 1024).toFixed(1).padStart(6)} KB gz`);
}
console.log(`  ${'all JavaScript'.padEnd(40)} ${''.padStart(10)} ${(totalGz / 1024).toFixed(1).padStart(6)} KB gz`);
