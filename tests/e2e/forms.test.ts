/**
 * Forms say what is wrong instead of acting on something else. The decision form never sends
 * other than what its boxes show: a bid of −5 is named as a problem (in the player's
 * language) and Submit stays off, where it once went to the room as 0 while the box still
 * said −5. The join form says why Join is off (it once just stayed grey).
 */
import { expect, it } from 'vitest';
import { useServerAndBrowser } from '../support/browser';
import { createGame, RoomClient } from '../support/room-client';
import { remember } from './web';

const env = useServerAndBrowser();
const HOST = 'f00dfeedf00dfeedf00dfeedf00dfeed';

it('a negative bid is shown as a problem, blocks Submit and is never sent; fixed, it goes to the room', async () => {
  const { code } = await createGame(env.server.url, { scenario: 'classroom-4', rounds: 2, roundSeconds: 600, seed: 3 }, HOST);
  const host = await RoomClient.open(env.server.host, code, HOST);
  const ana = await RoomClient.join(env.server.host, code, 'Ana', 'hillton');
  host.send({ type: 'start' });
  await host.view((v) => v.phase === 'playing', 30_000);

  const { context, page } = await env.tb.person({ width: 390, height: 844 });
  await remember(context, { 'enclave:lang': 'es', [`enclave:seat:${code}`]: ana.token });
  await page.goto(`${env.server.url}/play/${code}`);
  const talent = page.locator('input[type="number"]#sub-talent');
  await talent.waitFor({ timeout: 30_000 });

  await talent.fill('-5');
  const problem = page.getByTestId('problem');
  await expect.poll(() => problem.textContent(), { timeout: 10_000 }).toContain('debe ser como mínimo 0');
  expect(await page.locator('form.decisions button[type="submit"]').isDisabled()).toBe(true);
  expect(await talent.inputValue()).toBe('-5');
  // Nothing reached the room: no draft with −5 (or with 0 in its place).
  await new Promise((r) => setTimeout(r, 1500));
  expect(ana.client.latestView()!.draft).toBeNull();

  await talent.fill('0.3');
  await expect.poll(() => problem.count(), { timeout: 10_000 }).toBe(0);
  const drafted = await ana.client.view((v) => v.draft?.decisions.subsidies.talent === 0.3, 15_000);
  expect(drafted.draft!.decisions.subsidies.talent).toBe(0.3);
  for (const c of [host, ana.client]) c.close();
});

it('Join says why it is off: first the name, then the city; with both it is on', async () => {
  const { code } = await createGame(env.server.url, { scenario: 'classroom-4', rounds: 2, roundSeconds: 600 }, HOST);
  const { context, page } = await env.tb.person({ width: 390, height: 844 });
  await remember(context, { 'enclave:lang': 'en' });
  await page.goto(`${env.server.url}/play/${code}`);
  const join = page.locator('form[aria-labelledby="join-title"] button[type="submit"]');
  await join.waitFor({ timeout: 30_000 });
  const why = page.getByTestId('join-why');
  expect(await why.textContent()).toBe('Type your name to join.');
  expect(await join.isDisabled()).toBe(true);
  expect(await join.getAttribute('aria-describedby')).toBe('join-why');
  await page.locator('input[name="name"]').fill('Noor');
  expect(await why.textContent()).toBe('Pick a city, or no city for now, to join.');
  await page.locator('input[name="city"][value="city:seaport"]').check();
  expect(await why.count()).toBe(0);
  expect(await join.isEnabled()).toBe(true);
  await context.close();
});
