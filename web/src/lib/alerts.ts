/**
 * What a player must not miss, shown at the top of the phone (issue 11): the draft the room
 * would not take (with a one-tap fix where one is plain), the round about to close with
 * nothing submitted, someone asking to join the seat, an offer waiting for this city's
 * answer, an event announced for the round. Pure: which alerts apply to a view; the component (components/player/Alerts.svelte)
 * only renders them. Each alert has a key that names what it is about, so the same thing is
 * never shown twice and a dismissed one stays dismissed.
 */
import { checkDecisions, nationalCap, type BudgetState, type Pending } from '../../../core/model/budget';
import type { ModelContext } from '../../../core/model/context';
import type { Decisions } from '../../../core/protocol/decisions';
import type { DealKind } from '../../../core/protocol/deals';
import type { GameEvent } from '../../../core/protocol/events';
import type { RoomView } from '../../../core/protocol/room';
import type { InputError } from '../../../core/protocol/validate';
import { formProblem } from './drafts';

/** The round counts as closing this long before its deadline. */
export const CLOSING_MS = 30_000;

/** What a one-tap fix does: subsidies down to the national cap, land down to the quota left, the facility's funding dropped. */
export type FixKind = 'cap' | 'land' | 'facility';

export type Alert =
  /** The seat's draft breaks a rule (a cap announced after it was made, say): at the deadline it would take no action. */
  | { kind: 'invalid'; key: string; problem: InputError; fix: { kind: FixKind; decisions: Decisions; cap: number | null; quota: number } | null }
  /** Less than CLOSING_MS left and the seat has not submitted. */
  | { kind: 'closing'; key: string }
  /** Someone asks to join this seat (docs/protocol.md "Doors"): its members let them in or refuse. */
  | { kind: 'request'; key: string; request: string; name: string; city: string | null }
  /** A deal another city proposed that names this city and waits for its answer. */
  | { kind: 'offer'; key: string; deal: string; from: string; dealKind: DealKind }
  /** An event the host announced for this round (it takes effect when the round resolves). */
  | { kind: 'event'; key: string; event: string };

export type AlertKind = Alert['kind'];

/** Offers and news may be put away; a draft the room would not take and the closing round may not. */
export const dismissable = (a: Alert): boolean => a.kind === 'offer' || a.kind === 'event';

export interface AlertInputs {
  view: Pick<RoomView, 'phase' | 'paused' | 'round' | 'practice' | 'draft' | 'submission' | 'deals' | 'events' | 'state' | 'requests'>;
  city: string;
  /** The scenario's events by id (what `view.events.pending` names). */
  events: readonly { id: string; event: GameEvent }[];
  ctx: ModelContext | null;
  /** Time left in the open round (ms, server clock), null without a timer. */
  remainingMs: number | null;
  dismissed: ReadonlySet<string>;
}

/** The alerts that apply, most urgent first: invalid draft, closing round, join requests, offers, events. */
export function alertsFor({ view, city, events, ctx, remainingMs, dismissed }: AlertInputs): Alert[] {
  const out: Alert[] = [];
  const open = view.phase === 'playing';
  const pending: Pending = { events: events.filter((e) => view.events.pending.includes(e.id)).map((e) => e.event) };

  if (open && ctx) {
    // The seat's shared draft is what the deadline takes; once submitted, the submission is.
    const d = view.draft?.decisions ?? view.submission?.decisions ?? null;
    const problem = d && d.round === view.round ? (formProblem(d) ?? checkDecisions(ctx, view.state, city, d, pending)) : null;
    if (problem) out.push({ kind: 'invalid', key: `invalid:${view.round}`, problem, fix: fixFor(view.state, city, d!, problem, pending) });
  }
  if (open && !view.paused && !view.submission && remainingMs !== null && remainingMs <= CLOSING_MS) {
    out.push({ kind: 'closing', key: `closing:${view.round}` });
  }
  for (const r of view.requests ?? []) out.push({ kind: 'request', key: `request:${r.id}`, request: r.id, name: r.name, city: r.city });
  if (view.phase !== 'finished') {
    for (const x of view.deals) {
      if (x.status !== 'open' || x.proposer === city || !x.parties.includes(city) || x.accepted.includes(city)) continue;
      out.push({ kind: 'offer', key: `offer:${x.id}`, deal: x.id, from: x.proposer, dealKind: x.terms.kind });
    }
    // Pending events apply to the open round, or to round 1 from the lobby; a practice round is
    // round 1 too, so its key says so (an event put away then is news again when it counts).
    const round = `${view.practice ? 'practice' : view.phase === 'lobby' ? 1 : view.round}`;
    for (const id of view.events.pending) out.push({ kind: 'event', key: `event:${round}:${id}`, event: id });
  }
  // One alert per thing, whatever the view repeats.
  const seen = new Set<string>();
  return out.filter((a) => !seen.has(a.key) && seen.add(a.key) && !(dismissable(a) && dismissed.has(a.key)));
}

/**
 * The plain way out of a problem, if there is one: every subsidy (parks' too) lowered to the
 * national cap; land cut, innovation space first kept, to the quota left; a facility that is
 * already open not funded again. A budget overrun has many ways out: the player chooses.
 */
export function fixFor(state: BudgetState, city: string, d: Decisions, problem: InputError, pending: Pending): { kind: FixKind; decisions: Decisions; cap: number | null; quota: number } | null {
  const region = state.regions.find((r) => r.id === city);
  if (!region) return null;
  const cap = nationalCap(state, pending);
  const field = problem.field.split('.')[0];
  if ((field === 'subsidies' || field === 'parkSubsidies') && cap !== null && problem.code === 'cap') {
    const down = <T extends Record<string, number>>(rates: T): T => Object.fromEntries(Object.entries(rates).map(([f, x]) => [f, Math.min(x, cap)])) as T;
    const parks = Object.fromEntries(Object.entries(d.parkSubsidies).map(([p, r]) => [p, down(r)]));
    return { kind: 'cap', decisions: { ...d, subsidies: down(d.subsidies), parkSubsidies: parks }, cap, quota: region.landQuota };
  }
  if (field === 'land' && problem.code === 'land') {
    const quota = region.landQuota;
    // Rounded down to the form's step (0.1 km²) so the fixed draft is within the quota as shown.
    const tenth = (x: number) => Math.floor(x * 10 + 1e-9) / 10;
    const innovation = tenth(Math.min(d.land.innovation, quota));
    const production = tenth(Math.max(0, Math.min(d.land.production, quota - innovation)));
    return { kind: 'land', decisions: { ...d, land: { innovation, production } }, cap, quota };
  }
  if (field === 'projects') {
    return { kind: 'facility', decisions: { ...d, projects: { scienceFacility: false } }, cap, quota: region.landQuota };
  }
  return null;
}

