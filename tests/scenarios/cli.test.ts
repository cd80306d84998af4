/**
 * Region sheets from the command line: `npm run scenario -- template|check|build` and
 * `npm run sim -- --scenario-file`. In-process through `run()`, and one spawned run for the
 * exit code and the streams a facilitator sees.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkScenario } from '../../core/scenarios/schema';
import { run as scenario } from '../../scripts/scenario';
import { run as sim } from '../../scripts/sim';
import { idFromFile } from '../../scripts/region-file';

const dir = mkdtempSync(join(tmpdir(), 'enclave-region-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
/** The template with a formula and a negative population in Quzhou's row; every test may use it. */
const BAD = scenario(['template']).out.replace('quzhou,Quzhou,衢州,Quzhou,2003,229', 'quzhou,Quzhou,衢州,Quzhou,=B2/10,-229');
const badFile = file('bad.csv', BAD);
/** Timetable hours from Hangzhou to the template's other cities. */
const hoursFile = file('coast-hours.csv', ',hangzhou,ningbo,quzhou,lishui\nhangzhou,,0.9,1.0,1.6\nningbo,0.9,,,\nquzhou,1.0,,,\nlishui,1.6,,,\n');
const coastFile = file('coast.csv', scenario(['template']).out);

describe('npm run scenario', () => {
  it('template prints the columns explained in # lines, then a header and rows that check', () => {
    const t = scenario(['template']);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/^# population \(required\): resident population.*\[10,000 people\]/m);
    expect(t.out).toMatch(/^# land_quota \(optional; empty: 3 \(core\)/m);
    expect(t.out).toMatch(/^id,name_en,name_zh,name_es,gdp,population,lat,lon,role,strengths,/m);
    const checked = scenario(['check', file('pearl-delta.csv', t.out)]);
    expect(checked).toMatchObject({ code: 0, err: '' });
    expect(checked.out).toMatch(/valid, 4 cities .*scenario id pearl-delta/);
  });
  it('check exits 2 listing every problem by row and column; nothing is built', () => {
    const r = scenario(['check', badFile]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const row = BAD.split(/\r\n/).findIndex((l) => l.startsWith('quzhou')) + 1;
    expect(r.err).toContain(`bad.csv: row ${row}, gdp: holds a formula`);
    expect(r.err).toContain(`bad.csv: row ${row}, population: is -229; it cannot be negative`);
    expect(r.err).toMatch(/2 problems; nothing was built/);
    expect(scenario(['build', badFile]).code).toBe(2);
  });
  it('build prints a scenario the schema accepts, named after the file', () => {
    const r = scenario(['build', file('Mi Región 2024.csv', scenario(['template']).out)]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(checkScenario(s).ok).toBe(true);
    expect(s.id).toBe('mi-regi-n-2024');
  });
  it('check and build take a Spanish Excel\'s CSV (; between cells, decimal commas, a BOM) as the comma template', () => {
    const es = '\ufeff' + scenario(['template']).out.split('\r\n').map((l) => (l.startsWith('#') ? l : l.split(',').map((c) => (c.includes(';') ? `"${c}"` : c.replace(/^(-?\d+)\.(\d+)$/, '$1,$2'))).join(';'))).join('\r\n');
    expect(es).toContain('hangzhou;Hangzhou;杭州;Hangzhou;18753;1238;30,27;120,16;core;"digital-economy;life-health;new-materials"');
    const esFile = file('costa.csv', es);
    expect(scenario(['check', esFile])).toMatchObject({ code: 0, err: '', out: expect.stringMatching(/valid, 4 cities .*scenario id costa/) });
    const a = JSON.parse(scenario(['build', esFile]).out);
    const b = JSON.parse(scenario(['build', coastFile]).out);
    expect({ ...a, id: 'coast' }).toEqual(b);
  });
  it('refuses a missing file, an unknown command and extra arguments with exit 2', () => {
    expect(scenario(['check', join(dir, 'nope.csv')])).toMatchObject({ code: 2, err: expect.stringMatching(/cannot read/) });
    expect(scenario(['frobnicate']).code).toBe(2);
    expect(scenario(['check', 'a.csv', 'b.csv']).code).toBe(2);
    expect(scenario([]).code).toBe(2);
  });
  it('takes a travel sheet with --travel; its problems name the travel file', () => {
    const [sheet, hours] = [coastFile, hoursFile];
    expect(scenario(['check', sheet, '--travel', hours])).toMatchObject({ code: 0, out: expect.stringMatching(/3 travel times given/) });
    const built = JSON.parse(scenario(['build', sheet, '--travel', hours]).out);
    expect(built.travelHours.hangzhou.lishui).toBe(1.6);
    const crooked = file('crooked.csv', ',hangzhou,ningbo\nhangzhou,,0.9\n');
    const r = scenario(['check', sheet, '--travel', crooked]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/crooked\.csv: row 1, \(file\): must list the same cities/);
    expect(scenario(['check', sheet, '--hours', hours]).code).toBe(2);
  });
  it('names scenarios from files safely', () => {
    expect(idFromFile('/x/Chengdu Plain.CSV')).toBe('chengdu-plain');
    expect(idFromFile('2024.csv')).toBe('custom-region');
    // A sheet named like a built-in map never takes its id: its records must not replay against the built-in.
    expect(idFromFile('/tmp/zhejiang-mountain-sea.csv')).toBe('zhejiang-mountain-sea-sheet');
    expect(idFromFile('Classroom-4.csv')).toBe('classroom-4-sheet');
  });
  it('as a process: exit 2 and the problems on stderr', () => {
    const out = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/scenario.ts', 'check', badFile], { encoding: 'utf8', timeout: 60_000 });
    expect(out.status).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/gdp: holds a formula/);
  }, 60_000);
});

describe('npm run sim -- --scenario-file', () => {
  it('plays a sheet with the other flags, records it, and replays the record from the sheet', () => {
    const sheet = file('my-coast.csv', scenario(['template']).out);
    const record = join(dir, 'game.json');
    const r = sim(['--scenario-file', sheet, '--rounds', '3', '--seed', '4', '--bots', 'hangzhou=fixed:0.3,*=frugal', '--scoring', 'regional', '--event', '2:downturn', '--json', '--record', record]);
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.scenario).toBe('my-coast');
    expect(doc.scoring).toBe('regional');
    expect(doc.rounds).toHaveLength(3);
    expect(doc.rounds[2].regions.map((x: { id: string }) => x.id)).toEqual(['hangzhou', 'ningbo', 'quzhou', 'lishui']);
    expect(JSON.parse(readFileSync(record, 'utf8')).settings.scenario).toBe('my-coast');
    expect(sim(['--replay', record, '--scenario-file', sheet])).toMatchObject({ code: 0, out: expect.stringMatching(/replay matches: 3 rounds/) });
    // Without the sheet the record's region is unknown here, and the error says what to add.
    expect(sim(['--replay', record])).toMatchObject({ code: 2, err: expect.stringMatching(/needs --scenario-file/) });
  });
  it('plays with a travel sheet, and refuses --travel-file without --scenario-file', () => {
    const r = sim(['--scenario-file', coastFile, '--travel-file', hoursFile, '--rounds', '2', '--json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).rounds).toHaveLength(2);
    expect(sim(['--scenario', 'classroom-4', '--travel-file', hoursFile]).code).toBe(2);
  });
  it('refuses a broken sheet with its problems, and --scenario with --scenario-file', () => {
    const r = sim(['--scenario-file', badFile]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is not valid:\n {2}row \d+, gdp: holds a formula/);
    expect(sim(['--scenario', 'classroom-4', '--scenario-file', join(dir, 'my-coast.csv')]).code).toBe(2);
  });
});
