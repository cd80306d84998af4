/**
 * A facilitator's own region over HTTP (docs/scenarios.md "Hosting a game on your region"):
 * upload a region sheet (checked and built by core/scenarios/csv, the code the host setup
 * runs first), read one by its link, list your own. A stored region's map is never changed,
 * so a game and a shared link always find the map they were made with; a game takes a copy of
 * it anyway (party/game.ts), which travels in its record. Its host may rename it (the title
 * only), or delete it: then the link and new games on it stop working, and the games already
 * made on it keep their copy.
 */
import { Hono, type Context } from 'hono';
import { REGION_ID, regionRenameSchema, regionUploadSchema, type RegionCreated, type RegionDeleted, type RegionProblems, type RegionRenamed, type StoredRegion } from '../../core/protocol/regions';
import { MAX_CSV_CHARS, scenarioFromCsv } from '../../core/scenarios/csv';
import { hashToken, newToken } from '../../core/protocol/tokens';
import { refusal } from '../../core/protocol/refusals';
import type { ApiError } from '../../core/protocol/api';
import type { InputError } from '../../core/protocol/validate';
import { readBody } from '../body';
import { hostOf } from '../host-auth';
import { perClient } from '../rate-limit';
import { deleteRegion, listRegions, loadRegion, renameRegion, saveRegion } from './store';

type Ctx = Context<{ Bindings: Env }>;

const fail = (c: Ctx, status: 400 | 401 | 403 | 404 | 409 | 413 | 415, error: InputError) => c.json({ error } satisfies ApiError, status);

/** Two sheets at their limit, every character as 4 bytes of UTF-8 and escaped once in JSON, and the rest of the body. */
export const MAX_REGION_BODY_BYTES = 2 * 2 * 4 * MAX_CSV_CHARS + 4096;

/** `sheet-` and 12 base-36 characters, each drawn without bias (bytes ≥ 252 are drawn again). */
export function newRegionId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let id = '';
  while (id.length < 12) {
    for (const b of crypto.getRandomValues(new Uint8Array(16))) if (b < 252 && id.length < 12) id += alphabet[b % 36];
  }
  return `sheet-${id}`;
}

export const regions = new Hono<{ Bindings: Env }>();

regions.post('/regions', perClient('CREATE_LIMIT', 'new regions'), async (c) => {
  const body = await readBody(c.req.raw, regionUploadSchema, MAX_REGION_BODY_BYTES);
  if (!body.ok) return fail(c, body.status, body.error);
  const { sheet, travel, hostToken: given, title } = body.value;
  const id = newRegionId();
  const built = scenarioFromCsv(sheet, { id, ...(travel !== undefined && travel.trim() !== '' ? { travel } : {}) });
  if (!built.ok) {
    const field = built.travel ? 'travel' : 'sheet';
    return c.json({ error: refusal(field, 'region-sheet', { problems: built.errors.length }), problems: built.errors } satisfies ApiError & RegionProblems, 400);
  }
  const hostToken = given ?? newToken();
  const scenario = title === undefined ? built.scenario : { ...built.scenario, title: { en: title, zh: title, es: title } };
  const region: StoredRegion = { id, createdAt: new Date().toISOString(), scenario, sheet, travel: travel?.trim() ? travel : null };
  await saveRegion(c.env.DB, region, await hashToken(hostToken));
  return c.json({ ...region, hostToken } satisfies RegionCreated, 201);
});

/** The host's own regions (their host token), newest first. */
regions.get('/regions', async (c) => {
  const host = await hostOf(c);
  if (!host.ok) return fail(c, 401, host.error);
  return c.json(await listRegions(c.env.DB, host.hash));
});

/** One region, for anyone holding its link (its id is the secret: 62 random bits). */
regions.get('/regions/:id', async (c) => {
  const id = c.req.param('id');
  const region = REGION_ID.test(id) ? await loadRegion(c.env.DB, id) : null;
  if (!region) return fail(c, 404, refusal('id', 'no-region', {}));
  return c.json(region satisfies StoredRegion);
});

/**
 * Delete one of your regions (your host token as Bearer). 401 without a token, 404 for no
 * such region, 403 when it is another host's: its link is public, so saying that it exists
 * gives nothing away.
 */
regions.delete('/regions/:id', async (c) => {
  const host = await hostOf(c);
  if (!host.ok) return fail(c, 401, host.error);
  const id = c.req.param('id');
  const outcome = REGION_ID.test(id) ? await deleteRegion(c.env.DB, id, host.hash) : 'missing';
  if (outcome === 'missing') return fail(c, 404, refusal('id', 'no-region', {}));
  if (outcome === 'not-host') return fail(c, 403, refusal('authorization', 'not-region-host', {}));
  return c.json({ id, deleted: true } satisfies RegionDeleted);
});

/** A rename's body: a title of at most 60 characters, well under this. */
const RENAME_BODY_BYTES = 1024;

/**
 * Rename one of your regions (your host token as Bearer): the title in every language. The
 * refusals are the delete's (401, 403, 404), and 400 naming `title` for a bad one.
 */
regions.patch('/regions/:id', async (c) => {
  const host = await hostOf(c);
  if (!host.ok) return fail(c, 401, host.error);
  const id = c.req.param('id');
  if (!REGION_ID.test(id)) return fail(c, 404, refusal('id', 'no-region', {}));
  const body = await readBody(c.req.raw, regionRenameSchema, RENAME_BODY_BYTES);
  if (!body.ok) return fail(c, body.status, body.error);
  const title = { en: body.value.title, zh: body.value.title, es: body.value.title };
  const outcome = await renameRegion(c.env.DB, id, host.hash, title);
  if (outcome === 'missing') return fail(c, 404, refusal('id', 'no-region', {}));
  if (outcome === 'not-host') return fail(c, 403, refusal('authorization', 'not-region-host', {}));
  return c.json({ id, title } satisfies RegionRenamed);
});
