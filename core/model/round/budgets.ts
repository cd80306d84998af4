/**
 * Output, fiscal balance, environment (docs/model.md "8. Output, fiscal balance,
 * environment"; §2 steps 9–10): subsidies are owed on the round's newcomers, hunters
 * included (../subsidies.ts `owedUnits`, §4.1), and a city past its credit limit pays only
 * part; the treasury takes tax, provincial support for hosting parks and land sales, and pays
 * subsidies, land released, environment, projects and the parks it runs; a share of what is
 * left unspent returns to the general budget, so no treasury grows without bound. Innovation
 * done in a city leaves lasting output there (§1.2). The regions' next state comes out of
 * this step, with the running totals the score compares with the baseline.
 */
import type { RegionResult, RegionState } from '../../protocol/state';
import { creditLimit } from '../budget';
import { FACTORS, sumVec, zeroVec, type FactorVec } from '../factors';
import { pow } from '../math';
import { owedUnits } from '../subsidies';
import { zeroArr, type RoundFrame } from './frame';
import type { Innovation } from './innovate';
import type { Land } from './land';
import type { Moves } from './moves';
import type { Returns } from './returns';
import type { SitedFirms } from './siting';

export interface BudgetInputs {
  land: Land;
  moves: Moves;
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
  /** Per location and payer (in the schedule's order): the units that payer's subsidy is owed on. */
  owed: FactorVec[][];
  /** Per city: subsidies owed, and the share of it paid (1 unless past the credit limit). */
  bills: FactorVec[];
  payRatio: number[];
}

export interface SubsidyBills {
  /** Per location and payer (in the schedule's order): the units that payer's subsidy is owed on. */
  owed: FactorVec[][];
  /** Per city: subsidies owed, both sides. */
  bills: FactorVec[];
  /** Per city: of its bill, what it owes as a park's sponsor. */
  asSponsor: number[];
}

/**
 * Subsidies owed this round (§4.1): each payer's rate on the units it owes at each
 * location. What a city is charged here, and what a player's budget check projects
 * (../spending.ts), so the two cannot drift apart.
 */
export function subsidyBills(frame: Pick<RoundFrame, 'p' | 'n' | 'schedule'>, moves: Pick<Moves, 'arrivals' | 'newcomers'>, hunters: readonly number[]): SubsidyBills {
  const { p, n, schedule } = frame;
  const { arrivals, newcomers } = moves;
  const owed = schedule.payers.map((list, j) => list.map(({ side }) => owedUnits(side, arrivals[j]!, newcomers[j]!, hunters[j]!, p.subsidyRounds)));
  const bills = Array.from({ length: n }, zeroVec);
  const asSponsor = zeroArr(n);
  schedule.payers.forEach((list, j) => {
    list.forEach(({ payer, rate, side }, k) => {
      for (const f of FACTORS) {
        const x = rate[f] * owed[j]![k]![f];
        bills[payer]![f] += x;
        if (side === 'sponsor') asSponsor[payer]! += x;
      }
    });
  });
  return { owed, bills, asSponsor };
}

/** Park space each city hosts and sponsors this round, km². */
export function parkSpace(frame: Pick<RoundFrame, 'ctx' | 'n' | 'agreements'>): { hosted: number[]; sponsored: number[] } {
  const hosted = zeroArr(frame.n);
  const sponsored = zeroArr(frame.n);
  for (const pk of frame.agreements.parks) {
    hosted[frame.ctx.cityIndex.get(pk.host)!]! += pk.space;
    sponsored[frame.ctx.cityIndex.get(pk.sponsor)!]! += pk.space;
  }
  return { hosted, sponsored };
}

/** What city `i` spends this round besides subsidies: land released and granted to parks, projects, running the parks it sponsors. */
export function oneOffSpending(frame: RoundFrame, land: Land, sponsored: readonly number[], i: number): { land: number; environment: number; projects: number; parkCosts: number } {
  const { p, state } = frame;
  const d = frame.decisionOf(i);
  return {
    land: p.landPrice * (land.released[i]! + frame.deals.spaceGranted[i]!) + p.spacePrice * land.space[i]!,
    environment: d.environment,
    projects: d.projects.scienceFacility && state.regions[i]!.facility < p.facilityRounds ? p.facilityCost : 0,
    parkCosts: p.parkRunningCost * sponsored[i]!,
  };
}

