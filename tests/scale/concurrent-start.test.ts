/**
 * Two app instances starting at the same moment on a fresh PostgreSQL database (a rolling
 * deployment, a restart of both): both migrate, and neither may fail on the other's half-done
 * migration.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.ts';
import { queryRows } from '../../src/db/query.ts';
import { sql } from 'drizzle-orm';
import { startAppProcess } from '../support/app-process.ts';
import { createTestEnvironment, type TestEnvironment } from '../support/database.ts';

let environment: TestEnvironment;
const handles: DatabaseHandle[] = [];

beforeAll(async () => {
  environment = await createTestEnvironment();
});
afterAll(async () => {
  for (const handle of handles) await handle.close();
  await environment.dispose();
});

describe('two instances starting at once', () => {
  it('migrates a fresh database once, without either instance failing', async () => {
    const databaseUrl = environment.env.DATABASE_URL;
    if (!databaseUrl) throw new Error('the scale tests run on PostgreSQL only');
    for (let i = 0; i < 3; i++) handles.push(await openDatabase({ databaseUrl }));
    const results = await Promise.allSettled(handles.map((handle) => handle.migrate()));
    expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual([
      'ok',
      'ok',
      'ok',
    ]);
    const applied = await queryRows<{ hash: string }>(
      handles[0]!.db,
      sql`select hash from drizzle.__drizzle_migrations`,
    );
    expect(new Set(applied.map((r) => r.hash)).size).toBe(applied.length);
  });

  it('starts two bfm serve processes at once on a fresh database', async () => {
    const fresh = await createTestEnvironment();
    const started = await Promise.allSettled([
      startAppProcess(fresh.env),
      startAppProcess(fresh.env),
    ]);
    try {
      expect(started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'ok'))).toEqual([
        'ok',
        'ok',
      ]);
      for (const app of started) {
        if (app.status !== 'fulfilled') continue;
        expect((await fetch(`${app.value.url}/gezondheid`)).status).toBe(200);
      }
    } finally {
      for (const app of started) if (app.status === 'fulfilled') await app.value.stop();
      await fresh.dispose();
    }
  });
});
