/**
 * The client's side of the room protocol (docs/protocol.md): one PartySocket per
 * connection, the latest view, results and chat from the server kept as raw snapshots
 * ($state.raw: replaced, never mutated), the server clock's offset for countdowns, and the
 * last refusal so the screen can show its reason. Protocol 4: it acknowledges what it read
 * (`ack`), and fetches the rounds a `hello` leaves out in `history` pages, so `results`
 * always holds every resolved round (it is published only once none is missing).
 */
import PartySocket from 'partysocket';
import { PROTOCOL_VERSION, type ChatLine, type ClientMessage, type PublicState, type Role, type RoomView, type SentView, type ServerMessage } from '../../../core/protocol/room';
import type { RoundResult } from '../../../core/protocol/state';
import { firstGap, mergeRounds } from '../../../core/protocol/paging';

/** Acknowledge once this many characters are unacknowledged, or a moment after the last frame. */
const ACK_EVERY_CHARS = 64 * 1024;
const ACK_AFTER_MS = 100;
/** A refused `history` request is asked again after this long; an unanswered one (dropped by the rate limit) after HISTORY_TIMEOUT_MS. */
const HISTORY_RETRY_MS = 1000;
const HISTORY_TIMEOUT_MS = 5000;

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'gone';

export interface Refusal {
  field: string;
  /** The code and its arguments (core/protocol/refusals.ts); none from a server before codes. */
  code: string | null;
  args: unknown;
  /** The same in English. */
  rule: string;
  about: string | null;
  /** Counts refusals, so the same refusal twice is still news. */
  seq: number;
}

export interface RoomHooks {
  /** The room gave this connection a seat: keep the token to reclaim it. */
  joined?: (city: string | null, seatToken: string) => void;
  /** The remembered token is not (or no longer) valid here: forget it. */
  tokenGone?: () => void;
}

export class RoomConnection {
  view = $state.raw<RoomView | null>(null);
  /** Every resolved round, and the chat lines this viewer may read (sent apart from the view). */
  results = $state.raw<RoundResult[]>([]);
  chat = $state.raw<ChatLine[]>([]);
  status = $state<ConnectionStatus>('connecting');
  role = $state<Role>('spectator');
  member = $state<string | null>(null);
  name = $state<string | null>(null);
  /** Server clock minus this device's clock, ms (welcome.now): countdowns use it. */
  skew = $state(0);
  refusal = $state.raw<Refusal | null>(null);
  /** Why this connection lost its seat (kicked, left), if it did. */
  removed = $state<string | null>(null);
  /** This connection's join request to a taken seat (docs/protocol.md "Doors") and what became of it. */
  request = $state.raw<{ id: string; city: string | null; status: 'pending' | 'approved' | 'refused' | 'expired' } | null>(null);

