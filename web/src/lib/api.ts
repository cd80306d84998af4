/** Calls to the worker's HTTP API (docs/protocol.md, docs/data.md), errors as {field, rule}. */
import type { ApiError, CreateGameResponse, GameSettingsInput } from '../../../core/protocol/api';
import type { CsvFile, GameSummary } from '../../../core/protocol/archive';
import type { GameRecord } from '../../../core/protocol/record';
import type { RoundResult } from '../../../core/protocol/state';
import type { Scenario } from '../../../core/scenarios/schema';
import type { SeatSummary } from '../../../core/scenarios/seat-odds';
import type { RegionCreated, RegionDeleted, RegionRenamed, RegionSummary, StoredRegion } from '../../../core/protocol/regions';

export interface ScenarioSummary {
  id: string;
  title: Scenario['title'];
  summary: Scenario['summary'];
  cities: number;
  /** How even a built-in map's seats are, as measured (core/scenarios/seat-odds.ts). */
  seats?: SeatSummary;
}

/**
 * A refusal from the API: the field, its code and arguments (core/protocol/refusals.ts; said in
 * the reader's language by RuleText.svelte), the rule in English, and the HTTP status. No
 * code: the network failed, or a server from before codes.
 */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly field: string,
    readonly rule: string,
    readonly code: string | null = null,
    readonly args: unknown = null,
  ) {
    super(`${field}: ${rule}`);
  }
}

/** The failure an error answer's body describes. */
export function failureOf(status: number, body: unknown): ApiFailure {
  const error = (body as ApiError | null)?.error;
  return new ApiFailure(status, error?.field ?? '(server)', error?.rule ?? `request failed (${status})`, error?.code ?? null, error?.args ?? null);
}

export async function call<T>(path: string, init: RequestInit = {}, token?: string): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers: { ...headers, ...(init.headers as Record<string, string> | undefined) } });
  } catch {
    throw new ApiFailure(0, '(network)', 'the server cannot be reached');
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw failureOf(response.status, body);
  return body as T;
}

/** `joinOrigin`: the address phones reach when the page was opened on localhost (null: use the page's own). */
export const health = () => call<{ ok: boolean; model: string; protocol: number; joinOrigin: string | null }>('/api/health');
export const listScenarios = () => call<ScenarioSummary[]>('/api/scenarios');
export const getScenario = (id: string) => call<Scenario>(`/api/scenarios/${encodeURIComponent(id)}`);
export const createGame = (settings: GameSettingsInput, hostToken: string) =>
  call<CreateGameResponse>('/api/games', { method: 'POST', body: JSON.stringify({ settings, hostToken }) });

// A facilitator's own regions (docs/scenarios.md "Hosting a game on your region").
export type { RegionCreated, RegionDeleted, RegionSummary, StoredRegion } from '../../../core/protocol/regions';
/** Store a checked sheet (and travel sheet) under the device's host token; answers the region with its `sheet-` id. */
export const uploadRegion = (sheet: string, travel: string, hostToken: string, title = '') =>
  call<RegionCreated>('/api/regions', { method: 'POST', body: JSON.stringify({ sheet, ...(travel.trim() ? { travel } : {}), hostToken, ...(title.trim() ? { title: title.trim() } : {}) }) });
export const getRegion = (id: string) => call<StoredRegion>(`/api/regions/${encodeURIComponent(id)}`);
export const listRegions = (token: string) => call<RegionSummary[]>('/api/regions', {}, token);
export const deleteRegion = (id: string, token: string) => call<RegionDeleted>(`/api/regions/${encodeURIComponent(id)}`, { method: 'DELETE' }, token);
export const renameRegion = (id: string, title: string, token: string) => call<RegionRenamed>(`/api/regions/${encodeURIComponent(id)}`, { method: 'PATCH', body: JSON.stringify({ title }) }, token);

// The archive (docs/data.md): a host's games, with the host token. Its shapes are the worker's
// own (core/protocol/archive.ts).
export { CSV_FILES, type CsvFile, type GameSummary } from '../../../core/protocol/archive';
/** A share link as the archive lists it: its token is shown once, when it is made. */
export interface ShareLink {
  shareId: string;
  anonymous: boolean;
  createdAt: string;
  revokedAt: string | null;
}
export interface NewShare {
  token: string;
  shareId: string;
  path: string;
}

const game = (id: string) => `/api/archive/games/${encodeURIComponent(id)}`;
export const listGames = (token: string) => call<GameSummary[]>('/api/archive/games', {}, token);
export const loadGame = (id: string, token: string) => call<GameRecord>(game(id), {}, token);
export const deleteGame = (id: string, token: string) => call<{ deleted: string }>(game(id), { method: 'DELETE' }, token);
export const listShares = (id: string, token: string) => call<ShareLink[]>(`${game(id)}/shares`, {}, token);
export const createShare = (id: string, anonymous: boolean, token: string) =>
  call<NewShare>(`${game(id)}/shares`, { method: 'POST', body: JSON.stringify({ anonymous }) }, token);
export const revokeShare = (id: string, share: string, token: string) =>
  call<{ revoked: string }>(`${game(id)}/shares/${encodeURIComponent(share)}`, { method: 'DELETE' }, token);
export const loadShared = (shareToken: string) => call<GameRecord>(`/api/shared/${shareToken}`);

/** Where an export lives: the host's route (needs the token) or a share link's (needs nothing). */
export function exportPath(source: { gameId: string } | { shareToken: string }, file: 'json' | CsvFile): string {
  const base = 'shareToken' in source ? `/api/shared/${source.shareToken}` : game(source.gameId);
  return file === 'json' ? `${base}/export.json` : `${base}/export/${file}.csv`;
}

// "What if": the archive replays a game with one change (issue 6).
export type WhatIfChange = { params: Record<string, number> } | { withoutDeal: string } | { withoutSubsidies: true };
export interface WhatIfAnswer {
  original: { results: RoundResult[] };
  variant: { results: RoundResult[]; adjusted: { round: number; city: string; field: string; rule: string }[] };
}
export const whatIf = (id: string, change: WhatIfChange, token: string) =>
  call<WhatIfAnswer>(`${game(id)}/what-if`, { method: 'POST', body: JSON.stringify(change) }, token);

