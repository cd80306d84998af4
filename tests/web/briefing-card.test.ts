/**
 * The printed briefings' cards (web/src/lib/briefing-card.ts) and their address
 * (web/src/lib/briefings-link.ts): every suggested park is one the model would accept at the
 * start, with the partner the rule says (most industries in common, then the nearest); the
 * ranks are the cities' order by output and talent; the address carries language and weights.
 */
import { describe, expect, it } from 'vitest';
import { initialState } from '../../core/model';
import { ROLE_RANK } from '../../core/model/context';
import { checkDeal } from '../../core/model/deals';
import { travelMatrix } from '../../core/model/geo';
import { SCORE_PRESETS } from '../../core/model/score';
import type { ParkTerms } from '../../core/protocol/deals';
import { SCENARIOS } from '../../core/scenarios';
import { cityCards } from '../../web/src/lib/briefing-card';
import { briefingsHref, briefingsQuery } from '../../web/src/lib/briefings-link';

/** The paper's terms (§3.1): about 3 km² of quota for 1 km² of space. */
const park = (sponsor: string, host: string, quota: number): ParkTerms => ({
  kind: 'park',
  sponsor,
  host,
  landQuota: Math.min(3, quota),
  space: 1,
  mode: 'mixed',
  statsShare: 0.3,
  taxShare: 0.3,
});

describe.each(SCENARIOS.map((s) => [s.id, s] as const))('cards of %s', (_id, scenario) => {
  const cards = cityCards(scenario);
  const state = initialState(scenario, { seed: 1 });
  const hours = travelMatrix(scenario);
  const at = (id: string) => scenario.regions.findIndex((r) => r.id === id);
  const region = (id: string) => scenario.regions[at(id)]!;

  it('one card per city, in the scenario’s order, ranked by output and by talent', () => {
    expect(cards.map((c) => c.city)).toEqual(scenario.regions.map((r) => r.id));
    for (const c of cards) {
      expect(c.of).toBe(scenario.regions.length);
      expect(c.gdpRank).toBe(1 + scenario.regions.filter((r) => r.gdp > c.region.gdp).length);
      expect(c.talentRank).toBe(1 + scenario.regions.filter((r) => r.factors.talent > c.region.factors.talent).length);
    }
    const first = cards.find((c) => c.gdpRank === 1)!;
    expect(first.region.gdp).toBe(Math.max(...scenario.regions.map((r) => r.gdp)));
  });

  it('every suggested park is one the model accepts at the start', () => {
    for (const c of cards) {
      const m = c.firstMove;
      if (m.kind === 'cap') continue;
      const [sponsor, host] = m.kind === 'sponsor-park' ? [c.city, m.host] : [m.sponsor, c.city];
      expect(checkDeal(scenario, state, park(sponsor, host, region(sponsor).landQuota)), `${sponsor} in ${host}`).toBeNull();
    }
  });

  it('names the partner with the most industries in common, then the nearest', () => {
    for (const c of cards) {
      const m = c.firstMove;
      if (m.kind === 'cap') continue;
      const partner = m.kind === 'sponsor-park' ? m.host : m.sponsor;
      const shared = (id: string) => c.region.strengths.filter((s) => region(id).strengths.includes(s));
      expect(m.shared).toEqual(shared(partner));
      expect(m.hours).toBe(hours[at(c.city)]![at(partner)]);
      const me = ROLE_RANK[c.region.role]!;
      const others = scenario.regions.filter((r) => r.id !== c.city && r.id !== partner);
      const eligible =
        m.kind === 'sponsor-park'
          ? others.filter((r) => (r.role === 'core' || r.role === 'second-core') && ROLE_RANK[r.role]! > me)
          : others.filter((r) => ROLE_RANK[r.role]! === ROLE_RANK[region(partner).role]!);
      for (const r of eligible) {
        const better = shared(r.id).length > m.shared.length || (shared(r.id).length === m.shared.length && hours[at(c.city)]![at(r.id)]! < m.hours);
        expect(better, `${r.id} is a better partner for ${c.city} than ${partner}`).toBe(false);
      }
    }
  });

  it('lagging cities sponsor and cores host; every city has a move', () => {
    for (const c of cards) {
      if (c.region.role === 'periphery' || c.region.role === 'near-core') expect(c.firstMove.kind).toBe('sponsor-park');
      if (c.region.role === 'core' || c.region.role === 'second-core') expect(c.firstMove.kind).toBe('host-park');
    }
  });
});

describe('the briefings’ address', () => {
  it('carries the language, and the weights only when they are not the scorecard', () => {
    expect(briefingsHref('classroom-4', 'zh')).toBe('/briefings/classroom-4?lang=zh');
    expect(briefingsHref('classroom-4', 'es', SCORE_PRESETS.scorecard)).toBe('/briefings/classroom-4?lang=es');
    const regional = briefingsHref('g60-corridor', 'en', SCORE_PRESETS.regional);
    expect(regional).toBe('/briefings/g60-corridor?lang=en&w=1%2C10%2C1%2C1');
    expect(briefingsQuery(regional.slice(regional.indexOf('?')))).toEqual({ lang: 'en', weights: SCORE_PRESETS.regional });
    const custom = { innovation: 2.5, output: 0, budget: 20, region: 0.5 };
    const href = briefingsHref('classroom-8', 'es', custom);
    expect(briefingsQuery(href.slice(href.indexOf('?')))).toEqual({ lang: 'es', weights: custom });
  });

  it('reads a bad language as none and bad weights as the scorecard', () => {
    expect(briefingsQuery('?lang=fr&w=1,2,3')).toEqual({ lang: null, weights: SCORE_PRESETS.scorecard });
    expect(briefingsQuery('?w=1,2,3,21')).toEqual({ lang: null, weights: SCORE_PRESETS.scorecard });
    expect(briefingsQuery('?w=1,x,3,4').weights).toEqual(SCORE_PRESETS.scorecard);
    expect(briefingsQuery('').lang).toBeNull();
  });
});
