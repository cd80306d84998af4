/**
 * The stylized facts the model must show (flow-model.md §5): each is a scenario run with a
 * fixed seed, asserting the direction and a margin. Nothing here is hard-coded in the
 * model: each fact emerges from the mechanisms of §2 and §3.
 */
import { describe, expect, it } from 'vitest';
import { botDecisions, type BotStrategy } from '../../core/bots';
import { initialState, resolveRound, DEFAULT_PARAMS } from '../../core/model';
import type { DealTerms, ParkTerms } from '../../core/protocol/deals';
import type { GameState, RoundResult } from '../../core/protocol/state';
import { flat, mass, mean, play, region, releaseLand, scenario, share, type Policy } from '../support/model';

const zj = scenario('zhejiang-mountain-sea');
const c4 = scenario('classroom-4');
const gini = (rs: RoundResult[]) => rs.map((r) => r.metrics.innovationGini);

describe('1. polarisation under free flow (§1.1, §1.2: the Matthew effect)', () => {
  const { results } = play(zj, 10);
  it('the innovation Gini rises over 10 rounds', () => {
    const g = gini(results);
    expect(g[9]! - g[0]!).toBeGreaterThan(0.03);
  });
  it('factors net-flow to the core', () => {
    const net = results.reduce((s, r) => {
      const hz = region(r, 'hangzhou');
      return s + mass({ stock: hz.inflow }) - mass({ stock: hz.outflow });
    }, 0);
    expect(net).toBeGreaterThan(10);
    expect(share(results[9]!, 'hangzhou')).toBeGreaterThan(share(results[0]!, 'hangzhou') + 0.01);
    expect(share(results[9]!, 'quzhou')).toBeLessThan(share(results[0]!, 'quzhou') * 0.8);
  });
});

describe('2. convergence needs congestion (§1.1, Fig. 1)', () => {
  const high = { congestion: DEFAULT_PARAMS.congestion * 2.5 };
  const congested = gini(play(zj, 10, undefined, 7, { params: high }).results);
  it('raising congestion turns divergence into convergence', () => {
    expect(congested[9]!).toBeLessThan(congested[0]! - 0.02);
  });
  it('lowering γ does too', () => {
    const flat = gini(play(zj, 10, undefined, 7, { params: { agglomerationExponent: 0.1 } }).results);
    expect(flat[9]!).toBeLessThan(flat[0]! - 0.01);
  });
  it('convergence is slow: knowledge spillovers give it a long tail', () => {
    // Still converging in the second half of the game...
    expect(congested[9]!).toBeLessThan(congested[4]! - 0.003);
    // ...whereas without spillovers the same congestion settles within a few rounds, lower.
    const noSpill = gini(play(zj, 10, undefined, 7, { params: { ...high, spillover: 0 } }).results);
    expect(Math.abs(noSpill[9]! - noSpill[2]!)).toBeLessThan(0.01);
    expect(congested[9]!).toBeGreaterThan(noSpill[9]! + 0.02);
  });
});

describe('3. cobweb: the periphery overshoots (§1.2, Fig. 2)', () => {
  // The same shock for every city: a downturn in round 4.
  const base = play(c4, 12).results;
  const shocked = play(c4, 12, undefined, 7, { events: { 4: [{ kind: 'downturn', severity: 0.3 }] } }).results;
  const deviation = (id: string) => shocked.map((r, i) => mass(region(r, id)) / mass(region(base[i]!, id)) - 1).slice(3);
  const swing = (d: number[]) => Math.max(...d) - Math.min(...d);
  it('the periphery swings with a larger relative amplitude than the core', () => {
    for (const town of ['hillton', 'seaport']) expect(swing(deviation(town))).toBeGreaterThan(2 * swing(deviation('metropolis')));
  });
  it('the periphery overshoots: its deviation changes sign', () => {
    const d = deviation('hillton');
    expect(Math.max(...d)).toBeGreaterThan(0.02);
    expect(Math.min(...d)).toBeLessThan(-0.01);
  });
});

