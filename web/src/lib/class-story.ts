/**
 * The comparison debrief of a class of rooms in the reader's language: one sentence per fact
 * of core/classes/compare.ts, from the debrief catalogue's `classStory`. The facts' numbers
 * are the ones the tests recompute from the rooms' records; this only says them. The
 * thresholds for "about the same" are core/classes/compare.ts `factEnglish`'s.
 */
import type { ComparisonFact } from '../../../core/classes/compare';
import type { DebriefMessages } from '../i18n/debrief/en';

export interface Sayer {
  /** A number with this many decimals, in the reader's locale. */
  num: (x: number, digits?: number) => string;
  /** A share 0–1 as a percentage. */
  pct: (x: number) => string;
  /** A list of names. */
  list: (xs: string[]) => string;
  /** A treatment's label by its id. */
  label: (id: string) => string;
}

export function classSentence(fact: ComparisonFact, s: DebriefMessages['classStory'], say: Sayer): string {
  switch (fact.kind) {
    case 'common-rounds':
      return s.commonRounds(fact.round, say.list(fact.ahead));
    case 'breaches':
      return s.breaches(say.label(fact.treatments[0]), fact.value, fact.round, fact.rooms);
    case 'subsidies':
    case 'gini':
    case 'score': {
      const t = say.label(fact.treatments[0]);
      const ref = say.label(fact.treatments[1]);
      const width = fact.spread ? say.num(fact.spread.width, fact.kind === 'score' ? 1 : 2) : '';
      const sentence = main(fact, s, say, t, ref);
      return fact.spread === null ? sentence : sentence + (fact.spread.within ? s.within(width) : s.beyond(width));
    }
  }
}

function main(f: Extract<ComparisonFact, { kind: 'subsidies' | 'gini' | 'score' }>, s: DebriefMessages['classStory'], say: Sayer, t: string, ref: string): string {
  const change = f.change ?? 0;
  switch (f.kind) {
    case 'subsidies': {
      const [value, reference] = [say.num(f.value, 2), say.num(f.reference, 2)];
      if (f.change === null) return s.subsidiesNone(t, ref, f.round, value);
      if (Math.abs(change) < 0.005) return s.subsidiesSame(t, ref, f.round, value);
      return (change < 0 ? s.subsidiesLower : s.subsidiesHigher)(t, ref, f.round, say.pct(Math.abs(change)), value, reference);
    }
    case 'gini': {
      const [value, reference] = [say.num(f.value, 2), say.num(f.reference, 2)];
      if (Math.abs(change) < 0.005) return s.giniSame(t, ref, f.round, value);
      return (change < 0 ? s.giniLower : s.giniHigher)(t, ref, f.round, value, reference);
    }
    case 'score': {
      const [value, reference] = [say.num(f.value, 1), say.num(f.reference, 1)];
      if (Math.abs(change) < 0.05) return s.scoreSame(t, ref, f.round, value);
      return (change < 0 ? s.scoreLower : s.scoreHigher)(t, ref, f.round, say.num(Math.abs(change), 1), value, reference);
    }
  }
}
