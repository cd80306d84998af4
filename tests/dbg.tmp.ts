import { startDevServer } from './support/dev-server';
import { launchBrowser } from './support/browser';
import { createGame, RoomClient } from './support/room-client';
import { remember } from './e2e/web';
const server = await startDevServer();
const tb = await launchBrowser();
try {
  const HOST = 'c0ffee00c0ffee00c0ffee00c0ffee00';
  const { code } = await createGame(server.url, { scenario: 'classroom-4', rounds: 1, roundSeconds: 600 }, HOST);
  const host = await RoomClient.open(server.host, code, HOST);
  const ana = await RoomClient.join(server.host, code, 'Ana', 'hillton');
  host.send({ type: 'start' });
  await host.view((v) => v.phase === 'playing');
  ana.client.send({ type: 'submit', decisions: { round: 1, subsidies: { talent: 0, startups: 0, capital: 0 }, parkSubsidies: {}, land: { innovation: 0, production: 0 }, environment: 0, projects: { scienceFacility: false } } });
  await host.view((v) => v.archive?.status === 'stored', 30000);
  console.log(await (await fetch(`${server.url}/api/archive/games`, { headers: { authorization: `Bearer ${HOST}` } })).text());
  const { context, page } = await tb.person();
  page.on('console', (m) => console.log('console', m.text()));
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  await remember(context, { 'enclave:lang': 'en', 'enclave:host-token': HOST });
  await page.goto(`${server.url}/host`);
  await page.waitForTimeout(3000);
  console.log(await page.locator('#archive').innerText());
} finally { await tb.close(); await server.stop(); }
