/**
 * The built-in real-place scenarios are what their sheets and overlays make
 * (core/scenarios/builtin.ts): every core/scenarios/ID.json is exactly the text
 * `npm run scenario -- build-builtin` writes today, so a JSON file can never drift from its
 * sheet; and Zhejiang and G60, once hand-made, are still figure for figure the files that
 * saved game records replay against.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getScenario } from '../../core/scenarios';
import { builtinScenario, SHEET_SCENARIOS } from '../../core/scenarios/builtin';
import { builtinText, run } from '../../scripts/scenario';

const file = (path: string) => readFileSync(new URL(`../../core/scenarios/${path}`, import.meta.url), 'utf8');

/** Keys sorted at every level: the digest of what a scenario holds, not of how its file orders it. */
const canon = (x: unknown): unknown =>
  Array.isArray(x) ? x.map(canon) : x && typeof x === 'object' ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, canon((x as Record<string, unknown>)[k])])) : x;
const digest = (x: unknown) => createHash('sha256').update(JSON.stringify(canon(x))).digest('hex');

describe('built-in scenarios made from sheets', () => {
  it.each(SHEET_SCENARIOS.map((id) => [id]))('%s.json is exactly what its sheet, travel sheet and overlay make', (id) => {
    const made = builtinText(id);
    if (!made.ok) throw new Error(made.problems.join('\n'));
    expect(file(`${id}.json`), `run npm run scenario -- build-builtin`).toBe(made.text);
    expect(getScenario(id)).toEqual(JSON.parse(made.text));
  });

  // The hand-made files of commit 5f04207, every key sorted: what old game records replay against.
  // A sheet that moves any figure (or a travel time, a title, an event) changes the digest.
  it.each([
    ['zhejiang-mountain-sea', '80f75512ca3c8d41c1cd880798976ceba8f4e02ce7561a37eb6812edf0597161'],
    ['g60-corridor', 'f09b54a53b1a44986be7d5eacaf3732d8193fb1bd390e1ccf77601a76d3a922f'],
  ])('%s is figure for figure the hand-made file it replaced', (id, was) => {
    expect(digest(getScenario(id))).toBe(was);
  });

  it('the generator checks without writing, and says when a file differs', () => {
    expect(run(['build-builtin', '--check'])).toMatchObject({ code: 0, err: '' });
    expect(run(['build-builtin', '--nonsense']).code).toBe(2);
  });

  it('an overlay holds no city figures, and a bad one is refused naming the field', () => {
    const sheet = file('data/g60-corridor.csv');
    const overlay = JSON.parse(file('data/g60-corridor.overlay.json'));
    expect(builtinScenario({ sheet, overlay: { ...overlay, regions: [] } })).toMatchObject({ ok: false, problems: [expect.stringMatching(/^overlay: regions/)] });
    expect(builtinScenario({ sheet, overlay: { ...overlay, title: { en: 'G60' } } })).toMatchObject({ ok: false, problems: [expect.stringMatching(/^overlay: title\.zh/)] });
    const railTo = { ...overlay, events: [{ id: 'x', title: overlay.title, event: { kind: 'rail-line', between: ['songjiang', 'atlantis'], hours: 1 } }] };
    expect(builtinScenario({ sheet, overlay: railTo })).toMatchObject({ ok: false, problems: [expect.stringMatching(/^scenario: events\.0\.event\.between\.1/)] });
    expect(builtinScenario({ sheet: 'id\nx', overlay })).toMatchObject({ ok: false, problems: expect.arrayContaining([expect.stringMatching(/^sheet: row 1, name_en: /)]) });
  });
});
