/**
 * Opens the database: embedded PGlite in a data folder by default, PostgreSQL when a
 * connection string is given. Both are driven through the same Drizzle schema.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { LOCK_FILE_NAME, lockDataFolder, type LockHolder } from './data-folder-lock.ts';
import { createPglite } from './durable-pglite.ts';
import { isSchemaCurrent } from './schema-current.ts';
import * as schema from './schema.ts';

export { DataFolderLockedError, type LockHolder } from './data-folder-lock.ts';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Anything that runs queries: the database itself or an open transaction. */
export type Executor = Database | Transaction;

export interface DatabaseHandle {
  readonly db: Database;
  readonly kind: 'pglite' | 'postgres';
  /** Applies the migrations that have not run yet (one cheap query when there are none). */
  migrate(): Promise<void>;
  /** Says in the data folder's lock what holds it, e.g. the server's address (PGlite only). */
  describeHolder(command: string): void;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL connection string; takes precedence over dataDir. */
  readonly databaseUrl?: string | undefined;
  /** PGlite data folder; 'memory://' for an in-memory database. */
  readonly dataDir?: string | undefined;
  /** Called when an idle PostgreSQL connection fails (for logging). */
  readonly onIdleError?: ((error: Error) => void) | undefined;
  /** What the data folder's lock names as its holder; defaults to this process's command line. */
  readonly holder?: string | undefined;
  /** Called when the lock of a process that is gone is taken over (for logging). */
  readonly onStaleLock?: ((stale: LockHolder | undefined) => void) | undefined;
  /** fsync on for a data folder (default true); tests and benchmarks may trade it for speed. */
  readonly durable?: boolean | undefined;
}

/** PGlite could not open the data folder: it is damaged, unreadable or not a database. */
export class DatabaseOpenError extends Error {
  constructor(dataDir: string, cause: unknown, message?: string) {
    super(
      message ??
        `De database in ${dataDir} kan niet worden geopend: de map is beschadigd, onleesbaar of ` +
          `geen database van Basisfunctiemonitor. Kies de juiste map met BFM_DATA_DIR, of zet een ` +
          `back-up terug in een lege map met bfm restore.`,
      { cause },
    );
    this.name = 'DatabaseOpenError';
  }
}

/**
 * A folder with other files in it and no PostgreSQL data (PG_VERSION) is not ours to fill,
 * as PostgreSQL's initdb refuses it too (a mount point with lost+found, a home folder).
 */
function assertDatabaseFolder(dataDir: string): void {
  const entries = readdirSync(dataDir).filter((name) => !name.startsWith(LOCK_FILE_NAME));
  if (entries.length > 0 && !entries.includes('PG_VERSION')) {
    const shown = entries.slice(0, 3).join(', ') + (entries.length > 3 ? ' …' : '');
    throw new DatabaseOpenError(
      dataDir,
      new Error(`no PG_VERSION among ${entries.length} files`),
      `De database in ${dataDir} kan niet worden geopend: de map bevat andere bestanden ` +
        `(${shown}) en geen database. Kies met BFM_DATA_DIR een lege map (bijvoorbeeld een ` +
        `submap) of de map van een bestaande database.`,
    );
  }
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/** Any fixed number: the key of the advisory lock held while migrating ('bfm' in ASCII). */
const MIGRATION_LOCK_KEY = 0x62666d;

/**
 * Runs the migrations while holding a PostgreSQL advisory lock. Several app instances may start
 * at once on one database; without the lock each would apply the same migrations at the same
 * time and all but one would fail half-way. The lock is held on a connection of its own,
 * because the migrator takes other connections from the pool.
 */
async function migrateExclusively(pool: pg.Pool, migrate: () => Promise<void>): Promise<void> {
  const lock = await pool.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await migrate();
  } finally {
    await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    lock.release();
  }
}

/**
 * Opens a database handle. The caller closes it. A PGlite data folder is locked for this
 * process until then (data-folder-lock.ts).
 *
 * @throws {DataFolderLockedError} when another live process holds the data folder
 * @throws {DatabaseOpenError} when PGlite cannot open the data folder
 */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle connection that the server drops (restart, admin command) must not crash the
    // process: the pool replaces it on the next query.
    pool.on('error', (error) => options.onIdleError?.(error));
    const db = drizzlePg({ client: pool, schema });
    return {
      db: db as unknown as Database,
      kind: 'postgres',
      migrate: async () => {
        // The cheap check first: an instance starting on a current schema takes no lock.
        if (await isSchemaCurrent(db as unknown as Database, MIGRATIONS_FOLDER)) return;
        await migrateExclusively(pool, () =>
          migratePg(db, { migrationsFolder: MIGRATIONS_FOLDER }),
        );
      },
      describeHolder: () => {},
      close: () => pool.end(),
    };
  }
  const dataDir = options.dataDir ?? 'memory://';
  const onDisk = !dataDir.startsWith('memory://');
  if (onDisk) mkdirSync(dataDir, { recursive: true });
  // The lock comes before PGlite touches the folder: a second process must not even read it.
  const lock = onDisk
    ? lockDataFolder(dataDir, options.holder ?? describeProcess(), options.onStaleLock)
    : undefined;
  let client: Awaited<ReturnType<typeof createPglite>>;
  try {
    if (onDisk) assertDatabaseFolder(dataDir);
    client = await createPglite(dataDir, onDisk && options.durable !== false);
  } catch (error) {
    lock?.release();
    throw error instanceof DatabaseOpenError ? error : new DatabaseOpenError(dataDir, error);
  }
  const db = drizzlePglite({ client, schema });
  return {
    db: db as unknown as Database,
    kind: 'pglite',
    migrate: async () => {
      if (!(await isSchemaCurrent(db as unknown as Database, MIGRATIONS_FOLDER)))
        await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
    },
    describeHolder: (command) => lock?.describe(command),
    close: async () => {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/** The command line of this process, as the lock names its holder: `bfm import …`. */
function describeProcess(): string {
  const script = process.argv[1] ?? '';
  const name = /bfm(\.js)?$/.test(script) ? 'bfm' : script || 'node';
  return [name, ...process.argv.slice(2)].join(' ');
}
