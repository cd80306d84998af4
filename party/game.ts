/**
 * The game room: one PartyServer Durable Object per game, a thin shell around the pure
 * rules (logic.ts). For each message it checks size, rate and shape, asks the rules,
 * persists what changed, and sends every connection the view its role may see. It keeps
 * one alarm set to the earliest job the room owes (jobs.ts), and makes the outbound calls:
 * the model's entrypoint (which can fail or hang) and the archive. It never runs the model.
 */
import { Server, type Connection, type ConnectionContext, type WSMessage } from 'partyserver';
import type { SaveAnswer } from '../core/protocol/archive';
import { MAX_MESSAGE_CHARS, PROTOCOL_VERSION, clientMessageSchema, roomInitSchema, type ServerMessage } from '../core/protocol/room';
import { check, checkJson, type InputError } from '../core/protocol/validate';
import { getScenario, type Scenario } from '../core/scenarios';
import { playedScenario } from '../core/scenarios/played';
import { dueJobs, nextWake, type Job } from './jobs';
import { ack, beforeSend, CLOSE_NOT_READING, NOT_READING_REASON, openFlow, resumedFlow, type Flow } from './flow';
import { HELLO_CHAT_CHARS, HELLO_RESULTS_CHARS, pageEnd, tailFrom } from '../core/protocol/paging';
import { admit, type Bucket } from './limits';
import * as persons from './persons';
import * as doors from './rules/doors';
import { unseatMoved } from './rules/seats';
import * as rules from './logic';
import type { Actor } from './logic';
import { gameRecord } from './record';
import { callModel, DEFAULT_RESOLVE_TIMEOUT_MS } from './resolver';
import { newRoom, publicState, touch, type Room, type Vouch } from './room';
import { clearRoom, loadRoom, persist } from './store';
import { hashToken, newToken, sameHash } from '../core/protocol/tokens';
import { buildView, chatFor, resultsOf, viewKey, type Viewer } from './views';
import { refusal } from '../core/protocol/refusals';
import type { GameRecord } from '../core/protocol/record';
import type { RoomAction, RoomOutcome, RoomStatus } from '../core/protocol/class';
import { classMessage, roomStatus } from './class-status';

/**
 * Who a connection is, kept on the socket so it survives hibernation (hibernation drops
 * in-memory fields): `new` until `hello`; its address (x-enclave-ip, party/persons.ts); a
 * spectator's pending join request and the seat token it gets if let in (rules/doors.ts).
 */
type Who = ({ role: 'host' } | { role: 'player'; member: string } | { role: 'spectator'; request?: { id: string; token: string } } | { role: 'new' }) & { ip?: string | null };
type Conn = Connection<Who>;

/** How long a hand-over to the archive may take before it counts as failed (and is retried). */
const ARCHIVE_TIMEOUT_MS = 60_000;

/** An alarm is never set closer than this (a past time would fire at once, again and again). */
const ALARM_MIN_DELAY_MS = 250;

/** Default idle time before a room is archived and deleted: three days. */
const DEFAULT_IDLE_SECONDS = 3 * 24 * 3600;

export class Game extends Server<Env> {
  static override options = { hibernate: true };

  private room: Room | null = null;
  /** Last view sent per view key: a change re-sends only the views it changed. */
  private sent = new Map<string, string>();
  private buckets = new Map<string, Bucket>();
  /** Per address: joins made (persons.ts), and until when joins must ask the host after a kick. */
  private joinBuckets = new Map<string, persons.JoinBucket>();
  private kicked = new Map<string, number>();
  /** Backpressure (flow.ts): per connection, what was sent and what the client acknowledged; and its own rate bucket for acks. */
  private flows = new Map<string, Flow>();
  private ackBuckets = new Map<string, Bucket>();
  /** The alarm as last set (undefined: not known yet). */
  private alarmAt: number | null | undefined;
  /** Outbound calls in flight, so an alarm and a message never start the same one twice. */
  private resolvingRound: number | null = null;
  private archiving = false;
  private working = false;
  private workAgain = false;

  override async onStart(): Promise<void> {
    this.room = await loadRoom(this.ctx.storage);
    this.alarmAt = await this.ctx.storage.getAlarm();
    // A restart mid-round or mid-resolution resumes from here: the alarm goes to whatever is due.
    await this.schedule();
  }

