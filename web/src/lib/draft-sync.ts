/**
 * A seat's shared draft between this device and the room (docs/protocol.md "Rounds"): the
 * form is the team's draft, so edits go to the room (debounced), and the room's draft (a
 * team mate's edits, a new round, a reconnect) comes into the form unless it is our own echo
 * or we hold edits the room has not seen yet. Edits are kept on the device until the room
 * has them (draft-store.ts), and a draft the room would refuse stays on the device, marked,
 * until it is fixed. Plain TypeScript beside the room connection, so the state machine is
 * tested without a component (tests/web/draft-sync.test.ts); DecisionForm.svelte renders it.
 */
import type { Decisions } from '../../../core/protocol/decisions';
import { sameDecisions } from './drafts';

/** Kept on the device (draft-store.ts): the last edits of a seat, and whether the room has them. */
export interface StoredDraft {
  round: number;
  decisions: Decisions;
  /** False while the room has not received these edits. */
  synced: boolean;
}

export const DEBOUNCE_MS = 500;

/** What the sync needs of the world: the room, the device's storage, the form's rules, a clock. */
export interface DraftSyncPorts {
  /** Send the draft or the submission to the room; false when it could not go (offline). */
  send(type: 'draft' | 'submit', decisions: Decisions): boolean;
  load(): StoredDraft | null;
  store(draft: StoredDraft): void;
  /** Whether the room would refuse this draft outright (a negative bid, say). */
  refusable(decisions: Decisions): boolean;
  /** The form's decisions for `round` from whatever was given (fills and trims, drafts.ts `clean`). */
  clean(decisions: Decisions, round: number): Decisions;
  /** What the form starts a round with: the room's draft, or last round's rates. */
  starting(round: number, server: Decisions | null): Decisions;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
  /** The form or its sync mark changed (a component copies them into its state). */
  changed(form: Decisions, unsynced: boolean): void;
}

export class DraftSync {
  /** The round the form is for. */
  round: number;
  /** What the form shows. */
  form: Decisions;
  /** The form holds edits the room has not received. */
  unsynced = false;
  /** The decisions the room last had from us, or last sent us: its echo is not news. */
  #known: Decisions | null;
  #timer: unknown = null;

  constructor(
    private readonly ports: DraftSyncPorts,
    round: number,
    server: Decisions | null,
  ) {
    this.round = round;
    this.#known = server;
    const local = ports.load();
    if (local && local.round === round && !local.synced) {
      this.unsynced = true;
      this.form = ports.clean(local.decisions, round);
    } else {
      this.form = ports.starting(round, server);
    }
  }

  /**
   * The room's view changed. A new round starts the form afresh; otherwise the room's draft
   * replaces the form unless it is our echo or our edits are still on their way (they are
   * sent now if they can be: `sendable` is an open round on an open connection).
   */
  roomChanged(round: number, server: Decisions | null, sendable: boolean): void {
    if (round !== this.round) {
      this.round = round;
      this.#known = server;
      this.#cancel();
      this.#set(this.ports.starting(round, server), false);
      return;
    }
    if (this.unsynced) {
      if (sendable && this.#timer === null) this.flush(true);
      return;
    }
    if (server && !sameDecisions(server, this.#known) && this.#timer === null) {
      this.#known = server;
      this.#set(this.ports.clean(server, round), false);
    }
  }

  /**
   * The person edited the form (it now shows `form`): keep it on the device and send it after
   * a pause; `open` says, when the pause is over, whether the round still takes drafts.
   */
  edited(form: Decisions, open: () => boolean): void {
    this.#set(form, true);
    this.ports.store({ round: this.round, decisions: this.#clean(), synced: false });
    this.#cancel();
    this.#timer = this.ports.setTimer(() => {
      this.#timer = null;
      this.flush(open());
    }, DEBOUNCE_MS);
  }

  /** Take these decisions as if typed (an alert's one-tap fix). */
  replace(decisions: Decisions, open: () => boolean): void {
    this.edited(this.ports.clean(decisions, this.round), open);
  }

  /** Send the draft now if the round is open and the room would take it. */
  flush(open: boolean): void {
    this.#cancel();
    const d = this.#clean();
    if (!open || this.ports.refusable(d)) return;
    if (this.ports.send('draft', d)) this.#sent(d);
  }

  /** Submit what the form holds; false if it could not go. */
  submit(): boolean {
    this.#cancel();
    const d = this.#clean();
    if (!this.ports.send('submit', d)) return false;
    this.#sent(d);
    return true;
  }

  /** A debounced send is waiting. */
  get waiting(): boolean {
    return this.#timer !== null;
  }

  #sent(decisions: Decisions): void {
    this.#known = decisions;
    this.#set(this.form, false);
    this.ports.store({ round: decisions.round, decisions, synced: true });
  }

  /** The form as the room takes it: for this round, trimmed and filled. */
  #clean(): Decisions {
    return this.ports.clean(this.form, this.round);
  }

  #set(form: Decisions, unsynced: boolean): void {
    this.form = form;
    this.unsynced = unsynced;
    this.ports.changed(form, unsynced);
  }

  #cancel(): void {
    if (this.#timer !== null) this.ports.clearTimer(this.#timer);
    this.#timer = null;
  }
}
