/**
 * The region spreadsheet reader and checker (core/scenarios/csv): RFC 4180 quoting, line
 * ends, comments, and every class of error named by its row, its column and its rule.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioFromCsv } from '../../core/scenarios/csv';
import { checkRegionCsv, describeCsvError, isFormula, type CsvError } from '../../core/scenarios/csv/check';
import { MAX_CITIES } from '../../core/scenarios/csv/columns';
import { MAX_CSV_CHARS, readCsv } from '../../core/scenarios/csv/parse';

const HEADER = 'id,name_en,name_zh,name_es,gdp,population,lat,lon,role,strengths';
const ROWS = [
  'alpha,Alpha,甲城,Alfa,9000,600,30.1,120.1,core,digital-economy;smart-manufacturing',
  'beta,Beta,乙城,Beta,4000,300,30.5,120.6,near-core,new-materials',
  'gamma,Gamma,丙城,Gama,1500,200,29.6,119.4,periphery,chemicals;life-health',
];
const sheet = (rows = ROWS, header = HEADER) => [header, ...rows].join('\r\n') + '\r\n';

function errorsOf(text: string): CsvError[] {
  const r = checkRegionCsv(text);
  if (r.ok) throw new Error('expected errors, the sheet was accepted');
  return r.errors;
}

describe('reading CSV', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF, LF and CR line ends, and a BOM', () => {
    const r = readCsv('\ufeffa,"b, c","say ""hi"""\r\n"two\nlines",x,\r\ny,z,w\rlast,row,here');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.records.map((x) => x.cells)).toEqual([
      ['a', 'b, c', 'say "hi"'],
      ['two\nlines', 'x', ''],
      ['y', 'z', 'w'],
      ['last', 'row', 'here'],
    ]);
    // Row numbers are the lines a spreadsheet shows: a quoted line break takes a line.
    expect(r.records.map((x) => x.row)).toEqual([1, 2, 4, 5]);
  });
  it('skips # comment lines, blank lines and rows of empty cells', () => {
    const r = readCsv('# a comment, with a comma\n\na,b\n,,\n# another\nc,d\n');
    expect(r.ok && r.records.map((x) => [x.row, x.cells])).toEqual([
      [3, ['a', 'b']],
      [6, ['c', 'd']],
    ]);
  });
  it('refuses an unclosed quote, a stray quote and a huge file, saying why', () => {
    const unclosed = readCsv('a,b\n"c,d\n');
    expect(!unclosed.ok && unclosed.problem).toMatchObject({ row: 2, code: 'unclosed-quote' });
    const stray = readCsv('a,b"c\n');
    expect(!stray.ok && stray.problem).toMatchObject({ row: 1, column: 'column 2', code: 'stray-quote' });
    const huge = readCsv('a'.repeat(MAX_CSV_CHARS + 1));
    expect(!huge.ok && huge.problem).toMatchObject({ row: 0, column: '(file)', code: 'too-large' });
    expect(!huge.ok && huge.problem.rule).toMatch(/at most 200000/);
  });
});

describe('how the spreadsheet saved the file', () => {
  // What a facilitator's spreadsheet writes when its language is not English (tried as a new
  // facilitator would, issue 14): the errors must name the save setting, not a stray quote.
  const latin1 = (text: string) => Uint8Array.from([...text].map((ch) => (ch.charCodeAt(0) < 256 ? ch.charCodeAt(0) : 0x3f)));
  it('refuses a file that is not UTF-8 (Excel\'s plain CSV in Spain or China) instead of storing garbled names', () => {
    // File.text() in the browser and readFileSync(f, 'utf8') both decode this way.
    const text = new TextDecoder().decode(latin1('# my region\n' + sheet([...ROWS, 'castellon,Castellón,?,Castellón,780,18,39.99,-0.05,periphery,chemicals'].map((r) => r.replace(/[^\x00-\xff]/g, '?')))));
    expect(text).toContain('\ufffd');
    expect(errorsOf(text)).toEqual([expect.objectContaining({ row: 6, column: '(file)', code: 'not-utf8', rule: expect.stringMatching(/CSV UTF-8/) })]);
    // The same file saved as UTF-8 is read as it is.
    expect(checkRegionCsv('# my region\n' + sheet([...ROWS, 'castellon,Castellón,卡斯特利翁,Castellón,780,18,39.99,-0.05,periphery,chemicals'])).ok).toBe(true);
  });
  // Cells separated by ; (Excel where the decimal mark is a comma) are read: semicolons.test.ts.
});

describe('checking a region sheet', () => {
  it('accepts a good sheet: ids, names in three languages, numbers, roles and strengths', () => {
    const r = checkRegionCsv('# my region\n' + sheet());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.cities.map((c) => [c.row, c.id, c.role])).toEqual([
      [3, 'alpha', 'core'],
      [4, 'beta', 'near-core'],
      [5, 'gamma', 'periphery'],
    ]);
    expect(r.cities[0]).toMatchObject({ name: { en: 'Alpha', zh: '甲城', es: 'Alfa' }, gdp: 9000, population: 600, lat: 30.1, lon: 120.1, strengths: ['digital-economy', 'smart-manufacturing'] });
    expect(r.cities[0]!.landQuota).toBeUndefined();
  });
  it('reads optional columns, in any order and case, and ignores notes', () => {
    const r = checkRegionCsv(sheet(['alpha,Alpha,甲城,Alfa,9000,600,30.1,120.1,core,digital-economy,4.5,"=not read"', ROWS[1]! + ',,', ROWS[2]! + ',,'], HEADER + ',Land_Quota ,notes'));
    expect(r.ok && r.cities[0]!.landQuota).toBe(4.5);
    expect(r.ok && r.cities[1]!.landQuota).toBeUndefined();
  });

  // Each error class: the sheet, then the row, the column and the rule it must name.
  const cases: [string, string, Partial<CsvError>, RegExp][] = [
    ['a missing column', sheet(ROWS.map((r) => r.replace(/,[^,]*$/, '')), HEADER.replace(',strengths', '')), { row: 1, column: 'strengths', code: 'missing-column' }, /required column/],
    ['an unknown column', sheet(ROWS.map((r) => r + ',1'), HEADER + ',populaton'), { row: 1, column: 'populaton', code: 'unknown-column' }, /not a column/],
    ['a column twice', sheet(ROWS.map((r) => r + ',1'), HEADER + ',gdp'), { row: 1, column: 'gdp', code: 'duplicate-column' }, /twice/],
    ['not a number', sheet([ROWS[0]!, ROWS[1]!.replace('4000', 'about 4000'), ROWS[2]!]), { row: 3, column: 'gdp', code: 'not-a-number' }, /"about 4000" is not a number/],
    ['thousands separators', sheet([ROWS[0]!.replace('9000', '"9,000"'), ROWS[1]!, ROWS[2]!]), { row: 2, column: 'gdp', code: 'not-a-number' }, /without thousands separators/],
    ['a negative population', sheet([ROWS[0]!, ROWS[1]!, ROWS[2]!.replace(',200,', ',-200,')]), { row: 4, column: 'population', code: 'negative' }, /cannot be negative/],
    ['a duplicate id', sheet([ROWS[0]!, ROWS[1]!, ROWS[2]!.replace('gamma', 'alpha')]), { row: 4, column: 'id', code: 'duplicate-id' }, /already the id of the city in row 2/],
    ['a latitude out of range', sheet([ROWS[0]!.replace('30.1', '91'), ROWS[1]!, ROWS[2]!]), { row: 2, column: 'lat', code: 'out-of-range' }, /between -90 and 90/],
    ['a longitude out of range', sheet([ROWS[0]!, ROWS[1]!.replace('120.6', '200.6'), ROWS[2]!]), { row: 3, column: 'lon', code: 'out-of-range' }, /between -180 and 180/],
    ['a formula', sheet([ROWS[0]!.replace('9000', '=SUM(A1:A3)'), ROWS[1]!, ROWS[2]!]), { row: 2, column: 'gdp', code: 'formula' }, /formula.*paste the values only/],
    ['a formula in a name', sheet([ROWS[0]!, ROWS[1]!.replace('Beta,乙城', '@cmd,乙城'), ROWS[2]!]), { row: 3, column: 'name_en', code: 'formula' }, /formula/],
    ['an empty required cell', sheet([ROWS[0]!, ROWS[1]!.replace('near-core', ''), ROWS[2]!]), { row: 3, column: 'role', code: 'empty' }, /is empty; it is required/],
    ['an unknown role', sheet([ROWS[0]!, ROWS[1]!.replace('near-core', 'suburb'), ROWS[2]!]), { row: 3, column: 'role', code: 'bad-role' }, /must be one of core, second-core, near-core, periphery/],
    ['an unknown sector', sheet([ROWS[0]!, ROWS[1]!, ROWS[2]!.replace('chemicals', 'mining')]), { row: 4, column: 'strengths', code: 'bad-sector' }, /"mining" is not a sector/],
    ['a bad id', sheet([ROWS[0]!.replace('alpha', 'Alpha City'), ROWS[1]!, ROWS[2]!]), { row: 2, column: 'id', code: 'bad-id' }, /lowercase id/],
    ['a name with a comma, unquoted', sheet([ROWS[0]!, ROWS[1]!.replace('Beta,', 'Beta, Upper,'), ROWS[2]!]), { row: 3, code: 'extra-cells' }, /more cells than the header/],
    ['fewer than 3 cities', sheet(ROWS.slice(0, 2)), { row: 0, column: '(file)', code: 'too-few-cities' }, /has 2 cities; a region needs at least 3/],
    [
      'more cities than the game holds',
      sheet(Array.from({ length: MAX_CITIES + 1 }, (_, i) => `c${i},C${i},城${i},C${i},1000,100,${20 + i * 0.1},100,periphery,chemicals`)),
      { row: MAX_CITIES + 2, column: '(file)', code: 'too-many-cities' },
      /has 65 cities; the game holds at most 64/,
    ],
    ['no header', '# only comments\n', { row: 0, column: '(file)', code: 'no-header' }, /no header row/],
    ['a huge file', HEADER + '\n' + 'x'.repeat(MAX_CSV_CHARS), { row: 0, column: '(file)', code: 'too-large' }, /at most/],
  ];
  for (const [name, text, where, rule] of cases) {
    it(`refuses ${name}, naming the row and the column`, () => {
      const errors = errorsOf(text);
      const e = errors.find((x) => x.code === where.code);
      expect(e, JSON.stringify(errors)).toMatchObject(where);
      expect(e!.rule).toMatch(rule);
      expect(describeCsvError(e!)).toMatch(e!.row > 0 ? `row ${e!.row}, ` : 'file, ');
    });
  }

  it('reports every problem at once, not just the first', () => {
    const errors = errorsOf(sheet([ROWS[0]!.replace('9000', 'x'), ROWS[1]!.replace(',300,', ',-3,'), ROWS[2]!.replace('29.6', '-95')]));
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'gdp', 'not-a-number'],
      [3, 'population', 'negative'],
      [4, 'lat', 'out-of-range'],
    ]);
  });

  it('tells formulas from negative numbers', () => {
    expect(isFormula('=1+2')).toBe(true);
    expect(isFormula('+A1')).toBe(true);
    expect(isFormula('-A1*2')).toBe(true);
    expect(isFormula('@SUM(A1)')).toBe(true);
    expect(isFormula('-12.5')).toBe(false);
    expect(isFormula('+3e2')).toBe(false);
    expect(isFormula('Hangzhou')).toBe(false);
  });
});

describe('any text at all', () => {
  // Cells a spreadsheet might hold, good and bad, so most sheets get past the header.
  const cell = fc.oneof(
    fc.constantFrom('', ' ', '"', '""', '"a,b"', '=1+1', '-3', '1e400', 'NaN', '0', '0.01', '120.5', '-91', 'core', 'periphery', 'chemicals;life-health', 'x'),
    fc.string({ maxLength: 12 }),
    fc.double({ noNaN: false }).map(String),
  );
  const sheet = fc
    .tuple(fc.array(fc.array(cell, { minLength: 10, maxLength: 12 }), { maxLength: 8 }), fc.constantFrom('\n', '\r\n', '\r'))
    .map(([rows, eol]) => [HEADER, ...rows.map((r, i) => [`c${i}`, ...r.slice(1)].join(','))].join(eol));

  it('is answered with a scenario or with problems that name a row and a column, never a crash', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), sheet), (text) => {
        const r = scenarioFromCsv(text);
        if (!r.ok) {
          expect(r.errors.length).toBeGreaterThan(0);
          for (const e of r.errors) {
            expect(e.row).toBeGreaterThanOrEqual(0);
            expect(e.column.length).toBeGreaterThan(0);
            expect(e.rule.length).toBeGreaterThan(0);
          }
        } else expect(r.scenario.regions.length).toBeGreaterThanOrEqual(3);
      }),
      { numRuns: 400 },
    );
  });
});

describe('names in other languages', () => {
  it('an empty Chinese or Spanish name is the English one; the columns themselves stay required', () => {
    const r = checkRegionCsv(sheet(['alpha,Alpha,,,9000,600,30.1,120.1,core,digital-economy', 'beta,Beta,乙城,,4000,300,30.5,120.6,near-core,new-materials', ROWS[2]!]));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.cities.map((c) => c.name)).toEqual([
      { en: 'Alpha', zh: 'Alpha', es: 'Alpha' },
      { en: 'Beta', zh: '乙城', es: 'Beta' },
      { en: 'Gamma', zh: '丙城', es: 'Gama' },
    ]);
    // The English name is still required, and a sheet without the columns is refused.
    expect(errorsOf(sheet(['alpha,,甲城,Alfa,9000,600,30.1,120.1,core,digital-economy', ROWS[1]!, ROWS[2]!])).map((e) => [e.column, e.code])).toEqual([['name_en', 'empty']]);
    const noZh = sheet(ROWS.map((r) => r.split(',').filter((_, i) => i !== 2).join(',')), HEADER.replace('name_zh,', ''));
    expect(errorsOf(noZh).map((e) => [e.column, e.code])).toEqual([['name_zh', 'missing-column']]);
  });
});
