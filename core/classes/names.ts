/**
 * The treatments' names (core/classes/treatments.ts) and their English labels, apart from the
 * presets themselves so the web's catalogues can read them without the schemas.
 */
export const TREATMENT_KINDS = ['baseline', 'platform-cap', 'no-parks', 'regional', 'events', 'custom'] as const;
export type TreatmentKind = (typeof TREATMENT_KINDS)[number];

/** The English label of each preset (the web says them from `host.treatments`, web/src/i18n/host/*.ts). */
export const TREATMENT_ENGLISH: Record<TreatmentKind, string> = {
  baseline: 'No rule change',
  'platform-cap': 'Coordination platform with a subsidy cap',
  'no-parks': 'Parks not allowed',
  regional: 'Regional scoring',
  events: 'Event schedule',
  custom: 'Custom settings',
};
