/**
 * A person's place in a class (docs/protocol.md "Classes", POST /api/classes/:code/join),
 * kept on this device under the room it names: the room's player screen joins the seat once
 * (the class only suggests it; the room seats people as any join) and shows the person which
 * treatment their group plays under. The class's `placement` token is kept apart
 * (lib/tokens.ts) so asking the class again finds the same place, a move included.
 */
import type { JoinClassAnswer } from '../../../core/protocol/class';

export interface ClassPlace {
  class: string;
  room: string;
  treatment: string;
  city: string;
  team: boolean;
  name: string;
  /** The class's word for a team placement: the room seats the join at once (docs/protocol.md "Classes"). */
  pass?: string;
}

const key = (room: string) => `enclave:class-place:${room}`;
/** The Web Storage calls used (localStorage in the browser), typed here: the tests read this module without the DOM's types. */
type Store = { getItem(k: string): string | null; setItem(k: string, v: string): void };
const store = (): Store => (globalThis as unknown as { localStorage: Store }).localStorage;

/** The stored place, if it is one (anything else on the device is ignored). */
export function parsePlace(text: string | null, room: string): ClassPlace | null {
  if (!text) return null;
  try {
    const p = JSON.parse(text) as Partial<ClassPlace>;
    const ok =
      typeof p.class === 'string' &&
      p.room === room &&
      typeof p.treatment === 'string' &&
      typeof p.city === 'string' &&
      typeof p.team === 'boolean' &&
      typeof p.name === 'string' &&
      (p.pass === undefined || (typeof p.pass === 'string' && /^[0-9a-f]{32}$/.test(p.pass)));
    return ok ? (p as ClassPlace) : null;
  } catch {
    return null;
  }
}

export const placeOf = (answer: JoinClassAnswer, name: string): ClassPlace => ({
  class: answer.class,
  room: answer.room,
  treatment: answer.treatment,
  city: answer.city,
  team: answer.team,
  name,
  ...(answer.pass ? { pass: answer.pass } : {}),
});

export function loadPlace(room: string): ClassPlace | null {
  try {
    return parsePlace(store().getItem(key(room)), room);
  } catch {
    return null;
  }
}

export function savePlace(place: ClassPlace): void {
  try {
    store().setItem(key(place.room), JSON.stringify(place));
  } catch {
    // Private mode: the room's own join form is still there.
  }
}

/** The join the room is sent for this place: the seat the class suggested, as a team member if it has people, with the class's word for it. */
export const joinMessage = (place: ClassPlace) => ({ type: 'join' as const, name: place.name, city: place.city, team: place.team, ...(place.pass ? { pass: place.pass } : {}) });
