/**
 * Backpressure by acknowledgement. workerd gives a room no trustworthy count of what is
 * still buffered for a socket, so the client says what it has read: `ack {received}`, the
 * characters of every frame it has received on this connection so far. The room counts
 * what it sent; the difference is what the connection has not read (or not said it read).
 * A frame that would take that past MAX_UNACKED_CHARS is not sent: the connection is
 * closed with CLOSE_NOT_READING instead, and nothing more goes to it. Pure: the room keeps
 * one Flow per connection object and asks before every send.
 */

/** What a connection may have outstanding (sent, not acknowledged), in characters. */
export const MAX_UNACKED_CHARS = 1024 * 1024;
/** Close code for a connection that stopped reading (4000–4999 are the application's). */
export const CLOSE_NOT_READING = 4413;
export const NOT_READING_REASON = 'not reading: over 1 MiB sent and not acknowledged';

export interface Flow {
  /** Characters sent on this connection (as this room instance counted them). */
  sent: number;
  /** Characters the client says it has received, in the room's count. */
  acked: number;
  /**
   * Client count minus room count. 0 for a connection this instance saw open; null when the
   * room started counting in the middle of a connection (woken from hibernation, its counts
   * lost): the first ack then sets it, taking everything before as read.
   */
  offset: number | null;
  /** Closed for not reading: send nothing more. */
  closed: boolean;
}

export const openFlow = (): Flow => ({ sent: 0, acked: 0, offset: 0, closed: false });
/** A connection the room finds without a count (after hibernation). */
export const resumedFlow = (): Flow => ({ sent: 0, acked: 0, offset: null, closed: false });

export const unacked = (flow: Flow): number => flow.sent - flow.acked;

/**
 * May a frame of `chars` characters go out? `send`: yes, and here is the count with it;
 * `close`: no, close the connection (once); `drop`: no, it is already closed.
 */
export function beforeSend(flow: Flow, chars: number, limit = MAX_UNACKED_CHARS): { action: 'send' | 'close' | 'drop'; flow: Flow } {
  if (flow.closed) return { action: 'drop', flow };
  if (unacked(flow) + chars > limit) return { action: 'close', flow: { ...flow, closed: true } };
  return { action: 'send', flow: { ...flow, sent: flow.sent + chars } };
}

/**
 * The client says it has received `received` characters in all. Never more than was sent
 * (a client cannot pre-pay), never less than it said before (an old ack changes nothing).
 */
export function ack(flow: Flow, received: number): Flow {
  if (flow.offset === null) return { ...flow, offset: received - flow.sent, acked: flow.sent };
  const acked = Math.min(flow.sent, Math.max(flow.acked, received - flow.offset));
  return acked === flow.acked ? flow : { ...flow, acked };
}
