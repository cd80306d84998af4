/** The flow model's public surface: pure functions, no I/O. */
export { initialState, type GameOptions } from './init';
export { checkSettings, gameOptions, scheduledFor } from './settings';
export { resolveRound, type ResolveOutcome, type RoundInputs } from './resolve';
export { diffusionShare, quadrantKey, standingQuadrant } from './quadrant';
export { checkDeal, type DealState } from './deals';
export {
  checkDecisions,
  estimateSpending,
  creditLimit,
  estimatedUnits,
  capWarnings,
  nationalCap,
  type BudgetState,
  type SpendingEstimate,
  type Pending,
} from './budget';
export { PARAMS, PARAM_GROUPS, DEFAULT_PARAMS, PARAM_KEYS, checkOverrides, resolveParams, type Params, type ParamKey, type ParamOverrides, type ParamSpec } from './params';
export { contextFor, makeContext, type ModelContext } from './context';
export { FACTORS, type Factor, type FactorVec } from './factors';
export { gini, theil, lorenz } from './metrics';
export { scorePartsAll, scoreOf, SCORE_PRESETS, type ScoreParts } from './score';
export { affordable, defaultDecisions, defaultLand } from './policy';
export { firmValueOf, firmProfitOf, landPriceOf, wageOf } from './firms';
export { inventionShareOf } from './innovation';
