/**
 * From checked city rows to a whole scenario, every figure the sheet leaves empty derived by
 * the rules the built-in Zhejiang and G60 scenarios were made with (their `approximations`
 * text states them; docs/scenarios.md lists them with how closely they reproduce those files).
 * A figure the sheet gives is used as given, and the figures derived from it follow it
 * (a given talent sets startups, capital, space and knowledge).
 */
import { DEFAULT_PARAMS } from '../../model/params';
import { checkScenario, type Scenario, type ScenarioRegion } from '../schema';
import type { CityRow, CsvError, Role } from './check';
import { SECTORS } from './columns';

/** The calibration, by role. Core and second cores are factor-rich; the rest thinner. */
export const BY_ROLE: Record<Role, { talentBoost: number; startups: number; capital: number; environmentBonus: number; fill: number; productivity: number }> = {
  core: { talentBoost: 1.25, startups: 0.935, capital: 1.15, environmentBonus: 0.35, fill: 1.3, productivity: 1.0 },
  'second-core': { talentBoost: 1, startups: 0.935, capital: 1.15, environmentBonus: 0.15, fill: 1.15, productivity: 0.96 },
  'near-core': { talentBoost: 1, startups: 0.765, capital: 0.85, environmentBonus: 0.05, fill: 1.0, productivity: 0.93 },
  periphery: { talentBoost: 1, startups: 0.765, capital: 0.85, environmentBonus: 0, fill: 0.85, productivity: 0.9 },
};

/** Talent per GDP^1.25: GDP-rich cities hold disproportionately more innovation talent. */
export const TALENT_SCALE = 2.74e-4;
export const TALENT_EXPONENT = 1.25;
/** Treasury at the start: one round of tax (docs/model.md, the fiscal part). */
export const TREASURY_SHARE = 0.005;
/** Knowledge that innovation sustains at 5% obsolescence a round: 1 / 0.05. */
export const KNOWLEDGE_ROUNDS = 20;

/**
 * Sectors that feed each other (upstream/downstream, §3.3), as the built-in scenarios pair
 * them; a pair is kept when the region has both sectors. Without chemicals, life sciences
 * lean on new materials instead (the G60 scenario).
 */
const RELATED: readonly [string, string][] = [
  ['smart-manufacturing', 'digital-economy'],
  ['new-materials', 'chemicals'],
  ['new-materials', 'smart-manufacturing'],
  ['chemicals', 'life-health'],
];
const RELATED_WITHOUT_CHEMICALS: [string, string] = ['life-health', 'new-materials'];

const round2 = (x: number) => Math.round(x * 100) / 100;

export function landQuotaOf(role: Role, population: number): number {
  if (role === 'core') return 3;
  if (role === 'second-core') return 8;
  if (role === 'near-core') return 12;
  return Math.min(30, 8 + 0.06 * population);
}

export function environmentOf(role: Role, gdp: number): number {
  return 0.5 + 0.35 * Math.log(1 + gdp / 2000) + BY_ROLE[role].environmentBonus;
}

export function talentOf(role: Role, gdp: number): number {
  return TALENT_SCALE * gdp ** TALENT_EXPONENT * BY_ROLE[role].talentBoost;
}

/** Innovation a city produces at the start, Q = A·E^η·T^a·K^b·S^c (core/model/innovation.ts), at default parameters. */
function startInnovation(r: Pick<ScenarioRegion, 'productivity' | 'environment' | 'factors'>): number {
  const p = DEFAULT_PARAMS;
  return (
    r.productivity *
    r.environment ** p.innovationEnvironment *
    r.factors.talent ** p['elasticity.talent'] *
    r.factors.capital ** p['elasticity.capital'] *
    r.factors.startups ** p['elasticity.startups']
  );
}

