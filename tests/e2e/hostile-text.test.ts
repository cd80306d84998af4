/**
 * In a real browser: players' names and chat lines that are script do not run, and render
 * in the host console (its seat table and chat log) as the text they typed; and the
 * Content-Security-Policy the client is served with is in force (an inline script injected
 * into the page does not run) without getting in the app's way (no violation while it works).
 */
import { afterAll, expect, it } from 'vitest';
import { useServerAndBrowser } from '../support/browser';
import { RoomClient, createGame } from '../support/room-client';

const env = useServerAndBrowser();
const people: RoomClient[] = [];

afterAll(() => {
  for (const c of people) c.close();
});

/**
 * Browser-side code, as text: it runs in the page, where the DOM is (this project's types
 * describe Node and workerd, not a browser). Records what reaches the page over its
 * WebSocket, and every CSP violation; injected by the browser driver, outside the page's policy.
 */
const WATCH = `
  window.__frames = [];
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => window.__frames.push(String(e.data)));
    }
  };
`;
const INJECT_INLINE = `(() => {
  const s = document.createElement('script');
  s.textContent = 'window.__inline = 1';
  document.body.append(s);
  return window.__inline ?? null;
})()`;

it('script in a player’s name or chat line does not run; the name shows as typed; the CSP holds', async () => {
  const game = await createGame(env.server.url, { scenario: 'classroom-4', rounds: 2 });
  const names = { hillton: '<img src=x onerror="window.__pwned=1">', seaport: '<script>window.__pwned=2</script>' };
  for (const [city, name] of Object.entries(names)) people.push((await RoomClient.join(env.server.host, game.code, name, city)).client);

  const { page } = await env.tb.person();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(WATCH);
  const response = await page.goto(`${env.server.url}/host/${game.code}#k=${game.hostToken}`);
  expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");
  // The host console's seat table: each player's name, then "(online)".
  for (const [city, name] of Object.entries(names)) {
    const cell = page.locator(`tr[data-city="${city}"] .player`).first();
    await expect.poll(() => cell.textContent()).toMatch(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(`));
  }

  // The host console's chat shows the line as the text it is.
  const line = '<img src=y onerror="window.__pwned=3"><script>window.__pwned=4</script>';
  people[0]!.send({ type: 'chat', text: line, to: null });
  // Polled from outside the page: waitForFunction re-evaluates its string inside the page,
  // which the page's CSP (no 'unsafe-eval') refuses whenever the frame is not there at once.
  await expect.poll(() => page.evaluate(`window.__frames.some((f) => f.includes('"type":"chat"') && f.includes(${JSON.stringify(JSON.stringify(line).slice(1, -1))}))`)).toBe(true);
  await expect.poll(() => page.locator('.chat-text').last().textContent()).toBe(line);
  expect(await page.locator('table.seats img, table.seats script, .chat-log img, .chat-log script').count()).toBe(0);

  // The app ran under its policy without a violation; an inline script is refused.
  expect(await page.evaluate('window.__violations')).toEqual([]);
  expect(await page.evaluate(INJECT_INLINE)).toBeNull();
  expect(await page.evaluate(`window.__violations.some((v) => v.startsWith('script-src'))`)).toBe(true);

  expect(await page.evaluate('window.__pwned ?? null')).toBeNull();
  expect(dialogs).toEqual([]);
  await env.tb.shot(page, 'host-hostile-names');
});
