/**
 * Output, fiscal balance, environment (docs/model.md "8. Output, fiscal balance,
 * environment"; §2 steps 9–10): subsidies are owed on the factors actually there, hunters
 * included, and a city past its credit limit pays only part; the treasury takes tax and
 * land sales and pays subsidies, land servicing, environment and projects. The regions'
 * next state comes out of this step.
 */
import type { RegionResult, RegionState } from '../../protocol/state';
import { creditLimit } from '../budget';
import { FACTORS, sumVec, zeroVec, type FactorVec } from '../factors';
import { pow } from '../math';
import { paidUnits } from '../subsidies';
import { zeroArr, type RoundFrame } from './frame';
import type { Innovation } from './innovate';
import type { Land } from './land';
import type { Returns } from './returns';
import type { SitedFirms } from './siting';

export interface BudgetInputs {
  land: Land;
  hunters: readonly number[];
  returns: Returns;
  innovation: Innovation;
  sited: SitedFirms;
  /** Industrial base after diffusion, by sector index. */
  industrialBase: readonly (readonly number[])[];
}

export interface Budgets {
  /** The regions' state at the end of the round. */
  regions: RegionState[];
  fiscal: RegionResult['fiscal'][];
  outputParts: RegionResult['outputParts'][];
  /** Per location: the units subsidies are paid on (genuine factors, and hunters as startups). */
  subsidyUnits: FactorVec[];
  /** Per city: subsidies owed, and the share of it paid (1 unless past the credit limit). */
  bills: FactorVec[];
  payRatio: number[];
}

export function settleBudgets(frame: RoundFrame, inputs: BudgetInputs): Budgets {
  const { ctx, p, state, cities, sectors, n, locs, schedule, decisionOf, downturn } = frame;
  const { hunters, returns, innovation, sited, industrialBase } = inputs;
  const { released } = inputs.land;
  const { spaceGranted } = frame.deals;
  const { innovationValue, taxableInnovation, parkTax, cityQ, credited, patents } = innovation;
  const { production, landSales, firmCount, landUsed, transferredKnowledge, transferredPatents, inventionPatents } = sited;
  const subsidyUnits = locs.map((_, j) => paidUnits({ stock: innovation.stock[j]!, hunters: hunters[j]! }));
  const bills = cities.map(() => zeroVec());
  schedule.payers.forEach((list, j) => {
    for (const { payer, rate } of list) for (const f of FACTORS) bills[payer]![f] += rate[f] * subsidyUnits[j]![f];
  });
  const payRatio = zeroArr(n);
  const nextRegions: RegionState[] = [];
  const fiscal: RegionResult['fiscal'][] = [];
  const outputParts: RegionResult['outputParts'][] = [];
  sited.regions.forEach((r, i) => {
    const d = decisionOf(i);
    const baseOutput = r.baseOutput * (1 + p.baseGrowth - downturn * p.downturnDepth);
    const output = baseOutput + innovationValue[i]! + production[i]!;
    const tax = p.taxRate * (baseOutput + production[i]!) + p.taxRate * taxableInnovation[i]!;
    const land = p.landPrice * (released[i]! + spaceGranted[i]!);
    const projects = d.projects.scienceFacility && state.regions[i]!.facility < p.facilityRounds ? p.facilityCost : 0;
    const before = r.treasury + tax + landSales[i]! - land - d.environment - projects;
    const owed = sumVec(bills[i]!);
    const ratio = owed <= 0 ? 1 : Math.min(1, Math.max(0, before + creditLimit(ctx, r)) / owed);
    payRatio[i] = ratio;
    const paid = owed * ratio;
    fiscal.push({ start: r.treasury, tax, parkTax: parkTax[i]!, landSales: landSales[i]!, subsidies: paid, environment: d.environment, land, projects, end: before - paid });
    outputParts.push({ base: baseOutput, innovation: innovationValue[i]!, production: production[i]! });
    // Environment: decays slowly, is rebuilt by investment and sustained by innovation density (step 10).
    const density = pow(Math.max(returns.mass[i]!, 1e-9) / Math.max(ctx.mass0[i]!, 1e-9), p.environmentDensity);
    const environment = Math.min(1000, r.environment * (1 - p.environmentDecay) + p.environmentDecay * cities[i]!.environment * density + p.environmentPerMoney * d.environment);
    nextRegions.push({
      ...r,
      treasury: before - paid,
      knowledge: (1 - p.knowledgeDecay) * r.knowledge + cityQ[i]! + transferredKnowledge[i]!,
      output,
      baseOutput,
      production: production[i]!,
      firms: firmCount[i]!,
      landUsed: r.landUsed + landUsed[i]!,
      environment,
      cumulativeInnovation: r.cumulativeInnovation + credited[i]!,
      patents: r.patents + patents[i]! + transferredPatents[i]!,
      inventionPatents: r.inventionPatents + inventionPatents[i]!,
      industrialBase: Object.fromEntries(sectors.map((s, k) => [s, industrialBase[i]![k]!])),
      subsidiesPaid: paid,
    });
  });
  return { regions: nextRegions, fiscal, outputParts, subsidyUnits, bills, payRatio };
}
