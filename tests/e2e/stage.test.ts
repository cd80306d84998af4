/**
 * The projector stage (/screen/CODE) through a whole game at 1920×1080 and 1280×720: the
 * join QR on the address phones reach, who has joined, a round (who submitted, the event in
 * force, the arms-race chart), the reveal held until the host continues and stepped from
 * the console (buttons and arrow keys), and the debrief step-through. At every phase the
 * page does not scroll and what matters is inside the screen.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { noDecisions, type Decisions } from '../../core/protocol/decisions';
import { RACE_RATIO, story } from '../../web/src/lib/narrative';
import type { RoomView } from '../../core/protocol/room';
import { useServerAndBrowser } from '../support/browser';
import { createGame, RoomClient } from '../support/room-client';
import { remember } from './web';

// A documentation address (RFC 5737): shown in the QR, never contacted.
const LAN = 'http://192.0.2.10:8787';
const env = useServerAndBrowser({ vars: { JOIN_ORIGIN: LAN } });
const HOST = 'a1b2c3d4a1b2c3d4a1b2c3d4a1b2c3d4';
const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
] as const;

const bid = (round: number, x: number): Decisions => ({ ...noDecisions(round), subsidies: { talent: x, startups: x, capital: x } });

/** The page fits its screen: no scrolling either way, and `selector` (when given) is visible and wholly inside. */
async function fits(page: Page, selector: string | null, what: string, minHeight = 40): Promise<void> {
  if (selector) await page.locator(selector).first().waitFor({ state: 'visible', timeout: 20_000 });
  const m = (await page.evaluate(`(() => {
    const el = ${JSON.stringify(selector)} && document.querySelector(${JSON.stringify(selector)});
    const box = el ? el.getBoundingClientRect() : null;
    return { sw: document.documentElement.scrollWidth, sh: document.documentElement.scrollHeight, w: innerWidth, h: innerHeight, box: box && { top: box.top, bottom: box.bottom, left: box.left, right: box.right, height: box.height } };
  })()`)) as { sw: number; sh: number; w: number; h: number; box: { top: number; bottom: number; left: number; right: number; height: number } | null };
  expect(m.sw, `${what}: page width at ${m.w}×${m.h}`).toBeLessThanOrEqual(m.w);
  expect(m.sh, `${what}: page height at ${m.w}×${m.h}`).toBeLessThanOrEqual(m.h);
  if (selector) {
    expect(m.box!.height, `${what}: ${selector} has a size`).toBeGreaterThan(minHeight);
    expect(m.box!.top, `${what}: ${selector} top`).toBeGreaterThanOrEqual(0);
    expect(m.box!.bottom, `${what}: ${selector} bottom at ${m.w}×${m.h}`).toBeLessThanOrEqual(m.h + 0.5);
    expect(m.box!.right, `${what}: ${selector} right`).toBeLessThanOrEqual(m.w + 0.5);
  }
}

async function onEveryStage(stages: { page: Page; label: string }[], check: (page: Page, label: string) => Promise<void>): Promise<void> {
  for (const s of stages) await check(s.page, s.label);
}

