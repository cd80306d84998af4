/**
 * What a city's decisions would cost this round, by the model's own rule (issue 11: the
 * budget check from last round's newcomers under-predicted, "planned 70.0 of 76.2" for a
 * city that then spent 96.2). The round's first steps (events and deals, land, moves, hunters)
 * run on the public state, and the city is charged what `settleBudgets` would charge it
 * (round/budgets.ts `subsidyBills`, `oneOffSpending`). No luck is drawn before innovation,
 * so with every city's decisions known the projection is the bill to the last digit; what a
 * player cannot know is the others' decisions (sealed bids), so two assumptions are run:
 * - expected: every other city keeps last round's published rates (park rates too) and its
 *   default land (policy.ts), as the bots' projections assume (core/bots/project.ts);
 * - most: every other city pays nothing and releases no land, its zone partners announcing
 *   the city's own rates (the same rule as `estimateSpending`): more newcomers come here.
 * Deals signed this round and the events announced take effect as they will at resolution.
 * The bill is what is owed: past its credit limit a city pays only part (round/budgets.ts).
 */
import type { SignedDeal } from '../protocol/deals';
import { noDecisions, type Decisions, type Subsidies } from '../protocol/decisions';
import type { GameEvent } from '../protocol/events';
import type { GameState, RoundResult } from '../protocol/state';
import { creditLimit, type SpendingEstimate } from './budget';
import type { ModelContext } from './context';
import { sumVec } from './factors';
import { defaultDecisions } from './policy';
import { oneOffSpending, parkSpace, subsidyBills } from './round/budgets';
import { roundFrame } from './round/frame';
import { screenHunters } from './round/hunters';
import { releaseLand } from './round/land';
import { moveFactors } from './round/moves';

/** The public state is enough: moves and hunters draw no luck. */
export type ProjectionState = Omit<GameState, 'seed'>;

/** City `city`'s spending this round if every city decides as `decisions` says. */
export function projectSpending(
  ctx: ModelContext,
  state: ProjectionState,
  city: string,
  decisions: Readonly<Record<string, Decisions>>,
  deals: readonly SignedDeal[] = [],
  events: readonly GameEvent[] = [],
): SpendingEstimate {
  const frame = roundFrame(ctx, { ...state, seed: 0 }, decisions, deals, events);
  const land = releaseLand(frame);
  const moves = moveFactors(frame, land);
  const hunters = screenHunters(frame, moves);
  const { bills, asSponsor } = subsidyBills(frame, moves, hunters);
  const i = ctx.cityIndex.get(city)!;
  const bill = sumVec(bills[i]!);
  const rest = oneOffSpending(frame, land, parkSpace(frame).sponsored, i);
  const total = bill + rest.land + rest.environment + rest.projects + rest.parkCosts;
  return { subsidies: bill - asSponsor[i]!, parkSubsidies: asSponsor[i]!, ...rest, total, available: state.regions[i]!.treasury + creditLimit(ctx, state.regions[i]!) };
}

const GAPS = [0.05, 0.1, 0.2];
const ZERO: Subsidies = { talent: 0, startups: 0, capital: 0 };

/** What a player knows of the round besides their own decisions. */
export interface KnownRound {
  /** Published results so far (the last is read). */
  results: readonly RoundResult[];
  /** Other seats' submitted decisions when bids are open (`RoomView.open`), else null. */
  open: Readonly<Record<string, Decisions>> | null;
  deals: readonly SignedDeal[];
  events: readonly GameEvent[];
}

/** The spending to expect, and the most it comes to whatever the others do short of deals. */
export interface SpendingRange {
  expected: SpendingEstimate;
  most: SpendingEstimate;
}

export function spendingRange(ctx: ModelContext, state: ProjectionState, city: string, mine: Decisions, known: KnownRound): SpendingRange {
  const round = state.round + 1;
  const last = known.results.at(-1);
  const zone = state.agreements.zones.find((z) => z.members.includes(city));
  const expected: Record<string, Decisions> = {};
  const none: Record<string, Decisions> = {};
  const near: Record<string, Decisions>[] = GAPS.map(() => ({}));
  const under = (gap: number) => ({ ...ZERO, startups: Math.max(0, mine.subsidies.startups - gap) });
  state.regions.forEach((r, i) => {
    if (r.id === city) {
      expected[r.id] = none[r.id] = mine;
      for (const d of near) d[r.id] = mine;
      return;
    }
    const seen = known.open?.[r.id];
    const parks = Object.fromEntries(state.agreements.parks.filter((p) => p.sponsor === r.id).map((p) => [p.id, last?.parks.find((x) => x.id === p.id)?.subsidySponsor ?? ZERO]));
    expected[r.id] = seen && seen.round === round ? seen : { ...defaultDecisions(ctx, r, last?.regions[i], round), subsidies: last?.regions[i]?.subsidies ?? ZERO, parkSubsidies: parks };
    const partner = zone?.members.includes(r.id);
    none[r.id] = { ...noDecisions(round), subsidies: partner ? mine.subsidies : ZERO };
    GAPS.forEach((gap, k) => (near[k]![r.id] = { ...noDecisions(round), subsidies: partner ? mine.subsidies : under(gap) }));
  });
  const run = (d: Record<string, Decisions>) => projectSpending(ctx, state, city, d, known.deals, known.events);
  const e = run(expected);
  const most = [e, run(none), ...near.map(run)].reduce((a, b) => (b.total > a.total ? b : a));
  return { expected: e, most };
}
