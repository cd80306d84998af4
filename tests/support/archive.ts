/** The archive as a host reads it: a game's record through the archive API with the host token. */
import { expect } from 'vitest';
import type { GameRecord } from '../../core/protocol/record';
import type { RoundResult } from '../../core/protocol/state';
import type { DevServer } from './dev-server';

export async function archivedRecord(server: DevServer, id: string, hostToken: string): Promise<GameRecord> {
  const res = await fetch(`${server.url}/api/archive/games/${id}`, { headers: { authorization: `Bearer ${hostToken}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as GameRecord;
}

/**
 * Every round once, in order, and nothing else: rounds 1..n each with its own result, the
 * results a client holds equal to the archived ones, and the final state after round n.
 */
export function expectEveryRoundOnce(record: GameRecord, rounds: number, held?: RoundResult[]): void {
  const all = Array.from({ length: rounds }, (_, i) => i + 1);
  expect(record.rounds.map((r) => r.round)).toEqual(all);
  expect(record.rounds.map((r) => r.result.round)).toEqual(all);
  expect(record.finalState.round).toBe(rounds);
  if (held) expect(held).toEqual(record.rounds.map((r) => r.result));
}
