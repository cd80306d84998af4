/** Solo mode: one visitor against bots, no host, from the home page to the debrief. */
import { expect, it } from 'vitest';
import { useServerAndBrowser } from '../support/browser';

const env = useServerAndBrowser();

it('a visitor plays a solo game against bots to the end', { timeout: 120_000 }, async () => {
  const { page } = await env.tb.person({ width: 360, height: 780 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${env.server.url}/`);
  await page.getByRole('link', { name: 'Play solo' }).click();
  await page.getByLabel('Rounds').fill('3');
  await page.getByLabel('Your name').fill('Eva');
  await page.getByRole('radio', { name: /Hillton/ }).check();
  await page.getByRole('button', { name: 'Start playing' }).click();
  await page.waitForURL(/\/solo\/[23456789A-HJ-NP-Z]{6}$/);

  for (let round = 1; round <= 3; round++) {
    await page.getByRole('heading', { name: `Decisions for round ${round}` }).waitFor({ timeout: 30_000 });
    // The other cities are bots; the round closes as soon as the one person has submitted.
    if (round === 1) expect(await page.locator('li.seat', { hasText: 'bot' }).count()).toBe(3);
    await page.locator('#sub-startups').fill(String(0.1 * round));
    await page.getByRole('button', { name: 'Submit decisions' }).click();
  }
  await page.getByTestId('debrief').waitFor({ timeout: 30_000 });
  await expect.poll(() => page.getByTestId('scoreboard').locator('tbody tr').count()).toBe(4);
  await page.getByTestId('scoreboard').locator('tr.mine[data-city="hillton"]').waitFor();
  await env.tb.shot(page, 'solo-debrief-360px');
  expect(errors).toEqual([]);
});

it('the solo city choice marks the seats the bots’ tournament found hard or easy, and only on a map that has them', async () => {
  const { context, page } = await env.tb.person({ width: 360, height: 780 });
  await page.goto(`${env.server.url}/solo`);
  await page.getByRole('radio', { name: /Hillton/ }).waitFor();
  // classroom-4: every seat can win, so no city is marked.
  expect(await page.locator('[data-testid^="seat-odds-"]').count()).toBe(0);
  await page.getByLabel('Scenario').selectOption('zhejiang-mountain-sea');
  await page.getByRole('radio', { name: /Wenzhou/ }).waitFor();
  expect(await page.getByTestId('seat-odds-wenzhou').textContent()).toBe('a hard seat: it won 0.03× its share of bot games');
  expect(await page.getByTestId('seat-odds-quzhou').textContent()).toBe('an easy seat: it won 2.39× its share of bot games');
  expect(await page.getByTestId('seat-odds-ningbo').count()).toBe(0);
  await context.close();
});
