/**
 * How many decimals an amount of money (¥100m) is shown with. One decimal suits a province
 * (budgets in the tens and hundreds), but a small region's subsidies are fractions of one
 * (a Spanish province's treasury is 1–20): there a fixed decimal reads 0.0 beside bars of
 * different lengths. Below 1, enough decimals for two significant digits, at most three.
 */
export function moneyDigits(x: number): number {
  const a = Math.abs(x);
  if (a === 0 || a >= 1) return 1;
  return a >= 0.1 ? 2 : 3;
}
