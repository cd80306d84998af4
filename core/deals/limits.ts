/**
 * How much a game's deal book may hold. The caps keep a room's storage and every view small
 * (a view lists a city's deals) and keep negotiation readable in a classroom; the per-round
 * cap is the resolver's own limit, so a round the book lets through can always be resolved.
 */
import { MAX_ROUND_DEALS } from '../protocol/deals';

/** Open deals a city may be party to at once. */
export const MAX_OPEN_DEALS_PER_CITY = 10;

/** Deals a game may hold in all, open and closed. */
export const MAX_DEALS = 200;

/** Deals one round may sign: what the resolver accepts with a round (core/protocol/api.ts). */
export const MAX_SIGNED_PER_ROUND = MAX_ROUND_DEALS;
