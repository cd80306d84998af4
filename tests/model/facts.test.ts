/**
 * The stylized facts the model must show (docs/model.md "Stylized facts"): each is a
 * scenario played with a fixed seed, asserting the direction and a margin. Nothing here is
 * hard-coded in the model: each fact emerges from the mechanisms. Cities play their default
 * policy (no subsidies, production land as firms come) unless a fact says otherwise; a
 * scripted change is scaled to what the city can afford, as a bot's decisions are.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../../core/model';
import type { BotStrategy } from '../../core/bots';
import type { BotGameOptions } from '../../core/bots/game';
import type { DealTerms, ParkTerms, SignedDeal } from '../../core/protocol/deals';
import type { RegionResult, RoundResult } from '../../core/protocol/state';
import { getScenario, type Scenario } from '../../core/scenarios';
import { paperPark, play as playGame } from '../../scripts/balance/properties';

const scenario = (id: string): Scenario => getScenario(id)!;
const zj = scenario('zhejiang-mountain-sea');
const c4 = scenario('classroom-4');
const g60 = scenario('g60-corridor');

function play(s: Scenario, rounds: number, options: Partial<BotGameOptions> & { params?: Record<string, number>; strategies?: Record<string, BotStrategy> } = {}, seed = 7): RoundResult[] {
  const { params = {}, strategies = {}, ...extra } = options;
  const all = { ...Object.fromEntries(s.regions.map((r) => [r.id, 'frugal' as BotStrategy])), ...strategies };
  return playGame({ scenario: s, seed, variant: { id: 'fact', params }, rounds }, all, extra).rounds.map((r) => r.result);
}

const signed = (terms: DealTerms, id = 1): SignedDeal => ({ id: `d${id}`, terms, signedRound: 1 });
const region = (r: RoundResult, id: string): RegionResult => r.regions.find((x) => x.id === id)!;
const mass = (r: Pick<RegionResult, 'stock'>) => r.stock.talent + r.stock.startups + r.stock.capital;
const share = (r: RoundResult, id: string) => mass(region(r, id)) / r.regions.reduce((a, x) => a + mass(x), 0);
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const gini = (rs: RoundResult[]) => rs.map((r) => r.metrics.innovationGini);
const parkRate = (sponsor: string, id: string, rate = { talent: 0.2, startups: 0.3, capital: 0 }): BotGameOptions['override'] => (round, city, _st, bot) =>
  city === sponsor && round > 1 ? { ...bot, parkSubsidies: { [id]: rate } } : bot;

const first3 = (xs: readonly number[]) => mean(xs.slice(0, 3));
const last3 = (xs: readonly number[]) => mean(xs.slice(-3));

describe('1. polarisation under free flow (§1.1, §1.2: the Matthew effect)', () => {
  const results = play(zj, 10);
  it('the innovation Gini rises over 10 rounds', () => {
    expect(last3(gini(results))).toBeGreaterThan(first3(gini(results)) + 0.005);
  });
  it('factors net-flow to the core, and the far periphery loses ground', () => {
    const net = results.reduce((s, r) => s + mass({ stock: region(r, 'hangzhou').inflow }) - mass({ stock: region(r, 'hangzhou').outflow }), 0);
    expect(net).toBeGreaterThan(10);
    expect(share(results[9]!, 'hangzhou')).toBeGreaterThan(share(results[0]!, 'hangzhou') + 0.005);
    expect(share(results[9]!, 'quzhou')).toBeLessThan(share(results[0]!, 'quzhou'));
  });
});

describe('2. convergence needs congestion (§1.1, Fig. 1)', () => {
  const high = { congestion: DEFAULT_PARAMS.congestion * 2.5 };
  const free = play(zj, 10);
  const congested = play(zj, 10, { params: high });
  const coreShare = (rs: RoundResult[]) => rs.map((r) => share(r, 'hangzhou'));
  it('raising congestion turns divergence into convergence', () => {
    expect(last3(gini(free))).toBeGreaterThan(first3(gini(free)));
    expect(last3(gini(congested))).toBeLessThan(first3(gini(congested)));
    expect(coreShare(congested)[9]!).toBeLessThan(coreShare(congested)[0]!);
  });
  it('lowering γ does too', () => {
    const flat = gini(play(zj, 10, { params: { agglomerationExponent: 0.1 } }));
    expect(last3(flat)).toBeLessThan(first3(flat));
  });
  it('convergence is slow: the core is still losing share in the second half', () => {
    const s = coreShare(congested);
    expect(s[9]!).toBeLessThan(s[4]!);
    expect(s[4]! - s[9]!).toBeLessThan(s[0]! - s[4]!);
  });
});

describe('3. cobweb: the periphery overshoots (§1.2, Fig. 2)', () => {
  for (const [s, towns, core] of [
    [c4, ['hillton', 'seaport'], 'metropolis'],
    [zj, ['quzhou', 'lishui'], 'hangzhou'],
  ] as const) {
    it(`${s.id}: after the same shock, the periphery's factors swing with a larger relative amplitude than the core's`, () => {
      const base = play(s, 12);
      const shocked = play(s, 12, { events: { 4: [{ kind: 'downturn', severity: 0.3 }] } });
      const deviation = (id: string) => shocked.map((r, i) => mass(region(r, id)) / mass(region(base[i]!, id)) - 1).slice(3);
      const swing = (d: number[]) => Math.max(...d) - Math.min(...d);
      for (const town of towns) expect(swing(deviation(town)), town).toBeGreaterThan(1.5 * swing(deviation(core)));
    });
  }
});

describe('4. the subsidy arms race is negative-sum; a lone bidder gains (§1.2, §4.1)', () => {
  const everyone = (rate: number) => Object.fromEntries(c4.regions.map((r) => [r.id, `fixed:${rate}` as BotStrategy]));
  const none = play(c4, 8);
  const all = play(c4, 8, { strategies: everyone(0.2) });
  const allHigh = play(c4, 8, { strategies: everyone(0.4) });
  it('when all raise together, the allocation of genuine factors barely changes', () => {
    for (const r of c4.regions) expect(Math.abs(share(all[7]!, r.id) - share(none[7]!, r.id))).toBeLessThan(0.01);
  });
  it('every city scores below its own course, and the hunters take more as bids rise', () => {
    for (const r of c4.regions) expect(region(all[7]!, r.id).score).toBeLessThan(0);
    expect(all[7]!.metrics.hunterSubsidyShare).toBeGreaterThan(0.02);
    expect(allHigh[7]!.metrics.hunterSubsidyShare).toBeGreaterThan(all[7]!.metrics.hunterSubsidyShare * 1.2);
  });
  it('one city raising alone gains factors and score: the temptation is real', () => {
    const alone = play(c4, 8, { strategies: { hillton: 'fixed:0.2' } });
    expect(share(alone[7]!, 'hillton')).toBeGreaterThan(share(none[7]!, 'hillton') * 1.05);
    expect(region(alone[7]!, 'hillton').score).toBeGreaterThan(0);
  });
});

describe('5. the reverse enclave wins twice, on the paper’s terms (§3.1, §3.2, §3.3, Fig. 6)', () => {
  const park = paperPark('quzhou', 'hangzhou');
  const without = play(zj, 10);
  const withDeal = play(zj, 10, { deals: { 1: [signed(park)] }, override: parkRate('quzhou', 'park-quzhou-hangzhou') });
  const end = (rs: RoundResult[], id: string) => region(rs[9]!, id);
  it("the sponsor's production and industrial base rise", () => {
    expect(end(withDeal, 'quzhou').outputParts.production).toBeGreaterThan(end(without, 'quzhou').outputParts.production * 1.2);
    const base = (rs: RoundResult[]) => Object.values(end(rs, 'quzhou').industrialBase).reduce((a, b) => a + b, 0);
    expect(base(withDeal)).toBeGreaterThan(base(without) + 0.1);
  });
  it("the host's own innovation does not fall, and its output rises with the land it gained", () => {
    const local = (rs: RoundResult[]) => rs.map((r) => region(r, 'hangzhou').innovationLocal);
    local(withDeal).forEach((q, t) => expect(q).toBeGreaterThan(local(without)[t]! * 0.98));
    expect(end(withDeal, 'hangzhou').output).toBeGreaterThan(end(without, 'hangzhou').output);
  });
  it('both score above their own course', () => {
    expect(end(withDeal, 'quzhou').score).toBeGreaterThan(0);
    expect(end(withDeal, 'hangzhou').score).toBeGreaterThan(0);
  });
  it('the sponsor closes on the regional mean of innovation per head', () => {
    const relative = (rs: RoundResult[]) => {
      const pop = (id: string) => zj.regions.find((r) => r.id === id)!.population;
      const all = zj.regions.reduce((s, r) => s + r.population, 0);
      return end(rs, 'quzhou').innovation / pop('quzhou') / (rs[9]!.metrics.totalInnovation / all);
    };
    expect(relative(withDeal)).toBeGreaterThan(relative(without) * 1.5);
  });
});

describe('6. corridor benefits fade with distance from the core end (§2.1)', () => {
  const corridor: DealTerms = { kind: 'corridor', members: ['songjiang', 'jiaxing', 'hangzhou', 'huzhou', 'xuancheng'] };
  const without = play(g60, 8);
  const gain = (list: string[]) => {
    const withCorridor = play(g60, 8, { deals: { 1: [signed({ ...corridor, members: list } as DealTerms)] } });
    return (id: string) => {
      const total = (rs: RoundResult[]) => rs.reduce((s, r) => s + region(r, id).innovation, 0);
      return total(withCorridor) / total(without) - 1;
    };
  };
  it('Jiaxing, next to Songjiang, gains more than Huzhou, and Huzhou more than Xuancheng', () => {
    const g = gain([...corridor.members]);
    expect(g('jiaxing')).toBeGreaterThan(0.01);
    expect(g('jiaxing')).toBeGreaterThan(g('huzhou'));
    expect(g('huzhou')).toBeGreaterThan(g('xuancheng'));
  });
  it('the same whichever end the members are listed from', () => {
    const forward = gain([...corridor.members]);
    const reversed = gain([...corridor.members].reverse());
    for (const id of corridor.members) expect(reversed(id)).toBeCloseTo(forward(id), 12);
  });
});

describe('7. park operation: attraction against screening (§4.3)', () => {
  const terms = (mode: ParkTerms['mode']): ParkTerms => ({ ...paperPark('quzhou', 'hangzhou'), mode });
  // A generous park subsidy for startups, and a host that subsidises startups, draw hunters.
  const run = (mode: ParkTerms['mode']) =>
    play(zj, 6, {
      deals: { 1: [signed(terms(mode))] },
      strategies: { hangzhou: 'fixed:0.3' },
      override: parkRate('quzhou', 'park-quzhou-hangzhou', { talent: 0, startups: 0.5, capital: 0 }),
    })
      .slice(1)
      .map((r) => r.parks[0]!);
  const gov = run('government');
  const third = run('third-party');
  it('a government park attracts fewer startups than a third-party one', () => {
    expect(mean(gov.map((p) => p.stock.startups))).toBeLessThan(mean(third.map((p) => p.stock.startups)));
  });
  it('but lets in far fewer hunters', () => {
    expect(mean(gov.map((p) => p.hunters))).toBeLessThan(mean(third.map((p) => p.hunters)) * 0.5);
  });
});

describe('8. a single centre escalates the park arms race (§4.1)', () => {
  const sponsors = ['quzhou', 'lishui', 'zhoushan'];
  /** Sponsors play the escalator with no city-wide subsidies; mean park subsidy offered at the end. */
  const race = (hosts: string[]) => {
    const results = play(zj, 8, {
      strategies: Object.fromEntries(sponsors.map((c) => [c, 'escalator' as BotStrategy])),
      deals: { 1: sponsors.map((sp, i) => signed(paperPark(sp, hosts[i]!), i + 1)) },
      override: (_round, _city, _st, bot) => ({ ...bot, subsidies: { talent: 0, startups: 0, capital: 0 } }),
    });
    return mean(results[7]!.parks.map((p) => p.subsidySponsor.startups));
  };
  it('sponsors bidding for parks in one core escalate more than when second cores host too', () => {
    expect(race(['hangzhou', 'hangzhou', 'hangzhou'])).toBeGreaterThan(race(['hangzhou', 'ningbo', 'wenzhou']) + 0.15);
  });
});
