/**
 * Sheets saved by a spreadsheet whose language writes decimal commas (core/scenarios/csv/
 * parse.ts `separatorOf`, numbers.ts): Excel in Spanish, French or German saves "CSV" with `;`
 * between cells and `1238,5` for numbers, and cannot be told otherwise without changing system
 * settings (issue 14). Such a sheet builds the same scenario as its comma version; what stays
 * ambiguous is refused naming the row, the column and the rule.
 */
import { describe, expect, it } from 'vitest';
import { checkTravelCsv, scenarioFromCsv, type CsvError } from '../../core/scenarios/csv';
import { checkRegionCsv, isFormula } from '../../core/scenarios/csv/check';
import { readCsv } from '../../core/scenarios/csv/parse';

/** A Valencian region as a comma sheet, with optional columns, quoted cells and a negative longitude. */
const COMMA = [
  '# Comunitat Valenciana, approximate 2022 figures',
  'id,name_en,name_zh,name_es,gdp,population,lat,lon,role,strengths,land_quota,environment,notes',
  'valencia,Valencia,瓦伦西亚,València,4211.5,160.9,39.47,-0.38,core,digital-economy;life-health,3.5,1.25,"port, university"',
  'castellon,Castellón,卡斯特利翁,Castellón,780,18,39.99,-0.05,second-core,chemicals;new-materials,,0.8,ceramics',
  'sagunto,Sagunto,萨贡托,Sagunt,190.25,6.8,39.68,-0.27,near-core,smart-manufacturing,12,,',
  'gandia,Gandia,甘迪亚,Gandia,150,7.6,38.97,-0.18,periphery,life-health,,,"beach; tourism"',
].join('\n') + '\n';

/**
 * The same sheet as Excel in Spanish saves it as "CSV UTF-8": a byte-order mark, CRLF, `;`
 * between cells, decimal commas, and a cell quoted when it holds a `;` (the strengths lists).
 */
const EXCEL_ES =
  '\ufeff' +
  [
    '# Comunitat Valenciana, approximate 2022 figures;;;;;;;;;;;;',
    'id;name_en;name_zh;name_es;gdp;population;lat;lon;role;strengths;land_quota;environment;notes',
    'valencia;Valencia;瓦伦西亚;València;4211,5;160,9;39,47;-0,38;core;"digital-economy;life-health";3,5;1,25;port, university',
    'castellon;Castellón;卡斯特利翁;Castellón;780;18;39,99;-0,05;second-core;"chemicals;new-materials";;0,8;ceramics',
    'sagunto;Sagunto;萨贡托;Sagunt;190,25;6,8;39,68;-0,27;near-core;smart-manufacturing;12;;',
    'gandia;Gandia;甘迪亚;Gandia;150;7,6;38,97;-0,18;periphery;life-health;;;"beach; tourism"',
    ';;;;;;;;;;;;',
  ].join('\r\n') +
  '\r\n';

const HEADER = 'id;name_en;name_zh;name_es;gdp;population;lat;lon;role;strengths';
const ROWS = ['alpha;Alpha;甲城;Alfa;9000;600;30,1;120,1;core;digital-economy', 'beta;Beta;乙城;Beta;4000;300;30,5;120,6;near-core;new-materials', 'gamma;Gamma;丙城;Gama;1500;200;29,6;119,4;periphery;chemicals'];
const semis = (rows = ROWS, header = HEADER) => [header, ...rows].join('\r\n') + '\r\n';

function errorsOf(text: string): CsvError[] {
  const r = checkRegionCsv(text);
  if (r.ok) throw new Error('expected errors, the sheet was accepted');
  return r.errors;
}

