/**
 * The game room: one PartyServer Durable Object per game. A thin shell around the pure
 * rules in logic.ts: parse and check each message, apply the rule, persist, then send
 * every connection its own view. It never runs the flow model; it asks the worker's
 * resolve route over a service binding and treats that as a call that can fail.
 */
import { Server, type Connection, type WSMessage } from 'partyserver';
import { resolveResponseSchema } from '../core/protocol/api';
import { MAX_MESSAGE_CHARS, PROTOCOL_VERSION, clientMessageSchema, roomInitSchema, type ClientMessage, type ServerMessage } from '../core/protocol/room';
import type { RoundResult } from '../core/protocol/state';
import { check, checkJson, describe, type InputError } from '../core/protocol/validate';
import { getScenario } from '../core/scenarios';
import type { Env } from '../worker/env';
import * as rules from './logic';
import type { Actor, Outcome } from './logic';
import { RECORD_KEY, resultKey, type RoomRecord } from './record';
import { hashToken, newToken, sameHash } from './tokens';
import { buildView, viewKey } from './views';

/** What a connection is, kept on the socket so it survives hibernation (trap 1). */
type ConnectionState = Actor;

const SPECTATOR: Actor = { role: 'spectator', city: null };
const RESOLVE_TIMEOUT_MS = 20_000;

export class Game extends Server<Env> {
  static override options = { hibernate: true };

  private record: RoomRecord | null = null;
  private results: RoundResult[] = [];

  override async onStart(): Promise<void> {
    this.record = (await this.ctx.storage.get<RoomRecord>(RECORD_KEY)) ?? null;
    const stored = await this.ctx.storage.list<RoundResult>({ prefix: 'result:' });
    this.results = [...stored.values()];
  }

  override async onRequest(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (request.method === 'POST' && url.pathname === '/init') return this.init(request);
    return Response.json({ error: { field: '(path)', rule: 'rooms answer over WebSocket' } }, { status: 404 });
  }

  private async init(request: Request): Promise<Response> {
    if (this.record) return Response.json({ error: { field: '(room)', rule: 'already holds a game' } }, { status: 409 });
    const body = check(roomInitSchema, await request.json().catch(() => null));
    if (!body.ok) return Response.json({ error: body.error }, { status: 400 });
    const hostToken = newToken();
    const record: RoomRecord = {
      code: this.name,
      settings: body.value.settings,
      hostTokenHash: await hashToken(hostToken),
      seats: body.value.cities.map((city) => ({ city, player: null, tokenHash: null })),
      phase: 'lobby',
      round: 0,
      state: body.value.state,
      submissions: {},
      notice: null,
    };
    await this.ctx.storage.put(RECORD_KEY, record);
    this.record = record;
    return Response.json({ hostToken }, { status: 201 });
  }

  override onConnect(connection: Connection<ConnectionState>): void {
    if (!this.record) {
      this.send(connection, { type: 'error', field: 'code', rule: 'no game has this code', about: null });
      connection.close(4404, 'no such game');
      return;
    }
    connection.setState(SPECTATOR);
  }

  override async onMessage(connection: Connection<ConnectionState>, raw: WSMessage): Promise<void> {
    try {
      await this.handle(connection, raw);
    } catch (err) {
      // Nothing a client sends may take the room down; the record was not changed.
      console.error('room error', err);
      this.send(connection, { type: 'error', field: '(server)', rule: 'internal error; nothing was changed', about: null });
    }
  }

  override onClose(): void {
    // A seat's "connected" light changed.
    if (this.record) this.broadcastViews();
  }

  private async handle(connection: Connection<ConnectionState>, raw: WSMessage): Promise<void> {
    if (typeof raw !== 'string') return this.refuse(connection, null, { field: '(message)', rule: 'must be JSON text' });
    if (raw.length > MAX_MESSAGE_CHARS) {
      return this.refuse(connection, null, { field: '(message)', rule: `must be at most ${MAX_MESSAGE_CHARS} characters` });
    }
    const parsed = checkJson(clientMessageSchema, raw);
    if (!parsed.ok) return this.refuse(connection, typeOf(raw), parsed.error);
    const record = this.record;
    if (!record) return this.refuse(connection, parsed.value.type, { field: 'code', rule: 'no game has this code' });
    const msg = parsed.value;
    const actor = connection.state ?? SPECTATOR;
    switch (msg.type) {
      case 'hello':
        return this.hello(connection, record, msg.token);
      case 'join': {
        const token = newToken();
        const outcome = rules.join(record, actor, msg.name, msg.city, await hashToken(token));
        if (!outcome.ok) return this.refuse(connection, msg.type, outcome.error);
        await this.save(outcome.record);
        connection.setState({ role: 'seat', city: msg.city });
        this.send(connection, { type: 'joined', city: msg.city, seatToken: token });
        return this.broadcastViews();
      }
      case 'start':
        return this.apply(connection, msg, rules.start(record, actor));
      case 'submit': {
        const scenario = getScenario(record.settings.scenario)!;
        const outcome = rules.submit(record, actor, msg.decisions, scenario);
        await this.apply(connection, msg, outcome);
        if (outcome.ok && rules.allSubmitted(outcome.record)) await this.resolve(rules.beginResolution(outcome.record));
        return;
      }
      case 'close-round': {
        const outcome = rules.closeRound(record, actor, msg.round);
        if (!outcome.ok) return this.refuse(connection, msg.type, outcome.error);
        return this.resolve(outcome.record);
      }
    }
  }

