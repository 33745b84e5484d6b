/**
 * Which optional test suites can run here: the PostgreSQL integration suite needs a server
 * (BFM_TEST_DATABASE_URL), the browser suite needs Chromium. vitest.config.ts and the
 * summary reporter read the same answer.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.BFM_CHROMIUM ?? '/usr/bin/chromium';

export const postgresAvailable = (): boolean => Boolean(process.env.BFM_TEST_DATABASE_URL);
export const browserAvailable = (): boolean => existsSync(CHROMIUM_PATH);

/** What a developer reads when a suite was left out, and how to include it. */
export function describeSkippedSuites(): string[] {
  const lines: string[] = [];
  if (!postgresAvailable())
    lines.push(
      'The PostgreSQL integration suite was skipped: BFM_TEST_DATABASE_URL is not set. To run it, ' +
        'start a throw-away server and run the tests again: ' +
        'export BFM_TEST_DATABASE_URL=$(scripts/start-test-postgres.sh) && npm test',
    );
  if (!browserAvailable())
    lines.push(
      `The browser suite was skipped: no Chromium at ${CHROMIUM_PATH}. To run it, ` +
        'install it (apt-get install chromium) or point BFM_CHROMIUM at one, and run npm test again.',
    );
  return lines;
}
