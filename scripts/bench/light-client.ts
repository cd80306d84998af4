/**
 * A WebSocket client for crowds: hundreds of them in one process, so it does as little as
 * a client can. It timestamps every frame on arrival and reads only the frame's head (its
 * `type`, and a view's `round`), never parsing the whole message. Like every client of
 * protocol 4 it acknowledges what it read (`ack`), or the room closes it past 1 MiB unread.
 * It counts bytes, not characters: for the room's JSON that is the same or a little more,
 * and an over-count only acknowledges what was sent.
 */
import WebSocket from 'ws';
import { wallClock } from './stats';

export interface Frame {
  /** Arrival, wall clock in ms (comparable with other processes on this machine). */
  at: number;
  type: string;
  /** A view's round (the open round), else null. */
  round: number | null;
  bytes: number;
  /** The frame's text, kept only by a client asked to record. */
  text?: string;
}

export class LightClient {
  readonly frames: Frame[] = [];
  private waiters: (() => void)[] = [];
  private received = 0;
  private acked = 0;
  private ackTimer: ReturnType<typeof setTimeout> | null = null;

  private constructor(
    private readonly ws: WebSocket,
    private readonly record: boolean,
  ) {
    ws.on('message', (data: Buffer) => {
      this.received += data.length;
      if (this.received - this.acked >= 64 * 1024) this.ack();
      else this.ackTimer ??= setTimeout(() => this.ack(), 50);
      const at = wallClock();
      const head = data.toString('latin1', 0, Math.min(data.length, 600));
      const type = /^\{"type":"([a-z-]+)"/.exec(head)?.[1] ?? '?';
      const round = type === 'view' ? Number(/"round":(\d+)/.exec(head)?.[1] ?? NaN) : null;
      this.frames.push({ at, type, round, bytes: data.length, ...(this.record ? { text: data.toString('utf8') } : {}) });
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /**
   * Connect to `url`, send `hello` (if given) and wait for the first view. `deflate: false`
   * does not offer permessage-deflate (browsers always offer it).
   */
  static async open(url: string, options: { hello?: object; record?: boolean; deflate?: boolean } = {}): Promise<LightClient> {
    const ws = new WebSocket(url, { perMessageDeflate: options.deflate ?? true });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const client = new LightClient(ws, options.record ?? false);
    if (options.hello) {
      ws.send(JSON.stringify(options.hello));
      await client.until((f) => f.type === 'view', 0, 60_000);
    }
    return client;
  }

  /** The first frame from index `from` on that matches, once it has arrived. */
  async until(match: (f: Frame) => boolean, from: number, timeoutMs = 60_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (let i = from; i < this.frames.length; i++) if (match(this.frames[i]!)) return this.frames[i]!;
      if (Date.now() > deadline) throw new Error(`no matching frame within ${timeoutMs} ms (have ${this.frames.slice(from).map((f) => f.type).join(', ')})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private ack(): void {
    if (this.ackTimer) clearTimeout(this.ackTimer);
    this.ackTimer = null;
    if (this.ws.readyState !== WebSocket.OPEN || this.received === this.acked) return;
    this.acked = this.received;
    this.ws.send(JSON.stringify({ type: 'ack', received: this.received }));
  }

  send(text: string): void {
    this.ws.send(text);
  }

  close(): void {
    this.ws.close();
  }
}

/** Open `count` clients, `batch` at a time (a burst of hundreds of handshakes at once only measures the handshake). */
export async function crowd(count: number, open: () => Promise<LightClient>, batch = 25): Promise<LightClient[]> {
  const all: LightClient[] = [];
  for (let i = 0; i < count; i += batch) all.push(...(await Promise.all(Array.from({ length: Math.min(batch, count - i) }, open))));
  return all;
}

/** Wait until no client has received anything for `quietMs`. */
export async function quiet(clients: readonly LightClient[], quietMs = 300): Promise<void> {
  let seen = -1;
  for (;;) {
    const total = clients.reduce((n, c) => n + c.frames.length, 0);
    if (total === seen) return;
    seen = total;
    await new Promise((r) => setTimeout(r, quietMs));
  }
}
