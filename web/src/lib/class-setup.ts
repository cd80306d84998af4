/**
 * A class of rooms as the host sets it up (issue 15; docs/protocol.md "Classes"): the rooms'
 * common settings from the setup form, and per room a treatment label and its rule changes.
 * Pure, so the body POST /api/classes receives is tested apart from the screen. The rule
 * changes are the presets of core/classes/treatments.ts, and bots.
 */
import { checkClassRooms, CLASS_MAX_ROOMS, CLASS_MIN_ROOMS } from '../../../core/protocol/class';
import type { GameSettingsInput } from '../../../core/protocol/api';
import type { Language } from '../../../core/protocol/settings';
import type { InputError } from '../../../core/protocol/validate';
import { applyTreatment, DEFAULT_PLATFORM_CAP } from '../../../core/classes/treatments';
import { checkOverrides, PARAMS, type ParamKey } from '../../../core/model/params';

/** The presets a room may play under (core/classes/treatments.ts) that the setup offers. */
export const ROOM_PRESETS = ['baseline', 'platform-cap', 'no-parks', 'regional', 'events', 'custom'] as const;
export type RoomPreset = (typeof ROOM_PRESETS)[number];

/** What a room may change from the class's common settings. */
export interface RoomRules {
  /**
   * The treatment: no rule change; every city on one coordination platform with a subsidy cap
   * (§4.3); parks not allowed (§3.2); regional scoring, each city's score including the region's (§4.3);
   * one of the scenario's events injected at a chosen round.
   */
  preset: RoomPreset;
  /** The platform's cap per unit (¥100m), for `platform-cap`. */
  cap: number;
  /** For `events`: one of the scenario's events (its id) and the round it is injected in. */
  event: string;
  eventRound: number;
  /** For `custom`: one model parameter (core/model/params.ts) set to a value within its bounds. */
  param: ParamKey;
  value: number;
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

/** The presets' names in the host's language: the default treatment labels. */
export type RuleLabels = Record<RoomPreset, string>;

/** The parameter a `custom` room starts with: how much talent moves each round (§1.1). */
export const DEFAULT_PARAM: ParamKey = 'mobility.talent';

/** The rules a room gets by default: the presets in turn, so any class compares the baseline with the platform first. */
export function defaultRoom(index: number, labels: RuleLabels): ClassRoomChoice {
  // An event schedule needs an event chosen, and a parameter a value: the rooms' defaults take the other presets in turn.
  const offered = ROOM_PRESETS.filter((p) => p !== 'events' && p !== 'custom');
  const preset = offered[index % offered.length]!;
  return { treatment: labels[preset], preset, cap: DEFAULT_PLATFORM_CAP, event: '', eventRound: 2, param: DEFAULT_PARAM, value: PARAMS[DEFAULT_PARAM].default, bots: true };
}

/** The host's rooms after a change of their number: those kept stay as the host set them. */
export function resizeRooms(rooms: readonly ClassRoomChoice[], count: number, labels: RuleLabels): ClassRoomChoice[] {
  const n = Math.max(CLASS_MIN_ROOMS, Math.min(CLASS_MAX_ROOMS, Math.round(count) || CLASS_MIN_ROOMS));
  return Array.from({ length: n }, (_, i) => rooms[i] ?? defaultRoom(i, labels));
}

/** One room's settings: the common ones under its preset (core/classes/treatments.ts `applyTreatment`), or the refusal naming the field. */
export function roomSettings(common: CommonSettings, rules: RoomRules): { ok: true; settings: GameSettingsInput } | { ok: false; error: InputError } {
  const base = {
    scenario: common.scenario,
    rounds: Number(common.rounds),
    roundSeconds: Math.round(Number(common.minutes) * 60),
    language: common.language,
    sealed: common.sealed,
    bots: rules.bots,
  };
  const params = { [rules.param]: Number(rules.value) };
  if (rules.preset === 'custom') {
    // Its bounds, as the server checks them (core/model/settings.ts), named by the parameter.
    const out = checkOverrides(params);
    if (out) return { ok: false, error: { ...out, field: `settings.${out.field}` } };
  }
  const choice =
    rules.preset === 'platform-cap'
      ? { kind: 'platform-cap' as const, cap: Number(rules.cap) }
      : rules.preset === 'events'
        ? { kind: 'events' as const, schedule: rules.event ? [{ round: Math.round(Number(rules.eventRound)), event: rules.event }] : [] }
        : rules.preset === 'custom'
          ? { kind: 'custom' as const, settings: { params } }
          : { kind: rules.preset };
  const treated = applyTreatment(base, choice);
  return treated.ok ? { ok: true, settings: treated.settings } : treated;
}

/** The body of POST /api/classes (core/protocol/class.ts createClassRequestSchema, before its defaults). */
export interface CreateClassBody {
  rooms: { treatment: string; settings: GameSettingsInput; kind: RoomPreset }[];
  seatsPerRoom?: number;
  hostToken: string;
}

/** The body of POST /api/classes (`seatsPerRoom` null: the scenario's cities), or the first room whose rules or label are refused (its field without `rooms.N.`). */
export function classRequest(common: CommonSettings, rooms: readonly ClassRoomChoice[], seatsPerRoom: number | null, hostToken: string): { ok: true; body: CreateClassBody } | { ok: false; room: number; error: InputError } {
  const made: CreateClassBody['rooms'] = [];
  for (const [i, r] of rooms.entries()) {
    const one = roomSettings(common, r);
    if (!one.ok) return { ok: false, room: i, error: one.error };
    made.push({ treatment: r.treatment.trim(), settings: one.settings, kind: r.preset });
  }
  // The server's own check (two rooms of one label and other rules), before anything is sent.
  const differs = checkClassRooms({ rooms: made });
  if (differs) {
    const [, room, ...field] = differs.field.split('.');
    return { ok: false, room: Number(room), error: { ...differs, field: field.join('.') } };
  }
  return { ok: true, body: { rooms: made, ...(seatsPerRoom === null ? {} : { seatsPerRoom }), hostToken } };
}

/** What stops the host from creating the class, if anything: a room without a label (its index). */
export function unlabelled(rooms: readonly ClassRoomChoice[]): number | null {
  const i = rooms.findIndex((r) => !r.treatment.trim());
  return i < 0 ? null : i;
}
