/**
 * Replay and "what if" (issue 6): run an archived game's decisions, deals and events through
 * the model again. With nothing changed, every result must come out byte for byte as it was
 * archived (the model is deterministic); a mismatch, after a model change say, is reported at
 * the first differing field. With one thing changed — a parameter, a deal left out, or no
 * subsidies at all — the same game is played again so the debrief can show both runs.
 */
import { checkSigning } from '../deals/signing';
import { checkDecisions, checkOverrides, gameOptions, initialState, makeContext, resolveParams, resolveRound, type ParamOverrides } from '../model';
import { FACTORS } from '../model/factors';
import { noDecisions, type Decisions, type Subsidies } from '../protocol/decisions';
import type { SignedDeal } from '../protocol/deals';
import type { GameRecord } from '../protocol/record';
import type { GameState, RoundResult } from '../protocol/state';
import type { InputError } from '../protocol/validate';
import type { Scenario } from '../scenarios/schema';
import { firstDifference, type Difference } from './diff';
import { invalid } from '../protocol/refusals';

/** Exactly one change to an archived game. */
export type WhatIf = { params: ParamOverrides } | { withoutDeal: string } | { withoutSubsidies: true };

/** A decision or deal of the archived game that no longer fits the changed game, and what was done. */
export interface Adjustment {
  round: number;
  city: string;
  field: string;
  rule: string;
}

export interface Run {
  results: RoundResult[];
  finalState: GameState;
  adjusted: Adjustment[];
}

export type Replayed = { ok: true; run: Run } | { ok: false; error: InputError & { round: number } };

export type ReplayCheck =
  | { match: true; rounds: number }
  | ({ match: false; round: number | null } & Difference)
  | { match: false; round: number; field: string; rule: string };

/** Run the record's rounds through the model exactly as archived. */
export function replayRecord(scenario: Scenario, record: GameRecord): Replayed {
  let state = record.initialState;
  const results: RoundResult[] = [];
  for (const r of record.rounds) {
    const out = resolveRound(scenario, state, r.decisions, { deals: r.deals, events: r.events });
    if (!out.ok) return { ok: false, error: { ...out.error, round: r.round } };
    results.push(out.result);
    state = out.state;
  }
  return { ok: true, run: { results, finalState: state, adjusted: [] } };
}

/** Does the model still produce exactly what was archived? The first difference if not. */
export function checkReplay(scenario: Scenario, record: GameRecord): ReplayCheck {
  const replayed = replayRecord(scenario, record);
  if (!replayed.ok) return { match: false, round: replayed.error.round, field: replayed.error.field, rule: replayed.error.rule };
  for (const [i, r] of record.rounds.entries()) {
    // Compare as JSON, as results travel and are stored: what a reader of the archive sees.
    const d = firstDifference(JSON.parse(JSON.stringify(r.result)), JSON.parse(JSON.stringify(replayed.run.results[i])), `rounds.${i}.result`);
    if (d) return { match: false, round: r.round, ...d };
  }
  const d = firstDifference(JSON.parse(JSON.stringify(record.finalState)), JSON.parse(JSON.stringify(replayed.run.finalState)), 'finalState');
  if (d) return { match: false, round: null, ...d };
  return { match: true, rounds: record.rounds.length };
}

const ZERO: Subsidies = { talent: 0, startups: 0, capital: 0 };

/**
 * Fit a city's archived decisions to the changed game: drop subsidies to parks that do not
 * exist there, keep land within the quota, then scale spending down until the budget rules
 * pass. Every change is reported with the rule the archived decision broke.
 */
