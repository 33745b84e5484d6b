/**
 * The health check behind GET /gezondheid: does the database answer? For load balancers and
 * monitoring, so it reads nothing but `select 1` and writes nothing.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';

/** How long the database gets to answer before the check reports it as down. */
export const HEALTH_TIMEOUT_MS = 2_000;

export type HealthReport =
  | { readonly status: 'ok'; readonly database: 'ok' }
  | { readonly status: 'fout'; readonly database: 'geen antwoord' };

/** Runs `select 1` with a timeout; never throws. */
export async function checkHealth(
  db: Database,
  timeoutMs = HEALTH_TIMEOUT_MS,
): Promise<HealthReport> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
  });
  try {
    await Promise.race([db.execute(sql`select 1`), timeout]);
    return { status: 'ok', database: 'ok' };
  } catch {
    return { status: 'fout', database: 'geen antwoord' };
  } finally {
    clearTimeout(timer);
  }
}
