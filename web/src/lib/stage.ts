/**
 * The projector stage (/screen/CODE): which panels the reveal and the debrief step through,
 * and the reveal's numbers for a resolved round, as pure functions of the rounds' results.
 * The host picks the panel (`stage` message, docs/protocol.md "Rounds"); the stage and the
 * host console read the same lists, so "panel 2 of 4" means the same thing on both.
 */
import { FACTORS, type Factor } from '../../../core/model/factors';
import type { RoundResult } from '../../../core/protocol/state';

/** After each round (the review phase): the round's story, one step at a time. */
export const REVEAL_PANELS = ['subsidies', 'movers', 'scores', 'gini'] as const;
export type RevealPanel = (typeof REVEAL_PANELS)[number];

/** At the end: the debrief, one chart at a time; the what-if runs where the host's token is. */
export const DEBRIEF_PANELS = ['story', 'scores', 'arms', 'gini', 'flows', 'quadrant', 'whatif'] as const;
export type DebriefPanel = (typeof DEBRIEF_PANELS)[number];

/** The panels of a phase (none outside review and the end). */
export function panelsOf(phase: string): readonly (RevealPanel | DebriefPanel)[] {
  if (phase === 'review') return REVEAL_PANELS;
  if (phase === 'finished') return DEBRIEF_PANELS;
  return [];
}

/** The panel shown for the host's step: a step past the last shows the last (the room allows up to MAX_STAGE_STEP). */
export function panelAt<P extends string>(panels: readonly P[], step: number): { panel: P; index: number } | null {
  if (!panels.length) return null;
  const index = Math.max(0, Math.min(panels.length - 1, Math.floor(step)));
  return { panel: panels[index]!, index };
}

export interface RevealCity {
  city: string;
  /** Subsidies the city paid this round (¥100m), and the part that went to subsidy hunters. */
  paid: number;
  toHunters: number;
  /** Genuine factors that came in minus those that left, per factor, this round. */
  net: Record<Factor, number>;
  /** Score now and its change this round (points). */
  score: number;
  scoreChange: number;
  /** Innovation credited this round, and its change on the round before (null in round 1). */
  innovation: number;
  innovationChange: number | null;
}

export interface Reveal {
  round: number;
  totalSubsidies: number;
  /** Total subsidies ÷ the round before's (the arms-race index; 1 when none were paid before). */
  growth: number;
  hunterShare: number;
  /** Every city, the biggest payer first. */
  cities: RevealCity[];
  /** Up to three cities whose score rose most this round, and up to three whose fell most. */
  risers: RevealCity[];
  fallers: RevealCity[];
  gini: number;
  giniBefore: number | null;
}

/** The reveal of round `round` (the last one by default), from every result so far. */
export function revealOf(results: readonly RoundResult[], round = results.at(-1)?.round ?? 0): Reveal | null {
  const at = results.findIndex((r) => r.round === round);
  if (at < 0) return null;
  const now = results[at]!;
  const before = at > 0 ? results[at - 1]! : null;
  const cities = now.regions.map((r): RevealCity => {
    const prev = before?.regions.find((x) => x.id === r.id);
    const net = Object.fromEntries(FACTORS.map((f) => [f, r.inflow[f] - r.outflow[f]])) as Record<Factor, number>;
    return {
      city: r.id,
      paid: r.fiscal.subsidies,
      toHunters: r.subsidiesToHunters,
      net,
      score: r.score,
      scoreChange: r.score - (prev?.score ?? 0),
      innovation: r.innovation,
      innovationChange: prev && prev.innovation > 0 ? r.innovation / prev.innovation - 1 : null,
    };
  });
  const byChange = [...cities].sort((a, b) => b.scoreChange - a.scoreChange || a.city.localeCompare(b.city));
  return {
    round: now.round,
    totalSubsidies: now.metrics.totalSubsidies,
    growth: now.metrics.subsidyGrowth,
    hunterShare: now.metrics.hunterSubsidyShare,
    cities: [...cities].sort((a, b) => b.paid - a.paid || a.city.localeCompare(b.city)),
    risers: byChange.filter((c) => c.scoreChange > 0).slice(0, 3),
    fallers: byChange
      .filter((c) => c.scoreChange < 0)
      .reverse()
      .slice(0, 3),
    gini: now.metrics.innovationGini,
    giniBefore: before ? before.metrics.innovationGini : null,
  };
}
