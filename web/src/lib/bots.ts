/** A bot's strategy in the reader's words: a named one, or `fixed:RATE` (core/bots). */
import { fixedRate } from '../../../core/bots/names';
import { i18n, lookup } from './i18n.svelte';

export function botName(strategy: string): string {
  const rate = fixedRate(strategy);
  return rate === null ? lookup(i18n.main.strategies, strategy) : i18n.main.fixedStrategy(i18n.num(rate, 2));
}
