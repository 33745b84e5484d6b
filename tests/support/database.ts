/**
 * A fresh, migrated database for each test file: in-memory PGlite by default, or a new
 * database on the PostgreSQL server named in BFM_TEST_DATABASE_URL for the 'postgres' project.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';

export type TestDatabaseKind = 'pglite' | 'postgres';

export const testDatabaseKind: TestDatabaseKind =
  process.env.BFM_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

export interface TestDatabase extends DatabaseHandle {
  /** Drops the database (PostgreSQL) and closes the handle. */
  dispose(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.BFM_TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'BFM_TEST_DATABASE_URL is not set: the PostgreSQL integration suite needs a server (see docs/testing.md).',
    );
  }
  return url;
}

/** Creates a fresh migrated database, optionally with the reference data loaded. */
export async function createTestDatabase(
  options: { reference?: boolean } = {},
): Promise<TestDatabase> {
  let handle: DatabaseHandle;
  let drop: () => Promise<void> = async () => {};
  if (testDatabaseKind === 'postgres') {
    const admin = adminUrl();
    const name = `bfm_test_${process.env.VITEST_POOL_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`create database ${name}`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    handle = await openDatabase({ databaseUrl: url.toString() });
    drop = async () => {
      const dropper = new pg.Client({ connectionString: admin });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    };
  } else {
    handle = await openDatabase({ dataDir: 'memory://' });
  }
  await handle.migrate();
  if (options.reference !== false) await loadReferenceData(handle.db);
  return {
    ...handle,
    dispose: async () => {
      await handle.close();
      await drop();
    },
  };
}

export interface TestEnvironment {
  /** Environment variables that point the CLI at this test's own database. */
  readonly env: Record<string, string>;
  dispose(): Promise<void>;
}

/**
 * A database location for tests that run the CLI, which opens and closes the database
 * itself: a temporary PGlite folder, or a fresh database on the PostgreSQL server.
 */
export async function createTestEnvironment(): Promise<TestEnvironment> {
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  if (testDatabaseKind === 'postgres') {
    const admin = adminUrl();
    const name = `bfm_cli_${process.env.VITEST_POOL_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`create database ${name}`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    return {
      env: { DATABASE_URL: url.toString(), LOG_LEVEL: 'silent' },
      dispose: async () => {
        const dropper = new pg.Client({ connectionString: admin });
        await dropper.connect();
        await dropper.query(`drop database if exists ${name} with (force)`);
        await dropper.end();
      },
    };
  }
  const dir = await mkdtemp(join(tmpdir(), 'bfm-test-'));
  return {
    env: { BFM_DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
