import { defineConfig } from 'vitest/config';

import {
  browserAvailable as hasBrowser,
  postgresAvailable as hasPostgres,
} from './tests/support/suites.ts';

const postgresAvailable = hasPostgres();
const browserAvailable = hasBrowser();
if (!browserAvailable && process.env.CI) {
  // A skipped browser suite is a failure in CI.
  throw new Error(
    'CI needs Chromium at /usr/bin/chromium for the browser suite (.ci/run installs it).',
  );
}
if (!postgresAvailable && process.env.CI) {
  // In CI a skipped PostgreSQL suite is a failure, not a silent pass.
  throw new Error(
    'CI needs BFM_TEST_DATABASE_URL for the PostgreSQL integration suite (.ci/run starts one).',
  );
}

export default defineConfig({
  test: {
    setupFiles: ['tests/support/setup.ts'],
    reporters: ['default', './tests/support/summary-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'pglite',
          // tests/embedded: what only the embedded database has (the data-folder lock, fsync).
          include: ['tests/integration/**/*.test.ts', 'tests/embedded/**/*.test.ts'],
          env: { BFM_TEST_DB: 'pglite' },
        },
      },
      ...(browserAvailable
        ? [
            {
              extends: true as const,
              test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], testTimeout: 120_000 },
            },
          ]
        : []),
      ...(postgresAvailable
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                // tests/scale: several app instances on one database, PostgreSQL only.
                include: ['tests/integration/**/*.test.ts', 'tests/scale/**/*.test.ts'],
                env: { BFM_TEST_DB: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
