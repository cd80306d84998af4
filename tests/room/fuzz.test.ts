/**
 * Bad input at a room in the middle of a game, against a real `wrangler dev`: more than
 * 10,000 generated messages (tests/support/fuzz.ts, fixed seed) from spectators, extra tabs
 * of two seats, extra host tabs and connections that never said hello. Every one is refused
 * by construction: junk and non-JSON, binary and oversized frames, valid messages bent at one
 * place (wrong types, huge, negative and fractional numbers, NaN and Infinity as text,
 * unknown fields, oversized strings, HTML and script), forged tokens, stale rounds, unknown
 * deals, members, cities and events, and every action from a role that may not take it.
 * Proven: each gets exactly one refusal naming a field and a rule (the changed field, for a
 * bent message) with a code of the catalogue whose English the rule is, nothing is an internal error, the room logs no error, no other client hears
 * of anything, and the room's snapshot is byte for byte what it was. Then valid messages
 * carrying hostile text change the room exactly as much as they should, and keep the text as typed.
 */
import { MAX_DEAL_NUMBER } from '../../core/deals';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_STRATEGIES } from '../../core/bots';
import { noDecisions, type Decisions } from '../../core/protocol/decisions';
import type { DealTerms } from '../../core/protocol/deals';
import { PROTOCOL_VERSION, MAX_MESSAGE_CHARS, clientMessageSchema } from '../../core/protocol/room';
import { englishOf, isRefusalCode } from '../../core/protocol/refusals-english';
import { checkJson } from '../../core/protocol/validate';
import { BURST, RATE_PER_SECOND } from '../../party/limits';
import { HOST_CONNECTIONS, SEAT_CONNECTIONS } from '../../party/persons';
import { startDevServer, type DevServer } from '../support/dev-server';
import { HOSTILE_TEXT, junk, mutations, namesThePlace, sample, type Json } from '../support/fuzz';
import { RoomClient, seatGame, type ErrorMessage } from '../support/room-client';

const SEED = 20261128;
/**
 * Connections of each kind, and messages each sends: 243 × 42 = 10,206. A seat token opens at
 * most 4 connections and the host 8 (party/persons.ts): each observer holds one, the fuzz the rest.
 */
const KINDS = { spectator: 200, ana: SEAT_CONNECTIONS - 1, ben: SEAT_CONNECTIONS - 1, host: HOST_CONNECTIONS - 1, silent: 30 } as const;
const PER_CONNECTION = 42;
type Kind = keyof typeof KINDS;

let server: DevServer;
let game: { code: string; hostToken: string };
let host: RoomClient;
let ana: RoomClient; // hillton
let ben: RoomClient; // seaport
let projector: RoomClient;
let tokens: Record<string, string>;

const CITIES = ['metropolis', 'rivertown', 'hillton', 'seaport'];
const decisions = (round: number): Decisions => ({ ...noDecisions(round), subsidies: { talent: 0.1, startups: 0.05, capital: 0 } });
const park: DealTerms = { kind: 'park', sponsor: 'hillton', host: 'metropolis', landQuota: 1, space: 1, mode: 'mixed', statsShare: 0.5, taxShare: 0.5 };

/** One message to send and what must come back: a refusal (its field, when it is known beforehand). */
interface Probe {
  frame: string | Buffer;
  label: string;
  /** The place a bent message was bent, which the refusal must name. */
  path?: string;
  field?: string | RegExp;
}

const text = (m: Json) => JSON.stringify(m);
/** A lowercase id that is none of the game's cities. */
const strangerId = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/).filter((s) => !CITIES.includes(s) && !(BOT_STRATEGIES as readonly string[]).includes(s));
const staleRound = fc.integer({ min: 2, max: 1000 });
// Deal numbers are a permutation of 1..MAX_DEAL_NUMBER (core/deals/ids.ts): above it no deal can exist.
const unknownDeal = fc.integer({ min: MAX_DEAL_NUMBER + 1, max: 99_999_999 }).map((n) => `d${n}`);
const unknownMember = fc.integer({ min: 100, max: 999_999 }).map((n) => `m${n}`);
const hostileName = fc.constantFrom(...HOSTILE_TEXT.filter((t) => !/[\u0000-\u001f\u202e]/.test(t)).map((t) => t.slice(0, 40)));

