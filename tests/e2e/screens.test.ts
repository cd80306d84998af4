/**
 * Every screen in the three languages: no missing or untranslated string, no serious or
 * critical axe-core violation, and a screenshot of each (test-results/screenshots). Then every
 * screen but the projector's on a 360 px phone, every details element open and the forms that
 * open more (custom scoring, the host link, a deal, a what-if) opened: the page is never wider
 * than the phone (the projector's stage has its own test, stage.test.ts). Games in each phase
 * are set up through the protocol, so the browser only looks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useServerAndBrowser } from '../support/browser';
import type { RoomView } from '../../core/protocol/room';
import { createGame, RoomClient } from '../support/room-client';
import { axe, openDetails, overflow, remember, untranslated, type Lang } from './web';

const env = useServerAndBrowser();
const HOST = 'c0ffee00c0ffee00c0ffee00c0ffee00';
const games = { lobby: '', hostLobby: '', playing: '', review: '', finished: '', soloPlaying: '', soloFinished: '', archiveId: '', share: '' };
const seats: Record<string, string> = {};
const PHONE = 360;

/** A city's decisions for a round. */
function decide(player: RoomClient, round: number): void {
  player.send({ type: 'submit', decisions: { round, subsidies: { talent: 0.1 * round, startups: 0.2, capital: 0 }, parkSubsidies: {}, land: { innovation: 0, production: 0.5 }, environment: 1, projects: { scienceFacility: false } } });
}

/** A round of decisions for every person seat, and the next view. */
async function playRound(host: RoomClient, players: RoomClient[], round: number) {
  for (const p of players) decide(p, round);
  // Resolved, and the next round open (or the game over): one view says both.
  return host.view((v) => v.resolved >= round && v.phase !== 'resolving', 30_000);
}

