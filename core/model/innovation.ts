/**
 * Innovation output, its attribution and its conversion into output (docs/model.md "6. Innovation"; §2.3; §3.2).
 *
 *   Q_h = A_h · E_h^η · T^a · K^b · S^c
 *
 * over the genuine factors physically in city h (parks count where they are; hunters
 * produce nothing). A location's share of Q_h is its share of the factors, weighted by the
 * elasticities. Innovation becomes output only as far as local industry absorbs it:
 *
 *   value = innovationToOutput · Q · Ī/(Ī + absorbHalf)
 *
 * where Ī is the city's industrial base, weighted by its own strengths. A thin base converts
 * little: "innovation for innovation's sake" (§2.3).
 */
import type { ModelContext } from './context';
import type { FactorVec } from './factors';
import { pow } from './math';

export function innovationOf(ctx: ModelContext, productivity: number, environment: number, stock: FactorVec): number {
  const p = ctx.params;
  return (
    productivity *
    pow(Math.max(environment, 0), p.innovationEnvironment) *
    pow(Math.max(stock.talent, 0), p['elasticity.talent']) *
    pow(Math.max(stock.capital, 0), p['elasticity.capital']) *
    pow(Math.max(stock.startups, 0), p['elasticity.startups'])
  );
}

/** Share of a city's innovation produced at one of its locations. */
export function locationShare(ctx: ModelContext, loc: FactorVec, city: FactorVec): number {
  const p = ctx.params;
  const a = p['elasticity.talent'];
  const b = p['elasticity.capital'];
  const c = p['elasticity.startups'];
  const part = (x: number, total: number) => (total > 0 ? x / total : 0);
  const sum = a + b + c;
  if (sum <= 0) return 0;
  return (a * part(loc.talent, city.talent) + b * part(loc.capital, city.capital) + c * part(loc.startups, city.startups)) / sum;
}

/** Industrial base weighted by itself: a city's depth in its own strengths. */
export function strengthOf(base: readonly number[]): number {
  let sum = 0;
  let sq = 0;
  for (const x of base) {
    sum += x;
    sq += x * x;
  }
  return sum > 0 ? sq / sum : 0;
}

export function absorbOf(ctx: ModelContext, base: readonly number[]): number {
  const s = strengthOf(base);
  return s / (s + ctx.params.absorbHalf);
}

/** Invention share of patents from R&D of relative quality q (§3.2: 10.8% thin, ~30% rich). */
export function inventionShareOf(ctx: ModelContext, quality: number): number {
  const p = ctx.params;
  const span = Math.max(p.qualityHigh - p.qualityLow, 1e-9);
  const t = Math.min(1, Math.max(0, (quality - p.qualityLow) / span));
  return p.inventionShareLow + (p.inventionShareHigh - p.inventionShareLow) * t;
}