it('a workshop on the stage: join, rounds, a reveal held for the host and stepped from the console, the debrief', async () => {
  const { code } = await createGame(env.server.url, { scenario: 'classroom-4', rounds: 2, roundSeconds: 600, reviewSeconds: null, bots: true }, HOST);
  const host = await RoomClient.open(env.server.host, code, HOST);
  const anaSeat = await RoomClient.join(env.server.host, code, 'Ana', 'hillton');
  const ana = anaSeat.client;
  const ben = (await RoomClient.join(env.server.host, code, 'Ben', 'rivertown')).client;

  const stages: { page: Page; label: string }[] = [];
  for (const size of SIZES) {
    const { context, page } = await env.tb.person(size);
    await remember(context, { 'enclave:lang': 'en' });
    await page.goto(`${env.server.url}/screen/${code}`);
    stages.push({ page, label: `${size.width}x${size.height}` });
  }

  // Joining: the QR and the link carry the address phones reach, not localhost.
  await onEveryStage(stages, async (page, label) => {
    await page.getByTestId('joined-count').getByText('2 people have joined').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('join-url').textContent()).toBe(`${LAN}/play/${code}`);
    expect(await page.getByTestId('room-code').textContent()).toBe(code);
    await fits(page, '.stage-qr svg', `${label} lobby QR`);
    await fits(page, '[data-testid=room-code]', `${label} lobby code`);
    await env.tb.shot(page, `stage-${label}-lobby`);
  });

  // Ana's phone in the lobby: her city's briefing, with a first move that names a partner.
  const { context: phoneContext, page: phone } = await env.tb.person({ width: 390, height: 844 });
  await remember(phoneContext, { 'enclave:lang': 'en', [`enclave:seat:${code}`]: anaSeat.token });
  await phone.goto(`${env.server.url}/play/${code}`);
  await phone.getByTestId('your-briefing').waitFor({ timeout: 20_000 });
  expect(await phone.getByTestId('your-briefing').getByTestId('first-move').textContent()).toMatch(/Metropolis|Rivertown/);

  // The host console, which drives the stage.
  const { context: hostContext, page: console_ } = await env.tb.person({ width: 1280, height: 900 });
  await remember(hostContext, { 'enclave:lang': 'en', 'enclave:host-token': HOST });
  await console_.goto(`${env.server.url}/host/${code}#k=${HOST}`);
  await console_.getByRole('button', { name: 'Start the game' }).waitFor({ timeout: 30_000 });
  host.send({ type: 'event', event: 'downturn' });
  await console_.getByRole('button', { name: 'Start the game' }).click();
  await host.view((v) => v.phase === 'playing', 30_000);

  // Round 1: who has submitted, the event in force.
  ana.send({ type: 'submit', decisions: bid(1, 0.2) });
  await onEveryStage(stages, async (page, label) => {
    await page.getByTestId('submitted-count').getByText('1 of 2 cities have submitted').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('stage-events').textContent()).toContain('An economic downturn');
    await fits(page, '[data-testid=stage-round]', `${label} round 1`);
  });

  // Resolved: the room holds in review, it does not open round 2 by itself.
  ben.send({ type: 'submit', decisions: bid(1, 0.3) });
  await host.view((v) => v.phase === 'review' && v.round === 1, 30_000);
  await new Promise((r) => setTimeout(r, 2500));
  expect(host.latestView()).toMatchObject({ phase: 'review', round: 1, timer: null });
  // Ana's phone: the round's story and "the host continues" at the top, no form.
  await phone.getByTestId('review-note').getByText('Round 2 opens when the host continues').waitFor({ timeout: 20_000 });
  const note = await phone.getByTestId('review-note').boundingBox();
  expect(note!.y + note!.height).toBeLessThan(844);
  expect(await phone.getByRole('button', { name: 'Submit decisions' }).count()).toBe(0);

  // The reveal, stepped from the console: Next, the → key, Back, the ← key.
  const panelIs = async (panel: string) => {
    await onEveryStage(stages, async (page) => {
      await page.locator(`[data-testid=stage-reveal][data-panel=${panel}]`).waitFor({ timeout: 20_000 });
    });
  };
  await panelIs('subsidies');
  await onEveryStage(stages, async (page, label) => {
    expect(await page.getByTestId('stage-step').textContent()).toContain('Subsidies paid, and where the factors went');
    await fits(page, '.stage-bars', `${label} reveal subsidies`);
    await env.tb.shot(page, `stage-${label}-reveal-subsidies`);
  });
  await console_.getByRole('button', { name: 'Next →' }).click();
  await panelIs('movers');
  await onEveryStage(stages, (page, label) => fits(page, '.stage-movers', `${label} reveal movers`));
  await console_.locator('body').click({ position: { x: 5, y: 5 } });
  await console_.keyboard.press('ArrowRight');
  await panelIs('scores');
  await onEveryStage(stages, async (page, label) => {
    await fits(page, '[data-testid=scoreboard]', `${label} reveal scores`);
    await env.tb.shot(page, `stage-${label}-reveal-scores`);
  });
  await console_.keyboard.press('ArrowRight');
  await panelIs('gini');
  await onEveryStage(stages, async (page, label) => {
    await fits(page, '#stage-gini-title', `${label} reveal gini caption`, 10);
    await fits(page, '.stage-gini svg', `${label} reveal gini chart`);
    await env.tb.shot(page, `stage-${label}-reveal-gini`);
  });
  expect(await console_.getByTestId('stage-panel-name').textContent()).toBe('Inequality between cities');
  expect(await console_.getByRole('button', { name: 'Next →' }).isDisabled()).toBe(true);
  await console_.keyboard.press('ArrowLeft');
  await panelIs('scores');
  await console_.getByRole('button', { name: '← Back' }).click();
  await panelIs('movers');

  // Continue: round 2 opens, the arms race so far is on the stage.
  await console_.getByTestId('continue').click();
  await host.view((v) => v.phase === 'playing' && v.round === 2, 30_000);
  await onEveryStage(stages, async (page, label) => {
    await page.locator('[data-testid=stage][data-phase=playing]').waitFor({ timeout: 20_000 });
    await fits(page, '.stage-round svg', `${label} round 2 arms race`);
    await env.tb.shot(page, `stage-${label}-round-2`);
  });

  // The last round goes straight to the debrief, stepped the same way.
  ana.send({ type: 'submit', decisions: bid(2, 0.4) });
  ben.send({ type: 'submit', decisions: bid(2, 0.5) });
  await host.view((v: RoomView) => v.phase === 'finished', 30_000);
  const debriefIs = async (panel: string) => {
    await onEveryStage(stages, async (page) => {
      await page.locator(`[data-testid=stage-debrief][data-panel=${panel}]`).waitFor({ timeout: 20_000 });
    });
  };
  const checks: Record<string, string> = { story: '.stage-story', scores: '[data-testid=scoreboard]', arms: '.stage-debrief svg', gini: '.stage-pair', flows: '.stage-debrief svg', quadrant: '.stage-debrief svg', whatif: '[data-testid=whatif-elsewhere]' };
  await console_.getByTestId('stage-controls').waitFor({ timeout: 20_000 });
  // The story told on the stage is the one the game's own series tells: the same facts, in
  // order, and an arms race named exactly when total subsidies rose by RACE_RATIO or more from
  // a paid round to a later one (never denied when the chart shows one).
  const results = host.results();
  const totals = results.map((r) => r.metrics.totalSubsidies);
  const raced = totals.some((a, i) => a > 0 && totals.slice(i + 1).some((b) => b >= RACE_RATIO * a));
  await stages[0]!.page.locator('[data-testid=narrative] li').first().waitFor({ timeout: 20_000 });
  const told = await stages[0]!.page.locator('[data-testid=narrative] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-fact')));
  expect(told).toEqual(story(results).map((f) => f.kind));
  expect(told.includes('arms-race')).toBe(raced);
  expect(told.includes('no-race')).toBe(!raced);
  for (const [i, panel] of Object.keys(checks).entries()) {
    if (i > 0) await console_.keyboard.press('ArrowRight');
    await debriefIs(panel);
    await onEveryStage(stages, async (page, label) => {
      await fits(page, checks[panel]!, `${label} debrief ${panel}`);
      await env.tb.shot(page, `stage-${label}-debrief-${panel}`);
    });
  }

  for (const c of [host, ana, ben]) c.close();
  await hostContext.close();
  await phoneContext.close();
}, 240_000);

