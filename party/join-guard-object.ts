/** The join guard's Durable Object: one per client IP, holding its recent misses (see join-guard.ts). */
import { DurableObject } from 'cloudflare:workers';
import { limitsFrom, recent, waitMs } from './join-guard';

const KEY = 'misses';

export class JoinGuard extends DurableObject<{ JOIN_GUARD_LIMIT?: string; JOIN_GUARD_WINDOW_SECONDS?: string }> {
  /** Milliseconds this IP must wait before connecting to any room, 0 if it may. */
  async check(): Promise<number> {
    const misses = (await this.ctx.storage.get<number[]>(KEY)) ?? [];
    return waitMs(misses, Date.now(), limitsFrom(this.env));
  }

  /** A connection from this IP asked for a room that holds no game. */
  async miss(): Promise<void> {
    const limits = limitsFrom(this.env);
    const now = Date.now();
    const misses = [...recent((await this.ctx.storage.get<number[]>(KEY)) ?? [], now, limits.windowMs), now];
    await this.ctx.storage.put(KEY, misses.slice(-limits.limit * 2));
    // Forget the IP once its window has passed: the guard keeps nothing for long.
    await this.ctx.storage.setAlarm(now + limits.windowMs);
  }

  override async alarm(): Promise<void> {
    const limits = limitsFrom(this.env);
    const misses = recent((await this.ctx.storage.get<number[]>(KEY)) ?? [], Date.now(), limits.windowMs);
    if (misses.length === 0) await this.ctx.storage.deleteAll();
    else await this.ctx.storage.setAlarm(misses[misses.length - 1]! + limits.windowMs);
  }
}