  private get idleMs(): number {
    const seconds = Number(this.env.ROOM_IDLE_SECONDS ?? DEFAULT_IDLE_SECONDS);
    return (Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_IDLE_SECONDS) * 1000;
  }

  private scenario(room: Room): Scenario {
    const scenario = room.region ?? getScenario(room.meta.settings.scenario);
    if (!scenario) throw new Error(`scenario ${room.meta.settings.scenario} is gone`);
    return scenario;
  }

  private ruleEnv(room: Room, now = Date.now()): rules.RuleEnv {
    const scenario = this.scenario(room);
    let online: Set<string> | null = null;
    return {
      now,
      scenario,
      online: (city) => {
        online ??= this.onlineCities(room);
        return online.has(city);
      },
    };
  }

  // Creating the game (the worker's POST /api/games)

  override async onRequest(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (request.method === 'POST' && url.pathname === '/init') return this.init(request);
    return Response.json({ error: refusal('(path)', 'websocket-only', {}) }, { status: 404 });
  }

  private async init(request: Request): Promise<Response> {
    if (this.room) return Response.json({ error: refusal('(room)', 'room-taken', {}) }, { status: 409 });
    const body = check(roomInitSchema, await request.json().catch(() => null));
    if (!body.ok) return Response.json({ error: body.error }, { status: 400 });
    const played = playedScenario(body.value.settings.scenario, body.value.region, body.value.region === undefined ? 'settings.scenario' : 'region');
    if (!played.ok) return Response.json({ error: played.error }, { status: 400 });
    await this.commit(newRoom(this.name, body.value, Date.now(), body.value.region === undefined ? null : played.scenario));
    return Response.json({ ok: true }, { status: 201 });
  }

  // The class of rooms (party/class-room.ts) calls these over RPC, never the internet: the
  // Worker routes only WebSockets here (worker/door.ts). Each takes the hash of the class's host
  // token, which is also this room's (worker/classes.ts creates the rooms with it), so a room
  // answers only the class that made it. A room never calls the class: it stays playable
  // alone when the class object is slow or down.

  /** Phase, round, people and bots, and who has submitted (party/class-status.ts). */
  async classStatus(hostTokenHash: string): Promise<{ ok: true; status: RoomStatus } | { ok: false; error: InputError }> {
    const room = await this.classRoom(hostTokenHash);
    return 'error' in room ? { ok: false, error: room.error } : { ok: true, status: roomStatus(room) };
  }

  /**
   * A host action from the class: the same rules path (logic.ts `act`) and the same persist
   * and broadcast (`commit`) as the host's own message. It answers once the change is stored
   * and sent; what the change starts (a round's resolution) runs on, as after a message.
   */
  async classCommand(hostTokenHash: string, action: RoomAction): Promise<RoomOutcome> {
    const room = await this.classRoom(hostTokenHash);
    if ('error' in room) return { room: this.name, ok: false, error: room.error };
    const env = { ...this.ruleEnv(room), ip: null, mustAsk: false, byClass: true };
    const outcome = rules.act(room, { role: 'host' }, classMessage(room, action), env, '');
    if (!outcome.ok) return { room: room.meta.code, ok: false, error: outcome.error };
    await this.commit(outcome.room, { later: true });
    return { room: room.meta.code, ok: true, phase: outcome.room.meta.phase, round: outcome.room.meta.round };
  }

  /**
   * The class keeps its rooms in step, or releases them (`lock-step`, `release`): in step, this
   * room's own console cannot open the next round (rules/rounds.ts `continueGame`).
   */
  async classLockStep(hostTokenHash: string, locked: boolean): Promise<RoomOutcome> {
    const room = await this.classRoom(hostTokenHash);
    if ('error' in room) return { room: this.name, ok: false, error: room.error };
    if ((room.meta.classLock === true) !== locked) await this.commit({ ...room, meta: { ...room.meta, classLock: locked } });
    return { room: room.meta.code, ok: true, phase: room.meta.phase, round: room.meta.round };
  }

  /** The game record so far (party/record.ts), for the class comparison while the game runs. */
  async classRecord(hostTokenHash: string): Promise<{ ok: true; record: GameRecord } | { ok: false; error: InputError }> {
    const room = await this.classRoom(hostTokenHash);
    return 'error' in room ? { ok: false, error: room.error } : { ok: true, record: gameRecord(room) };
  }

