/**
 * A class of rooms as the host sets it up (issue 15; docs/protocol.md "Classes"): the rooms'
 * common settings from the setup form, and per room a treatment label and its rule changes.
 * Pure, so the body POST /api/classes receives is tested apart from the screen. The rule
 * changes are the ones the room settings support today (scoring and bots); the presets of
 * core/classes/treatments.ts slot in as more `RoomRules` fields once they land.
 */
import { CLASS_MAX_ROOMS, CLASS_MIN_ROOMS } from '../../../core/protocol/class';
import type { GameSettingsInput } from '../../../core/protocol/api';
import type { Language } from '../../../core/protocol/settings';

/** What a room may change from the class's common settings. */
export interface RoomRules {
  /** Scorecard (each city for itself) or regional (each city's score includes the region's, §4.3). */
  scoring: 'scorecard' | 'regional';
  /** Bots fill the seats nobody took (so a class of 9 can run three rooms of 4). */
  bots: boolean;
}
export interface ClassRoomChoice extends RoomRules {
  /** The treatment's label as the stage and the players see it (1–60 characters). */
  treatment: string;
}

/** What every room shares, taken from the setup form above (the region is held fixed: the comparison needs it). */
export interface CommonSettings {
  scenario: string;
  rounds: number;
  minutes: number;
  language: Language;
  sealed: boolean;
}

/** The labels of the two rules, in the host's language: the default treatment names. */
export interface RuleLabels {
  scorecard: string;
  regional: string;
}

/** The rules a room gets by default: baseline and regional scoring alternate, so any class compares the two. */
export function defaultRoom(index: number, labels: RuleLabels): ClassRoomChoice {
  const scoring = index % 2 === 0 ? 'scorecard' : 'regional';
  return { treatment: labels[scoring], scoring, bots: true };
}

/** The host's rooms after a change of their number: those kept stay as the host set them. */
export function resizeRooms(rooms: readonly ClassRoomChoice[], count: number, labels: RuleLabels): ClassRoomChoice[] {
  const n = Math.max(CLASS_MIN_ROOMS, Math.min(CLASS_MAX_ROOMS, Math.round(count) || CLASS_MIN_ROOMS));
  return Array.from({ length: n }, (_, i) => rooms[i] ?? defaultRoom(i, labels));
}

/** One room's settings: the common ones with its own rules (as POST /api/games takes them). */
export function roomSettings(common: CommonSettings, rules: RoomRules): GameSettingsInput {
  return {
    scenario: common.scenario,
    rounds: Number(common.rounds),
    roundSeconds: Math.round(Number(common.minutes) * 60),
    language: common.language,
    sealed: common.sealed,
    scoring: rules.scoring,
    bots: rules.bots,
  };
}

/** The body of POST /api/classes (core/protocol/class.ts createClassRequestSchema, before its defaults). */
export interface CreateClassBody {
  rooms: { treatment: string; settings: GameSettingsInput }[];
  seatsPerRoom?: number;
  hostToken: string;
}

/** The body of POST /api/classes. `seatsPerRoom` null: the scenario's cities. */
export function classRequest(common: CommonSettings, rooms: readonly ClassRoomChoice[], seatsPerRoom: number | null, hostToken: string): CreateClassBody {
  return {
    rooms: rooms.map((r) => ({ treatment: r.treatment.trim(), settings: roomSettings(common, r) })),
    ...(seatsPerRoom === null ? {} : { seatsPerRoom }),
    hostToken,
  };
}

/** What stops the host from creating the class, if anything: a room without a label (its index). */
export function unlabelled(rooms: readonly ClassRoomChoice[]): number | null {
  const i = rooms.findIndex((r) => !r.treatment.trim());
  return i < 0 ? null : i;
}
