/**
 * Looking ahead with the model itself: what a bot does before it bids or signs. From the
 * public state, every city is assumed to keep last round's published subsidies (city and
 * park rates) and its default land policy (core/model/policy.ts); the bot changes what it
 * is weighing (its own rate, a deal) and reads its own score a few rounds on. Only states are
 * advanced, not the round's full report, so a projection costs about half a resolved round.
 * The public state carries no seed: projections use seed 0, so both sides of a comparison
 * see the same luck.
 */
import { advanceState } from '../model/round';
import { contextFor, defaultDecisions, scoreOf, scorePartsAll, type ModelContext } from '../model';
import type { DealTerms, SignedDeal } from '../protocol/deals';
import type { Decisions, Subsidies } from '../protocol/decisions';
import type { GameState, RoundResult } from '../protocol/state';
import type { BotView } from './index';

const ZERO: Subsidies = { talent: 0, startups: 0, capital: 0 };

/**
 * What a sponsor that runs its park without racing pays there per newcomer: enough for
 * talent and startups to fill it (the cooperator's and the best responder's park rate). A
 * projection assumes it for a park that has no published rate yet, one signed within the
 * projection or last round: a park is signed to be run.
 */
export const STEADY_PARK_OFFER: Subsidies = { talent: 0.2, startups: 0.3, capital: 0 };

/** What a projection changes for one city: its city rate, its park rates. */
export interface Change {
  city: string;
  subsidies?: Subsidies;
  parkSubsidies?: Record<string, Subsidies>;
}

/** The status quo each city is assumed to keep: last round's published rates, default land. */
type FirmsCame = readonly (Pick<RoundResult['regions'][number], 'firms'> | undefined)[];

function statusQuo(ctx: ModelContext, state: GameState, last: RoundResult | undefined, prevRegions: FirmsCame | undefined, change: Change | null): Record<string, Decisions> {
  const round = state.round + 1;
  return Object.fromEntries(
    state.regions.map((r, i) => {
      const d = defaultDecisions(ctx, r, prevRegions?.[i], round);
      const parkSubsidies = Object.fromEntries(state.agreements.parks.filter((p) => p.sponsor === r.id).map((p) => [p.id, last?.parks.find((x) => x.id === p.id)?.subsidySponsor ?? STEADY_PARK_OFFER]));
      const mine = change && change.city === r.id ? change : null;
      return [
        r.id,
        {
          ...d,
          subsidies: mine?.subsidies ?? last?.regions[i]?.subsidies ?? ZERO,
          parkSubsidies: { ...parkSubsidies, ...(mine?.parkSubsidies ?? {}) },
        },
      ];
    }),
  );
}

/** Rounds left in the game: the baseline runs to its last round. */
export function roundsLeft(state: Pick<GameState, 'round' | 'baseline'>): number {
  return Math.max(0, state.baseline.length - state.round);
}

/**
 * Projections depend only on the public state, what is changed and the horizon, not on who
 * asks: every bot of a round shares the status quo's, both parties of a deal share its.
 * Within a game the public state does not change during a round, and last round's published
 * result (or, before the first round, the baseline) is one object every seat's view shares,
 * so it keys the cache without reading the state; the entry goes with the object.
 */
const shared = new WeakMap<object, Map<string, number[] | null>>();
const KEPT_PER_STATE = 256;

/**
 * Every city's score after `horizon` rounds (fewer if the game ends first) with `change`
 * applied and `deals` signed in the first round; null when the projection cannot run.
 */
export function projectScores(view: BotView, change: Change | null, horizon: number, deals: readonly SignedDeal[] = []): number[] | null {
  const anchor: object = view.results.at(-1) ?? view.state.baseline;
  let byKey = shared.get(anchor);
  if (!byKey) shared.set(anchor, (byKey = new Map()));
  const keyOf = (h: number) => `${view.scenario.id}|${view.state.round}|${h}|${JSON.stringify(change)}|${JSON.stringify(deals.map((d) => canonical(d.terms)))}`;
  const key = keyOf(horizon);
  const hit = byKey.get(key);
  if (hit !== undefined) return hit;
  if (byKey.size >= KEPT_PER_STATE) byKey.clear();
  // A longer projection passes through the shorter ones: each round's scores are kept too.
  const all = project(view, change, horizon, deals);
  for (let h = 1; h < all.length; h++) if (!byKey.has(keyOf(h))) byKey.set(keyOf(h), all[h - 1]!);
  const scores = all.at(-1) ?? null;
  byKey.set(key, scores);
  return scores;
}

/**
 * Terms as the model reads them: a platform is a set of members (core/model/round/frame.ts
 * reads membership only), so neighbours who each propose the same neighbourhood in their own
 * order share one projection.
 */
function canonical(terms: DealTerms): DealTerms {
  return terms.kind === 'platform' ? { ...terms, members: [...terms.members].sort() } : terms;
}

/**
 * Every city's scores after each projected round, up to `horizon` (fewer if the game ends
 * first); a single null when the deals cannot apply.
 */
function project(view: BotView, change: Change | null, horizon: number, deals: readonly SignedDeal[]): (number[] | null)[] {
  const ctx = contextFor(view.scenario, view.state.params);
  const last = view.results.at(-1);
  const rounds = Math.max(1, Math.min(horizon, roundsLeft(view.state)));
  let state: GameState = { ...view.state, seed: 0 };
  let prev: FirmsCame | undefined = last?.regions;
  const out: number[][] = [];
  for (let t = 0; t < rounds; t++) {
    const decisions = statusQuo(ctx, state, last, prev, change);
    const before = state;
    state = advanceState(ctx, state, decisions, t === 0 ? deals : []);
    // The default land policy reads the firms that came last round; a state has only the stock,
    // so they are what it grew by beyond the firms that stayed open.
    prev = firmsCame(ctx, before, state);
    if (t === 0 && !deals.every((d) => signedInto(state, d.id))) return [null];
    const parts = scorePartsAll(state.regions, state.baseline, state.round, state.scoring.weights);
    out.push(parts.map((p) => scoreOf(p, state.scoring.weights)));
  }
  return out;
}

/** Firms newly producing in each city over a round: the stock now less what stayed open of the stock before. */
function firmsCame(ctx: ModelContext, before: GameState, after: GameState): FirmsCame {
  const keep = 1 - ctx.params.firmExit;
  return after.regions.map((r, i) => ({ firms: { producedHere: Math.max(0, r.firms - keep * before.regions[i]!.firms) } }) as Pick<RoundResult['regions'][number], 'firms'>);
}

/** Every city's score after `horizon` rounds if every city keeps last round's rates: the status quo every seat shares. */
export function statusQuoScores(view: BotView, horizon: number): number[] | null {
  return projectScores(view, null, horizon);
}

/** Whether a deal took effect: it stands among the state's agreements. */
function signedInto(state: GameState, deal: string): boolean {
  const a = state.agreements;
  return [a.parks, a.corridors, a.zones, a.platforms].some((list) => list.some((x) => x.deal === deal));
}
