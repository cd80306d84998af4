/**
 * The ten properties the score must have (docs/scoring.md), each measured with bots playing
 * whole games through the model: pure, seeded, no I/O. `npm run balance` runs them over
 * scenarios, seeds and parameter variants and writes the tables into docs/scoring.md;
 * tests/balance/ runs a quick version of each in `npm test`.
 *
 * Every function takes a Setting (scenario, seed, parameter variant, rounds) and returns the
 * numbers behind the property and whether it holds, with its margin: how far the closest
 * number is from failing.
 */
import { playBotGame, type BotGame, type BotGameOptions } from '../../core/bots/game';
import { affordable, type BotStrategy } from '../../core/bots';
import { checkDecisions, makeContext } from '../../core/model';
import { PARAMS, resolveParams, type ParamKey, type ParamOverrides } from '../../core/model/params';
import { mixSeed, rng } from '../../core/model/rng';
import type { DealTerms, ParkTerms, SignedDeal } from '../../core/protocol/deals';
import type { ScoreWeights } from '../../core/protocol/settings';
import type { RegionResult, RoundResult } from '../../core/protocol/state';
import type { Scenario } from '../../core/scenarios';
import { EVEN_SEATS, type SeatOdds } from '../../core/scenarios/seat-odds';

export interface Variant {
  id: string;
  params: ParamOverrides;
  /** Custom score weights instead of the default preset. */
  weights?: ScoreWeights;
}

export interface Setting {
  scenario: Scenario;
  seed: number;
  variant: Variant;
  rounds: number;
}

/** "Moderate subsidy": about the bid a sensible official would try, money per newcomer per round. */
export const MODERATE = 0.2;

/** The main parameters moved ±20% to show a property does not rest on one number. */
export const MAIN_PARAMS: readonly ParamKey[] = [
  'mobility.talent',
  'tasteSpread.talent',
  'congestion',
  'agglomeration',
  'ties',
  'subsidyRounds',
  'hunterRate',
  'landPrice',
  'siteReach',
  'returnPull',
  'taxRate',
];

const variantOptions = (v: Variant): Partial<BotGameOptions> => ({ params: v.params, ...(v.weights ? { scoring: 'custom' as const, weights: v.weights } : {}) });

const clampTo = (key: ParamKey, x: number) => Math.min(PARAMS[key].max, Math.max(PARAMS[key].min, x));

/** The default, then every main parameter moved by ±share, one at a time. */
export function oneAtATime(share = 0.2): Variant[] {
  const out: Variant[] = [{ id: 'default', params: {} }];
  for (const key of MAIN_PARAMS) {
    for (const sign of [-1, 1]) {
      const value = clampTo(key, PARAMS[key].default * (1 + sign * share));
      out.push({ id: `${key} ${sign > 0 ? '+' : '−'}${Math.round(share * 100)}%`, params: { [key]: Number(value.toPrecision(6)) } });
    }
  }
  return out;
}

/** The default and every main parameter moved together, up and down: the quick check of `npm test`. */
export function together(share = 0.2): Variant[] {
  const all = (sign: number) => Object.fromEntries(MAIN_PARAMS.map((k) => [k, Number(clampTo(k, PARAMS[k].default * (1 + sign * share)).toPrecision(6))]));
  return [
    { id: 'default', params: {} },
    { id: `all main −${Math.round(share * 100)}%`, params: all(-1) },
    { id: `all main +${Math.round(share * 100)}%`, params: all(1) },
  ];
}

// Playing

const ids = (s: Scenario) => s.regions.map((r) => r.id);
const everyone = (s: Scenario, strategy: BotStrategy): Record<string, BotStrategy> => Object.fromEntries(ids(s).map((c) => [c, strategy]));

/**
 * A game of bots, no negotiation: deals are signed by the test. A scripted change of a
 * city's decisions (`override`) is scaled down to what the city can afford, as a bot's are.
 */
export function play(setting: Setting, strategies: Record<string, BotStrategy>, extra: Partial<BotGameOptions> = {}): BotGame {
  const ctx = makeContext(setting.scenario, resolveParams(setting.variant.params));
  const scripted = extra.override;
  const override: BotGameOptions['override'] = scripted && ((round, city, state, bot) => affordable(ctx, state, city, scripted(round, city, state, bot)));
  return playBotGame(setting.scenario, { rounds: setting.rounds, seed: setting.seed, strategies, ...variantOptions(setting.variant), negotiate: false, ...extra, override });
}

