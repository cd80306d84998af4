/**
 * Room codes must not be guessable by trying (issues 4 and 12). Six characters from 32 give
 * about 10^9 codes; the guard caps how many codes one client may try that lead nowhere:
 * after JOIN_GUARD_LIMIT misses within JOIN_GUARD_WINDOW_SECONDS, a further miss from that
 * client is refused (429) until the window has passed.
 *
 * The guard only ever refuses misses. A code that holds a game always admits, whoever asks
 * (worker/door.ts): behind one school NAT, twenty typos must not lock out the class or the
 * host. The price: a client past its limit can tell a live code (admitted) from a dead one
 * (429), so past the limit the guard no longer slows guessing by itself; the per-client
 * limits and the size of the code space do (docs/security.md lists this as not defended).
 *
 * The client is keyed by worker/client.ts (the platform's address; one shared key under
 * `npm start`, where no header is trusted). One small Durable Object per key keeps the miss
 * times and checks and counts in one call (join-guard-object.ts). Why not the rate-limit
 * binding: it counts every call (it cannot ask "blocked?" without counting one), it is per
 * location and eventually consistent, and it only knows 10 s and 60 s periods.
 */
export interface GuardLimits {
  limit: number;
  windowMs: number;
}

/** Misses still inside the window at `now`. */
export function recent(misses: readonly number[], now: number, windowMs: number): number[] {
  return misses.filter((t) => t > now - windowMs);
}

/** Milliseconds until this IP may try again, or 0 when it may now. */
export function waitMs(misses: readonly number[], now: number, { limit, windowMs }: GuardLimits): number {
  const inWindow = recent(misses, now, windowMs);
  if (inWindow.length < limit) return 0;
  // Blocked until enough of the oldest misses leave the window to get below the limit.
  return inWindow[inWindow.length - limit]! + windowMs - now;
}

export function limitsFrom(env: { JOIN_GUARD_LIMIT?: string; JOIN_GUARD_WINDOW_SECONDS?: string }): GuardLimits {
  const limit = Number(env.JOIN_GUARD_LIMIT ?? 20);
  const seconds = Number(env.JOIN_GUARD_WINDOW_SECONDS ?? 600);
  return { limit: Number.isFinite(limit) && limit > 0 ? limit : 20, windowMs: (Number.isFinite(seconds) && seconds > 0 ? seconds : 600) * 1000 };
}
