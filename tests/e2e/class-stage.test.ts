/**
 * A class of six rooms on the projector and the console, in Chinese and in Spanish, against a
 * real `wrangler dev`: the class stage at 1920×1080 holds every room (they wrap into rows past
 * four) without scrolling, in the lobby, in play and in review; and neither the stage nor the
 * class console shows a word outside the page's language (the check of screens.test.ts).
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { ClassStatus, CreateClassResponse, JoinClassAnswer } from '../../core/protocol/class';
import { useServerAndBrowser } from '../support/browser';
import { RoomClient } from '../support/room-client';
import { fitsScreen, inside, remember, untranslated, type Lang } from './web';

const env = useServerAndBrowser();
const HOST = 'c'.repeat(32);
const KINDS = ['baseline', 'platform-cap', 'no-parks', 'regional', 'baseline', 'platform-cap'] as const;
const LABELS = ['基线甲', '平台上限甲', '禁止园区', '区域计分', '基线乙', '平台上限乙'];
/** One person per room (a room starts only with someone seated); bots take the other cities. */
const NAMES = ['李明', '王芳', '张伟', '刘洋', '陈静', '杨帆'];

async function translated(page: Page, lang: Lang, what: string): Promise<void> {
  const left = await untranslated(page, lang);
  expect(left, `untranslated text on ${what}: ${JSON.stringify(left)}`).toEqual([]);
}

