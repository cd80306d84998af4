/**
 * Property 8 (docs/scoring.md, every city can win) on one scenario, for a quick look at a
 * built-in region or a sheet: strategies drawn at random for each seat, 8 rounds, the winner
 * counted, each city's wins as a ratio of its fair share (1 = fair; the strict form asks
 * ½–2). `npm run balance` plays the full tournament behind docs/scoring.md; this plays one
 * scenario only (200 games of a 9-city region take about half a minute).
 *
 *   npx tsx scripts/balance/seats.ts greater-bay-area 200
 *   npx tsx scripts/balance/seats.ts my-region.csv 200 [--travel my-hours.csv]
 */
import { getScenario } from '../../core/scenarios';
import { readRegionFile } from '../region-file';
import { seats } from './properties';

const [id, games = '200', flag, travel] = process.argv.slice(2);
if (!id) throw new Error('usage: npx tsx scripts/balance/seats.ts SCENARIO|FILE.csv [GAMES] [--travel HOURS.csv]');
const read = id.endsWith('.csv') ? readRegionFile(id, flag === '--travel' ? travel : undefined) : undefined;
const scenario = read ? (read.ok ? read.scenario : undefined) : getScenario(id);
if (!scenario) throw new Error(read && !read.ok ? JSON.stringify(read) : `no scenario "${id}"`);
const started = Date.now();
const s = seats(scenario, Number(games));
console.log(`${scenario.id}: ${s.games} games in ${((Date.now() - started) / 1000).toFixed(1)} s; strict form (every city ½–2× its share) ${s.holds ? 'holds' : 'does not hold'}`);
for (const w of s.wins) console.log(`  ${w.city.padEnd(14)} ${String(w.wins).padStart(4)} wins  ${w.ratio.toFixed(2)}× fair share`);
for (const c of s.scores) console.log(`  ${c.city.padEnd(14)} mean ${c.mean.toFixed(1).padStart(6)}  best ${c.best.strategy} ${c.best.mean.toFixed(1)} (${c.best.games} games)`);
console.log(`  winners' strategies: ${Object.entries(s.byStrategy).map(([k, n]) => `${k} ${n}`).join(', ')}`);
