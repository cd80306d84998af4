/**
 * The client's side of the room protocol: one PartySocket per screen, the latest view from
 * the server kept as a raw snapshot ($state.raw: replaced, never mutated), and the last
 * refusal so the screen can show its reason.
 */
import PartySocket from 'partysocket';
import {
  PROTOCOL_VERSION,
  type ChatLine,
  type ClientMessage,
  type PublicState,
  type Role,
  type RoomView,
  type SentView,
  type ServerMessage,
} from '../../../core/protocol/room';
import type { RoundResult } from '../../../core/protocol/state';

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'gone';

export interface Refusal {
  field: string;
  rule: string;
  about: string | null;
}

export class RoomConnection {
  view = $state.raw<RoomView | null>(null);
  /** Every resolved round, and the chat lines this viewer may read (sent apart from the view). */
  results = $state.raw<RoundResult[]>([]);
  chat = $state.raw<ChatLine[]>([]);
  status = $state<ConnectionStatus>('connecting');
  role = $state<Role>('spectator');
  refusal = $state.raw<Refusal | null>(null);

  #socket: PartySocket;
  #token: string | null;
  /** Protocol 3 sends the public state apart from the view, only when it changes: the view is composed here. */
  #state: PublicState | null = null;
  #sentView: SentView | null = null;

  constructor(
    readonly code: string,
    token: string | null,
    private readonly onJoined?: (city: string | null, seatToken: string) => void,
    private readonly onTokenRejected?: () => void,
  ) {
    this.#token = token;
    this.#socket = new PartySocket({
      host: location.host,
      party: 'game',
      room: code,
      // Stale messages must not be replayed after a reconnect, ahead of our hello (trap 4).
      maxEnqueuedMessages: 0,
      // 4404: no such game. Retrying would not help.
      shouldReconnectOnClose: (event) => event.code !== 4404,
    });
    this.#socket.addEventListener('open', () => {
      this.status = 'open';
      // Every (re)connection starts by saying who we are.
      this.#socket.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, ...(this.#token ? { token: this.#token } : {}) }));
    });
    this.#socket.addEventListener('close', (event) => {
      this.status = event.code === 4404 ? 'gone' : 'reconnecting';
    });
    this.#socket.addEventListener('message', (event) => this.#receive(event.data));
  }

  #receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: ServerMessage;
    try {
      message = JSON.parse(data) as ServerMessage;
    } catch {
      return;
    }
    switch (message.type) {
      case 'view':
        this.#sentView = message.view;
        if (this.#state) this.view = { ...message.view, state: this.#state };
        this.role = message.view.you.role;
        break;
      case 'state':
        this.#state = message.state;
        if (this.#sentView) this.view = { ...this.#sentView, state: message.state };
        break;
      case 'welcome':
        this.role = message.role;
        break;
      case 'results':
        // Only the new rounds come, from index `from` on (all of them after hello).
        this.results = [...this.results.slice(0, message.from), ...message.results];
        break;
      case 'chat':
        this.chat = message.snapshot ? message.lines : [...this.chat, ...message.lines];
        break;
      case 'removed':
        // The seat is gone (kicked, or left): carry on as a spectator without its token.
        this.#token = null;
        this.onTokenRejected?.();
        this.refusal = { field: '(seat)', rule: message.reason, about: null };
        break;
      case 'joined':
        this.#token = message.seatToken;
        this.onJoined?.(message.city, message.seatToken);
        break;
      case 'error':
        this.refusal = { field: message.field, rule: message.rule, about: message.about };
        if (message.field === 'code') this.status = 'gone';
        // A remembered token the room does not know (an old game): carry on without it.
        if (message.field === 'token') {
          this.#token = null;
          this.onTokenRejected?.();
        }
        break;
    }
  }

  /** Send a message; false when the connection is down (nothing is queued behind our back). */
  send(message: ClientMessage): boolean {
    if (this.status !== 'open') return false;
    this.refusal = null;
    this.#socket.send(JSON.stringify(message));
    return true;
  }

  close(): void {
    this.#socket.close();
  }
}
