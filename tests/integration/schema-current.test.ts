/**
 * The shortcut that skips Drizzle's migrator when the schema is current (src/db/schema-current.ts):
 * it must say "current" only when every migration of the journal has been applied, on PGlite
 * and on PostgreSQL.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '../../src/db/client.ts';
import { queryRows } from '../../src/db/query.ts';
import { isSchemaCurrent, readLatestMigration } from '../../src/db/schema-current.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

describe('skipping the migrator when the schema is current', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ reference: false });
  });
  afterAll(async () => {
    await database.dispose();
  });

  it('reports a migrated database as current, and migrating again changes nothing', async () => {
    expect(await isSchemaCurrent(database.db, MIGRATIONS_FOLDER)).toBe(true);
    const before = await queryRows(
      database.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    await database.migrate();
    const after = await queryRows(
      database.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    expect(after).toEqual(before);
  });

  it('reports a database behind the journal as not current, so the migrator runs', async () => {
    const latest = readLatestMigration(MIGRATIONS_FOLDER);
    // As if the newest migration had not been applied yet: its row carries an older date.
    await database.db.execute(
      sql`update drizzle.__drizzle_migrations set created_at = ${latest - 1} where created_at = ${latest}`,
    );
    try {
      expect(await isSchemaCurrent(database.db, MIGRATIONS_FOLDER)).toBe(false);
    } finally {
      await database.db.execute(
        sql`update drizzle.__drizzle_migrations set created_at = ${latest} where created_at = ${latest - 1}`,
      );
    }
  });

  it('reports a database without the migrations table as not current', async () => {
    await database.db.execute(sql`alter schema drizzle rename to drizzle_moved`);
    try {
      expect(await isSchemaCurrent(database.db, MIGRATIONS_FOLDER)).toBe(false);
    } finally {
      await database.db.execute(sql`alter schema drizzle_moved rename to drizzle`);
    }
  });
});
