/**
 * The comparison debrief of a class of rooms (issue 15): per room and per treatment, round by
 * round, what the rooms' own debriefs show one room at a time (web/src/lib/stage.ts,
 * web/src/lib/narrative.ts): total subsidies (the arms race, §4.1), the innovation Gini (the
 * Matthew effect, §1.2) and each city's score with its parts; then facts that compare the
 * treatments, each a number recomputable from the records, which the web says in its
 * reader's language and `factEnglish` says in English for the export and the tests.
 *
 * Rules, written once here and in docs/classes.md:
 * - Rooms are compared over the rounds every room has resolved (a room one round behind
 *   holds the others' comparison at its round): `rounds` below.
 * - A treatment's value is the mean over its rooms.
 * - The reference is the `baseline` treatment (no rule change) when a room plays it, else
 *   the first treatment listed; every other treatment is compared with it.
 * - Spread: with at least two rooms in each of the two treatments, the spread is the larger
 *   of their ranges (highest room minus lowest) at that round; a difference of means no larger
 *   than it is "within the spread between rooms of the same treatment". The range, not a
 *   standard deviation: with two to four rooms a deviation is barely defined, and the range is
 *   what the stage shows (the lowest and the highest room).
 * Pure: no clock, no I/O.
 */
import type { ScoreParts } from '../model/score';
import type { GameRecord } from '../protocol/record';
import type { RoundResult } from '../protocol/state';
import type { TreatmentTag } from './treatments';

export interface ClassRoom {
  code: string;
  treatment: TreatmentTag;
  record: GameRecord;
}

/** One room's round. */
export interface RoomRound {
  round: number;
  /** Subsidies paid this round (metrics.totalSubsidies, the arms-race chart's series). */
  totalSubsidies: number;
  /** Subsidies paid from round 1 to this one. */
  cumulativeSubsidies: number;
  /** Innovation Gini across cities (metrics.innovationGini, core/model/metrics.ts). */
  gini: number;
  /** Mean of the cities' scores (each against its own baseline, so rooms compare). */
  meanScore: number;
  /** Each city's score and its parts (core/model/score.ts). */
  scores: Record<string, { score: number; parts: ScoreParts }>;
  /** Platform caps broken in public this round (§4.3). */
  breaches: number;
}

export interface RoomSeries {
  code: string;
  treatment: string;
  /** Rounds this room has resolved (its record may still be growing). */
  played: number;
  rounds: RoomRound[];
}

/** A measure over a treatment's rooms: their values in room order, and mean, lowest, highest. */
export interface Stat {
  values: number[];
  mean: number;
  min: number;
  max: number;
}

export interface TreatmentRound {
  round: number;
  totalSubsidies: Stat;
  cumulativeSubsidies: Stat;
  gini: Stat;
  meanScore: Stat;
  /** Each city's score over the rooms. */
  scores: Record<string, Stat>;
  breaches: Stat;
}

export interface TreatmentSeries {
  id: string;
  label: string;
  rooms: string[];
  /** Rounds 1..`rounds` of the comparison. */
  byRound: TreatmentRound[];
}

/** The measures a fact compares. */
export const MEASURES = ['subsidies', 'gini', 'score'] as const;
export type Measure = (typeof MEASURES)[number];

/** Spread between rooms of the same treatment (the range rule above). */
export interface Spread {
  /** The larger of the two treatments' ranges. */
  width: number;
  /** |value − reference| ≤ width. */
  within: boolean;
}

export type ComparisonFact =
  /**
   * `treatments[0]` against the reference `treatments[1]` by round `round`:
   * - subsidies: total subsidies paid over rounds 1..round (mean per room); `change` is
   *   value ÷ reference − 1 (null when the reference paid none);
   * - gini: the innovation Gini at `round`; `change` is value − reference;
   * - score: the cities' mean score at `round`; `change` is value − reference.
   * `spread` is null unless both treatments have two rooms or more.
   */
  | { kind: Measure; treatments: [string, string]; round: number; value: number; reference: number; change: number | null; spread: Spread | null }
  /** Platform caps broken in public over rounds 1..round, all rooms of the treatment together. */
  | { kind: 'breaches'; treatments: [string]; round: number; value: number; rooms: number }
  /** Rooms compared over rounds 1..round only: these had played more. */
  | { kind: 'common-rounds'; treatments: string[]; round: number; ahead: string[] };

