/** A game played by bots on the template region under a region id, recorded as a room records it (region included). */
import { playBotGame } from '../../core/bots/game';
import { RECORD_FORMAT, type GameRecord } from '../../core/protocol/record';
import { scenarioFromCsv, templateCsv } from '../../core/scenarios/csv';

export type RecordSchemaInput = Omit<GameRecord, 'region'> & { region?: unknown };

export function recordOnRegion(id: string): GameRecord {
  const built = scenarioFromCsv(templateCsv(), { id });
  if (!built.ok) throw new Error('the template does not build');
  const scenario = built.scenario;
  const rounds = 3;
  const strategies = Object.fromEntries(scenario.regions.map((r, i) => [r.id, i % 2 ? 'cooperator' : 'escalator'] as const));
  const game = playBotGame(scenario, { rounds, seed: 11, strategies });
  const at = (n: number) => `2026-12-02T09:${String(n).padStart(2, '0')}:00.000Z`;
  return {
    format: RECORD_FORMAT,
    model: game.state.model,
    code: 'RGN4XQ',
    createdAt: at(0),
    finishedAt: at(rounds + 1),
    settings: { scenario: id, rounds, roundSeconds: 180, reviewSeconds: 0, practice: false, scoring: 'scorecard', sealed: true, bots: true, language: 'en', params: {}, seed: 11 },
    seats: scenario.regions.map((r) => ({ city: r.id, players: [], bot: strategies[r.id]! })),
    initialState: game.initial,
    rounds: game.rounds.map((r) => ({ round: r.result.round, decisions: r.decisions, source: Object.fromEntries(Object.keys(r.decisions).map((c) => [c, 'bot' as const])), deals: r.deals, events: r.events, result: r.result })),
    dealLog: game.log.map((e) => ({ at: at(e.round), ...e })),
    chat: [],
    finalState: game.state,
    region: scenario,
  };
}