  /**
   * The class's host moved someone to another room before the start: their seat here goes,
   * and their connections hear they were moved (`removed` with `moved`), so a player's screen
   * asks the class where to go (web/src/components/klass/ClassPlace.svelte).
   */
  async classUnseat(hostTokenHash: string, who: { name: string; city: string }): Promise<{ ok: true; removed: number } | { ok: false; error: InputError }> {
    const room = await this.classRoom(hostTokenHash);
    if ('error' in room) return { ok: false, error: room.error };
    const outcome = unseatMoved(room, who);
    if (!outcome.ok) return { ok: false, error: outcome.error };
    const removed = room.meta.members.length - outcome.room.meta.members.length;
    if (removed > 0) await this.commit(outcome.room, { removed: 'the host of the class moved you to another room', moved: true });
    return { ok: true, removed };
  }

  /**
   * A class that could not be created in full gives back the rooms it made (worker/classes.ts):
   * a room nobody has joined (its code was never handed out) is deleted as an idle room is.
   */
  async classDiscard(hostTokenHash: string): Promise<{ ok: true; discarded: boolean } | { ok: false; error: InputError }> {
    const room = await this.classRoom(hostTokenHash);
    if ('error' in room) return { ok: false, error: room.error };
    if (room.meta.phase !== 'lobby' || room.meta.members.length > 0) return { ok: true, discarded: false };
    await this.discard('class not created');
    return { ok: true, discarded: true };
  }

  /**
   * The class placed someone on a team here and vouches for them: a join to that city showing
   * the pass is seated at once instead of waiting for the team's yes (rules/doors.ts). Before
   * the game ends only.
   */
  async classVouch(hostTokenHash: string, v: Vouch): Promise<{ ok: true } | { ok: false; error: InputError }> {
    const room = await this.classRoom(hostTokenHash);
    if ('error' in room) return { ok: false, error: room.error };
    if (room.meta.phase === 'finished') return { ok: false, error: refusal('(phase)', 'over', {}) };
    if (!room.meta.seats.some((s) => s.city === v.city)) return { ok: false, error: refusal('city', 'not-a-city', { city: v.city }) };
    await this.commit(doors.vouch(room, v));
    return { ok: true };
  }

  /** The room, loaded (an RPC may be the first call that wakes the object), if the hash is its host's. */
  private async classRoom(hostTokenHash: string): Promise<Room | { error: InputError }> {
    await this.__unsafe_ensureInitialized();
    const room = this.room;
    if (!room) return { error: refusal('code', 'no-game', {}) };
    if (!sameHash(hostTokenHash, room.meta.hostTokenHash)) return { error: refusal('authorization', 'not-class-host', {}) };
    return room;
  }

  // Connections

  override async onConnect(connection: Conn, ctx: ConnectionContext): Promise<void> {
    this.flows.set(connection.id, openFlow());
    if (this.room) {
      // The connection says who it is with `hello`; its address is the Worker's (never the client's).
      const ip = ctx.request.headers.get('x-enclave-ip');
      const turnedAway = persons.connectRefusal(this.persons(connection), ip);
      if (turnedAway) return this.turnAway(connection, turnedAway);
      connection.setState({ role: 'new', ip });
      return;
    }
    // Nobody plays here: count a miss for the join guard. (The room's storage holds only
    // PartyServer's few-byte name record; the guard bounds how many such misses there are.)
    // Keyed as the door keys it (worker/client.ts `clientKey`): the Worker's x-enclave-ip, or
    // the one local client under npm start; never a header the client could set itself.
    const ip = ctx.request.headers.get('x-enclave-ip') ?? 'local';
    await this.env.JoinGuard.get(this.env.JoinGuard.idFromName(ip))
      .miss()
      .catch((err: unknown) => console.error('join guard', err));
    this.refuse(connection, null, refusal('code', 'no-game', {}));
    connection.close(4404, 'no such game');
  }

  override async onClose(connection: Conn): Promise<void> {
    this.buckets.delete(`c:${connection.id}`);
    this.flows.delete(connection.id);
    this.ackBuckets.delete(connection.id);
    // A seat's "online" light may have changed.
    if (this.room && connection.state?.role === 'player') this.sendViews();
    // A joiner who went away takes their pending request along.
    const request = connection.state?.role === 'spectator' ? connection.state.request : undefined;
    const next = request && this.room ? doors.withdraw(this.room, request.id) : null;
    if (next) await this.commit(next);
  }

