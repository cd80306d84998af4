/** The shared draft's state machine (web/src/lib/draft-sync.ts), with a fake room, storage and clock. */
import { describe, expect, it } from 'vitest';
import { noDecisions, type Decisions } from '../../core/protocol/decisions';
import { DEBOUNCE_MS, DraftSync, type StoredDraft } from '../../web/src/lib/draft-sync';

const bid = (round: number, x: number): Decisions => ({ ...noDecisions(round), subsidies: { talent: x, startups: x, capital: x } });

function harness(options: { stored?: StoredDraft | null; online?: boolean; round?: number; server?: Decisions | null } = {}) {
  const sent: { type: string; decisions: Decisions }[] = [];
  let stored = options.stored ?? null;
  const timers: { run: () => void; at: number }[] = [];
  let now = 0;
  const shown: { form: Decisions; unsynced: boolean }[] = [];
  const world = { online: options.online ?? true };
  const sync = new DraftSync(
    {
      send: (type, decisions) => (world.online ? (sent.push({ type, decisions }), true) : false),
      load: () => stored,
      store: (d) => (stored = d),
      refusable: (d) => d.subsidies.talent < 0,
      clean: (d, round) => ({ ...d, round }),
      starting: (round, server) => server ?? bid(round, 0.1),
      setTimer: (run, ms) => {
        const t = { run, at: now + ms };
        timers.push(t);
        return t;
      },
      clearTimer: (t) => timers.splice(timers.indexOf(t as never), 1),
      changed: (form, unsynced) => shown.push({ form, unsynced }),
    },
    options.round ?? 1,
    options.server ?? null,
  );
  const tick = (ms: number) => {
    now += ms;
    for (const t of [...timers].filter((x) => x.at <= now)) {
      timers.splice(timers.indexOf(t), 1);
      t.run();
    }
  };
  return { sync, sent, stored: () => stored, tick, world, shown };
}

describe('DraftSync', () => {
  it('starts from the room’s draft, or from edits this device kept that the room never had', () => {
    expect(harness({ server: bid(1, 0.3) }).sync.form.subsidies.talent).toBe(0.3);
    const kept = harness({ server: bid(1, 0.3), stored: { round: 1, decisions: bid(1, 0.7), synced: false } });
    expect(kept.sync).toMatchObject({ unsynced: true, form: { subsidies: { talent: 0.7 } } });
    // Kept edits of another round, or ones the room had, do not count.
    expect(harness({ stored: { round: 0, decisions: bid(0, 0.7), synced: false } }).sync.unsynced).toBe(false);
    expect(harness({ stored: { round: 1, decisions: bid(1, 0.7), synced: true } }).sync.form.subsidies.talent).toBe(0.1);
  });

  it('sends an edit once the typing pauses, keeps it on the device meanwhile, and marks it synced when sent', () => {
    const h = harness();
    h.sync.edited(bid(1, 0.2), () => true);
    h.sync.edited(bid(1, 0.25), () => true);
    expect(h.sync.unsynced).toBe(true);
    expect(h.stored()).toMatchObject({ synced: false, decisions: { subsidies: { talent: 0.25 } } });
    h.tick(DEBOUNCE_MS - 1);
    expect(h.sent).toEqual([]);
    h.tick(1);
    expect(h.sent).toEqual([{ type: 'draft', decisions: bid(1, 0.25) }]);
    expect(h.sync.unsynced).toBe(false);
    expect(h.stored()).toMatchObject({ synced: true });
  });

  it('takes a team mate’s draft, but never its own echo and never over edits still on their way', () => {
    const h = harness({ server: bid(1, 0.1) });
    h.sync.roomChanged(1, bid(1, 0.4), true);
    expect(h.sync.form.subsidies.talent).toBe(0.4);
    h.sync.edited(bid(1, 0.5), () => true);
    h.sync.roomChanged(1, bid(1, 0.9), true); // a mate typed while we wait to send: ours stays
    expect(h.sync.form.subsidies.talent).toBe(0.5);
    h.tick(DEBOUNCE_MS);
    h.sync.roomChanged(1, bid(1, 0.5), true); // the echo of what we sent
    expect(h.shown.at(-1)).toMatchObject({ unsynced: false });
    expect(h.sync.form.subsidies.talent).toBe(0.5);
  });

  it('keeps edits made offline and sends them when the room can take them again', () => {
    const h = harness();
    h.world.online = false;
    h.sync.edited(bid(1, 0.35), () => true);
    h.tick(DEBOUNCE_MS);
    expect(h.sync.unsynced).toBe(true);
    h.sync.roomChanged(1, bid(1, 0.1), false); // the room's old draft, the round paused: nothing goes, nothing is lost
    expect(h.sync.form.subsidies.talent).toBe(0.35);
    h.world.online = true;
    h.sync.roomChanged(1, bid(1, 0.1), true);
    expect(h.sent).toEqual([{ type: 'draft', decisions: bid(1, 0.35) }]);
    expect(h.sync.unsynced).toBe(false);
  });

  it('holds a draft the room would refuse on the device, and sends nothing while the round is closed', () => {
    const h = harness();
    h.sync.edited(bid(1, -5), () => true);
    h.tick(DEBOUNCE_MS);
    expect(h.sent).toEqual([]);
    expect(h.sync.unsynced).toBe(true);
    h.sync.edited(bid(1, 0.2), () => false);
    h.tick(DEBOUNCE_MS);
    expect(h.sent).toEqual([]);
  });

  it('starts a new round afresh, dropping a pending send of the old one', () => {
    const h = harness();
    h.sync.edited(bid(1, 0.6), () => true);
    h.sync.roomChanged(2, null, true);
    expect(h.sync).toMatchObject({ round: 2, unsynced: false, waiting: false, form: { round: 2 } });
    h.tick(DEBOUNCE_MS);
    expect(h.sent).toEqual([]);
  });

  it('submits what the form holds, cancels the pending draft, and says when it could not go', () => {
    const h = harness();
    h.sync.edited(bid(1, 0.3), () => true);
    expect(h.sync.submit()).toBe(true);
    h.tick(DEBOUNCE_MS);
    expect(h.sent).toEqual([{ type: 'submit', decisions: bid(1, 0.3) }]);
    h.world.online = false;
    expect(h.sync.submit()).toBe(false);
  });

  it('takes a one-tap fix as an edit', () => {
    const h = harness();
    h.sync.replace(bid(7, 0.3), () => true);
    expect(h.sync.form).toEqual(bid(1, 0.3));
    h.tick(DEBOUNCE_MS);
    expect(h.sent).toEqual([{ type: 'draft', decisions: bid(1, 0.3) }]);
  });
});
