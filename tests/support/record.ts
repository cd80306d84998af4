/** A game record built the way a room builds one: rounds played through the real model. */
import { checkDeal, initialState, resolveRound } from '../../core/model';
import type { Decisions } from '../../core/protocol/decisions';
import type { SignedDeal } from '../../core/protocol/deals';
import type { GameEvent } from '../../core/protocol/events';
import { RECORD_FORMAT, type GameRecord } from '../../core/protocol/record';
import { MODEL_VERSION } from '../../core/protocol/state';
import { decisionsFor, flat, scenario } from './model';

/** Hillton's reverse-enclave park in the metropolis, signed in round 1 (§3). */
export const PARK_DEAL: SignedDeal = {
  id: 'd1',
  terms: { kind: 'park', sponsor: 'hillton', host: 'metropolis', landQuota: 2, space: 1, mode: 'mixed', statsShare: 0.5, taxShare: 0.5 },
  signedRound: 1,
};
export const PARK_ID = 'park-hillton-metropolis';
const DOWNTURN: GameEvent = { kind: 'downturn', severity: 0.15 };

/**
 * Rounds played through the model with a signed park deal in round 1 (its sponsor subsidises
 * it from round 2), a downturn in round 2, and subsidies that vary by city and round.
 */
export function makeRecord(options: { code?: string; rounds?: number; seed?: number; createdAt?: string; params?: Record<string, number>; facility?: string } = {}): GameRecord {
  const { code = 'K7PM3X', rounds = 3, seed = 17, createdAt = '2026-11-20T09:00:00.000Z', params = {}, facility } = options;
  const s = scenario('classroom-4');
  const settings = {
    scenario: s.id,
    rounds: Math.max(rounds, 1),
    roundSeconds: 180,
    reviewSeconds: 0,
    practice: false,
    scoring: 'scorecard' as const,
    sealed: true,
    bots: true,
    language: 'en' as const,
    params,
    seed,
  };
  const initial = initialState(s, { seed, params });
  let state = initial;
  const played: GameRecord['rounds'] = [];
  for (let t = 1; t <= rounds; t++) {
    const parkExists = state.agreements.parks.some((p) => p.id === PARK_ID);
    const decisions: Record<string, Decisions> = decisionsFor(s, state, (round, city) => ({
      subsidies: flat(city === 'hillton' ? 0.2 : city === 'metropolis' ? 0.05 * round : 0),
      ...(city === 'hillton' && parkExists ? { parkSubsidies: { [PARK_ID]: flat(0.15) } } : {}),
      // A city funding a big science facility until it opens (§2.3), if asked.
      ...(city === facility && state.regions.find((r) => r.id === city)!.facility < 3 ? { projects: { scienceFacility: true } } : {}),
    }));
    const deals = t === 1 ? [PARK_DEAL] : [];
    for (const deal of deals) {
      const error = checkDeal(s, state, deal.terms);
      if (error) throw new Error(`deal: ${error.field}: ${error.rule}`);
    }
    const events = t === 2 ? [DOWNTURN] : [];
    const out = resolveRound(s, state, decisions, { deals, events });
    if (!out.ok) throw new Error(`${out.error.field}: ${out.error.rule}`);
    played.push({
      round: t,
      decisions,
      source: { metropolis: 'bot', rivertown: 'none', hillton: 'player', seaport: 'draft' },
      deals,
      events,
      result: out.result,
    });
    state = out.state;
  }
  return {
    format: RECORD_FORMAT,
    model: MODEL_VERSION,
    code,
    createdAt,
    finishedAt: rounds > 0 ? '2026-11-20T09:40:00.000Z' : null,
    settings,
    seats: [
      { city: 'metropolis', players: [], bot: 'escalator' },
      { city: 'rivertown', players: [], bot: null },
      { city: 'hillton', players: ['Ana', 'Zhang Wei'], bot: null },
      { city: 'seaport', players: ['Ben "the builder", Jr.'], bot: null },
    ],
    initialState: initial,
    rounds: played,
    dealLog: [
      { at: '2026-11-20T09:05:00.000Z', round: 1, deal: 'd1', action: 'propose', by: 'hillton', terms: { kind: 'park', sponsor: 'hillton', host: 'metropolis', landQuota: 2, space: 1, mode: 'mixed', statsShare: 0.5, taxShare: 0.5 } },
      { at: '2026-11-20T09:06:00.000Z', round: 1, deal: 'd1', action: 'accept', by: 'metropolis' },
      { at: '2026-11-20T09:06:00.000Z', round: 1, deal: 'd1', action: 'sign', by: 'room' },
    ],
    chat: [
      { at: '2026-11-20T09:01:00.000Z', round: 1, from: 'hillton', to: null, text: 'Shall we talk about a park, metropolis?' },
      { at: '2026-11-20T09:02:00.000Z', round: 1, from: 'seaport', to: 'hillton', text: 'Quotes "here", commas, and\na line break' },
      { at: '2026-11-20T09:03:00.000Z', round: 2, from: 'host', to: null, text: '=HYPERLINK("http://example.com")' },
    ],
    finalState: state,
  };
}
