/**
 * Every number the flow model uses, in one typed table with meaning, default and bounds.
 * A game may override any of them within bounds (the facilitator's "assumptions" panel);
 * an out-of-bounds or unknown key is refused by `checkOverrides`, naming the key and the
 * rule. Section numbers are the paper's; docs/model.md gives the equations
 * and lists this table (a test keeps the two in step).
 */
import type { InputError } from '../protocol/validate';
import { invalid, refusal } from '../protocol/refusals';

export interface ParamSpec {
  default: number;
  min: number;
  max: number;
  unit: string;
  /** What it means, in words a facilitator can read. */
  meaning: string;
  /** Where the mechanism comes from in the paper. */
  paper: string;
  /** A count: only whole numbers are accepted. */
  integer?: boolean;
}

export const PARAM_GROUPS = [
  'Returns',
  'Expectations',
  'Mobility',
  'Subsidy hunters and park operation',
  'Innovation and patents',
  'Incubation and production siting',
  'Diffusion',
  'Output and environment',
  'Fiscal',
  'Projects and deals',
] as const;
export type ParamGroup = (typeof PARAM_GROUPS)[number];

type Spec = ParamSpec & { group: ParamGroup };

export const PARAMS = {
  // Returns (docs/model.md "2. Returns")
  'theta.talent': { group: 'Returns', default: 1.0, min: 0.1, max: 5, unit: 'money/unit', meaning: 'θ: base return of one unit of talent in an average environment', paper: '§1.1' },
  'theta.startups': { group: 'Returns', default: 1.0, min: 0.1, max: 5, unit: 'money/unit', meaning: 'θ: base return of one startup in an average environment', paper: '§1.1' },
  'theta.capital': { group: 'Returns', default: 1.0, min: 0.1, max: 5, unit: 'money/unit', meaning: 'θ: base return of one unit of venture capital in an average environment', paper: '§1.1' },
  envElasticity: { group: 'Returns', default: 0.2, min: 0, max: 2, unit: '', meaning: 'ε: how strongly the innovation environment E (universities, services, institutional thickness) raises returns', paper: '§1.1, note ①' },
  agglomeration: { group: 'Returns', default: 0.37, min: 0, max: 3, unit: '', meaning: 'κ: weight of agglomeration, the cumulative causation "innovation agglomeration → urban development → re-agglomeration"', paper: '§1.1, §1.2 (Myrdal)' },
  agglomerationExponent: { group: 'Returns', default: 0.65, min: 0.05, max: 0.95, unit: '', meaning: 'γ (0<γ<1): diminishing strength of agglomeration as a place grows', paper: '§1.1' },
  congestion: { group: 'Returns', default: 0.6, min: 0, max: 5, unit: 'money/unit', meaning: 'c0: congestion cost when the innovation mass equals the space available', paper: '§1.1, Fig. 1 (diminishing returns make convergence possible)' },
  congestionExponent: { group: 'Returns', default: 2, min: 1, max: 3, unit: '', meaning: 'δ: how steeply congestion rises as space fills up', paper: '§1.1, §1.2 (cobweb: a thin place overshoots)' },
  spaceDensity: { group: 'Returns', default: 4, min: 0.5, max: 50, unit: 'units/km²', meaning: 'Innovation mass one km² of innovation space holds before congestion bites', paper: '§4.2 (spatial supply)' },
  parkDensity: { group: 'Returns', default: 2, min: 1, max: 20, unit: '×', meaning: 'How many times more innovation mass a km² of park holds than ordinary innovation space (purpose-built incubators)', paper: '§4.2 (spatial supply of enclave parks)' },
  parkShelter: { group: 'Returns', default: 0.5, min: 0, max: 1, unit: 'share', meaning: 'Share of its host city\'s congestion a park\'s tenants escape (they still live and commute in the city)', paper: '§4.2 (spatial supply of enclave parks)' },
  spillover: { group: 'Returns', default: 0.09, min: 0, max: 2, unit: '', meaning: 'w: weight of knowledge spillovers, a city\'s own "local buzz" included', paper: '§1.1 (long tail of convergence), note ④ (local buzz)' },
  spilloverReach: { group: 'Returns', default: 0.9, min: 0.1, max: 10, unit: 'hours', meaning: 'λ: travel time over which spillovers fall to 1/e', paper: '§2.1' },
  // Expectations (step 3)
  expectationWeight: { group: 'Expectations', default: 0.74, min: 0.05, max: 1, unit: '', meaning: 'ω: weight of last round\'s realised return in expected returns (1 = naive cobweb)', paper: '§1.2, Fig. 2, note ② (cobweb)' },
  // Mobility (step 4)
  'mobility.talent': { group: 'Mobility', default: 0.14, min: 0, max: 1, unit: 'share/round', meaning: 'μ: share of talent that reconsiders its location each round (the stickiest factor)', paper: '§1.1, note ①' },
  'mobility.startups': { group: 'Mobility', default: 0.22, min: 0, max: 1, unit: 'share/round', meaning: 'μ: share of startups that reconsider their location each round', paper: '§1.1' },
  'mobility.capital': { group: 'Mobility', default: 0.42, min: 0, max: 1, unit: 'share/round', meaning: 'μ: share of capital that reconsiders its location each round (the most footloose)', paper: '§1.1' },
  'tasteSpread.talent': { group: 'Mobility', default: 0.44, min: 0.01, max: 5, unit: 'money/unit', meaning: 'τ: spread of talent\'s personal tastes (logit temperature); larger means less responsive to returns', paper: '§1.1' },
  'tasteSpread.startups': { group: 'Mobility', default: 0.65, min: 0.01, max: 5, unit: 'money/unit', meaning: 'τ: spread of startups\' tastes (logit temperature)', paper: '§1.1' },
  'tasteSpread.capital': { group: 'Mobility', default: 0.25, min: 0.01, max: 5, unit: 'money/unit', meaning: 'τ: spread of investors\' tastes (logit temperature)', paper: '§1.1' },
  'moveCost.talent': { group: 'Mobility', default: 0.21, min: 0, max: 5, unit: 'money/unit/hour', meaning: 'm: cost to talent of moving, per hour of travel time (talent would rather not leave its ecosystem)', paper: '§3.2, §3.3' },
  'moveCost.startups': { group: 'Mobility', default: 0.13, min: 0, max: 5, unit: 'money/unit/hour', meaning: 'm: cost to a startup of moving, per hour of travel time', paper: '§1.1' },
  'moveCost.capital': { group: 'Mobility', default: 0.048, min: 0, max: 5, unit: 'money/unit/hour', meaning: 'm: cost to capital of moving, per hour of travel time', paper: '§1.1' },
  ties: { group: 'Mobility', default: 0.8, min: 0, max: 0.95, unit: 'share', meaning: 'Local ties: share of each city\'s return gap to the regional mean at the start that housing, family and quality of life offset, so factors do not all leave on day one', paper: '§1.1 (factors follow return differentials, but stickily)' },
  outsideReturn: { group: 'Mobility', default: 0.38, min: -5, max: 5, unit: 'money/unit', meaning: 'Return a factor expects outside the map; when every return here is poorer, factors leave', paper: '§1.1' },
  outsideDistance: { group: 'Mobility', default: 3, min: 0, max: 24, unit: 'hours', meaning: 'Travel time between the map and the outside world', paper: '§1.1' },
  vacancy: { group: 'Mobility', default: 0.53, min: 0, max: 2, unit: 'share', meaning: 'Share of a place\'s innovation-space capacity that draws factors as vacancies while it is emptier than that (a new park, new incubator space)', paper: '§4.2 (spatial supply)' },
  factorGrowth: { group: 'Mobility', default: 0.02, min: 0, max: 0.05, unit: 'share/round', meaning: 'g: new factors arriving each round, as a share of the stock, scaled by the growth of knowledge', paper: '§1.1' },
  // Hunters and park operation (steps 5)
  hunterRate: { group: 'Subsidy hunters and park operation', default: 1.65, min: 0, max: 3, unit: 'share of startups', meaning: 'Hunters per genuine startup when startup subsidies equal the fundamental return', paper: '§4.1 (enclaves raising subsidies lead firms to chase them)' },
  hunterElasticity: { group: 'Subsidy hunters and park operation', default: 1.5, min: 0.5, max: 2, unit: '', meaning: 'How fast the number of hunters grows with subsidies relative to fundamentals', paper: '§4.1' },
  hunterSpread: { group: 'Subsidy hunters and park operation', default: 0.05, min: 0.005, max: 1, unit: 'money/unit', meaning: 'Hunters\' taste spread: near zero, they go wherever the subsidy is highest', paper: '§4.1' },
  'screening.city': { group: 'Subsidy hunters and park operation', default: 0.5, min: 0, max: 1, unit: 'share', meaning: 'Share of hunters a city\'s own programmes screen out', paper: '§4.1' },
  'screening.government': { group: 'Subsidy hunters and park operation', default: 0.85, min: 0, max: 1, unit: 'share', meaning: 'Share of hunters a government-run park screens out ("death if managed": tight, but slow)', paper: '§4.3' },
  'screening.thirdParty': { group: 'Subsidy hunters and park operation', default: 0.2, min: 0, max: 1, unit: 'share', meaning: 'Share of hunters a third-party operator screens out ("chaos if released": weak control of projects)', paper: '§4.3' },
  'screening.mixed': { group: 'Subsidy hunters and park operation', default: 0.45, min: 0, max: 1, unit: 'share', meaning: 'Share of hunters a mixed park screens out without an evaluation index', paper: '§4.3' },
  'screening.mixedIndexed': { group: 'Subsidy hunters and park operation', default: 0.8, min: 0, max: 1, unit: 'share', meaning: 'Share a mixed park screens out when sponsor and host share a coordination platform (its evaluation index)', paper: '§4.3 (evaluation indices, joint meetings)' },
  'attraction.government': { group: 'Subsidy hunters and park operation', default: -0.22, min: -2, max: 2, unit: 'money/unit', meaning: 'Return a government-run park\'s services add for genuine factors ("little efficiency in attracting projects")', paper: '§4.3' },
  'attraction.thirdParty': { group: 'Subsidy hunters and park operation', default: 0.69, min: -2, max: 2, unit: 'money/unit', meaning: 'Return a third-party operator\'s services and marketing add for genuine factors', paper: '§4.3' },
  'attraction.mixed': { group: 'Subsidy hunters and park operation', default: 0.15, min: -2, max: 2, unit: 'money/unit', meaning: 'Return a mixed park\'s services add for genuine factors', paper: '§4.3' },
  // Innovation (step 6)
  'elasticity.talent': { group: 'Innovation and patents', default: 0.5, min: 0, max: 1, unit: '', meaning: 'a: output elasticity of talent in Q = A·T^a·K^b·S^c', paper: '§1.1' },
  'elasticity.capital': { group: 'Innovation and patents', default: 0.25, min: 0, max: 1, unit: '', meaning: 'b: output elasticity of capital', paper: '§1.1' },
  'elasticity.startups': { group: 'Innovation and patents', default: 0.25, min: 0, max: 1, unit: '', meaning: 'c: output elasticity of startups', paper: '§1.1' },
  innovationEnvironment: { group: 'Innovation and patents', default: 0.3, min: 0, max: 1, unit: '', meaning: 'How strongly the environment E raises innovation productivity A', paper: '§2.3, §3.2.1' },
  knowledgeDecay: { group: 'Innovation and patents', default: 0.05, min: 0, max: 0.5, unit: 'share/round', meaning: 'Share of the knowledge stock Z that becomes obsolete each round', paper: '§1.1' },
  productivityShock: { group: 'Innovation and patents', default: 0.02, min: 0, max: 0.3, unit: 'sd', meaning: 'Spread of the seeded random shock to each city\'s innovation productivity', paper: '—' },
  patentsPerInnovation: { group: 'Innovation and patents', default: 2, min: 0, max: 50, unit: 'patents/unit', meaning: 'Patents granted per unit of innovation', paper: '§3.2, note ⑤' },
  inventionShareLow: { group: 'Innovation and patents', default: 0.108, min: 0, max: 1, unit: 'share', meaning: 'Invention share of patents from a thin R&D ecosystem (Longyou county: 615 of 5,693 ≈ 10.8%)', paper: '§3.2' },
  inventionShareHigh: { group: 'Innovation and patents', default: 0.3, min: 0, max: 1, unit: 'share', meaning: 'Invention share of patents from a rich R&D ecosystem (the enclave firm: 13 of 40+ ≈ 30%)', paper: '§3.2' },
  qualityLow: { group: 'Innovation and patents', default: 0.7, min: 0, max: 5, unit: 'index', meaning: 'R&D quality at or below which patents have the low invention share', paper: '§3.2' },
  qualityHigh: { group: 'Innovation and patents', default: 1.6, min: 0, max: 10, unit: 'index', meaning: 'R&D quality at or above which patents have the high invention share', paper: '§3.2' },
  // Incubation and production siting (steps 6–7)
  maturation: { group: 'Incubation and production siting', default: 0.3, min: 0, max: 1, unit: 'share/round', meaning: 'Share of genuine startups that finish incubation each round (0.3–0.5: two to three rounds)', paper: '§3.2.1 (incubate in Hangzhou, produce in Quzhou)' },
  parkIncubation: { group: 'Incubation and production siting', default: 3, min: 1, max: 3, unit: '×', meaning: 'How much faster a park\'s startups finish incubation than elsewhere (purpose-built incubators, services of both governments)', paper: '§3.2.1 (incubate in Hangzhou, produce in Quzhou)' },
  startupBirth: { group: 'Incubation and production siting', default: 1, min: 0, max: 5, unit: '×', meaning: 'Startups born per unit of innovation, as a multiple of each city\'s own rate at the start (1: births replace the startups that mature)', paper: '§3.2.1' },
  firmValue: { group: 'Incubation and production siting', default: 11.5, min: 0, max: 200, unit: 'money/firm/round', meaning: 'v0: value added per round by a mature firm of average R&D quality in a fully matching industrial base', paper: '§3.2, Fig. 5' },
  matchHalf: { group: 'Incubation and production siting', default: 0.5, min: 0.01, max: 10, unit: 'index', meaning: 'Industrial base at which a firm gets half its value from the sector match (I/(I + half))', paper: '§3.3, note ⑥ (localisation economies)' },
  siteReach: { group: 'Incubation and production siting', default: 0.6, min: 0.2, max: 48, unit: 'hours', meaning: 'Travel time from the R&D site over which a firm\'s value falls to 1/e (R&D and plant must talk)', paper: '§3.2' },
  landCost: { group: 'Incubation and production siting', default: 2.1, min: 0, max: 50, unit: 'money/firm', meaning: 'Price of a firm\'s production land in a city of average output per head; dearer where richer and where land is short', paper: '§3.2 (high production cost in Hangzhou)' },
  wageCost: { group: 'Incubation and production siting', default: 2.1, min: 0, max: 50, unit: 'money/firm/round', meaning: 'Wage bill of a firm in a city of average output per head', paper: '§3.2' },
  landScarcity: { group: 'Incubation and production siting', default: 1, min: 0, max: 10, unit: '', meaning: 'How much land prices rise as free production land runs short', paper: '§3.1 (Hangzhou lacks land indicators)' },
  landPerFirm: { group: 'Incubation and production siting', default: 0.1, min: 0.001, max: 10, unit: 'km²/firm', meaning: 'Production land (and land quota) one mature firm consumes', paper: '§3.1, §3.2' },
  returnPull: { group: 'Incubation and production siting', default: 4, min: 0, max: 20, unit: 'money/firm', meaning: 'Pull of a park\'s sponsor on the park\'s firms to produce at home (joint support of both governments)', paper: '§3.2.1, Fig. 6' },
  parkLink: { group: 'Incubation and production siting', default: 0.88, min: 0, max: 0.95, unit: 'share', meaning: 'How much the joint support of sponsor and host shortens the R&D–plant distance for a park\'s firms that produce in the sponsor', paper: '§3.2.1, Fig. 6 (R&D in Hangzhou, production in Quzhou)' },
  firmSpread: { group: 'Incubation and production siting', default: 1.5, min: 0.05, max: 20, unit: 'money/firm', meaning: 'Spread of firms\' site preferences (logit temperature)', paper: '§3.2' },
  firmOutside: { group: 'Incubation and production siting', default: -2, min: -50, max: 50, unit: 'money/firm', meaning: 'What a firm gets by producing off the map; with nowhere better in reach, it leaves', paper: '§1.2 (third paradox)' },
  stayPenalty: { group: 'Incubation and production siting', default: 0.4, min: 0, max: 1, unit: 'share', meaning: 'Value lost by a firm that stays at its R&D city without production land (rented, cramped)', paper: '§3.2' },
  firmExit: { group: 'Incubation and production siting', default: 0.05, min: 0, max: 0.5, unit: 'share/round', meaning: 'Share of producing firms that close each round', paper: '—' },
  // Diffusion (step 8)
  baseGain: { group: 'Diffusion', default: 6, min: 0, max: 100, unit: 'index/output share', meaning: 'Rise of the industrial base of a sector per unit of output share added by new firms in it', paper: '§3.3 (returning firms upgrade local industry)' },
  relatedShare: { group: 'Diffusion', default: 0.4, min: 0, max: 1, unit: 'share', meaning: 'Share of that rise that reaches related sectors (upstream and downstream)', paper: '§3.3 (upstream and downstream chains)' },
  patentsPerFirm: { group: 'Diffusion', default: 4, min: 0, max: 100, unit: 'patents/firm', meaning: 'Patents a firm takes along when it produces away from its R&D city (the firm in §3.2 transferred 40+)', paper: '§3.2' },
  patentKnowledge: { group: 'Diffusion', default: 0.05, min: 0, max: 0.5, unit: 'knowledge/patent', meaning: 'Knowledge a transferred patent adds to the production city', paper: '§3.3 (patent cooperation, weekend engineers)' },
  techLicensing: { group: 'Diffusion', default: 0.2, min: 0, max: 1, unit: 'share', meaning: 'Share of another platform member\'s innovation that a member\'s industries license through technology trading, before distance (it fades like spillovers)', paper: '§4.3 (technology-trading platforms, technology brokers)' },
  techTrading: { group: 'Diffusion', default: 0.1, min: 0, max: 1, unit: 'share', meaning: 'How much a technology-trading platform cuts the distance cost of diffusion between members (and raises the knowledge transferred)', paper: '§4.3 (technology-trading platforms, technology brokers)' },
  // Output and environment (steps 6, 10)
  innovationToOutput: { group: 'Output and environment', default: 10, min: 0, max: 50, unit: 'money/unit', meaning: 'Value of one unit of innovation where a matching industry absorbs it fully', paper: '§1.2 (innovation → urban development)' },
  innovationGrowth: { group: 'Output and environment', default: 0.3, min: 0, max: 1, unit: 'share', meaning: 'Share of a round\'s innovation value that stays as lasting output where the innovation was done', paper: '§1.2 (innovation agglomeration → urban development)' },
  absorbHalf: { group: 'Output and environment', default: 0.5, min: 0.01, max: 10, unit: 'index', meaning: 'Industrial base at which half of local innovation turns into output ("innovation for innovation\'s sake" below it)', paper: '§2.3' },
  weakBase: { group: 'Output and environment', default: 0.2, min: 0, max: 1, unit: 'index', meaning: 'Industrial base of a sector that is not among a city\'s strengths at the start', paper: '§3.3, note ⑥' },
  baseGrowth: { group: 'Output and environment', default: 0.02, min: -0.1, max: 0.15, unit: 'share/round', meaning: 'Growth of the part of output that does not come from innovation or new firms', paper: '—' },
  downturnDepth: { group: 'Output and environment', default: 0.2, min: 0, max: 1, unit: '', meaning: 'How much of a downturn\'s severity comes off base output growth', paper: 'a host event (docs/protocol.md)' },
  environmentDecay: { group: 'Output and environment', default: 0.03, min: 0, max: 0.3, unit: 'share/round', meaning: 'Share of the environment E that wears off each round without investment', paper: '§1.2' },
  environmentPerMoney: { group: 'Output and environment', default: 0.005, min: 0, max: 0.1, unit: 'E/money', meaning: 'Environment gained per unit of money invested', paper: '§1.2, §4.3' },
  environmentDensity: { group: 'Output and environment', default: 0.46, min: 0, max: 2, unit: '', meaning: 'How much innovation density sustains the environment (institutional thickness)', paper: '§1.1, §1.2' },
  // Fiscal (step 9)
  taxRate: { group: 'Fiscal', default: 0.005, min: 0.001, max: 0.2, unit: 'share', meaning: 'Share of output that reaches the city\'s innovation budget each round', paper: '§4.1 (fiscal competition)' },
  borrowLimit: { group: 'Fiscal', default: 0.5, min: 0, max: 3, unit: 'rounds of tax', meaning: 'How far into debt a city may go, in rounds of its initial tax income', paper: '§4.1' },
  landPrice: { group: 'Fiscal', default: 12, min: 0, max: 50, unit: 'money/km²', meaning: 'Up-front cost of releasing one km² of land quota (compensation for farmland, site servicing), for innovation space, production land or park space; it earns back only when firms buy the land', paper: '§3.1 (land indicators)' },
  spacePrice: { group: 'Fiscal', default: 12, min: 0, max: 100, unit: 'money/km²', meaning: 'Up-front cost of building one km² of innovation space (labs, incubators, services) on land released for it, on top of the land itself', paper: '§4.2 (spatial supply of innovation)' },
  subsidyRounds: { group: 'Fiscal', default: 1.5, min: 1, max: 6, unit: 'rounds', meaning: 'Rounds of the announced rate a newcomer receives, paid on arrival (introduction packages, rent-free years); those already there are not paid', paper: '§4.1 (preferential policies to attract talent and firms)' },
  budgetCarryover: { group: 'Fiscal', default: 0.8, min: 0.5, max: 1, unit: 'share', meaning: 'Share of an unspent innovation budget kept for next round; the rest returns to the general budget', paper: '§4.1 (fiscal competition)' },
  parkRunningCost: { group: 'Fiscal', default: 1.5, min: 0, max: 50, unit: 'money/km²/round', meaning: 'What running a park costs its sponsor each round per km² of park space (rent, staff, services in the host)', paper: '§3.2 (the sponsor builds and runs the park)' },
  counterpartSupport: { group: 'Fiscal', default: 1, min: 0, max: 50, unit: 'money/km²/round', meaning: 'Provincial support a host city receives each round per km² of park space it hosts (the counterpart-support task)', paper: '§3.1, note ③ (Mountain–Sea Cooperation)' },
  // Projects and deals (docs/model.md "Projects and deals")
  corridorReach: { group: 'Projects and deals', default: 2.2, min: 0, max: 10, unit: '', meaning: 'How much a science corridor lengthens spillover reach between members (λ × (1 + this × fade))', paper: '§2.1' },
  corridorMoveDiscount: { group: 'Projects and deals', default: 0.5, min: 0, max: 1, unit: 'share', meaning: 'Share of moving cost a corridor removes between members (× fade)', paper: '§2.1 (high-frequency flows along the axis)' },
  corridorFade: { group: 'Projects and deals', default: 1.03, min: 0.1, max: 24, unit: 'hours', meaning: 'Travel time from the corridor\'s core end over which its benefit falls to 1/e (Jiaxing gains, Jinhua and Xuancheng do not)', paper: '§2.1' },
  corridorHopHours: { group: 'Projects and deals', default: 2.5, min: 0.1, max: 24, unit: 'hours', meaning: 'Longest trip between neighbouring members of a corridor (it follows a transport axis)', paper: '§2.1' },
  zoneAdjacencyHours: { group: 'Projects and deals', default: 1.5, min: 0.1, max: 24, unit: 'hours', meaning: 'Cities this close are adjacent; a cooperation zone must be connected by adjacency', paper: '§2.2' },
  facilityCost: { group: 'Projects and deals', default: 80, min: 0, max: 1e4, unit: 'money/round', meaning: 'Cost of each funded round of a big science facility', paper: '§2.3 (huge scale of investment)' },
  facilityRounds: { group: 'Projects and deals', default: 3, min: 1, max: 20, unit: 'rounds', meaning: 'Funded rounds before a big science facility opens', paper: '§2.3', integer: true },
  facilityEnvironment: { group: 'Projects and deals', default: 0.3, min: 0, max: 10, unit: 'E', meaning: 'Jump of the environment E when a facility opens', paper: '§2.3 (Guangming Science City)' },
  facilityTalent: { group: 'Projects and deals', default: 0.15, min: 0, max: 5, unit: 'share of talent', meaning: 'Top talent arriving from outside when a facility opens, as a share of the city\'s talent', paper: '§2.3' },
  parksPerHost: { group: 'Projects and deals', default: 6, min: 1, max: 64, unit: 'parks', meaning: 'Most parks one host city may hold', paper: '§4.1', integer: true },
  parksPerSponsor: { group: 'Projects and deals', default: 2, min: 1, max: 64, unit: 'parks', meaning: 'Most parks one sponsor may run', paper: '§4.1', integer: true },
} as const satisfies Record<string, Spec>;

