/**
 * The one deal engine (§3): the room (party/rules/deals.ts) and the simulator
 * (core/bots/negotiate.ts) both play deals through these functions and nothing else.
 */
export { dealAction, type BookOutcome, type DealTable, type Refusal } from './actions';
export {
  dealParties,
  dealView,
  emptyBook,
  GAME,
  lapseOpenDeals,
  reopenAfterResolution,
  signedIn,
  unsignRound,
  visibleTo,
  type BookDeal,
  type BookEntry,
  type BookStep,
  type DealBook,
} from './book';
export { dealNumber, MAX_DEAL_NUMBER } from './ids';
export { MAX_DEALS, MAX_OPEN_DEALS_PER_CITY, MAX_SIGNED_PER_ROUND } from './limits';
export { checkSigning, stateAfter, type BookState } from './signing';
