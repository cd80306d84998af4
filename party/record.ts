/**
 * The game record (core/protocol/record.ts, format enclave-record/1) built from what the
 * room holds: every decision and where it came from, every deal action, chat line, event
 * and round result, enough to replay the game through the model. Handed to the archive at
 * the end, on the host's "save now", and before an idle room is cleaned up.
 */
import { RECORD_FORMAT, type GameRecord } from '../core/protocol/record';
import { membersOf, type Room } from './room';

const iso = (ms: number) => new Date(ms).toISOString();

export function gameRecord(room: Room): GameRecord {
  const { meta } = room;
  return {
    format: RECORD_FORMAT,
    model: room.state.model,
    code: meta.code,
    createdAt: iso(meta.createdAt),
    finishedAt: meta.finishedAt === null ? null : iso(meta.finishedAt),
    settings: { ...meta.settings },
    seats: meta.seats.map((s) => ({ city: s.city, players: membersOf(room, s.city).map((m) => m.name), bot: s.bot })),
    initialState: room.initialState,
    rounds: room.rounds.map((r) => ({ round: r.round, decisions: r.decisions, source: r.source, deals: r.deals, events: r.events, result: r.result })),
    dealLog: room.dealLog.map((d) => ({ at: iso(d.at), round: d.round, deal: d.deal, action: d.action, by: d.by, ...(d.terms ? { terms: d.terms } : {}) })),
    chat: room.chat.map((c) => ({ at: iso(c.at), round: c.round, from: c.from, to: c.to, text: c.text })),
    finalState: room.state,
    // A game on a facilitator's region carries its map, so the record replays anywhere.
    ...(room.region ? { region: room.region } : {}),
  };
}
