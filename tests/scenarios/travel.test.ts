/**
 * The optional travel-time sheet (core/scenarios/csv/travel.ts): a square matrix of hours,
 * empty cells derived from coordinates, every problem named by row and column.
 */
import { describe, expect, it } from 'vitest';
import { travelMatrix } from '../../core/model/geo';
import { checkTravelCsv, scenarioFromCsv, type CsvError } from '../../core/scenarios/csv';

const CITIES = ['alpha', 'beta', 'gamma'];
const REGION = [
  'id,name_en,name_zh,name_es,gdp,population,lat,lon,role,strengths',
  'alpha,Alpha,甲,Alfa,9000,600,30.1,120.1,core,digital-economy',
  'beta,Beta,乙,Beta,4000,300,30.5,120.6,near-core,new-materials',
  'gamma,Gamma,丙,Gama,1500,200,29.6,119.4,periphery,chemicals',
].join('\n');
const matrix = (...rows: string[]) => [',alpha,beta,gamma', ...rows].join('\r\n');
const GOOD = matrix('alpha,,0.5,', 'beta,0.5,,', 'gamma,,,');

function errorsOf(text: string): CsvError[] {
  const r = checkTravelCsv(text, CITIES);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

describe('a travel sheet', () => {
  it('gives the hours it holds and leaves the rest to the coordinates', () => {
    const built = scenarioFromCsv(REGION, { travel: GOOD });
    if (!built.ok) throw new Error(JSON.stringify(built.errors));
    const m = travelMatrix(built.scenario);
    expect(m[0]![1]).toBe(0.5);
    expect(m[1]![0]).toBe(0.5);
    const plain = scenarioFromCsv(REGION);
    expect(plain.ok && travelMatrix(plain.scenario)[0]![2]).toBe(m[0]![2]);
    expect(plain.ok && travelMatrix(plain.scenario)[0]![1]).not.toBe(0.5);
  });
  it('may be in any order, and give a pair in one direction only', () => {
    const r = checkTravelCsv([',gamma,alpha,beta', 'beta,,1.2,', 'gamma,,,', 'alpha,,,'].join('\n'), CITIES);
    expect(r.ok && r.hours).toEqual({ beta: { alpha: 1.2 } });
  });
  const cases: [string, string, Partial<CsvError>, RegExp][] = [
    ['not square: a city missing down the side', matrix('alpha,,1,', 'beta,1,,'), { code: 'not-square', column: '(file)' }, /same cities across the first row \(3\) and down the first column \(2\)/],
    ['not square: a row longer than the header', matrix('alpha,,1,,9', 'beta,1,,', 'gamma,,,'), { code: 'not-square', row: 2 }, /more cells than the header/],
    ['an unknown city', matrix('alpha,,1,', 'beta,1,,', 'delta,,,'), { code: 'unknown-city', row: 4, column: 'column 1' }, /"delta" is not the id of a city/],
    ['not a number', matrix('alpha,,1 h,', 'beta,,,', 'gamma,,,'), { code: 'not-a-number', row: 2, column: 'beta' }, /"1 h" is not a number of hours/],
    ['negative hours', matrix('alpha,,-1,', 'beta,,,', 'gamma,,,'), { code: 'negative', row: 2, column: 'beta' }, /cannot be negative/],
    ['too many hours', matrix('alpha,,49,', 'beta,,,', 'gamma,,,'), { code: 'out-of-range', row: 2, column: 'beta' }, /at most 48 hours/],
    ['a trip to itself', matrix('alpha,2,,', 'beta,,,', 'gamma,,,'), { code: 'out-of-range', row: 2, column: 'alpha' }, /a city to itself/],
    ['two directions that differ', matrix('alpha,,1,', 'beta,1.5,,', 'gamma,,,'), { code: 'asymmetric', row: 2, column: 'beta' }, /is 1 h but beta → alpha says 1.5 h/],
    ['a formula', matrix('alpha,,=1+1,', 'beta,,,', 'gamma,,,'), { code: 'formula', row: 2, column: 'beta' }, /formula/],
  ];
  for (const [name, text, where, rule] of cases) {
    it(`refuses ${name}, naming the row and the column`, () => {
      const e = errorsOf(text).find((x) => x.code === where.code);
      expect(e).toMatchObject(where);
      expect(e!.rule).toMatch(rule);
    });
  }
  it('is checked only against a valid region sheet, and its problems say they are the travel sheet’s', () => {
    const r = scenarioFromCsv(REGION, { travel: matrix('alpha,,-1,', 'beta,,,', 'gamma,,,') });
    expect(!r.ok && r.travel).toBe(true);
  });
});
