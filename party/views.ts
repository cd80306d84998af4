/**
 * Each viewer gets only what its role may see (game.md "Projector / spectators",
 * stack-notes.md trap 5): the host sees who has submitted, a seat sees its own submission,
 * a spectator sees the public board. Nobody sees another city's decisions before the
 * round is resolved; the raw record (token hashes, seed) never leaves the room.
 */
import type { RoomView } from '../core/protocol/room';
import type { RoundResult } from '../core/protocol/state';
import type { Actor } from './logic';
import type { RoomRecord } from './record';

export function buildView(record: RoomRecord, results: readonly RoundResult[], actor: Actor, connected: ReadonlySet<string>): RoomView {
  const { seed: _seed, ...state } = record.state;
  return {
    code: record.code,
    scenario: record.settings.scenario,
    phase: record.phase,
    round: record.round,
    rounds: record.settings.rounds,
    you: { role: actor.role, city: actor.city },
    seats: record.seats.map((s) => ({
      city: s.city,
      player: s.player,
      connected: connected.has(s.city),
      submitted: record.submissions[s.city] !== undefined,
    })),
    state,
    results: [...results],
    submission: actor.role === 'seat' ? (record.submissions[actor.city] ?? null) : null,
    notice: actor.role === 'host' ? record.notice : null,
  };
}

/** One view per distinct viewer kind, so a room full of spectators builds one view. */
export function viewKey(actor: Actor): string {
  return actor.role === 'seat' ? `seat:${actor.city}` : actor.role;
}
