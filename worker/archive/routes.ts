/**
 * The archive's HTTP API. A host reaches their games with their host token
 * (`Authorization: Bearer <token>`); anyone with a live share link reads one game. A game
 * that does not exist and a game that is not yours get the same 404, so ids cannot be probed.
 */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import type { ApiError } from '../../core/protocol/api';
import { recordSchema, type GameRecord } from '../../core/protocol/record';
import { checkReplay, whatIf, type WhatIf } from '../../core/replay/replay';
import { playedScenario } from '../../core/scenarios/played';
import type { InputError } from '../../core/protocol/validate';
import { readBody } from '../body';
import { perClient } from '../rate-limit';
import { checkRecordWork } from '../work-budget';
import { CSV_FILES, type CsvFile } from '../../core/protocol/archive';
import { anonymise, exportCsv } from './export';
import { createShare, listShares, resolveShare, revokeShare } from './shares';
import { sameHash, sha256 } from '../../core/protocol/tokens';
import { deleteGame, listGames, loadRecord, ownerOf } from './store';
import { refusal, say } from '../../core/protocol/refusals';
import { hostOf, TOKEN } from '../host-auth';

type Ctx = Context<{ Bindings: Env }>;

const fail = (c: Ctx, status: 400 | 401 | 404 | 409 | 413 | 415 | 429, error: InputError) => c.json({ error } satisfies ApiError, status);

const notFound = (c: Ctx) => fail(c, 404, refusal('id', 'no-archived', {}));

/** Load a game the requesting host owns, or answer for it. */
async function ownGame(c: Ctx): Promise<{ ok: true; id: string } | { ok: false; response: Response }> {
  const host = await hostOf(c);
  if (!host.ok) return { ok: false, response: fail(c, 401, host.error) };
  const id = c.req.param('id') ?? '';
  const owner = await ownerOf(c.env.DB, id);
  if (owner === null || !sameHash(owner, host.hash)) return { ok: false, response: notFound(c) };
  return { ok: true, id };
}

const wantsAnonymous = (c: Ctx) => ['1', 'true', 'yes'].includes(c.req.query('anonymous') ?? '');

function download(c: Ctx, body: string, type: string, filename: string) {
  return c.body(body, 200, { 'content-type': type, 'content-disposition': `attachment; filename="${filename}"` });
}

function csvFile(c: Ctx): CsvFile | null {
  const name = (c.req.param('file') ?? '').replace(/\.csv$/, '');
  return (CSV_FILES as readonly string[]).includes(name) ? (name as CsvFile) : null;
}

function serveExports(app: Hono<{ Bindings: Env }>, base: string, load: (c: Ctx) => Promise<{ record: GameRecord; id: string } | Response>) {
  app.get(`${base}/export.json`, async (c) => {
    const got = await load(c);
    if (got instanceof Response) return got;
    return download(c, JSON.stringify(got.record, null, 2), 'application/json; charset=utf-8', `enclave-${got.id}.json`);
  });
  app.get(`${base}/export/:file`, async (c) => {
    const file = csvFile(c);
    if (!file) return fail(c, 404, refusal('file', 'one-of', { options: CSV_FILES.map((f) => `${f}.csv`) }));
    const got = await load(c);
    if (got instanceof Response) return got;
    return download(c, exportCsv(got.record, file), 'text/csv; charset=utf-8', `enclave-${got.id}-${file}.csv`);
  });
}

export const archive = new Hono<{ Bindings: Env }>();

archive.get('/archive/games', async (c) => {
  const host = await hostOf(c);
  if (!host.ok) return fail(c, 401, host.error);
  return c.json(await listGames(c.env.DB, host.hash));
});

async function ownRecord(c: Ctx): Promise<{ record: GameRecord; id: string } | Response> {
  const own = await ownGame(c);
  if (!own.ok) return own.response;
  const record = await loadRecord(c.env.DB, own.id);
  if (!record) return notFound(c);
  return { record: wantsAnonymous(c) ? anonymise(record) : record, id: own.id };
}

archive.get('/archive/games/:id', async (c) => {
  const got = await ownRecord(c);
  return got instanceof Response ? got : c.json(got.record);
});

archive.delete('/archive/games/:id', async (c) => {
  const own = await ownGame(c);
  if (!own.ok) return own.response;
  await deleteGame(c.env.DB, own.id);
  return c.json({ deleted: own.id });
});

serveExports(archive, '/archive/games/:id', ownRecord);

const shareRequest = v.strictObject({ anonymous: v.optional(v.boolean(say('not-a-flag')), false) });

archive.post('/archive/games/:id/shares', async (c) => {
  const own = await ownGame(c);
  if (!own.ok) return own.response;
  const body = await readBody(c.req.raw, shareRequest, 1024);
  if (!body.ok) return fail(c, body.status, body.error);
  const share = await createShare(c.env.DB, own.id, body.value.anonymous, new Date().toISOString());
  return c.json({ ...share, path: `/shared/${share.token}` }, 201);
});

archive.get('/archive/games/:id/shares', async (c) => {
  const own = await ownGame(c);
  if (!own.ok) return own.response;
  return c.json(await listShares(c.env.DB, own.id));
});

