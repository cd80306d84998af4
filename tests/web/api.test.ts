/** Where the client finds an archived game's exports (the file list is core/protocol/archive.ts). */
import { expect, it } from 'vitest';
import { exportPath } from '../../web/src/lib/api';

it('finds every export at its route', () => {
  expect(exportPath({ gameId: 'K7PM3X-1' }, 'regions')).toBe('/api/archive/games/K7PM3X-1/export/regions.csv');
  expect(exportPath({ shareToken: 'ab'.repeat(16) }, 'json')).toBe(`/api/shared/${'ab'.repeat(16)}/export.json`);
});