describe('a sheet separated by semicolons', () => {
  it('is read with ; between cells when its header has ; and no comma outside quotes', () => {
    const r = readCsv(EXCEL_ES);
    expect(r.ok && r.separator).toBe(';');
    expect(r.ok && r.records[1]!.cells.slice(8, 10)).toEqual(['core', 'digital-economy;life-health']);
    const comma = readCsv(COMMA);
    expect(comma.ok && comma.separator).toBe(',');
  });

  it('builds the same scenario as its comma version: Excel in Spanish, with decimal commas, CRLF and a BOM', () => {
    const es = scenarioFromCsv(EXCEL_ES, { id: 'valencia-region' });
    const en = scenarioFromCsv(COMMA, { id: 'valencia-region' });
    if (!es.ok) throw new Error(JSON.stringify(es.errors));
    if (!en.ok) throw new Error(JSON.stringify(en.errors));
    expect(es.scenario).toEqual(en.scenario);
    // The figures themselves, read with their decimal commas.
    const checked = checkRegionCsv(EXCEL_ES);
    expect(checked.ok && checked.cities.map((c) => [c.id, c.row, c.gdp, c.lon, c.landQuota, c.environment, c.strengths])).toEqual([
      ['valencia', 3, 4211.5, -0.38, 3.5, 1.25, ['digital-economy', 'life-health']],
      ['castellon', 4, 780, -0.05, undefined, 0.8, ['chemicals', 'new-materials']],
      ['sagunto', 5, 190.25, -0.27, 12, undefined, ['smart-manufacturing']],
      ['gandia', 6, 150, -0.18, undefined, undefined, ['life-health']],
    ]);
  });

  it('finds the header past comments and rows of empty cells', () => {
    expect(checkRegionCsv('# notes, with commas; and semicolons\n;;;;\n  \n' + semis()).ok).toBe(true);
    // Nothing but empty rows: no header, whichever the separator.
    expect(errorsOf('# mine\n;;;;\r\n;;;;\r\n')).toEqual([expect.objectContaining({ row: 0, code: 'no-header' })]);
    expect(errorsOf(',,,,\n')).toEqual([expect.objectContaining({ row: 0, code: 'no-header' })]);
  });

  it('takes a decimal comma, a sign and an exponent, and tells them from formulas', () => {
    const r = checkRegionCsv(semis([ROWS[0]!.replace('120,1', '+120,1').replace(';600;', ';6E+02;'), ROWS[1]!.replace('4000', '4,5e3'), ROWS[2]!.replace('1500', ',5')]));
    expect(r.ok && r.cities.map((c) => [c.gdp, c.population, c.lon])).toEqual([
      [9000, 600, 120.1],
      [4500, 300, 120.6],
      [0.5, 200, 119.4],
    ]);
    expect(isFormula('-0,5', ';')).toBe(false);
    expect(isFormula('+1,5E+03', ';')).toBe(false);
    expect(isFormula('-0.5', ';')).toBe(true);
    expect(isFormula('-A1', ';')).toBe(true);
    // In a comma sheet a quoted "-0,5" is still not a number, so still a formula (as before).
    expect(isFormula('-0,5')).toBe(true);
  });

  // What stays ambiguous, each refused with the row, the column and the rule.
  const cases: [string, string, Partial<CsvError>, RegExp][] = [
    ['a header with both ; and ,', '# mine\n' + semis(ROWS, HEADER.replace(';strengths', ',strengths')), { row: 2, column: '(file)', code: 'mixed-separators' }, /both , \(1\) and ; \(8\).*use one separator throughout/],
    ['a point in a semicolon sheet (a Spanish thousands separator: 1.238 is 1238)', semis([ROWS[0]!, ROWS[1]!.replace(';300;', ';1.238;'), ROWS[2]!]), { row: 3, column: 'population', code: 'not-a-number' }, /"1\.238" is not a number: write a plain number with a decimal comma such as 1234,5 \(this sheet separates its cells with ;\), without thousands separators/],
    ['both marks', semis([ROWS[0]!.replace('9000', '9.000,5'), ROWS[1]!, ROWS[2]!]), { row: 2, column: 'gdp', code: 'not-a-number' }, /"9\.000,5" is not a number/],
    ['two commas', semis([ROWS[0]!, ROWS[1]!, ROWS[2]!.replace('1500', '1,500,5')]), { row: 4, column: 'gdp', code: 'not-a-number' }, /"1,500,5" is not a number/],
    ['a formula', semis([ROWS[0]!.replace('9000', '=SUMA(A1:A3)'), ROWS[1]!, ROWS[2]!]), { row: 2, column: 'gdp', code: 'formula' }, /formula.*paste the values only/],
    ['a formula after a minus', semis([ROWS[0]!, ROWS[1]!.replace('120,6', '-B2'), ROWS[2]!]), { row: 3, column: 'lon', code: 'formula' }, /formula/],
    ['a negative population', semis([ROWS[0]!, ROWS[1]!, ROWS[2]!.replace(';200;', ';-0,5;')]), { row: 4, column: 'population', code: 'negative' }, /is -0,5; it cannot be negative/],
    ['a list of strengths not in quotes', semis([ROWS[0]!.replace('digital-economy', 'digital-economy;chemicals'), ROWS[1]!, ROWS[2]!]), { row: 2, column: 'column 11', code: 'extra-cells' }, /a ; inside a name or a list of strengths needs the cell in quotes/],
  ];
  for (const [name, text, where, rule] of cases) {
    it(`refuses ${name}, naming the row and the column`, () => {
      const errors = errorsOf(text);
      const e = errors.find((x) => x.code === where.code);
      expect(e, JSON.stringify(errors)).toMatchObject(where);
      expect(e!.rule).toMatch(rule);
    });
  }
});

