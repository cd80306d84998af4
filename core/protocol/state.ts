/**
 * The game state the flow model advances, and the result of one round. Defined once here
 * as schemas: the worker checks a state it is handed, the room checks a result it gets
 * back, the client reads the same types.
 */
import * as v from 'valibot';
import { SCORING_MODES, scoreWeightsSchema } from './settings';
import { id, int, num } from './validate';

export const MODEL_VERSION = 'enclave-flow/1';

const BIG = 1e12;
const amount = num(0, BIG);
const signed = num(-BIG, BIG);

export const factorVecSchema = v.strictObject({ talent: amount, startups: amount, capital: amount });
const signedVec = v.strictObject({ talent: signed, startups: signed, capital: signed });

export const regionStateSchema = v.strictObject({
  id,
  /** Innovation environment E. */
  environment: num(0, 1000),
  /** Construction-land indicators still available, km² (Λ). */
  landQuota: amount,
  /** Innovation space built so far, km²: sets congestion capacity. */
  innovationSpace: amount,
  /** Land released for production so far, km². */
  productionLand: amount,
  /** Treasury B, money units; negative is debt. */
  treasury: signed,
  /** Knowledge stock Z. */
  knowledge: amount,
  /** Output (GDP) of the last round, money units. */
  output: amount,
  /** Output at the start of the game, for growth scores. */
  initialOutput: amount,
  /** Innovation produced over the game so far. */
  cumulativeInnovation: amount,
  /** Subsidies paid last round, money units: the base of the arms-race index. */
  subsidiesPaid: amount,
});

export const locationStateSchema = v.strictObject({
  /** A city's own id, or a park's id. */
  id,
  /** The city the location physically sits in. */
  host: id,
  /** The city whose policy it is (the host itself for a city). */
  sponsor: id,
  stock: factorVecSchema,
  /** Expected base return (before subsidies) per factor: the adaptive expectation. */
  expected: signedVec,
  /** Last realised base return per factor. */
  realised: signedVec,
});

export const gameStateSchema = v.strictObject({
  model: v.literal(MODEL_VERSION, `must be "${MODEL_VERSION}"`),
  scenario: id,
  seed: int(0, 4294967295),
  /** Rounds resolved so far; the next decisions are for round + 1. */
  round: int(0, 1000),
  params: v.record(v.string(), v.number()),
  /** How scores are counted (game.md "Scoring modes"). */
  scoring: v.strictObject({ mode: v.picklist(SCORING_MODES), weights: scoreWeightsSchema }),
  regions: v.pipe(v.array(regionStateSchema), v.maxLength(64, 'must have at most 64 regions')),
  locations: v.pipe(v.array(locationStateSchema), v.maxLength(512, 'must have at most 512 locations')),
});

export type FactorAmounts = v.InferOutput<typeof factorVecSchema>;
export type RegionState = v.InferOutput<typeof regionStateSchema>;
export type LocationState = v.InferOutput<typeof locationStateSchema>;
export type GameState = v.InferOutput<typeof gameStateSchema>;

// The round's results: what happened and why (flow-model.md §4).

/** The parts a factor's realised return is made of, so the client can say why. */
const returnPartsSchema = v.strictObject({
  /** θ_f · E^ε: the environment's contribution. */
  environment: signed,
  /** Multiplier from agglomeration (1 + κ·X̃^γ). */
  agglomeration: signed,
  /** Multiplier from knowledge spillovers. */
  spillover: signed,
  /** Congestion cost subtracted. */
  congestion: signed,
  /** Subsidy paid per unit. */
  subsidy: signed,
  /** Realised return = environment·agglomeration·spillover − congestion + subsidy. */
  total: signed,
  /** The return factors expected when they moved (adaptive expectation + announced subsidy). */
  expected: signed,
});

const perFactor = <T extends v.GenericSchema>(s: T) =>
  v.strictObject({ talent: s, startups: s, capital: s });

export const fiscalSchema = v.strictObject({
  start: signed,
  tax: signed,
  subsidies: signed,
  environment: signed,
  land: signed,
  end: signed,
});

export const regionResultSchema = v.strictObject({
  id,
  stock: factorVecSchema,
  inflow: factorVecSchema,
  outflow: factorVecSchema,
  returns: perFactor(returnPartsSchema),
  subsidies: factorVecSchema,
  subsidiesPaid: factorVecSchema,
  innovation: amount,
  output: amount,
  fiscal: fiscalSchema,
  /** Score so far and what it is made of (docs/model.md "Score"). */
  score: signed,
  scoreParts: v.strictObject({ output: signed, knowledge: signed, fiscal: signed }),
});

export const flowSchema = v.strictObject({
  factor: v.picklist(['talent', 'startups', 'capital']),
  /** Location id, or "outside" for the rest of the world. */
  from: id,
  to: id,
  amount,
});

export const metricsSchema = v.strictObject({
  innovationGini: num(0, 1),
  outputGini: num(0, 1),
  totalInnovation: amount,
  totalSubsidies: amount,
  /** Total subsidies this round ÷ last round (1 if none last round): the arms-race index. */
  subsidyGrowth: signed,
  entered: factorVecSchema,
  exited: factorVecSchema,
});

export const roundResultSchema = v.strictObject({
  round: int(1, 1000),
  regions: v.array(regionResultSchema),
  flows: v.array(flowSchema),
  metrics: metricsSchema,
});

export type ReturnParts = v.InferOutput<typeof returnPartsSchema>;
export type Fiscal = v.InferOutput<typeof fiscalSchema>;
export type RegionResult = v.InferOutput<typeof regionResultSchema>;
export type Flow = v.InferOutput<typeof flowSchema>;
export type Metrics = v.InferOutput<typeof metricsSchema>;
export type RoundResult = v.InferOutput<typeof roundResultSchema>;
