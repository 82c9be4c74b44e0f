import { defineConfig } from 'vitest/config';

/**
 * `npm run test:faults`: the fault suite (issue 11). Each file starts its own Postgres, Redis and
 * bot processes and injects real faults, so files run one at a time and may take minutes.
 */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts', 'test/scale/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 360_000,
    restoreMocks: true,
  },
});