archive.delete('/archive/games/:id/shares/:shareId', async (c) => {
  const own = await ownGame(c);
  if (!own.ok) return own.response;
  const revoked = await revokeShare(c.env.DB, own.id, c.req.param('shareId'), new Date().toISOString());
  if (!revoked) return fail(c, 404, refusal('shareId', 'no-share', {}));
  return c.json({ revoked: c.req.param('shareId') });
});

/** A game through a live share link; revoked and unknown links are the same 404. */
async function sharedRecord(c: Ctx): Promise<{ record: GameRecord; id: string } | Response> {
  const token = c.req.param('token') ?? '';
  const share = TOKEN.test(token) ? await resolveShare(c.env.DB, token) : null;
  if (!share) return fail(c, 404, refusal('token', 'no-live-share', {}));
  const record = await loadRecord(c.env.DB, share.gameId);
  if (!record) return fail(c, 404, refusal('token', 'no-live-share', {}));
  return { record: share.anonymous ? anonymise(record) : record, id: share.gameId };
}

archive.get('/shared/:token', async (c) => {
  const got = await sharedRecord(c);
  return got instanceof Response ? got : c.json(got.record);
});

serveExports(archive, '/shared/:token', sharedRecord);

/** The largest record a researcher may upload for a replay check. */
export const MAX_RECORD_BYTES = 5_000_000;

/** The map the game was played on: a built-in scenario, or the region the record carries (core/scenarios/played.ts). */
function scenarioOf(c: Ctx, record: GameRecord) {
  const played = playedScenario(record.settings.scenario, record.region, record.region === undefined ? 'settings.scenario' : 'region');
  return played.ok ? played.scenario : fail(c, record.region === undefined ? 409 : 400, played.error);
}

/** Replay an archived game through today's model: the same results, or the first difference. */
archive.get('/archive/games/:id/replay', perClient('MODEL_LIMIT', 'model runs'), async (c) => {
  const got = await ownRecord(c);
  if (got instanceof Response) return got;
  const tooMuch = checkRecordWork(got.record);
  if (tooMuch) return fail(c, tooMuch.status, tooMuch.error);
  const scenario = scenarioOf(c, got.record);
  if (scenario instanceof Response) return scenario;
  return c.json(checkReplay(scenario, got.record));
});

/** The same check for an exported record uploaded by anyone (a researcher's file). */
archive.post('/replay', perClient('MODEL_LIMIT', 'model runs'), async (c) => {
  // The work it asks for is weighed on the parsed JSON, before the schema (costly on a big
  // record) and the model run; its refusals already name fields under `record.`.
  const body = await readBody(c.req.raw, recordSchema, { limit: MAX_RECORD_BYTES, cost: (raw) => checkRecordWork(raw) });
  if (!body.ok) {
    // (The work check's own 400s, a forged region, already name `record.`: no key of a record is called that.)
    const fromSchema = body.status === 400 && body.error.field !== '(message)' && !body.error.field.startsWith('record.');
    return fail(c, body.status, { ...body.error, field: fromSchema ? `record.${body.error.field}` : body.error.field });
  }
  const scenario = scenarioOf(c, body.value);
  if (scenario instanceof Response) return scenario;
  return c.json(checkReplay(scenario, body.value));
});

/** Exactly one change: a parameter set, a deal left out, or subsidies switched off. */
const whatIfRequest = v.pipe(
  v.strictObject({
    params: v.optional(v.pipe(v.record(v.string(), v.number(say('not-a-number'))), v.minEntries(1, say('min-items', { min: 1, items: 'parameters' })), v.maxEntries(8, say('max-items', { max: 8, items: 'parameters' })))),
    withoutDeal: v.optional(v.pipe(v.string(say('not-text')), v.regex(/^d[0-9]{1,6}$/, say('not-a-deal-id')))),
    withoutSubsidies: v.optional(v.literal(true, say('must-equal', { value: 'true' }))),
  }),
  v.check((b) => [b.params, b.withoutDeal, b.withoutSubsidies].filter((x) => x !== undefined).length === 1, say('invalid', { detail: 'must make exactly one change: params, withoutDeal or withoutSubsidies' })),
);

/** "What if": the archived game and the same game with one change, side by side. */
archive.post('/archive/games/:id/what-if', perClient('MODEL_LIMIT', 'model runs'), async (c) => {
  const got = await ownRecord(c);
  if (got instanceof Response) return got;
  const body = await readBody(c.req.raw, whatIfRequest, 16_384);
  if (!body.ok) return fail(c, body.status, body.error);
  const tooMuch = checkRecordWork(got.record);
  if (tooMuch) return fail(c, tooMuch.status, tooMuch.error);
  const scenario = scenarioOf(c, got.record);
  if (scenario instanceof Response) return scenario;
  const change: WhatIf = body.value.params ? { params: body.value.params } : body.value.withoutDeal ? { withoutDeal: body.value.withoutDeal } : { withoutSubsidies: true };
  const variant = whatIf(scenario, got.record, change);
  if (!variant.ok) return fail(c, 400, variant.error);
  return c.json({
    change,
    original: { results: got.record.rounds.map((r) => r.result) },
    variant: { results: variant.run.results, adjusted: variant.run.adjusted },
  });
});