const last = (g: BotGame): RoundResult => g.rounds.at(-1)!.result;
const byCity = (g: BotGame) => new Map(last(g).regions.map((r) => [r.id, r]));
const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const mass = (r: Pick<RegionResult, 'stock'>) => r.stock.talent + r.stock.startups + r.stock.capital;

/** Each city's share of all genuine factors at the end of a game. */
function shares(g: BotGame): Map<string, number> {
  const regions = last(g).regions;
  const total = regions.reduce((s, r) => s + mass(r), 0);
  return new Map(regions.map((r) => [r.id, mass(r) / total]));
}

const signed = (terms: DealTerms, id = 1, round = 1): SignedDeal => ({ id: `d${id}`, terms, signedRound: round });

/**
 * The paper's park terms (§3.1): about 3 km² of land quota for 1 km² of park space; the
 * host keeps most of the park's innovation statistics (its "performance statistics may
 * suffer", so the sponsor is credited a share) and the tax is split evenly.
 */
export function paperPark(sponsor: string, host: string, space = 1): ParkTerms {
  return { kind: 'park', sponsor, host, landQuota: 3 * space, space, mode: 'mixed', statsShare: 0.3, taxShare: 0.5 };
}

// 1. Temptation

export interface CityGain {
  city: string;
  /** Score with the change less score without. */
  gain: number;
  innovation: number;
  output: number;
  budget: number;
}

export interface Temptation {
  rate: number;
  cities: CityGain[];
  /** Share of cities whose own score rises when they alone subsidise. */
  tempted: number;
  holds: boolean;
}

/**
 * For each city: its final score when it alone bids `rate` and every other city plays its
 * default policy, against all playing default (which scores 0: it is the baseline). The gain
 * must come from the factors drawn, so it counts only where innovation and output rose.
 */
export function temptation(setting: Setting, rate = MODERATE): Temptation {
  const s = setting.scenario;
  const cities = ids(s).map((c) => {
    const r = byCity(play(setting, { ...everyone(s, 'frugal'), [c]: `fixed:${rate}` })).get(c)!;
    const w = r.scoreParts;
    return { city: c, gain: r.score, innovation: w.innovation, output: w.output, budget: w.budget };
  });
  const real = cities.filter((x) => x.gain > 0 && x.innovation > 0 && x.output >= 0);
  const tempted = real.length / cities.length;
  return { rate, cities, tempted, holds: tempted > 0.5 };
}

// 2. Collective loss

export interface CollectiveLoss {
  rate: number;
  /** Each city's final score when every city bids `rate` (all default scores 0). */
  scores: { city: string; score: number }[];
  losers: number;
  /** The whole region's score part. */
  region: number;
  /** Largest change of a city's share of genuine factors, percentage points. */
  shift: number;
  /** Share of subsidies that went to hunters, and newcomers paid per round against the default game. */
  hunterShare: number;
  churn: number;
  holds: boolean;
}

export function collectiveLoss(setting: Setting, rate = MODERATE): CollectiveLoss {
  const s = setting.scenario;
  const none = play(setting, everyone(s, 'frugal'));
  const all = play(setting, everyone(s, `fixed:${rate}`));
  const after = byCity(all);
  const scores = ids(s).map((c) => ({ city: c, score: after.get(c)!.score }));
  const a = shares(all);
  const b = shares(none);
  const shift = Math.max(...ids(s).map((c) => Math.abs(a.get(c)! - b.get(c)!))) * 100;
  const newcomers = (g: BotGame) => mean(g.rounds.map((r) => r.result.regions.reduce((t, x) => t + mass({ stock: x.inflow }), 0)));
  const losers = scores.filter((x) => x.score < 0).length;
  const region = after.get(ids(s)[0]!)!.scoreParts.region;
  return {
    rate,
    scores,
    losers,
    region,
    shift,
    hunterShare: mean(all.rounds.map((r) => r.result.metrics.hunterSubsidyShare)),
    churn: newcomers(all) / Math.max(newcomers(none), 1e-9),
    holds: losers > scores.length / 2 && region < 0 && shift < 2,
  };
}

