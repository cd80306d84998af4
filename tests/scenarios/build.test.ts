/**
 * Building a scenario from a region sheet (core/scenarios/csv/build.ts): the derivation
 * rules reproduce the built-in Zhejiang and G60 scenarios from their sheets
 * (core/scenarios/data), a given figure wins over the rule and carries through, and the
 * result passes the scenario schema.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getScenario } from '../../core/scenarios';
import { travelMatrix } from '../../core/model/geo';
import { checkScenario } from '../../core/scenarios/schema';
import { checkRegionCsv, COLUMNS, CSV_ERROR_CODES, scenarioFromCsv, SECTORS, templateCsv } from '../../core/scenarios/csv';
import mainEn from '../../web/src/i18n/main/en';
import mainZh from '../../web/src/i18n/main/zh';
import mainEs from '../../web/src/i18n/main/es';

const sheetOf = (id: string) => readFileSync(new URL(`../../core/scenarios/data/${id}.csv`, import.meta.url), 'utf8');

describe('the built-in regions, rebuilt from their sheets', () => {
  // The built-in files are generated from these sheets (tests/scenarios/builtin.test.ts); this
  // checks the sheet alone, without its overlay, gives every figure the game plays with.
  for (const id of ['zhejiang-mountain-sea', 'g60-corridor', 'greater-bay-area', 'andalucia']) {
    it(`${id}: every city figure, sector, related pair and travel time is the built-in scenario's`, () => {
      const travel = `${id}-travel`;
      const built = scenarioFromCsv(sheetOf(id), { id, travel: sheetOf(travel) });
      if (!built.ok) throw new Error(JSON.stringify(built.errors));
      const ref = getScenario(id)!;
      expect(built.scenario.sectors).toEqual(ref.sectors);
      expect(built.scenario.related).toEqual(ref.related);
      expect(built.scenario.travelHours).toEqual(ref.travelHours);
      expect(travelMatrix(built.scenario)).toEqual(travelMatrix(ref));
      expect(built.scenario.regions).toEqual(ref.regions);
    });
  }
});

describe('derivation', () => {
  const HEADER = 'id,name_en,name_zh,name_es,gdp,population,lat,lon,role,strengths';
  const rows = ['alpha,Alpha,甲,Alfa,9000,600,30,120,core,digital-economy', 'beta,Beta,乙,Beta,4000,300,30,121,near-core,new-materials', 'gamma,Gamma,丙,Gama,1500,200,30,119,periphery,chemicals'];
  const build = (header: string, lines: string[]) => {
    const r = scenarioFromCsv([header, ...lines].join('\n'));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.scenario;
  };

  it('a given figure wins over the rule, and the figures derived from it follow it', () => {
    const plain = build(HEADER, rows);
    const given = build(HEADER + ',talent,land_quota', [rows[0] + ',10,', rows[1] + ',,5', rows[2] + ',,']);
    const [a, b] = [plain.regions[0]!, given.regions[0]!];
    expect(b.factors.talent).toBe(10);
    expect(b.factors.startups).toBeCloseTo(10 * 0.935, 2);
    expect(b.innovationSpace).toBeLessThan(a.innovationSpace);
    expect(b.knowledge).toBeLessThan(a.knowledge);
    expect(given.regions[1]!.landQuota).toBe(5);
    expect(given.regions[2]).toEqual(plain.regions[2]);
  });
  it('places a region along one parallel in the middle of the map, and spans 5–95 on the other axis', () => {
    const s = build(HEADER, rows);
    expect(s.regions.map((r) => r.map)).toEqual([
      { x: 50, y: 50 },
      { x: 95, y: 50 },
      { x: 5, y: 50 },
    ]);
  });
  it('lists only the sectors the cities name, in the game’s order, and titles the region after its core', () => {
    const s = build(HEADER, rows);
    expect(s.sectors).toEqual(['digital-economy', 'new-materials', 'chemicals']);
    expect(s.related).toEqual([['new-materials', 'chemicals']]);
    expect(s.title.en).toBe('Alpha and its region');
    expect(checkScenario(s).ok).toBe(true);
  });
  it('a city with no factors at all is refused naming its row', () => {
    const given = scenarioFromCsv([HEADER + ',talent,startups,capital', rows[0] + ',0,0,0', rows[1] + ',,,', rows[2] + ',,,'].join('\n'));
    expect(!given.ok && given.errors[0]).toMatchObject({ row: 2, column: 'talent', code: 'no-factors' });
    const tiny = scenarioFromCsv([HEADER, rows[0], rows[1], 'gamma,Gamma,丙,Gama,0.01,0.01,30,119,periphery,chemicals'].join('\n'));
    expect(!tiny.ok && tiny.errors[0]).toMatchObject({ row: 4, column: 'talent', code: 'no-factors' });
  });
  it('builds the most cities a sheet may hold, with long names, the summary cut to fit', () => {
    const many = Array.from({ length: 64 }, (_, i) => `c${i},${'Longname'.repeat(9)} ${i},城市${'长'.repeat(70)}${i},Nombre ${i},${1000 + i},100,${20 + i * 0.05},${100 + (i % 8) * 0.1},${i === 0 ? 'core' : 'periphery'},chemicals`);
    const r = scenarioFromCsv([HEADER, ...many].join('\n'));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.scenario.regions).toHaveLength(64);
    expect(r.scenario.summary.en.length).toBeLessThanOrEqual(400);
    expect(r.scenario.summary.en).toMatch(/ and \d+ more\.$/);
    expect(r.scenario.summary.zh).toMatch(/ 等另外\d+座。$/);
  });
  it('the largest GDP a sheet takes derives figures within every bound, in every role', () => {
    const big = ['core', 'second-core', 'near-core', 'periphery'].map((role, i) => `c${i},C,丙,C,1000000,1000000,${30 + i},119,${role},chemicals`);
    expect(scenarioFromCsv([HEADER, ...big].join('\n')).ok).toBe(true);
    const over = scenarioFromCsv([HEADER, big[0]!.replace('1000000', '1000001'), ...big.slice(1)].join('\n'));
    expect(!over.ok && over.errors[0]).toMatchObject({ row: 2, column: 'gdp', code: 'out-of-range' });
  });
  it('a derived figure out of bounds is named by the sheet’s column, saying it was derived', () => {
    const r = scenarioFromCsv([HEADER + ',talent', rows[0] + ',100000', rows[1] + ',', rows[2] + ','].join('\n'));
    expect(!r.ok && r.errors[0]).toMatchObject({ row: 2, column: 'innovation_space', code: 'out-of-range' });
    expect(!r.ok && r.errors[0]!.rule).toMatch(/at most 10000 \(derived from the row's other figures: give innovation_space a value/);
  });
  it('the template as printed is a valid region', () => {
    const checked = checkRegionCsv(templateCsv());
    expect(checked.ok && checked.cities.length).toBe(4);
    expect(scenarioFromCsv(templateCsv()).ok).toBe(true);
  });
  it('every sector a sheet may name has a name in the three languages', () => {
    for (const m of [mainEn, mainZh, mainEs]) for (const s of SECTORS) expect(m.sectors[s], s).toBeTruthy();
  });
});

describe('docs/scenarios.md', () => {
  const doc = readFileSync(new URL('../../docs/scenarios.md', import.meta.url), 'utf8');
  it('has a row for every column of the sheet and every kind of error', () => {
    for (const c of COLUMNS) expect(doc, c.name).toMatch(new RegExp(`^\\| \`${c.name}\` \\|`, 'm'));
    for (const code of CSV_ERROR_CODES) expect(doc, code).toContain(`\`${code}\``);
  });
});
