/**
 * Issue 12, the public routes and the rooms' door, against a real `wrangler dev`: a stranger
 * with no code cannot take the service down or find rooms by trying, and cannot lock out a
 * host. Two servers: one in local mode as `npm start` runs it (no client header trusted),
 * one acting as the platform (ENCLAVE_LOCAL=0), where CF-Connecting-IP is the client address.
 *
 * The figures the report quotes are printed ([strangers] lines): medians over several runs.
 */
import { readdirSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noDecisions } from '../../core/protocol/decisions';
import { API_HEADERS } from '../../worker/headers';
import { craftedRecord } from '../support/crafted';
import { startDevServer, type DevServer } from '../support/dev-server';
import { makeRecord } from '../support/record';
import { RoomClient, createGame } from '../support/room-client';

const GUARD_LIMIT = 20;
let local: DevServer;
let platform: DevServer;

beforeAll(async () => {
  [local, platform] = await Promise.all([
    startDevServer({ vars: { JOIN_GUARD_LIMIT: String(GUARD_LIMIT), JOIN_GUARD_WINDOW_SECONDS: '600' } }),
    startDevServer({ vars: { ENCLAVE_LOCAL: '0', JOIN_GUARD_LIMIT: '5', JOIN_GUARD_WINDOW_SECONDS: '600' } }),
  ]);
}, 180_000);