/** A city with every figure: the sheet's where given, the rules' elsewhere, rounded to 0.01 as the built-in files are. */
export function deriveRegion(c: CityRow, map: { x: number; y: number }): ScenarioRegion {
  const role = BY_ROLE[c.role];
  // Derived from unrounded figures, rounded once at the end, as the built-in files were made.
  const talent = c.talent ?? talentOf(c.role, c.gdp);
  const factors = {
    talent,
    startups: c.startups ?? talent * role.startups,
    capital: c.capital ?? talent * role.capital,
  };
  const environment = c.environment ?? environmentOf(c.role, c.gdp);
  const productivity = c.productivity ?? role.productivity;
  const mass = factors.talent + factors.startups + factors.capital;
  return {
    id: c.id,
    name: c.name,
    role: c.role,
    population: c.population,
    gdp: c.gdp,
    lat: c.lat,
    lon: c.lon,
    map: { x: c.mapX ?? map.x, y: c.mapY ?? map.y },
    strengths: c.strengths,
    environment: round2(environment),
    landQuota: round2(c.landQuota ?? landQuotaOf(c.role, c.population)),
    // The schema's floor: a city with no factors at all still has a little room.
    innovationSpace: round2(c.innovationSpace ?? Math.max(0.1, mass / (4 * role.fill))),
    treasury: round2(c.treasury ?? TREASURY_SHARE * c.gdp),
    knowledge: round2(c.knowledge ?? KNOWLEDGE_ROUNDS * startInnovation({ productivity, environment, factors })),
    productivity,
    factors: { talent: round2(factors.talent), startups: round2(factors.startups), capital: round2(factors.capital) },
  };
}

/**
 * Positions on the schematic map: longitude and latitude stretched to 5–95 on each axis, as
 * the built-in maps are drawn (north at the top). A region along one line of longitude or
 * latitude sits in the middle of that axis.
 */
export function mapPositions(cities: readonly Pick<CityRow, 'lat' | 'lon'>[]): { x: number; y: number }[] {
  const lons = cities.map((c) => c.lon);
  const lats = cities.map((c) => c.lat);
  const [w, e] = [Math.min(...lons), Math.max(...lons)];
  const [s, n] = [Math.min(...lats), Math.max(...lats)];
  return cities.map((c) => ({
    x: e > w ? round2(5 + (90 * (c.lon - w)) / (e - w)) : 50,
    y: n > s ? round2(5 + (90 * (n - c.lat)) / (n - s)) : 50,
  }));
}

export function relatedOf(sectors: readonly string[]): [string, string][] {
  const has = (s: string) => sectors.includes(s);
  const pairs = RELATED.filter(([a, b]) => has(a) && has(b));
  if (!has('chemicals') && has('life-health') && has('new-materials')) pairs.push(RELATED_WITHOUT_CHEMICALS);
  return pairs.map(([a, b]) => [a, b]);
}

export interface BuildOptions {
  /** Scenario id (default `custom-region`). */
  id?: string;
  /** Title in the three languages (default: the core city "and its region"). */
  title?: { en: string; zh: string; es: string };
  /** Where the figures come from (default: the facilitator's spreadsheet). */
  sources?: string[];
  /** Travel hours given by a travel sheet (travel.ts); the other pairs are derived from coordinates. */
  travelHours?: Record<string, Record<string, number>>;
}

export const APPROXIMATIONS =
  'Figures as the facilitator entered them (GDP in ¥100m, population in 10,000 people, city-centre coordinates, roles, strengths); ' +
  'everything left empty is derived by the rules of the built-in scenarios (docs/scenarios.md): talent = 2.74e-4 · GDP^1.25 (×1.25 in the core), ' +
  'startups and capital from talent by role; environment E = 0.5 + 0.35·ln(1 + GDP/2000) + a role bonus; innovation space = factors / (4 · fill); ' +
  'land quota 3 km² (core), 8 (second core), 12 (near core), 8 + 0.06·population up to 30 (periphery); treasury = 0.5% of GDP; ' +
  'knowledge = 20 × the innovation the city produces at the start; productivity by role. Travel hours are those of the travel sheet where given, ' +
  'else derived from coordinates (great-circle distance × 1.3 at 160 km/h, plus 0.4 h).';

export type Built = { ok: true; scenario: Scenario } | { ok: false; errors: CsvError[] };

