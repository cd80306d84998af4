/** The client's view of the archive API stays in step with the worker's. */
import { expect, it } from 'vitest';
import { CSV_FILES as WORKER_CSV } from '../../worker/archive/export';
import { CSV_FILES, exportPath } from '../../web/src/lib/api';

it('offers every CSV file the archive exports, at its route', () => {
  expect([...CSV_FILES]).toEqual([...WORKER_CSV]);
  expect(exportPath({ gameId: 'K7PM3X-1' }, 'regions')).toBe('/api/archive/games/K7PM3X-1/export/regions.csv');
  expect(exportPath({ shareToken: 'ab'.repeat(16) }, 'json')).toBe(`/api/shared/${'ab'.repeat(16)}/export.json`);
});