afterAll(async () => {
  await Promise.all([local?.stop(), platform?.stop()]);
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const report = (line: string) => console.log(`[strangers] ${line}`);

async function timed(run: () => Promise<Response>): Promise<{ ms: number; res: Response; text: string }> {
  const t0 = performance.now();
  const res = await run();
  const text = await res.text();
  return { ms: performance.now() - t0, res, text };
}

const postJson = (server: DevServer, path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

/**
 * POST a big body and take the answer as soon as it comes: the server may answer (413) and
 * close before it has read everything, which fetch reports as a failed write.
 */
function postBig(server: DevServer, path: string, body: string): Promise<{ ms: number; status: number; text: string }> {
  const t0 = performance.now();
  const bytes = Buffer.from(body);
  return new Promise((resolve, reject) => {
    // Chunked, with no Content-Length: the server must count what arrives.
    const req = httpRequest(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += String(d)));
      res.on('end', () => resolve({ ms: performance.now() - t0, status: res.statusCode!, text }));
    });
    let answered = false;
    req.on('response', () => (answered = true));
    // A write can fail once the server has answered and stopped reading; the answer still comes.
    req.on('error', (err) => setTimeout(() => (answered ? undefined : reject(new Error(`no answer after the connection failed: ${err.message}`))), 5000));
    // In pieces, heeding backpressure, so an early answer is read before the server hangs up.
    let at = 0;
    const pump = () => {
      while (at < bytes.length && !answered) {
        const piece = bytes.subarray(at, (at += 256 * 1024));
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

/** The local rate limiter counts in fixed windows aligned to the minute: start a burst early in one. */
async function freshWindow(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 30_000) await new Promise((r) => setTimeout(r, left + 200));
}

/** A random code that no game has (a clash with one of the few games here is ~10^-8). */
const missingCode = (_i: number) => Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'[b % 32]).join('');

/** How a connection to a code was answered: let through (the "no game" frame), refused (HTTP status), or admitted (a view). */
async function knock(server: DevServer, code: string, options: { ip?: string; token?: string } = {}): Promise<'missed' | 'admitted' | number> {
  try {
    const client = await RoomClient.open(server.host, code, options);
    const admitted = client.messages.some((m) => m.type === 'view');
    client.close();
    return admitted ? 'admitted' : 'missed';
  } catch (err) {
    const status = /^HTTP (\d+)/.exec(String((err as Error).message))?.[1];
    if (!status) throw err;
    return Number(status);
  }
}

/** Game Durable Objects the server keeps on disk (one SQLite file each). */
function gameObjects(server: DevServer): number {
  let count = 0;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (dir.includes('Game') && name.endsWith('.sqlite')) count++;
    }
  };
  walk(server.persist);
  return count;
}

describe('the model routes, bounded', () => {
  it('refuse the crafted replay of issue 12 at once, and the service stays healthy', { timeout: 180_000 }, async () => {
    // Valid against the schema, both: 250 parks and 80 rounds, about the 1.9 MB (over
    // the round limit); 250 parks and 20 rounds (within it, over the work budget). The issue's
    // 1,000 rounds are 11.7 MB here, over the byte limit: the streamed body test below.
    const cases = [
      { body: JSON.stringify(craftedRecord(250, 80)), field: 'record.rounds', rule: /must list at most 30 rounds/ },
      { body: JSON.stringify(craftedRecord(250, 20)), field: 'record.rounds', rule: /too much model work/ },
    ];
    const refusals: number[] = [];
    for (const { body, field, rule } of cases) {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const { ms, status, text } = await postBig(local, '/api/replay', body);
        expect(status, text).toBe(413);
        expect(JSON.parse(text).error).toMatchObject({ field, rule: expect.stringMatching(rule) });
        times.push(ms);
      }
      report(`replay of ${(body.length / 1e6).toFixed(2)} MB refused (${field}: ${rule.source}): median ${median(times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`);
      refusals.push(median(times));
    }
    expect(Math.max(...refusals)).toBeLessThan(1500);
    const health: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { ms, res } = await timed(() => fetch(`${local.url}/api/health`));
      expect(res.status).toBe(200);
      health.push(ms);
    }
    report(`/api/health after the attack: median ${median(health).toFixed(0)} ms`);
    expect(median(health)).toBeLessThan(500);
  });

  it('still replay a long recorded game quickly', { timeout: 60_000 }, async () => {
    const body = JSON.stringify(makeRecord({ rounds: 12 }));
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { ms, res, text } = await timed(() => postJson(local, '/api/replay', body));
      expect(res.status, text).toBe(200);
      expect(JSON.parse(text)).toEqual({ match: true, rounds: 12 });
      times.push(ms);
    }
    report(`replay of a 12-round classroom game (${(body.length / 1e3).toFixed(0)} KB): median ${median(times).toFixed(0)} ms`);
    expect(median(times)).toBeLessThan(2000);
  });

  it('cut off a streamed body at the byte limit instead of reading it all', { timeout: 60_000 }, async () => {
    // 50 MB of JSON whitespace, chunked (no Content-Length), as fast as the server takes it.
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    let sent = 0;
    const t0 = performance.now();
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(`${local.url}/api/replay`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += String(d)));
        res.on('end', () => resolve({ status: res.statusCode!, text }));
      });
      // The server may also reset the connection once it has answered and stopped reading (the
      // socket errors before the answer is read): that too is the upload cut off, so it ends
      // the wait with status 0. Past the whole body, an error is a failure.
      req.on('error', (err: NodeJS.ErrnoException) => (sent >= 50e6 ? reject(err) : resolve({ status: 0, text: err.code ?? err.message })));
      // And wrangler dev's proxy may hold the answer until the upload ends while nobody reads
      // it any more: the upload then stalls. Ten seconds without the server taking a byte, on
      // loopback, is the upload cut off too (status -1); the byte counts below say where.
      let stall: ReturnType<typeof setTimeout> | undefined;
      const stalled = () => {
        clearTimeout(stall);
        stall = setTimeout(() => {
          req.destroy();
          resolve({ status: -1, text: 'stalled' });
        }, 10_000);
      };
      req.on('response', () => clearTimeout(stall));
      req.on('close', () => clearTimeout(stall));
      const pump = () => {
        while (sent < 50e6 && !req.destroyed) {
          sent += chunk.length;
          if (!req.write(chunk)) {
            stalled();
            return void req.once('drain', pump);
          }
        }
        clearTimeout(stall);
        if (!req.destroyed) req.end();
      };
      pump();
    });
    report(`streamed body cut off: ${answer.status} after ${(sent / 1e6).toFixed(1)} MB sent, ${(performance.now() - t0).toFixed(0)} ms`);
    // The Worker answers 413 and stops reading. wrangler dev's own proxy sometimes reports the
    // early end of the upload as "Your worker restarted mid-request" (503) instead of passing
    // the 413 on; either way the upload was cut off long before its end.
    if (answer.status === 503) expect(answer.text).toMatch(/restarted mid-request/);
    else if (answer.status === 0) expect(answer.text).toMatch(/^(ECONNRESET|EPIPE)$/);
    else if (answer.status === -1) expect(answer.text).toBe('stalled');
    else expect(JSON.parse(answer.text)).toMatchObject({ error: { field: '(body)', rule: 'must be at most 5000000 bytes' } });
    expect([413, 503, 0, -1]).toContain(answer.status);
    // Read up to its limit (5 MB) and not much past it: a server that read everything would take all 50 MB.
    expect(sent).toBeLessThan(50e6);
    expect((await fetch(`${local.url}/api/health`)).status).toBe(200);
  });
});

