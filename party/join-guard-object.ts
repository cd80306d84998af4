/** The join guard's Durable Object: one per client key, holding its recent misses (see join-guard.ts). */
import { DurableObject } from 'cloudflare:workers';
import { limitsFrom, recent, waitMs } from './join-guard';

const KEY = 'misses';

export class JoinGuard extends DurableObject<{ JOIN_GUARD_LIMIT?: string; JOIN_GUARD_WINDOW_SECONDS?: string }> {
  /**
   * A connection from this client asked for a code that leads nowhere. Counts the miss and
   * answers 0 while the client is under its limit; over it, answers how many ms to wait and
   * counts nothing (a refused try must not extend the block). Check and count happen in one
   * call, with no other call let in between, so concurrent misses cannot all pass the check
   * before any is counted (200 at once let 43 through when they were two calls).
   */
  async miss(): Promise<number> {
    return this.ctx.blockConcurrencyWhile(async () => {
      const limits = limitsFrom(this.env);
      const now = Date.now();
      const misses = recent((await this.ctx.storage.get<number[]>(KEY)) ?? [], now, limits.windowMs);
      const wait = waitMs(misses, now, limits);
      if (wait > 0) return wait;
      await this.ctx.storage.put(KEY, [...misses, now].slice(-limits.limit * 2));
      // Forget the client once its window has passed: the guard keeps nothing for long.
      await this.ctx.storage.setAlarm(now + limits.windowMs);
      return 0;
    });
  }

  override async alarm(): Promise<void> {
    const limits = limitsFrom(this.env);
    const misses = recent((await this.ctx.storage.get<number[]>(KEY)) ?? [], Date.now(), limits.windowMs);
    if (misses.length === 0) await this.ctx.storage.deleteAll();
    else await this.ctx.storage.setAlarm(misses[misses.length - 1]! + limits.windowMs);
  }
}
