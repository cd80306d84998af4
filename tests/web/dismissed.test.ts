/** Alerts put away stay put away on the device (web/src/lib/dismissed.ts). */
import { expect, it } from 'vitest';
import { MAX_DISMISSED, loadDismissed, saveDismissed, type KeptStrings } from '../../web/src/lib/dismissed';

function memory(): KeptStrings {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v) };
}

it('keeps the keys per room and city, and reads them back', () => {
  const s = memory();
  saveDismissed(s, 'K7PM3X', 'hillton', new Set(['offer:d12', 'event:1:downturn']));
  expect(loadDismissed(s, 'K7PM3X', 'hillton')).toEqual(new Set(['offer:d12', 'event:1:downturn']));
  expect(loadDismissed(s, 'K7PM3X', 'seaport').size).toBe(0);
  expect(loadDismissed(s, 'OTHER1', 'hillton').size).toBe(0);
});

it('keeps only the newest keys, and reads nothing from junk or without storage', () => {
  const s = memory();
  saveDismissed(s, 'K7PM3X', 'hillton', new Set(Array.from({ length: MAX_DISMISSED + 10 }, (_, i) => `offer:d${i}`)));
  const back = loadDismissed(s, 'K7PM3X', 'hillton');
  expect(back.size).toBe(MAX_DISMISSED);
  expect(back.has(`offer:d${MAX_DISMISSED + 9}`)).toBe(true);
  expect(back.has('offer:d0')).toBe(false);
  s.setItem('enclave:dismissed:K7PM3X:hillton', '{not json');
  expect(loadDismissed(s, 'K7PM3X', 'hillton').size).toBe(0);
  s.setItem('enclave:dismissed:K7PM3X:hillton', JSON.stringify([1, 'offer:d1', null]));
  expect(loadDismissed(s, 'K7PM3X', 'hillton')).toEqual(new Set(['offer:d1']));
  expect(loadDismissed(null, 'K7PM3X', 'hillton').size).toBe(0);
  expect(() => saveDismissed(null, 'K7PM3X', 'hillton', new Set(['x']))).not.toThrow();
});
