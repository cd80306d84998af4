/**
 * Records that ask the model for too much work (issue 12): a real recorded game, blown up to
 * many parks and many rounds while staying valid against the record schema.
 */
import type { GameRecord } from '../../core/protocol/record';
import { makeRecord } from './record';

/** `parks` copies of the recorded park in the initial state, and `rounds` copies of its round 1. */
export function craftedRecord(parks: number, rounds: number): GameRecord {
  const record = makeRecord({ rounds: 1 });
  const park = record.finalState.agreements.parks[0]!;
  const location = record.finalState.locations.find((l) => l.id === park.id)!;
  const initialState = structuredClone(record.initialState);
  for (let i = 0; i < parks; i++) {
    initialState.agreements.parks.push({ ...structuredClone(park), id: `${park.id}-${i}` });
    initialState.locations.push({ ...structuredClone(location), id: `${park.id}-${i}` });
  }
  const round = record.rounds[0]!;
  return { ...record, initialState, rounds: Array.from({ length: rounds }, (_, i) => ({ ...round, round: i + 1 })) };
}