// 3. The race emerges

export interface Race {
  /** Mean city-wide bid by round, and each city's. */
  meanBid: number[];
  bids: { city: string; bids: number[] }[];
  region: number;
  losers: number;
  holds: boolean;
}

/** Every city a myopic best responder: do bids rise, and does the region end below all-frugal? */
export function race(setting: Setting): Race {
  const s = setting.scenario;
  const g = play(setting, everyone(s, 'best-response'));
  const bids = ids(s).map((c) => ({ city: c, bids: g.rounds.map((r) => r.result.regions.find((x) => x.id === c)!.subsidies.talent) }));
  const meanBid = g.rounds.map((_, t) => mean(bids.map((b) => b.bids[t]!)));
  const late = mean(meanBid.slice(-3));
  const after = byCity(g);
  const region = after.get(ids(s)[0]!)!.scoreParts.region;
  const losers = ids(s).filter((c) => after.get(c)!.score < 0).length;
  return { meanBid, bids, region, losers, holds: late > meanBid[0]! + 0.02 && region < 0 };
}

// 4. A way out

export interface WayOut {
  /** Per coalition and per stance of the others: mean member score keeping the deal, and racing. */
  rows: { deal: string; others: string; members: string[]; kept: number; racing: number; worseOff: string[] }[];
  holds: boolean;
}

/**
 * A subsidy cap on the coordination platform (§4.3) and a reverse-enclave park (§3): the
 * cities that make the deal, compared with the same cities racing (best response), while the
 * others race or stay frugal. Each member must do better keeping the deal.
 */
export function wayOut(setting: Setting, park: ParkTerms, coalition: readonly string[]): WayOut {
  const s = setting.scenario;
  const rows: WayOut['rows'] = [];
  const platform: DealTerms = { kind: 'platform', members: [...coalition], subsidyCap: 0, techTrading: true };
  const parkMembers = [park.sponsor, park.host];
  const parkId = `park-${park.sponsor}-${park.host}`;
  for (const others of ['best-response', 'frugal'] as const) {
    const base = everyone(s, others);
    const compare = (deal: string, members: readonly string[], keep: Record<string, BotStrategy>, deals: SignedDeal[], override?: BotGameOptions['override']) => {
      const racing = byCity(play(setting, { ...base, ...Object.fromEntries(members.map((c) => [c, 'best-response' as const])) }));
      const kept = byCity(play(setting, { ...base, ...keep }, { deals: { 1: deals }, override }));
      const worseOff = members.filter((c) => kept.get(c)!.score <= racing.get(c)!.score);
      rows.push({ deal, others, members: [...members], kept: mean(members.map((c) => kept.get(c)!.score)), racing: mean(members.map((c) => racing.get(c)!.score)), worseOff });
    };
    // Members of a platform keep its cap of 0: they pay no subsidies.
    compare('platform cap', coalition, Object.fromEntries(coalition.map((c) => [c, 'frugal' as const])), [signed(platform)]);
    // The park's pair: no city-wide race; the sponsor pays its park a steady offer from round 2.
    compare('reverse enclave', parkMembers, Object.fromEntries(parkMembers.map((c) => [c, 'frugal' as const])), [signed(park)], (round, city, _state, bot) =>
      city === park.sponsor && round > 1 ? { ...bot, parkSubsidies: { [parkId]: { talent: 0.2, startups: 0.3, capital: 0 } } } : bot,
    );
  }
  return { rows, holds: rows.every((r) => r.worseOff.length === 0) };
}

// 5. Directed diffusion needs the enclave

export interface Diffusion {
  /** Share of the production value of core-incubated firms, by the role of the city producing it, without a park. */
  byRole: Record<string, number>;
  /** The sponsor's share of that production, without and with the park; and the ratio. */
  without: number;
  withPark: number;
  ratio: number;
  holds: boolean;
}

function coreIncubated(g: BotGame, s: Scenario): Map<string, number> {
  const core = new Set(s.regions.filter((r) => r.role === 'core' || r.role === 'second-core').map((r) => r.id));
  const out = new Map<string, number>();
  let total = 0;
  for (const x of g.state.firmPairs) {
    if (!core.has(x.rd)) continue;
    out.set(x.prod, (out.get(x.prod) ?? 0) + x.value);
    total += x.value;
  }
  for (const [k, v] of out) out.set(k, v / Math.max(total, 1e-9));
  return out;
}

