/** Scenario data (city names, profiles, map, events) fetched once per page. */
import type { Scenario } from '../../../core/scenarios/schema';
import { getScenario } from './api';
import type { Lang } from './i18n.svelte';

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

/** A city's (or a park's) name in a language; parks are named after sponsor and host. */
export function cityName(s: Scenario | null, id: string, lang: Lang): string {
  const region = s?.regions.find((r) => r.id === id);
  if (region) return region.name[lang];
  return id;
}

export function eventTitle(s: Scenario | null, id: string, lang: Lang): string {
  return s?.events.find((e) => e.id === id)?.title[lang] ?? id;
}

/**
 * Names for every place a result can mention: cities, parks (`park-<sponsor>-<host>`), and
 * the world outside the map (the last id of a flow matrix).
 */
export function placeNamer(
  s: Scenario | null,
  lang: Lang,
  words: { parkName: (sponsor: string, host: string) => string; outside: string },
): (id: string) => string {
  const names = new Map(s?.regions.map((r) => [r.id, r.name[lang]]) ?? []);
  return (id: string) => {
    const city = names.get(id);
    if (city) return city;
    if (id === 'outside') return words.outside;
    if (id.startsWith('park-')) {
      const rest = id.slice(5);
      for (const [sponsor, sponsorName] of names) {
        if (rest.startsWith(`${sponsor}-`) && names.has(rest.slice(sponsor.length + 1))) {
          return words.parkName(sponsorName, names.get(rest.slice(sponsor.length + 1))!);
        }
      }
    }
    return id;
  };
}
