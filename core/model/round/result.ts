/**
 * The round's result and the next state (docs/model.md "9. … metrics, scores" and
 * "Results"): region-wide measures — inequality of innovation and output (the Matthew
 * effect, §1.2), the subsidy arms race and the hunters' take (§4.1), diffusion (§3.3) —
 * each city's and park's report, the flows location by location, and the new firm pairs.
 */
import type { GameEvent } from '../../protocol/events';
import type { CapBreach, GameState, RoundResult } from '../../protocol/state';
import { FACTORS } from '../factors';
import { gini, theil } from '../metrics';
import { diffusionShare, mergePairs, pairList } from '../quadrant';
import { compact, consistent } from '../rounding';
import { zeroArr, type RoundFrame } from './frame';
import { parkResults, regionResults, returnPartsAt } from './reports';
import type { RoundSteps } from './steps';

export function assembleResult(frame: RoundFrame, steps: RoundSteps): { state: GameState; result: RoundResult } {
  const { ctx, p, state, round, cities, locs, policy, schedule, events } = frame;
  const { moves, hunters, innovation, sited } = steps;
  const { credited, cityQ, born, matured } = innovation;
  const nextRegions = steps.budgets.regions;
  const population = cities.map((c) => c.population);
  const innovationGini = gini(credited.map((q, i) => q / population[i]!), population);
  const totalOutput = nextRegions.reduce((s, r) => s + r.output, 0);
  // Standing pairs close at the rate firms do.
  const firmPairs = mergePairs(ctx, state.firmPairs, 1 - p.firmExit, sited.pairFirms, sited.pairValue);
  const totalSubsidies = nextRegions.reduce((s, r) => s + r.subsidiesPaid, 0);
  const lastSubsidies = state.regions.reduce((s, r) => s + r.subsidiesPaid, 0);
  const { hunterTake, toHunters, parkPaid } = subsidyTakers(frame, steps);
  const totalInnovation = cityQ.reduce((s, q) => s + q, 0);
  const partsAt = returnPartsAt(frame, steps);

  const result: RoundResult = {
    round,
    regions: regionResults(frame, steps, { partsAt, toHunters, parkPaid }),
    parks: parkResults(frame, steps, partsAt),
    flows: {
      ids: [...locs.map((l) => l.id), 'outside'],
      talent: moves.flows.talent,
      startups: moves.flows.startups,
      capital: moves.flows.capital,
    },
    metrics: {
      innovationGini,
      outputGini: gini(nextRegions.map((r, i) => r.output / population[i]!), population),
      innovationTheil: theil(credited.map((q, i) => q / population[i]!), population),
      outputTheil: theil(nextRegions.map((r, i) => r.output / population[i]!), population),
      totalInnovation,
      totalOutput,
      totalSubsidies,
      // Against a round that paid next to nothing, growth means nothing: reported as 1.
      subsidyGrowth: lastSubsidies > 1e-6 ? Math.min(1e6, totalSubsidies / lastSubsidies) : 1,
      hunterSubsidyShare: totalSubsidies > 0 ? Math.min(1, hunterTake / totalSubsidies) : 0,
      hunters: hunters.reduce((s, h) => s + h, 0),
      subsidyPerInnovation: totalInnovation > 0 ? totalSubsidies / totalInnovation : 0,
      diffusionShare: diffusionShare(ctx, firmPairs),
      entered: moves.entered,
      exited: moves.exited,
      born: born.reduce((s, x) => s + x, 0),
      matured: matured.reduce((s, x) => s + x, 0),
      firmsSited: sited.firmsSited,
      firmsLeft: sited.firmsLeft,
      downturn: frame.downturn,
      subsidyCap: policy.subsidyCap,
      capBreaches: schedule.breaches as CapBreach[],
    },
    quadrant: sited.quadrant,
    firmPairs: pairList(ctx, sited.pairFirms, sited.pairValue),
    deals: frame.deals.outcomes,
    events: events.map((e) => structuredCloneEvent(e)),
  };
  const next = { ...state, round, regions: nextRegions, locations: steps.locations, agreements: frame.agreements, policy, firmPairs };
  return { state: next, result: consistent(compact(result), state.scoring.weights) };
}

/** Subsidies that went to hunters (per paying city and in all), and what each sponsor paid in its parks. */
function subsidyTakers(frame: RoundFrame, steps: RoundSteps): { hunterTake: number; toHunters: number[]; parkPaid: number[] } {
  const { n, parkOf, sponsorOf, schedule } = frame;
  const { hunters } = steps;
  const { owed, payRatio } = steps.budgets;
  let hunterTake = 0;
  const toHunters = zeroArr(n);
  const parkPaid = zeroArr(n);
  schedule.payers.forEach((list, j) => {
    list.forEach(({ payer, side, rate }, k) => {
      const t = frame.p.subsidyRounds * rate.startups * hunters[j]! * payRatio[payer]!;
      toHunters[payer]! += t;
      hunterTake += t;
      if (parkOf[j] && side === 'sponsor' && payer === sponsorOf[j]) parkPaid[payer]! += FACTORS.reduce((s, f) => s + rate[f] * owed[j]![k]![f], 0) * payRatio[payer]!;
    });
  });
  return { hunterTake, toHunters, parkPaid };
}

function structuredCloneEvent(e: GameEvent): GameEvent {
  return e.kind === 'rail-line' ? { ...e, between: [e.between[0], e.between[1]] } : { ...e };
}