const hostActions = (round: number): Json[] => [
  { type: 'start' },
  { type: 'pause' },
  { type: 'resume' },
  { type: 'extend', round, seconds: 30 },
  { type: 'close-round', round },
  { type: 'continue', round },
  { type: 'stage', step: 1 },
  { type: 'end-game' },
  { type: 'retry', round },
  { type: 'save' },
  { type: 'assign', member: 'm3', city: 'seaport' },
  { type: 'kick', member: 'm1' },
  { type: 'lock', city: 'hillton', locked: true },
  { type: 'bot', city: 'seaport', strategy: 'frugal' },
  { type: 'mute', city: 'hillton', muted: true },
  { type: 'event', event: 'rail-seaport' },
  { type: 'cancel-event', event: 'downturn' },
];
const seatActions: Json[] = [
  { type: 'draft', decisions: decisions(1) },
  { type: 'submit', decisions: decisions(1) },
  { type: 'propose', terms: park },
  { type: 'accept', deal: 'd1' },
  { type: 'reject', deal: 'd1' },
  { type: 'chat', text: 'hi', to: null },
  { type: 'leave' },
];

/** A valid message of every type, to bend (the bent ones the protocol refuses are sent). */
const TEMPLATES: Json[] = [
  { type: 'hello', protocol: PROTOCOL_VERSION, token: 'a'.repeat(32) },
  { type: 'join', name: 'Zoe', city: null, team: false },
  { type: 'draft', decisions: { ...decisions(1), parkSubsidies: { 'park-hillton-metropolis': { talent: 0.1, startups: 0, capital: 0 } } } },
  { type: 'propose', terms: { kind: 'platform', members: ['hillton', 'seaport'], subsidyCap: 0.3, techTrading: true } },
  { type: 'propose', terms: { kind: 'corridor', members: ['metropolis', 'hillton'] } },
  { type: 'counter', deal: 'd1', terms: { kind: 'cooperation-zone', members: ['hillton', 'seaport'] } },
  { type: 'withdraw', deal: 'd1' },
  { type: 'chat', text: 'hello', to: 'seaport' },
  ...hostActions(1),
  ...seatActions,
];

/** Bent messages the protocol refuses: checked against the schema, so none slips through valid. */
const bent: fc.Arbitrary<Probe> = fc
  .constantFrom(...TEMPLATES)
  .chain((t) => mutations(t))
  .map((m) => ({ frame: text(m.value), label: `bent ${m.how} at ${m.path}`, path: m.path }))
  .filter((p) => !checkJson(clientMessageSchema, p.frame as string).ok && (p.frame as string).length <= MAX_MESSAGE_CHARS);

const junkProbe: fc.Arbitrary<Probe> = junk
  .filter((s) => !checkJson(clientMessageSchema, s).ok)
  .map((s) => ({ frame: s, label: `junk ${JSON.stringify(s).slice(0, 40)}` }));

const oversized: fc.Arbitrary<Probe> = fc.oneof(
  fc.integer({ min: MAX_MESSAGE_CHARS + 1, max: 40_000 }).map((n) => ({ frame: 'x'.repeat(n), label: `${n} characters of junk`, field: '(message)' })),
  fc.integer({ min: MAX_MESSAGE_CHARS, max: 30_000 }).map((n) => ({ frame: text({ type: 'chat', text: '<b>'.repeat(n / 3), to: null }), label: 'a huge chat line', field: '(message)' })),
);

const binary: fc.Arbitrary<Probe> = fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => ({ frame: Buffer.from(b), label: 'a binary frame', field: '(message)' }));

