/**
 * What the benchmarks read of a running `wrangler dev` from outside: which workerd process
 * runs the Worker (and so the rooms), its memory, the socket it serves on behind wrangler's
 * own proxy, and the isolate's heap through the DevTools inspector. Linux /proc only.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import WebSocket from 'ws';
import type { DevServer } from '../../tests/support/dev-server';

function cmdline(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

function processGroup(pid: number): number | null {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces, so split after ")".
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
  } catch {
    return null;
  }
}

/**
 * The workerd that runs the Worker and its Durable Objects. wrangler dev starts two: a
 * proxy on the public port, and the Worker itself, the one with an inspector.
 */
export function userWorkerd(server: DevServer): number {
  const group = server.pid();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!pid || processGroup(pid) !== group) continue;
    const args = cmdline(pid);
    if (args[0]?.endsWith('/workerd') && args.some((a) => a.startsWith('--inspector-addr'))) return pid;
  }
  throw new Error('no workerd with an inspector in the dev server’s process group');
}

/** Resident memory now and its peak (VmHWM) over the process's life, in KiB. */
export function memoryKiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

/** TCP ports the process listens on (IPv4 and IPv6). */
function listeningPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch {
      // closed meanwhile
    }
  }
  const ports: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] === '0A' && inodes.has(cols[9]!)) ports.push(parseInt(cols[1]!.split(':')[1]!, 16));
    }
  }
  return ports;
}

/**
 * The address at which the Worker's own workerd serves, behind wrangler's dev proxy. In a
 * deployment there is no such proxy: clients reach the Worker's runtime directly.
 */
export async function directHost(server: DevServer): Promise<string> {
  for (const port of listeningPorts(userWorkerd(server))) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok && ((await res.json()) as { ok?: boolean }).ok) return `127.0.0.1:${port}`;
    } catch {
      // the inspector or the debug port
    }
  }
  throw new Error('the Worker’s workerd serves on no port that answers /api/health');
}

/** The DevTools protocol of the Worker's isolate, through wrangler's inspector proxy. */
export class Inspector {
  private next = 0;
  private constructor(private readonly ws: WebSocket) {}

  static async open(server: DevServer): Promise<Inspector> {
    const ws = new WebSocket(`ws://127.0.0.1:${server.inspectorPort()}/ws`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new Inspector(ws);
  }

  private call<T>(method: string, params: object = {}): Promise<T> {
    const id = ++this.next;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method}: no answer`)), 10_000);
      const onMessage = (data: WebSocket.RawData) => {
        const msg = JSON.parse(String(data)) as { id?: number; result?: T; error?: { message: string } };
        if (msg.id !== id) return;
        this.ws.off('message', onMessage);
        clearTimeout(timer);
        if (msg.error) reject(new Error(`${method}: ${msg.error.message}`));
        else resolve(msg.result as T);
      };
      this.ws.on('message', onMessage);
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Bytes of the isolate's JavaScript heap in use (live objects and garbage not yet collected). */
  async heapUsed(): Promise<number> {
    return (await this.call<{ usedSize: number }>('Runtime.getHeapUsage')).usedSize;
  }

  close(): void {
    this.ws.close();
  }
}

export interface MemoryReport {
  /** Isolate heap in use before the game, and the most seen during it (bytes). */
  heapBefore: number;
  heapPeak: number;
  /** Resident memory of the Worker's workerd before the game, and its peak (VmHWM) after it (KiB). */
  rssBefore: number;
  rssPeak: number;
  samples: number;
}

/**
 * Sample the Worker's memory every `everyMs` until `stop()`: the isolate's heap through the
 * inspector (the rooms, the Worker and the model's entrypoint share that isolate in wrangler dev),
 * and the workerd process's resident memory from /proc.
 */
export async function sampleMemory(server: DevServer, everyMs = 250): Promise<{ stop: () => Promise<MemoryReport> }> {
  const inspector = await Inspector.open(server);
  const pid = userWorkerd(server);
  const heapBefore = await inspector.heapUsed();
  const rssBefore = memoryKiB(pid).rss;
  let heapPeak = heapBefore;
  let samples = 1;
  let running = true;
  const loop = (async () => {
    while (running) {
      await new Promise((r) => setTimeout(r, everyMs));
      heapPeak = Math.max(heapPeak, await inspector.heapUsed());
      samples++;
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      inspector.close();
      return { heapBefore, heapPeak, rssBefore, rssPeak: memoryKiB(pid).peak, samples };
    },
  };
}
