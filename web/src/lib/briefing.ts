/**
 * Last round in plain words, for one city: the facts a briefing says, read from the
 * model's own decomposition (RoundResult), never recomputed from the model. The words are
 * in the message catalogues; this only chooses what is worth saying.
 */
import { FACTORS, type Factor } from '../../../core/model/factors';
import type { Fiscal, RegionResult, ReturnParts, RoundResult } from '../../../core/protocol/state';

/** The parts of a return a player can act on or see: what makes a place pay. */
export type ReturnPart = 'base' | 'congestion' | 'subsidy' | 'attraction';

export type BriefFact =
  | {
      kind: 'factor';
      factor: Factor;
      inflow: number;
      outflow: number;
      /** Return per unit here, and the average over the map's cities. */
      total: number;
      average: number;
      /** What sets this city's return apart from the average the most, and by how much (+ helps). */
      reason: ReturnPart;
      by: number;
      /** Return compared with what factors expected when they moved (the cobweb lag). */
      surprise: number;
    }
  | { kind: 'hunters'; hunters: number; paid: number; share: number }
  | { kind: 'innovation'; innovation: number; rank: number; of: number; change: number | null }
  | { kind: 'firms'; incubated: number; matured: number; producedHere: number; lost: number; left: number; returned: number }
  /** The treasury's arithmetic: start + income − spent − returned = end (core/protocol/state.ts `fiscalSchema`). */
  | { kind: 'fiscal'; start: number; income: number; spent: number; returned: number; end: number; subsidies: number }
  | { kind: 'park'; park: string; sponsor: string; host: string; startups: number; innovation: number; credited: number; returned: number; hunters: number; mine: 'sponsor' | 'host' }
  | { kind: 'land'; transferred: number; quotaLeft: number; used: number }
  | { kind: 'deal-failed'; deal: string; reason: string }
  | { kind: 'cap-breach'; cap: string; factor: Factor; announced: number; limit: number; enforced: boolean };

/** The base return before congestion and subsidies: environment × agglomeration × spillovers, less a downturn. */
export const baseReturn = (r: ReturnParts): number => r.environment * r.agglomeration * r.spillover * (1 - r.downturn);

function part(r: ReturnParts, p: ReturnPart): number {
  switch (p) {
    case 'base':
      return baseReturn(r);
    case 'congestion':
      return -r.congestion;
    case 'subsidy':
      return r.subsidy;
    case 'attraction':
      return r.attraction;
  }
}

const PARTS: readonly ReturnPart[] = ['base', 'congestion', 'subsidy', 'attraction'];
const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** Which part of a city's return differs most from the map's average, with its sign (+ helps the city). */
export function mainReason(mine: ReturnParts, all: readonly ReturnParts[]): { reason: ReturnPart; by: number } {
  let best: { reason: ReturnPart; by: number } = { reason: 'base', by: 0 };
  for (const p of PARTS) {
    const by = part(mine, p) - mean(all.map((r) => part(r, p)));
    if (Math.abs(by) > Math.abs(best.by)) best = { reason: p, by };
  }
  return best;
}

export function briefing(result: RoundResult, city: string, previous: RoundResult | null = null): BriefFact[] {
  const me = result.regions.find((r) => r.id === city);
  if (!me) return [];
  const facts: BriefFact[] = [];
  for (const f of FACTORS) {
    const all = result.regions.map((r) => r.returns[f]);
    const { reason, by } = mainReason(me.returns[f], all);
    facts.push({
      kind: 'factor',
      factor: f,
      inflow: me.inflow[f],
      outflow: me.outflow[f],
      total: me.returns[f].total,
      average: mean(all.map((r) => r.total)),
      reason,
      by,
      surprise: me.returns[f].total - me.returns[f].expected,
    });
  }
  const ranked = [...result.regions].sort((a, b) => b.innovation - a.innovation);
  const before = previous?.regions.find((r) => r.id === city);
  facts.push({
    kind: 'innovation',
    innovation: me.innovation,
    rank: ranked.findIndex((r) => r.id === city) + 1,
    of: ranked.length,
    change: before && before.innovation > 0 ? me.innovation / before.innovation - 1 : null,
  });
  if (me.hunters > 0.005 && me.fiscal.subsidies > 0) {
    facts.push({ kind: 'hunters', hunters: me.hunters, paid: me.subsidiesToHunters, share: me.subsidiesToHunters / me.fiscal.subsidies });
  }
  const firms = me.firms;
  if (firms.incubated + firms.matured + firms.producedHere + firms.lost + firms.left + firms.returned > 0.005) {
    facts.push({ kind: 'firms', incubated: firms.incubated, matured: firms.matured, producedHere: firms.producedHere, lost: firms.lost, left: firms.left, returned: firms.returned });
  }
  facts.push(fiscalFact(me));
  if (Math.abs(me.land.transferred) > 0.005 || me.land.used > 0.005) {
    facts.push({ kind: 'land', transferred: me.land.transferred, quotaLeft: me.land.quotaLeft, used: me.land.used });
  }
  for (const p of result.parks) {
    if (p.sponsor !== city && p.host !== city) continue;
    facts.push({
      kind: 'park',
      park: p.id,
      sponsor: p.sponsor,
      host: p.host,
      startups: p.stock.startups,
      innovation: p.innovation,
      credited: p.sponsor === city ? p.innovationToSponsor : p.innovationToHost,
      returned: p.returnedToSponsor,
      hunters: p.hunters,
      mine: p.sponsor === city ? 'sponsor' : 'host',
    });
  }
  for (const d of result.deals) if (!d.applied) facts.push({ kind: 'deal-failed', deal: d.deal, reason: d.reason ?? '' });
  for (const b of result.metrics.capBreaches) {
    if (b.city === city) facts.push({ kind: 'cap-breach', cap: b.cap, factor: b.factor, announced: b.announced, limit: b.limit, enforced: b.enforced });
  }
  return facts;
}

/** Revenue: tax, provincial support for park space hosted, and land sales. */
export const fiscalIncome = (f: Fiscal): number => f.tax + f.support + f.landSales;
/** Spending: subsidies, environment, land released, projects and running the parks sponsored. */
export const fiscalSpent = (f: Fiscal): number => f.subsidies + f.environment + f.land + f.projects + f.parkCosts;

function fiscalFact(me: RegionResult): BriefFact {
  const f = me.fiscal;
  return { kind: 'fiscal', start: f.start, income: fiscalIncome(f), spent: fiscalSpent(f), returned: f.returned, end: f.end, subsidies: f.subsidies };
}
