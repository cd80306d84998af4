/**
 * The host's destructive actions ask first: closing a round while cities have not submitted
 * (their drafts would count as they stand) and removing a person. "No" changes nothing;
 * "Yes" does it.
 */
import { expect, it } from 'vitest';
import { useServerAndBrowser } from '../support/browser';
import { createGame, RoomClient } from '../support/room-client';
import { remember } from './web';

const env = useServerAndBrowser();
const HOST = 'c1c1c1c1d2d2d2d2e3e3e3e3f4f4f4f4';

it('closing a round with cities still out and removing a person each ask once; no keeps, yes acts', async () => {
  const { code } = await createGame(env.server.url, { scenario: 'classroom-4', rounds: 3, roundSeconds: 600, bots: false }, HOST);
  const host = await RoomClient.open(env.server.host, code, HOST);
  const ana = await RoomClient.join(env.server.host, code, 'Ana', 'hillton');
  const noor = await RoomClient.join(env.server.host, code, 'Noor', null);
  host.send({ type: 'start' });
  await host.view((v) => v.phase === 'playing', 30_000);

  const { context, page } = await env.tb.person({ width: 1280, height: 900 });
  await remember(context, { 'enclave:lang': 'en', 'enclave:host-token': HOST });
  await page.goto(`${env.server.url}/host/${code}#k=${HOST}`);
  const close = page.getByRole('button', { name: 'Close round 1 now' });
  await close.waitFor({ timeout: 30_000 });

  await close.click();
  await page.getByText('1 of 1 cities have not submitted: close now and take their drafts as they stand?').waitFor();
  await page.getByRole('button', { name: 'No, wait' }).click();
  await close.waitFor();
  await new Promise((r) => setTimeout(r, 500));
  expect(host.latestView()).toMatchObject({ phase: 'playing', round: 1 });

  const remove = page.getByRole('button', { name: 'Remove Noor' });
  await remove.click();
  await page.getByText('Remove Noor? They lose their seat, and a new join from them needs your approval.').waitFor();
  await page.getByRole('button', { name: 'No, keep' }).click();
  await new Promise((r) => setTimeout(r, 500));
  expect(host.latestView()!.members!.map((m) => m.name)).toContain('Noor');
  await remove.click();
  await page.getByRole('button', { name: 'Yes, remove' }).click();
  await host.view((v) => !(v.members ?? []).some((m) => m.name === 'Noor'));

  await close.click();
  await page.getByRole('button', { name: 'Yes, close it' }).click();
  await host.view((v) => v.resolved === 1 && v.round === 2, 30_000);

  for (const c of [host, ana.client, noor.client]) c.close();
  await context.close();
});
