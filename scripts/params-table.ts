/**
 * `npm run docs:params`: rewrites the "Parameters" section of docs/model.md from the one
 * table of parameters (core/model/params.ts), so the document lists every parameter with its
 * current default, bounds, meaning and paper section (tests/model/scenarios.test.ts checks it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PARAMS, PARAM_GROUPS, PARAM_KEYS, type ParamSpec } from '../core/model/params';

const file = fileURLToPath(new URL('../docs/model.md', import.meta.url));
const doc = readFileSync(file, 'utf8');
const start = doc.indexOf('## Parameters');
if (start < 0) throw new Error('docs/model.md has no "## Parameters" section');

const cell = (x: string) => x.replace(/\|/g, '\\|');
const lines = ['## Parameters', '', 'Every number the model uses (`core/model/params.ts`); a game may override any of them within its bounds, and the three innovation elasticities must sum to at most 1.', ''];
for (const group of PARAM_GROUPS) {
  lines.push(`### ${group}`, '', '| key | default | bounds | unit | meaning | paper |', '| --- | --- | --- | --- | --- | --- |');
  for (const key of PARAM_KEYS) {
    const p = PARAMS[key] as ParamSpec & { group: string };
    if (p.group !== group) continue;
    lines.push(`| \`${key}\` | ${p.default} | ${p.min} – ${p.max}${p.integer ? ' (whole)' : ''} | ${p.unit || '—'} | ${cell(p.meaning)} | ${cell(p.paper)} |`);
  }
  lines.push('');
}
writeFileSync(file, doc.slice(0, start) + lines.join('\n'));
console.log(`wrote the parameters of docs/model.md (${PARAM_KEYS.length})`);
