/**
 * Bots fill seats so a class of five or a kiosk of one can still play (game.md "Bots").
 * Each strategy is a pure function of what a human in that seat would see, plus a seed:
 * no hidden state, no clock, no peeking at sealed bids.
 */
import { checkDecisions, makeContext, resolveParams } from '../model';
import { FACTORS } from '../model/factors';
import { mixSeed, rng } from '../model/rng';
import { MAX_SUBSIDY, noDecisions, type Decisions, type Subsidies } from '../protocol/decisions';
import type { PublicState } from '../protocol/room';
import type { RoundResult } from '../protocol/state';
import type { Scenario } from '../scenarios/schema';

export const BOT_STRATEGIES = ['frugal', 'matcher', 'escalator', 'cooperator', 'random'] as const;
export type BotStrategy = (typeof BOT_STRATEGIES)[number];

/** What a seat sees when it decides: the public state and every published result. */
export interface BotView {
  city: string;
  /** The round being decided. */
  round: number;
  state: PublicState;
  results: readonly RoundResult[];
  scenario: Scenario;
}

const zero: Subsidies = { talent: 0, startups: 0, capital: 0 };

/** Subsidies every other city paid last round (public once resolved). */
function othersLast(view: BotView): Subsidies[] {
  const last = view.results.at(-1);
  return last ? last.regions.filter((r) => r.id !== view.city).map((r) => r.subsidies) : [];
}

const clampRate = (x: number) => Math.min(MAX_SUBSIDY, Math.max(0, Math.round(x * 100) / 100));

function wanted(strategy: BotStrategy, view: BotView, seed: number): Subsidies {
  const others = othersLast(view);
  switch (strategy) {
    case 'frugal':
    case 'cooperator':
      // Pays nothing for factors; the cooperator's gains come from deals instead.
      return zero;
    case 'matcher': {
      // Matches the average subsidy of the other cities last round, factor by factor.
      const mean = (f: keyof Subsidies) => (others.length ? others.reduce((s, x) => s + x[f], 0) / others.length : 0);
      return { talent: clampRate(mean('talent')), startups: clampRate(mean('startups')), capital: clampRate(mean('capital')) };
    }
    case 'escalator': {
      // Outbids the top subsidy of last round by a step: the arms race (§1.2, §4.1).
      const top = (f: keyof Subsidies) => Math.max(0, ...others.map((x) => x[f]));
      return { talent: clampRate(top('talent') + 0.1), startups: clampRate(top('startups') + 0.1), capital: clampRate(top('capital') + 0.1) };
    }
    case 'random': {
      const next = rng(mixSeed(seed, view.city, view.round, 'bot'));
      return { talent: clampRate(next() * 0.6), startups: clampRate(next() * 0.6), capital: clampRate(next() * 0.6) };
    }
  }
}

/**
 * The decisions a bot submits: what its strategy wants, scaled down until it fits the
 * budget (a bot never submits something the room would refuse).
 */
export function botDecisions(strategy: BotStrategy, view: BotView, seed: number): Decisions {
  const ctx = makeContext(view.scenario, resolveParams(view.state.params));
  const want = wanted(strategy, view, seed);
  for (const scale of [1, 0.75, 0.5, 0.25, 0.1, 0]) {
    const subsidies = { ...want };
    for (const f of FACTORS) subsidies[f] = clampRate(want[f] * scale);
    const decisions: Decisions = { ...noDecisions(view.round), subsidies };
    if (!checkDecisions(ctx, view.state, view.city, decisions)) return decisions;
  }
  return noDecisions(view.round);
}

export function isBotStrategy(x: string): x is BotStrategy {
  return (BOT_STRATEGIES as readonly string[]).includes(x);
}
