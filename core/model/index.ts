/** The flow model's public surface: pure functions, no I/O. */
export { initialState } from './init';
export { resolveRound, scoreParts, type ResolveOutcome } from './resolve';
export { checkDecisions, estimateSpending, creditLimit, subsidisedStock, type BudgetState, type SpendingEstimate } from './budget';
export { PARAMS, DEFAULT_PARAMS, PARAM_KEYS, checkOverrides, resolveParams, type Params, type ParamKey, type ParamOverrides } from './params';
export { makeContext, type ModelContext } from './context';
export { FACTORS, type Factor, type FactorVec } from './factors';
export { gini, lorenz } from './metrics';