async function setUp(): Promise<void> {
  // A fixed seed, so the bot seats' own deals are the same every run and never crowd out Ana's.
  const make = (rounds: number, params: Record<string, number> = {}) => createGame(env.server.url, { scenario: 'classroom-4', rounds, roundSeconds: 600, seed: 11, params }, HOST).then((g) => g.code);
  // The finished game was played with more congestion than the default: its what-if starts there.
  [games.lobby, games.hostLobby, games.playing, games.finished] = await Promise.all([make(3), make(3), make(3), make(2, { congestion: 0.9 })]);

  // A lobby as the host sees it: two people seated, one still choosing a city.
  for (const [name, city] of [['Ana', 'hillton'], ['Bo', 'metropolis'], ['Cai', null]] as const) {
    const { client, token } = await RoomClient.join(env.server.host, games.hostLobby, name, city);
    if (name === 'Ana') seats[games.hostLobby] = token;
    client.close();
  }

  // A game in its second round: results, a park deal signed, an event announced, chat.
  {
    const host = await RoomClient.open(env.server.host, games.playing, HOST);
    const ana = await RoomClient.join(env.server.host, games.playing, 'Ana', 'hillton');
    const bo = await RoomClient.join(env.server.host, games.playing, 'Bo', 'metropolis');
    seats[games.playing] = ana.token;
    host.send({ type: 'start' });
    // The room's first start runs its bot seats' negotiation on a cold isolate.
    await host.view((v) => v.phase === 'playing', 30_000);
    ana.client.send({ type: 'propose', terms: { kind: 'park', sponsor: 'hillton', host: 'metropolis', landQuota: 2, space: 1, mode: 'mixed', statsShare: 0.5, taxShare: 0.5 } });
    const fromAna = (v: RoomView) => v.deals.find((d) => d.status === 'open' && d.proposer === 'hillton');
    bo.client.send({ type: 'accept', deal: fromAna(await bo.client.view((v) => fromAna(v) !== undefined))!.id });
    await host.view((v) => v.deals.some((d) => d.status === 'signed'));
    ana.client.send({ type: 'chat', text: '你好 hola hello', to: null });
    await playRound(host, [ana.client, bo.client], 1);
    host.send({ type: 'event', event: 'unified-market' });
    await host.view((v) => v.events.pending.length === 1);
    ana.client.send({ type: 'propose', terms: { kind: 'platform', members: ['hillton', 'metropolis', 'seaport'], subsidyCap: 0.5, techTrading: true } });
    await ana.client.view((v) => v.deals.some((d) => d.status === 'open'));
    for (const c of [host, ana.client, bo.client]) c.close();
  }

  // A finished game in the archive, with a share link.
  {
    const host = await RoomClient.open(env.server.host, games.finished, HOST);
    const ana = await RoomClient.join(env.server.host, games.finished, 'Ana', 'hillton');
    seats[games.finished] = ana.token;
    host.send({ type: 'start' });
    await host.view((v) => v.phase === 'playing');
    await playRound(host, [ana.client], 1);
    await playRound(host, [ana.client], 2);
    const view = host.latestView()?.archive?.status === 'stored' ? host.latestView()! : await host.view((v) => v.phase === 'finished' && v.archive?.status === 'stored', 30_000);
    games.archiveId = view.archive!.id!;
    const share = await fetch(`${env.server.url}/api/archive/games/${games.archiveId}/shares`, {
      method: 'POST',
      headers: { authorization: `Bearer ${HOST}`, 'content-type': 'application/json' },
      body: '{"anonymous":true}',
    });
    games.share = ((await share.json()) as { token: string }).token;
    for (const c of [host, ana.client]) c.close();
  }

  // A practice round revealed and held until the host continues.
  {
    games.review = (await createGame(env.server.url, { scenario: 'classroom-4', rounds: 3, roundSeconds: 600, reviewSeconds: null, practice: true, seed: 11 }, HOST)).code;
    const host = await RoomClient.open(env.server.host, games.review, HOST);
    const ana = await RoomClient.join(env.server.host, games.review, 'Ana', 'hillton');
    seats[games.review] = ana.token;
    host.send({ type: 'start' });
    await host.view((v) => v.phase === 'playing', 30_000);
    decide(ana.client, 1);
    await host.view((v) => v.phase === 'review', 30_000);
    for (const c of [host, ana.client]) c.close();
  }

  // Solo games as /solo makes them (bots in every other city, sealed bids): one in its second
  // round, one over.
  for (const [key, rounds, played] of [['soloPlaying', 3, 1], ['soloFinished', 2, 2]] as const) {
    const code = (await createGame(env.server.url, { scenario: 'classroom-4', rounds, roundSeconds: 1800, bots: true, sealed: true, seed: 11 }, HOST)).code;
    games[key] = code;
    const host = await RoomClient.open(env.server.host, code, HOST);
    const eva = await RoomClient.join(env.server.host, code, 'Eva', 'hillton');
    seats[code] = eva.token;
    host.send({ type: 'start' });
    await host.view((v) => v.phase === 'playing', 30_000);
    for (let round = 1; round <= played; round++) await playRound(host, [eva.client], round);
    for (const c of [host, eva.client]) c.close();
  }
}

/** What the solo page keeps on the device: the host token, the seat, and the visitor's plan. */
const solo = (code: string) => ({ [`enclave:host:${code}`]: HOST, [`enclave:seat:${code}`]: seats[code]!, [`enclave:solo:${code}`]: JSON.stringify({ city: 'hillton', name: 'Eva' }) });

/** The host console's link to itself, shown: a long unbroken line. */
async function showHostLink(page: Page): Promise<void> {
  await page.locator('.join-panel button[aria-expanded]').click();
  await page.getByTestId('host-link').waitFor();
}

/** The what-if form asking for a model parameter: a choice among long parameter names. */
async function whatIfParameter(page: Page): Promise<void> {
  await page.locator('input[name="whatif"][value="params"]').check();
}

// The games are set up through the protocol; if that fails, what the server said is in the error.
beforeAll(async () => {
  try {
    await setUp();
  } catch (err) {
    throw new Error(`${(err as Error).message}\n--- wrangler dev, last 4000 characters ---\n${env.server.log().slice(-4000)}`);
  }
}, 180_000);

interface Screen {
  name: string;
  path: () => string;
  /** Shown once the screen has everything it will show. */
  ready: string;
  width?: number;
  seat?: () => string;
  /** More that the device remembers (the solo page's plan). */
  store?: () => Record<string, string>;
  /** On a phone, before it is measured: open what the screen opens on a click. */
  phone?: (page: Page) => Promise<void>;
}