  /** What persons.ts needs to know of every open connection but `except`. */
  private persons(except?: Conn): persons.Person[] {
    const out: persons.Person[] = [];
    for (const c of this.getConnections<Who>()) {
      if (c.id === except?.id || !c.state) continue;
      out.push({ ip: c.state.ip ?? null, role: c.state.role, member: c.state.role === 'player' ? c.state.member : undefined });
    }
    return out;
  }

  /** Refuse a connection past a per-person or per-address cap, and close it (4429: the client does not reconnect). */
  private turnAway(connection: Conn, error: InputError): void {
    this.refuse(connection, null, error);
    connection.close(4429, 'too many connections');
  }

  override async onMessage(connection: Conn, raw: WSMessage): Promise<void> {
    try {
      await this.handle(connection, raw);
    } catch (err) {
      // Nothing a client sends may take the room down.
      console.error('room error', err);
      this.refuse(connection, null, refusal('(server)', 'internal', {}));
    }
  }

  private async handle(connection: Conn, raw: WSMessage): Promise<void> {
    if (this.acked(connection, raw)) return;
    // One bucket per person (the host, a member token), not per connection (persons.ts).
    const who = connection.state;
    const key = persons.bucketKey({ ip: null, role: who?.role ?? 'new', member: who?.role === 'player' ? who.member : undefined }, connection.id);
    const admission = admit(this.buckets.get(key), Date.now());
    this.buckets.set(key, admission.bucket);
    if (!admission.admit) {
      if (admission.reply) this.refuse(connection, null, refusal('(rate)', 'rate', {}));
      return;
    }
    if (typeof raw !== 'string') return this.refuse(connection, null, refusal('(message)', 'json-text', {}));
    if (raw.length > MAX_MESSAGE_CHARS) {
      return this.refuse(connection, null, refusal('(message)', 'max-chars', { max: MAX_MESSAGE_CHARS }));
    }
    const parsed = checkJson(clientMessageSchema, raw);
    if (!parsed.ok) return this.refuse(connection, typeOf(raw), parsed.error);
    const msg = parsed.value;
    // Every await comes before the room is read: other messages run while this one awaits,
    // and a rule applied to a room read before them would undo what they did.
    // A token that is not one (malformed) is hashed all the same: it matches nobody, like an unknown one.
    const tokenHash = msg.type === 'hello' && msg.token !== undefined ? await hashToken(msg.token) : null;
    const seatToken = msg.type === 'join' ? newToken() : null;
    const seatTokenHash = seatToken ? await hashToken(seatToken) : '';
    const passHash = msg.type === 'join' && msg.pass !== undefined ? await hashToken(msg.pass) : null;
    const room = this.room;
    if (!room) return this.refuse(connection, msg.type, refusal('code', 'no-game', {}));
    if (msg.type === 'hello') return this.hello(connection, room, tokenHash);
    if (!connection.state || connection.state.role === 'new') return this.refuse(connection, msg.type, refusal('(message)', 'hello-first', {}));
    if (msg.type === 'history') return this.history(connection, room, msg.from, msg.to);
    if (msg.type === 'ack') return void this.flows.set(connection.id, ack(this.flows.get(connection.id) ?? resumedFlow(), msg.received));
    const ip = connection.state.ip ?? null;
    // A pass the class vouched for, for the city and the name this join asks (rules/doors.ts vouch).
    const vouched = msg.type === 'join' && passHash ? doors.passHolder(room, msg, passHash) : null;
    const env = { ...this.ruleEnv(room), ip, mustAsk: persons.mustAsk(ip, this.kicked, Date.now()), vouched };
    if (msg.type === 'join' && ip && connection.state.role === 'spectator') {
      const joins = persons.admitJoin(this.joinBuckets.get(ip), env.now);
      this.joinBuckets.set(ip, joins.bucket);
      const turnedAway = persons.joinRefusal(ip, joins);
      if (turnedAway) return this.refuse(connection, msg.type, turnedAway);
    }
    if (connection.state.role === 'spectator' && connection.state.request && msg.type === 'join') {
      return this.refuse(connection, msg.type, refusal('(role)', 'already-asked', {}));
    }
    const outcome = rules.act(room, this.actorOf(room, connection), msg, env, seatTokenHash);
    if (!outcome.ok) return this.refuse(connection, msg.type, outcome.error);
    const fresh = new Set<string>();
    if (msg.type === 'join') {
      const request = outcome.room.meta.requests.find((r) => r.tokenHash === seatTokenHash);
      if (request) {
        // A taken seat: the joiner waits for its members or the host (rules/doors.ts).
        connection.setState({ role: 'spectator', ip, request: { id: request.id, token: seatToken! } });
        this.send(connection, { type: 'request', request: request.id, city: request.city, status: 'pending' });
      } else {
        const member = outcome.room.meta.members.at(-1)!;
        connection.setState({ role: 'player', member: member.id, ip });
        this.send(connection, { type: 'joined', city: member.city, member: member.id, seatToken: seatToken! });
      }
      fresh.add(connection.id);
    }
    if (msg.type === 'kick') {
      // Joins from the kicked member's addresses must ask the host for a while (persons.ts).
      for (const c of this.getConnections<Who>()) {
        if (c.state?.role === 'player' && c.state.member === msg.member && c.state.ip) this.kicked.set(c.state.ip, env.now + persons.KICK_COOLDOWN_MS);
      }
    }
    await this.commit(outcome.room, { fresh, removed: msg.type === 'leave' ? 'you left your seat' : 'the host removed you from your seat' });
  }

