/**
 * Calls to a class of rooms' HTTP API (docs/protocol.md "Classes"; issue 15), apart from
 * lib/api.ts so only the class's screens download them. Shapes: core/protocol/class.ts.
 */
import type { ClassAction, ClassStatus, CreateClassResponse, JoinClassAnswer, RoomOutcome } from '../../../core/protocol/class';
import { call } from './api';
import type { CreateClassBody } from './class-setup';
import type { Comparison } from '../../../core/classes/compare';
import type { InputError } from '../../../core/protocol/validate';

export type { ClassAction, ClassStatus, CreateClassResponse, JoinClassAnswer, RoomOutcome } from '../../../core/protocol/class';

const klass = (code: string) => `/api/classes/${encodeURIComponent(code)}`;

export const createClass = (body: CreateClassBody) => call<CreateClassResponse>('/api/classes', { method: 'POST', body: JSON.stringify(body) });
/** A place in the class: the room (and seat) to join; `placement` finds the same place again. */
export const joinClass = (code: string, name: string, placement: string | null) =>
  call<JoinClassAnswer>(`${klass(code)}/join`, { method: 'POST', body: JSON.stringify({ name, ...(placement ? { placement } : {}) }) });
export const classStatus = (code: string, token: string) => call<ClassStatus>(klass(code), {}, token);
export const classCommand = (code: string, action: ClassAction, room: string | null, token: string) =>
  call<{ lockStep: boolean; rooms: RoomOutcome[] }>(`${klass(code)}/command`, { method: 'POST', body: JSON.stringify({ action, ...(room ? { room } : {}) }) }, token);
export const moveInClass = (code: string, person: string, room: string, token: string) =>
  call<{ person: string; room: string; city: string; unseated: number | null }>(`${klass(code)}/move`, { method: 'POST', body: JSON.stringify({ person, room }) }, token);
/** The comparison of the rooms so far (core/classes/compare.ts), from each room's record; rooms that did not answer in `missing`. */
export const classComparison = (code: string, token: string) => call<{ comparison: Comparison; missing: { room: string; error: InputError }[] }>(`${klass(code)}/compare`, {}, token);
/** The class export's path: `json` (the class record, replayable) or `csv` (long format). */
export const classExportPath = (code: string, kind: 'json' | 'csv') => `${klass(code)}/export.${kind}`;
