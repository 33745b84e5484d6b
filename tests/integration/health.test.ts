/**
 * GET /gezondheid (and /healthz): 200 while the database answers, 503 with a Dutch status
 * when it does not; no session, never cached. On PGlite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { startWebServer, type RunningServer } from '../../src/web/server.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let database: TestDatabase;
let server: RunningServer;

beforeAll(async () => {
  database = await createTestDatabase({ reference: false });
  server = await startWebServer({ handle: database, port: 0 });
});
afterAll(async () => {
  await server.close();
  await database.dispose();
});

describe('health check', () => {
  it('answers 200 with the database status, uncached, under both names', async () => {
    for (const path of ['/gezondheid', '/healthz']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
    }
  });

  it('answers 503 in Dutch when the database does not answer', async () => {
    // A database nobody listens on: every query fails, as when the server is down.
    const unreachable = await openDatabase({ databaseUrl: 'postgres://bfm@127.0.0.1:1/bfm' });
    const orphan = await startWebServer({ handle: unreachable, port: 0 });
    try {
      const response = await fetch(`${orphan.url}/gezondheid`);
      expect(response.status).toBe(503);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.json()).toEqual({ status: 'fout', database: 'geen antwoord' });
    } finally {
      await orphan.close();
      await unreachable.close();
    }
  });
});
