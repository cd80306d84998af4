/**
 * A whole game played by bots, without a room: negotiation, decisions, resolution, round
 * after round. Used by the simulation CLI, the tests and the benchmark; pure and seeded.
 * Deals follow the room's rules (core/deals): they stay open across rounds, keep only the
 * proposer's acceptance after each resolution, and lapse when the game ends.
 */
import { dealView, emptyBook, lapseOpenDeals, reopenAfterResolution, visibleTo, type BookEntry, type DealBook } from '../deals';
import { initialState, resolveRound, type GameOptions } from '../model';
import type { ParamOverrides } from '../model/params';
import type { SignedDeal } from '../protocol/deals';
import type { Decisions } from '../protocol/decisions';
import type { GameEvent } from '../protocol/events';
import type { ScoreWeights, ScoringMode } from '../protocol/settings';
import type { GameState, RoundResult } from '../protocol/state';
import type { Scenario } from '../scenarios/schema';
import { botDecisions, type BotStrategy } from './index';
import { negotiateRound } from './negotiate';

export interface BotGameOptions {
  rounds: number;
  seed: number;
  /** Strategy of every city. */
  strategies: Readonly<Record<string, BotStrategy>>;
  params?: ParamOverrides;
  scoring?: ScoringMode;
  /** Weights for `custom` scoring. */
  weights?: ScoreWeights;
  /** Room rules (core/protocol/settings.ts): a founding platform with its cap, parks barred. */
  platform?: GameOptions['platform'];
  parks?: boolean;
  /** Events injected before the given round (1-based). */
  events?: Readonly<Record<number, readonly GameEvent[]>>;
  /** Deals signed in the given round, on top of what the bots negotiate. */
  deals?: Readonly<Record<number, readonly SignedDeal[]>>;
  /** Whether bots negotiate deals among themselves (default true). */
  negotiate?: boolean;
  /** Replace a city's decisions (a scripted player among bots). */
  override?: (round: number, city: string, state: GameState, bot: Decisions) => Decisions;
}

export interface PlayedRound {
  decisions: Record<string, Decisions>;
  deals: SignedDeal[];
  events: GameEvent[];
  result: RoundResult;
}

export interface BotGame {
  initial: GameState;
  state: GameState;
  rounds: PlayedRound[];
  book: DealBook;
  /** Every step of the deal book in order, lapses at the end included (what a record's deal log holds). */
  log: BookEntry[];
}

export function playBotGame(scenario: Scenario, options: BotGameOptions): BotGame {
  const { platform, parks } = options;
  const initial = initialState(scenario, { seed: options.seed, rounds: options.rounds, params: options.params, scoring: options.scoring, weights: options.weights, ...(platform ? { platform } : {}), ...(parks === false ? { parks } : {}) });
  let state = initial;
  let book = emptyBook();
  const log: BookEntry[] = [];
  const rounds: PlayedRound[] = [];
  const results: RoundResult[] = [];
  for (let t = 1; t <= options.rounds; t++) {
    let signed: SignedDeal[] = [];
    if (options.negotiate !== false) {
      const negotiated = negotiateRound(scenario, state, results, options.strategies, options.seed, book);
      ({ book, signed } = negotiated);
      log.push(...negotiated.log);
    }
    const deals = [...signed, ...(options.deals?.[t] ?? [])];
    const events = [...(options.events?.[t] ?? [])];
    const { seed: _seed, ...pub } = state;
    const decisions = Object.fromEntries(
      scenario.regions.map((r) => {
        const view = { city: r.id, round: t, state: pub, results, scenario, deals: visibleTo(book, r.id).map(dealView), events };
        const bot = botDecisions(options.strategies[r.id] ?? 'frugal', view, options.seed);
        return [r.id, options.override ? options.override(t, r.id, state, bot) : bot];
      }),
    );
    const out = resolveRound(scenario, state, decisions, { deals, events });
    if (!out.ok) throw new Error(`round ${t}: ${out.error.field}: ${out.error.rule}`);
    state = out.state;
    results.push(out.result);
    rounds.push({ decisions, deals, events, result: out.result });
    // What the room does once a round is resolved (party/rules/rounds.ts applyResolution, finish).
    if (t < options.rounds) book = reopenAfterResolution(book);
    else {
      const lapsed = lapseOpenDeals(book, t);
      book = lapsed.book;
      log.push(...lapsed.log);
    }
  }
  return { initial, state, rounds, book, log };
}