describe('a travel sheet separated by semicolons', () => {
  const cities = ['valencia', 'castellon', 'sagunto', 'gandia'];
  const TRAVEL_COMMA = [',valencia,castellon,sagunto,gandia', 'valencia,,0.9,0.45,0.75', 'castellon,,,,', 'sagunto,,0.5,,', 'gandia,,,,'].join('\n');
  const TRAVEL_ES = '\ufeff' + [';valencia;castellon;sagunto;gandia', 'valencia;;0,9;0,45;0,75', 'castellon;;;;', 'sagunto;;0,5;;', 'gandia;;;;'].join('\r\n') + '\r\n';

  it('gives the same hours and the same scenario as its comma version', () => {
    const es = checkTravelCsv(TRAVEL_ES, cities);
    expect(es.ok && es.hours).toEqual({ valencia: { castellon: 0.9, sagunto: 0.45, gandia: 0.75 }, sagunto: { castellon: 0.5 } });
    expect(es).toEqual(checkTravelCsv(TRAVEL_COMMA, cities));
    const a = scenarioFromCsv(EXCEL_ES, { id: 'v', travel: TRAVEL_ES });
    const b = scenarioFromCsv(COMMA, { id: 'v', travel: TRAVEL_COMMA });
    expect(a.ok && b.ok).toBe(true);
    expect(a).toEqual(b);
  });

  it('may be separated differently from its region sheet: each file is read by its own header', () => {
    expect(scenarioFromCsv(COMMA, { id: 'v', travel: TRAVEL_ES })).toEqual(scenarioFromCsv(COMMA, { id: 'v', travel: TRAVEL_COMMA }));
  });

  it('refuses a header with both separators, a point for decimals and a formula, by row and column', () => {
    const mixed = checkTravelCsv(TRAVEL_ES.replace(';castellon', ',castellon'), cities);
    expect(!mixed.ok && mixed.errors).toEqual([expect.objectContaining({ row: 1, column: '(file)', code: 'mixed-separators' })]);
    const point = checkTravelCsv(TRAVEL_ES.replace('0,45', '0.45'), cities);
    expect(!point.ok && point.errors).toEqual([expect.objectContaining({ row: 2, column: 'sagunto', code: 'not-a-number' })]);
    const formula = checkTravelCsv(TRAVEL_ES.replace('0,75', '=A1'), cities);
    expect(!formula.ok && formula.errors).toEqual([expect.objectContaining({ row: 2, column: 'gandia', code: 'formula' })]);
    const minus = checkTravelCsv(TRAVEL_ES.replace('0,75', '-0,75'), cities);
    expect(!minus.ok && minus.errors).toEqual([expect.objectContaining({ row: 2, column: 'gandia', code: 'negative' })]);
  });
});
