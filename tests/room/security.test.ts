/**
 * The security review's claims against a real `wrangler dev` (docs/security.md): the client's
 * static assets come with a Content-Security-Policy and the other headers (from the _headers
 * file, as Workers static assets apply it), the API with its own and no CORS, generated
 * requests over HTTP find no internal error and change nothing, and no token or token hash
 * reaches any client but its holder, the archived record, or the server's log.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noDecisions } from '../../core/protocol/decisions';
import { sha256 } from '../../core/protocol/tokens';
import { API_HEADERS } from '../../worker/headers';
import { initialState } from '../../core/model';
import { startDevServer, type DevServer } from '../support/dev-server';
import { problems, requests, type HttpContext } from '../support/http-fuzz';
import { decisionsFor, scenario } from '../support/model';
import { RoomClient, seatGame } from '../support/room-client';
import type { Json } from '../support/fuzz';

let server: DevServer;
let game: { code: string; hostToken: string };
let gameId: string;
let shareToken: string;
const clients: Record<string, RoomClient> = {};
const seatTokens: Record<string, string> = {};

/** The policy the _headers file gives every page and asset of the client. */
const CSP = /^\s+Content-Security-Policy: (.+)$/m.exec(readFileSync(new URL('../../scripts/_headers', import.meta.url), 'utf8'))![1]!;

beforeAll(async () => {
  server = await startDevServer();
  const room = await seatGame(server, { scenario: 'classroom-4', rounds: 1, roundSeconds: 600, seed: 2 }, [['Ana', 'hillton'], ['Ben', 'seaport']]);
  game = room.game;
  Object.assign(clients, room.seats, { host: room.host, projector: room.projector });
  Object.assign(seatTokens, room.tokens);
  room.host.send({ type: 'start' });
  await room.seats.Ana!.view((v) => v.phase === 'playing');
  room.seats.Ana!.send({ type: 'chat', text: 'hello from Ana', to: null });
  for (const name of ['Ana', 'Ben']) room.seats[name]!.send({ type: 'submit', decisions: { ...noDecisions(1), subsidies: { talent: 0.1, startups: 0, capital: 0 } } });
  const stored = await room.host.view((v) => v.archive?.status === 'stored', 30_000);
  gameId = stored.archive!.id!;
  const share = await fetch(`${server.url}/api/archive/games/${gameId}/shares`, { method: 'POST', headers: { authorization: `Bearer ${game.hostToken}`, 'content-type': 'application/json' }, body: '{}' });
  expect(share.status).toBe(201);
  shareToken = ((await share.json()) as { token: string }).token;
});

afterAll(async () => {
  for (const c of Object.values(clients)) c.close();
  await server?.stop();
});

describe('headers', () => {
  it('serve the client with a CSP that allows its own scripts and WebSocket but no inline script, and no framing or sniffing', async () => {
    const index = await (await fetch(`${server.url}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index)![1]!;
    expect(CSP).toContain("script-src 'self';");
    expect(CSP).toContain("connect-src 'self';");
    expect(CSP).not.toMatch(/script-src[^;]*unsafe-inline/);
    // The page, a client route the single-page fallback serves, a script and an icon.
    for (const path of ['/', `/host/${game.code}`, script, '/favicon.svg']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-security-policy'), path).toBe(CSP);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });

  it('give every API answer its headers and no CORS, whatever the origin asks', async () => {
    const evil = { origin: 'https://evil.example' };
    const preflight = await fetch(`${server.url}/api/archive/games`, { method: 'OPTIONS', headers: { ...evil, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    const read = await fetch(`${server.url}/api/archive/games`, { headers: { ...evil, authorization: `Bearer ${game.hostToken}` } });
    const health = await fetch(`${server.url}/api/health`, { headers: evil });
    const door = await fetch(`${server.url}/parties/game/${game.code}`); // not a WebSocket
    for (const res of [preflight, read, health, door]) {
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      for (const [name, value] of Object.entries(API_HEADERS)) expect(res.headers.get(name), name).toBe(value);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    }
    expect(preflight.status).toBe(404);
    expect(door.status).toBe(404);
    // A form post from another site is refused before anything is read.
    const form = await fetch(`${server.url}/api/games`, { method: 'POST', headers: { ...evil, 'content-type': 'application/x-www-form-urlencoded' }, body: 'settings=1' });
    expect(form.status).toBe(415);
  });
});

describe('generated requests over HTTP', () => {
  it('find no internal error and a reason for every refusal, and leave the archive as it was', { timeout: 120_000 }, async () => {
    const s = scenario();
    const state = initialState(s, { seed: 3 });
    const record = await (await fetch(`${server.url}/api/archive/games/${gameId}`, { headers: { authorization: `Bearer ${game.hostToken}` } })).text();
    const ctx: HttpContext = {
      hostToken: game.hostToken,
      gameId,
      shareToken,
      resolve: { state, decisions: decisionsFor(s, state, () => ({})) } as unknown as Json,
      createGame: { settings: { scenario: 'classroom-4', rounds: 2 } },
      record: JSON.parse(record) as Json,
    };
    // What the archive holds, as its host reads it: the games, this game's record and its share links.
    const host = { authorization: `Bearer ${game.hostToken}` };
    const holdings = async () => Promise.all(['', `/${gameId}`, `/${gameId}/shares`].map(async (p) => (await fetch(`${server.url}/api/archive/games${p}`, { headers: host })).text()));
    const before = await holdings();
    const wrong: { label: string; status: number; issues: string[] }[] = [];
    for (const req of requests(ctx, 150, 77)) {
      const res = await fetch(`${server.url}${req.path}`, { method: req.method, headers: req.headers, ...(req.body !== undefined ? { body: req.body } : {}) });
      const issues = problems(req, { status: res.status, headers: res.headers, text: await res.text() });
      if (issues.length) wrong.push({ label: req.label, status: res.status, issues });
    }
    expect(wrong.slice(0, 8)).toEqual([]);
    expect(await holdings()).toEqual(before);
    expect(before[1]).toBe(record);
    expect(server.log()).not.toMatch(/api error|room error/);
  });
});

describe('secrets', () => {
  it('no token or token hash reaches a client but its holder, the archived record, or the log', async () => {
    const secrets: Record<string, string> = { host: game.hostToken, Ana: seatTokens.Ana!, Ben: seatTokens.Ben! };
    for (const [who, token] of Object.entries(secrets)) secrets[`${who} hash`] = await sha256(token);
    const record = await (await fetch(`${server.url}/api/archive/games/${gameId}`, { headers: { authorization: `Bearer ${game.hostToken}` } })).text();
    const shared = await (await fetch(`${server.url}/api/shared/${shareToken}`)).text();
    const log = server.log();
    for (const [who, secret] of Object.entries(secrets)) {
      for (const [name, client] of Object.entries(clients)) {
        // The one frame allowed to hold a seat token: `joined`, to the person it belongs to.
        const frames = client.frames.filter((f) => !(name === who && f.startsWith('{"type":"joined"')));
        expect(frames.some((f) => f.includes(secret)), `${who}'s secret in a frame to ${name}`).toBe(false);
      }
      expect(record.includes(secret), `${who}'s secret in the record`).toBe(false);
      expect(shared.includes(secret), `${who}'s secret through the share link`).toBe(false);
      expect(log.includes(secret), `${who}'s secret in the log`).toBe(false);
    }
    // Each seat's token did reach its holder, once: the check above looked at real traffic.
    expect(clients.Ana!.frames.filter((f) => f.includes(seatTokens.Ana!))).toHaveLength(1);
  });
});