export type ParamKey = keyof typeof PARAMS;
export type Params = Record<ParamKey, number>;
export type ParamOverrides = Partial<Record<string, number>>;

export const PARAM_KEYS = Object.keys(PARAMS) as ParamKey[];

export const DEFAULT_PARAMS: Params = Object.fromEntries(PARAM_KEYS.map((k) => [k, PARAMS[k].default])) as Params;

export function isParamKey(key: string): key is ParamKey {
  return Object.prototype.hasOwnProperty.call(PARAMS, key);
}

/**
 * Rules that bind several parameters together, so that every allowed setting plays a whole
 * game (30 rounds) without a figure running away (tests/model/property.test.ts draws random
 * settings and checks it):
 * - innovation has non-increasing returns to the factors together (a + b + c ≤ 1),
 *   otherwise more factors make ever more knowledge that draws ever more factors;
 * - nor strongly increasing returns once the environment is counted: innovation density
 *   sustains the environment (E ∝ X^environmentDensity, core/model/round/budgets.ts) and it raises
 *   innovation (Q ∝ E^innovationEnvironment, §2.3), so in the long run Q grows like
 *   X^(a + b + c + innovationEnvironment · environmentDensity). Past 1.25, knowledge and the
 *   new factors it brings (factorGrowth) feed each other faster every round;
 * - startups do not breed without bound: each round's births replace `startupBirth` times
 *   the startups that mature, and a startup's share of innovation is c, so births alone
 *   carry the startup stock to startupBirth^(1/(1 − c)) times where it starts (§3.2.1);
 *   at most 10 times.
 */
