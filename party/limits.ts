/**
 * Per-connection message rate limit: a token bucket. A connection may send a burst of
 * BURST messages, then RATE a second (a team's draft edits are debounced by the client,
 * so a person never comes near it). Over the limit, a message is refused with a reason,
 * and only the first refusal of a flood gets a reply, so a flood cannot make the room
 * talk back as fast as it is hit. A flood lasts until the sender has been quiet for about a
 * second (the bucket holds a second's worth again): the odd message the refill lets through
 * mid-flood does not start a new one, or a slow room would answer a flood several times.
 */
export const BURST = 30;
export const RATE_PER_SECOND = 10;

export interface Bucket {
  tokens: number;
  at: number;
  /** A refusal was already sent in this flood. */
  warned: boolean;
}

export type Admission = { bucket: Bucket; admit: true } | { bucket: Bucket; admit: false; reply: boolean };

export function admit(bucket: Bucket | undefined, now: number): Admission {
  const last = bucket ?? { tokens: BURST, at: now, warned: false };
  const tokens = Math.min(BURST, last.tokens + ((now - last.at) / 1000) * RATE_PER_SECOND);
  const warned = last.warned && tokens < RATE_PER_SECOND;
  if (tokens >= 1) return { admit: true, bucket: { tokens: tokens - 1, at: now, warned } };
  return { admit: false, reply: !warned, bucket: { tokens, at: now, warned: true } };
}
