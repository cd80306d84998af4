/**
 * Saving a game with a full chat stays within what one invocation may ask of D1 on a
 * deployment (50 queries on the free plan, 1,000 on paid; each statement of a batch counts),
 * and reads back exactly as saved (issue 12).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GameRecord } from '../../core/protocol/record';
import { loadRecord, saveRecord, sha256 } from '../../worker/archive/store';
import { startD1, type TestD1 } from '../support/d1';
import { makeRecord } from '../support/record';

let d1: TestD1;
beforeAll(async () => {
  d1 = await startD1();
}, 60_000);
afterAll(async () => d1?.dispose());

/** The database as saveRecord sees it, counting the statements it sends. */
function counting(db: D1Database) {
  let statements = 0;
  const wrapped = {
    prepare: (sql: string) => {
      statements++;
      return db.prepare(sql);
    },
    batch: (list: D1PreparedStatement[]) => db.batch(list),
  } as unknown as D1Database;
  return { db: wrapped, statements: () => statements };
}

describe('saving a full game', () => {
  it('takes a handful of statements for 5,000 chat lines and 1,000 deal actions, and reads back exactly', async () => {
    const base = makeRecord({ code: 'CHAT55', rounds: 3 });
    const chat: GameRecord['chat'] = Array.from({ length: 5000 }, (_, i) => ({
      at: '2026-11-20T09:01:00.000Z',
      round: 1 + (i % 3),
      from: i % 2 ? 'hillton' : 'host',
      to: i % 5 === 0 ? 'seaport' : null,
      text: `line ${i}: "quotes", \\ backslash, 汉字, ${'x'.repeat(i % 400)}`,
    }));
    const dealLog: GameRecord['dealLog'] = Array.from({ length: 1000 }, (_, i) => ({ ...base.dealLog[i % base.dealLog.length]!, deal: `d${i}` }));
    const record: GameRecord = { ...base, chat, dealLog };
    const db = counting(d1.db);
    expect(await saveRecord(db.db, record, await sha256('c'.repeat(32)), '2026-11-20T10:00:00.000Z')).toMatchObject({ ok: true, stored: 'new' });
    expect(db.statements()).toBeLessThanOrEqual(20);
    const back = await loadRecord(d1.db, 'CHAT55-' + Date.parse(record.createdAt));
    expect(back).toEqual(record);
  });
});