  /** Who is this connection: the host, a member (by the hash of their token), or a spectator. Then a bounded snapshot. */
  private hello(connection: Conn, room: Room, tokenHash: string | null): void {
    let who: Who = { role: 'spectator' };
    if (tokenHash) {
      const member = room.meta.members.find((m) => sameHash(tokenHash, m.tokenHash));
      if (sameHash(tokenHash, room.meta.hostTokenHash)) who = { role: 'host' };
      else if (member) who = { role: 'player', member: member.id };
      else this.refuse(connection, 'hello', refusal('token', 'unknown-token', {}));
    }
    // Caps per person and per address across their connections (persons.ts).
    const ip = connection.state?.ip ?? null;
    const maxSpectators = Number(this.env.ROOM_MAX_SPECTATORS) || persons.MAX_SPECTATORS;
    const turnedAway = persons.helloRefusal(this.persons(connection), { ip, role: who.role, member: who.role === 'player' ? who.member : undefined }, maxSpectators);
    if (turnedAway) return this.turnAway(connection, turnedAway);
    const request = connection.state?.role === 'spectator' ? connection.state.request : undefined;
    connection.setState(who.role === 'spectator' && request ? { ...who, ip, request } : { ...who, ip });
    const actor = this.actorOf(room, connection);
    const viewer = viewerOf(actor);
    const member = actor.role === 'player' ? actor.member : null;
    this.send(connection, { type: 'welcome', protocol: PROTOCOL_VERSION, role: actor.role, city: member?.city ?? null, member: member?.id ?? null, name: member?.name ?? null, now: Date.now() });
    // A bounded snapshot: the newest results (`from` says how many earlier ones `history`
    // pages hold), state and the newest chat first, then the view (it says how many results there are).
    const results = resultsOf(room);
    const earlier = tailFrom(results, HELLO_RESULTS_CHARS);
    this.send(connection, { type: 'results', from: earlier, results: results.slice(earlier) });
    this.send(connection, { type: 'state', state: publicState(room) });
    const lines = chatFor(room, viewer);
    this.send(connection, { type: 'chat', lines: lines.slice(tailFrom(lines, HELLO_CHAT_CHARS)), snapshot: true });
    this.sendViews(new Set([connection.id]));
  }

  // Backpressure: acks, history pages, and every frame counted against what the client acknowledged

  /** An `ack` is handled here, ahead of the message rate limit (it has its own): true if `raw` was one. */
  private acked(connection: Conn, raw: WSMessage): boolean {
    if (typeof raw !== 'string' || raw.length > 64 || !raw.includes('"ack"')) return false;
    const parsed = checkJson(clientMessageSchema, raw);
    if (!parsed.ok || parsed.value.type !== 'ack') return false;
    const admission = admit(this.ackBuckets.get(connection.id), Date.now());
    this.ackBuckets.set(connection.id, admission.bucket);
    // Acks over their budget are dropped without a reply: the next one carries the total.
    if (admission.admit) this.flows.set(connection.id, ack(this.flows.get(connection.id) ?? resumedFlow(), parsed.value.received));
    return true;
  }

  /** One page of resolved rounds from `from` (≤8 rounds, ≤128 KB, at least one). */
  private history(connection: Conn, room: Room, from: number, to: number): void {
    const results = resultsOf(room);
    if (from >= results.length || to <= from) return this.refuse(connection, 'history', refusal('from', 'history-range', { resolved: results.length }));
    this.send(connection, { type: 'history', from, results: results.slice(from, pageEnd(results, from, to)) });
  }

