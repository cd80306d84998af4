/**
 * A facilitator's own region through the API, in process on a real local D1
 * (docs/scenarios.md "Hosting a game on your region"): a sheet stored and read back by its
 * link, listed for its host only, refused whole with every problem by row and column, served
 * as a scenario by its id; and a game record that carries its region replays from the record
 * alone, while a record whose region is forged is refused naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordOnRegion, type RecordSchemaInput } from '../support/region-record';
import { templateCsv } from '../../core/scenarios/csv';
import type { RegionCreated, RegionSummary, StoredRegion } from '../../core/protocol/regions';
import type { Scenario } from '../../core/scenarios/schema';
import { api } from '../../worker/api';
import { gameId, loadRecord, saveRecord, sha256 } from '../../worker/archive/store';
import { newRegionId } from '../../worker/regions/routes';
import { startD1, type TestD1 } from '../support/d1';

const HOST = 'a'.repeat(32);
const OTHER = 'b'.repeat(32);
const TEMPLATE = templateCsv();
const HOURS = ',hangzhou,ningbo,quzhou,lishui\nhangzhou,,0.9,1.0,1.6\nningbo,0.9,,,\nquzhou,1.0,,,\nlishui,1.6,,,\n';

let d1: TestD1;
beforeAll(async () => {
  d1 = await startD1();
}, 60_000);
afterAll(async () => d1?.dispose());

const call = (path: string, init: RequestInit = {}, token: string | null = null) =>
  api.request(`/api${path}`, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json', ...(init.headers as Record<string, string> | undefined) } }, { DB: d1.db } as never);
const upload = (body: unknown) => call('/regions', { method: 'POST', body: JSON.stringify(body) });

describe('storing a region', () => {
  let created: RegionCreated;
  beforeAll(async () => {
    const res = await upload({ sheet: TEMPLATE, travel: HOURS, hostToken: HOST });
    expect(res.status).toBe(201);
    created = (await res.json()) as RegionCreated;
  });

  it('answers the region under a fresh sheet- id, built from the sheets, with the host token it is kept under', () => {
    expect(created.id).toMatch(/^sheet-[a-z0-9]{12}$/);
    expect(created.hostToken).toBe(HOST);
    expect(created.scenario.id).toBe(created.id);
    expect(created.scenario.regions.map((r) => r.id)).toEqual(['hangzhou', 'ningbo', 'quzhou', 'lishui']);
    // The travel sheet's hour is the map's; a pair it leaves empty is derived when the game starts.
    expect(created.scenario.travelHours?.hangzhou?.ningbo).toBe(0.9);
    expect(created.sheet).toBe(TEMPLATE);
    expect(created.travel).toBe(HOURS);
  });

  it('reads it back by its link, for anyone; an unknown or malformed id is the same 404', async () => {
    const res = await call(`/regions/${created.id}`);
    expect(res.status).toBe(200);
    const { hostToken: _, ...stored } = created;
    expect((await res.json()) as StoredRegion).toEqual(stored);
    for (const id of [newRegionId(), 'zhejiang-mountain-sea', 'sheet-ABC']) {
      const missing = await call(`/regions/${id}`);
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as { error: { field: string; code: string } }).error).toMatchObject({ field: 'id', code: 'no-region' });
    }
  });

  it('serves it as a scenario by its id, as rooms and screens load a game’s map', async () => {
    const res = await call(`/scenarios/${created.id}`);
    expect(res.status).toBe(200);
    expect((await res.json()) as Scenario).toEqual(created.scenario);
    expect((await call(`/scenarios/${newRegionId()}`)).status).toBe(404);
  });

  it('lists it for its host only, and needs the host token to list', async () => {
    expect(((await (await call('/regions', {}, HOST)).json()) as RegionSummary[]).map((r) => r.id)).toContain(created.id);
    expect((await (await call('/regions', {}, OTHER)).json()) as RegionSummary[]).toEqual([]);
    const anonymous = await call('/regions');
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { field: string } }).error.field).toBe('authorization');
  });

  it('makes a host token when none is sent', async () => {
    const res = await upload({ sheet: TEMPLATE });
    expect(res.status).toBe(201);
    const body = (await res.json()) as RegionCreated;
    expect(body.hostToken).toMatch(/^[0-9a-f]{32}$/);
    expect(body.id).not.toBe(created.id);
    expect(((await (await call('/regions', {}, body.hostToken)).json()) as RegionSummary[]).map((r) => r.id)).toEqual([body.id]);
  });

  it('takes the host’s own name for it, in every language, and refuses a bad one naming the field', async () => {
    const named = await upload({ sheet: TEMPLATE, hostToken: HOST, title: '  Zhejiang, variant A ' });
    expect(named.status).toBe(201);
    const body = (await named.json()) as RegionCreated;
    expect(body.scenario.title).toEqual({ en: 'Zhejiang, variant A', zh: 'Zhejiang, variant A', es: 'Zhejiang, variant A' });
    expect(body.scenario.regions).toEqual(created.scenario.regions);
    expect((((await (await call(`/regions/${body.id}`)).json()) as StoredRegion).scenario.title.es)).toBe('Zhejiang, variant A');
    for (const title of ['', 'x'.repeat(61), 7]) {
      const res = await upload({ sheet: TEMPLATE, hostToken: HOST, title });
      expect(res.status, String(title)).toBe(400);
      expect(((await res.json()) as { error: { field: string } }).error.field).toBe('title');
    }
  });
});

describe('refusing a region', () => {
  const problems = async (res: Response) => ({ status: res.status, body: (await res.json()) as { error: { field: string; code: string }; problems?: { row: number; column: string; code: string }[] } });

  it('refuses a sheet with problems whole, each by row and column, and stores nothing', async () => {
    const before = ((await (await call('/regions', {}, OTHER)).json()) as RegionSummary[]).length;
    const bad = TEMPLATE.replace('quzhou,Quzhou,衢州,Quzhou,2003,229', 'quzhou,Quzhou,衢州,Quzhou,=B2/10,-229');
    const row = TEMPLATE.split('\r\n').findIndex((l) => l.startsWith('quzhou,')) + 1;
    const { status, body } = await problems(await upload({ sheet: bad, hostToken: OTHER }));
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ field: 'sheet', code: 'region-sheet' });
    expect(body.problems!.map((p) => [p.row, p.column, p.code])).toEqual([
      [row, 'gdp', 'formula'],
      [row, 'population', 'negative'],
    ]);
    expect(((await (await call('/regions', {}, OTHER)).json()) as RegionSummary[]).length).toBe(before);
  });

  it('names the travel sheet when it is the travel sheet that is wrong', async () => {
    const { status, body } = await problems(await upload({ sheet: TEMPLATE, travel: ',hangzhou,ningbo\nhangzhou,,0.9\n' }));
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ field: 'travel', code: 'region-sheet' });
    expect(body.problems!.map((p) => p.code)).toEqual(['not-square']);
  });

  it('refuses a body of the wrong shape or size before any check, naming the field', async () => {
    const cases: [unknown, string, string][] = [
      [{}, 'sheet', 'required'],
      [{ sheet: '' }, 'sheet', 'required'],
      [{ sheet: 'x'.repeat(200_001) }, 'sheet', 'max-chars'],
      [{ sheet: TEMPLATE, hostToken: 'not-a-token' }, 'hostToken', 'not-a-token'],
      [{ sheet: TEMPLATE, scenario: 'x' }, 'scenario', 'extra-field'],
    ];
    for (const [body, field, code] of cases) {
      const res = await upload(body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(((await res.json()) as { error: { field: string; code: string } }).error, field).toMatchObject({ field, code });
    }
    expect((await call('/regions', { method: 'POST', body: 'a,b', headers: { 'content-type': 'text/csv' } })).status).toBe(415);
  });
});

describe('a game record that carries its region', () => {
  const record = recordOnRegion(newRegionId());
  const replay = (body: unknown) => call('/replay', { method: 'POST', body: JSON.stringify(body) });
  const refusal = async (res: Response) => ((await res.json()) as { error: { field: string; code: string } }).error;

  it('replays from the record alone, on a server that never held the region', async () => {
    const res = await replay(record);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ match: true, rounds: 3 });
  });

  it('is archived with its region and read back exactly (the record hash is stable)', async () => {
    await saveRecord(d1.db, record, await sha256(HOST), '2026-12-02T10:00:00.000Z');
    expect(await loadRecord(d1.db, gameId(record))).toEqual(record);
    expect(await saveRecord(d1.db, record, await sha256(HOST), '2026-12-02T10:05:00.000Z')).toMatchObject({ stored: 'same' });
    const res = await call(`/archive/games/${gameId(record)}/replay`, {}, HOST);
    expect(await res.json()).toEqual({ match: true, rounds: 3 });
  });

  it('is refused when the region is forged, naming the field and the rule', async () => {
    const region = record.region as Scenario;
    const cases: [RecordSchemaInput, number, string, string][] = [
      // Another region than the one the game names.
      [{ ...record, region: { ...region, id: newRegionId() } }, 400, 'record.region.id', 'region-other'],
      // A record cannot redraw a built-in map.
      [{ ...record, settings: { ...record.settings, scenario: 'classroom-4' } }, 400, 'record.region', 'region-not-sheet'],
      // A region that breaks the scenario schema.
      [{ ...record, region: { ...region, regions: region.regions.map((r, i) => (i === 1 ? { ...r, population: -5 } : r)) } }, 400, 'record.region.regions.1.population', 'at-least'],
      // A game on a region that neither carries it nor is stored here.
      [{ ...record, region: undefined }, 409, 'record.settings.scenario', 'region-missing'],
    ];
    for (const [body, status, field, code] of cases) {
      const res = await replay(body);
      expect(res.status, field).toBe(status);
      expect(await refusal(res), field).toMatchObject({ field, code });
    }
  });
});

describe('deleting a region', () => {
  let created: RegionCreated;
  beforeAll(async () => {
    const res = await upload({ sheet: TEMPLATE, hostToken: HOST });
    expect(res.status).toBe(201);
    created = (await res.json()) as RegionCreated;
  });
  const remove = (id: string, token: string | null) => call(`/regions/${id}`, { method: 'DELETE' }, token);
  const error = async (res: Response) => ((await res.json()) as { error: { field: string; code: string } }).error;
  const listed = async () => ((await (await call('/regions', {}, HOST)).json()) as RegionSummary[]).map((r) => r.id);

  it('refuses anyone but its host, naming the field, and keeps the region', async () => {
    const anonymous = await remove(created.id, null);
    expect(anonymous.status).toBe(401);
    expect(await error(anonymous)).toMatchObject({ field: 'authorization', code: 'bearer' });
    const other = await remove(created.id, OTHER);
    expect(other.status).toBe(403);
    expect(await error(other)).toMatchObject({ field: 'authorization', code: 'not-region-host' });
    for (const id of [newRegionId(), 'sheet-ABC', 'classroom-4']) {
      const missing = await remove(id, HOST);
      expect(missing.status, id).toBe(404);
      expect(await error(missing), id).toMatchObject({ field: 'id', code: 'no-region' });
    }
    expect((await call(`/regions/${created.id}`)).status).toBe(200);
    expect(await listed()).toContain(created.id);
  });

  it('renames it for its host only: the title in every language, never the map; a game already archived keeps the title it was played under', async () => {
    const rename = (id: string, body: unknown, token: string | null = HOST) => call(`/regions/${id}`, { method: 'PATCH', body: typeof body === 'string' ? body : JSON.stringify(body) }, token);
    const record = { ...recordOnRegion(created.id), code: 'RNM4XQ' };
    await saveRecord(d1.db, record, await sha256(HOST), '2026-12-02T12:00:00.000Z');
    // Refused, and nothing changes: no token, another host's, no such region, a bad title or body.
    expect(await error(await rename(created.id, { title: 'Mine now' }, null))).toMatchObject({ field: 'authorization', code: 'bearer' });
    const other = await rename(created.id, { title: 'Mine now' }, OTHER);
    expect(other.status).toBe(403);
    expect(await error(other)).toMatchObject({ field: 'authorization', code: 'not-region-host' });
    expect((await rename(newRegionId(), { title: 'Nowhere' })).status).toBe(404);
    expect((await rename('classroom-4', { title: 'Nowhere' })).status).toBe(404);
    for (const [body, field] of [[{ title: '' }, 'title'], [{ title: 'x'.repeat(61) }, 'title'], [{ title: 'Ok', map: 1 }, 'map'], [{}, 'title'], ['{', '(message)']] as const) {
      const res = await rename(created.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await error(res)).field, JSON.stringify(body)).toBe(field);
    }
    expect(((await (await call(`/regions/${created.id}`)).json()) as StoredRegion).scenario.title).toEqual(created.scenario.title);
    // Renamed: the link, the scenario and the listing say the new name; the map and the sheets are as stored.
    const res = await rename(created.id, { title: 'Zhejiang, variant B' });
    expect(res.status).toBe(200);
    const title = { en: 'Zhejiang, variant B', zh: 'Zhejiang, variant B', es: 'Zhejiang, variant B' };
    expect(await res.json()).toEqual({ id: created.id, title });
    const stored = (await (await call(`/regions/${created.id}`)).json()) as StoredRegion;
    expect(stored).toEqual({ ...created, hostToken: undefined, scenario: { ...created.scenario, title } } as unknown as StoredRegion);
    expect(((await (await call(`/scenarios/${created.id}`)).json()) as Scenario).title).toEqual(title);
    expect(((await (await call('/regions', {}, HOST)).json()) as RegionSummary[]).find((r) => r.id === created.id)!.title).toEqual(title);
    expect(((await loadRecord(d1.db, gameId(record))) as { region: Scenario }).region.title).toEqual(created.scenario.title);
  });

  it('for its host: the link, the scenario and the listing are gone; a game already archived on it keeps its map and replays', async () => {
    // Another game than the one archived above (a game's id comes from its code and start).
    const record = { ...recordOnRegion(created.id), code: 'DLT4XQ' };
    expect(record.region).toEqual(created.scenario);
    await saveRecord(d1.db, record, await sha256(HOST), '2026-12-02T11:00:00.000Z');

    const res = await remove(created.id, HOST);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: created.id, deleted: true });
    expect((await call(`/regions/${created.id}`)).status).toBe(404);
    expect((await call(`/scenarios/${created.id}`)).status).toBe(404);
    expect(await listed()).not.toContain(created.id);
    // Deleting twice finds nothing.
    expect((await remove(created.id, HOST)).status).toBe(404);

    expect(await loadRecord(d1.db, gameId(record))).toEqual(record);
    const replayed = await call(`/archive/games/${gameId(record)}/replay`, {}, HOST);
    expect(await replayed.json()).toEqual({ match: true, rounds: 3 });
  });
});
