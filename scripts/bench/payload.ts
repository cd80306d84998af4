/**
 * What a resolution weighs for each viewer, from the frames a client really received: each
 * message raw and gzipped (what permessage-deflate, which browsers negotiate, roughly sends),
 * and what protocol 2 would have sent for the same round (every result again, the state
 * inside the view).
 */
import { gzipSync } from 'node:zlib';
import type { RoundResult } from '../../core/protocol/state';

export interface Size {
  raw: number;
  gz: number;
}

const size = (text: string): Size => ({ raw: Buffer.byteLength(text), gz: gzipSync(text).length });

export interface RoundPayload {
  round: number;
  /** Protocol 3, the messages of one resolution. */
  results: Size;
  state: Size;
  /** The largest seat view, the spectator view and the host view. */
  seatView: Size;
  spectatorView: Size;
  hostView: Size;
  /** Protocol 2 for the same round: every result so far, and a view with the state in it. */
  v2Results: Size;
  v2SeatView: Size;
}

/** Frame texts of one resolution per role: results, state and view (in any order). */
export interface ResolutionFrames {
  seats: string[][];
  spectator: string[];
  host: string[];
}

const find = (frames: string[], type: string) => frames.find((f) => f.startsWith(`{"type":"${type}"`))!;
const largest = (xs: Size[]) => xs.reduce((a, b) => (b.raw > a.raw ? b : a));

export function payloads(resolutions: ResolutionFrames[]): RoundPayload[] {
  const all: RoundResult[] = [];
  return resolutions.map((r) => {
    const results = find(r.spectator, 'results');
    const state = find(r.spectator, 'state');
    const message = JSON.parse(results) as { from: number; results: RoundResult[] };
    all.splice(message.from, Infinity, ...message.results);
    const stateBody = (JSON.parse(state) as { state: unknown }).state;
    const v2View = (view: string) => {
      const parsed = JSON.parse(view) as { view: Record<string, unknown> };
      return JSON.stringify({ type: 'view', view: { ...parsed.view, state: stateBody } });
    };
    const seatViews = r.seats.map((fs) => find(fs, 'view'));
    return {
      round: all.length,
      results: size(results),
      state: size(state),
      seatView: largest(seatViews.map(size)),
      spectatorView: size(find(r.spectator, 'view')),
      hostView: size(find(r.host, 'view')),
      v2Results: size(JSON.stringify({ type: 'results', results: all })),
      v2SeatView: largest(seatViews.map((v) => size(v2View(v)))),
    };
  });
}

/** A view sent during a round (a seat submitted): protocol 3, and protocol 2 with the state in it. */
export function midRoundView(view: string, state: string): { v3: Size; v2: Size } {
  const parsed = JSON.parse(view) as { view: Record<string, unknown> };
  const stateBody = (JSON.parse(state) as { state: unknown }).state;
  return { v3: size(view), v2: size(JSON.stringify({ type: 'view', view: { ...parsed.view, state: stateBody } })) };
}
