/**
 * A test player: one real WebSocket to a room on the dev server, every message it
 * receives kept in order, and helpers to wait for the next one that matches.
 */
import WebSocket from 'ws';
import { PROTOCOL_VERSION, type ClientMessage, type RoomView, type ServerMessage } from '../../core/protocol/room';

type ErrorMessage = Extract<ServerMessage, { type: 'error' }>;

export class RoomClient {
  readonly messages: ServerMessage[] = [];
  private cursor = 0;
  private waiters: (() => void)[] = [];

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)) as ServerMessage);
      for (const w of this.waiters.splice(0)) w();
    });
  }

  static async open(host: string, code: string, token?: string): Promise<RoomClient> {
    const ws = new WebSocket(`ws://${host}/parties/game/${code}`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const client = new RoomClient(ws);
    client.send({ type: 'hello', protocol: PROTOCOL_VERSION, ...(token ? { token } : {}) });
    await client.next((m) => m.type === 'view' || m.type === 'error');
    return client;
  }

  send(message: ClientMessage | Record<string, unknown> | string): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
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
      if (left <= 0) throw new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(this.messages.slice(this.cursor).map((m) => m.type))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async view(match: (v: RoomView) => boolean = () => true): Promise<RoomView> {
    const m = await this.next<Extract<ServerMessage, { type: 'view' }>>((m) => m.type === 'view' && match(m.view));
    return m.view;
  }

  async error(about?: string): Promise<ErrorMessage> {
    return this.next<ErrorMessage>((m) => m.type === 'error' && (about === undefined || m.about === about));
  }

  /** The newest view received so far. */
  latestView(): RoomView | null {
    for (let i = this.messages.length - 1; i >= 0; i--) {
      const m = this.messages[i]!;
      if (m.type === 'view') return m.view;
    }
    return null;
  }

  /** Wait until the socket has been quiet for a moment: nothing more is coming. */
  async settle(ms = 300): Promise<void> {
    let seen = -1;
    while (seen !== this.messages.length) {
      seen = this.messages.length;
      await new Promise((r) => setTimeout(r, ms));
    }
  }

  close(): void {
    this.ws.close();
  }
}

export async function createGame(baseUrl: string, body: Record<string, unknown>): Promise<{ code: string; hostToken: string }> {
  const res = await fetch(`${baseUrl}/api/games`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`create game: ${res.status} ${await res.text()}`);
  return (await res.json()) as { code: string; hostToken: string };
}
