/** Calls to the worker's HTTP API, with its errors turned into readable text. */
import type { ApiError, CreateGameResponse, GameSettingsInput } from '../../../core/protocol/api';
import type { Scenario } from '../../../core/scenarios/schema';

export interface ScenarioSummary {
  id: string;
  title: Scenario['title'];
  summary: Scenario['summary'];
  cities: number;
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: { 'content-type': 'application/json', ...init?.headers },
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as ApiError | null)?.error;
    throw new Error(error ? `${error.field}: ${error.rule}` : `request failed (${response.status})`);
  }
  return body as T;
}

export const listScenarios = () => call<ScenarioSummary[]>('/api/scenarios');
export const getScenario = (id: string) => call<Scenario>(`/api/scenarios/${encodeURIComponent(id)}`);
export const createGame = (settings: GameSettingsInput) =>
  call<CreateGameResponse>('/api/games', { method: 'POST', body: JSON.stringify({ settings }) });