describe('4. the subsidy arms race is negative-sum (§1.2, §4.1)', () => {
  const none = play(c4, 8).results;
  const all = play(c4, 8, () => ({ subsidies: flat(0.2) })).results;
  const allHigh = play(c4, 8, () => ({ subsidies: flat(0.4) }), 7).results;
  it('when all raise together, the allocation of genuine factors barely changes', () => {
    for (const r of c4.regions) expect(Math.abs(share(all[7]!, r.id) - share(none[7]!, r.id))).toBeLessThan(0.005);
  });
  it('every treasury falls and the hunters take more as the race goes on', () => {
    for (const r of c4.regions) expect(region(all[7]!, r.id).fiscal.end).toBeLessThan(region(none[7]!, r.id).fiscal.end - 5);
    expect(all[7]!.metrics.hunterSubsidyShare).toBeGreaterThan(0.02);
    expect(allHigh[7]!.metrics.hunterSubsidyShare).toBeGreaterThan(all[7]!.metrics.hunterSubsidyShare * 1.5);
  });
  it('one city raising alone does gain factors: the temptation is real', () => {
    const alone = play(c4, 8, (_t, city) => (city === 'hillton' ? { subsidies: flat(0.2) } : {})).results;
    expect(share(alone[7]!, 'hillton')).toBeGreaterThan(share(none[7]!, 'hillton') * 1.15);
  });
});

describe('5. the reverse enclave wins twice (§3.2, §3.3, Fig. 6)', () => {
  const park: ParkTerms = { kind: 'park', sponsor: 'quzhou', host: 'hangzhou', landQuota: 3, space: 3, mode: 'mixed', statsShare: 0.8, taxShare: 0.5 };
  // Every city releases production land as its quota allows; the sponsor pays a park subsidy.
  const land = releaseLand((city) => (['hangzhou', 'ningbo', 'wenzhou'].includes(city) ? 0.5 : 1));
  const withPark: Policy = (t, city, st) => ({
    ...land(t, city, st),
    ...(city === 'quzhou' && t > 1 ? { parkSubsidies: { 'park-quzhou-hangzhou': { talent: 0.2, startups: 0.3, capital: 0 } } } : {}),
  });
  const without = play(zj, 10, land).results;
  const withDeal = play(zj, 10, withPark, 7, { deals: { 1: [park] } }).results;
  const end = (rs: RoundResult[], id: string) => region(rs[9]!, id);
  it("the sponsor's production and industrial base rise", () => {
    expect(end(withDeal, 'quzhou').outputParts.production).toBeGreaterThan(end(without, 'quzhou').outputParts.production * 1.05);
    const base = (rs: RoundResult[]) => Object.values(end(rs, 'quzhou').industrialBase).reduce((a, b) => a + b, 0);
    expect(base(withDeal)).toBeGreaterThan(base(without) + 0.2);
  });
  it("the host's innovation does not fall", () => {
    const local = (rs: RoundResult[]) => rs.map((r) => region(r, 'hangzhou').innovationLocal);
    local(withDeal).forEach((q, t) => expect(q).toBeGreaterThan(local(without)[t]! * 0.98));
    expect(mean(local(withDeal))).toBeGreaterThan(mean(local(without)));
  });
  it('the regional Gini of output per head falls, and the sponsor closes on the regional mean', () => {
    expect(withDeal[9]!.metrics.outputGini).toBeLessThan(without[9]!.metrics.outputGini - 0.0008);
    // Innovation per head of the sponsor relative to the region's.
    const relative = (rs: RoundResult[]) => {
      const pop = (id: string) => zj.regions.find((r) => r.id === id)!.population;
      const all = zj.regions.reduce((s, r) => s + pop(r.id), 0);
      return end(rs, 'quzhou').innovation / pop('quzhou') / (rs[9]!.metrics.totalInnovation / all);
    };
    expect(relative(withDeal)).toBeGreaterThan(relative(without) * 3);
  });
  it('both treasuries beat the no-deal run over the game', () => {
    for (const id of ['quzhou', 'hangzhou']) expect(end(withDeal, id).fiscal.end).toBeGreaterThan(end(without, id).fiscal.end);
  });
});