/** Valid messages the rules must refuse for this kind of connection now (round 1, playing). */
function ruled(kind: Kind): fc.Arbitrary<Probe> {
  const role = (m: Json): Probe => ({ frame: text(m), label: `${kind}: ${(m as { type: string }).type}`, field: '(role)' });
  switch (kind) {
    case 'silent':
      return fc.constantFrom(...TEMPLATES.slice(1)).map((m) => ({ frame: text(m), label: 'before hello', field: '(message)' }));
    case 'spectator':
      return fc.oneof(
        fc.constantFrom(...hostActions(1), ...seatActions).map(role),
        fc.tuple(hostileName, strangerId).map(([name, city]) => ({ frame: text({ type: 'join', name, city, team: false }), label: 'join a city that is not in the game', field: 'city' })),
        fc.constantFrom('metropolis', 'rivertown').map((city) => ({ frame: text({ type: 'join', name: 'Zoe', city, team: true }), label: 'join a bot’s seat', field: 'city' })),
        fc.constantFrom('hillton', 'seaport').map((city) => ({ frame: text({ type: 'join', name: 'Zoe', city, team: false }), label: 'join a taken seat', field: 'city' })),
        fc.stringMatching(/^[0-9a-f]{32}$/).map((token) => ({ frame: text({ type: 'hello', protocol: PROTOCOL_VERSION, token }), label: 'a forged token', field: 'token' })),
        fc.integer({ min: -5, max: 10 }).filter((p) => p !== PROTOCOL_VERSION).map((protocol) => ({ frame: text({ type: 'hello', protocol }), label: 'an old protocol', field: 'protocol' })),
      );
    case 'ana':
    case 'ben': {
      const city = kind === 'ana' ? 'hillton' : 'seaport';
      return fc.oneof(
        fc.constantFrom(...hostActions(1)).map(role),
        fc.constant({ frame: text({ type: 'join', name: 'Again', city: null, team: false }), label: 'join twice', field: '(role)' }),
        fc.tuple(fc.constantFrom('draft', 'submit'), staleRound).map(([type, round]) => ({ frame: text({ type, decisions: decisions(round) }), label: `${type} for a stale round`, field: 'decisions.round' })),
        fc.constant({ frame: text({ type: 'submit', decisions: { ...decisions(1), land: { innovation: 1000, production: 1000 } } }), label: 'submit beyond the land quota', field: /^decisions\./ }),
        fc.tuple(fc.constantFrom('accept', 'reject', 'withdraw'), unknownDeal).map(([type, deal]) => ({ frame: text({ type, deal }), label: `${type} a deal that does not exist`, field: 'deal' })),
        unknownDeal.map((deal) => ({ frame: text({ type: 'counter', deal, terms: park }), label: 'counter a deal that does not exist', field: 'deal' })),
        strangerId.map((other) => ({ frame: text({ type: 'propose', terms: { kind: 'corridor', members: [city, other] } }), label: 'propose with a city not in the game', field: 'terms' })),
        strangerId.map((to) => ({ frame: text({ type: 'chat', text: 'psst', to }), label: 'chat to a city not in the game', field: 'to' })),
      );
    }
    case 'host':
      return fc.oneof(
        fc.constantFrom({ type: 'start' }, { type: 'resume' }).map((m) => ({ frame: text(m), label: `host: ${m.type} now`, field: '(phase)' })),
        fc.tuple(fc.constantFrom('extend', 'close-round'), staleRound).map(([type, round]) => ({ frame: text(type === 'extend' ? { type, round, seconds: 10 } : { type, round }), label: `${type} a stale round`, field: 'round' })),
        fc.integer({ min: 1, max: 1000 }).map((round) => ({ frame: text({ type: 'retry', round }), label: 'retry with nothing being resolved', field: '(phase)' })),
        fc.tuple(fc.constantFrom('assign', 'kick'), unknownMember).map(([type, member]) => ({ frame: text(type === 'assign' ? { type, member, city: 'seaport' } : { type, member }), label: `${type} nobody`, field: 'member' })),
        fc.tuple(fc.constantFrom('lock', 'mute', 'bot'), strangerId).map(([type, city]) => ({ frame: text(type === 'lock' ? { type, city, locked: true } : type === 'mute' ? { type, city, muted: true } : { type, city, strategy: 'frugal' }), label: `${type} a city not in the game`, field: 'city' })),
        strangerId.map((strategy) => ({ frame: text({ type: 'bot', city: 'hillton', strategy }), label: 'a bot strategy that does not exist', field: 'strategy' })),
        fc.oneof(strangerId.map((event) => ({ type: 'event', event })), fc.constant({ type: 'event', event: 'downturn' }), fc.constant({ type: 'cancel-event', event: 'rail-seaport' })).map((m) => ({ frame: text(m), label: `${m.type} ${m.event}`, field: 'event' })),
        fc.constantFrom(...seatActions.filter((m) => (m as { type: string }).type !== 'chat')).map(role),
        fc.constant({ frame: text({ type: 'join', name: 'Hosta', city: null, team: false }), label: 'the host joins', field: '(role)' }),
        strangerId.map((to) => ({ frame: text({ type: 'chat', text: 'psst', to }), label: 'chat to a city not in the game', field: 'to' })),
      );
  }
}