const screens: Screen[] = [
  { name: 'home', path: () => '/', ready: 'form[aria-labelledby="join-title"]' },
  {
    name: 'host-setup-and-archive',
    path: () => '/host',
    ready: '[data-testid="archive-list"] li',
    phone: (page) => page.locator('input[name="scoring"][value="custom"]').check(),
  },
  { name: 'solo-setup', path: () => '/solo', ready: 'input[name="solo-city"]' },
  { name: 'solo-playing', path: () => `/solo/${games.soloPlaying}`, ready: '[data-testid="briefing"]', width: PHONE, store: () => solo(games.soloPlaying) },
  { name: 'solo-debrief', path: () => `/solo/${games.soloFinished}`, ready: '[data-testid="narrative"] li', width: PHONE, store: () => solo(games.soloFinished) },
  { name: 'join', path: () => `/play/${games.lobby}`, ready: 'input[name="city"]', width: PHONE },
  {
    name: 'player',
    path: () => `/play/${games.playing}`,
    ready: '[data-testid="briefing"]',
    width: PHONE,
    seat: () => games.playing,
    phone: async (page) => {
      await page.getByTestId('propose-open').click();
      await page.locator('.deal-form').waitFor();
    },
  },
  { name: 'player-lobby', path: () => `/play/${games.hostLobby}`, ready: '[data-testid="your-briefing"]', width: PHONE, seat: () => games.hostLobby },
  { name: 'host-lobby', path: () => `/host/${games.hostLobby}#k=${HOST}`, ready: 'table.people tbody tr:nth-child(3)', phone: showHostLink },
  { name: 'host-console', path: () => `/host/${games.playing}#k=${HOST}`, ready: '.headline svg', phone: showHostLink },
  { name: 'host-review', path: () => `/host/${games.review}#k=${HOST}`, ready: '[data-testid="room-code"]' },
  { name: 'player-review', path: () => `/play/${games.review}`, ready: '[data-testid="status-bar"]', width: PHONE, seat: () => games.review },
  { name: 'projector', path: () => `/screen/${games.playing}`, ready: '[data-testid="stage-round"] svg', width: 1920 },
  { name: 'player-debrief', path: () => `/play/${games.finished}`, ready: '[data-testid="narrative"] li', width: PHONE, seat: () => games.finished },
  {
    name: 'host-debrief',
    path: () => `/host/${games.finished}#k=${HOST}`,
    ready: '.whatif form',
    phone: async (page) => {
      await whatIfParameter(page);
      await page.locator('.whatif form button[type="submit"]').click();
      await page.getByTestId('whatif-result').waitFor({ timeout: 30_000 });
    },
  },
  { name: 'projector-debrief', path: () => `/screen/${games.finished}`, ready: '[data-testid="narrative"] li', width: 1920 },
  { name: 'archived-debrief', path: () => `/archive/${games.archiveId}`, ready: '.whatif form', phone: whatIfParameter },
  { name: 'shared-debrief', path: () => `/shared/${games.share}`, ready: '[data-testid="narrative"] li' },
  { name: 'briefings', path: () => '/briefings/classroom-4', ready: '[data-testid="brief-pages"]' },
];

