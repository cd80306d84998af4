/**
 * Per-client limits on the public routes that cost the most: creating a game (each room is
 * kept for days) and the model routes (replay, what-if, resolve). They use Cloudflare's
 * rate-limiting binding (`[[ratelimits]]` in wrangler.toml), which wrangler dev simulates
 * locally, keyed by the client address the platform vouches for (worker/client.ts; one
 * shared key under `npm start`, where no address can be trusted).
 *
 * The binding only says yes or no, and only knows 10 s and 60 s periods: a refusal asks the
 * client to come back after one whole period, which is never wrong.
 */
import type { MiddlewareHandler } from 'hono';
import { clientKey } from './client';

export type LimitBinding = 'CREATE_LIMIT' | 'MODEL_LIMIT';

/** The period of both bindings in wrangler.toml, seconds. */
export const LIMIT_PERIOD_SECONDS = 60;

export function perClient(binding: LimitBinding, what: string): MiddlewareHandler<{ Bindings: Env }> {
  return async (c, next) => {
    // In-process tests run the app without bindings at all.
    const limiter = c.env?.[binding];
    if (!limiter) return next();
    const { success } = await limiter.limit({ key: clientKey(c.req.raw, c.env) });
    if (success) return next();
    return c.json(
      { error: { field: '(rate)', rule: `too many ${what} from this address; try again in ${LIMIT_PERIOD_SECONDS} s` } },
      429,
      { 'retry-after': String(LIMIT_PERIOD_SECONDS) },
    );
  };
}