export interface Comparison {
  /** Rounds every room has resolved: the comparison runs over 1..rounds. */
  rounds: number;
  /** The treatment the others are compared with, or null with fewer than two treatments. */
  reference: string | null;
  rooms: RoomSeries[];
  treatments: TreatmentSeries[];
  facts: ComparisonFact[];
}

/** Below this a reference's subsidies count as none paid (as the room's story, web/src/lib/narrative.ts). */
const PAID = 0.01;

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

export function stat(values: readonly number[]): Stat {
  return { values: [...values], mean: mean(values), min: values.length ? Math.min(...values) : 0, max: values.length ? Math.max(...values) : 0 };
}

/** One room's series from its record's round results. */
export function roomSeries(room: ClassRoom): RoomSeries {
  let cumulative = 0;
  const rounds = room.record.rounds.map(({ result }: { result: RoundResult }): RoomRound => {
    cumulative += result.metrics.totalSubsidies;
    return {
      round: result.round,
      totalSubsidies: result.metrics.totalSubsidies,
      cumulativeSubsidies: cumulative,
      gini: result.metrics.innovationGini,
      meanScore: mean(result.regions.map((r) => r.score)),
      scores: Object.fromEntries(result.regions.map((r) => [r.id, { score: r.score, parts: { ...r.scoreParts } }])),
      breaches: result.metrics.capBreaches.filter((b) => !b.enforced).length,
    };
  });
  return { code: room.code, treatment: room.treatment.id, played: rounds.length, rounds };
}

/** Rounds every room has: 1..n, n the fewest any room has resolved (rounds are numbered from 1 without gaps). */
function commonRounds(rooms: readonly RoomSeries[]): number {
  return rooms.length ? Math.min(...rooms.map((r) => r.played)) : 0;
}

function treatmentRound(rooms: readonly RoomSeries[], round: number): TreatmentRound {
  const at = rooms.map((r) => r.rounds[round - 1]!);
  const cities = [...new Set(at.flatMap((r) => Object.keys(r.scores)))];
  return {
    round,
    totalSubsidies: stat(at.map((r) => r.totalSubsidies)),
    cumulativeSubsidies: stat(at.map((r) => r.cumulativeSubsidies)),
    gini: stat(at.map((r) => r.gini)),
    meanScore: stat(at.map((r) => r.meanScore)),
    scores: Object.fromEntries(cities.map((c) => [c, stat(at.flatMap((r) => (r.scores[c] ? [r.scores[c]!.score] : [])))])),
    breaches: stat(at.map((r) => r.breaches)),
  };
}

/** The stat a measure reads at a treatment's round. */
export function measureOf(t: TreatmentRound, m: Measure): Stat {
  return m === 'subsidies' ? t.cumulativeSubsidies : m === 'gini' ? t.gini : t.meanScore;
}

/** The spread rule (above): null unless both treatments have at least two rooms. */
export function spreadOf(a: Stat, b: Stat): Spread | null {
  if (a.values.length < 2 || b.values.length < 2) return null;
  const width = Math.max(a.max - a.min, b.max - b.min);
  return { width, within: Math.abs(a.mean - b.mean) <= width + 1e-12 };
}

/** The comparison of a class's rooms (any order; treatments in the order their first room is listed). */
export function compareRooms(rooms: readonly ClassRoom[]): Comparison {
  const series = rooms.map(roomSeries);
  const rounds = commonRounds(series);
  const tags = new Map<string, TreatmentTag>();
  for (const r of rooms) if (!tags.has(r.treatment.id)) tags.set(r.treatment.id, r.treatment);
  const treatments: TreatmentSeries[] = [...tags.values()].map((tag) => {
    const own = series.filter((s) => s.treatment === tag.id);
    return { id: tag.id, label: tag.label, rooms: own.map((s) => s.code), byRound: Array.from({ length: rounds }, (_, i) => treatmentRound(own, i + 1)) };
  });
  const reference = treatments.length < 2 ? null : (treatments.find((t) => t.id === 'baseline') ?? treatments[0]!).id;
  return { rounds, reference, rooms: series, treatments, facts: comparisonFacts(series, treatments, reference, rounds) };
}

