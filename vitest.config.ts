import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'indicators/**/*.test.ts'],
    // The CLI tests run bin/impact.js, which imports dist/: build it once before any test.
    globalSetup: ['test/global-setup.ts'],
    // CLI tests spawn many `impact` runs; on a shared 2-core machine under load one took 100 s. A
    // timeout is a hang detector here, never a performance check (that is `npm run bench`).
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // The JSON report is what .ci/run counts passed and failed tests from.
    reporters: ['default', 'json'],
    outputFile: { json: '.test-results/vitest.json' },
  },
});