describe('6. corridor benefits fade with distance from the core end (§2.1)', () => {
  const g60 = scenario('g60-corridor');
  const corridor: DealTerms = { kind: 'corridor', members: ['songjiang', 'jiaxing', 'hangzhou', 'huzhou', 'xuancheng'] };
  const without = play(g60, 8).results;
  const withCorridor = play(g60, 8, undefined, 7, { deals: { 1: [corridor] } }).results;
  const gain = (id: string) => {
    const total = (rs: RoundResult[]) => rs.reduce((s, r) => s + region(r, id).innovation, 0);
    return total(withCorridor) / total(without) - 1;
  };
  it('Jiaxing, next to Songjiang, gains more than Huzhou, and Huzhou more than Xuancheng', () => {
    expect(gain('jiaxing')).toBeGreaterThan(0.02);
    expect(gain('jiaxing')).toBeGreaterThan(gain('huzhou') * 1.5);
    expect(gain('huzhou')).toBeGreaterThan(gain('xuancheng'));
    expect(Math.abs(gain('xuancheng'))).toBeLessThan(gain('jiaxing') / 3);
  });
});

describe('7. park operation: attraction against screening (§4.3)', () => {
  const terms = (mode: ParkTerms['mode']): ParkTerms => ({ kind: 'park', sponsor: 'quzhou', host: 'hangzhou', landQuota: 3, space: 3, mode, statsShare: 0.5, taxShare: 0.5 });
  // A generous park subsidy for startups draws hunters as well as genuine firms.
  const policy: Policy = (t, city) =>
    city === 'quzhou' && t > 1
      ? { parkSubsidies: { 'park-quzhou-hangzhou': { talent: 0, startups: 0.5, capital: 0 } } }
      : city === 'hangzhou'
        ? { subsidies: { talent: 0, startups: 0.3, capital: 0 } }
        : {};
  const run = (mode: ParkTerms['mode']) => play(zj, 6, policy, 7, { deals: { 1: [terms(mode)] } }).results.slice(1);
  const park = (rs: RoundResult[]) => rs.map((r) => r.parks[0]!);
  const gov = park(run('government'));
  const third = park(run('third-party'));
  it('a government park attracts fewer startups than a third-party one', () => {
    expect(mean(gov.map((p) => p.stock.startups))).toBeLessThan(mean(third.map((p) => p.stock.startups)) * 0.95);
  });
  it('but lets in far fewer hunters', () => {
    expect(mean(gov.map((p) => p.hunters))).toBeLessThan(mean(third.map((p) => p.hunters)) * 0.5);
  });
});

describe('8. a single centre escalates the park arms race (§4.1)', () => {
  const sponsors = ['quzhou', 'lishui', 'zhoushan'];
  const park = (sponsor: string, host: string): ParkTerms => ({ kind: 'park', sponsor, host, landQuota: 2, space: 1, mode: 'mixed', statsShare: 0.5, taxShare: 0.5 });
  /** Sponsors play the escalator; everyone else does nothing. Mean park subsidy offered at the end. */
  const race = (hosts: string[]) => {
    const s = zj;
    let state: GameState = initialState(s, { seed: 7 });
    const results: RoundResult[] = [];
    for (let t = 1; t <= 8; t++) {
      const { seed: _seed, ...pub } = state;
      const decisions = Object.fromEntries(
        s.regions.map((r) => {
          const strategy: BotStrategy = sponsors.includes(r.id) ? 'escalator' : 'frugal';
          const d = botDecisions(strategy, { city: r.id, round: t, state: pub, results, scenario: s, deals: [] }, 7);
          // Only the park race is under study: no city subsidies.
          return [r.id, { ...d, subsidies: flat(0) }];
        }),
      );
      const deals = t === 1 ? sponsors.map((sp, i) => ({ id: `d${i + 1}`, terms: park(sp, hosts[i]!), signedRound: 1 })) : [];
      const out = resolveRound(s, state, decisions, { deals });
      if (!out.ok) throw new Error(out.error.rule);
      state = out.state;
      results.push(out.result);
    }
    return mean(results[7]!.parks.map((p) => p.subsidySponsor.startups));
  };
  it('sponsors bidding for parks in one core escalate more than when second cores host too', () => {
    const single = race(['hangzhou', 'hangzhou', 'hangzhou']);
    const multi = race(['hangzhou', 'ningbo', 'wenzhou']);
    expect(single).toBeGreaterThan(multi + 0.3);
  });
});