export function diffusion(setting: Setting, park: ParkTerms): Diffusion {
  const s = setting.scenario;
  const role = new Map(s.regions.map((r) => [r.id, r.role]));
  const without = coreIncubated(play(setting, everyone(s, 'frugal')), s);
  const parkId = `park-${park.sponsor}-${park.host}`;
  const withPark = coreIncubated(
    play(setting, everyone(s, 'frugal'), {
      deals: { 1: [signed(park)] },
      override: (round, city, _st, bot) => (city === park.sponsor && round > 1 ? { ...bot, parkSubsidies: { [parkId]: { talent: 0.2, startups: 0.3, capital: 0 } } } : bot),
    }),
    s,
  );
  const byRole: Record<string, number> = {};
  for (const [c, v] of without) byRole[role.get(c)!] = (byRole[role.get(c)!] ?? 0) + v;
  const a = without.get(park.sponsor) ?? 0;
  const b = withPark.get(park.sponsor) ?? 0;
  const ratio = b / Math.max(a, 1e-9);
  return { byRole, without: a, withPark: b, ratio, holds: (byRole['periphery'] ?? 0) < 0.3 && ratio >= 2 };
}

// 6. The double win

export interface DoubleWin {
  terms: ParkTerms;
  sponsor: number;
  host: number;
  /** Sum of the other cities' score changes, and of the pair's. */
  others: number;
  pair: number;
  /** Who paid: the other cities whose score fell, most first. */
  payers: { city: string; change: number }[];
  holds: boolean;
}

/** A park on the paper's terms, the others on default policy: both parties gain; third cities lose less than the pair gains. */
export function doubleWin(setting: Setting, terms: ParkTerms): DoubleWin {
  const s = setting.scenario;
  const parkId = `park-${terms.sponsor}-${terms.host}`;
  const withDeal = byCity(
    play(setting, everyone(s, 'frugal'), {
      deals: { 1: [signed(terms)] },
      override: (round, city, _st, bot) => (city === terms.sponsor && round > 1 ? { ...bot, parkSubsidies: { [parkId]: { talent: 0.2, startups: 0.3, capital: 0 } } } : bot),
    }),
  );
  // Without the deal every city plays its default course: the baseline, which scores 0.
  const change = (c: string) => withDeal.get(c)!.score;
  const others = ids(s).filter((c) => c !== terms.sponsor && c !== terms.host);
  const sponsor = change(terms.sponsor);
  const host = change(terms.host);
  const othersSum = others.reduce((t, c) => t + change(c), 0);
  const payers = others
    .map((c) => ({ city: c, change: change(c) }))
    .filter((x) => x.change < 0)
    .sort((a, b) => a.change - b.change);
  return { terms, sponsor, host, others: othersSum, pair: sponsor + host, payers, holds: sponsor > 0 && host > 0 && -othersSum < sponsor + host };
}

// 7. Land is a trade-off

export interface Land {
  /** Per city: score releasing all its quota for production at once (within budget), against the default course. */
  releaseAll: { city: string; score: number }[];
  /** Share of cities for which releasing everything beats the default course. */
  dominant: number;
  holds: boolean;
}

export function land(setting: Setting): Land {
  const s = setting.scenario;
  const releaseAll = ids(s).map((c) => {
    const g = play(setting, everyone(s, 'frugal'), {
      override: (_round, city, state, bot) => {
        if (city !== c) return bot;
        const r = state.regions.find((x) => x.id === city)!;
        // Everything it can afford: the treasury and credit at the land's price.
        const price = (setting.variant.params['landPrice'] as number | undefined) ?? PARAMS.landPrice.default;
        const afford = price > 0 ? Math.max(0, (r.treasury + 0.5 * 0.005 * r.initialOutput) / price) : r.landQuota;
        return { ...bot, land: { innovation: 0, production: Math.floor(Math.min(r.landQuota, afford) * 100) / 100 } };
      },
    });
    return { city: c, score: byCity(g).get(c)!.score };
  });
  const dominant = releaseAll.filter((x) => x.score > 0).length / releaseAll.length;
  return { releaseAll, dominant, holds: dominant < 0.5 };
}

