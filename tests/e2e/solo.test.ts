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
