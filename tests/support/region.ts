/**
 * A synthetic region for the tests of region sheets (tests/scenarios): cities drawn from a
 * seed as a facilitator might type them — one core, second cores, near-core and lagging
 * cities, GDP and population of plausible size for each role, coordinates within a few
 * degrees — written out as a sheet, so the test goes through the same path as an upload.
 */
import { rng } from '../../core/model/rng';
import { SECTORS } from '../../core/scenarios/csv';

const ROLE_OF = ['core', 'second-core', 'near-core', 'periphery'] as const;
/** GDP range by role, ¥100m: a core of a few thousand to 30,000, lagging cities of a few hundred up. */
const GDP: Record<(typeof ROLE_OF)[number], [number, number]> = {
  core: [8000, 30000],
  'second-core': [4000, 16000],
  'near-core': [1500, 8000],
  periphery: [300, 5000],
};

export function syntheticSheet(seed: number, cities: number): string {
  const next = rng(seed);
  const between = ([lo, hi]: [number, number]) => lo * (hi / lo) ** next();
  const lat0 = -30 + 60 * next();
  const lon0 = -170 + 340 * next();
  const lines = ['# A synthetic region drawn by tests/support/region.ts', 'id,name_en,name_zh,name_es,gdp,population,lat,lon,role,strengths'];
  for (let i = 0; i < cities; i++) {
    const role = i === 0 ? 'core' : i === 1 || (i === 2 && next() < 0.5) ? 'second-core' : next() < 0.35 ? 'near-core' : 'periphery';
    const gdp = Math.round(between(GDP[role]));
    // GDP per head of ¥40,000–¥150,000: population in 10,000 people.
    const population = Math.round(gdp / between([4, 15]));
    const lat = (lat0 + 3 * (next() - 0.5)).toFixed(2);
    const lon = (lon0 + 3 * (next() - 0.5)).toFixed(2);
    const strengths = SECTORS.filter(() => next() < 0.4);
    if (strengths.length === 0) strengths.push(SECTORS[Math.floor(next() * SECTORS.length)]!);
    lines.push(`c${i},City ${i},城市${i},Ciudad ${i},${gdp},${Math.max(1, population)},${lat},${lon},${role},${strengths.join(';')}`);
  }
  return lines.join('\r\n') + '\r\n';
}