/** The scenario of a checked sheet, checked again by the scenario schema (the one gate every scenario passes). */
export function buildScenario(cities: readonly CityRow[], options: BuildOptions = {}): Built {
  const map = mapPositions(cities);
  const regions = cities.map((c, i) => deriveRegion(c, map[i]!));
  const used = new Set(cities.flatMap((c) => c.strengths));
  const sectors = SECTORS.filter((s) => used.has(s));
  const core = cities.find((c) => c.role === 'core') ?? cities[0]!;
  const names = (lang: 'en' | 'zh' | 'es') => listed(cities.map((c) => c.name[lang]), lang === 'zh' ? '、' : ', ', MORE[lang]);
  const scenario = {
    id: options.id ?? 'custom-region',
    title: options.title ?? { en: `${core.name.en} and its region`, zh: `${core.name.zh}及周边`, es: `${core.name.es} y su región` },
    summary: {
      en: `${cities.length} cities from a facilitator's spreadsheet: ${names('en')}.`,
      zh: `来自主持人表格的${cities.length}座城市：${names('zh')}。`,
      es: `${cities.length} ciudades de la hoja de cálculo de quien facilita: ${names('es')}.`,
    },
    sources: options.sources ?? ["The facilitator's spreadsheet (one row per city), figures as entered; not checked against statistics."],
    approximations: APPROXIMATIONS,
    sectors,
    related: relatedOf(sectors),
    regions,
    ...(options.travelHours && Object.keys(options.travelHours).length ? { travelHours: options.travelHours } : {}),
    events: [
      {
        id: 'unified-market',
        title: {
          en: 'National unified market: subsidies capped at 0.3 per unit',
          zh: '全国统一大市场：补贴上限每单位0.3',
          es: 'Mercado nacional unificado: subsidios limitados a 0,3 por unidad',
        },
        event: { kind: 'subsidy-cap', cap: 0.3 },
      },
      { id: 'downturn', title: { en: 'An economic downturn', zh: '经济下行', es: 'Una recesión económica' }, event: { kind: 'downturn', severity: 0.15 } },
    ],
  };
  const checked = checkScenario(scenario);
  if (checked.ok) return { ok: true, scenario: checked.value };
  // Name the row and the sheet's column behind a region's field, so the error still points into the sheet.
  const m = /^regions\.(\d+)\.?(.*)$/.exec(checked.error.field);
  const city = m ? cities[Number(m[1])] : undefined;
  if (!city) return { ok: false, errors: [{ row: 0, column: checked.error.field, code: 'out-of-range', rule: checked.error.rule }] };
  const field = m![2]!;
  if (field === 'factors') {
    return { ok: false, errors: [{ row: city.row, column: 'talent', code: 'no-factors', rule: 'the city would start with no innovation factors at all (its GDP is too small to give any): give talent, startups or capital' }] };
  }
  const column = SHEET_COLUMN[field] ?? field;
  const key = OPTIONAL_KEY[column];
  const derived = key !== undefined && city[key] === undefined;
  const rule = derived ? `${checked.error.rule} (derived from the row's other figures: give ${column} a value, or smaller figures)` : checked.error.rule;
  return { ok: false, errors: [{ row: city.row, column, code: 'out-of-range', rule }] };
}

/**
 * Names joined for the summary, as many as fit in 300 characters and then how many more: the
 * schema takes 400 characters of summary, and 64 cities of ordinary names would not fit.
 */
const MORE = { en: (n: number) => `and ${n} more`, zh: (n: number) => `等另外${n}座`, es: (n: number) => `y ${n} más` };

function listed(names: readonly string[], sep: string, more: (n: number) => string): string {
  let out = '';
  for (const [k, name] of names.entries()) {
    const next = out ? `${out}${sep}${name}` : name;
    if (next.length > 300) return `${out} ${more(names.length - k)}`;
    out = next;
  }
  return out;
}

/** The sheet's optional columns and the checked row's fields that hold them. */
const OPTIONAL_KEY: Record<string, keyof CityRow> = {
  land_quota: 'landQuota',
  environment: 'environment',
  innovation_space: 'innovationSpace',
  treasury: 'treasury',
  knowledge: 'knowledge',
  talent: 'talent',
  startups: 'startups',
  capital: 'capital',
};

/** The sheet's column for a scenario field, where the names differ. */
const SHEET_COLUMN: Record<string, string> = {
  landQuota: 'land_quota',
  innovationSpace: 'innovation_space',
  'factors.talent': 'talent',
  'factors.startups': 'startups',
  'factors.capital': 'capital',
  'map.x': 'map_x',
  'map.y': 'map_y',
};
