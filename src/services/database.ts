/**
 * Opening the application's database for the CLI and the web server, from the parsed
 * environment: PostgreSQL when DATABASE_URL is set, otherwise PGlite in BFM_DATA_DIR.
 */
import type { Env } from '../config/env.ts';
import { openDatabase, type DatabaseHandle, type LockHolder } from '../db/client.ts';

export type { Database, DatabaseHandle, LockHolder } from '../db/client.ts';
export { DatabaseOpenError, DataFolderLockedError } from '../db/client.ts';

/**
 * Opens and migrates the database; the caller closes the handle. A PGlite data folder is
 * locked for this process until then: a second process is refused (DataFolderLockedError).
 */
export async function openApplicationDatabase(
  env: Pick<Env, 'DATABASE_URL' | 'BFM_DATA_DIR'>,
  options: { readonly onStaleLock?: (stale: LockHolder | undefined) => void } = {},
): Promise<DatabaseHandle> {
  const handle = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.BFM_DATA_DIR,
    onStaleLock: options.onStaleLock,
  });
  try {
    await handle.migrate();
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}