it('eleven cities fit the stage: Zhejiang’s reveal and debrief at 1280×720 and 1920×1080', async () => {
  const { code } = await createGame(env.server.url, { scenario: 'zhejiang-mountain-sea', rounds: 3, roundSeconds: 600, reviewSeconds: 90, bots: true }, HOST);
  const host = await RoomClient.open(env.server.host, code, HOST);
  const li = (await RoomClient.join(env.server.host, code, 'Li', 'quzhou')).client;
  const stages: { page: Page; label: string }[] = [];
  for (const size of SIZES) {
    const { context, page } = await env.tb.person(size);
    await remember(context, { 'enclave:lang': 'zh' });
    await page.goto(`${env.server.url}/screen/${code}`);
    stages.push({ page, label: `zj-${size.width}x${size.height}` });
  }
  await onEveryStage(stages, (page, label) => fits(page, '.stage-qr svg', `${label} lobby`));
  host.send({ type: 'start' });
  await host.view((v) => v.phase === 'playing', 30_000);
  li.send({ type: 'submit', decisions: bid(1, 0.3) });
  // A review with a time: the stage counts down to the next round.
  await host.view((v) => v.phase === 'review' && v.timer !== null, 60_000);
  for (const [step, panel, selector] of [
    [0, 'subsidies', '.stage-bars'],
    [1, 'movers', '.stage-movers'],
    [2, 'scores', '[data-testid=scoreboard]'],
    [3, 'gini', '.stage-gini svg'],
  ] as const) {
    host.send({ type: 'stage', step });
    await onEveryStage(stages, async (page, label) => {
      await page.locator(`[data-testid=stage-reveal][data-panel=${panel}]`).waitFor({ timeout: 20_000 });
      await fits(page, selector, `${label} reveal ${panel}`);
      await fits(page, '[data-testid=countdown]', `${label} review countdown`, 10);
      await env.tb.shot(page, `stage-${label}-reveal-${panel}`);
    });
  }
  host.send({ type: 'end-game' });
  await host.view((v) => v.phase === 'finished', 30_000);
  for (const [step, panel, selector] of [
    [0, 'story', '.stage-story'],
    [1, 'scores', '[data-testid=scoreboard]'],
    [2, 'arms', '.stage-debrief svg'],
    [3, 'gini', '.stage-pair'],
    [4, 'flows', '.stage-debrief svg'],
  ] as const) {
    host.send({ type: 'stage', step });
    await onEveryStage(stages, async (page, label) => {
      await page.locator(`[data-testid=stage-debrief][data-panel=${panel}]`).waitFor({ timeout: 20_000 });
      await fits(page, selector, `${label} debrief ${panel}`);
      await env.tb.shot(page, `stage-${label}-debrief-${panel}`);
    });
  }
  host.close();
  li.close();
}, 240_000);
