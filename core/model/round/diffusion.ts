/**
 * Diffusion into industrial bases (docs/model.md "7. … diffusion"; §3.3, §4.3): new firms
 * raise the base of their sector and of related sectors where they produce, in proportion
 * to the value they add; a technology-trading platform between R&D city and plant makes it
 * go further.
 */
import type { RoundFrame } from './frame';
import type { Innovation } from './innovate';
import type { SitedFirms } from './siting';

/** Each city's industrial base for next round, by sector index. */
export function diffuse(frame: RoundFrame, innovation: Innovation, sited: SitedFirms): number[][] {
  const { ctx, p, n, tradesTechnology } = frame;
  const { cohorts, siting, regions } = sited;
  const newBase = innovation.base.map((b) => b.slice());
  const spread = (k: number, r: number, addedValue: number) => {
    const c = cohorts[k]!;
    const trading = r !== c.rd && tradesTechnology(c.rd, r) ? 1 + p.techTrading : 1;
    const gain = (p.baseGain * addedValue * trading) / Math.max(regions[r]!.output, 1e-9);
    newBase[r]![c.sector]! += gain;
    for (const s of ctx.related[c.sector]!) newBase[r]![s]! += gain * p.relatedShare;
  };
  for (let k = 0; k < cohorts.length; k++) {
    for (let r = 0; r < n; r++) {
      const count = siting.placed[k * n + r]!;
      if (count > 0) spread(k, r, count * siting.value[k * n + r]!);
    }
    if (siting.stayed[k]! > 0) spread(k, cohorts[k]!.rd, siting.stayed[k]! * siting.stayValue[k]!);
  }
  return newBase;
}