  /** Send a frame unless it would take the connection past what it may leave unread; then close it with the reason. */
  private sendRaw(connection: Connection, payload: string): void {
    const check = beforeSend(this.flows.get(connection.id) ?? resumedFlow(), payload.length);
    this.flows.set(connection.id, check.flow);
    if (check.action === 'send') return sendRaw(connection, payload);
    if (check.action === 'close') {
      console.warn(`closing ${connection.id}: ${NOT_READING_REASON}`);
      try {
        connection.close(CLOSE_NOT_READING, NOT_READING_REASON);
      } catch {
        // already closing
      }
    }
  }

  private actorOf(room: Room, connection: Conn): Actor {
    const who = connection.state;
    if (who?.role === 'host') return { role: 'host' };
    if (who?.role === 'player') {
      const member = room.meta.members.find((m) => m.id === who.member);
      if (member) return { role: 'player', member };
    }
    return { role: 'spectator' };
  }

  // Changing the room

  /**
   * Make `next` the room: persist what changed, tell every connection what it may see of
   * the change, set the alarm, then run whatever is now due (a resolution, say).
   */
  private async commit(next: Room, how: { fresh?: Set<string>; removed?: string; moved?: boolean; later?: boolean } = {}): Promise<void> {
    const prev = this.room;
    this.room = next;
    const written = persist(this.ctx.storage, prev, next);
    if (prev) this.announce(prev, next, { type: 'removed', reason: how.removed ?? 'the host removed you from your seat', ...(how.moved ? { moved: true as const } : {}) }, how.fresh ?? new Set());
    await written;
    await this.schedule();
    // `later`: the caller (an RPC from the class) does not wait for the jobs; the alarm set
    // above runs them too if this run is lost.
    if (how.later) return void this.work().catch((err: unknown) => console.error('room work', err));
    await this.work();
  }

  /** Everything connections must hear about a change, each only what it may see. */
  private announce(prev: Room, next: Room, removed: Extract<ServerMessage, { type: 'removed' }>, fresh: Set<string>): void {
    const connections = this.ordered();
    const gone = new Set(prev.meta.members.filter((m) => !next.meta.members.some((n) => n.id === m.id)).map((m) => m.id));
    const newLines = next.chat.slice(prev.chat.length);
    // Only what is new: the rounds resolved since (a late round weighs tens of KB; every
    // earlier one is already with the client), and the state if it changed.
    // Fewer rounds than before (the practice round dropped): an empty `results` from there cuts the client's tail.
    const from = Math.min(prev.rounds.length, next.rounds.length);
    const newResults = next.rounds.length !== prev.rounds.length ? JSON.stringify({ type: 'results', from, results: resultsOf(next).slice(from) } satisfies ServerMessage) : null;
    const newState = next.state !== prev.state ? JSON.stringify({ type: 'state', state: publicState(next) } satisfies ServerMessage) : null;
    const chatPayloads = new Map<string, string | null>();
    for (const c of connections) {
      const who = c.state;
      if (!who || who.role === 'new') continue;
      if (who.role === 'spectator' && who.request) this.answerRequest(c, who.request, prev, next, fresh);
      if (who.role === 'player' && gone.has(who.member)) {
        c.setState({ role: 'spectator', ip: who.ip });
        this.send(c, removed);
        fresh.add(c.id); // its view changed kind: it needs the spectator view even if that did not change
      }
      const viewer = viewerOf(this.actorOf(next, c));
      if (newResults) this.sendRaw(c, newResults);
      if (newState) this.sendRaw(c, newState);
      if (newLines.length) {
        const key = viewKey(viewer);
        if (!chatPayloads.has(key)) {
          const lines = chatFor({ ...next, chat: newLines }, viewer);
          chatPayloads.set(key, lines.length ? JSON.stringify({ type: 'chat', lines, snapshot: false } satisfies ServerMessage) : null);
        }
        const payload = chatPayloads.get(key);
        if (payload) this.sendRaw(c, payload);
      }
    }
    this.sendViews(fresh);
  }

