/** Scenario data (city names, profiles) fetched once per page. */
import type { Scenario } from '../../../core/scenarios/schema';
import { getScenario } from './api';

const cache = new Map<string, Promise<Scenario>>();

export function scenario(id: string): Promise<Scenario> {
  let p = cache.get(id);
  if (!p) {
    p = getScenario(id);
    cache.set(id, p);
    p.catch(() => cache.delete(id));
  }
  return p;
}

export function cityName(s: Scenario | null, id: string): string {
  return s?.regions.find((r) => r.id === id)?.name.en ?? id;
}