  private async hello(connection: Connection<ConnectionState>, record: RoomRecord, token: string | undefined): Promise<void> {
    let actor: Actor = SPECTATOR;
    if (token) {
      const hash = await hashToken(token);
      if (sameHash(hash, record.hostTokenHash)) actor = { role: 'host', city: null };
      else {
        const seat = record.seats.find((s) => s.tokenHash !== null && sameHash(hash, s.tokenHash));
        if (!seat) return this.refuse(connection, 'hello', { field: 'token', rule: 'is not valid for this room' });
        actor = { role: 'seat', city: seat.city };
      }
    }
    connection.setState(actor);
    this.send(connection, { type: 'welcome', protocol: PROTOCOL_VERSION, role: actor.role, city: actor.city });
    this.broadcastViews();
  }

  private async apply(connection: Connection<ConnectionState>, msg: ClientMessage, outcome: Outcome): Promise<void> {
    if (!outcome.ok) return this.refuse(connection, msg.type, outcome.error);
    await this.save(outcome.record);
    this.broadcastViews();
  }

  /**
   * Resolve the open round. "Resolving" is persisted before the call so a message that
   * arrives while we wait is refused, not lost (trap 3); a failure reopens the round
   * with every submission kept.
   */
  private async resolve(resolving: RoomRecord): Promise<void> {
    await this.save(resolving);
    this.broadcastViews();
    const decisions = rules.decisionsForRound(resolving);
    let next: RoomRecord;
    try {
      const response = await this.env.SELF.fetch('https://enclave/api/rounds/resolve', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ state: resolving.state, decisions }),
        signal: AbortSignal.timeout(RESOLVE_TIMEOUT_MS),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`resolver answered ${response.status}: ${text.slice(0, 200)}`);
      const body = checkJson(resolveResponseSchema, text);
      if (!body.ok) throw new Error(`resolver answer is malformed: ${describe(body.error)}`);
      await this.ctx.storage.put(resultKey(resolving.round), body.value.result);
      this.results = [...this.results, body.value.result];
      next = rules.applyResolution(resolving, body.value);
    } catch (err) {
      console.error('resolve failed', err);
      next = rules.failResolution(resolving, err instanceof Error ? err.message : String(err));
    }
    await this.save(next);
    this.broadcastViews();
  }

  private async save(record: RoomRecord): Promise<void> {
    await this.ctx.storage.put(RECORD_KEY, record);
    this.record = record;
  }

  private refuse(connection: Connection, about: string | null, error: InputError): void {
    this.send(connection, { type: 'error', field: error.field, rule: error.rule, about });
  }

  private send(connection: Connection, message: ServerMessage): void {
    connection.send(JSON.stringify(message));
  }

  /** Send every connection its own view; viewers of the same kind share one serialisation. */
  private broadcastViews(): void {
    const record = this.record;
    if (!record) return;
    const connections = [...this.getConnections<ConnectionState>()];
    const connected = new Set<string>();
    for (const c of connections) if (c.state?.role === 'seat') connected.add(c.state.city);
    const cache = new Map<string, string>();
    for (const c of connections) {
      const actor = c.state ?? SPECTATOR;
      const key = viewKey(actor);
      let payload = cache.get(key);
      if (payload === undefined) {
        payload = JSON.stringify({ type: 'view', view: buildView(record, this.results, actor, connected) } satisfies ServerMessage);
        cache.set(key, payload);
      }
      c.send(payload);
    }
  }
}

/** The `type` of a message that failed to parse, when it has one, for the error's `about`. */
function typeOf(raw: string): string | null {
  try {
    const value: unknown = JSON.parse(raw);
    if (value && typeof value === 'object' && 'type' in value && typeof value.type === 'string') return value.type.slice(0, 40);
  } catch {
    // not JSON; the error says so
  }
  return null;
}
