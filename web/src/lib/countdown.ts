/** The open round's time left, on the server's clock (welcome.now gives the offset). */
import type { RoomView } from '../../../core/protocol/room';

export function remainingMs(timer: RoomView['timer'], localNow: number, skew: number): number | null {
  if (!timer) return null;
  if (timer.endsAt === null) return Math.max(0, timer.remainingMs);
  return Math.max(0, timer.endsAt - (localNow + skew));
}

/** m:ss, or h:mm:ss past an hour. */
export function clock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
