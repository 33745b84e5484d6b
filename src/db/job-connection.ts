/**
 * How the job queue (pg-boss) reaches the application's own database, so the queue lives in
 * the same database as the data it works on and never in one process's memory.
 */
import type { PGlite } from '@electric-sql/pglite';
import { fromPglite, type ConstructorOptions } from 'pg-boss';
import type pg from 'pg';
import type { DatabaseHandle } from './client.ts';

/**
 * pg-boss connection options for an open handle. PGlite has one connection, so pg-boss shares
 * it through its PGlite adapter (its statements queue behind the application's transactions).
 * PostgreSQL gets a small pool of its own on the same database, so polling workers never take
 * a connection the web requests need.
 */
export function readJobConnection(
  handle: DatabaseHandle,
): Pick<ConstructorOptions, 'db' | 'backend' | 'connectionString' | 'max' | 'application_name'> {
  // Drizzle keeps the driver's client on `$client`; the handle's type hides it because the
  // rest of the application must go through Drizzle.
  const client = (handle.db as unknown as { $client: PGlite | pg.Pool }).$client;
  if (handle.kind === 'pglite') return { db: fromPglite(client as PGlite), backend: 'pglite' };
  const { connectionString } = (client as pg.Pool).options;
  if (!connectionString) throw new Error('The PostgreSQL pool has no connection string.');
  return { connectionString, max: 3, application_name: 'bfm-jobs' };
}
