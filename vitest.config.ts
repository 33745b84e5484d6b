import { defineConfig } from 'vitest/config';

const postgresAvailable = Boolean(process.env.BFM_TEST_DATABASE_URL);
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
          include: ['tests/integration/**/*.test.ts'],
          env: { BFM_TEST_DB: 'pglite' },
        },
      },
      ...(postgresAvailable
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ['tests/integration/**/*.test.ts'],
                env: { BFM_TEST_DB: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