function probesFor(kind: Kind, index: number): Probe[] {
  const arb = fc.oneof(
    { weight: 35, arbitrary: bent },
    { weight: 20, arbitrary: junkProbe },
    { weight: 35, arbitrary: ruled(kind) },
    { weight: 5, arbitrary: oversized },
    { weight: 5, arbitrary: binary },
  );
  return sample(arb, PER_CONNECTION, SEED + index * 7919 + kind.length);
}

/**
 * Send each probe and wait for its refusal, paced under the room's rate limit, which is per
 * person: `share` connections of one token (or the host) spend one bucket together.
 */
async function fire(client: RoomClient, probes: Probe[], share: number): Promise<{ probe: Probe; error: ErrorMessage }[]> {
  const burst = Math.floor((BURST - 5) / share);
  const interval = (1000 * share) / (RATE_PER_SECOND - 2);
  const out: { probe: Probe; error: ErrorMessage }[] = [];
  const start = Date.now();
  for (const [i, probe] of probes.entries()) {
    if (i >= burst) {
      const due = start + (i - burst + 1) * interval;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    }
    client.send(probe.frame);
    try {
      out.push({ probe, error: await client.next<ErrorMessage>((m) => m.type === 'error', 20_000) });
    } catch (err) {
      throw new Error(`no refusal for ${probe.label}: ${String(probe.frame).slice(0, 200)}\n${String(err)}`);
    }
  }
  return out;
}

async function open(kind: Kind): Promise<RoomClient> {
  switch (kind) {
    case 'silent':
      return RoomClient.open(server.host, game.code, { silent: true });
    case 'spectator':
      return RoomClient.open(server.host, game.code);
    case 'ana':
      return RoomClient.open(server.host, game.code, tokens.Ana);
    case 'ben':
      return RoomClient.open(server.host, game.code, tokens.Ben);
    case 'host':
      return RoomClient.open(server.host, game.code, game.hostToken);
  }
}

beforeAll(async () => {
  server = await startDevServer();
  const room = await seatGame(server, { scenario: 'classroom-4', rounds: 3, roundSeconds: 3600, seed: 8, bots: true }, [['Ana', 'hillton'], ['Ben', 'seaport'], ['Eve', null]]);
  ({ game, host, projector, tokens } = room);
  ana = room.seats.Ana!;
  ben = room.seats.Ben!;
  room.seats.Eve!.close(); // Eve waits for a city, offline
  // Mid-game: round 1 open, a draft, a deal between the two seats, an event, a chat line.
  host.send({ type: 'start' });
  await ana.view((v) => v.phase === 'playing');
  ana.send({ type: 'draft', decisions: decisions(1) });
  ana.send({ type: 'propose', terms: { kind: 'platform', members: ['hillton', 'seaport'], subsidyCap: 0.3, techTrading: true } });
  host.send({ type: 'event', event: 'downturn' });
  ana.send({ type: 'chat', text: 'shall we cap subsidies?', to: null });
  await ben.view((v) => v.deals.some((d) => d.proposer === 'hillton') && v.events.pending.length === 1);
  await ben.until((m) => m.type === 'chat' && !m.snapshot);
});

afterAll(async () => {
  for (const c of [host, ana, ben, projector]) c?.close();
  await server?.stop();
});

