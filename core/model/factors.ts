/**
 * The mobile innovation factors of the paper (§1.1, note ①): talent, startups (firms in
 * incubation) and capital. Talent is the stickiest, capital the most footloose.
 */
export const FACTORS = ['talent', 'startups', 'capital'] as const;
export type Factor = (typeof FACTORS)[number];

/** One number per factor. */
export type FactorVec = Record<Factor, number>;

export const zeroVec = (): FactorVec => ({ talent: 0, startups: 0, capital: 0 });

/** One value per factor, computed by `f` (numbers by default). */
export const mapVec = <T = number>(f: (factor: Factor) => T): Record<Factor, T> => ({
  talent: f('talent'),
  startups: f('startups'),
  capital: f('capital'),
});

export const sumVec = (v: FactorVec): number => v.talent + v.startups + v.capital;
