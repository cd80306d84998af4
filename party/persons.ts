/**
 * Per person, not per connection (docs/protocol.md "Per person"): the shell's limits that
 * count a person across all their connections. A message rate bucket belongs to a member
 * token, the host, or (before it says who it is) a connection; a seat token opens at most
 * SEAT_CONNECTIONS screens, the host HOST_CONNECTIONS; one address (the Worker's
 * x-enclave-ip, the platform's client address) opens at most IP_CONNECTIONS connections and
 * IP_SPECTATORS spectators, makes JOIN_BURST joins and then one per JOIN_EVERY_MS, and must
 * ask the host to join for KICK_COOLDOWN_MS after one of its members was kicked. The room takes at most
 * `maxSpectators` spectators in all. With no address (local mode) the per-address limits
 * are off; the per-token ones hold. Pure functions over what the shell knows of its connections.
 */
import type { InputError } from '../core/protocol/validate';
import { refusal } from '../core/protocol/refusals';

export const SEAT_CONNECTIONS = 4;
export const HOST_CONNECTIONS = 8;
export const IP_CONNECTIONS = 150;
export const IP_SPECTATORS = 50;
export const JOIN_BURST = 20;
export const JOIN_EVERY_MS = 3000;
export const KICK_COOLDOWN_MS = 5 * 60_000;
/** Spectators in one room by default (ROOM_MAX_SPECTATORS overrides it). */
export const MAX_SPECTATORS = 500;

/** What the shell keeps of a connection: its address, and who it is once it said hello. */
export interface Person {
  ip: string | null;
  role: 'new' | 'host' | 'player' | 'spectator';
  member?: string;
}

/** Whose rate bucket a message spends: the host's, a member's, or this connection's. */
export function bucketKey(p: Person, connection: string): string {
  if (p.role === 'host') return 'host';
  if (p.role === 'player' && p.member) return `m:${p.member}`;
  return `c:${connection}`;
}

/** A new connection from `ip`, given the others open: refused past the address's cap. */
export function connectRefusal(others: readonly Person[], ip: string | null): InputError | null {
  if (!ip) return null;
  const mine = others.filter((o) => o.ip === ip).length;
  return mine >= IP_CONNECTIONS ? refusal('(room)', 'network-connections', { max: IP_CONNECTIONS }) : null;
}

/** A connection about to become `who` (after hello), given the others: refused past the person's, address's or room's cap. */
export function helloRefusal(others: readonly Person[], who: Person, maxSpectators = MAX_SPECTATORS): InputError | null {
  if (who.role === 'host' && others.filter((o) => o.role === 'host').length >= HOST_CONNECTIONS) {
    return refusal('(room)', 'host-screens', { max: HOST_CONNECTIONS });
  }
  if (who.role === 'player' && others.filter((o) => o.role === 'player' && o.member === who.member).length >= SEAT_CONNECTIONS) {
    return refusal('(room)', 'seat-screens', { max: SEAT_CONNECTIONS });
  }
  if (who.role === 'spectator') {
    const spectators = others.filter((o) => o.role === 'spectator');
    if (who.ip && spectators.filter((o) => o.ip === who.ip).length >= IP_SPECTATORS) {
      return refusal('(room)', 'network-spectators', { max: IP_SPECTATORS });
    }
    if (spectators.length >= maxSpectators) return refusal('(room)', 'spectators-full', { max: maxSpectators });
  }
  return null;
}

/** Joins one address may still make: JOIN_BURST, refilled one per JOIN_EVERY_MS. */
export interface JoinBucket {
  tokens: number;
  at: number;
}

export function admitJoin(bucket: JoinBucket | undefined, now: number): { bucket: JoinBucket; admit: boolean; waitMs: number } {
  const last = bucket ?? { tokens: JOIN_BURST, at: now };
  const tokens = Math.min(JOIN_BURST, last.tokens + (now - last.at) / JOIN_EVERY_MS);
  if (tokens >= 1) return { admit: true, bucket: { tokens: tokens - 1, at: now }, waitMs: 0 };
  return { admit: false, bucket: { tokens, at: now }, waitMs: Math.ceil((1 - tokens) * JOIN_EVERY_MS) };
}

/** The refusal of a join from an address past its join rate, or null. */
export function joinRefusal(ip: string | null, bucket: ReturnType<typeof admitJoin>): InputError | null {
  if (!ip || bucket.admit) return null;
  return refusal('(rate)', 'join-rate', { seconds: Math.ceil(bucket.waitMs / 1000) });
}

/**
 * After a kick, joins from the kicked member's address (or, with no address, the kicked
 * member's own connections) must be approved by the host for KICK_COOLDOWN_MS: refusing
 * them outright would lock out a whole class behind one school NAT.
 */
export function mustAsk(ip: string | null, kicked: ReadonlyMap<string, number>, now: number): boolean {
  const until = ip ? kicked.get(ip) : undefined;
  return until !== undefined && until > now;
}
