/**
 * How series look: a colour (dark enough for 3:1 against white, WCAG 1.4.11), a dash
 * pattern and a marker shape, so two lines never differ by colour alone.
 */
import type { Point } from './series';

export interface LineSeries {
  id: string;
  label: string;
  points: Point[];
  total?: boolean;
  highlight?: boolean;
}

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross' | 'plus' | 'star';

const COLOURS = ['#0b61a4', '#b34700', '#00734f', '#9c2f72', '#5c5c00', '#6a3d9a', '#9b1c1c', '#00607a', '#7a4a00', '#3b3b3b', '#2f6b00', '#8a2be2'];
const DASHES = ['', '6 3', '2 3', '10 4 2 4', '1 4', '12 3 3 3', '8 2', '4 4', '14 4', '3 6', '6 2 2 2', '2 2'];
const MARKERS: MarkerShape[] = ['circle', 'square', 'triangle', 'diamond', 'cross', 'plus', 'star'];

export function styleOf(i: number, total = false): { colour: string; dash: string; marker: MarkerShape } {
  if (total) return { colour: '#111827', dash: '', marker: 'square' };
  return { colour: COLOURS[i % COLOURS.length]!, dash: DASHES[i % DASHES.length]!, marker: MARKERS[i % MARKERS.length]! };
}

/**
 * End-of-line labels pushed apart so they never overlap: sorted by height, each at least
 * `gap` below the one above, then shifted back up if the last ran past the bottom.
 */
export function spreadLabels(labels: readonly { id: string; y: number }[], gap: number, top: number, bottom: number): { id: string; y: number }[] {
  const sorted = [...labels].sort((a, b) => a.y - b.y).map((l) => ({ ...l }));
  for (let i = 0; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    sorted[i]!.y = Math.max(sorted[i]!.y, prev ? prev.y + gap : top);
  }
  const overflow = (sorted.at(-1)?.y ?? 0) - bottom;
  if (overflow > 0) {
    for (let i = sorted.length - 1; i >= 0; i--) {
      const next = sorted[i + 1];
      sorted[i]!.y = Math.min(sorted[i]!.y - overflow, next ? next.y - gap : bottom);
    }
  }
  return sorted;
}
