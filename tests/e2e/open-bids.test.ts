/**
 * Open bids (sealed: false), as oTree's monitor shows them: the host sees each city's bid as
 * it comes in, and so do the players; with sealed bids nobody does.
 */
import { expect, it } from 'vitest';
import { noDecisions, type Decisions } from '../../core/protocol/decisions';
import { useServerAndBrowser } from '../support/browser';
import { createGame, RoomClient } from '../support/room-client';
import { remember } from './web';

const env = useServerAndBrowser();
const HOST = 'e5e5e5e5f6f6f6f6a7a7a7a7b8b8b8b8';
const bid = (round: number, x: number): Decisions => ({ ...noDecisions(round), subsidies: { talent: x, startups: x, capital: x }, land: { innovation: 0.5, production: 0 } });

for (const sealed of [false, true]) {
  it(`${sealed ? 'sealed' : 'open'} bids: the host console and a phone ${sealed ? 'never show' : 'show'} a submitted bid`, async () => {
    const { code } = await createGame(env.server.url, { scenario: 'classroom-4', rounds: 2, roundSeconds: 600, sealed, bots: true }, HOST);
    const host = await RoomClient.open(env.server.host, code, HOST);
    const ana = (await RoomClient.join(env.server.host, code, 'Ana', 'hillton')).client;
    const ben = await RoomClient.join(env.server.host, code, 'Ben', 'rivertown');
    host.send({ type: 'start' });
    await host.view((v) => v.phase === 'playing', 30_000);

    const { context: hc, page: consolePage } = await env.tb.person({ width: 1280, height: 900 });
    await remember(hc, { 'enclave:lang': 'en', 'enclave:host-token': HOST });
    await consolePage.goto(`${env.server.url}/host/${code}#k=${HOST}`);
    const { context: pc, page: phone } = await env.tb.person({ width: 390, height: 844 });
    await remember(pc, { 'enclave:lang': 'en', [`enclave:seat:${code}`]: ben.token });
    await phone.goto(`${env.server.url}/play/${code}`);
    await consolePage.getByTestId('phase').getByText('Round 1 of 2').waitFor({ timeout: 30_000 });
    await phone.getByTestId('phase').getByText('Round 1 of 2').waitFor({ timeout: 30_000 });

    ana.send({ type: 'submit', decisions: bid(1, 0.25) });
    await host.view((v) => v.seats.find((s) => s.city === 'hillton')!.submitted, 20_000);
    const text = 'subsidies 0.25 · 0.25 · 0.25 (talent · startups · capital); land 0.5 km²';
    if (sealed) {
      await consolePage.locator('tr[data-city=hillton]').getByText('✓ submitted').waitFor({ timeout: 20_000 });
      expect(await consolePage.getByTestId('open-bid').count()).toBe(0);
      expect(await phone.getByTestId('open-bid').count()).toBe(0);
    } else {
      await consolePage.locator('tr[data-city=hillton] [data-testid=open-bid]').getByText(text).waitFor({ timeout: 20_000 });
      await phone.locator('li[data-city=hillton] [data-testid=open-bid]').getByText(text).waitFor({ timeout: 20_000 });
    }
    for (const c of [host, ana, ben.client]) c.close();
    await hc.close();
    await pc.close();
  });
}