describe('fuzzing a room mid-game', () => {
  it('refuses 10,000+ generated bad messages, each with a reason, without a change anyone hears of', { timeout: 180_000 }, async () => {
    const observers = [host, ana, ben, projector];
    await Promise.all(observers.map((c) => c.settle(200)));
    const before = await Promise.all([host.snapshot(game.hostToken), ana.snapshot(tokens.Ana), ben.snapshot(tokens.Ben), projector.snapshot()]);
    await Promise.all(observers.map((c) => c.settle(200)));
    const heard = observers.map((c) => c.messages.length);
    // No deal of the game may be one a probe names as unknown.
    expect(Math.max(...ben.latestView()!.deals.map((d) => Number(d.id.slice(1))))).toBeLessThanOrEqual(MAX_DEAL_NUMBER);

    const kinds = (Object.entries(KINDS) as [Kind, number][]).flatMap(([kind, n]) => Array.from({ length: n }, () => kind));
    const runs = [];
    // Connections open in batches; every connection then fires its probes at once with the others.
    const clients: RoomClient[] = [];
    for (let i = 0; i < kinds.length; i += 25) clients.push(...(await Promise.all(kinds.slice(i, i + 25).map(open))));
    for (const [i, client] of clients.entries()) runs.push(fire(client, probesFor(kinds[i]!, i), kinds[i] === 'spectator' || kinds[i] === 'silent' ? 1 : KINDS[kinds[i]!]));
    const answered = (await Promise.all(runs)).flat();
    for (const c of clients) c.close();

    expect(answered.length).toBeGreaterThanOrEqual(10_000);
    const wrong = answered.filter(({ probe, error }) => {
      if (!error.field || !error.rule) return true;
      // A code of the catalogue, said in English as `rule`, and never valibot's own words (core/protocol/refusals.ts).
      if (!isRefusalCode(error.code) || error.code === 'invalid' || englishOf(error.code, error.args as never) !== error.rule) return true;
      if (error.field === '(server)' || error.field === '(rate)') return true;
      if (probe.field instanceof RegExp) return !probe.field.test(error.field);
      if (probe.field !== undefined) return error.field !== probe.field;
      if (probe.path !== undefined) return !namesThePlace(error.field, probe.path);
      return false;
    });
    expect(wrong.slice(0, 8).map(({ probe, error }) => ({ label: probe.label, frame: String(probe.frame).slice(0, 160), error }))).toEqual([]);

    // Nobody else heard of anything, and the room is exactly as it was.
    await Promise.all(observers.map((c) => c.settle(300)));
    expect(observers.map((c) => c.messages.length)).toEqual(heard);
    const after = await Promise.all([host.snapshot(game.hostToken), ana.snapshot(tokens.Ana), ben.snapshot(tokens.Ben), projector.snapshot()]);
    expect(after).toEqual(before);
    expect(server.log()).not.toMatch(/room error|Uncaught|internal error/);
  });

  it('takes valid messages with hostile text, exactly as typed, and changes exactly that much', async () => {
    // Control and direction characters are refused (below); the rest is kept as typed, names
    // compatibility-normalised (NFKC: "𝕬𝖓𝖆" is "Ana").
    const typed = HOSTILE_TEXT.filter((t) => !/[\u0000-\u001f\u202e]/.test(t)).map((t) => t.slice(0, 40).trim());
    const names = typed.map((t) => t.normalize('NFKC'));
    const before = host.latestView()!.members!.length;
    const joiners: RoomClient[] = [];
    for (const name of typed) {
      const c = await RoomClient.open(server.host, game.code);
      c.send({ type: 'join', name, city: null, team: false });
      await c.next((m) => m.type === 'joined');
      joiners.push(c);
    }
    for (const line of typed) ana.send({ type: 'chat', text: line, to: null });
    const seen = await host.view((v) => v.members!.length === before + names.length);
    expect(seen.members!.slice(before).map((m) => m.name)).toEqual(names);
    await ben.next((m) => m.type === 'chat' && m.lines.some((l) => l.text === typed.at(-1)));
    expect(ben.chat().slice(-typed.length).map((l) => l.text)).toEqual(typed);
    // Control characters are refused, not stored.
    expect(await ana.refused({ type: 'chat', text: 'ring\u0007', to: null })).toMatchObject({ field: 'text', rule: 'must not contain control characters' });
    // Direction overrides make a line or a name read as something else; invisible characters
    // make two names that look alike differ; nobody may speak as the game's own voice.
    expect(await ana.refused({ type: 'chat', text: '\u202eevil', to: null })).toMatchObject({ field: 'text', rule: 'must not contain direction or C1 control characters' });
    const stranger = await RoomClient.open(server.host, game.code);
    for (const [name, rule] of <[string, string][]>[
      ['\u202eevil', 'must not contain direction or C1 control characters'],
      ['An\u200ba', 'must not contain invisible characters'],
      ['Ana\u0085', 'must not contain direction or C1 control characters'],
      ['Host', 'must not be a name the game uses for itself (such as Host)'],
      ['ＨＯＳＴ', 'must not be a name the game uses for itself (such as Host)'],
      ['主持人', 'must not be a name the game uses for itself (such as Host)'],
    ]) {
      expect(await stranger.refused({ type: 'join', name, city: null, team: false })).toMatchObject({ field: 'name', rule });
    }
    stranger.close();
    for (const c of joiners) c.close();
  });
});
