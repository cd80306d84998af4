/**
 * One test group per mechanism of flow-model.md §2 and §3, each checking the mechanism's
 * own rule, in a setting small enough to see it.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, firmProfitOf, initialState, inventionShareOf, makeContext, resolveParams, resolveRound, standingQuadrant } from '../../core/model';
import { moveFactor } from '../../core/model/mobility';
import { geometry } from '../../core/model/geo';
import { absorbOf, innovationOf, locationShare } from '../../core/model/innovation';
import { baseReturns, spillovers } from '../../core/model/returns';
import type { ParkTerms } from '../../core/protocol/deals';
import type { RoundResult } from '../../core/protocol/state';
import { decisionsFor, flat, mass, mean, play, region, releaseLand, scenario } from '../support/model';

const c4 = scenario('classroom-4');
const zj = scenario('zhejiang-mountain-sea');
const ctx4 = makeContext(c4, resolveParams());
const ctxZ = makeContext(zj, resolveParams());
const park = (over: Partial<ParkTerms> = {}): ParkTerms => ({ kind: 'park', sponsor: 'quzhou', host: 'hangzhou', landQuota: 3, space: 2, mode: 'mixed', statsShare: 0.5, taxShare: 0.5, ...over });

describe('returns and their decomposition (§2 step 2)', () => {
  const { results } = play(c4, 3, (_t, c) => ({ subsidies: flat(c === 'seaport' ? 0.3 : 0) }));
  it('every realised return equals its parts', () => {
    for (const r of results.flatMap((x) => x.regions)) {
      for (const f of ['talent', 'startups', 'capital'] as const) {
        const p = r.returns[f];
        const total = p.environment * p.agglomeration * p.spillover * (1 - p.downturn) - p.congestion + p.attraction + p.subsidy;
        expect(p.total).toBeCloseTo(total, 3);
      }
    }
    expect(region(results[0]!, 'seaport').returns.talent.subsidy).toBeCloseTo(0.3, 5);
  });
  it('congestion rises with the crowd and falls with innovation space', () => {
    const base = { mass: 100, crowd: 100, environment: 1, space: 25 };
    const r = (c: typeof base) => baseReturns(ctx4, c, 1).talent;
    expect(r({ ...base, crowd: 150 }).congestion).toBeGreaterThan(r(base).congestion * 2);
    expect(r({ ...base, space: 50 }).congestion).toBeLessThan(r(base).congestion / 3);
  });
  it('agglomeration is concave (γ < 1) and spillovers fade with travel time', () => {
    const agg = (m: number) => baseReturns(ctx4, { mass: m, crowd: 0, environment: 1, space: 1e6 }, 1).talent.agglomeration - 1;
    expect(agg(200) / agg(100)).toBeCloseTo(Math.pow(2, DEFAULT_PARAMS.agglomerationExponent), 5);
    const geo = geometry(ctx4, { travel: [] }, { corridors: [], zones: [] });
    const near = spillovers(ctx4, [1000, 0, 0, 0], geo.hours, geo.reach);
    // Rivertown is 1 h from the metropolis, Seaport 2.5 h.
    expect(near[1]! - 1).toBeGreaterThan(3 * (near[3]! - 1));
  });
});

describe('mobility (§2 step 4)', () => {
  const cost = [
    [0, 2],
    [2, 0],
  ];
  const mob = { share: 0.3, spread: 0.4, cost: 0.2, arrivals: 0, outside: -10, outsideSize: 1 };
  it('equal returns: equal flows both ways, whatever the sizes', () => {
    const m = moveFactor([{ host: 0, stock: 100, size: 100, expected: 1 }, { host: 1, stock: 10, size: 10, expected: 1 }], mob, cost);
    expect(m.flows[0]![1]).toBeCloseTo(m.flows[1]![0]!, 9);
    expect(m.stock[1]).toBeCloseTo(10, 6);
  });
  it('a higher return draws factors on balance, exp(Δπ/τ) more one way than the other', () => {
    const m = moveFactor([{ host: 0, stock: 100, size: 100, expected: 1 }, { host: 1, stock: 10, size: 10, expected: 1.2 }], mob, cost);
    expect(m.stock[1]!).toBeGreaterThan(10);
    expect(m.flows[0]![1]! / m.flows[1]![0]!).toBeGreaterThan(Math.exp(0.2 / 0.4) * 0.9);
  });
  it('moving into a park in the same city costs nothing; from another city it does', () => {
    const locs = [
      { host: 0, stock: 100, size: 100, expected: 1 },
      { host: 1, stock: 100, size: 100, expected: 1 },
      { host: 0, stock: 0, size: 5, expected: 1.3 },
    ];
    const m = moveFactor(locs, mob, cost);
    expect(m.flows[0]![2]!).toBeGreaterThan(m.flows[1]![2]! * Math.exp((0.2 * 2) / 0.4) * 0.9);
  });
  it('every mover is counted: stock after = stock − out + in − exits + entries', () => {
    const locs = [
      { host: 0, stock: 50, size: 50, expected: 0.2 },
      { host: 1, stock: 20, size: 20, expected: 1 },
    ];
    const m = moveFactor(locs, { ...mob, outside: 0.5, arrivals: 7 }, cost);
    const total = m.stock.reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(70 + 7 - m.exits.reduce((a, b) => a + b, 0), 9);
    expect(m.exits[0]!).toBeGreaterThan(m.exits[1]!);
  });
});

describe('subsidy hunters and park operation (§4.1, §4.3)', () => {
  it('no subsidies, no hunters; more subsidy relative to fundamentals, more hunters', () => {
    const none = play(c4, 2).results[1]!;
    const low = play(c4, 2, () => ({ subsidies: flat(0.1) })).results[1]!;
    const high = play(c4, 2, () => ({ subsidies: flat(0.3) })).results[1]!;
    expect(none.metrics.hunters).toBe(0);
    expect(high.metrics.hunters).toBeGreaterThan(low.metrics.hunters * Math.pow(3, DEFAULT_PARAMS.hunterElasticity) * 0.8);
  });
  it('hunters go where the startup subsidy is highest and are paid like startups', () => {
    const r = play(c4, 2, (_t, c) => ({ subsidies: { talent: 0, startups: c === 'hillton' ? 0.4 : 0.1, capital: 0 } })).results[1]!;
    expect(region(r, 'hillton').hunters).toBeGreaterThan(10 * region(r, 'seaport').hunters);
    const h = region(r, 'hillton');
    expect(h.subsidiesToHunters).toBeCloseTo(h.hunters * 0.4, 3);
    expect(r.metrics.hunterSubsidyShare).toBeGreaterThan(0);
  });
  it('a mixed park screens like a government one only with a shared platform (its evaluation index)', () => {
    const run = (platform: boolean) =>
      play(zj, 4, (t, c) => (c === 'quzhou' && t > 1 ? { parkSubsidies: { 'park-quzhou-hangzhou': { talent: 0, startups: 0.4, capital: 0 } } } : c === 'hangzhou' ? { subsidies: { talent: 0, startups: 0.3, capital: 0 } } : {}), 7, {
        deals: { 1: [park(), ...(platform ? [{ kind: 'platform' as const, members: ['quzhou', 'hangzhou'], subsidyCap: null, techTrading: false }] : [])] },
      }).results;
    const hunters = (rs: RoundResult[]) => mean(rs.slice(1).map((r) => r.parks[0]!.hunters));
    expect(hunters(run(true))).toBeLessThan(hunters(run(false)) * 0.5);
  });
});

describe('innovation, knowledge and patents (§2 step 6, §3.2)', () => {
  it('Q = A·E^η·T^a·K^b·S^c, and a city’s locations share it exactly', () => {
    const q = innovationOf(ctx4, 1, 1, { talent: 16, startups: 16, capital: 16 });
    expect(q).toBeCloseTo(Math.pow(16, 0.5) * Math.pow(16, 0.25) * Math.pow(16, 0.25), 9);
    const a = { talent: 10, startups: 2, capital: 6 };
    const b = { talent: 6, startups: 8, capital: 4 };
    const city = { talent: 16, startups: 10, capital: 10 };
    expect(locationShare(ctx4, a, city) + locationShare(ctx4, b, city)).toBeCloseTo(1, 12);
  });
  it('invention share: ~10.8% from a thin ecosystem, ~30% from a rich one', () => {
    expect(inventionShareOf(ctx4, 0.3)).toBeCloseTo(0.108, 9);
    expect(inventionShareOf(ctx4, 3)).toBeCloseTo(0.3, 9);
    const r = play(zj, 2).results[1]!;
    const share = (id: string) => region(r, id).inventionPatents / region(r, id).patents;
    expect(share('hangzhou')).toBeGreaterThan(0.25);
    expect(share('quzhou')).toBeLessThan(0.15);
  });
  it('a park’s innovation statistics are split by its deal', () => {
    const r = play(zj, 3, undefined, 7, { deals: { 1: [park({ statsShare: 0.8 })] } }).results[2]!;
    const p = r.parks[0]!;
    expect(p.innovationToSponsor).toBeCloseTo(0.8 * p.innovation, 3);
    expect(region(r, 'quzhou').innovation).toBeGreaterThan(region(r, 'quzhou').innovationLocal + 0.7 * p.innovation);
  });
  it('startups are born from innovation and mature into firms', () => {
    const r = play(c4, 1).results[0]!;
    expect(r.metrics.born).toBeGreaterThan(0);
    // Matured = maturation × the startups there before maturing (after = before + born − matured).
    const before = r.regions.reduce((s, x) => s + x.stock.startups, 0) - r.metrics.born + r.metrics.matured;
    expect(r.metrics.matured).toBeCloseTo(DEFAULT_PARAMS.maturation * before, 2);
    expect(r.regions.reduce((s, x) => s + x.firms.matured, 0)).toBeCloseTo(r.metrics.matured, 2);
  });
});

describe('production siting (§3.2, Fig. 5)', () => {
  it('R&D in the core with production in the periphery is the best quadrant, the reverse the worst', () => {
    const st = initialState(zj, { seed: 1 });
    const hz = ctxZ.cityIndex.get('hangzhou')!;
    const qz = ctxZ.cityIndex.get('quzhou')!;
    const sector = ctxZ.sectorIndex.get('smart-manufacturing')!;
    const city = (i: number) => ({
      outputPerHead: zj.regions[i]!.gdp / zj.regions[i]!.population / ctxZ.outputPerHeadRef,
      freeLand: 5,
      base: zj.sectors.map((s) => st.regions[i]!.industrialBase[s]!),
    });
    const quality = { [hz]: 1.6, [qz]: 0.6 };
    const profit = (rd: number, prod: number) => firmProfitOf(ctxZ, quality[rd]!, city(prod), sector, ctxZ.hours[rd]![prod]!);
    const best = profit(hz, qz);
    const worst = profit(qz, hz);
    for (const [rd, prod] of [
      [hz, hz],
      [qz, qz],
    ]) {
      expect(best).toBeGreaterThan(profit(rd!, prod!));
      expect(worst).toBeLessThan(profit(rd!, prod!));
    }
  });
  it('firms need free production land, and a park’s sponsor pulls its firms home', () => {
    const land = releaseLand((c) => (c === 'quzhou' ? 2 : 0));
    const quzhouSubsidy = (t: number) => (t > 1 ? { parkSubsidies: { 'park-quzhou-hangzhou': { talent: 0.2, startups: 0.3, capital: 0 } } } : {});
    const { results, state } = play(zj, 6, (t, c, st) => ({ ...land(t, c, st), ...(c === 'quzhou' ? quzhouSubsidy(t) : {}) }), 7, { deals: { 1: [park()] } });
    for (const r of state.regions) expect(r.landUsed).toBeLessThanOrEqual(r.productionLand + 1e-9);
    const p = results.slice(2).map((r) => r.parks[0]!);
    // Quzhou is the only city with free land: park firms that site production go home.
    expect(mean(p.map((x) => x.returnedToSponsor))).toBeGreaterThan(mean(p.map((x) => x.producedElsewhere)));
    expect(region(results[5]!, 'quzhou').firms.returned).toBeGreaterThan(0);
  });
  it('the standing quadrant of a game counts every producing firm by R&D and production class', () => {
    const { state } = play(zj, 4, releaseLand((c) => (c === 'quzhou' ? 1 : 0.3)));
    const q = standingQuadrant(zj, state.firmPairs);
    const total = Object.values(q).reduce((s, c) => s + c.firms, 0);
    expect(total).toBeCloseTo(state.regions.reduce((s, r) => s + r.firms, 0), 6);
    expect(q.corePeriphery.firms).toBeGreaterThan(q.peripheryCore.firms);
  });
  it('with no land anywhere, firms stay at high cost or leave the map, and the quadrant reports it', () => {
    const r = play(c4, 3).results[2]!;
    expect(r.metrics.firmsLeft).toBeGreaterThan(0);
    expect(r.quadrant.coreCore.firms + r.quadrant.peripheryPeriphery.firms).toBeGreaterThan(0);
    expect(r.quadrant.corePeriphery.firms).toBe(0);
  });
});

describe('diffusion (§3.3) and the technology-trading platform (§4.3)', () => {
  const land = releaseLand((c) => (c === 'quzhou' ? 2 : 0.3));
  it('new firms raise the base of their sector and of related sectors', () => {
    const { results } = play(zj, 4, land);
    const b0 = initialState(zj, { seed: 1 }).regions.find((r) => r.id === 'quzhou')!.industrialBase;
    const b = region(results[3]!, 'quzhou').industrialBase;
    expect(b['smart-manufacturing']!).toBeGreaterThan(b0['smart-manufacturing']!);
    // digital-economy is no strength of Quzhou's, but related to smart manufacturing.
    expect(b['digital-economy']!).toBeGreaterThan(b0['digital-economy']!);
  });
  it('a technology-trading platform carries more knowledge to the production city', () => {
    const run = (techTrading: boolean) => play(zj, 4, land, 7, { deals: { 1: [{ kind: 'platform', members: ['hangzhou', 'quzhou'], subsidyCap: null, techTrading }] } }).results;
    const knowledge = (rs: RoundResult[]) => region(rs[3]!, 'quzhou').knowledge;
    expect(knowledge(run(true))).toBeGreaterThan(knowledge(run(false)));
    expect(region(run(true)[3]!, 'quzhou').patentsTransferred).toBeGreaterThan(0);
  });
});

describe('environment and the big science facility (§2 step 10, §2.3)', () => {
  it('investment raises the environment; without it, it drifts back', () => {
    const invest = play(c4, 3, (_t, c) => ({ environment: c === 'hillton' ? 10 : 0 })).results;
    const none = play(c4, 3).results;
    expect(region(invest[2]!, 'hillton').environment).toBeGreaterThan(region(none[2]!, 'hillton').environment + 0.1);
  });
  it('a facility opens after its funded rounds, lifts E and brings top talent, but converts weakly without a matching base', () => {
    const rounds = DEFAULT_PARAMS.facilityRounds;
    const fund = (city: string) => (t: number, c: string) => ({ projects: { scienceFacility: c === city && t <= rounds } });
    // Cheap enough for a small city to afford in this test.
    const params = { facilityCost: 5 };
    const none = play(zj, rounds + 2, undefined, 7, { params }).results;
    const gain = (city: string) => {
      const rs = play(zj, rounds + 2, fund(city), 7, { params }).results;
      const at = (r: RoundResult[], t: number) => region(r[t]!, city);
      expect(at(rs, rounds - 2).environment).toBeLessThan(at(rs, rounds - 1).environment - DEFAULT_PARAMS.facilityEnvironment * 0.9);
      expect(at(rs, rounds - 1).fiscal.projects).toBeCloseTo(5, 3);
      const dq = at(rs, rounds + 1).innovationLocal - at(none, rounds + 1).innovationLocal;
      const dy = at(rs, rounds + 1).outputParts.innovation - at(none, rounds + 1).outputParts.innovation;
      return { dq, perUnit: dy / dq };
    };
    const thin = gain('zhoushan');
    const matched = gain('ningbo');
    expect(thin.dq).toBeGreaterThan(0);
    // Output per unit of the facility's extra innovation: weak where the base is thin.
    expect(thin.perUnit).toBeLessThan(matched.perUnit * 0.9);
  });
  it('an open facility needs no more funding', () => {
    const st = play(zj, DEFAULT_PARAMS.facilityRounds, (t, c) => ({ projects: { scienceFacility: c === 'ningbo' } })).state;
    const out = resolveRound(zj, st, decisionsFor(zj, st, (_t, c) => ({ projects: { scienceFacility: c === 'ningbo' } })));
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error.field).toBe('decisions.ningbo.projects.scienceFacility');
  });
});

describe('fiscal side of parks: land quota and the tax split (§3.1, §3.2)', () => {
  it('the sponsor’s quota goes to the host, which grants the park space and services it', () => {
    const { results, state } = play(zj, 2, undefined, 7, { deals: { 1: [park({ landQuota: 4, space: 2 })] } });
    const s0 = initialState(zj, { seed: 7 });
    const quota = (st: typeof state, id: string) => st.regions.find((r) => r.id === id)!.landQuota;
    expect(quota(state, 'quzhou')).toBeCloseTo(quota(s0, 'quzhou') - 4, 9);
    expect(quota(state, 'hangzhou')).toBeCloseTo(quota(s0, 'hangzhou') + 4 - 2, 9);
    expect(region(results[0]!, 'quzhou').land.transferred).toBeCloseTo(-4, 9);
    expect(region(results[0]!, 'hangzhou').fiscal.land).toBeCloseTo(DEFAULT_PARAMS.landPrice * 2, 9);
  });
  it('park tax goes to sponsor and host by the deal’s tax share', () => {
    const r = play(zj, 3, undefined, 7, { deals: { 1: [park({ taxShare: 0.75 })] } }).results[2]!;
    const p = r.parks[0]!;
    expect(p.taxToSponsor).toBeCloseTo(3 * p.taxToHost, 3);
    expect(region(r, 'quzhou').fiscal.parkTax).toBeCloseTo(p.taxToSponsor, 3);
  });
});

describe('genuine factors and totals', () => {
  it('a city’s stock in the result is its own location plus its parks', () => {
    const { results, state } = play(zj, 3, undefined, 7, { deals: { 1: [park()] } });
    const inCity = state.locations.filter((l) => l.host === 'hangzhou').reduce((s, l) => s + l.stock.talent + l.stock.startups + l.stock.capital, 0);
    expect(mass(region(results[2]!, 'hangzhou'))).toBeCloseTo(inCity, 1);
  });
  it('absorption rises with the industrial base', () => {
    expect(absorbOf(ctx4, [1, 1, 1, 1])).toBeGreaterThan(absorbOf(ctx4, [0.2, 0.2, 0.2, 0.2]));
  });
});
