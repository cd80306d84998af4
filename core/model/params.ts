/**
 * Every number the flow model uses, in one typed table with meaning, default and bounds.
 * A game may override any of them within bounds (the facilitator's "assumptions" panel);
 * an out-of-bounds or unknown key is refused by `resolveParams`. Section numbers are the
 * paper's (../shared/seed), equations are docs/model.md's.
 */
import type { InputError } from '../protocol/validate';

export interface ParamSpec {
  default: number;
  min: number;
  max: number;
  unit: string;
  /** What it means, in words a facilitator can read. */
  meaning: string;
  /** Where the mechanism comes from in the paper. */
  paper: string;
}

export const PARAMS = {
  // Returns (flow-model.md §2 step 2)
  'theta.talent': { default: 1.0, min: 0.1, max: 5, unit: 'money/unit', meaning: 'Base return of one unit of talent in an average environment', paper: '§1.1' },
  'theta.startups': { default: 1.0, min: 0.1, max: 5, unit: 'money/unit', meaning: 'Base return of one startup in an average environment', paper: '§1.1' },
  'theta.capital': { default: 1.0, min: 0.1, max: 5, unit: 'money/unit', meaning: 'Base return of one unit of venture capital in an average environment', paper: '§1.1' },
  envElasticity: { default: 0.4, min: 0, max: 2, unit: '', meaning: 'ε: how strongly the innovation environment E (universities, services, institutional thickness) raises returns', paper: '§1.1' },
  agglomeration: { default: 0.7, min: 0, max: 3, unit: '', meaning: 'κ: weight of agglomeration, the cumulative causation "innovation agglomeration → urban development → re-agglomeration"', paper: '§1.1, §1.2 (Myrdal)' },
  agglomerationExponent: { default: 0.5, min: 0.05, max: 0.95, unit: '', meaning: 'γ (0<γ<1): diminishing strength of agglomeration as a place grows', paper: '§1.1' },
  congestion: { default: 0.5, min: 0, max: 5, unit: 'money/unit', meaning: 'c0: congestion cost when the innovation mass equals the space available', paper: '§1.1, Fig. 1 (diminishing returns make convergence possible)' },
  congestionExponent: { default: 2, min: 1, max: 4, unit: '', meaning: 'δ: how steeply congestion rises as space fills up', paper: '§1.1' },
  spaceDensity: { default: 4, min: 0.5, max: 50, unit: 'units/km²', meaning: 'Innovation mass one km² of innovation space holds before congestion bites', paper: '§4.2 (spatial supply)' },
  spillover: { default: 0.25, min: 0, max: 2, unit: '', meaning: 'w: weight of knowledge spillovers from other cities', paper: '§1.1 (long tail of convergence), note ④ (local buzz)' },
  spilloverReach: { default: 1.5, min: 0.1, max: 10, unit: 'hours', meaning: 'λ: travel time over which spillovers fall to 1/e', paper: '§2.1' },
  // Expectations (step 3)
  expectationWeight: { default: 0.7, min: 0.05, max: 1, unit: '', meaning: 'ω: weight of last round\'s realised return in expected returns (1 = naive cobweb)', paper: '§1.2, Fig. 2 (cobweb)' },
  // Mobility (step 4)
  'mobility.talent': { default: 0.12, min: 0, max: 1, unit: 'share/round', meaning: 'μ: share of talent that reconsiders its location each round', paper: '§1.1' },
  'mobility.startups': { default: 0.25, min: 0, max: 1, unit: 'share/round', meaning: 'μ: share of startups that reconsider their location each round', paper: '§1.1' },
  'mobility.capital': { default: 0.45, min: 0, max: 1, unit: 'share/round', meaning: 'μ: share of capital that reconsiders its location each round', paper: '§1.1' },
  'tasteSpread.talent': { default: 0.4, min: 0.01, max: 5, unit: 'money/unit', meaning: 'τ: spread of talent\'s personal tastes (logit temperature); larger means less responsive to returns', paper: '§1.1' },
  'tasteSpread.startups': { default: 0.35, min: 0.01, max: 5, unit: 'money/unit', meaning: 'τ: spread of startups\' tastes (logit temperature)', paper: '§1.1' },
  'tasteSpread.capital': { default: 0.25, min: 0.01, max: 5, unit: 'money/unit', meaning: 'τ: spread of investors\' tastes (logit temperature)', paper: '§1.1' },
  'moveCost.talent': { default: 0.25, min: 0, max: 5, unit: 'money/unit/hour', meaning: 'm: cost to talent of moving, per hour of travel time', paper: '§3.2 (talent need not leave the ecosystem)' },
  'moveCost.startups': { default: 0.15, min: 0, max: 5, unit: 'money/unit/hour', meaning: 'm: cost to a startup of moving, per hour of travel time', paper: '§1.1' },
  'moveCost.capital': { default: 0.05, min: 0, max: 5, unit: 'money/unit/hour', meaning: 'm: cost to capital of moving, per hour of travel time', paper: '§1.1' },
  outsideReturn: { default: 0.6, min: -5, max: 5, unit: 'money/unit', meaning: 'Return a factor expects outside the map; when every return here is poorer, factors leave', paper: '§1.1' },
  outsideDistance: { default: 3, min: 0, max: 24, unit: 'hours', meaning: 'Travel time between the map and the outside world', paper: '—' },
  factorGrowth: { default: 0.03, min: 0, max: 0.2, unit: 'share/round', meaning: 'g: new factors arriving each round, as a share of the stock, scaled by knowledge growth', paper: '§1.1' },
  // Innovation output (step 6)
  'elasticity.talent': { default: 0.5, min: 0, max: 1, unit: '', meaning: 'a: output elasticity of talent in Q = A·T^a·K^b·S^c', paper: '§1.1' },
  'elasticity.capital': { default: 0.25, min: 0, max: 1, unit: '', meaning: 'b: output elasticity of capital', paper: '§1.1' },
  'elasticity.startups': { default: 0.25, min: 0, max: 1, unit: '', meaning: 'c: output elasticity of startups', paper: '§1.1' },
  knowledgeDecay: { default: 0.05, min: 0, max: 0.5, unit: 'share/round', meaning: 'Share of the knowledge stock Z that becomes obsolete each round', paper: '§1.1' },
  innovationToOutput: { default: 10, min: 0, max: 20, unit: 'money/unit', meaning: 'Output added per unit of innovation produced locally', paper: '§1.2 (innovation → urban development)' },
  baseGrowth: { default: 0.02, min: -0.1, max: 0.15, unit: 'share/round', meaning: 'Growth of output that does not depend on innovation', paper: '—' },
  productivityShock: { default: 0.02, min: 0, max: 0.3, unit: 'sd', meaning: 'Spread of the seeded random shock to each city\'s innovation productivity', paper: '—' },
  // Environment (step 10)
  environmentDecay: { default: 0.02, min: 0, max: 0.3, unit: 'share/round', meaning: 'Share of the environment E that wears off each round without investment', paper: '§1.2' },
  environmentPerMoney: { default: 0.004, min: 0, max: 0.1, unit: 'E/money', meaning: 'Environment gained per unit of money invested', paper: '§2.3' },
  // Fiscal (step 9)
  taxRate: { default: 0.005, min: 0, max: 0.2, unit: 'share', meaning: 'Share of output that reaches the city\'s innovation budget each round', paper: '§4.1 (fiscal competition)' },
  borrowLimit: { default: 0.5, min: 0, max: 3, unit: 'rounds of tax', meaning: 'How far into debt a city may go, in rounds of its initial tax income', paper: '§4.1' },
  landPrice: { default: 1, min: 0, max: 20, unit: 'money/km²', meaning: 'Cost of servicing one km² of released land', paper: '§3.1 (land indicators)' },
} as const satisfies Record<string, ParamSpec>;

