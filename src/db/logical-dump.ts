/**
 * A logical copy of the database: every row of every table as text, read in one snapshot, and
 * written back into the schema of the same migration. Text is PostgreSQL's own input format
 * for every type, so a value goes back exactly as it came out, in PGlite and PostgreSQL alike:
 * a backup of the embedded database can be restored on a PostgreSQL server.
 */
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Database, Executor } from './client.ts';
import { MIGRATIONS_FOLDER } from './client.ts';
import { queryRows } from './query.ts';

/** Where drizzle keeps which migrations ran. */
const MIGRATIONS_TABLE = sql`drizzle.__drizzle_migrations`;

export interface AppliedMigration {
  readonly hash: string;
  readonly createdAt: number;
}

/** One table: its columns, in order, and its rows as text (null stays null). */
export interface TableContents {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | null)[])[];
}

export interface SequenceValue {
  readonly name: string;
  /** null: the sequence was never used. */
  readonly lastValue: string | null;
}

export interface DatabaseContents {
  readonly migrations: readonly AppliedMigration[];
  /** In an order that satisfies the foreign keys: a table comes after those it refers to. */
  readonly tables: readonly TableContents[];
  readonly sequences: readonly SequenceValue[];
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The application's tables, referenced tables first (a table referring to itself is fine). */
async function listTables(executor: Executor): Promise<string[]> {
  const tables = (
    await queryRows<{ name: string }>(
      executor,
      sql`select table_name as name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    )
  ).map((row) => row.name);
  const references = await queryRows<{ child: string; parent: string }>(
    executor,
    sql`select c.relname as child, p.relname as parent
        from pg_constraint k
        join pg_class c on c.oid = k.conrelid
        join pg_class p on p.oid = k.confrelid
        join pg_namespace n on n.oid = c.relnamespace
        where k.contype = 'f' and n.nspname = 'public'
        order by c.relname, p.relname, k.conname`,
  );
  // Ordered, so two databases with the same schema list their tables in the same order
  // (the catalogue's own order differs between a migrated and a restored database).
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (table: string) => {
    if (ordered.includes(table) || visiting.has(table)) return;
    visiting.add(table);
    for (const { child, parent } of references)
      if (child === table && parent !== table) visit(parent);
    ordered.push(table);
  };
  for (const table of tables) visit(table);
  return ordered;
}

async function readTable(executor: Executor, name: string): Promise<TableContents> {
  const columns = (
    await queryRows<{ name: string }>(
      executor,
      sql`select column_name as name from information_schema.columns
          where table_schema = 'public' and table_name = ${name} and is_generated = 'NEVER'
          order by ordinal_position`,
    )
  ).map((row) => row.name);
  const list = columns.map((column, index) => `${quote(column)}::text as c${index}`).join(', ');
  // Ordered by every column, so two copies of the same data read the same.
  const order = columns.map((_, index) => String(index + 1)).join(', ');
  const rows = await queryRows<Record<string, string | null>>(
    executor,
    sql.raw(`select ${list} from ${quote(name)} order by ${order}`),
  );
  return { name, columns, rows: rows.map((row) => columns.map((_, i) => row[`c${i}`] ?? null)) };
}

async function readMigrations(executor: Executor): Promise<AppliedMigration[]> {
  const rows = await queryRows<{ hash: string; created_at: string | number }>(
    executor,
    sql`select hash, created_at from ${MIGRATIONS_TABLE} order by created_at, id`,
  );
  return rows.map((row) => ({ hash: row.hash, createdAt: Number(row.created_at) }));
}

/** Reads everything in one snapshot: a backup never mixes two moments. */
export async function readDatabaseContents(db: Database): Promise<DatabaseContents> {
  return db.transaction(
    async (tx) => {
      const migrations = await readMigrations(tx);
      const tables: TableContents[] = [];
      for (const name of await listTables(tx)) tables.push(await readTable(tx, name));
      const sequences = await queryRows<{ name: string; last_value: string | null }>(
        tx,
        sql`select sequencename as name, last_value::text as last_value from pg_sequences
            where schemaname = 'public' order by sequencename`,
      );
      return {
        migrations,
        tables,
        sequences: sequences.map((row) => ({ name: row.name, lastValue: row.last_value })),
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** The number of rows in the application's tables: 0 for a database nothing was put in. */
export async function countRows(db: Database): Promise<number> {
  let total = 0;
  for (const name of await listTables(db)) {
    const [row] = await queryRows<{ count: string | number }>(
      db,
      sql.raw(`select count(*) as count from ${quote(name)}`),
    );
    total += Number(row?.count ?? 0);
  }
  return total;
}

/** The backup's migrations are not a beginning of this version's migrations. */
export class UnknownMigrationsError extends Error {
  /** true: the backup is of a newer version; false: of another branch of migrations. */
  readonly newer: boolean;

  constructor(newer: boolean) {
    super(
      newer ? 'the backup is of a newer version' : 'the backup has migrations this version lacks',
    );
    this.name = 'UnknownMigrationsError';
    this.newer = newer;
  }
}

/** How many of this version's migrations the backup had; throws when they do not match. */
export function countMatchingMigrations(applied: readonly AppliedMigration[]): number {
  const known = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  if (applied.length > known.length) throw new UnknownMigrationsError(true);
  applied.forEach((migration, index) => {
    const own = known[index];
    if (own?.hash !== migration.hash || own.folderMillis !== migration.createdAt)
      throw new UnknownMigrationsError(false);
  });
  return applied.length;
}

/** Rows per insert statement: well under the 65,535 parameters one statement may carry. */
const ROWS_PER_INSERT = 200;

/**
 * Replaces the whole database by the contents, in one transaction: the schema is rebuilt at
 * the backup's migration, the rows and sequences put back. Run the remaining migrations
 * afterwards (handle.migrate()) to bring an older backup up to this version.
 */
/** Empties the database: the application's schema (left empty) and drizzle's bookkeeping. */
export async function dropApplicationSchemas(executor: Executor): Promise<void> {
  await executor.execute(sql`drop schema if exists drizzle cascade`);
  await executor.execute(sql`drop schema if exists public cascade`);
  await executor.execute(sql`create schema public`);
}

export async function replaceDatabaseContents(
  db: Database,
  contents: DatabaseContents,
): Promise<void> {
  const count = countMatchingMigrations(contents.migrations);
  const migrations = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).slice(0, count);
  await db.transaction(async (tx) => {
    await dropApplicationSchemas(tx);
    await tx.execute(sql`create schema drizzle`);
    await tx.execute(
      sql`create table ${MIGRATIONS_TABLE} (id serial primary key, hash text not null, created_at bigint)`,
    );
    for (const migration of migrations) {
      for (const statement of migration.sql) await tx.execute(sql.raw(statement));
      await tx.execute(
        sql`insert into ${MIGRATIONS_TABLE} (hash, created_at) values (${migration.hash}, ${migration.folderMillis})`,
      );
    }
    for (const table of contents.tables) await insertRows(tx, table);
    for (const sequence of contents.sequences) {
      await tx.execute(
        sequence.lastValue === null
          ? sql`select setval(${quote(sequence.name)}, 1, false)`
          : sql`select setval(${quote(sequence.name)}, ${sequence.lastValue}::bigint, true)`,
      );
    }
  });
}

async function insertRows(tx: Executor, table: TableContents): Promise<void> {
  const columns = table.columns.map(quote).join(', ');
  for (let start = 0; start < table.rows.length; start += ROWS_PER_INSERT) {
    const batch = table.rows.slice(start, start + ROWS_PER_INSERT);
    const values = sql.join(
      batch.map(
        (row) =>
          sql`(${sql.join(
            row.map((value) => sql`${value}`),
            sql`, `,
          )})`,
      ),
      sql`, `,
    );
    // Identity columns take the stored value, not a new one.
    await tx.execute(
      sql`insert into ${sql.raw(quote(table.name))} (${sql.raw(columns)}) overriding system value values ${values}`,
    );
  }
}
