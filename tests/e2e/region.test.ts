/**
 * A facilitator's own region in the host setup (docs/scenarios.md): paste a sheet, see each
 * problem by row and column in the host's language, fix it, and see the cities with the
 * figures the game derives (grey) beside the ones given; a file picked works the same. Then
 * host a game on it, open it from its shared link, and replay the exported game in Node.
 */
import { moneyDigits } from '../../web/src/lib/money';
import { expect, it } from 'vitest';
import { noDecisions } from '../../core/protocol/decisions';
import { recordSchema } from '../../core/protocol/record';
import { check } from '../../core/protocol/validate';
import { checkReplay } from '../../core/replay/replay';
import { scenarioFromCsv, templateCsv } from '../../core/scenarios/csv';
import { playedScenario } from '../../core/scenarios/played';
import type { Scenario } from '../../core/scenarios/schema';
import { RoomClient } from '../support/room-client';
import { useServerAndBrowser } from '../support/browser';
import { axe, remember, untranslated } from './web';

const env = useServerAndBrowser();

const TEMPLATE = templateCsv();
const QUZHOU_ROW = TEMPLATE.split('\r\n').findIndex((l) => l.startsWith('quzhou,')) + 1;
/** The template with a formula in Quzhou's GDP and a negative population. */
const BAD = TEMPLATE.replace('quzhou,Quzhou,衢州,Quzhou,2003,229', 'quzhou,Quzhou,衢州,Quzhou,=B2/10,-229');
/**
 * The template as Excel in Spanish saves it as "CSV UTF-8": a BOM, ; between cells, decimal
 * commas, and the cells holding a ; (the strengths lists) quoted. Comment lines are kept.
 */
const EXCEL_ES =
  '\ufeff' +
  TEMPLATE.split('\r\n')
    .map((l) => (l.startsWith('#') ? l : l.split(',').map((c) => (c.includes(';') ? `"${c}"` : c.replace(/^(-?\d+)\.(\d+)$/, '$1,$2'))).join(';')))
    .join('\r\n');
/** The template with Lishui's land quota given (8 km²) instead of derived. */
const GIVEN = TEMPLATE.replace('lishui,Lishui,丽水,Lishui,1830,251,28.45,119.92,periphery,smart-manufacturing,', 'lishui,Lishui,丽水,Lishui,1830,251,28.45,119.92,periphery,smart-manufacturing,8');

