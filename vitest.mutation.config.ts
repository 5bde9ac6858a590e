// The tests StrykerJS runs against each mutant (`npm run test:mutation`): the ones that import src/
// in-process. Tests that run the built CLI (bin/impact.js -> dist/) cannot see a mutant of src/, so
// they are left out here; they still run in `npm test`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'indicators/**/*.test.ts',
      'test/engine/**/*.test.ts',
      'test/data/**/*.test.ts',
      'test/config/**/*.test.ts',
      'test/report/golden.test.ts',
      'test/report/privacy.test.ts',
    ],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