it('six rooms on one stage at 1920×1080, and the stage and console in Chinese and Spanish', async () => {
  const base = env.server.url;
  const created = await fetch(`${base}/api/classes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      rooms: KINDS.map((kind, i) => ({
        treatment: LABELS[i],
        kind,
        settings: { scenario: 'classroom-4', rounds: 3, ...(kind === 'platform-cap' ? { platform: { cap: 0.2, trading: false } } : kind === 'no-parks' ? { parks: false } : kind === 'regional' ? { scoring: 'regional' } : {}) },
      })),
      seatsPerRoom: 1,
      hostToken: HOST,
    }),
  });
  expect(created.status).toBe(201);
  const { code } = (await created.json()) as CreateClassResponse;
  const command = async (action: string) => {
    const res = await fetch(`${base}/api/classes/${code}/command`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${HOST}` }, body: JSON.stringify({ action }) });
    expect(res.status, action).toBe(200);
  };
  const status = async () => (await (await fetch(`${base}/api/classes/${code}`, { headers: { authorization: `Bearer ${HOST}` } })).json()) as ClassStatus;

  const open = async (lang: Lang, path: string, width: number, height: number) => {
    const { context, page } = await env.tb.person({ width, height });
    await remember(context, { 'enclave:lang': lang });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}${path}#k=${HOST}`);
    return { context, page, errors };
  };

  // The lobby, in Chinese: the stage's QR and code, the console's six rooms.
  const stage = await open('zh', `/class-screen/${code}`, 1920, 1080);
  const consoleZh = await open('zh', `/class/${code}`, 1280, 900);
  await stage.page.getByTestId('class-stage-join').waitFor({ timeout: 20_000 });
  await fitsScreen(stage.page, 'stage lobby');
  await translated(stage.page, 'zh', 'the class stage (lobby, zh)');
  await consoleZh.page.getByTestId('class-room').nth(5).waitFor({ timeout: 20_000 });
  await translated(consoleZh.page, 'zh', 'the class console (lobby, zh)');

  // One person per room, placed by the class, seated over WebSockets.
  const people: RoomClient[] = [];
  for (const name of NAMES) {
    const res = await fetch(`${base}/api/classes/${code}/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
    expect(res.status).toBe(201);
    const place = (await res.json()) as JoinClassAnswer;
    people.push((await RoomClient.join(env.server.host, place.room, name, place.city, place.team)).client);
  }
  expect((await status()).rooms.map((r) => r.placed)).toEqual([1, 1, 1, 1, 1, 1]);

  // In play: every room on the stage, inside the screen.
  await command('start');
  await stage.page.locator('[data-testid=class-stage][data-step=playing]').waitFor({ timeout: 30_000 });
  await stage.page.getByTestId('class-stage-room').nth(5).waitFor({ timeout: 30_000 });
  expect(await stage.page.getByTestId('class-stage-treatment').allTextContents()).toEqual(LABELS);
  await fitsScreen(stage.page, 'stage playing, six rooms');
  expect(await inside(stage.page, '[data-testid=class-stage-room]', 'stage rooms')).toBe(6);
  await translated(stage.page, 'zh', 'the class stage (playing, zh)');

  // In review: the table compares six rooms, one curve each per chart.
  await command('close-round');
  await stage.page.locator('[data-testid=class-stage][data-step=review]').waitFor({ timeout: 30_000 });
  await stage.page.getByTestId('class-compare-room').nth(5).waitFor({ timeout: 20_000 });
  expect(await stage.page.getByTestId('class-compare-room').locator('th').allTextContents()).toEqual(LABELS);
  expect(await stage.page.locator('[data-testid=class-compare] .chart svg .series').count()).toBe(12);
  await fitsScreen(stage.page, 'stage review, six rooms');
  expect(await inside(stage.page, '[data-testid=class-compare] .chart svg', 'stage review charts')).toBe(2);
  expect(await inside(stage.page, '[data-testid=class-compare-room]', 'stage review rows')).toBe(6);
  await env.tb.shot(stage.page, 'class-stage-six-rooms-review-zh');
  await translated(stage.page, 'zh', 'the class stage (review, zh)');
  expect((await status()).rooms.every((r) => r.status?.phase === 'review')).toBe(true);
  // The console with its comparison debrief.
  await consoleZh.page.getByTestId('class-treatments').waitFor({ timeout: 20_000 });
  await consoleZh.page.getByTestId('class-fact').first().waitFor({ timeout: 20_000 });
  await translated(consoleZh.page, 'zh', 'the class console (review, zh)');

  // Round 2: the rooms side by side, each with its curves, all inside the screen.
  await command('continue');
  await stage.page.locator('[data-testid=class-stage][data-step=playing]').waitFor({ timeout: 30_000 });
  await stage.page.locator('[data-testid=class-stage-room] .chart svg').nth(5).waitFor({ timeout: 30_000 });
  await fitsScreen(stage.page, 'stage round 2, six rooms');
  expect(await inside(stage.page, '[data-testid=class-stage-room]', 'stage rooms, round 2')).toBe(6);
  expect(await inside(stage.page, '[data-testid=class-stage-room] .chart svg', 'stage room charts')).toBe(6);
  expect(await stage.page.getByTestId('class-stage-scores').count()).toBe(6);
  await env.tb.shot(stage.page, 'class-stage-six-rooms-playing-zh');
  await translated(stage.page, 'zh', 'the class stage (round 2, zh)');
  await command('close-round');

  // The same two screens in Spanish, in review.
  const stageEs = await open('es', `/class-screen/${code}`, 1920, 1080);
  await stageEs.page.locator('[data-testid=class-stage][data-step=review]').waitFor({ timeout: 30_000 });
  await stageEs.page.getByTestId('class-compare-room').nth(5).waitFor({ timeout: 20_000 });
  await fitsScreen(stageEs.page, 'stage review, Spanish');
  await translated(stageEs.page, 'es', 'the class stage (review, es)');
  const consoleEs = await open('es', `/class/${code}`, 1280, 900);
  await consoleEs.page.getByTestId('class-fact').first().waitFor({ timeout: 20_000 });
  await translated(consoleEs.page, 'es', 'the class console (review, es)');

  for (const p of people) p.close();
  for (const s of [stage, consoleZh, stageEs, consoleEs]) {
    expect(s.errors).toEqual([]);
    await s.context.close();
  }
}, 180_000);