// 8. Every seat can win (and 7b: the fiscal part of the winner's score)

export interface Seats {
  games: number;
  pool: readonly BotStrategy[];
  wins: { city: string; wins: number; share: number; ratio: number }[];
  /** Wins by strategy. */
  byStrategy: Record<string, number>;
  /** Mean over games of the winner's budget part (weighted, when positive) as a share of its score. */
  fiscalShare: number;
  /**
   * Each city's final score: its mean over every game, and its best game, the strategy
   * with the highest mean score in that seat. A seat wins when its best game beats the
   * others' in the same draw, so the best game, not the mean, says whether it can win.
   */
  scores: { city: string; mean: number; best: { strategy: string; mean: number; games: number } }[];
  holds: boolean;
}

/** The strategies assigned at random to seats: every shipped bot but `random`. */
export const POOL: readonly BotStrategy[] = ['frugal', 'matcher', 'escalator', 'cooperator', 'best-response'];

/**
 * Games of property 8's tournament at the default parameters in `npm run balance`, by scenario:
 * the two the properties are shown on, then the other built-in maps, measured only for the
 * seat odds the host setup shows (core/scenarios/seat-odds.ts).
 */
export const SEAT_GAMES: Readonly<Record<string, number>> = {
  'classroom-4': 300,
  'zhejiang-mountain-sea': 400,
  'classroom-8': 200,
  'g60-corridor': 200,
  'greater-bay-area': 200,
  andalucia: 200,
};

/** A tournament's wins as core/scenarios/seat-odds.json keeps them. */
export function oddsOf(r: Seats, rounds: number): SeatOdds {
  return { games: r.games, rounds, wins: Object.fromEntries(r.wins.map((w) => [w.city, w.wins])) };
}

/** What `npm run balance` writes to core/scenarios/seat-odds.json. */
export function oddsFile(odds: Record<string, SeatOdds>): string {
  const about = 'Property 8 of docs/scoring.md: wins by city in bot games with strategies drawn at random for every seat, at the default parameters. Written by `npm run balance`; tests/balance/seats.test.ts and seat-odds.test.ts check it against the model.';
  // In the order of SEAT_GAMES, whatever order the tournaments ran in.
  const ordered = Object.fromEntries(Object.keys(SEAT_GAMES).filter((id) => odds[id]).map((id) => [id, odds[id]!]));
  return `${JSON.stringify({ about, scenarios: ordered }, null, 2)}\n`;
}

export function seats(scenario: Scenario, games: number, variant: Variant = { id: 'default', params: {} }, rounds = 8, pool = POOL): Seats {
  const count = new Map(ids(scenario).map((c) => [c, 0]));
  const byStrategy: Record<string, number> = {};
  let fiscal = 0;
  // city → strategy → [sum of final scores, games]
  const played = new Map(ids(scenario).map((c) => [c, new Map<string, [number, number]>()]));
  for (let g = 0; g < games; g++) {
    const next = rng(mixSeed(g, scenario.id, 'seats'));
    const strategies = Object.fromEntries(ids(scenario).map((c) => [c, pool[Math.floor(next() * pool.length)]!]));
    const game = playBotGame(scenario, { rounds, seed: g + 1, strategies, ...variantOptions(variant) });
    for (const r of last(game).regions) {
      const seat = played.get(r.id)!;
      const [sum, n] = seat.get(strategies[r.id]!) ?? [0, 0];
      seat.set(strategies[r.id]!, [sum + r.score, n + 1]);
    }
    const winner = last(game).regions.reduce((a, b) => (b.score > a.score ? b : a));
    count.set(winner.id, count.get(winner.id)! + 1);
    byStrategy[strategies[winner.id]!] = (byStrategy[strategies[winner.id]!] ?? 0) + 1;
    const budget = game.state.scoring.weights.budget * winner.scoreParts.budget;
    fiscal += winner.score > 0 ? Math.max(0, budget) / winner.score : 0;
  }
  const n = scenario.regions.length;
  const wins = [...count].map(([city, w]) => ({ city, wins: w, share: w / games, ratio: (w / games) * n }));
  const scores = [...played].map(([city, seat]) => {
    const all = [...seat.values()];
    const [strategy, [sum, count]] = [...seat].reduce((a, b) => (b[1][0] / b[1][1] > a[1][0] / a[1][1] ? b : a));
    return { city, mean: all.reduce((s, [x]) => s + x, 0) / games, best: { strategy, mean: sum / count, games: count } };
  });
  return { games, pool, wins, byStrategy, fiscalShare: fiscal / games, scores, holds: wins.every((w) => w.ratio >= EVEN_SEATS.min && w.ratio <= EVEN_SEATS.max) };
}

