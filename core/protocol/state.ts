/**
 * The game state the flow model advances, and the result of one round. Defined once here
 * as schemas: the worker checks a state it is handed, the room checks a result it gets
 * back, the client reads the same types. docs/model.md explains every number.
 */
import * as v from 'valibot';
import { dealIdSchema, OPERATION_MODES } from './deals';
import { eventSchema } from './events';
import { SCORING_MODES, scoreWeightsSchema } from './settings';
import { id, int, num } from './validate';
import { say } from './refusals';

export const MODEL_VERSION = 'enclave-flow/4';

/**
 * Defaults that changed since an earlier model version, by that version. A state made under
 * it is read with them as explicit overrides (and the current version), so games made before
 * play on and replay exactly as they were; new games take the new defaults.
 * - 3 → 4: the big science facility (§2.3) costs 80 a round, not 40, and lifts E by 0.3, not
 *   0.8: funded alone it paid five Zhejiang cities up to +46 points, a win for any Ningbo
 *   that funded it (docs/scoring.md, property 10).
 */
export const EARLIER_DEFAULTS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'enclave-flow/3': { facilityCost: 40, facilityEnvironment: 0.8 },
};
const MODEL_VERSIONS = [MODEL_VERSION, ...Object.keys(EARLIER_DEFAULTS)];

const BIG = 1e12;
const amount = num(0, BIG);
const signed = num(-BIG, BIG);
const share = num(0, 1);

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
  /** Production land occupied by producing firms, km² (free land = productionLand − landUsed). */
  landUsed: amount,
  /** Treasury B, money units; negative is debt. */
  treasury: signed,
  /** Knowledge stock Z physically in the city (the source of spillovers). */
  knowledge: amount,
  /** Output (GDP) of the last round, money units: base + innovation value + production. */
  output: amount,
  /** The part of output that is neither this round's innovation value nor new production. */
  baseOutput: amount,
  /** Value added per round by the producing firms located here (a stock). */
  production: amount,
  /** Producing firms located here (a stock). */
  firms: amount,
  /** Output at the start of the game, for growth scores. */
  initialOutput: amount,
  /** Innovation credited to the city over the game so far (parks split by their deal). */
  cumulativeInnovation: amount,
  /** Output summed over the game's rounds so far. */
  cumulativeOutput: amount,
  /** Fiscal result summed over the rounds so far: revenue less spending, before any unspent money returned to the general budget. */
  cumulativeBalance: signed,
  /** Revenue summed over the rounds so far: tax, provincial support and land sales. */
  cumulativeRevenue: amount,
  /** Patents credited to the city over the game, and the invention patents among them (§3.2). */
  patents: amount,
  inventionPatents: amount,
  /** Industrial base I[s] per sector: 1 is a strong local industry (§3.3, note ⑥). */
  industrialBase: v.record(id, amount),
  /** Rounds of a big science facility funded so far (§2.3). */
  facility: int(0, 100),
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
  /** Genuine factors located here. */
  stock: factorVecSchema,
  /** Subsidy hunters admitted here last round (§4.1): counted apart, they produce nothing. */
  hunters: amount,
  /** Last round's newcomers from another city or from outside (the host's subsidy is owed on them). */
  arrivals: factorVecSchema,
  /** Last round's newcomers from anywhere, the same city included (a park sponsor's subsidy is owed on them). */
  newcomers: factorVecSchema,
  /** Expected base return (before subsidies) per factor: the adaptive expectation. */
  expected: signedVec,
  /** Last realised base return per factor. */
  realised: signedVec,
});

/** A reverse-enclave park (§3): where it sits, who sponsors it, and the deal's terms. */
export const parkStateSchema = v.strictObject({
  /** Location id of the park. */
  id,
  deal: dealIdSchema,
  sponsor: id,
  host: id,
  mode: v.picklist(OPERATION_MODES),
  /** Innovation space of the park, km². */
  space: amount,
  statsShare: share,
  taxShare: share,
  /** Round from which the park exists. */
  since: int(1, 1000),
});

const membersSchema = v.pipe(v.array(id), v.maxLength(64));

/** Most parks a game's state may hold; the model refuses a park deal beyond it (core/model/deals.ts). */
export const MAX_PARKS = 256;

export const agreementsSchema = v.strictObject({
  parks: v.pipe(v.array(parkStateSchema), v.maxLength(MAX_PARKS)),
  /** Science corridors (§2.1), members in order along the axis; the core end is the most developed member. */
  corridors: v.pipe(v.array(v.strictObject({ deal: dealIdSchema, members: membersSchema })), v.maxLength(64)),
  /** Cooperation zones (§2.2). */
  zones: v.pipe(v.array(v.strictObject({ deal: dealIdSchema, members: membersSchema })), v.maxLength(64)),
  /** Coordination platforms (§4.3). */
  platforms: v.pipe(
    v.array(
      v.strictObject({
        deal: dealIdSchema,
        members: membersSchema,
        subsidyCap: v.nullable(amount),
        techTrading: v.boolean(),
      }),
    ),
    v.maxLength(64),
  ),
});

