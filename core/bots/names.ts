/**
 * Bot strategies by name: what the protocol checks and the client shows. Kept apart from the
 * strategies themselves (./index.ts), which run the model, so a phone that only names a bot
 * never downloads them.
 */
import { MAX_SUBSIDY } from '../protocol/decisions';

/** The named strategies; `fixed:RATE` (RATE from 0 to MAX_SUBSIDY) is the one family besides. */
export const BOT_STRATEGIES = ['frugal', 'matcher', 'escalator', 'cooperator', 'best-response', 'random'] as const;
export type NamedStrategy = (typeof BOT_STRATEGIES)[number];
export type BotStrategy = NamedStrategy | `fixed:${string}`;

/** The rate of a `fixed:RATE` strategy, or null for any other name. */
export function fixedRate(strategy: string): number | null {
  const m = /^fixed:(\d+(?:\.\d+)?)$/.exec(strategy);
  if (!m) return null;
  const rate = Number(m[1]);
  return rate <= MAX_SUBSIDY ? rate : null;
}

/** What `strategy` must look like: the arguments of the `strategy` refusal (core/protocol/refusals.ts), and its English sentence. */
export const STRATEGY_ARGS = { strategies: [...BOT_STRATEGIES], max: MAX_SUBSIDY };
export const STRATEGY_RULE = `must be one of ${BOT_STRATEGIES.join(', ')}, or fixed:RATE with RATE from 0 to ${MAX_SUBSIDY}`;

/** A strategy the room accepts: a named one, or fixed:RATE within the subsidy range. */
export function isBotStrategy(x: string): x is BotStrategy {
  return (BOT_STRATEGIES as readonly string[]).includes(x) || fixedRate(x) !== null;
}