// 10. Every mechanism matters somewhere

export interface Modes {
  /** The sponsor's score by operation mode, at a modest and at a high park subsidy. */
  low: Record<string, number>;
  high: Record<string, number>;
  bestLow: string;
  bestHigh: string;
  holds: boolean;
}

const MODES = ['government', 'third-party', 'mixed'] as const;

function bestOf(scores: Record<string, number>): string {
  return Object.entries(scores).reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

/**
 * Park operation modes (§4.3, "death if managed, chaos if released"): with subsidies at a
 * normal level the sponsor's best mode is one that attracts; when the host city bids high,
 * hunters flood the city and its parks, and the sponsor's best mode is one that screens. The
 * best choice must change with the subsidies.
 */
export function modes(setting: Setting, park: ParkTerms, hostRate = 1): Modes {
  const s = setting.scenario;
  const parkId = `park-${park.sponsor}-${park.host}`;
  const run = (mode: ParkTerms['mode'], host: number) =>
    byCity(
      play(setting, everyone(s, 'frugal'), {
        deals: { 1: [signed({ ...park, mode })] },
        override: (round, city, _st, bot) => {
          if (city === park.host) return { ...bot, subsidies: { talent: host, startups: host, capital: host } };
          return city === park.sponsor && round > 1 ? { ...bot, parkSubsidies: { [parkId]: { talent: 0.2, startups: 0.3, capital: 0 } } } : bot;
        },
      }),
    ).get(park.sponsor)!.score;
  const low = Object.fromEntries(MODES.map((m) => [m, run(m, 0)]));
  const high = Object.fromEntries(MODES.map((m) => [m, run(m, hostRate)]));
  const bestLow = bestOf(low);
  const bestHigh = bestOf(high);
  return { low, high, bestLow, bestHigh, holds: bestLow !== bestHigh };
}

/** Six lagging Zhejiang cities that want a park in Hangzhou (up to `parksPerHost`), and the three cores of the network. */
export const PARK_SPONSORS = ['quzhou', 'lishui', 'zhoushan', 'taizhou', 'jinhua', 'huzhou'] as const;
export const PARK_HOSTS = ['hangzhou', 'wenzhou', 'ningbo'] as const;

export interface MultiCentre {
  /** Mean park subsidy in the last round when the sponsors' racing parks sit in one core, and spread over the cores. */
  single: number;
  multi: number;
  /** The core's score gain from each further park it hosts (sponsors running theirs on a steady offer). */
  marginal: number[];
  /** Whether the last park no longer pays the core to host: its best decision turns from accept to decline. */
  flips: boolean;
  holds: boolean;
}

/**
 * Multi-centre hosting (§4.1: "with Hangzhou as the single centre … prone to trigger an
 * innovation arms race"). When several sponsors want one core: (a) their parks, racing each
 * other for the same pool at no moving cost (escalators' parks outbid their rivals in the same
 * host), escalate more in one core than spread over the cores; (b) each further park is worth
 * less to the core — its own factors move into the parks, its city crowds — until one more no
 * longer pays it, and the core's best answer to the next sponsor changes from yes to no: the
 * next park goes to a second core or nowhere.
 */
export function multiCentre(setting: Setting, sponsors: readonly string[], hosts: readonly string[], core: string): MultiCentre {
  const s = setting.scenario;
  // The race: as many sponsors as there are cores, all in the core or one in each.
  const racing = sponsors.slice(0, hosts.length);
  const race = (where: readonly string[]) => {
    const deals = racing.map((sp, i) => signed(paperPark(sp, where[i]!), i + 1));
    // Only the park race is under study: no city pays a city-wide subsidy.
    const strategies = { ...everyone(s, 'frugal'), ...Object.fromEntries(racing.map((c) => [c, 'escalator' as const])) };
    const g = play(setting, strategies, { deals: { 1: deals }, override: (_round, _city, _st, bot) => ({ ...bot, subsidies: { talent: 0, startups: 0, capital: 0 } }) });
    return mean(last(g).parks.map((p) => p.subsidySponsor.startups));
  };
  const hostScore = (k: number) => {
    if (k === 0) return 0;
    const parks = sponsors.slice(0, k);
    const g = play(setting, everyone(s, 'frugal'), {
      deals: { 1: parks.map((sp, i) => signed(paperPark(sp, core), i + 1)) },
      override: (round, city, _st, bot) => (parks.includes(city) && round > 1 ? { ...bot, parkSubsidies: { [`park-${city}-${core}`]: { talent: 0.2, startups: 0.3, capital: 0 } } } : bot),
    });
    return byCity(g).get(core)!.score;
  };
  const scores = sponsors.map((_, k) => hostScore(k + 1));
  const marginal = scores.map((x, k) => x - (k ? scores[k - 1]! : 0));
  const single = race(racing.map(() => core));
  const multi = race(hosts);
  const flips = marginal.at(-1)! <= 0;
  return { single, multi, marginal, flips, holds: single > multi && marginal.at(-1)! < 0.4 * marginal[0]! };
}

export interface CorridorOrder {
  /** Each member's innovation gain from the corridor, listed from the core end and reversed. */
  forward: Record<string, number>;
  reversed: Record<string, number>;
  /** The same whatever the order, and falling with distance from the core end. */
  same: boolean;
  fades: boolean;
  holds: boolean;
}

/** A science corridor (§2.1) benefits its members less the farther they are from its core end, however it is listed. */
export function corridorOrder(setting: Setting, members: readonly string[]): CorridorOrder {
  const s = setting.scenario;
  const base = byCity(play(setting, everyone(s, 'frugal')));
  const gains = (list: readonly string[]) => {
    const g = byCity(play(setting, everyone(s, 'frugal'), { deals: { 1: [signed({ kind: 'corridor', members: [...list] })] } }));
    return Object.fromEntries(members.map((c) => [c, g.get(c)!.scoreParts.innovation - base.get(c)!.scoreParts.innovation]));
  };
  const forward = gains(members);
  const reversed = gains([...members].reverse());
  const same = members.every((c) => Math.abs(forward[c]! - reversed[c]!) < 1e-9);
  // Along the axis from the core end (members[0]): the nearest member gains more than the farthest.
  const fades = forward[members[1]!]! > forward[members.at(-1)!]!;
  return { forward, reversed, same, fades, holds: same && fades };
}

export interface Facility {
  /** Per city: its final score funding a big science facility alone (as soon as its budget allows), the others on their default course, against that course. */
  alone: { city: string; score: number }[];
  /** Cities it pays for, and the largest gain. */
  paying: string[];
  best: number;
  holds: boolean;
}

/** Most a facility may add to a city's score alone: a costly bet that pays, not a tap (docs/scoring.md property 10). */
export const FACILITY_MAX_GAIN = 15;

/**
 * The big science facility (§2.3): "the enormous scale of investment" makes it a point design
 * for few cities, and its research hard to turn into output without a local base. Funded alone
 * it must pay for fewer than half the cities, and by at most FACILITY_MAX_GAIN; funded by
 * nobody it would be decorative, so on a map with a city that can carry it (Zhejiang: a second
 * core with land) it must pay somewhere (`paying` not empty: checked by the caller).
 */
export function facility(setting: Setting): Facility {
  const s = setting.scenario;
  const ctx = makeContext(s, resolveParams(setting.variant.params));
  const rounds = ctx.params.facilityRounds;
  const alone = ids(s).map((c) => {
    let funded = 0;
    const g = play(setting, everyone(s, 'frugal'), {
      override: (_round, city, state, bot) => {
        if (city !== c || funded >= rounds) return bot;
        const want = { ...bot, projects: { scienceFacility: true } };
        if (checkDecisions(ctx, state, city, want)) return bot;
        funded++;
        return want;
      },
    });
    return { city: c, score: byCity(g).get(c)!.score };
  });
  const paying = alone.filter((x) => x.score > 0).map((x) => x.city);
  const best = Math.max(...alone.map((x) => x.score));
  return { alone, paying, best, holds: paying.length / alone.length < 0.5 && best <= FACILITY_MAX_GAIN };
}
