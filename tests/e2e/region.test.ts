/**
 * A facilitator's own region in the host setup (docs/scenarios.md): paste a sheet, see each
 * problem by row and column in the host's language, fix it, and see the cities with the
 * figures the game derives (grey) beside the ones given; a file picked works the same.
 */
import { expect, it } from 'vitest';
import { templateCsv } from '../../core/scenarios/csv';
import { useServerAndBrowser } from '../support/browser';
import { axe, remember, untranslated } from './web';

const env = useServerAndBrowser();

const TEMPLATE = templateCsv();
const QUZHOU_ROW = TEMPLATE.split('\r\n').findIndex((l) => l.startsWith('quzhou,')) + 1;
/** The template with a formula in Quzhou's GDP and a negative population. */
const BAD = TEMPLATE.replace('quzhou,Quzhou,衢州,Quzhou,2003,229', 'quzhou,Quzhou,衢州,Quzhou,=B2/10,-229');
/** The template with Lishui's land quota given (8 km²) instead of derived. */
const GIVEN = TEMPLATE.replace('lishui,Lishui,丽水,Lishui,1830,251,28.45,119.92,periphery,smart-manufacturing,', 'lishui,Lishui,丽水,Lishui,1830,251,28.45,119.92,periphery,smart-manufacturing,8');

it('paste a sheet: problems by row and column; fixed, the cities with their derived figures and the map', { timeout: 120_000 }, async () => {
  const { context, page } = await env.tb.person({ width: 1280, height: 900 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await remember(context, { 'enclave:lang': 'en' });
  await page.goto(`${env.server.url}/host`);
  await page.getByText('Your own region: check a spreadsheet').click();
  const sheet = page.locator('textarea[name="region-csv"]');
  await sheet.waitFor({ timeout: 30_000 });

  const href = await page.getByTestId('region-template').getAttribute('href');
  expect(decodeURIComponent(href!.replace(/^data:text\/csv;charset=utf-8,/, ''))).toBe(TEMPLATE);

  await sheet.fill(BAD);
  await page.getByTestId('region-check').click();
  const problems = page.getByTestId('region-problems');
  await problems.waitFor();
  expect(await problems.locator('p').textContent()).toBe('2 problems: fix them in the sheet and check again.');
  const formula = problems.locator(`li[data-row="${QUZHOU_ROW}"][data-column="gdp"][data-code="formula"]`);
  expect((await formula.textContent())!.replace(/\s+/g, ' ').trim()).toBe(`Row ${QUZHOU_ROW}, gdp: a formula: paste the values only`);
  expect(await problems.locator(`li[data-row="${QUZHOU_ROW}"][data-column="population"][data-code="negative"]`).count()).toBe(1);
  expect(await page.getByTestId('region-table').count()).toBe(0);

  // A huge paste is refused whole with the reason, not cut short by the box.
  await sheet.fill(TEMPLATE + '#'.repeat(200_001));
  await page.getByTestId('region-check').click();
  await problems.locator('li[data-code="too-large"]').waitFor();
  expect((await problems.locator('li').textContent())!.replace(/\s+/g, ' ').trim()).toBe('The file: too large: at most 200,000 characters, one row per city');

  await sheet.fill(GIVEN);
  await page.getByTestId('region-check').click();
  await page.getByTestId('region-valid').waitFor();
  expect(await page.getByTestId('region-valid').textContent()).toMatch(/^Valid: 4 cities\./);
  expect(await problems.count()).toBe(0);
  const table = page.getByTestId('region-table');
  expect(await table.locator('tbody tr').count()).toBe(4);
  // Hangzhou's talent is derived (2.74e-4 × 18753^1.25 × 1.25 = 75.16), shown grey; Lishui's land quota is the sheet's.
  const talent = table.locator('tr[data-city="hangzhou"] td[data-figure="talent"]');
  expect(await talent.textContent()).toBe('75.2');
  expect(await talent.getAttribute('class')).toMatch(/derived/);
  const land = table.locator('tr[data-city="lishui"] td[data-figure="landQuota"]');
  expect(await land.textContent()).toBe('8.0');
  expect(await land.getAttribute('class') ?? '').not.toMatch(/derived/);
  expect(await table.locator('tr[data-city="quzhou"] td[data-figure="landQuota"]').getAttribute('class')).toMatch(/derived/);
  expect(await page.locator('.region-map circle').count()).toBe(4);

  // Timetable hours: a crooked travel sheet is named as such; fixed, the hours given are counted.
  const travel = page.locator('textarea[name="region-travel"]');
  await travel.fill(',hangzhou,ningbo\nhangzhou,,0.9\n');
  await page.getByTestId('region-check').click();
  const square = problems.locator('li[data-code="not-square"]');
  await square.waitFor();
  expect((await square.textContent())!.replace(/\s+/g, ' ').trim()).toBe('Travel sheet, row 1: the travel sheet must list the same cities across and down');
  await travel.fill(',hangzhou,ningbo,quzhou,lishui\nhangzhou,,0.9,1.0,1.6\nningbo,0.9,,,\nquzhou,1.0,,,\nlishui,1.6,,,\n');
  await page.getByTestId('region-check').click();
  await page.getByTestId('region-valid').waitFor();
  expect(await page.getByTestId('region-valid').textContent()).toMatch(/3 travel times given; the others derived from the coordinates\.$/);
  expect(await axe(page)).toEqual([]);
  await env.tb.shot(page, 'region-sheet-en');
  expect(errors).toEqual([]);
  await context.close();
});

it('pick a file, in Chinese and in Spanish: the same check, numbers and words in the host’s language', { timeout: 120_000 }, async () => {
  for (const lang of ['zh', 'es'] as const) {
    const { context, page } = await env.tb.person({ width: 390, height: 844 });
    await remember(context, { 'enclave:lang': lang });
    await page.goto(`${env.server.url}/host`);
    await page.locator('details[data-testid="region"] summary').click();
    const file = page.getByTestId('region-file');
    await file.waitFor({ timeout: 30_000 });
    await file.setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD) });
    const formula = page.locator(`[data-testid="region-problems"] li[data-code="formula"]`);
    await formula.waitFor();
    expect((await formula.textContent())!.replace(/\s+/g, ' ').trim()).toBe(lang === 'zh' ? `第${QUZHOU_ROW}行, gdp: 这是公式：请只粘贴数值` : `Fila ${QUZHOU_ROW}, gdp: una fórmula: pega solo los valores`);
    await file.setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(TEMPLATE) });
    await page.getByTestId('region-valid').waitFor();
    const gdp = await page.locator('tr[data-city="hangzhou"] td[data-figure="gdp"]').textContent();
    expect(gdp).toBe(lang === 'zh' ? '18,753' : '18.753');
    expect(await page.locator('tr[data-city="hangzhou"] th').textContent()).toBe(lang === 'zh' ? '杭州' : 'Hangzhou');
    expect(await untranslated(page, lang)).toEqual([]);
    await context.close();
  }
});
