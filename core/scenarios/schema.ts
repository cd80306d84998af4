/**
 * What a scenario file must hold, checked when it is loaded: a scenario that fails
 * (unknown city in the travel matrix, negative population...) is refused with the field.
 */
import * as v from 'valibot';
import { id, num, text, type InputError, check } from '../protocol/validate';
import { FACTORS } from '../model/factors';
import { eventSchema } from '../protocol/events';
import { invalid, say } from '../protocol/refusals';

const localized = v.strictObject({ en: text(1, 400), zh: text(1, 400), es: text(1, 400) });

export const ROLES = ['core', 'second-core', 'near-core', 'periphery'] as const;

/** Most cities a scenario may have: the game state holds at most 64 regions (core/protocol/state.ts). */
export const MAX_REGIONS = 64;

const factorVec = v.strictObject({
  talent: num(0, 1e6),
  startups: num(0, 1e6),
  capital: num(0, 1e6),
});

const region = v.strictObject({
  id,
  name: localized,
  role: v.picklist(ROLES, say('one-of', { options: [...ROLES] })),
  /** Resident population, 10,000 people. */
  population: num(0.01, 1e6),
  /** Regional GDP, 100 million yuan. */
  gdp: num(0.01, 1e7),
  /** City centre, when the scenario is a real place; travel times may be derived from it. */
  lat: v.optional(num(-90, 90)),
  lon: v.optional(num(-180, 180)),
  /** Position on the schematic map, 0–100 on both axes. */
  map: v.strictObject({ x: num(0, 100), y: num(0, 100) }),
  /** Sectors of industrial strength (§3.3, note ⑥): their industrial base starts at 1. */
  strengths: v.array(id),
  /** Innovation environment E: 1 is an average city. */
  environment: num(0.05, 10),
  /** Construction-land indicators the city may still release, km². */
  landQuota: num(0, 1e4),
  /** Innovation space already built, km²: sets the capacity before congestion. */
  innovationSpace: num(0.1, 1e4),
  /** Treasury available for innovation policy at the start, money units (¥100m). */
  treasury: num(0, 1e7),
  /** Knowledge stock Z at the start. */
  knowledge: num(0, 1e7),
  /** Innovation productivity A. */
  productivity: num(0.01, 100),
  factors: factorVec,
});

/** A scenario's fields; `scenarioSchema` is the gate, this the shape others pick from (builtin.ts). */
export const scenarioFields = v.strictObject({
  id,
  title: localized,
  summary: localized,
  /** Where the numbers come from. */
  sources: v.pipe(v.array(text(1, 400)), v.minLength(1, say('invalid', { detail: 'must name at least one source' }))),
  /** Which numbers are approximations for play. */
  approximations: text(1, 2000),
  sectors: v.pipe(v.array(id), v.minLength(1, say('min-items', { min: 1, items: 'sectors' })), v.maxLength(16, say('max-items', { max: 16, items: 'sectors' }))),
  /** Pairs of related sectors (upstream/downstream): diffusion reaches them too (§3.3). */
  related: v.optional(v.array(v.tuple([id, id])), []),
  regions: v.pipe(
    v.array(region),
    v.minLength(2, say('invalid', { detail: 'must have at least 2 regions' })),
    v.maxLength(MAX_REGIONS, say('invalid', { detail: `must have at most ${MAX_REGIONS} regions` })),
  ),
  /** Travel hours between cities; missing pairs are derived from lat/lon. */
  travelHours: v.optional(v.record(id, v.record(id, num(0, 48)))),
  /** Events the host may inject between rounds (docs/protocol.md, the host's `event`). */
  events: v.optional(v.array(v.strictObject({ id, title: localized, event: eventSchema })), []),
});

export const scenarioSchema = v.pipe(scenarioFields);

export type Scenario = v.InferOutput<typeof scenarioSchema>;
export type ScenarioRegion = Scenario['regions'][number];

/** Cross-field rules the schema alone cannot state. */
function crossCheck(s: Scenario): InputError | null {
  const ids = new Set<string>();
  for (const [i, r] of s.regions.entries()) {
    if (ids.has(r.id)) return invalid(`regions.${i}.id`, `duplicates city id "${r.id}"`);
    ids.add(r.id);
    for (const [k, sector] of r.strengths.entries()) {
      if (!s.sectors.includes(sector)) {
        return invalid(`regions.${i}.strengths.${k}`, `"${sector}" is not one of the scenario's sectors`);
      }
    }
    if ((r.lat === undefined) !== (r.lon === undefined)) {
      return invalid(`regions.${i}.lat`, 'lat and lon must be given together');
    }
    if (FACTORS.every((f) => r.factors[f] === 0)) {
      return invalid(`regions.${i}.factors`, 'must hold some innovation factors');
    }
  }
  for (const [i, pair] of s.related.entries()) {
    for (const [k, sector] of pair.entries()) {
      if (!s.sectors.includes(sector)) return invalid(`related.${i}.${k}`, `"${sector}" is not one of the scenario's sectors`);
    }
    if (pair[0] === pair[1]) return invalid(`related.${i}`, 'must name two different sectors');
  }
  for (const [i, e] of s.events.entries()) {
    if (s.events.findIndex((x) => x.id === e.id) !== i) return invalid(`events.${i}.id`, `duplicates event id "${e.id}"`);
    if (e.event.kind === 'rail-line') {
      for (const [k, city] of e.event.between.entries()) {
        if (!ids.has(city)) return invalid(`events.${i}.event.between.${k}`, `"${city}" is not a city of the scenario`);
      }
    }
  }
  for (const [from, row] of Object.entries(s.travelHours ?? {})) {
    if (!ids.has(from)) return invalid(`travelHours.${from}`, `"${from}" is not a city of the scenario`);
    for (const to of Object.keys(row)) {
      if (!ids.has(to)) return invalid(`travelHours.${from}.${to}`, `"${to}" is not a city of the scenario`);
    }
  }
  for (const [i, a] of s.regions.entries()) {
    for (const b of s.regions) {
      if (a.id === b.id) continue;
      const given = s.travelHours?.[a.id]?.[b.id] ?? s.travelHours?.[b.id]?.[a.id];
      if (given === undefined && (a.lat === undefined || b.lat === undefined)) {
        return invalid(`travelHours.${a.id}.${b.id}`, `is missing and regions.${i} has no lat/lon to derive it`);
      }
    }
  }
  return null;
}

export function checkScenario(input: unknown): { ok: true; value: Scenario } | { ok: false; error: InputError } {
  const parsed = check(scenarioSchema, input);
  if (!parsed.ok) return parsed;
  const error = crossCheck(parsed.value);
  return error ? { ok: false, error } : parsed;
}