  /**
   * Send every connection its view if it changed since that kind of view was last sent;
   * the connections in `fresh` (a hello, a join, a removal) get theirs regardless.
   */
  private sendViews(fresh: ReadonlySet<string> = new Set()): void {
    const room = this.room;
    if (!room) return;
    const connections = this.ordered();
    const online = new Set<string>();
    for (const c of connections) if (c.state?.role === 'player') online.add(c.state.member);
    const payloads = new Map<string, string>();
    for (const c of connections) {
      if (!c.state || c.state.role === 'new') continue;
      const viewer = viewerOf(this.actorOf(room, c));
      const key = viewKey(viewer);
      let payload = payloads.get(key);
      if (payload === undefined) {
        payload = JSON.stringify({ type: 'view', view: buildView(room, viewer, online) } satisfies ServerMessage);
        payloads.set(key, payload);
      }
      if (payload !== this.sent.get(key) || fresh.has(c.id)) this.sendRaw(c, payload);
    }
    for (const [key, payload] of payloads) this.sent.set(key, payload);
  }

  /** A joiner's request was answered (or lapsed): let them in with their seat token, or tell them. */
  private answerRequest(c: Conn, request: { id: string; token: string }, prev: Room, next: Room, fresh: Set<string>): void {
    if (next.meta.requests.some((r) => r.id === request.id)) return;
    const asked = prev.meta.requests.find((r) => r.id === request.id);
    const member = asked && next.meta.members.find((m) => m.tokenHash === asked.tokenHash);
    const city = asked?.city ?? null;
    const ip = c.state?.ip;
    if (member) {
      c.setState({ role: 'player', member: member.id, ip });
      this.send(c, { type: 'request', request: request.id, city, status: 'approved' });
      this.send(c, { type: 'joined', city: member.city, member: member.id, seatToken: request.token });
    } else {
      c.setState({ role: 'spectator', ip });
      this.send(c, { type: 'request', request: request.id, city, status: asked && asked.expiresAt <= Date.now() ? 'expired' : 'refused' });
    }
    fresh.add(c.id);
  }

  /** Every connection, seats and the host first: a crowd of spectators must not make the players wait. */
  private ordered(): Conn[] {
    const first: Conn[] = [];
    const crowd: Conn[] = [];
    for (const c of this.getConnections<Who>()) (c.state?.role === 'spectator' ? crowd : first).push(c);
    return first.concat(crowd);
  }

  private onlineCities(room: Room): Set<string> {
    const cities = new Set<string>();
    for (const c of this.getConnections<Who>()) {
      const actor = this.actorOf(room, c);
      if (actor.role === 'player' && actor.member.city) cities.add(actor.member.city);
    }
    return cities;
  }

  // Jobs: the alarm, the resolver, the archive, expiry

