import type { SQL } from 'drizzle-orm';
import type { Executor } from './client.ts';

/**
 * Runs a raw SQL query and returns its rows. PGlite and node-postgres both answer with
 * `{ rows }`; this keeps that detail in one place.
 */
export async function queryRows<T>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
