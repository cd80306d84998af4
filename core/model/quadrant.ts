/**
 * The R&D × production quadrants of §3.2, Fig. 5: firms by where they do R&D (a core or the
 * periphery) and where they produce, kept as city pairs, and the diffusion share (§3.3).
 */
import type { FirmPair, Quadrant } from '../protocol/state';
import type { Scenario } from '../scenarios/schema';
import type { ModelContext } from './context';

export function emptyQuadrant(): Quadrant {
  const cell = () => ({ firms: 0, value: 0, profit: 0 });
  return { coreCore: cell(), corePeriphery: cell(), peripheryPeriphery: cell(), peripheryCore: cell() };
}

export function quadrantKey(rdCore: boolean, prodCore: boolean): keyof Quadrant {
  return rdCore ? (prodCore ? 'coreCore' : 'corePeriphery') : prodCore ? 'peripheryCore' : 'peripheryPeriphery';
}

/** Firm pairs from row-major matrices, R&D city by production city, in city order. */
export function pairList(ctx: ModelContext, firms: Float64Array, value: Float64Array): FirmPair[] {
  const cities = ctx.scenario.regions;
  const n = cities.length;
  const out: FirmPair[] = [];
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const k = a * n + b;
      if (firms[k]! > 1e-9) out.push({ rd: cities[a]!.id, prod: cities[b]!.id, firms: firms[k]!, value: value[k]! });
    }
  }
  return out;
}

/** The standing firm pairs after closures, plus this round's new ones. */
export function mergePairs(ctx: ModelContext, old: readonly FirmPair[], keep: number, addedFirms: Float64Array, addedValue: Float64Array): FirmPair[] {
  const n = ctx.scenario.regions.length;
  const firms = Float64Array.from(addedFirms);
  const value = Float64Array.from(addedValue);
  for (const x of old) {
    const k = ctx.cityIndex.get(x.rd)! * n + ctx.cityIndex.get(x.prod)!;
    firms[k]! += x.firms * keep;
    value[k]! += x.value * keep;
  }
  return pairList(ctx, firms, value);
}

/**
 * The standing firms of a game by R&D class × production class (Fig. 5), from the state's
 * firm pairs: what the debrief's quadrant chart shows. Counts and total value added.
 */
export function standingQuadrant(scenario: Scenario, pairs: readonly FirmPair[]): Record<keyof Quadrant, { firms: number; value: number }> {
  const core = new Map(scenario.regions.map((r) => [r.id, r.role === 'core' || r.role === 'second-core']));
  const out = { coreCore: { firms: 0, value: 0 }, corePeriphery: { firms: 0, value: 0 }, peripheryPeriphery: { firms: 0, value: 0 }, peripheryCore: { firms: 0, value: 0 } };
  for (const x of pairs) {
    const cell = out[quadrantKey(core.get(x.rd) ?? false, core.get(x.prod) ?? false)];
    cell.firms += x.firms;
    cell.value += x.value;
  }
  return out;
}

/** Share of the production value of firms with R&D in a core that sits in lagging cities. */
export function diffusionShare(ctx: ModelContext, pairs: readonly FirmPair[]): number {
  let fromCores = 0;
  let diffused = 0;
  for (const x of pairs) {
    const rd = ctx.cityIndex.get(x.rd)!;
    if (!ctx.isCore[rd]) continue;
    fromCores += x.value;
    if (!ctx.isCore[ctx.cityIndex.get(x.prod)!]) diffused += x.value;
  }
  return fromCores > 0 ? diffused / fromCores : 0;
}
