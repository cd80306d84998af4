/**
 * A test player: one real WebSocket to a room on the dev server, every message it
 * receives kept in order, and helpers to wait for the next one that matches. Like the real
 * client it holds views with the last public state in them (the room sends the state apart).
 */
import WebSocket from 'ws';
import type { GameSettingsInput } from '../../core/protocol/api';
import type { RoundResult } from '../../core/protocol/state';
import { firstGap, mergeRounds } from '../../core/protocol/paging';
import { PROTOCOL_VERSION, type ChatLine, type ClientMessage, type PublicState, type RoomView, type ServerMessage as Sent } from '../../core/protocol/room';

/** A message as the client holds it: a view has the last `state` in it. */
export type ServerMessage = Exclude<Sent, { type: 'view' }> | { type: 'view'; view: RoomView };

export type ErrorMessage = Extract<ServerMessage, { type: 'error' }>;
export type Welcome = Extract<ServerMessage, { type: 'welcome' }>;

export interface OpenOptions {
  token?: string;
  /** Pretend to come from this client IP (wrangler dev keeps a CF-Connecting-IP the client sets). */
  ip?: string;
  /** Do not say hello (to test what a room does before it). */
  silent?: boolean;
  /** More request headers (a forged x-enclave-ip, say). */
  headers?: Record<string, string>;
  /** Never acknowledge what arrives (a client that does not read, for the backpressure tests). */
  noAck?: boolean;
}

/** A client acknowledges once this many characters are unacknowledged, or a moment after the last frame. */
const ACK_EVERY_CHARS = 16 * 1024;
const ACK_AFTER_MS = 20;

export class RoomClient {
  readonly messages: ServerMessage[] = [];
  /** Every frame as it came, for tests that look at the bytes (no secret in them, say). */
  readonly frames: string[] = [];
  /** When each message arrived (wall clock, ms), for the benchmarks. */
  readonly receivedAt: number[] = [];
  closed: { code: number; reason: string } | null = null;
  private cursor = 0;
  private waiters: (() => void)[] = [];
  private state: PublicState | null = null;
  /** Characters received, and as last acknowledged (protocol 4: `ack`). */
  received = 0;
  private ackedChars = 0;
  private ackTimer: ReturnType<typeof setTimeout> | null = null;