  private async schedule(): Promise<void> {
    const busy = (job: Job) => (job.kind === 'resolve' && job.round === this.resolvingRound) || (job.kind === 'archive' && this.archiving);
    const wake = this.room ? nextWake(this.room, this.idleMs, busy) : null;
    // Never in the past: a past alarm fires at once, and again if the job cannot run yet.
    const at = wake === null ? null : Math.max(wake, Date.now() + ALARM_MIN_DELAY_MS);
    if (at === this.alarmAt) return;
    if (at === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(at);
    this.alarmAt = at;
  }

  override async onAlarm(): Promise<void> {
    this.alarmAt = null; // a fired alarm is gone
    await this.work();
    await this.schedule();
  }

  /** Run every job that is due, until none is. One runner at a time; a call during a run asks for another pass. */
  private async work(): Promise<void> {
    if (this.working) {
      this.workAgain = true;
      return;
    }
    this.working = true;
    try {
      do {
        this.workAgain = false;
        const room = this.room;
        if (!room) return;
        for (const job of dueJobs(room, Date.now(), this.idleMs)) await this.run(job);
      } while (this.workAgain);
    } finally {
      this.working = false;
    }
  }

  private async run(job: Job): Promise<void> {
    const room = this.room;
    if (!room) return;
    switch (job.kind) {
      case 'deadline': {
        const env = this.ruleEnv(room);
        const next = rules.deadline(room, job.round, env);
        if (next) await this.commit(touch(next, env.now));
        return;
      }
      case 'resolve':
        return this.resolve(job.round);
      case 'archive':
        return this.archive();
      case 'expire':
        return this.expire();
      case 'requests': {
        const next = doors.expire(room, Date.now());
        if (next) await this.commit(next);
        return;
      }
    }
  }

  /**
   * One resolver attempt for `round`. "Resolving" and the round's frozen inputs are already
   * persisted (other messages interleave while the room awaits the call); the answer is applied only if the room still waits for that round,
   * so a late answer or a second caller can never resolve it twice.
   */
  private async resolve(round: number): Promise<void> {
    const room = this.room;
    if (!room?.resolving || room.resolving.round !== round || this.resolvingRound === round) return;
    this.resolvingRound = round;
    try {
      const { decisions, deals, events } = room.resolving;
      const timeout = Number(this.env.RESOLVE_TIMEOUT_MS ?? DEFAULT_RESOLVE_TIMEOUT_MS) || DEFAULT_RESOLVE_TIMEOUT_MS;
      const answer = await callModel(this.env.MODEL, { state: room.state, decisions, deals, events, ...(room.region ? { region: room.region } : {}) }, timeout);
      // No longer in flight: the commit below must schedule the next attempt if this one failed.
      this.resolvingRound = null;
      const now = this.room;
      if (!now) return;
      const env = this.ruleEnv(now);
      // The round may have been played again while the call was out (the host's `reopen-round`
      // after a refusal): an answer for inputs that are no longer frozen is dropped.
      if (now.resolving !== room.resolving) return;
      const next = answer.ok ? rules.resolved(now, round, answer.value, env) : rules.failResolution(now, round, answer.error, env, answer.refused === true);
      if (!answer.ok) console.error(`round ${round}: ${answer.error}`);
      if (next) await this.commit(next);
    } finally {
      this.resolvingRound = null;
    }
  }

  /** Hand the record to the archive; on failure keep it and retry with backoff (the room tells the host). */
  private async archive(): Promise<void> {
    const room = this.room;
    if (!room || this.archiving) return;
    this.archiving = true;
    try {
      const revision = room.meta.lastActivity;
      let error: string;
      try {
        const saved = await withTimeout<SaveAnswer>(this.env.ARCHIVE.save(gameRecord(room), room.meta.hostTokenHash), ARCHIVE_TIMEOUT_MS, 'the archive did not answer');
        this.archiving = false;
        if (saved.ok) {
          if (this.room) await this.commit(rules.archived(this.room, saved.id, revision));
          return;
        }
        error = `${saved.error.field}: ${saved.error.rule}`;
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
      this.archiving = false;
      console.error(`archive: ${error}`);
      if (this.room) await this.commit(rules.archiveFailed(this.room, error, Date.now()));
    } finally {
      this.archiving = false;
    }
  }

  /** An idle room: archive what is worth keeping first, then delete everything and send everyone away. */
  private async expire(): Promise<void> {
    const room = this.room;
    if (!room || room.meta.lastActivity + this.idleMs > Date.now()) return;
    if (rules.worthKeeping(room) && !rules.archiveIsCurrent(room)) {
      if (!room.meta.archive.pending) await this.commit(rules.requestArchive(room, Date.now()));
      return;
    }
    await this.discard('room expired');
  }

  /** Delete everything of the game and send everyone away: the code then leads to no game. */
  private async discard(why: string): Promise<void> {
    this.room = null;
    this.sent.clear();
    // Everything of the game goes (party/store.ts clearRoom), and only that: PartyServer keeps
    // its own record of the room's name in this storage, which it needs when an old alarm wakes
    // the object without its name (seen with wrangler dev after a restart).
    await this.ctx.storage.deleteAlarm();
    await clearRoom(this.ctx.storage);
    this.alarmAt = null;
    for (const c of this.getConnections()) {
      this.refuse(c, null, refusal('code', 'closed', {}));
      c.close(4404, why);
    }
  }

  // Replies

  private refuse(connection: Connection, about: string | null, error: InputError): void {
    this.send(connection, { type: 'error', about, ...error });
  }

  private send(connection: Connection, message: ServerMessage): void {
    this.sendRaw(connection, JSON.stringify(message));
  }
}

/** A call that has not settled after `ms` fails with `message` (an RPC has no timeout of its own). */
function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${message} within ${ms / 1000} s`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** A socket that closed a moment ago must not turn a broadcast into an error for everyone else. */
function sendRaw(connection: Connection, payload: string): void {
  try {
    connection.send(payload);
  } catch (err) {
    console.warn('send failed', err);
  }
}

function viewerOf(actor: Actor): Viewer {
  return actor.role === 'player' ? { role: 'player', city: actor.member.city } : actor;
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