it('paste a sheet: problems by row and column; fixed, the cities with their derived figures and the map', { timeout: 120_000 }, async () => {
  const { context, page } = await env.tb.person({ width: 1280, height: 900 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await remember(context, { 'enclave:lang': 'en' });
  await page.goto(`${env.server.url}/host`);
  await page.locator('details[data-testid="region"] summary').click();
  expect(await page.locator('details[data-testid="region"] summary').textContent()).toBe('Your own region: check a spreadsheet');
  const sheet = page.locator('textarea[name="region-csv"]');
  await sheet.waitFor({ timeout: 30_000 });

  const href = await page.getByTestId('region-template').getAttribute('href');
  // The download starts with a byte-order mark so that Excel opens it as UTF-8; the checker skips it.
  expect(decodeURIComponent(href!.replace(/^data:text\/csv;charset=utf-8,/, ''))).toBe('\ufeff' + TEMPLATE);

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
    // What Excel's plain "CSV" writes in Spain or China: not UTF-8 (here Latin-1) is refused
    // naming the save setting, in the host's language.
    await file.setInputFiles({ name: 'latin1.csv', mimeType: 'text/csv', buffer: Buffer.from(TEMPLATE, 'latin1') });
    const notUtf8 = page.locator(`[data-testid="region-problems"] li[data-code="not-utf8"]`);
    await notUtf8.waitFor();
    expect(await notUtf8.textContent()).toContain(lang === 'zh' ? '另存为“CSV UTF-8”' : 'guárdalo como «CSV UTF-8»');
    // "CSV UTF-8" from a Spanish Excel: ; between cells, decimal commas, strengths quoted, a BOM.
    // It is read as it is and gives the same cities as the comma template.
    await file.setInputFiles({ name: 'excel-es.csv', mimeType: 'text/csv', buffer: Buffer.from(EXCEL_ES) });
    await page.getByTestId('region-valid').waitFor();
    expect(await page.locator('[data-testid="region-table"] tbody tr').count()).toBe(4);
    expect(await page.locator('tr[data-city="hangzhou"] td[data-figure="gdp"]').textContent()).toBe(gdp);
    expect(await page.locator('tr[data-city="hangzhou"] td[data-figure="talent"]').textContent()).toBe(lang === 'zh' ? '75.2' : '75,2');
    // A header with both separators is the one thing still refused, in the host's language.
    await file.setInputFiles({ name: 'mixed.csv', mimeType: 'text/csv', buffer: Buffer.from(EXCEL_ES.replace('id;name_en', 'id,name_en')) });
    const mixed = page.locator(`[data-testid="region-problems"] li[data-code="mixed-separators"]`);
    await mixed.waitFor();
    expect(await mixed.textContent()).toContain(lang === 'zh' ? '分号' : 'un solo separador');
    await context.close();
  }
});

it('host a game on the region: stored under the host key, shared by link, played with bots, exported and replayed byte for byte in Node', { timeout: 240_000 }, async () => {
  const { context, page } = await env.tb.person({ width: 1280, height: 900 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await remember(context, { 'enclave:lang': 'en' });
  await page.goto(`${env.server.url}/host`);
  // From beside the scenario choice, the link opens the section and brings it into view.
  await page.getByTestId('region-open').click();
  await page.locator('textarea[name="region-csv"]').fill(GIVEN);
  await page.getByTestId('region-check').click();
  // Named by the host (Enter in the name stores the region and creates no game); else it would be "Hangzhou and its region".
  expect(await page.locator('input[name=region-name]').getAttribute('placeholder')).toBe('Hangzhou and its region');
  await page.locator('input[name=region-name]').fill('Four Zhejiang cities');
  await page.locator('input[name=region-name]').press('Enter');
  await page.getByTestId('region-stored').waitFor({ timeout: 20_000 });
  expect(new URL(page.url()).pathname).toBe('/host');
  expect(await page.getByTestId('region-stored').textContent()).toContain('“Four Zhejiang cities”');
  const id = (await page.getByTestId('region-share').getAttribute('data-region'))!;
  expect(id).toMatch(/^sheet-[a-z0-9]{12}$/);
  // The region is now the game's scenario, listed among the host's own.
  const select = page.locator('select[name="scenario"]');
  expect(await select.inputValue()).toBe(id);
  expect(await select.locator('optgroup[label="Your regions"] option').allTextContents()).toEqual(['Four Zhejiang cities — 4 cities']);
  // Nobody has measured its seats: the setup claims nothing about them.
  expect(await page.getByTestId('seat-odds').count()).toBe(0);

  // The shared link opens the region for another facilitator, checked and chosen.
  const shareHref = (await page.getByTestId('region-share').getAttribute('href'))!;
  expect(new URL(shareHref).pathname + new URL(shareHref).search).toBe(`/host?region=${id}`);
  const other = await env.tb.person({ width: 1280, height: 900 });
  await remember(other.context, { 'enclave:lang': 'en' });
  await other.page.goto(`${env.server.url}/host?region=${id}`);
  await other.page.getByTestId('region-linked').waitFor({ timeout: 20_000 });
  expect(await other.page.locator('select[name="scenario"]').inputValue()).toBe(id);
  await other.page.getByTestId('region-valid').waitFor();
  expect(await other.page.locator('tr[data-city="lishui"] td[data-figure="landQuota"]').textContent()).toBe('8.0');
  // Another facilitator may host a game on it, but not delete it.
  expect(await other.page.getByTestId('region-delete').count()).toBe(0);
  await other.context.close();

  // Host it: two rounds, every seat a bot, straight on after each round.
  await page.locator('input[name="rounds"]').fill('2');
  await page.locator('select[name="review"]').selectOption('0');
  await page.getByRole('button', { name: 'Create the game' }).click();
  await page.waitForURL(/\/host\/[A-Z0-9]+#k=/, { timeout: 20_000 });
  const url = new URL(page.url());
  const code = url.pathname.split('/').pop()!;
  const hostToken = new URLSearchParams(url.hash.slice(1)).get('k')!;
  // The console names the region's cities: it loaded the map by the region's id.
  await page.getByText('Lishui').first().waitFor({ timeout: 20_000 });
  // The join page shows a city's budget and factors to one decimal, as the console does: a
  // small city of a facilitator's region is not shown as 0 · 0 · 0.
  const lishui = scenarioFromCsv(GIVEN);
  if (!lishui.ok) throw new Error('the sheet is valid');
  const l = lishui.scenario.regions.find((r) => r.id === 'lishui')!;
  const phone = await env.tb.person({ width: 390, height: 844 });
  await remember(phone.context, { 'enclave:lang': 'en' });
  await phone.page.goto(`${env.server.url}/play/${code}`);
  const card = phone.page.locator('.city-card[data-city="lishui"]');
  await card.waitFor({ timeout: 20_000 });
  expect(await card.locator('[data-figure="factors"] dd').textContent()).toBe([l.factors.talent, l.factors.startups, l.factors.capital].map((x) => x.toFixed(1)).join(' · '));
  expect((await card.locator('[data-figure="treasury"] dd').textContent())!.trim()).toBe(`${l.treasury.toFixed(moneyDigits(l.treasury))} ¥100m`);
  await phone.context.close();

  const host = await RoomClient.open(env.server.host, code, hostToken);
  expect(host.latestView()!.scenario).toBe(id);
  // One person plays Quzhou (a subsidy each round); bots take the other three seats.
  const ana = (await RoomClient.join(env.server.host, code, 'Ana', 'quzhou')).client;
  host.send({ type: 'start' });
  for (let round = 1; round <= 2; round++) {
    await ana.view((v) => v.phase === 'playing' && v.round === round, 30_000);
    ana.send({ type: 'submit', decisions: { ...noDecisions(round), subsidies: { talent: 0.2, startups: 0.1, capital: 0 } } });
    await host.view((v) => v.resolved === round, 30_000);
  }
  ana.close();
  const stored = await host.view((v) => v.archive?.status === 'stored', 30_000);
  host.close();

  const exported = await fetch(`${env.server.url}/api/archive/games/${stored.archive!.id}/export.json`, { headers: { authorization: `Bearer ${hostToken}` } });
  expect(exported.status).toBe(200);
  const text = await exported.text();
  const record = check(recordSchema, JSON.parse(text));
  if (!record.ok) throw new Error(`export is not a record: ${record.error.field}`);
  expect(record.value.settings.scenario).toBe(id);
  expect((record.value.region as Scenario).regions.map((r) => r.id)).toEqual(['hangzhou', 'ningbo', 'quzhou', 'lishui']);
  expect(record.value.rounds[0]!.source).toEqual({ hangzhou: 'bot', ningbo: 'bot', quzhou: 'player', lishui: 'bot' });
  // Replayed in Node from the export alone: the region it carries is the map.
  const played = playedScenario(record.value.settings.scenario, record.value.region, 'region');
  if (!played.ok) throw new Error(played.error.rule);
  expect(played.scenario.regions.find((r) => r.id === 'lishui')!.landQuota).toBe(8);
  expect(checkReplay(played.scenario, record.value)).toEqual({ match: true, rounds: 2 });

  // Its host renames the region from the setup (Enter saves the name, and creates no game): the
  // choice and the link say the new name; the game already played keeps the name it had.
  await page.goto(`${env.server.url}/host`);
  await select.locator(`option[value="${id}"]`).waitFor({ state: 'attached', timeout: 20_000 });
  await select.selectOption(id);
  await page.getByTestId('region-rename').click();
  expect(await page.locator('input[name=region-title]').inputValue()).toBe('Four Zhejiang cities');
  await page.locator('input[name=region-title]').fill('Zhejiang, four cities');
  await page.locator('input[name=region-title]').press('Enter');
  await page.getByTestId('region-renamed').waitFor({ timeout: 20_000 });
  expect(await page.getByTestId('region-renamed').textContent()).toBe('Renamed “Zhejiang, four cities”. Games already played on it keep the name they were played under.');
  expect(await select.locator(`option[value="${id}"]`).textContent()).toMatch(/^Zhejiang, four cities — 4 cities/);
  expect(page.url()).toMatch(/\/host$/);
  expect(((await (await fetch(`${env.server.url}/api/regions/${id}`)).json()) as { scenario: Scenario }).scenario.title.zh).toBe('Zhejiang, four cities');
  const kept = await fetch(`${env.server.url}/api/archive/games/${stored.archive!.id}/export.json`, { headers: { authorization: `Bearer ${hostToken}` } });
  expect(await kept.text()).toBe(text);

  // Its host deletes the region from the setup (two steps): the link and the choice are gone,
  // and the game already played on it still exports with its map.
  await page.getByTestId('region-delete').getByRole('button', { name: 'Delete this region' }).click();
  expect(await page.getByTestId('region-delete').getByRole('alert').textContent()).toMatch(/^Delete this region for good\?/);
  await page.getByTestId('region-delete').getByRole('button', { name: 'Delete this region' }).click();
  await page.getByTestId('region-deleted').waitFor({ timeout: 20_000 });
  expect(await page.getByTestId('region-deleted').textContent()).toBe('Deleted “Zhejiang, four cities”. Games already played on it keep their map.');
  expect(await select.locator(`option[value="${id}"]`).count()).toBe(0);
  expect(await select.inputValue()).not.toBe(id);
  expect((await fetch(`${env.server.url}/api/regions/${id}`)).status).toBe(404);
  const again = await fetch(`${env.server.url}/api/archive/games/${stored.archive!.id}/export.json`, { headers: { authorization: `Bearer ${hostToken}` } });
  expect(await again.text()).toBe(text);
  expect(errors).toEqual([]);
  await context.close();
});

it('the host setup says how even a built-in map’s seats are, as measured, in the host’s language (a region of one’s own: above, nothing)', async () => {
  const { context, page } = await env.tb.person({ width: 1280, height: 900 });
  await remember(context, { 'enclave:lang': 'en' });
  await page.goto(`${env.server.url}/host`);
  const odds = page.getByTestId('seat-odds');
  await odds.waitFor();
  // classroom-4, where property 8 holds (docs/scoring.md).
  expect(await odds.textContent()).toBe('Every seat of this map can win: in 300 games of bots on strategies drawn at random, each city won between half and twice its fair share.');
  await page.locator('select[name="scenario"]').selectOption('zhejiang-mountain-sea');
  const said = (await odds.textContent())!;
  await env.tb.shot(page, 'host-setup-seat-odds');
  expect(said).toMatch(/^Seats are not equally easy on this map\. In 400 games of bots on strategies drawn at random, Wenzhou \(0\.03×\), .+ won less than half their fair share; Quzhou \(2\.39×\) more than twice\. Seat a strong team in a hard seat/);
  // The G60, measured for this alone in fewer games.
  await page.locator('select[name="scenario"]').selectOption('g60-corridor');
  await expect.poll(() => odds.textContent()).toMatch(/^Seats are not equally easy on this map\. In 200 games of bots .*Suzhou \(0\.09×\)/);
  await context.close();

  const zh = await env.tb.person({ width: 1280, height: 900 });
  await remember(zh.context, { 'enclave:lang': 'zh' });
  await zh.page.goto(`${env.server.url}/host`);
  await zh.page.locator('select[name="scenario"]').selectOption('zhejiang-mountain-sea');
  expect(await zh.page.getByTestId('seat-odds').textContent()).toContain('温州（0.03×）');
  expect(await untranslated(zh.page, 'zh')).toEqual([]);
  await zh.context.close();
});
