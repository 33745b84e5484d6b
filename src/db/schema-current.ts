/**
 * Whether the database already has every migration of the journal, in one cheap query.
 *
 * Why: Drizzle's migrator reads and hashes every SQL file, creates its schema and table "if not
 * exists" and runs a transaction on every start, even when there is nothing to do; for a short
 * CLI command such as `bfm rounds` that was a noticeable part of its run time. The migrator
 * applies a migration when the newest `created_at` in drizzle.__drizzle_migrations is older
 * than the migration's `when` in the journal; this applies the same rule to the newest entry
 * only, and leaves every other case (a fresh database, a newer journal) to the migrator.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from './client.ts';
import { queryRows } from './query.ts';

const JournalSchema = z.object({ entries: z.array(z.object({ when: z.number() })) });

/** The `when` of the newest migration in the folder's journal. */
export function readLatestMigration(migrationsFolder: string): number {
  const journal = JournalSchema.parse(
    JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')),
  );
  return Math.max(0, ...journal.entries.map((entry) => entry.when));
}

/** True when the newest applied migration is at least as new as the journal's newest. */
export async function isSchemaCurrent(db: Executor, migrationsFolder: string): Promise<boolean> {
  const latest = readLatestMigration(migrationsFolder);
  // to_regclass first: querying a missing table would put an error in the server's log.
  const [table] = await queryRows<{ present: boolean }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (table?.present !== true) return false;
  const [applied] = await queryRows<{ newest: string | null }>(
    db,
    sql`select max(created_at)::text as newest from drizzle.__drizzle_migrations`,
  );
  return applied?.newest != null && Number(applied.newest) >= latest;
}
