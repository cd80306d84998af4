/**
 * Treatments (issue 15): the rule a class of rooms varies from room to room, so one debrief
 * can compare what each institution did. Each preset is a pure function of the class's
 * common settings; the host picks one per room, and the room is created with the settings
 * it returns (`{ treatment, settings }`, the class's rooms, the class helper's routes).
 *
 * - baseline: no rule change (the comparison's reference, core/classes/compare.ts).
 * - platform-cap: every city on one coordination platform with a subsidy cap from round 1
 *   (§4.3, new regionalism); a city may bid above it, and the breach is public.
 * - no-parks: reverse-enclave parks (§3.2) cannot be proposed or signed.
 * - regional: regional scoring, each city's score includes the whole region's (§4.3).
 * - events: a chosen schedule of the scenario's events, injected by the room at their rounds.
 * - custom: the settings as given.
 *
 * Each preset changes only its own rule; everything else is the common settings, so two
 * rooms differ only by their treatment (and their seed, if the host leaves seeds to the server).
 */
import * as v from 'valibot';
import { fieldsOf, say } from '../protocol/refusals';
import { gameSettingsSchema, scheduleSchema } from '../protocol/settings';
import { check, num, text, type InputError } from '../protocol/validate';
import { MAX_SUBSIDY } from '../protocol/decisions';
import { TREATMENT_ENGLISH, TREATMENT_KINDS } from './names';

export { TREATMENT_ENGLISH, TREATMENT_KINDS, type TreatmentKind } from './names';

/** The cap a platform-cap treatment sets when the host names none (¥100m per unit): the classroom scenarios' national cap (their `unified-market` event). */
export const DEFAULT_PLATFORM_CAP = 0.3;

/** Settings as the schema gives them (defaults filled in). */
export type Settings = v.InferOutput<typeof gameSettingsSchema>;
export type SettingsInput = v.InferInput<typeof gameSettingsSchema>;

/** What the host picks for a room: a preset and its one choice. */
export const treatmentChoiceSchema = v.variant(
  'kind',
  [
    v.strictObject({ kind: v.literal('baseline') }, fieldsOf('baseline')),
    v.strictObject({ kind: v.literal('platform-cap'), cap: v.optional(num(0, MAX_SUBSIDY), DEFAULT_PLATFORM_CAP), trading: v.optional(v.boolean(say('not-a-flag')), false) }, fieldsOf('platform-cap')),
    v.strictObject({ kind: v.literal('no-parks') }, fieldsOf('no-parks')),
    v.strictObject({ kind: v.literal('regional') }, fieldsOf('regional')),
    v.strictObject({ kind: v.literal('events'), schedule: v.pipe(scheduleSchema, v.minLength(1, say('min-items', { min: 1, items: 'events' }))) }, fieldsOf('events')),
    // Custom: settings over the common ones, checked whole once merged (gameSettingsSchema).
    v.strictObject({ kind: v.literal('custom'), settings: v.pipe(v.record(v.string(), v.unknown()), v.maxEntries(32, say('invalid', { detail: 'must set at most 32 settings' }))), label: v.optional(text(1, 40)) }, fieldsOf('custom')),
  ],
  say('one-of', { options: [...TREATMENT_KINDS] }),
);
export type TreatmentChoice = v.InferOutput<typeof treatmentChoiceSchema>;
export type TreatmentChoiceInput = v.InferInput<typeof treatmentChoiceSchema>;

/** A room's treatment as the comparison and the export read it: an id (the preset's kind, or the host's own for a custom one) and its English label. */
export interface TreatmentTag {
  id: string;
  label: string;
}

export type Treated = { ok: true; settings: Settings; tag: TreatmentTag } | { ok: false; error: InputError };

const under = (root: string, e: InputError): InputError => ({ ...e, field: e.field && !e.field.startsWith('(') ? `${root}.${e.field}` : root });

/**
 * The room's settings under a treatment, from the class's common settings, checked whole by
 * the settings schema (a refusal names its field from `treatment` or `settings`). What needs
 * the scenario (an event schedule of its events) is checkSettings' (core/model/settings.ts).
 */
export function applyTreatment(base: SettingsInput, choice: TreatmentChoiceInput): Treated {
  const picked = check(treatmentChoiceSchema, choice);
  if (!picked.ok) return { ok: false, error: under('treatment', picked.error) };
  const parsed = check(gameSettingsSchema, settingsFor(base, picked.value));
  if (!parsed.ok) return { ok: false, error: under('settings', parsed.error) };
  return { ok: true, settings: parsed.value, tag: tagOf(picked.value) };
}

/** The preset's change, before the schema fills defaults and checks bounds. */
function settingsFor(base: SettingsInput, c: TreatmentChoice): Record<string, unknown> {
  switch (c.kind) {
    case 'baseline':
      return { ...base };
    case 'platform-cap':
      return { ...base, platform: { cap: c.cap, trading: c.trading } };
    case 'no-parks':
      return { ...base, parks: false };
    case 'regional': {
      // Weights belong to custom scoring only; the regional preset has its own.
      const { weights: _weights, ...rest } = base;
      return { ...rest, scoring: 'regional' };
    }
    case 'events':
      return { ...base, schedule: c.schedule };
    case 'custom':
      return { ...base, ...c.settings };
  }
}

export function tagOf(c: TreatmentChoice): TreatmentTag {
  if (c.kind === 'platform-cap') return { id: c.kind, label: `${TREATMENT_ENGLISH[c.kind]} of ${c.cap}` };
  if (c.kind === 'custom' && c.label) return { id: `custom:${c.label}`, label: c.label };
  return { id: c.kind, label: TREATMENT_ENGLISH[c.kind] };
}
