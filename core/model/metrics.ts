/**
 * Region-wide measures (docs/model.md "Results"): inequality of innovation and output per head
 * (the Matthew effect of §1.2), and the arms-race index.
 */

/**
 * Population-weighted Gini coefficient of per-head values: 0 when every person lives
 * where the value per head is the same, towards 1 when one city holds it all.
 */
export function gini(values: readonly number[], weights: readonly number[]): number {
  let wSum = 0;
  let mean = 0;
  for (let i = 0; i < values.length; i++) {
    wSum += weights[i]!;
    mean += weights[i]! * values[i]!;
  }
  if (wSum <= 0 || mean <= 0) return 0;
  mean /= wSum;
  let diff = 0;
  for (let i = 0; i < values.length; i++) {
    for (let j = 0; j < values.length; j++) {
      diff += weights[i]! * weights[j]! * Math.abs(values[i]! - values[j]!);
    }
  }
  return Math.min(1, Math.max(0, diff / (2 * wSum * wSum * mean)));
}

/**
 * Population-weighted Theil index T of per-head values: Σ (w_i/W)·(x_i/μ)·ln(x_i/μ). 0 when
 * equal, ln(W/w_min) at most; unlike the Gini it splits into within- and between-group parts.
 */
export function theil(values: readonly number[], weights: readonly number[]): number {
  let wSum = 0;
  let mean = 0;
  for (let i = 0; i < values.length; i++) {
    wSum += weights[i]!;
    mean += weights[i]! * Math.max(values[i]!, 0);
  }
  if (wSum <= 0 || mean <= 0) return 0;
  mean /= wSum;
  let t = 0;
  for (let i = 0; i < values.length; i++) {
    const r = Math.max(values[i]!, 0) / mean;
    if (r > 0) t += (weights[i]! / wSum) * r * Math.log(r);
  }
  return Math.max(0, t);
}

/** Lorenz curve points (population share, value share) of per-head values, from 0,0 to 1,1. */
export function lorenz(values: readonly number[], weights: readonly number[]): [number, number][] {
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const wSum = weights.reduce((s, w) => s + w, 0);
  const vSum = values.reduce((s, x, i) => s + x * weights[i]!, 0);
  const points: [number, number][] = [[0, 0]];
  let w = 0;
  let x = 0;
  for (const i of order) {
    w += weights[i]!;
    x += values[i]! * weights[i]!;
    points.push([wSum > 0 ? w / wSum : 0, vSum > 0 ? x / vSum : 0]);
  }
  return points;
}