function comparisonFacts(series: readonly RoomSeries[], treatments: readonly TreatmentSeries[], reference: string | null, rounds: number): ComparisonFact[] {
  const facts: ComparisonFact[] = [];
  if (rounds === 0) return facts;
  const ahead = series.filter((s) => s.played > rounds).map((s) => s.code);
  if (ahead.length) facts.push({ kind: 'common-rounds', treatments: treatments.map((t) => t.id), round: rounds, ahead });
  const ref = treatments.find((t) => t.id === reference);
  for (const t of treatments) {
    const last = t.byRound[rounds - 1]!;
    if (ref && t !== ref) {
      const base = ref.byRound[rounds - 1]!;
      for (const m of MEASURES) {
        const a = measureOf(last, m);
        const b = measureOf(base, m);
        const change = m === 'subsidies' ? (b.mean > PAID ? a.mean / b.mean - 1 : null) : a.mean - b.mean;
        facts.push({ kind: m, treatments: [t.id, ref.id], round: rounds, value: a.mean, reference: b.mean, change, spread: spreadOf(a, b) });
      }
    }
    const broken = t.rooms.reduce((sum, code) => sum + series.find((s) => s.code === code)!.rounds.slice(0, rounds).reduce((k, r) => k + r.breaches, 0), 0);
    if (broken > 0) facts.push({ kind: 'breaches', treatments: [t.id], round: rounds, value: broken, rooms: t.rooms.length });
  }
  return facts;
}

const pct = (x: number) => `${Math.round(Math.abs(x) * 100)}%`;
const two = (x: number) => (Math.round(x * 100) / 100).toFixed(2);
const one = (x: number) => (Math.round(x * 10) / 10).toFixed(1);

/** A fact in English (the export's and the tests'; the web says it from its catalogue). `label`: a treatment's label by id. */
export function factEnglish(fact: ComparisonFact, label: (id: string) => string): string {
  switch (fact.kind) {
    case 'common-rounds':
      return `Rooms are compared over rounds 1 to ${fact.round}, the rounds every room has played (${fact.ahead.join(', ')} played more).`;
    case 'breaches':
      return `With ${label(fact.treatments[0])}, platform caps were broken in public ${fact.value} times by round ${fact.round} (${fact.rooms} room${fact.rooms === 1 ? '' : 's'}).`;
    case 'subsidies':
    case 'gini':
    case 'score': {
      const [t, ref] = fact.treatments;
      const spread = fact.spread === null ? '' : ` That difference is ${fact.spread.within ? 'within' : 'more than'} the spread between rooms of the same treatment (${spreadText(fact.kind, fact.spread.width)}).`;
      return `${mainClause(fact, label(t), label(ref))}.${spread}`;
    }
  }
}

function spreadText(m: Measure, width: number): string {
  return m === 'score' ? one(width) : two(width);
}

function mainClause(f: Extract<ComparisonFact, { kind: Measure }>, t: string, ref: string): string {
  switch (f.kind) {
    case 'subsidies': {
      if (f.change === null) return `With ${t}, total subsidies were ${two(f.value)} by round ${f.round}, where ${ref} paid none`;
      const way = Math.abs(f.change) < 0.005 ? 'about the same as' : f.change < 0 ? `${pct(f.change)} lower than` : `${pct(f.change)} higher than`;
      return `With ${t}, total subsidies were ${way} with ${ref} by round ${f.round} (${two(f.value)} against ${two(f.reference)})`;
    }
    case 'gini': {
      const way = Math.abs(f.change!) < 0.005 ? 'about the same as' : f.change! < 0 ? `${two(-f.change!)} lower than` : `${two(f.change!)} higher than`;
      return `With ${t}, innovation inequality (Gini) in round ${f.round} was ${way} with ${ref} (${two(f.value)} against ${two(f.reference)})`;
    }
    case 'score': {
      const way = Math.abs(f.change!) < 0.05 ? 'about the same as' : f.change! < 0 ? `${one(-f.change!)} points lower than` : `${one(f.change!)} points higher than`;
      return `With ${t}, cities' mean score by round ${f.round} was ${way} with ${ref} (${one(f.value)} against ${one(f.reference)})`;
    }
  }
}
