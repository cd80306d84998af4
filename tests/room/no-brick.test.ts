/**
 * No sequence of client messages can stop a game, against a real `wrangler dev`:
 * - two seats try to sign the same platform 65 times in one round (once this bricked a game:
 *   each deal was checked against the state before the round, and the resolver takes at most
 *   64 deals, so every resolve attempt failed for good): one is signed, the rest are refused
 *   with the reason, and the round resolves;
 * - the model refuses a round for good (a refusal, injected here since the room's own checks
 *   let nothing refusable through): the room stops calling it, the host is told why, and can
 *   play the round again (nothing submitted is lost) or end the game, which is then archived
 *   with the rounds it has.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noDecisions, type Decisions } from '../../core/protocol/decisions';
import type { DealTerms } from '../../core/protocol/deals';
import { archivedRecord } from '../support/archive';
import { startDevServer, type DevServer } from '../support/dev-server';
import { seatGame, type ErrorMessage, type RoomClient } from '../support/room-client';

let server: DevServer;
let game: { code: string; hostToken: string };
let host: RoomClient;
let ana: RoomClient; // hillton
let ben: RoomClient; // seaport
let projector: RoomClient;

const decide = (round: number, x: number): Decisions => ({ ...noDecisions(round), subsidies: { talent: x, startups: x, capital: 0 } });
const platform: DealTerms = { kind: 'platform', members: ['hillton', 'seaport'], subsidyCap: 0.3, techTrading: true };

beforeAll(async () => {
  server = await startDevServer({
    vars: {
      // Round 2's first call and round 3's every call are refused (a refusal, not an error), as
      // the model refuses inputs that break its rules. Counted per server process; this file plays one game.
      ENCLAVE_FAULTS: JSON.stringify({ resolve: { '2': ['refuse'], '3': ['refuse', 'refuse', 'refuse'] } }),
    },
  });
  const room = await seatGame(server, { scenario: 'classroom-4', rounds: 4, roundSeconds: 600, seed: 5, bots: true }, [['Ana', 'hillton'], ['Ben', 'seaport']]);
  ({ game, host, projector } = room);
  ana = room.seats.Ana!;
  ben = room.seats.Ben!;
});

afterAll(async () => {
  for (const c of [host, ana, ben, projector]) c?.close();
  await server?.stop();
});

/** The one platform deal signed in round 1 (its id is not a count, core/deals/ids.ts). */
let signedId = '';

describe('a game no client can stop', () => {
  it('two seats sign the same platform 65 times in a round: one is signed, the rest refused, and the round resolves', async () => {
    host.send({ type: 'start' });
    await ana.view((v) => v.phase === 'playing');
    let signed = 0;
    const refusals = new Map<string, number>();
    const count = (e: ErrorMessage) => refusals.set(`${e.field}: ${e.rule}`, (refusals.get(`${e.field}: ${e.rule}`) ?? 0) + 1);
    for (let i = 0; i < 65; i++) {
      // Paced under the per-person message rate, so every refusal is the rule's, not the limiter's.
      await new Promise((r) => setTimeout(r, 120));
      ana.skip();
      ana.send({ type: 'propose', terms: platform });
      // Each answer is either a view with one more deal, or a refusal.
      const answer = await ana.next((m) => m.type === 'error' || (m.type === 'view' && m.view.deals.length > signed));
      if (answer.type === 'error') {
        count(answer);
        continue;
      }
      const id = answer.type === 'view' ? answer.view.deals.at(-1)!.id : '';
      ben.skip();
      ben.send({ type: 'accept', deal: id });
      const accepted = await ben.next((m) => m.type === 'error' || (m.type === 'view' && m.view.deals.some((d) => d.id === id && d.status === 'signed')));
      if (accepted.type === 'error') count(accepted);
      else {
        signed++;
        signedId = id;
      }
    }
    expect(signed).toBe(1);
    expect([...refusals.keys()]).toEqual([`terms.members.0: hillton already belongs to platform ${signedId}`]);
    expect(refusals.get(`terms.members.0: hillton already belongs to platform ${signedId}`)).toBe(64);
    ana.send({ type: 'submit', decisions: decide(1, 0.1) });
    ben.send({ type: 'submit', decisions: decide(1, 0.1) });
    const next = await projector.view((v) => v.round === 2 && v.phase === 'playing', 20_000);
    expect(next.resolved).toBe(1);
    expect(projector.results()[0]!.round).toBe(1);
  });

  it('a round the model refuses is not retried; the host plays it again and nothing submitted is lost', async () => {
    ana.send({ type: 'submit', decisions: decide(2, 0.2) });
    ben.send({ type: 'submit', decisions: decide(2, 0.15) });
    const stuck = await host.view((v) => v.resolution?.refused === true);
    expect(stuck).toMatchObject({ phase: 'resolving', round: 2, resolution: { round: 2, attempts: 1, refused: true } });
    expect(stuck.resolution!.lastError).toBe('decisions: injected refusal');
    expect(stuck.notices!.at(-1)).toMatch(/^Round 2 cannot be resolved: the model refuses it \(decisions: injected refusal\).*Play the round again or end the game; what was submitted is kept\.$/);
    // No retry loop: the room stays as it is (a retry would come after 1 s, then 2 s).
    await new Promise((r) => setTimeout(r, 3500));
    expect(host.latestView()!.resolution).toMatchObject({ attempts: 1, refused: true });
    // Only the host may reopen, and only the refused round.
    expect(await ana.refused({ type: 'reopen-round', round: 2 })).toMatchObject({ field: '(role)', rule: 'only the host can play a round again' });
    expect(await host.refused({ type: 'reopen-round', round: 1 })).toMatchObject({ field: 'round', rule: 'must be 2, the round the model refused (got 1)' });
    host.send({ type: 'reopen-round', round: 2 });
    const reopened = await ana.view((v) => v.phase === 'playing' && v.round === 2);
    expect(reopened.submission).toBeNull();
    expect(reopened.draft!.decisions).toEqual(decide(2, 0.2));
    ana.send({ type: 'submit', decisions: reopened.draft!.decisions });
    ben.send({ type: 'submit', decisions: decide(2, 0.15) });
    const resolved = await projector.view((v) => v.round === 3 && v.phase === 'playing', 20_000);
    expect(resolved.resolved).toBe(2);
  });

  it('a round refused again and again: end-game ends it at once, and the archive holds the rounds played', async () => {
    ana.send({ type: 'submit', decisions: decide(3, 0.3) });
    ben.send({ type: 'submit', decisions: decide(3, 0.3) });
    await host.view((v) => v.resolution?.refused === true && v.round === 3);
    host.send({ type: 'retry', round: 3 });
    const again = await host.view((v) => v.resolution?.refused === true && v.resolution.attempts === 2);
    expect(again.phase).toBe('resolving');
    host.send({ type: 'end-game' });
    const ended = await projector.view((v) => v.phase === 'finished');
    expect(ended.resolved).toBe(2);
    const stored = await host.view((v) => v.archive?.status === 'stored', 20_000);
    const record = await archivedRecord(server, stored.archive!.id!, game.hostToken);
    expect(record.rounds.map((r) => r.round)).toEqual([1, 2]);
    expect(record.rounds[1]!.decisions.hillton).toEqual(decide(2, 0.2));
    expect(record.dealLog.filter((d) => d.action === 'sign').map((d) => d.deal)).toEqual([signedId]);
    expect(stored.notices!).toContain('Round 3 was not played: the model refused it, and the game ended with 2 resolved rounds.');
  });
});