/** Standing rules set by events (docs/protocol.md, the host's `event`). */
export const policySchema = v.strictObject({
  /** National cap on every subsidy per unit (a "unified market" rule), or null. */
  subsidyCap: v.nullable(amount),
  /** Travel times changed by rail lines that have opened, in the order they opened. */
  travel: v.pipe(v.array(v.strictObject({ between: v.tuple([id, id]), hours: num(0, 48) })), v.maxLength(256)),
  /**
   * `false`: no reverse-enclave park may be signed in this game (§3.2; the class treatment
   * "parks not allowed", settings.parks). Absent: parks allowed, as in every game before it.
   */
  parks: v.optional(v.literal(false)),
});

/** Producing firms by the city of their R&D and the city of their production (Fig. 5). */
export const firmPairSchema = v.strictObject({ rd: id, prod: id, firms: amount, value: amount });

/**
 * The baseline (docs/model.md "Score"): the same scenario played by the model with every
 * city on its default policy (no subsidies, production land released as firms come, no
 * deals, no events), computed once when the game starts. One row per round, one number per
 * city in scenario order: the running totals the score compares each city with.
 */
const perCity = v.pipe(v.array(signed), v.maxLength(64));
export const baselineSchema = v.pipe(
  v.array(v.strictObject({ innovation: perCity, output: perCity, balance: perCity, revenue: perCity })),
  v.maxLength(1000),
);

const stateObjectSchema = v.strictObject({
  model: v.picklist(MODEL_VERSIONS, say('one-of', { options: MODEL_VERSIONS })),
  scenario: id,
  seed: int(0, 4294967295),
  /** Rounds resolved so far; the next decisions are for round + 1. */
  round: int(0, 1000),
  params: v.record(v.string(), v.number()),
  /** How scores are counted (docs/model.md "Score"). */
  scoring: v.strictObject({ mode: v.picklist(SCORING_MODES), weights: scoreWeightsSchema }),
  /** The default-policy course every score is measured against, one row per round. */
  baseline: baselineSchema,
  regions: v.pipe(v.array(regionStateSchema), v.maxLength(64, say('invalid', { detail: 'must have at most 64 regions' }))),
  locations: v.pipe(v.array(locationStateSchema), v.maxLength(512, say('invalid', { detail: 'must have at most 512 locations' }))),
  agreements: agreementsSchema,
  policy: policySchema,
  firmPairs: v.pipe(v.array(firmPairSchema), v.maxLength(4096)),
});

/**
 * A state of an earlier model version as the current one: its changed defaults become explicit
 * overrides (a setting the game chose itself wins). Used wherever a state is read: the schema
 * below, and a room's own storage (party/store.ts), which a room live across a deploy reads
 * without a schema. A state of the current version comes back as it is.
 */
export function upgradeState<S extends { model: string; params: Record<string, number> }>(state: S): Omit<S, 'model'> & { model: typeof MODEL_VERSION } {
  if (state.model === MODEL_VERSION) return state as Omit<S, 'model'> & { model: typeof MODEL_VERSION };
  const earlier = EARLIER_DEFAULTS[state.model];
  if (!earlier) throw new Error(`model state is ${JSON.stringify(state.model)}; this code reads ${MODEL_VERSIONS.join(', ')}`);
  return { ...state, model: MODEL_VERSION, params: { ...earlier, ...state.params } };
}

/** A state, read as the current model version: an earlier one's changed defaults become its overrides. */
export const gameStateSchema = v.pipe(stateObjectSchema, v.transform(upgradeState));

export type FactorAmounts = v.InferOutput<typeof factorVecSchema>;
export type RegionState = v.InferOutput<typeof regionStateSchema>;
export type LocationState = v.InferOutput<typeof locationStateSchema>;
export type ParkState = v.InferOutput<typeof parkStateSchema>;
export type Agreements = v.InferOutput<typeof agreementsSchema>;
export type Policy = v.InferOutput<typeof policySchema>;
export type FirmPair = v.InferOutput<typeof firmPairSchema>;
export type GameState = v.InferOutput<typeof gameStateSchema>;
export type Baseline = v.InferOutput<typeof baselineSchema>;

// The round's results: what happened and why (docs/model.md "Results").