async function open(lang: Lang, s: Screen, width = s.width ?? 1280): Promise<Page> {
  const { context, page } = await env.tb.person({ width, height: width === PHONE ? 780 : 1000 });
  await remember(context, { 'enclave:lang': lang, 'enclave:host-token': HOST, ...(s.seat ? { [`enclave:seat:${s.seat()}`]: seats[s.seat()]! } : {}), ...s.store?.() });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${env.server.url}${s.path()}`);
  await page.locator(s.ready).first().waitFor({ timeout: 30_000 });
  expect(await page.evaluate('document.documentElement.lang')).toBe({ en: 'en-GB', zh: 'zh-CN', es: 'es-ES' }[lang]);
  expect(errors).toEqual([]);
  return page;
}

describe.each(['en', 'zh', 'es'] as const)('every screen in %s', (lang) => {
  it.each(screens.map((s) => [s.name, s] as const))('%s: translated, accessible, pictured', async (name, s) => {
    const page = await open(lang, s);
    await openDetails(page);
    const left = await untranslated(page, lang);
    expect(left, `untranslated text on ${name}: ${JSON.stringify(left)}`).toEqual([]);
    const violations = await axe(page);
    expect(violations, `axe on ${name}: ${JSON.stringify(violations)}`).toEqual([]);
    await env.tb.shot(page, `screen-${lang}-${name}${s.width ? `-${s.width}px` : ''}`);
    await page.context().close();
  });
});

// A phone never scrolls sideways, in any state: long tables scroll in their own box (Scroll.svelte).
describe.each(['en', 'zh', 'es'] as const)('every screen on a phone in %s', (lang) => {
  const phone = screens.filter((s) => s.width === undefined || s.width === PHONE);
  it.each(phone.map((s) => [s.name, s] as const))('%s is no wider than the phone', async (name, s) => {
    const page = await open(lang, s, PHONE);
    await openDetails(page);
    await s.phone?.(page);
    await openDetails(page);
    const o = await overflow(page);
    expect(o.screen).toBe(PHONE);
    expect(o.width, `${name} is ${o.width} px wide on a ${PHONE} px phone; sticking out:\n${o.offenders.join('\n')}`).toBeLessThanOrEqual(PHONE);
    if (s.width !== PHONE) await env.tb.shot(page, `screen-${lang}-${name}-${PHONE}px`);
    await page.context().close();
  });
});

it('a what-if on a parameter starts from the game’s own value, and says which it is', async () => {
  const { context, page } = await env.tb.person();
  await remember(context, { 'enclave:host-token': HOST });
  await page.goto(`${env.server.url}/archive/${games.archiveId}`);
  await page.locator('.whatif form').waitFor({ timeout: 30_000 });
  await page.locator('input[name="whatif"][value="params"]').check();
  const value = page.locator('.whatif input[type="number"]');
  await page.locator('.whatif select').selectOption('congestion');
  const label = page.locator('.whatif label:has(input[type=number])');
  expect(await label.innerText()).toBe('Value (from 0 to 5; this game 0.9, default 0.6)');
  expect(await value.inputValue()).toBe('0.9');
  // A parameter the game left at its default starts there, and says only that.
  await page.locator('.whatif select').selectOption('spillover');
  expect(await label.innerText()).toBe('Value (from 0 to 2; default 0.09)');
  expect(await value.inputValue()).toBe('0.09');
  // What the host types is the change; choosing the parameter again starts from the game's value.
  await value.fill('2');
  await page.locator('.whatif select').selectOption('congestion');
  expect(await value.inputValue()).toBe('0.9');
  await context.close();
});

it('a person switches language on the page, and the choice stays for the next page', async () => {
  const { context, page } = await env.tb.person();
  await remember(context, { 'enclave:host-token': HOST });
  await page.goto(`${env.server.url}/`);
  await page.getByLabel('Language').selectOption('es');
  await page.getByRole('heading', { level: 1, name: '¿Competir por la innovación, o compartirla?' }).waitFor();
  await page.goto(`${env.server.url}/play/${games.lobby}`);
  await page.getByRole('heading', { level: 1, name: `Entrar en la sala ${games.lobby}` }).waitFor();
  await page.getByLabel('Idioma').selectOption('zh');
  await page.getByRole('heading', { level: 1, name: `加入房间 ${games.lobby}` }).waitFor();
  await context.close();
});

it('a player joins with the keyboard alone', async () => {
  const { context, page } = await env.tb.person({ width: PHONE, height: 780 });
  /** Press Tab until the focus is on what `selector` finds (as a keyboard user would). */
  const tabTo = async (selector: string) => {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)})`)) return;
    }
    throw new Error(`Tab never reached ${selector}`);
  };
  await page.goto(`${env.server.url}/`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.keyboard.press('Tab');
  expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to content');
  await tabTo('input[name="code"]');
  await page.keyboard.type(games.lobby.toLowerCase());
  await page.keyboard.press('Enter');
  await page.getByLabel(/Your name/).waitFor();
  await tabTo('input[name="name"]');
  await page.keyboard.type('Kim');
  await tabTo('input[name="city"]');
  await page.keyboard.press('Space');
  expect(await page.evaluate('document.activeElement.checked')).toBe(true);
  await tabTo('button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.getByTestId('status-bar').or(page.getByTestId('waiting')).first().waitFor();
  await context.close();
});