function fit(scenario: Scenario, state: GameState, city: string, archived: Decisions): { decisions: Decisions; adjusted: Omit<Adjustment, 'round' | 'city'>[] } {
  const ctx = makeContext(scenario, resolveParams(state.params));
  const adjusted: Omit<Adjustment, 'round' | 'city'>[] = [];
  const sponsored = new Set(state.agreements.parks.filter((p) => p.sponsor === city).map((p) => p.id));
  const parkSubsidies = Object.fromEntries(Object.entries(archived.parkSubsidies).filter(([id]) => sponsored.has(id)));
  for (const id of Object.keys(archived.parkSubsidies)) {
    if (!sponsored.has(id)) adjusted.push({ field: `parkSubsidies.${id}`, rule: 'dropped: the park does not exist in this run' });
  }
  let d: Decisions = { ...archived, parkSubsidies };
  const quota = state.regions.find((r) => r.id === city)!.landQuota;
  const released = d.land.innovation + d.land.production;
  if (released > quota) {
    const k = quota / released;
    d = { ...d, land: { innovation: d.land.innovation * k, production: d.land.production * k } };
    adjusted.push({ field: 'land', rule: `cut to the ${quota.toFixed(1)} km² of quota left in this run` });
  }
  let error = checkDecisions(ctx, state, city, d);
  if (!error) return { decisions: d, adjusted };
  const first = error;
  const scale = (s: Subsidies, k: number): Subsidies => {
    const out = { ...s };
    for (const f of FACTORS) out[f] = Math.floor(s[f] * k * 100) / 100;
    return out;
  };
  for (const k of [0.9, 0.75, 0.5, 0.25, 0.1, 0]) {
    const tried: Decisions = {
      ...d,
      subsidies: scale(d.subsidies, k),
      parkSubsidies: Object.fromEntries(Object.entries(d.parkSubsidies).map(([id, s]) => [id, scale(s, k)])),
    };
    error = checkDecisions(ctx, state, city, tried);
    if (!error) {
      adjusted.push({ field: first.field, rule: `${first.rule}; subsidies scaled to ${Math.round(k * 100)}%` });
      return { decisions: tried, adjusted };
    }
  }
  // Even without subsidies it does not fit: keep only what costs nothing.
  adjusted.push({ field: first.field, rule: `${first.rule}; the city takes no action this round` });
  return { decisions: noDecisions(archived.round), adjusted };
}

function withoutSubsidies(d: Decisions): Decisions {
  return { ...d, subsidies: { ...ZERO }, parkSubsidies: Object.fromEntries(Object.keys(d.parkSubsidies).map((id) => [id, { ...ZERO }])) };
}

/** Play the archived game again with one change; decisions and deals that no longer fit are adjusted and reported. */
export function whatIf(scenario: Scenario, record: GameRecord, change: WhatIf): Replayed | { ok: false; error: InputError } {
  const settings = record.settings;
  // The game's own parameters as its first state holds them: the host's overrides, and for a
  // game of an earlier model version the defaults of then (core/protocol/state.ts upgradeState).
  let params: ParamOverrides = { ...record.initialState.params };
  if ('params' in change) {
    params = { ...params, ...change.params };
    const error = checkOverrides(params);
    if (error) return { ok: false, error };
  }
  if ('withoutDeal' in change && !record.rounds.some((r) => r.deals.some((d) => d.id === change.withoutDeal))) {
    return { ok: false, error: invalid('withoutDeal', `no deal "${change.withoutDeal}" was signed in this game`) };
  }
  // The room's own rules (a founding platform, parks barred) travel in the settings.
  let state = initialState(scenario, { ...gameOptions(settings), params });
  const results: RoundResult[] = [];
  const adjusted: Adjustment[] = [];
  for (const r of record.rounds) {
    const deals: SignedDeal[] = [];
    for (const deal of r.deals) {
      if ('withoutDeal' in change && deal.id === change.withoutDeal) continue;
      // As when it was signed: against the state with the round's earlier deals applied (core/deals).
      const error = checkSigning(scenario, state, deals, r.round, deal.terms);
      if (error) {
        adjusted.push({ round: r.round, city: deal.terms.kind === 'park' ? deal.terms.sponsor : deal.terms.members[0]!, field: `deals.${deal.id}.${error.field}`, rule: `${error.rule}; the deal is left out of this run` });
        continue;
      }
      deals.push(deal);
    }
    const decisions: Record<string, Decisions> = {};
    for (const [city, archived] of Object.entries(r.decisions)) {
      const base = 'withoutSubsidies' in change ? withoutSubsidies(archived) : archived;
      const fitted = fit(scenario, state, city, base);
      decisions[city] = fitted.decisions;
      for (const a of fitted.adjusted) adjusted.push({ round: r.round, city, ...a });
    }
    const out = resolveRound(scenario, state, decisions, { deals, events: r.events });
    if (!out.ok) return { ok: false, error: { ...out.error, round: r.round } };
    results.push(out.result);
    state = out.state;
  }
  return { ok: true, run: { results, finalState: state, adjusted } };
}
