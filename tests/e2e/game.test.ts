/**
 * A whole game in real browsers: a host, three players (one on a 360 px phone, with a team
 * mate on another phone) and a projector play three rounds with a reverse-enclave deal,
 * through a server restart and a reload, to the debrief and a "what if" replay.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useServerAndBrowser } from '../support/browser';

const env = useServerAndBrowser();

async function joinAs(page: Page, code: string, name: string, choice: string, city: string | null) {
  await page.goto(`${env.server.url}/`);
  await page.getByLabel('Room code').fill(code.toLowerCase());
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.getByLabel(/Your name/).fill(name);
  await page.locator(`input[value="${choice}"]`).check();
  await page.getByRole('button', { name: 'Join the game' }).click();
  if (city) await page.getByRole('heading', { level: 1, name: city }).waitFor();
}

/** The one sentence every player must be able to say (web/src/i18n/main/en.ts `score.rule`). */
const RULE = 'Your score is how much better your city does than it would have on its own course: its innovation, its output and its budget, each measured against its baseline.';
/** What each part is worth under the default preset, the officials' scorecard. */
const WORTH = 'In this game: 1% more innovation = 1 point, 1% more output = 10 points and 1% of your revenue saved = 1 point.';

const submit = (page: Page) => page.getByRole('button', { name: /^Submit( revised)? decisions$/ }).click();
const decisionsFor = (page: Page, round: number) => page.getByRole('heading', { name: `Decisions for round ${round}` }).waitFor({ timeout: 30_000 });