const JOINT_RULES: readonly { keys: readonly ParamKey[]; holds: (p: Params) => boolean; rule: string }[] = [
  {
    keys: ['elasticity.talent', 'elasticity.capital', 'elasticity.startups'],
    holds: (p) => p['elasticity.talent'] + p['elasticity.capital'] + p['elasticity.startups'] <= 1 + 1e-9,
    rule: 'must sum to at most 1 (innovation may not have increasing returns to its factors)',
  },
  {
    keys: ['innovationEnvironment', 'environmentDensity', 'elasticity.talent', 'elasticity.capital', 'elasticity.startups'],
    holds: (p) => p['elasticity.talent'] + p['elasticity.capital'] + p['elasticity.startups'] + p.innovationEnvironment * p.environmentDensity <= 1.25 + 1e-9,
    rule: 'must keep a + b + c + innovationEnvironment × environmentDensity at most 1.25 (innovation may not have strongly increasing returns once the environment that density sustains is counted)',
  },
  {
    keys: ['startupBirth', 'elasticity.startups'],
    holds: (p) => p.startupBirth <= 0 || Math.log(p.startupBirth) <= Math.log(10) * (1 - p['elasticity.startups']) + 1e-9,
    rule: 'must keep startupBirth^(1/(1 − elasticity.startups)) at most 10 (births may not multiply the startups more than tenfold)',
  },
];

/** Check overrides against the table; the first problem is returned, naming the key. */
export function checkOverrides(overrides: ParamOverrides): InputError | null {
  for (const [key, value] of Object.entries(overrides)) {
    if (!isParamKey(key)) return refusal(`params.${key}`, 'not-a-parameter', {});
    const spec: ParamSpec = PARAMS[key];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return refusal(`params.${key}`, 'not-finite', {});
    }
    if (value < spec.min || value > spec.max) {
      return refusal(`params.${key}`, 'between', { min: spec.min, max: spec.max });
    }
    if (spec.integer && !Number.isInteger(value)) return refusal(`params.${key}`, 'whole-number', {});
  }
  const params = resolveParams(overrides);
  for (const joint of JOINT_RULES) {
    if (joint.holds(params)) continue;
    const key = joint.keys.find((k) => k in overrides) ?? joint.keys[0]!;
    const others = joint.keys.filter((k) => k !== key).join(' and ');
    return invalid(`params.${key}`, `with ${others} ${joint.rule}`);
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
