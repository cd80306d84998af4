/**
 * Room codes must not be guessable by trying (issue 4). Six characters from 32 give about
 * 10^9 codes; the guard caps how many codes one client IP may try that lead nowhere: after
 * JOIN_GUARD_LIMIT misses within JOIN_GUARD_WINDOW_SECONDS, every connection from that IP
 * to any room is refused until the window has passed, so an existing room cannot be told
 * apart from a missing one by trying either. Legitimate traffic (a class behind one school
 * NAT reconnecting all day) never misses, so it is never slowed.
 *
 * One small Durable Object per IP keeps the miss times (join-guard-object.ts). Why not wrangler's rate-limit
 * binding: it counts every call (it cannot ask "blocked?" without counting one), it is
 * per location and eventually consistent, and it only knows 10 s and 60 s periods.
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