/** The parts a factor's realised return is made of, so the client can say why. */
const returnPartsSchema = v.strictObject({
  /** θ_f · E^ε: the environment's contribution. */
  environment: signed,
  /** Multiplier from agglomeration (1 + κ·X̃^γ). */
  agglomeration: signed,
  /** Multiplier from knowledge spillovers. */
  spillover: signed,
  /** Congestion cost subtracted (for a park: the host city's plus the park's own crowding). */
  congestion: signed,
  /** A park's operator services (§4.3 operation mode); 0 in a city. */
  attraction: signed,
  /** Share of the return lost to a downturn this round. */
  downturn: signed,
  /** Subsidy actually paid per unit (host and sponsor together for a park). */
  subsidy: signed,
  /** Realised return = environment·agglomeration·spillover·(1 − downturn) − congestion + attraction + subsidy. */
  total: signed,
  /** The return factors expected when they moved (adaptive expectation + announced subsidy). */
  expected: signed,
});

const perFactor = <T extends v.GenericSchema>(s: T) => v.strictObject({ talent: s, startups: s, capital: s });

/**
 * Treasury arithmetic: end = start + tax + support + landSales − subsidies − environment −
 * land − projects − parkCosts − returned.
 */
export const fiscalSchema = v.strictObject({
  start: signed,
  /** Tax on output, park tax shares included. */
  tax: signed,
  /** Of which: tax received from parks (as sponsor or host). */
  parkTax: signed,
  /** Provincial support for the park space the city hosts (the counterpart-support task). */
  support: signed,
  /** Land sold to firms that site production here ("land finance"). */
  landSales: signed,
  /** Subsidies actually paid to newcomers: own city, parks hosted (host side), parks sponsored, zone pool. */
  subsidies: signed,
  environment: signed,
  /** Up-front cost of land released (innovation space, production land, park space granted). */
  land: signed,
  /** Big science facility. */
  projects: signed,
  /** Running the parks the city sponsors. */
  parkCosts: signed,
  /** Unspent budget returned to the general budget at the end of the round. */
  returned: signed,
  end: signed,
});

export const firmCountsSchema = v.strictObject({
  /** Startups born here this round from innovation (incubation starts). */
  incubated: amount,
  /** Startups that finished incubation here this round and looked for a production site. */
  matured: amount,
  /** Newly matured firms (from anywhere) that sited production here. */
  producedHere: amount,
  /** Firms matured here that sited production in another city. */
  lost: amount,
  /** Firms matured here that left the map for want of an affordable site. */
  left: amount,
  /** Firms from parks this city sponsors that came home to produce (§3.2.1). */
  returned: amount,
  /** Producing firms located here after this round (a stock). */
  producing: amount,
});

export const regionResultSchema = v.strictObject({
  id,
  /** Genuine factors physically in the city, its parks included. */
  stock: factorVecSchema,
  /** Subsidy hunters in the city and its parks. */
  hunters: amount,
  inflow: factorVecSchema,
  outflow: factorVecSchema,
  returns: perFactor(returnPartsSchema),
  /** Subsidy per unit the city announced (after any national cap and zone pooling). */
  subsidies: factorVecSchema,
  /** Subsidies the city paid, by factor (hunters included). */
  subsidiesPaid: factorVecSchema,
  /** Subsidy paid to hunters, and what the city paid to parks it sponsors. */
  subsidiesToHunters: amount,
  parkSubsidiesPaid: amount,
  /** Innovation credited to the city (its own plus its share of parks' statistics). */
  innovation: amount,
  /** Innovation produced physically in the city (its parks included). */
  innovationLocal: amount,
  patents: amount,
  inventionPatents: amount,
  /** Patents that came with firms producing here after R&D elsewhere. */
  patentsTransferred: amount,
  output: amount,
  outputParts: v.strictObject({ base: amount, innovation: amount, production: amount }),
  firms: firmCountsSchema,
  industrialBase: v.record(id, amount),
  land: v.strictObject({
    released: amount,
    /** Production land taken by firms this round. */
    used: amount,
    /** Land quota that came in (+) or went out (−) through park deals this round. */
    transferred: signed,
    quotaLeft: amount,
    freeProductionLand: amount,
  }),
  environment: amount,
  knowledge: amount,
  fiscal: fiscalSchema,
  /** Score so far and what it is made of (docs/model.md "Score"): each part against the city's baseline. */
  score: signed,
  scoreParts: v.strictObject({ innovation: signed, output: signed, budget: signed, region: signed }),
});

/** Factor flows between every pair of locations: matrix[i][j] from ids[i] to ids[j]; the
 * last id is "outside" (arrivals come from it, exits go to it). */