it('a host, three players, a team mate and a projector play three rounds with a deal to the debrief', { timeout: 300_000 }, async () => {
  const host = await env.tb.person();
  const ana = await env.tb.person({ width: 360, height: 780 });
  const di = await env.tb.person({ width: 390, height: 844 });
  const bo = await env.tb.person();
  const cy = await env.tb.person();
  const screen = await env.tb.person({ width: 1920, height: 1080 });
  const errors: string[] = [];
  for (const [who, p] of Object.entries({ host, ana, di, bo, cy, screen })) p.page.on('pageerror', (e) => errors.push(`${who}: ${e.message}`));

  // The host sets up a 3-round game and lands on the console with the code, the QR and the host link.
  await host.page.goto(`${env.server.url}/`);
  await host.page.getByRole('link', { name: 'Set up a game' }).click();
  await host.page.getByLabel('Rounds', { exact: true }).fill('3');
  await host.page.getByLabel('Minutes per round', { exact: true }).fill('10');
  // The officials' scorecard is the default, and the host reads what players will be told.
  expect(await host.page.getByRole('radio', { name: /Officials’ scorecard/ }).isChecked()).toBe(true);
  await host.page.getByTestId('scoring-preview').filter({ hasText: RULE }).filter({ hasText: WORTH }).waitFor();
  await host.page.getByRole('radio', { name: /Regional \(new regionalism\)/ }).check();
  await host.page.getByTestId('scoring-preview').filter({ hasText: '1 point of the whole region’s gain = 1 point' }).waitFor();
  await host.page.getByRole('radio', { name: /Officials’ scorecard/ }).check();
  await host.page.getByRole('button', { name: 'Create the game' }).click();
  const code = (await host.page.getByTestId('room-code').textContent())!.trim();
  expect(code).toMatch(/^[23456789A-HJ-NP-Z]{6}$/);
  expect(host.page.url()).toMatch(new RegExp(`/host/${code}#k=[0-9a-f]{32}$`));
  await host.page.getByRole('img', { name: `QR code to join room ${code}` }).waitFor();

  await screen.page.goto(`${env.server.url}/screen/${code}`);
  await screen.page.getByTestId('room-code').filter({ hasText: code }).waitFor();

  // Before joining, a player reads what they will play for.
  await ana.page.goto(`${env.server.url}/play/${code}`);
  await ana.page.locator('form[aria-labelledby="join-title"]').getByTestId('score-rule').filter({ hasText: RULE }).filter({ hasText: WORTH }).waitFor();
  await joinAs(ana.page, code, 'Ana', 'city:hillton', 'Hillton');
  await ana.page.getByTestId('goal').filter({ hasText: RULE }).waitFor();
  await joinAs(bo.page, code, 'Bo', 'city:metropolis', 'Metropolis');
  await joinAs(cy.page, code, 'Cy', 'city:rivertown', 'Rivertown');
  // Hillton has a player: Di asks, waits, and Ana (a member of the seat) lets her in; the host sees the request too.
  await joinAs(di.page, code, 'Di', 'team:hillton', null);
  await di.page.getByTestId('asking').filter({ hasText: 'Hillton' }).waitFor();
  await host.page.getByTestId('join-requests').filter({ hasText: 'Di asks to join Hillton' }).waitFor();
  await ana.page.getByRole('button', { name: 'Let Di in' }).click();
  await di.page.getByRole('heading', { level: 1, name: 'Hillton' }).waitFor();
  await expect.poll(() => host.page.getByTestId('join-requests').count()).toBe(0);
  await host.page.locator('tr[data-city="hillton"]', { hasText: 'Di' }).waitFor();
  await screen.page.locator('li[data-city="rivertown"]', { hasText: 'Cy' }).waitFor();
  await env.tb.shot(host.page, 'game-host-lobby');
  await env.tb.shot(screen.page, 'game-projector-lobby-1920px');

  // The empty seat goes to a bot of the host's choosing: a fixed subsidy per newcomer, at the host's rate.
  await host.page.getByTestId('bot-seaport').selectOption('fixed');
  await host.page.getByTestId('bot-rate-seaport').fill('0.3');
  await host.page.getByTestId('bot-rate-seaport').press('Enter');
  await host.page.getByTestId('bot-rate-seaport').blur();
  await screen.page.locator('li[data-city="seaport"]', { hasText: 'bot (fixed subsidy 0.30 per newcomer)' }).waitFor();
  await host.page.getByTestId('bot-seaport').selectOption('best-response');
  await screen.page.locator('li[data-city="seaport"]', { hasText: 'bot (best response)' }).waitFor();
  await host.page.getByTestId('bot-seaport').selectOption('fixed');
  await screen.page.locator('li[data-city="seaport"]', { hasText: /bot \(fixed subsidy 0\.20 per newcomer\)/ }).waitFor();

  await host.page.getByRole('button', { name: 'Start the game' }).click();
  await Promise.all([ana, bo, cy, di].map((p) => decisionsFor(p.page, 1)));
  // Round 1's briefing: the goal, the rule and what each part is worth.
  await di.page.getByTestId('goal').filter({ hasText: RULE }).filter({ hasText: WORTH }).waitFor();
  await screen.page.getByTestId('countdown').waitFor();

  // Team mates share one draft: Ana's edit reaches Di's phone.
  await ana.page.locator('#sub-talent').fill('0.3');
  await expect.poll(() => di.page.locator('#sub-talent').inputValue(), { timeout: 10_000 }).toBe('0.3');
  await di.page.getByTestId('teammate').filter({ hasText: 'Ana' }).waitFor();

  // Live validation with the model's own budget rule: over budget, nothing can be submitted.
  for (const f of ['talent', 'startups', 'capital']) await cy.page.locator(`#sub-${f}`).fill('5');
  await cy.page.getByTestId('problem').filter({ hasText: /more than the/ }).waitFor();
  expect(await cy.page.getByRole('button', { name: 'Submit decisions' }).isDisabled()).toBe(true);
  for (const f of ['talent', 'startups', 'capital']) await cy.page.locator(`#sub-${f}`).fill('0.1');
  await expect.poll(() => cy.page.getByTestId('problem').count()).toBe(0);

  // A reverse-enclave park: Hillton (lagging) proposes a park in the Metropolis, which accepts.
  await ana.page.getByTestId('propose-open').click();
  await ana.page.getByTestId('deal-verdict').filter({ hasText: 'The model accepts these terms.' }).waitFor();
  await ana.page.getByRole('button', { name: 'Send the offer' }).click();
  const offer = bo.page.getByTestId('deals-incoming').locator('li.deal');
  await offer.waitFor();
  await env.tb.shot(bo.page, 'game-player-offer');
  await offer.getByRole('button', { name: 'Accept' }).click();
  await ana.page.getByTestId('deals-signed').locator('li.deal[data-status="signed"]').waitFor();
  await di.page.getByTestId('news').filter({ hasText: 'deal signed' }).waitFor();

  await env.tb.shot(ana.page, 'game-player-round1-360px');
  await submit(ana.page);
  await ana.page.getByTestId('submit-status').filter({ hasText: 'Submitted by Ana' }).waitFor();
  await di.page.getByTestId('submit-status').filter({ hasText: 'Submitted by Ana' }).waitFor();
  await screen.page.locator('li[data-city="hillton"]', { hasText: 'submitted' }).waitFor();
  await host.page.locator('tr[data-city="hillton"] td.status', { hasText: 'submitted' }).waitFor();
  await submit(bo.page);
  await submit(cy.page);

  // The reveal (the setup's default: hold the results until the host continues): phones read
  // what happened, the projector steps through the round's story as the host clicks Next.
  await ana.page.getByTestId('review-note').filter({ hasText: 'Round 2 opens when the host continues' }).waitFor({ timeout: 30_000 });
  await ana.page.getByRole('heading', { name: 'What happened in round 1' }).waitFor();
  await screen.page.locator('[data-testid=stage-reveal][data-panel=subsidies]').waitFor();
  await host.page.getByRole('heading', { name: 'After round 1' }).waitFor();
  await host.page.getByRole('button', { name: 'Next →' }).click();
  await host.page.getByRole('button', { name: 'Next →' }).click();
  await screen.page.locator('[data-testid=stage-reveal][data-panel=scores]').getByTestId('scoreboard').locator('tbody tr').first().waitFor();
  await env.tb.shot(screen.page, 'game-projector-reveal-1920px');
  await host.page.getByRole('button', { name: 'Continue to round 2' }).click();

  // Round 2: everyone sees why; the sponsor now pays subsidies in its park; the projector shows the arms race so far.
  await Promise.all([ana, bo, cy, di].map((p) => decisionsFor(p.page, 2)));
  await ana.page.getByRole('heading', { name: 'What happened in round 1' }).waitFor();
  await expect.poll(async () => Number(await ana.page.getByTestId('subsidy-talent').textContent())).toBeCloseTo(0.3, 2);
  await screen.page.locator('[data-testid=stage-round] figure', { hasText: 'The subsidy arms race' }).waitFor();
  // The briefing says the rule and the score part by part: against the baseline × weight = points.
  const brief = ana.page.getByTestId('briefing-score');
  await brief.filter({ hasText: RULE }).filter({ hasText: WORTH }).waitFor();
  const breakdown = brief.getByTestId('score-breakdown');
  expect(await breakdown.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-part')))).toEqual(['innovation', 'output', 'budget']);
  expect(await breakdown.locator('tr[data-part="output"] td').nth(1).textContent()).toBe('10');
  const points = await breakdown.locator('tbody tr td:last-child').allTextContents();
  const total = Number(await breakdown.getByTestId('score-total').textContent());
  expect(points.reduce((a, p) => a + Number(p), 0)).toBeCloseTo(total, 0);
  expect(Number(await ana.page.getByTestId('score').textContent())).toBe(total);
  await ana.page.getByText(/^Subsidy per newcomer in your parks \(paid on arrival, worth 2 rounds\)$/).waitFor();
  await ana.page.locator('#park-park-hillton-metropolis-startups').fill('0.2');
  await env.tb.shot(ana.page, 'game-player-round2-360px');
  await env.tb.shot(screen.page, 'game-projector-round2-1920px');

  // The server goes away and comes back: the page says so, and what Ana typed meanwhile reaches her team.
  const restart = env.server.restart();
  await ana.page.getByTestId('reconnecting').waitFor({ timeout: 20_000 });
  await ana.page.locator('#sub-capital').fill('0.2');
  await restart;
  await ana.page.getByTestId('reconnecting').waitFor({ state: 'detached', timeout: 30_000 });
  await expect.poll(() => di.page.locator('#sub-capital').inputValue(), { timeout: 30_000 }).toBe('0.2');
  await expect.poll(() => di.page.locator('#park-park-hillton-metropolis-startups').inputValue(), { timeout: 10_000 }).toBe('0.2');

  for (const p of [ana, bo, cy]) await submit(p.page);
  await host.page.getByRole('button', { name: 'Continue to round 3' }).click({ timeout: 30_000 });
  await Promise.all([ana, bo, cy, di].map((p) => decisionsFor(p.page, 3)));

  // A reload keeps the seat and the draft.
  await bo.page.locator('#environment').fill('1');
  await bo.page.locator('form.decisions[data-draft="sent"]').waitFor();
  await bo.page.reload();
  await decisionsFor(bo.page, 3);
  await expect.poll(() => bo.page.locator('#environment').inputValue()).toBe('1');

  for (const p of [ana, bo, cy]) await submit(p.page);

  // The debrief, everywhere.
  for (const p of [ana, bo, cy, di, host]) await p.page.getByTestId('debrief').waitFor({ timeout: 30_000 });
  await screen.page.locator('[data-testid=stage-debrief][data-panel=story]').waitFor({ timeout: 30_000 });
  await expect.poll(() => ana.page.getByTestId('narrative').locator('li').count()).toBeGreaterThan(2);
  expect(await host.page.getByTestId('scoreboard').locator('tbody tr').count()).toBe(4);
  await ana.page.getByRole('figure', { name: 'The subsidy arms race: subsidies paid per round' }).waitFor();
  await ana.page.getByRole('figure', { name: 'Where the factors went' }).waitFor();
  await ana.page.getByRole('figure', { name: /Fig\. 5/ }).waitFor();
  await env.tb.shot(ana.page, 'game-debrief-360px');
  await env.tb.shot(screen.page, 'game-debrief-projector-1920px');

  // The host's record is archived: downloads, share links and a "what if" replay.
  await host.page.getByTestId('archive-status').filter({ hasText: 'safe in the archive' }).waitFor({ timeout: 30_000 });
  await host.page.getByRole('button', { name: 'Everything (JSON)' }).waitFor();
  const download = host.page.waitForEvent('download');
  await host.page.getByRole('button', { name: 'regions.csv' }).click();
  expect((await download).suggestedFilename()).toMatch(/regions\.csv$/);
  await host.page.getByRole('radio', { name: 'Nobody pays subsidies' }).check();
  await host.page.getByRole('button', { name: 'Replay with this change' }).click();
  await host.page.getByTestId('whatif-result').waitFor({ timeout: 30_000 });
  await env.tb.shot(host.page, 'game-host-debrief');
  expect(errors).toEqual([]);
});