export type ParamKey = keyof typeof PARAMS;
export type Params = Record<ParamKey, number>;
export type ParamOverrides = Partial<Record<string, number>>;

export const PARAM_KEYS = Object.keys(PARAMS) as ParamKey[];

export const DEFAULT_PARAMS: Params = Object.fromEntries(
  PARAM_KEYS.map((k) => [k, PARAMS[k].default]),
) as Params;

export function isParamKey(key: string): key is ParamKey {
  return Object.prototype.hasOwnProperty.call(PARAMS, key);
}

/** Check overrides against the table; the first problem is returned, naming the key. */
export function checkOverrides(overrides: ParamOverrides): InputError | null {
  for (const [key, value] of Object.entries(overrides)) {
    if (!isParamKey(key)) return { field: `params.${key}`, rule: 'is not a model parameter' };
    const spec: ParamSpec = PARAMS[key];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return { field: `params.${key}`, rule: 'must be a finite number' };
    }
    if (value < spec.min || value > spec.max) {
      return { field: `params.${key}`, rule: `must be between ${spec.min} and ${spec.max}` };
    }
  }
  return null;
}

/** Defaults with overrides applied. Callers check overrides first (`checkOverrides`). */
export function resolveParams(overrides: ParamOverrides = {}): Params {
  const params: Params = { ...DEFAULT_PARAMS };
  for (const [key, value] of Object.entries(overrides)) {
    if (isParamKey(key) && typeof value === 'number') params[key] = value;
  }
  return params;
}
