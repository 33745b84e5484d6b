/**
 * `bfm serve` runs in production unless told otherwise, and refuses to start without the
 * public address that every link in e-mail is built on (issue 8, items 7 and 13).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bfm } from '../support/cli.ts';
import { createTestEnvironment, type TestEnvironment } from '../support/database.ts';

let environment: TestEnvironment;

beforeAll(async () => {
  environment = await createTestEnvironment();
});
afterAll(async () => {
  await environment.dispose();
});

describe('bfm serve', () => {
  it('defaults to production and refuses to start without PUBLIC_URL, saying what to set', async () => {
    const result = await bfm(environment.env, 'serve', '--port', '0');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('PUBLIC_URL ontbreekt');
    expect(result.stderr).toContain('PUBLIC_URL=https://monitor.example.nl');
  });

  it('refuses a PUBLIC_URL that is not a web address', async () => {
    const result = await bfm(
      { ...environment.env, PUBLIC_URL: 'ftp://monitor.example.nl' },
      'serve',
      '--port',
      '0',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('PUBLIC_URL moet beginnen met https:// of http://');
  });

  it('refuses a BFM_TRUST_PROXY that would trust every proxy', async () => {
    const result = await bfm({ ...environment.env, BFM_TRUST_PROXY: 'true' }, 'serve');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("BFM_TRUST_PROXY moet 0 zijn, een aantal proxy's");
  });
});
