/**
 * End to end in a real browser: a host and two players, each in their own browser context,
 * play one round through the UI. Screenshots of each console go to test-results/.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startDevServer, type DevServer } from '../support/dev-server';
import { launchBrowser, type TestBrowser } from '../support/browser';

let server: DevServer;
let tb: TestBrowser;

beforeAll(async () => {
  [server, tb] = await Promise.all([startDevServer(), launchBrowser()]);
});

afterAll(async () => {
  await tb?.close();
  await server?.stop();
});

async function joinAs(page: Page, code: string, name: string, cityLabel: string) {
  await page.goto(`${server.url}/`);
  await page.getByLabel('Room code').fill(code.toLowerCase());
  await page.getByRole('button', { name: 'Join' }).click();
  await page.getByLabel(/Your name/).fill(name);
  await page.getByRole('radio', { name: new RegExp(cityLabel) }).check();
  await page.getByRole('button', { name: 'Take this city' }).click();
  await page.getByRole('heading', { level: 1, name: cityLabel }).waitFor();
}

it('a host and two players play one round in the browser', async () => {
  const host = await tb.person();
  const p1 = await tb.person({ width: 360, height: 780 });
  const p2 = await tb.person();

  // Host creates the game from the home page and lands on the host console.
  await host.page.goto(`${server.url}/`);
  await host.page.getByLabel('Rounds').fill('3');
  await host.page.getByRole('button', { name: 'Create game' }).click();
  const code = (await host.page.getByTestId('room-code').textContent())!.trim();
  expect(code).toMatch(/^[23456789A-HJ-NP-Z]{6}$/);
  expect(host.page.url()).toMatch(new RegExp(`/host/${code}#k=[0-9a-f]{32}$`));

  await joinAs(p1.page, code, 'Ana', 'Hillton');
  await joinAs(p2.page, code, 'Ben', 'Seaport');
  await host.page.locator('tr[data-city="seaport"]', { hasText: 'Ben' }).waitFor();
  await tb.shot(host.page, 'host-lobby');

  await host.page.getByRole('button', { name: 'Start the game' }).click();
  await p1.page.getByRole('heading', { name: 'Subsidies for round 1' }).waitFor();

  // Over budget: live validation explains and blocks the submit button.
  await p1.page.getByLabel('Talent (per 1,000 people)').fill('5');
  await p1.page.getByLabel('Startups (per firm)').fill('5');
  await p1.page.getByLabel('Capital (per ¥100m)').fill('5');
  await expect.poll(() => p1.page.getByRole('alert').first().textContent()).toMatch(/exceeds/);
  expect(await p1.page.getByRole('button', { name: 'Submit decisions' }).isDisabled()).toBe(true);

  await p1.page.getByLabel('Talent (per 1,000 people)').fill('0.4');
  await p1.page.getByLabel('Startups (per firm)').fill('0.2');
  await p1.page.getByLabel('Capital (per ¥100m)').fill('0');
  await p1.page.getByRole('button', { name: 'Submit decisions' }).click();
  await p1.page.getByTestId('submit-status').filter({ hasText: 'Submitted' }).waitFor();
  await tb.shot(p1.page, 'player-submitted-360px');
  await host.page.locator('tr[data-city="hillton"] td.status', { hasText: 'submitted' }).waitFor();

  await p2.page.getByLabel('Talent (per 1,000 people)').fill('0.1');
  await p2.page.getByRole('button', { name: 'Submit decisions' }).click();

  // All seated players are in: the round resolves by itself; everyone sees round 1's results.
  await host.page.getByRole('heading', { name: 'Results, round 1' }).waitFor();
  await p1.page.getByRole('heading', { name: 'What happened in round 1' }).waitFor();
  await p2.page.getByRole('heading', { name: 'Subsidies for round 2' }).waitFor();

  const breakdown = p1.page.locator('table.breakdown');
  await expect.poll(() => breakdown.locator('tbody tr').count()).toBe(3);
  const talentRow = await breakdown.locator('tbody tr').first().locator('td').allTextContents();
  expect(Number(talentRow[4])).toBeCloseTo(0.4, 2); // the subsidy part of talent's return
  expect(await host.page.locator('table.results tbody tr').count()).toBe(4);

  await tb.shot(host.page, 'host-after-round-1');
  await tb.shot(p1.page, 'player-after-round-1-360px');
  await tb.shot(p2.page, 'player-after-round-1');
});