export function settleBudgets(frame: RoundFrame, inputs: BudgetInputs): Budgets {
  const { ctx, p, cities, sectors, n, decisionOf, downturn } = frame;
  const { hunters, returns, innovation, sited, industrialBase } = inputs;
  const { innovationValue, taxableInnovation, parkTax, cityQ, credited, patents } = innovation;
  const { production, landSales, firmCount, landUsed, transferredKnowledge, transferredPatents, inventionPatents } = sited;
  const { owed, bills } = subsidyBills(frame, inputs.moves, hunters);
  const { hosted, sponsored } = parkSpace(frame);
  const payRatio = zeroArr(n);
  const nextRegions: RegionState[] = [];
  const fiscal: RegionResult['fiscal'][] = [];
  const outputParts: RegionResult['outputParts'][] = [];
  sited.regions.forEach((r, i) => {
    const d = decisionOf(i);
    const baseOutput = r.baseOutput * (1 + p.baseGrowth - downturn * p.downturnDepth);
    const output = baseOutput + innovationValue[i]! + production[i]!;
    const tax = p.taxRate * (baseOutput + production[i]!) + p.taxRate * taxableInnovation[i]!;
    const support = p.counterpartSupport * hosted[i]!;
    const { land, projects, parkCosts } = oneOffSpending(frame, inputs.land, sponsored, i);
    const before = r.treasury + tax + support + landSales[i]! - land - d.environment - projects - parkCosts;
    const bill = sumVec(bills[i]!);
    const ratio = bill <= 0 ? 1 : Math.min(1, Math.max(0, before + creditLimit(ctx, r)) / bill);
    payRatio[i] = ratio;
    const paid = bill * ratio;
    const unspent = before - paid;
    // Use it or lose part of it: what is left over partly returns to the general budget.
    const returned = unspent > 0 ? (1 - p.budgetCarryover) * unspent : 0;
    fiscal.push({
      start: r.treasury,
      tax,
      parkTax: parkTax[i]!,
      support,
      landSales: landSales[i]!,
      subsidies: paid,
      environment: d.environment,
      land,
      projects,
      parkCosts,
      returned,
      end: unspent - returned,
    });
    outputParts.push({ base: baseOutput, innovation: innovationValue[i]!, production: production[i]! });
    // Environment: decays slowly, is rebuilt by investment and sustained by innovation density (step 10).
    const density = pow(Math.max(returns.mass[i]!, 1e-9) / Math.max(ctx.mass0[i]!, 1e-9), p.environmentDensity);
    const environment = Math.min(1000, r.environment * (1 - p.environmentDecay) + p.environmentDecay * cities[i]!.environment * density + p.environmentPerMoney * d.environment);
    nextRegions.push({
      ...r,
      treasury: unspent - returned,
      knowledge: (1 - p.knowledgeDecay) * r.knowledge + cityQ[i]! + transferredKnowledge[i]!,
      output,
      // Innovation done here (parks in the city included, whoever books it) leaves lasting output here (§1.2).
      baseOutput: baseOutput + p.innovationGrowth * p.innovationToOutput * cityQ[i]! * innovation.absorb[i]!,
      production: production[i]!,
      firms: firmCount[i]!,
      landUsed: r.landUsed + landUsed[i]!,
      environment,
      cumulativeInnovation: r.cumulativeInnovation + credited[i]!,
      cumulativeOutput: r.cumulativeOutput + output,
      // The round's fiscal result, before anything returns to the general budget: what the score's budget part counts.
      cumulativeBalance: r.cumulativeBalance + unspent - r.treasury,
      cumulativeRevenue: r.cumulativeRevenue + tax + support + landSales[i]!,
      patents: r.patents + patents[i]! + transferredPatents[i]!,
      inventionPatents: r.inventionPatents + inventionPatents[i]!,
      industrialBase: Object.fromEntries(sectors.map((s, k) => [s, industrialBase[i]![k]!])),
      subsidiesPaid: paid,
    });
  });
  return { regions: nextRegions, fiscal, outputParts, owed, bills, payRatio };
}
