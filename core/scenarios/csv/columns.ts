/**
 * The columns of a region spreadsheet, one row per city (docs/scenarios.md). One table says
 * each column's unit, range, meaning, where to find the figure and, for the optional ones,
 * what stands in when it is left empty: the checker, the template and the docs read it, so
 * they cannot disagree.
 */
import { MAX_REGIONS, ROLES } from '../schema';

/**
 * The sectors the game knows, in the order scenarios list them. Every one has a name in the
 * three languages (web/src/i18n/main, `sectors`); a new one needs those first.
 */
export const SECTORS = ['digital-economy', 'smart-manufacturing', 'new-materials', 'chemicals', 'life-health'] as const;

/** Fewest cities a region needs: with two there is no third place for a firm to go, nor a rival. */
export const MIN_CITIES = 3;
/** Most cities: what the game state holds (core/scenarios/schema.ts). */
export const MAX_CITIES = MAX_REGIONS;

export type ColumnKind = 'id' | 'name' | 'number' | 'role' | 'strengths' | 'notes';

export interface Column {
  name: string;
  required: boolean;
  kind: ColumnKind;
  /** Bounds of a number column, inclusive. */
  min?: number;
  max?: number;
  unit: string;
  meaning: string;
  /** Where a facilitator finds the figure. */
  where: string;
  /** Optional columns: what is used when the cell or the column is empty. A required column with one must be in the header, but its cells may be empty. */
  fallback?: string;
}

export const COLUMNS: readonly Column[] = [
  { name: 'id', required: true, kind: 'id', unit: '', meaning: 'short id of the city, used in links, exports and the command line', where: 'make it up: lowercase letters, digits and -, starting with a letter, e.g. chengdu' },
  { name: 'name_en', required: true, kind: 'name', unit: '', meaning: 'name in English', where: 'the usual English spelling' },
  { name: 'name_zh', required: true, kind: 'name', unit: '', meaning: 'name in Chinese', where: 'the Chinese name (for a city outside China, a usual transliteration)', fallback: 'the English name' },
  { name: 'name_es', required: true, kind: 'name', unit: '', meaning: 'name in Spanish', where: 'the Spanish name, often the same as the English one', fallback: 'the English name' },
  { name: 'gdp', required: true, kind: 'number', min: 0.01, max: 1e6, unit: '100 million yuan (¥100m)', meaning: 'regional GDP of one recent year', where: 'the statistical yearbook or statistical bulletin of the city or province; convert other currencies at a stated rate (e.g. €1 ≈ ¥7.8, so €10 bn ≈ 780)' },
  { name: 'population', required: true, kind: 'number', min: 0.01, max: 1e6, unit: '10,000 people', meaning: 'resident population of the same year', where: 'the same yearbook or the census (1,238 means 12.38 million people)' },
  { name: 'lat', required: true, kind: 'number', min: -90, max: 90, unit: 'degrees, north positive', meaning: 'latitude of the city centre', where: 'any map: right-click the city centre (e.g. 30.27)' },
  { name: 'lon', required: true, kind: 'number', min: -180, max: 180, unit: 'degrees, east positive', meaning: 'longitude of the city centre', where: 'the same map (e.g. 120.16; west of Greenwich is negative)' },
  { name: 'role', required: true, kind: 'role', unit: '', meaning: `the city's place in the region: ${ROLES.join(', ')}`, where: 'your judgement, as the paper frames cities: one core (the leading city), a few second cores, near-core cities next to them, the rest lagging (periphery)' },
  { name: 'strengths', required: true, kind: 'strengths', unit: '', meaning: `sectors of industrial strength, separated by ;, among ${SECTORS.join(', ')}`, where: 'the city’s industrial plan or its leading industries in the yearbook; one to three is usual' },
  { name: 'land_quota', required: false, kind: 'number', min: 0, max: 1e4, unit: 'km²', meaning: 'construction land the city may still release', where: 'the land-use plan’s remaining quota, if known', fallback: '3 (core), 8 (second core), 12 (near core), 8 + 0.06 × population up to 30 (periphery)' },
  { name: 'environment', required: false, kind: 'number', min: 0.05, max: 10, unit: 'index, 1 = an average city', meaning: 'innovation environment E: universities, labs, services, amenities', where: 'an innovation-index ranking rescaled so an average city is 1, or leave empty', fallback: '0.5 + 0.35 × ln(1 + gdp/2000) + 0.35 (core), 0.15 (second core), 0.05 (near core), 0 (periphery)' },
  { name: 'innovation_space', required: false, kind: 'number', min: 0.1, max: 1e4, unit: 'km²', meaning: 'innovation space already built: capacity before congestion', where: 'science parks and incubators, if known', fallback: '(talent + startups + capital) / (4 × fill), fill 1.3 (core), 1.15 (second core), 1.0 (near core), 0.85 (periphery)' },
  { name: 'treasury', required: false, kind: 'number', min: 0, max: 1e7, unit: '¥100m', meaning: 'money for innovation policy at the start', where: 'the science and technology budget, if known', fallback: '0.5% of gdp (one round of tax)' },
  { name: 'knowledge', required: false, kind: 'number', min: 0, max: 1e7, unit: 'model units', meaning: 'knowledge stock Z at the start', where: 'leave empty unless you are calibrating', fallback: '20 × the innovation the city produces at the start (the stock that sustains itself at 5% obsolescence a round)' },
  { name: 'productivity', required: false, kind: 'number', min: 0.01, max: 100, unit: 'multiplier', meaning: 'innovation productivity A', where: 'leave empty unless you are calibrating', fallback: '1.0 (core), 0.96 (second core), 0.93 (near core), 0.9 (periphery)' },
  { name: 'talent', required: false, kind: 'number', min: 0, max: 1e6, unit: 'model units (about thousand researchers)', meaning: 'innovation talent at the start', where: 'R&D personnel, if you want to override the GDP rule', fallback: '2.74e-4 × gdp^1.25, × 1.25 in the core' },
  { name: 'startups', required: false, kind: 'number', min: 0, max: 1e6, unit: 'model units (firms)', meaning: 'startups at the start', where: 'leave empty unless you are calibrating', fallback: 'talent × 0.935 (core, second core) or × 0.765 (near core, periphery)' },
  { name: 'capital', required: false, kind: 'number', min: 0, max: 1e6, unit: '¥100m', meaning: 'venture and innovation capital at the start', where: 'leave empty unless you are calibrating', fallback: 'talent × 1.15 (core, second core) or × 0.85 (near core, periphery)' },
  { name: 'map_x', required: false, kind: 'number', min: 0, max: 100, unit: '0–100, west to east', meaning: 'position on the schematic map', where: 'leave empty', fallback: 'from lon: 5 + 90 × (lon − westmost) / (eastmost − westmost)' },
  { name: 'map_y', required: false, kind: 'number', min: 0, max: 100, unit: '0–100, north to south', meaning: 'position on the schematic map', where: 'leave empty', fallback: 'from lat: 5 + 90 × (northmost − lat) / (northmost − southmost)' },
  { name: 'notes', required: false, kind: 'notes', unit: '', meaning: 'your notes and sources; not read by the game', where: '', fallback: 'nothing' },
];

export const REQUIRED = COLUMNS.filter((c) => c.required).map((c) => c.name);
