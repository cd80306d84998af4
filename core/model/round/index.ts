/**
 * One round of the flow model as a sequence of named steps (docs/model.md "One round"),
 * each in its own file with one job: the frame every step reads, then what happens in a
 * year in the order it happens. A new mechanism goes in the step it belongs to, or becomes
 * a step of its own between the two it sits between.
 */
import type { SignedDeal } from '../../protocol/deals';
import type { Decisions } from '../../protocol/decisions';
import type { GameEvent } from '../../protocol/events';
import type { GameState, RoundResult } from '../../protocol/state';
import type { ModelContext } from '../context';
import { settleBudgets } from './budgets';
import { diffuse } from './diffusion';
import { updateExpectations } from './expectations';
import { roundFrame } from './frame';
import { screenHunters } from './hunters';
import { innovate } from './innovate';
import { releaseLand } from './land';
import { moveFactors } from './moves';
import { assembleResult } from './result';
import { realiseReturns } from './returns';
import { siteProduction } from './siting';

/** The round's steps up to the next state: what `advance` and `advanceState` share. */
function runSteps(ctx: ModelContext, state: GameState, decisions: Readonly<Record<string, Decisions>>, deals: readonly SignedDeal[], events: readonly GameEvent[]) {
  // Events and deals take effect; locations, geometry and the subsidy schedule are fixed.
  const frame = roundFrame(ctx, state, decisions, deals, events);
  // Land released, science facilities funded and opened.
  const land = releaseLand(frame);
  // Factors move on expected returns; parks admit up to their space; a facility brings talent.
  const moves = moveFactors(frame, land);
  // Subsidy hunters go where startup subsidies are highest; each location screens them.
  const hunters = screenHunters(frame, moves);
  // Realised returns where factors now are.
  const returns = realiseReturns(frame, land, moves, hunters);
  // Innovation, its credit and patents; startups born and matured.
  const innovation = innovate(frame, land, moves, returns);
  // Matured firms site production; old firms close.
  const sited = siteProduction(frame, land, innovation);
  // New firms raise the industrial base where they produce.
  const industrialBase = diffuse(frame, innovation, sited);
  // Output, treasury, environment: the regions' next state.
  const budgets = settleBudgets(frame, { land, moves, hunters, returns, innovation, sited, industrialBase });
  // Expectations for next round: the locations' next state.
  const locations = updateExpectations(frame, innovation.stock, hunters, returns.locations, moves);
  return { frame, steps: { land, moves, hunters, returns, innovation, sited, budgets, locations } };
}

export function advance(
  ctx: ModelContext,
  state: GameState,
  decisions: Readonly<Record<string, Decisions>>,
  deals: readonly SignedDeal[],
  events: readonly GameEvent[],
): { state: GameState; result: RoundResult } {
  const { frame, steps } = runSteps(ctx, state, decisions, deals, events);
  return assembleResult(frame, steps);
}

/**
 * The next state alone, without the round's report: what a bot's projection needs (its
 * score comes from the state's running totals and the baseline). Standing firm pairs, which
 * only the report reads, are left as they were.
 */
export function advanceState(ctx: ModelContext, state: GameState, decisions: Readonly<Record<string, Decisions>>, deals: readonly SignedDeal[] = []): GameState {
  const { frame, steps } = runSteps(ctx, state, decisions, deals, []);
  return { ...state, round: frame.round, regions: steps.budgets.regions, locations: steps.locations, agreements: frame.agreements, policy: frame.policy };
}
