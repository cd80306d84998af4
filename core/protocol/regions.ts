/**
 * A facilitator's own region (docs/scenarios.md "Hosting a game on your region"): the body
 * that stores a region sheet, and what the API answers. The sheet is checked and built by
 * core/scenarios/csv, the same code the host setup runs before uploading, so a sheet the
 * browser accepted is never refused here, and one it refused is never stored.
 */
import * as v from 'valibot';
import type { CsvError } from '../scenarios/csv/check';
import { MAX_CSV_CHARS } from '../scenarios/csv/parse';
import type { Scenario } from '../scenarios/schema';
import { say } from './refusals';
import { displayName } from './validate';

/**
 * An uploaded region's id: `sheet-` and 12 random base-36 characters (62 bits). Never a
 * built-in scenario's id, so a record made on a region never replays against a built-in map,
 * and unguessable, so a region is reached by its link only.
 */
export const REGION_ID = /^sheet-[a-z0-9]{12}$/;
export const isRegionId = (id: string) => REGION_ID.test(id);

/** A sheet as text: the limit is the checker's, so the route refuses what the checker would. */
const sheetText = v.pipe(v.string(say('not-text')), v.maxLength(MAX_CSV_CHARS, say('max-chars', { max: MAX_CSV_CHARS })));

/** Longest name a host gives a region (as a treatment label). */
export const MAX_REGION_TITLE_CHARS = 60;

export const regionUploadSchema = v.strictObject({
  /** The region sheet (CSV, one row per city). */
  sheet: v.pipe(sheetText, v.minLength(1, say('required'))),
  /** The optional travel sheet (hours between cities). */
  travel: v.optional(sheetText),
  /** The facilitator's host token, so the region is listed with their games; a new one when absent. */
  hostToken: v.optional(v.pipe(v.string(say('not-text')), v.regex(/^[0-9a-f]{32}$/, say('not-a-token')))),
  /** The facilitator's own name for it, in every language; absent: named after its core ("Hangzhou and its region"). */
  title: v.optional(displayName(1, MAX_REGION_TITLE_CHARS)),
});
export type RegionUpload = v.InferOutput<typeof regionUploadSchema>;

/**
 * A new name for one of your regions (PATCH /api/regions/:id): the title in every language,
 * since it is the facilitator's own name for it. The map never changes; games already made
 * on the region keep the title they were played under, in their copy.
 */
export const regionRenameSchema = v.strictObject({
  title: displayName(1, MAX_REGION_TITLE_CHARS),
});
export type RegionRename = v.InferOutput<typeof regionRenameSchema>;

/** The answer to renaming a region. */
export interface RegionRenamed {
  id: string;
  title: Scenario['title'];
}

/** A stored region as the API answers it (GET /api/regions/:id, and the upload's 201). */
export interface StoredRegion {
  id: string;
  createdAt: string;
  scenario: Scenario;
  /** The sheets as uploaded, so a co-facilitator can download, change and upload them again. */
  sheet: string;
  travel: string | null;
}

/** One line of the host's own list (GET /api/regions). */
export interface RegionSummary {
  id: string;
  createdAt: string;
  title: Scenario['title'];
  cities: number;
}

/**
 * The answer to deleting a region: its link and new games on it stop working; games already
 * made on it keep their own copy (their room and their record), so nothing played is lost.
 */
export interface RegionDeleted {
  id: string;
  deleted: true;
}

/** The upload's answer: the region and the host token it is kept under (the one sent, or a new one). */
export type RegionCreated = StoredRegion & { hostToken: string };

/** A refused sheet: the refusal names the field; `problems` lists each by row and column. */
export interface RegionProblems {
  problems: CsvError[];
}
