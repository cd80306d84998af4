/**
 * What the debrief needs of a game, from a live room (its view and results) or from the
 * archive (a game record): the same screen serves the host, the projector, every player,
 * archived games and share links.
 */
import type { DealTerms } from '../../../core/protocol/deals';
import type { GameRecord } from '../../../core/protocol/record';
import type { RoomView } from '../../../core/protocol/room';
import type { FirmPair, GameState, RoundResult } from '../../../core/protocol/state';
import type { Scenario } from '../../../core/scenarios/schema';

export interface DebriefGame {
  code: string;
  scenario: Scenario;
  results: RoundResult[];
  cities: string[];
  seats: { city: string; players: string[]; bot: string | null }[];
  deals: { id: string; terms: DealTerms; signedRound: number }[];
  /** Events applied, by the scenario's event id. */
  events: { round: number; event: string }[];
  /** Producing firms by R&D and production city at the end (Fig. 5, standing). */
  firmPairs: FirmPair[];
  /** The game's scoring preset and its weights (core/model/score.ts). */
  scoring: GameState['scoring'];
  /** The game's parameter overrides, as its first state holds them (a "what if" starts from them). */
  params: GameState['params'];
  /** The viewer's city, highlighted. */
  me: string | null;
  /** Where the archive holds the game: exports, share links and "what if" need it. */
  archive: { gameId: string; hostToken: string } | { shareToken: string } | null;
}

export function fromRoom(view: RoomView, results: RoundResult[], scenario: Scenario, me: string | null, hostToken: string | null): DebriefGame {
  return {
    code: view.code,
    scenario,
    results,
    cities: view.seats.map((s) => s.city),
    seats: view.seats.map((s) => ({ city: s.city, players: s.players.map((p) => p.name), bot: s.bot })),
    deals: view.deals.filter((d) => d.status === 'signed').map((d) => ({ id: d.id, terms: d.terms, signedRound: d.closedRound ?? d.round })),
    events: view.events.applied,
    firmPairs: view.state.firmPairs,
    scoring: view.state.scoring,
    params: view.state.params,
    me,
    archive: hostToken && view.archive?.status === 'stored' && view.archive.id ? { gameId: view.archive.id, hostToken } : null,
  };
}

export function fromRecord(record: GameRecord, scenario: Scenario, archive: DebriefGame['archive']): DebriefGame {
  const eventId = (e: unknown) => scenario.events.find((x) => JSON.stringify(x.event) === JSON.stringify(e))?.id ?? (e as { kind: string }).kind;
  return {
    code: record.code,
    scenario,
    results: record.rounds.map((r) => r.result),
    cities: record.seats.map((s) => s.city),
    seats: record.seats.map((s) => ({ city: s.city, players: s.players, bot: s.bot })),
    deals: record.rounds.flatMap((r) => r.deals.map((d) => ({ id: d.id, terms: d.terms, signedRound: d.signedRound }))),
    events: record.rounds.flatMap((r) => r.events.map((e) => ({ round: r.round, event: eventId(e) }))),
    firmPairs: record.finalState.firmPairs,
    scoring: record.finalState.scoring,
    params: record.initialState.params,
    me: null,
    archive,
  };
}