  #socket: PartySocket;
  #token: string | null;
  #welcomed = new Set<() => void>();
  #removedHooks = new Set<(moved: boolean) => void>();
  #refusals = 0;
  /** The name last asked for in a join: the room answers `joined` without it. */
  #joiningAs: string | null = null;
  /** Protocol 3 sends the public state apart from the view, only when it changes: the view is composed here. */
  #state: PublicState | null = null;
  #sentView: SentView | null = null;
  /** Backpressure: characters received on this connection, and as last acknowledged. */
  #received = 0;
  #acked = 0;
  #ackTimer: ReturnType<typeof setTimeout> | null = null;
  /** Rounds held, with holes where a `history` page has not come yet; the page asked for (its `from`). */
  #held: (RoundResult | undefined)[] = [];
  #asked: number | null = null;
  #historyTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly code: string,
    token: string | null,
    private readonly hooks: RoomHooks = {},
  ) {
    this.#token = token;
    this.#socket = new PartySocket({
      host: location.host,
      party: 'game',
      room: code,
      // Stale messages must not be replayed after a reconnect, ahead of our hello (partysocket buffers sends while disconnected).
      maxEnqueuedMessages: 0,
      // 4404: no such game; 4429: past a per-person or per-address cap (the refusal says which). Retrying would not help.
      shouldReconnectOnClose: (event) => event.code !== 4404 && event.code !== 4429,
    } as ConstructorParameters<typeof PartySocket>[0]);
    this.#socket.addEventListener('open', () => {
      this.status = 'open';
      // A new connection: the room counts from zero, and any page asked on the old one is lost.
      this.#received = 0;
      this.#acked = 0;
      this.#asked = null;
      // Every (re)connection starts by saying who we are.
      this.#raw({ type: 'hello', protocol: PROTOCOL_VERSION, ...(this.#token ? { token: this.#token } : {}) });
    });
    this.#socket.addEventListener('close', (event) => {
      this.status = event.code === 4404 || event.code === 4429 || this.status === 'gone' ? 'gone' : 'reconnecting';
      // A pending request goes with its connection.
      if (this.request?.status === 'pending') this.request = null;
    });
    this.#socket.addEventListener('message', (event) => this.#receive(event.data));
  }

  get token(): string | null {
    return this.#token;
  }

  /** Run `f` after every welcome (the first and each reconnect); returns the way to stop. */
  onWelcome(f: () => void): () => void {
    this.#welcomed.add(f);
    return () => this.#welcomed.delete(f);
  }

  /** Call `f` when this connection loses its seat; `moved`: a class moved the person to another of its rooms. */
  onRemoved(f: (moved: boolean) => void): () => void {
    this.#removedHooks.add(f);
    return () => this.#removedHooks.delete(f);
  }

  #receive(data: unknown): void {
    if (typeof data !== 'string') return;
    this.#received += data.length;
    if (this.#received - this.#acked >= ACK_EVERY_CHARS) this.#ack();
    else this.#ackTimer ??= setTimeout(() => this.#ack(), ACK_AFTER_MS);
    let message: ServerMessage;
    try {
      message = JSON.parse(data) as ServerMessage;
    } catch {
      return;
    }
    switch (message.type) {
      case 'welcome':
        this.role = message.role;
        this.member = message.member;
        this.name = message.name;
        this.skew = message.now - Date.now();
        queueMicrotask(() => this.#welcomed.forEach((f) => f()));
        break;
      case 'view':
        this.#sentView = message.view;
        if (this.#state) this.view = { ...message.view, state: this.#state };
        this.role = message.view.you.role;
        break;
      case 'state':
        this.#state = message.state;
        if (this.#sentView) this.view = { ...this.#sentView, state: message.state };
        break;
      case 'results':
        // Only the new rounds come, from index `from` on (after hello the newest; earlier ones come in pages).
        this.#rounds(mergeRounds(this.#held, message.from, message.results, true));
        break;
      case 'history':
        if (message.from === this.#asked) this.#askAgain(null);
        this.#rounds(mergeRounds(this.#held, message.from, message.results, false));
        break;
      case 'chat':
        this.chat = message.snapshot ? message.lines : [...this.chat, ...message.lines];
        break;
      case 'removed':
        // The seat is gone (kicked, or left): carry on as a spectator without its token.
        this.#token = null;
        this.removed = message.reason;
        this.hooks.tokenGone?.();
        this.#removedHooks.forEach((f) => f(message.moved === true));
        break;
      case 'request':
        this.request = { id: message.request, city: message.city, status: message.status };
        break;
      case 'joined':
        this.#token = message.seatToken;
        this.member = message.member;
        this.name = this.#joiningAs ?? this.name;
        this.removed = null;
        this.hooks.joined?.(message.city, message.seatToken);
        break;
      case 'error':
        if (message.about === 'history') {
          // Out of range, say: ask again in a moment (not the person's business).
          this.#askAgain(HISTORY_RETRY_MS);
          break;
        }
        this.refusal = { field: message.field, code: message.code ?? null, args: message.args ?? null, rule: message.rule, about: message.about, seq: ++this.#refusals };
        if (message.field === 'code') this.status = 'gone';
        // A remembered token the room does not know (an old game): carry on without it.
        if (message.field === 'token') {
          this.#token = null;
          this.hooks.tokenGone?.();
        }
        break;
    }
  }

  #ack(): void {
    if (this.#ackTimer) clearTimeout(this.#ackTimer);
    this.#ackTimer = null;
    if (this.status !== 'open' || this.#received === this.#acked) return;
    this.#acked = this.#received;
    this.#raw({ type: 'ack', received: this.#received });
  }

  /** Hold these rounds; publish them when none is missing, else ask for the first missing page. */
  #rounds(held: (RoundResult | undefined)[]): void {
    this.#held = held;
    const gap = firstGap(held);
    if (gap >= held.length) {
      this.results = held as RoundResult[];
      return;
    }
    if (this.#asked !== null || this.status !== 'open') return;
    let to = gap;
    while (to < held.length && held[to] === undefined) to++;
    this.#asked = gap;
    this.#raw({ type: 'history', from: gap, to });
    // A request over the rate limit may be dropped without a reply: ask again if none comes.
    this.#askAgain(HISTORY_TIMEOUT_MS, gap);
  }

  /** Forget the page asked for (`ms` null: it came) or, after `ms`, ask for what is still missing. */
  #askAgain(ms: number | null, asked: number | null = null): void {
    if (this.#historyTimer) clearTimeout(this.#historyTimer);
    this.#historyTimer = null;
    this.#asked = asked;
    if (ms === null) return;
    this.#historyTimer = setTimeout(() => {
      this.#historyTimer = null;
      this.#asked = null;
      this.#rounds(this.#held);
    }, ms);
  }

  #raw(message: ClientMessage): void {
    this.#socket.send(JSON.stringify(message));
  }

  /** Send a message; false when the connection is down (nothing is queued behind our back). */
  send(message: ClientMessage): boolean {
    if (this.status !== 'open') return false;
    this.refusal = null;
    if (message.type === 'join') this.#joiningAs = message.name.trim();
    this.#raw(message);
    return true;
  }

  dismiss(): void {
    this.refusal = null;
  }

  close(): void {
    if (this.#ackTimer) clearTimeout(this.#ackTimer);
    if (this.#historyTimer) clearTimeout(this.#historyTimer);
    this.#socket.close();
  }
}