  private constructor(
    private readonly ws: WebSocket,
    private readonly acks = true,
  ) {
    ws.on('message', (data) => {
      this.receivedAt.push(performance.timeOrigin + performance.now());
      const text = String(data);
      this.frames.push(text);
      this.received += text.length;
      if (this.acks) this.scheduleAck();
      const message = JSON.parse(text) as Sent;
      if (message.type === 'state') this.state = message.state;
      // The room sends the state before the first view (protocol.md); a view without one is a bug to see.
      this.messages.push(message.type === 'view' ? { type: 'view', view: { ...message.view, state: this.state! } } : message);
      this.wake();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: String(reason) };
      this.wake();
    });
  }

  /** Acknowledge what arrived, as the web client does: at once past ACK_EVERY_CHARS, else a moment later. */
  private scheduleAck(): void {
    if (this.received - this.ackedChars >= ACK_EVERY_CHARS) return this.ack();
    this.ackTimer ??= setTimeout(() => this.ack(), ACK_AFTER_MS);
  }

  ack(): void {
    if (this.ackTimer) clearTimeout(this.ackTimer);
    this.ackTimer = null;
    if (this.ws.readyState !== WebSocket.OPEN || this.received === this.ackedChars) return;
    this.ackedChars = this.received;
    this.ws.send(JSON.stringify({ type: 'ack', received: this.received } satisfies ClientMessage));
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Connect and say hello; resolves once the room has answered (a view, or an error and a close). */
  static async open(host: string, code: string, options: OpenOptions | string = {}): Promise<RoomClient> {
    const { token, ip, silent, headers, noAck } = typeof options === 'string' ? { token: options } : options;
    const ws = new WebSocket(`ws://${host}/parties/game/${code}`, { headers: { ...headers, ...(ip ? { 'cf-connecting-ip': ip } : {}) } });
    const client = new RoomClient(ws, !noAck);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += String(d)));
        res.on('end', () => reject(new Error(`HTTP ${res.statusCode} ${body}`)));
      });
      ws.once('error', reject);
    });
    if (silent) return client;
    client.hello(token);
    // A view, or a refusal the room closes the connection after: no game, or a cap per person or address (4429).
    await client.next((m) => m.type === 'view' || (m.type === 'error' && (m.field === 'code' || m.field === '(room)')));
    return client;
  }

  /**
   * Connect and ask to join a seat that already has people (rules/doors.ts): resolves once
   * the request is pending. `approved()` then waits for the answer and the seat token.
   */
  static async ask(host: string, code: string, name: string, city: string, ip?: string): Promise<RoomClient> {
    const client = await RoomClient.open(host, code, ip ? { ip } : {});
    client.send({ type: 'join', name, city, team: true });
    await client.next((m) => m.type === 'request' && m.status === 'pending');
    return client;
  }

  /** After `ask`: the seat token once the seat's members or the host let this client in. */
  async approved(): Promise<string> {
    await this.next((m) => m.type === 'request' && m.status === 'approved');
    const joined = await this.next<Extract<ServerMessage, { type: 'joined' }>>((m) => m.type === 'joined');
    await this.view((v) => v.you.role === 'player');
    return joined.seatToken;
  }

  /** Connect, say hello and join as `name`; the client and its seat token once the room has seated it. */
  static async join(host: string, code: string, name: string, city: string | null, team = false): Promise<{ client: RoomClient; token: string }> {
    const client = await RoomClient.open(host, code);
    client.send({ type: 'join', name, city, team });
    const joined = await client.next<Extract<ServerMessage, { type: 'joined' }>>((m) => m.type === 'joined');
    await client.view((v) => v.you.role === 'player');
    return { client, token: joined.seatToken };
  }

  hello(token?: string): void {
    this.send({ type: 'hello', protocol: PROTOCOL_VERSION, ...(token ? { token } : {}) });
  }

  /** Send a message (an object as JSON text; text and bytes as they are: a Buffer goes as a binary frame). */
  send(message: ClientMessage | Record<string, unknown> | string | Buffer): void {
    this.ws.send(typeof message === 'string' || Buffer.isBuffer(message) ? message : JSON.stringify(message));
  }

  /** The next message (from the cursor on) that matches; moves the cursor past it. */
  async next<T extends ServerMessage = ServerMessage>(match: (m: ServerMessage) => boolean, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (let i = this.cursor; i < this.messages.length; i++) {
        if (match(this.messages[i]!)) {
          this.cursor = i + 1;
          return this.messages[i] as T;
        }
      }
      const left = deadline - Date.now();
      if (left <= 0 || this.closed) {
        throw new Error(`no matching message within ${timeoutMs} ms${this.closed ? ` (closed ${this.closed.code})` : ''}; got ${JSON.stringify(this.messages.slice(this.cursor).map((m) => (m.type === 'error' ? `error ${m.field}: ${m.rule}` : (m.type ?? JSON.stringify(m).slice(0, 500)))))}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Index of the first message of all received (the cursor is left alone) that matches, once it is in. */
  async until(match: (m: ServerMessage) => boolean, timeoutMs = 15_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.messages.findIndex(match);
      if (i >= 0) return i;
      if (Date.now() > deadline || this.closed) throw new Error(`no matching message within ${timeoutMs} ms${this.closed ? ` (closed ${this.closed.code})` : ''}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async view(match: (v: RoomView) => boolean = () => true, timeoutMs?: number): Promise<RoomView> {
    const m = await this.next<Extract<ServerMessage, { type: 'view' }>>((m) => m.type === 'view' && match(m.view), timeoutMs);
    return m.view;
  }

  async error(about?: string): Promise<ErrorMessage> {
    return this.next<ErrorMessage>((m) => m.type === 'error' && (about === undefined || m.about === about));
  }

  /** Send a message and wait for its refusal. */
  async refused(message: ClientMessage | Record<string, unknown>): Promise<ErrorMessage> {
    this.send(message);
    return this.error(typeof message.type === 'string' ? message.type : undefined);
  }

  /**
   * Say hello again and collect the fresh snapshot (welcome, results, state, chat, view):
   * two snapshots of an unchanged room are equal.
   */
  async snapshot(token?: string): Promise<string> {
    this.skip();
    this.hello(token);
    const welcome = await this.next<Welcome>((m) => m.type === 'welcome');
    const results = await this.next((m) => m.type === 'results');
    const state = await this.next((m) => m.type === 'state');
    const chat = await this.next((m) => m.type === 'chat');
    const view = await this.next((m) => m.type === 'view');
    return JSON.stringify({ role: welcome.role, results, state, chat, view });
  }

  /** The newest view received so far. */
  latestView(): RoomView | null {
    for (let i = this.messages.length - 1; i >= 0; i--) {
      const m = this.messages[i]!;
      if (m.type === 'view') return m.view;
    }
    return null;
  }

  /** Rounds as the client holds them, with holes where no `history` page has come yet. */
  private heldRounds(): (RoundResult | undefined)[] {
    let held: (RoundResult | undefined)[] = [];
    // `results` keeps the first `from` and appends (a hello's leaves the earlier ones to pages); `history` fills in.
    for (const m of this.messages) {
      if (m.type === 'results') held = mergeRounds(held, m.from, m.results, true);
      else if (m.type === 'history') held = mergeRounds(held, m.from, m.results, false);
    }
    return held;
  }

  /**
   * Every resolved round, as a client holds them. Throws when rounds are missing (a hello
   * after many rounds carries only the newest): `await history()` first.
   */
  results(): RoundResult[] {
    const held = this.heldRounds();
    const gap = firstGap(held);
    if (gap < held.length) throw new Error(`the client holds no round at index ${gap} of ${held.length}: fetch history pages first`);
    return held as RoundResult[];
  }

  /** Fetch `history` pages until no round is missing; every round, and the pages it took. */
  async history(): Promise<{ results: RoundResult[]; pages: number }> {
    let pages = 0;
    for (;;) {
      const held = this.heldRounds();
      const gap = firstGap(held);
      if (gap >= held.length) return { results: held as RoundResult[], pages };
      let to = gap;
      while (to < held.length && held[to] === undefined) to++;
      this.send({ type: 'history', from: gap, to });
      await this.until((m) => (m.type === 'history' && m.from === gap) || (m.type === 'error' && m.about === 'history'));
      const error = this.messages.find((m) => m.type === 'error' && m.about === 'history');
      if (error?.type === 'error') throw new Error(`history refused: ${error.field}: ${error.rule}`);
      pages++;
    }
  }

  /** Chat lines as a client holds them: the last snapshot and every line after it. */
  chat(): ChatLine[] {
    let lines: ChatLine[] = [];
    for (const m of this.messages) if (m.type === 'chat') lines = m.snapshot ? m.lines : [...lines, ...m.lines];
    return lines;
  }

  welcome(): Welcome | undefined {
    return this.messages.findLast((m): m is Welcome => m.type === 'welcome');
  }

  /** Wait until the socket has been quiet for a moment: nothing more is coming. */
  async settle(ms = 300): Promise<void> {
    let seen = -1;
    while (seen !== this.messages.length) {
      seen = this.messages.length;
      await new Promise((r) => setTimeout(r, ms));
    }
  }

  /** Skip everything received so far. */
  skip(): void {
    this.cursor = this.messages.length;
  }

  close(): void {
    this.ws.close();
  }
}

export async function createGame(baseUrl: string, settings: GameSettingsInput, hostToken?: string): Promise<{ code: string; hostToken: string }> {
  const res = await fetch(`${baseUrl}/api/games`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ settings, ...(hostToken ? { hostToken } : {}) }),
  });
  if (res.status !== 201) throw new Error(`create game: ${res.status} ${await res.text()}`);
  return (await res.json()) as { code: string; hostToken: string };
}

export interface SeatedGame {
  game: { code: string; hostToken: string };
  host: RoomClient;
  projector: RoomClient;
  /** Each person's connection and seat token, by name. */
  seats: Record<string, RoomClient>;
  tokens: Record<string, string>;
}

/** A new game with its host connected, each person joined to their city (null: waiting), and a projector watching. */
export async function seatGame(server: { url: string; host: string }, settings: GameSettingsInput, people: readonly (readonly [name: string, city: string | null])[]): Promise<SeatedGame> {
  const game = await createGame(server.url, settings);
  const host = await RoomClient.open(server.host, game.code, game.hostToken);
  const seats: Record<string, RoomClient> = {};
  const tokens: Record<string, string> = {};
  for (const [name, city] of people) {
    const joined = await RoomClient.join(server.host, game.code, name, city);
    seats[name] = joined.client;
    tokens[name] = joined.token;
  }
  const projector = await RoomClient.open(server.host, game.code);
  return { game, host, projector, seats, tokens };
}