describe('per-client limits', () => {
  it('refuse the 11th game one address creates in a minute with 429 and Retry-After, and nobody else', { timeout: 60_000 }, async () => {
    await freshWindow();
    const create = (ip: string) => postJson(platform, '/api/games', JSON.stringify({ settings: { scenario: 'classroom-4' } }), { 'cf-connecting-ip': ip });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await create('192.0.2.10')).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(201));
    const refused = await create('192.0.2.10');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect((await refused.json()) as unknown).toMatchObject({ error: { field: '(rate)', rule: 'too many new games from this address; try again in 60 s' } });
    for (const [name, value] of Object.entries(API_HEADERS)) expect(refused.headers.get(name), name).toBe(value);
    expect((await create('192.0.2.11')).status).toBe(201);
  });

  it('refuse the 31st model run one address asks for in a minute, and not the rooms', { timeout: 60_000 }, async () => {
    const body = JSON.stringify(makeRecord({ rounds: 1 }));
    await freshWindow();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await postJson(platform, '/api/replay', body, { 'cf-connecting-ip': '192.0.2.20' })).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    expect(statuses.at(-1)).toBe(429);
    // The rooms' own resolve goes through their entrypoint: a game from that address still resolves.
    const game = await createGame(platform.url, { scenario: 'classroom-4', rounds: 1, roundSeconds: 600 });
    const host = await RoomClient.open(platform.host, game.code, { token: game.hostToken, ip: '192.0.2.20' });
    const { client: ana } = await RoomClient.join(platform.host, game.code, 'Ana', 'hillton');
    host.send({ type: 'start' });
    await ana.view((v) => v.phase === 'playing');
    ana.send({ type: 'submit', decisions: noDecisions(1) });
    expect((await host.view((v) => v.phase === 'finished', 30_000)).resolved).toBe(1);
    host.close();
    ana.close();
  });
});

describe('the rooms’ door', () => {
  it('lets exactly the limit of 200 concurrent misses through, whatever CF-Connecting-IP they forge, and leaves no Game object behind', { timeout: 120_000 }, async () => {
    const game = await createGame(local.url, { scenario: 'classroom-4' });
    const objectsBefore = gameObjects(local);
    const t0 = performance.now();
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => knock(local, missingCode(i), { ip: `198.51.100.${i % 250}` })));
    const through = answers.filter((a) => a === 'missed').length;
    const refused = answers.filter((a) => a === 429).length;
    report(`200 concurrent misses, forged addresses, limit ${GUARD_LIMIT}: ${through} let through, ${refused} refused 429, in ${(performance.now() - t0).toFixed(0)} ms`);
    expect(through).toBe(GUARD_LIMIT);
    expect(refused).toBe(200 - GUARD_LIMIT);
    expect(gameObjects(local)).toBe(objectsBefore);
    // The guard is full, and the host (and anyone with the code) is still admitted.
    expect(await knock(local, missingCode(999))).toBe(429);
    expect(await knock(local, game.code, { token: game.hostToken, ip: '127.0.0.1' })).toBe('admitted');
    expect(await knock(local, game.code)).toBe('admitted');
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      expect(await knock(local, missingCode(1000 + i))).toBe(429);
      times.push(performance.now() - t);
    }
    report(`a refused miss: median ${median(times).toFixed(0)} ms`);
  });

  it('as the platform: counts misses per address, and never refuses an existing room to that address', { timeout: 60_000 }, async () => {
    const game = await createGame(platform.url, { scenario: 'classroom-4' }, undefined);
    const guesser = '203.0.113.7';
    for (let i = 0; i < 5; i++) expect(await knock(platform, missingCode(2000 + i), { ip: guesser })).toBe('missed');
    expect(await knock(platform, missingCode(2010), { ip: guesser })).toBe(429);
    expect(await knock(platform, missingCode(2011), { ip: '203.0.113.8' })).toBe('missed');
    // A school NAT with five typos: the host and the class behind it still get in.
    expect(await knock(platform, game.code, { token: game.hostToken, ip: guesser })).toBe('admitted');
    expect(await knock(platform, game.code, { ip: guesser })).toBe('admitted');
  });

  it('answers what is not a WebSocket GET to a room with a JSON 4xx and the security headers', async () => {
    const upgradePost = await new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
      const req = httpRequest(`${local.url}/parties/game/ABCDEF`, {
        method: 'POST',
        headers: { upgrade: 'websocket', connection: 'Upgrade', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', 'sec-websocket-version': '13', 'content-type': 'application/json' },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += String(d)));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      });
      req.on('upgrade', (res, socket) => {
        socket.destroy();
        resolve({ status: res.statusCode!, headers: res.headers, body: '' });
      });
      req.on('error', reject);
      req.end('{"type":"hello"}');
    });
    // The Worker refuses a non-GET upgrade (405); wrangler dev's proxy may hand it on as a
    // WebSocket GET, which this full guard then refuses (429). Never an internal error.
    expect([405, 429]).toContain(upgradePost.status);
    expect(JSON.parse(upgradePost.body).error).toMatchObject({ field: expect.any(String), rule: expect.any(String) });
    for (const [name, value] of Object.entries(API_HEADERS)) expect(upgradePost.headers[name], name).toBe(value);
    for (const path of ['/parties/Game/X', '/parties/Game/ABCDEF', '/parties/join-guard/ABCDEF', '/parties/game/ABCDEF/more', '/parties/']) {
      const res = await fetch(`${local.url}${path}`, { headers: { upgrade: 'websocket' } }).catch(() => fetch(`${local.url}${path}`));
      expect(res.status, path).toBe(404);
      for (const [name, value] of Object.entries(API_HEADERS)) expect(res.headers.get(name), `${path} ${name}`).toBe(value);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/json/);
    }
    expect(local.log()).not.toMatch(/api error|room error|Uncaught/);
  });
});