export const flowMatrixSchema = v.strictObject({
  ids: v.array(id),
  talent: v.array(v.array(amount)),
  startups: v.array(v.array(amount)),
  capital: v.array(v.array(amount)),
});

export const parkResultSchema = v.strictObject({
  id,
  deal: dealIdSchema,
  sponsor: id,
  host: id,
  mode: v.picklist(OPERATION_MODES),
  stock: factorVecSchema,
  hunters: amount,
  inflow: factorVecSchema,
  outflow: factorVecSchema,
  returns: perFactor(returnPartsSchema),
  /** Subsidy per unit paid by the host and by the sponsor (startups). */
  subsidyHost: factorVecSchema,
  subsidySponsor: factorVecSchema,
  innovation: amount,
  /** Innovation statistics credited to the sponsor and to the host. */
  innovationToSponsor: amount,
  innovationToHost: amount,
  taxToSponsor: amount,
  taxToHost: amount,
  matured: amount,
  /** Of the park's matured firms: produced in the sponsor, in the host, elsewhere, left. */
  returnedToSponsor: amount,
  producedInHost: amount,
  producedElsewhere: amount,
  left: amount,
  inventionShare: share,
});

const quadrantCell = v.strictObject({ firms: amount, value: signed, profit: signed });
/** Firms by R&D location class × production location class (Fig. 5); core = core or second core. */
export const quadrantSchema = v.strictObject({
  coreCore: quadrantCell,
  corePeriphery: quadrantCell,
  peripheryPeriphery: quadrantCell,
  peripheryCore: quadrantCell,
});

export const dealOutcomeSchema = v.strictObject({
  deal: dealIdSchema,
  applied: v.boolean(),
  /** Why a signed deal could not take effect (the state changed since signing). */
  reason: v.nullable(v.string()),
});

export const capBreachSchema = v.strictObject({
  city: id,
  /** The platform deal whose cap was broken, or "national" for the national cap. */
  cap: v.string(),
  factor: v.picklist(['talent', 'startups', 'capital']),
  /** Park id when the breach was a park subsidy, else null. */
  park: v.nullable(id),
  announced: amount,
  limit: amount,
  /** National cap: the subsidy was cut to the cap. Platform cap: public breach, allowed. */
  enforced: v.boolean(),
});

export const metricsSchema = v.strictObject({
  innovationGini: num(0, 1),
  outputGini: num(0, 1),
  innovationTheil: amount,
  outputTheil: amount,
  totalInnovation: amount,
  totalOutput: amount,
  totalSubsidies: amount,
  /** Total subsidies this round ÷ last round (1 if none last round): the arms-race index. */
  subsidyGrowth: signed,
  /** Share of all subsidies paid that hunters took. */
  hunterSubsidyShare: share,
  hunters: amount,
  /** Subsidies paid per unit of genuine innovation. */
  subsidyPerInnovation: amount,
  /** Share of the production value of core-incubated firms that sits in lagging cities. */
  diffusionShare: share,
  entered: factorVecSchema,
  exited: factorVecSchema,
  /** Startups born from innovation, and startups that matured into firms (they leave the factor stock). */
  born: amount,
  matured: amount,
  firmsSited: amount,
  firmsLeft: amount,
  downturn: num(0, 1),
  subsidyCap: v.nullable(amount),
  capBreaches: v.array(capBreachSchema),
});

export const roundResultSchema = v.strictObject({
  round: int(1, 1000),
  regions: v.array(regionResultSchema),
  parks: v.array(parkResultSchema),
  flows: flowMatrixSchema,
  metrics: metricsSchema,
  /** Newly sited firms this round by location class and by city pair (Fig. 5). */
  quadrant: quadrantSchema,
  firmPairs: v.array(firmPairSchema),
  deals: v.array(dealOutcomeSchema),
  /** Events applied this round, in order. */
  events: v.array(eventSchema),
});

export type ReturnParts = v.InferOutput<typeof returnPartsSchema>;
export type Fiscal = v.InferOutput<typeof fiscalSchema>;
export type FirmCounts = v.InferOutput<typeof firmCountsSchema>;
export type RegionResult = v.InferOutput<typeof regionResultSchema>;
export type ParkResult = v.InferOutput<typeof parkResultSchema>;
export type FlowMatrix = v.InferOutput<typeof flowMatrixSchema>;
export type Quadrant = v.InferOutput<typeof quadrantSchema>;
export type DealOutcome = v.InferOutput<typeof dealOutcomeSchema>;
export type CapBreach = v.InferOutput<typeof capBreachSchema>;
export type Metrics = v.InferOutput<typeof metricsSchema>;
export type RoundResult = v.InferOutput<typeof roundResultSchema>;
