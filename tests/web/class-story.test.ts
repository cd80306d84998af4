/**
 * The comparison debrief in three languages (web/src/lib/class-story.ts): every fact of a
 * class's comparison becomes one sentence with its numbers in each catalogue, and the English
 * one says what core's English renderer says for the export.
 */
import { describe, expect, it } from 'vitest';
import { compareRooms, factEnglish, type ComparisonFact } from '../../core/classes/compare';
import en from '../../web/src/i18n/debrief/en';
import es from '../../web/src/i18n/debrief/es';
import zh from '../../web/src/i18n/debrief/zh';
import { classSentence, type Sayer } from '../../web/src/lib/class-story';
import { behind, playRoom } from '../classes/fixture';

const rooms = [
  playRoom('BASE01', { kind: 'baseline' }, 11),
  playRoom('PLAT01', { kind: 'platform-cap', cap: 0.2 }, 11),
  playRoom('BASE02', { kind: 'baseline' }, 12),
  behind(playRoom('PLAT02', { kind: 'platform-cap', cap: 0.2 }, 12, { keepCap: true }), 3),
];
const comparison = compareRooms(rooms);
const label = (id: string) => comparison.treatments.find((t) => t.id === id)!.label;
const say: Sayer = { num: (x, d = 1) => x.toFixed(d), pct: (x) => `${Math.round(x * 100)}%`, list: (xs) => xs.join(', '), label };

describe('the comparison said in three languages', () => {
  it('has a sentence for every kind of fact the comparison gave', () => {
    expect(new Set(comparison.facts.map((f) => f.kind))).toEqual(new Set(['common-rounds', 'subsidies', 'gini', 'score', 'breaches']));
  });

  for (const [lang, catalogue] of [['en', en], ['zh', zh], ['es', es]] as const) {
    it(`${lang}: every fact with its round and numbers, nothing left blank`, () => {
      for (const fact of comparison.facts) {
        const text = classSentence(fact, catalogue.classStory, say);
        expect(text).not.toMatch(/undefined|NaN|\[object/);
        expect(text).toContain(String(fact.round));
        if (fact.kind === 'subsidies') expect(text).toContain(fact.value.toFixed(2));
        if (fact.kind === 'breaches') expect(text).toContain(String(fact.value));
      }
    });
  }

  it('says in English what the export says, for the subsidies and the rooms compared', () => {
    const pick = (kind: ComparisonFact['kind']) => comparison.facts.find((f) => f.kind === kind)!;
    for (const kind of ['subsidies', 'common-rounds', 'breaches'] as const) {
      expect(classSentence(pick(kind), en.classStory, say)).toBe(factEnglish(pick(kind), label));
    }
  });
});
