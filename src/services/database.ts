/**
 * Opening the application's database for the CLI and the web server, from the parsed
 * environment: PostgreSQL when DATABASE_URL is set, otherwise PGlite in BFM_DATA_DIR.
 */
import type { Env } from '../config/env.ts';
import { openDatabase, type DatabaseHandle } from '../db/client.ts';

export type { Database, DatabaseHandle } from '../db/client.ts';

/** Opens and migrates the database; the caller closes the handle. */
export async function openApplicationDatabase(
  env: Pick<Env, 'DATABASE_URL' | 'BFM_DATA_DIR'>,
): Promise<DatabaseHandle> {
  const handle = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.BFM_DATA_DIR });
  try {
    await handle.migrate();
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}
