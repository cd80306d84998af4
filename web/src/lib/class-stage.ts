/**
 * The class stage's numbers (issue 15, "The class stage"): the rooms side by side, each
 * labelled by its treatment. Pure functions of each room's public results (what the room's
 * own projector receives), so the stage draws them and the tests check them: the arms race
 * (total subsidies per round, §4.1) and the Matthew effect (Gini of innovation, §1.2) as one
 * line per room, and the round just played compared room by room.
 */
import type { RoomView } from '../../../core/protocol/room';
import type { RoundResult } from '../../../core/protocol/state';
import type { Series } from './series';

export interface StageRoom {
  code: string;
  treatment: string;
  results: RoundResult[];
  phase: RoomView['phase'] | null;
}

/** One line per room over rounds; `label` is the treatment. */
export type RoomSeries = Series & { label: string };

const perRoom = (rooms: readonly StageRoom[], pick: (r: RoundResult) => number): RoomSeries[] =>
  rooms.map((room) => ({ id: room.code, label: room.treatment, points: room.results.map((r) => ({ x: r.round, y: pick(r) })) }));

/** Total subsidies paid in each room per round: the arms race, one curve per treatment (§4.1). */
export const subsidiesByRoom = (rooms: readonly StageRoom[]) => perRoom(rooms, (r) => r.metrics.totalSubsidies);

/** Gini of innovation per head in each room per round: the Matthew effect, one curve per treatment (§1.2). */
export const giniByRoom = (rooms: readonly StageRoom[]) => perRoom(rooms, (r) => r.metrics.innovationGini);

/** Where the class stands as the stage shows it: the lobby until a room plays, the reveal when every room holds one, the end when all are over. */
export type ClassStep = 'lobby' | 'playing' | 'review' | 'finished';

export function classStep(phases: readonly (RoomView['phase'] | null)[]): ClassStep {
  const known = phases.filter((p): p is RoomView['phase'] => p !== null);
  if (!known.length || known.every((p) => p === 'lobby')) return 'lobby';
  if (known.every((p) => p === 'finished')) return 'finished';
  if (known.every((p) => p === 'review' || p === 'finished')) return 'review';
  return 'playing';
}

export interface RoomRound {
  code: string;
  treatment: string;
  totalSubsidies: number;
  /** Against the room's round before (null in its first). */
  subsidiesChange: number | null;
  gini: number;
  /** The leading city and its score. */
  leader: { city: string; score: number } | null;
  /** The room paid the least in subsidies this round (ties: every room at the least). */
  least: boolean;
}

/**
 * The round just played, room by room: the latest round every room has resolved (rooms in
 * step hold the same one), so the comparison never sets one room's round 3 beside another's
 * round 2. Null before any room has a round in common.
 */
export function roundComparison(rooms: readonly StageRoom[]): { round: number; rooms: RoomRound[] } | null {
  if (!rooms.length) return null;
  const round = Math.min(...rooms.map((r) => r.results.at(-1)?.round ?? 0));
  if (round < 1) return null;
  const rows = rooms.map((room) => {
    const now = room.results.find((r) => r.round === round)!;
    const before = room.results.find((r) => r.round === round - 1);
    const top = [...now.regions].sort((a, b) => b.score - a.score)[0];
    return {
      code: room.code,
      treatment: room.treatment,
      totalSubsidies: now.metrics.totalSubsidies,
      subsidiesChange: before ? now.metrics.totalSubsidies - before.metrics.totalSubsidies : null,
      gini: now.metrics.innovationGini,
      leader: top ? { city: top.id, score: top.score } : null,
      least: false,
    };
  });
  const least = Math.min(...rows.map((r) => r.totalSubsidies));
  return { round, rooms: rows.map((r) => ({ ...r, least: r.totalSubsidies <= least + 1e-9 })) };
}

/** Columns for the rooms on a 16:9 screen: every room side by side up to four, then rows. */
export const stageColumns = (rooms: number): number => (rooms <= 4 ? Math.max(1, rooms) : Math.ceil(rooms / 2) > 6 ? 6 : Math.ceil(rooms / 2));
