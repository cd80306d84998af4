/** Facilitators' regions in D1 (migrations/0003_regions.sql): the map stored once, never changed; only their host may rename or delete them. */
import type { RegionSummary, StoredRegion } from '../../core/protocol/regions';
import type { Scenario } from '../../core/scenarios/schema';

interface RegionRow {
  id: string;
  host_hash: string;
  created_at: string;
  sheet: string;
  travel: string | null;
  scenario: string;
}

export async function saveRegion(db: D1Database, region: StoredRegion, hostHash: string): Promise<void> {
  await db
    .prepare('INSERT INTO regions (id, host_hash, created_at, sheet, travel, scenario) VALUES (?, ?, ?, ?, ?, ?)')
    .bind(region.id, hostHash, region.createdAt, region.sheet, region.travel, JSON.stringify(region.scenario))
    .run();
}

export async function loadRegion(db: D1Database, id: string): Promise<StoredRegion | null> {
  const row = await db.prepare('SELECT * FROM regions WHERE id = ?').bind(id).first<RegionRow>();
  if (!row) return null;
  return { id: row.id, createdAt: row.created_at, scenario: JSON.parse(row.scenario) as Scenario, sheet: row.sheet, travel: row.travel };
}

/** The regions a host uploaded, newest first. */
export async function listRegions(db: D1Database, hostHash: string): Promise<RegionSummary[]> {
  const { results } = await db
    .prepare('SELECT id, created_at, scenario FROM regions WHERE host_hash = ? ORDER BY created_at DESC LIMIT 200')
    .bind(hostHash)
    .all<Pick<RegionRow, 'id' | 'created_at' | 'scenario'>>();
  return results.map((row) => {
    const s = JSON.parse(row.scenario) as Scenario;
    return { id: row.id, createdAt: row.created_at, title: s.title, cities: s.regions.length };
  });
}

/**
 * Delete a region for the host who stored it. One statement decides, so a region cannot be
 * deleted by anyone else between a check and the delete.
 */
export async function deleteRegion(db: D1Database, id: string, hostHash: string): Promise<'deleted' | 'missing' | 'not-host'> {
  const done = await db.prepare('DELETE FROM regions WHERE id = ? AND host_hash = ?').bind(id, hostHash).run();
  if (done.meta.changes > 0) return 'deleted';
  const row = await db.prepare('SELECT 1 AS found FROM regions WHERE id = ?').bind(id).first<{ found: number }>();
  return row ? 'not-host' : 'missing';
}

/**
 * Give a region a new title, for the host who stored it: only the scenario's title changes
 * (one SQL statement, like the delete), never its map or its sheets.
 */
export async function renameRegion(db: D1Database, id: string, hostHash: string, title: Scenario['title']): Promise<'renamed' | 'missing' | 'not-host'> {
  const done = await db.prepare("UPDATE regions SET scenario = json_set(scenario, '$.title', json(?)) WHERE id = ? AND host_hash = ?").bind(JSON.stringify(title), id, hostHash).run();
  if (done.meta.changes > 0) return 'renamed';
  const row = await db.prepare('SELECT 1 AS found FROM regions WHERE id = ?').bind(id).first<{ found: number }>();
  return row ? 'not-host' : 'missing';
}
