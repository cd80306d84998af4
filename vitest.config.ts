import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/model/**/*.test.ts', 'tests/scenarios/**/*.test.ts', 'tests/balance/**/*.test.ts', 'tests/deals/**/*.test.ts', 'tests/classes/**/*.test.ts', 'tests/worker/**/*.test.ts', 'tests/party/**/*.test.ts', 'tests/web/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/room/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
          environment: 'node',
          // Each file starts its own `wrangler dev`; on a 2-core machine one at a time is faster.
          fileParallelism: false,
          globalSetup: ['tests/support/build-client.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
