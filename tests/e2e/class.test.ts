/**
 * A class of rooms in the browser (issue 15) against a real `wrangler dev`: the host creates
 * a class of 3 rooms × 2 seats on classroom-4 from the host setup; four people join with the
 * one class code (two in browsers through the join screen, two over HTTP and WebSockets) and
 * are placed evenly; the class console starts every room, closes the round and continues them
 * together; the class stage shows the lobby's QR and code, then the three rooms labelled by
 * their treatments, compared between rounds and side by side in play, at 1920×1080 without
 * scrolling. A player's reload of the class code lands on the same place.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { Comparison } from '../../core/classes/compare';
import type { ClassStatus, JoinClassAnswer } from '../../core/protocol/class';
import { useServerAndBrowser } from '../support/browser';
import { RoomClient } from '../support/room-client';
import { axe, fitsScreen, inside, remember } from './web';
import { PARAMS } from '../../core/model/params';

const env = useServerAndBrowser();
const LABELS = ['Baseline', 'Platform with a cap', 'No parks'];

it('a class of three rooms: created from the host setup, joined with one code, driven from one console, on one stage', async () => {
  const base = env.server.url;
  // The host sets up the class below the game form: the common settings above, a label per room, 2 seats each.
  const { context: hostContext, page: host } = await env.tb.person({ width: 1280, height: 900 });
  await remember(hostContext, { 'enclave:lang': 'en' });
  await host.goto(`${base}/host`);
  await host.locator('select[name=scenario] option[value="classroom-4"]').waitFor({ state: 'attached', timeout: 20_000 });
  await host.locator('input[name=rounds]').fill('3');
  await host.locator('input[name=minutes]').fill('10');
  await host.getByText('Run a class: several rooms under different rules').click();
  await host.getByTestId('class-setup').waitFor({ timeout: 15_000 });
  expect(await host.getByTestId('class-room').count()).toBe(3);
  await host.locator('input[name=class-seats]').fill('2');
  await host.locator('input[name=class-seats]').dispatchEvent('change');
  for (const [i, label] of LABELS.entries()) await host.locator(`input[name=treatment-${i}]`).fill(label);
  // The presets come in turn: the baseline, the coordination platform with its cap, no parks.
  expect(await Promise.all([0, 1, 2].map((i) => host.locator(`select[name=preset-${i}]`).inputValue()))).toEqual(['baseline', 'platform-cap', 'no-parks']);
  // An event schedule offers the scenario's events and a round; back to no parks for this class.
  await host.locator('select[name=preset-2]').selectOption('events');
  expect(await host.locator('select[name=event-2] option').count()).toBeGreaterThan(0);
  expect(await host.locator('select[name=event-2]').inputValue()).not.toBe('');
  // One model parameter changed: chosen from the list, starting from its default, its bounds said.
  await host.locator('select[name=preset-2]').selectOption('custom');
  await host.locator('select[name=param-2]').selectOption('subsidyRounds');
  expect(Number(await host.locator('input[name=param-value-2]').inputValue())).toBe(PARAMS.subsidyRounds.default);
  expect(await host.locator('#param-bounds-2').textContent()).toMatch(/^From \S+ to \S+; the game's default is \S+\.$/);
  await host.locator('select[name=preset-2]').selectOption('no-parks');
  expect(await host.locator('select[name=event-2]').count()).toBe(0);
  expect(await host.locator('select[name=param-2]').count()).toBe(0);
  await host.locator('input[name=cap-1]').fill('0.2');
  // (A full-page screenshot while the number box has focus swallows the next click in Chromium; a person's click blurs it first.)
  await host.locator('input[name=cap-1]').blur();
  await env.tb.shot(host, 'class-setup');
  await host.getByTestId('create-class').click();
  await host.waitForURL(/\/class\/[A-Z0-9]{6}#k=[0-9a-f]{32}$/, { timeout: 20_000 });
  const [, code, token] = /\/class\/([A-Z0-9]{6})#k=([0-9a-f]{32})$/.exec(host.url())!;
  await host.getByTestId('class-room').nth(2).waitFor({ timeout: 15_000 });
  expect(await host.getByTestId('class-code').textContent()).toBe(code);
  const status = async (): Promise<ClassStatus> => (await fetch(`${base}/api/classes/${code}`, { headers: { authorization: `Bearer ${token}` } })).json() as Promise<ClassStatus>;
  const first = await status();
  expect(first.rooms.map((r) => r.treatment)).toEqual(LABELS);
  const roomOf = (treatment: string) => first.rooms.find((r) => r.treatment === treatment)!.code;

  // The class stage in the lobby: the one QR and code.
  const { context: stageContext, page: stage } = await env.tb.person({ width: 1920, height: 1080 });
  await remember(stageContext, { 'enclave:lang': 'en' });
  await stage.goto(`${base}/class-screen/${code}#k=${token}`);
  await stage.getByTestId('class-stage-join').waitFor({ timeout: 20_000 });
  expect(await stage.getByTestId('class-code').textContent()).toBe(code);
  expect(await stage.getByTestId('join-url').textContent()).toBe(`${base}/play/${code}`);
  await fitsScreen(stage, 'stage lobby');

  // Two people join in browsers with the class code, on the join screen as any code.
  const phones: { page: Page; name: string }[] = [];
  for (const name of ['Ana', 'Ben']) {
    const { context, page } = await env.tb.person({ width: 390, height: 844 });
    await remember(context, { 'enclave:lang': 'en' });
    await page.goto(base);
    await page.locator('input[name=code]').fill(code!.toLowerCase());
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page.getByTestId('class-join').waitFor({ timeout: 20_000 });
    await page.locator('[data-testid=class-join] input[name=name]').fill(name);
    await page.getByRole('button', { name: 'Join the class' }).click();
    await page.waitForURL((u) => /\/play\/[A-Z0-9]{6}$/.test(u.pathname) && !u.pathname.endsWith(code!), { timeout: 20_000 });
    await page.getByTestId('your-briefing').waitFor({ timeout: 20_000 });
    phones.push({ page, name });
  }
  // Two more over HTTP, then into their rooms over WebSockets as the answer says.
  const clients: RoomClient[] = [];
  for (const name of ['Chen', 'Dana']) {
    const res = await fetch(`${base}/api/classes/${code}/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
    expect(res.status).toBe(201);
    const place = (await res.json()) as JoinClassAnswer;
    clients.push((await RoomClient.join(env.server.host, place.room, name, place.city, place.team)).client);
  }
  // Balanced: 2, 1, 1 in room order; each browser player sees their room's treatment and city.
  const placed = await status();
  expect(placed.rooms.map((r) => r.placed)).toEqual([2, 1, 1]);
  for (const { page, name } of phones) {
    const mine = placed.people.find((p) => p.name === name)!;
    const treatment = placed.rooms.find((r) => r.code === mine.room)!.treatment;
    expect(new URL(page.url()).pathname).toBe(`/play/${mine.room}`);
    expect(await page.getByTestId('class-treatment').textContent()).toContain(treatment);
    expect(await page.getByTestId('class-city').textContent()).toMatch(/Your city: /);
  }
  await env.tb.shot(phones[0]!.page, 'class-player-lobby');
  // A reload of the class code finds the same place (the placement token on the device).
  const ana = phones[0]!.page;
  const anaRoom = new URL(ana.url()).pathname;
  await ana.goto(`${base}/play/${code}`);
  await ana.waitForURL((u) => u.pathname === anaRoom, { timeout: 20_000 });
  await ana.getByTestId('your-briefing').waitFor({ timeout: 20_000 });
  expect((await status()).people).toHaveLength(4);

  // The host moves Ben, already seated, to another room and back: each time his room frees the
  // seat, and his screen asks the class again and follows him to the room and its treatment.
  const ben = placed.people.find((p) => p.name === 'Ben')!;
  const benPage = phones[1]!.page;
  const people = async (room: string) => (await status()).rooms.find((r) => r.code === room)!.status!.people;
  // (A room with a free seat: moved into a full one he would be a team join, which waits for the team's yes.)
  for (const to of [placed.rooms.find((r) => r.code !== ben.room && r.placed < 2)!, placed.rooms.find((r) => r.code === ben.room)!]) {
    const from = new URL(benPage.url()).pathname.split('/').pop()!;
    const [fromBefore, toBefore] = [await people(from), await people(to.code)];
    const move = await fetch(`${base}/api/classes/${code}/move`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ person: ben.person, room: to.code }) });
    expect(await move.json()).toMatchObject({ person: ben.person, room: to.code, unseated: 1 });
    await benPage.waitForURL((u) => u.pathname === `/play/${to.code}`, { timeout: 20_000 });
    await benPage.getByTestId('your-briefing').waitFor({ timeout: 20_000 });
    expect(await benPage.getByTestId('class-treatment').textContent()).toContain(to.treatment);
    await expect.poll(() => people(to.code), { timeout: 10_000 }).toBe(toBefore + 1);
    expect(await people(from)).toBe(fromBefore - 1);
  }

  // The console shows who is where; start every room at once.
  await host.getByTestId('class-people').getByText('Dana').waitFor({ timeout: 10_000 });
  await env.tb.shot(host, 'class-console-lobby');
  await host.locator('[data-testid=class-actions] button[data-action=start]').click();
  await host.locator('[data-testid=class-room][data-phase=playing]').nth(2).waitFor({ timeout: 20_000 });
  expect(await host.getByTestId('class-submitted').count()).toBe(3);
  await stage.locator('[data-testid=class-stage][data-step=playing]').waitFor({ timeout: 20_000 });
  expect(await stage.getByTestId('class-stage-treatment').allTextContents()).toEqual(LABELS);

  // One round: closed for every room from the console (the bots have bid; the people did not), held in review.
  await host.locator('[data-testid=class-actions] button[data-action=close-round]').click();
  await host.locator('[data-testid=class-room][data-phase=review]').nth(2).waitFor({ timeout: 30_000 });
  await host.getByTestId('class-in-step').getByText('All rooms in step').waitFor({ timeout: 10_000 });
  await env.tb.shot(host, 'class-console-review');
  await host.getByTestId('class-treatments').waitFor({ timeout: 20_000 });
  expect(await axe(host), 'class console').toEqual([]);
  // The comparison debrief on the console: a sentence per fact and each treatment's numbers, as the API computes them from the rooms' records.
  const compared = (await (await fetch(`${base}/api/classes/${code}/compare`, { headers: { authorization: `Bearer ${token}` } })).json()) as { comparison: Comparison };
  expect(compared.comparison.rounds).toBe(1);
  expect(compared.comparison.reference).toBe('baseline');
  await host.getByTestId('class-fact').first().waitFor({ timeout: 20_000 });
  expect(await host.getByTestId('class-fact').count()).toBe(compared.comparison.facts.length);
  const subsidiesFact = compared.comparison.facts.find((f) => f.kind === 'subsidies' && f.treatments[0].startsWith('platform-cap'))!;
  expect(await host.locator('[data-testid=class-fact][data-kind=subsidies]').first().textContent()).toContain('With Platform with a cap, total subsidies');
  expect(subsidiesFact.treatments[1]).toBe('baseline');
  expect(await host.getByTestId('class-treatments').locator('tbody tr').count()).toBe(3);
  // A room's own console, opened from the class console, says the class continues: no button of its own in lock-step.
  const own = await hostContext.newPage();
  await own.goto(`${base}/host/${roomOf('Baseline')}#k=${token}`);
  await own.getByTestId('class-lock').waitFor({ timeout: 20_000 });
  expect(await own.getByTestId('class-lock').textContent()).toContain('keeps in step with its class');
  expect(await own.getByTestId('continue').count()).toBe(0);
  await own.close();


  // The stage compares the round just played, room by room, with one curve per room.
  await stage.locator('[data-testid=class-stage][data-step=review]').waitFor({ timeout: 20_000 });
  await stage.getByTestId('class-compare-room').nth(2).waitFor({ timeout: 10_000 });
  const rows = await stage.getByTestId('class-compare-room').locator('th').allTextContents();
  expect(rows).toEqual(LABELS);
  expect(await stage.locator('#class-subsidies-title').textContent()).toBe('Total subsidies per round, by room');
  expect(await stage.locator('[data-testid=class-compare] .chart svg .series').count()).toBe(6);
  const labels = await stage.locator('[data-testid=class-compare] .chart svg .end-label').allTextContents();
  for (const l of LABELS) expect(labels.filter((x) => x === l)).toHaveLength(2);
  await fitsScreen(stage, 'stage review');
  expect(await inside(stage, '[data-testid=class-compare] .chart svg', 'stage review charts')).toBe(2);
  await env.tb.shot(stage, 'class-stage-review-1920x1080');
  expect(await axe(stage), 'class stage').toEqual([]);

  // Continue for all: every room plays round 2, and the stage shows the rooms side by side with their curves.
  await host.locator('[data-testid=class-actions] button[data-action=continue]').click();
  await host.locator('[data-testid=class-room][data-phase=playing]').nth(2).waitFor({ timeout: 20_000 });
  expect((await host.getByTestId('class-room-phase').allTextContents()).map((t) => t.trim())).toEqual(Array(3).fill('Round 2 of 3'));
  await stage.locator('[data-testid=class-stage][data-step=playing]').waitFor({ timeout: 20_000 });
  await stage.locator('[data-testid=class-stage-room] .chart svg').nth(2).waitFor({ timeout: 20_000 });
  expect(await stage.getByTestId('class-stage-treatment').allTextContents()).toEqual(LABELS);
  expect(await stage.getByTestId('class-stage-scores').count()).toBe(3);
  await fitsScreen(stage, 'stage playing');
  expect(await inside(stage, '[data-testid=class-stage-room] .chart svg', 'stage room charts')).toBe(3);
  await env.tb.shot(stage, 'class-stage-playing-1920x1080');
  expect(roomOf('Baseline')).toMatch(/^[A-Z0-9]{6}$/);

  for (const c of clients) c.close();
}, 120_000);
