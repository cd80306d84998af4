/**
 * A seat's decisions as the player edits them: compared, cleaned, and kept on the device
 * until the room has them, so nothing typed is lost to a reconnect or a reload.
 */
import { FACTORS } from '../../../core/model/factors';
import { decisionsSchema, noDecisions, type Decisions } from '../../../core/protocol/decisions';
import type { GameState } from '../../../core/protocol/state';
import { check, type InputError } from '../../../core/protocol/validate';

/** Same decisions, whatever the key order (the room may echo them back reordered). */
export function sameDecisions(a: Decisions | null | undefined, b: Decisions | null | undefined): boolean {
  if (!a || !b) return a === b;
  return canonical(a) === canonical(b);
}

function canonical(d: Decisions): string {
  const parks = Object.keys(d.parkSubsidies)
    .sort()
    .map((k) => [k, FACTORS.map((f) => d.parkSubsidies[k]![f])]);
  return JSON.stringify([d.round, FACTORS.map((f) => d.subsidies[f]), parks, d.land.innovation, d.land.production, d.environment, d.projects.scienceFacility]);
}

// A blank box is 0; anything else typed is kept as typed, so a −5 is shown as a problem
// (formProblem) instead of going to the room as 0 while the box still says −5.
const number = (x: unknown): number => {
  const n = typeof x === 'number' ? x : Number(x);
  return Number.isFinite(n) ? n : 0;
};

/**
 * What the form holds, as decisions: empty or non-numeric inputs count as 0, numbers are
 * kept as typed (formProblem says what the room would refuse), park subsidies only for parks
 * the city sponsors (a park may have closed).
 */
export function clean(d: Decisions, round: number, sponsored: readonly string[]): Decisions {
  const out = noDecisions(round);
  for (const f of FACTORS) out.subsidies[f] = number(d.subsidies[f]);
  for (const park of sponsored) {
    const rates = d.parkSubsidies[park];
    out.parkSubsidies[park] = { talent: number(rates?.talent), startups: number(rates?.startups), capital: number(rates?.capital) };
  }
  out.land = { innovation: number(d.land.innovation), production: number(d.land.production) };
  out.environment = number(d.environment);
  out.projects = { scienceFacility: !!d.projects.scienceFacility };
  return out;
}

/** Parks this city sponsors (it pays their park subsidies). */
export function sponsoredParks(state: Pick<GameState, 'agreements'>, city: string): string[] {
  return state.agreements.parks.filter((p) => p.sponsor === city).map((p) => p.id);
}

/**
 * Where a new round's form starts: the seat's shared draft or submission if there is one,
 * else last round's choices for the levels that persist (subsidies), nothing for one-off
 * spending (land, environment, projects).
 */
export function startingDecisions(round: number, sponsored: readonly string[], current: Decisions | null, last: Decisions | null): Decisions {
  if (current && current.round === round) return clean(current, round, sponsored);
  const d = noDecisions(round);
  if (last) {
    d.subsidies = { ...last.subsidies };
    for (const p of sponsored) if (last.parkSubsidies[p]) d.parkSubsidies[p] = { ...last.parkSubsidies[p]! };
  }
  return clean(d, round, sponsored);
}

/** The first field-level rule the room's schema refuses in these decisions (a negative bid, say), or null. */
export function formProblem(d: Decisions): InputError | null {
  const out = check(decisionsSchema, d);
  return out.ok ? null : out.error;
}
