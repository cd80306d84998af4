/**
 * Subsidy hunters (docs/model.md "5. Subsidy hunters and park operation"; §4.1, §4.3): they
 * follow the highest startup subsidy, and whoever runs each location screens a share out —
 * a city's programmes, or a park's operator, better with a platform joining sponsor and
 * host. The mechanism is ../hunters.ts; this step applies it to the round's locations.
 */
import { huntersPool, placeHunters, screeningOf } from '../hunters';
import type { RoundFrame } from './frame';
import type { Moves } from './moves';

/** Hunters admitted at each location. */
export function screenHunters(frame: RoundFrame, moves: Moves): number[] {
  const { ctx, locs, parkOf, hostOf, sponsorOf, schedule, samePlatform } = frame;
  const screening = locs.map((_, j) => screeningOf(ctx, parkOf[j] ?? null, (a, b) => samePlatform(a, b), hostOf[j]!, sponsorOf[j]!));
  const pool = huntersPool(ctx, locs, moves.stock, schedule.total);
  return placeHunters(ctx, pool, schedule.total, screening);
}
