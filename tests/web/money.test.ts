import { expect, it } from 'vitest';
import { moneyDigits } from '../../web/src/lib/money';

it('shows a small amount with two significant digits, never as 0.0, and a large one with one decimal', () => {
  const shown = (x: number) => x.toFixed(moneyDigits(x));
  expect([0, 0.004, 0.04, 0.4, 4, 40, 400].map(shown)).toEqual(['0.0', '0.004', '0.040', '0.40', '4.0', '40.0', '400.0']);
  expect(shown(-0.04)).toBe('-0.040');
  for (const x of [0.0012, 0.012, 0.12]) expect(Number(shown(x))).toBeGreaterThan(0);
});
