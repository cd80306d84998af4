/**
 * Open bids (a game without sealed bids): what a city submitted this round, in words, for
 * the host's monitor and the players' list of cities. The room sends `view.open` only when
 * bids are open and a round runs (party/views.ts).
 */
import type { Decisions } from '../../../core/protocol/decisions';
import type { MainMessages } from '../i18n/main/en';

export function bidText(d: Decisions, words: MainMessages['seats'], num: (x: number, digits: number) => string): string {
  const { talent, startups, capital } = d.subsidies;
  return words.openBid(num(talent, 2), num(startups, 2), num(capital, 2), num(d.land.innovation + d.land.production, 1));
}
