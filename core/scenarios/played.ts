/**
 * Which map a game is played on: a built-in scenario, found by id, or a facilitator's own
 * region (docs/scenarios.md), which travels with the game itself (the room holds it, the
 * model's request and the game record carry it) so replay and what-if reproduce the game
 * anywhere, even where the region was never uploaded.
 */
import type { InputError } from '../protocol/validate';
import { isRegionId } from '../protocol/regions';
import { refusal } from '../protocol/refusals';
import { getScenario } from './index';
import { checkScenario, type Scenario } from './schema';

/**
 * The scenario a game names (`id`), given the region it carries, if any. A carried region must
 * be the one named, under a region id (never a built-in's id: a record cannot redraw a
 * built-in map), and pass every check a scenario passes; `field` is where it was found.
 */
export function playedScenario(id: string, region: unknown, field: string): { ok: true; scenario: Scenario } | { ok: false; error: InputError } {
  if (region === undefined || region === null) {
    const builtIn = getScenario(id);
    return builtIn ? { ok: true, scenario: builtIn } : { ok: false, error: refusal(field, isRegionId(id) ? 'region-missing' : 'server-scenario', { scenario: id }) };
  }
  if (!isRegionId(id)) return { ok: false, error: refusal(field, 'region-not-sheet', { scenario: id }) };
  const checked = checkScenario(region);
  if (!checked.ok) return { ok: false, error: { ...checked.error, field: `${field}.${checked.error.field}` } };
  if (checked.value.id !== id) return { ok: false, error: refusal(`${field}.id`, 'region-other', { scenario: id, region: checked.value.id }) };
  return { ok: true, scenario: checked.value };
}
