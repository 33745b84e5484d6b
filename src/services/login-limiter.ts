/**
 * The login rate limiter. State lives only in the database (table login_attempts, one row per
 * key), so several app instances share it.
 *
 * Three counters guard every attempt:
 * - per account and address together (`pair:`): after PAIR_FREE_FAILURES failures each next
 *   attempt waits after the last failure, 1 minute and doubling up to 15 minutes. This is the
 *   limit an attacker guessing one password meets, and the only one the real user can meet
 *   through an attacker: a lock on (U, X) never blocks U from address Y.
 * - per address across accounts (`address:`): ADDRESS_MAX_FAILURES failures per window,
 *   against password spraying from one address.
 * - per account across addresses (`account:`): ACCOUNT_MAX_FAILURES failures per window,
 *   against a botnet guessing one account from many addresses.
 * The address and account limits are skipped for an address from which the account logged in
 * successfully within TRUST_DAYS (the pair is 'known'). The trade-off: during a distributed
 * attack the real user can still log in from an address they used before, but not from a new
 * one until the window ends; the attacker gets at most ACCOUNT_MAX_FAILURES guesses an hour,
 * far too few against a password the strength check accepts.
 *
 * Atomic: the check and the count happen in one transaction that locks the rows of the three
 * keys, and an attempt counts as a failure *before* the password is verified (taken back on
 * success). So N concurrent attempts are counted N times and no more than the allowed number
 * reach the (expensive) argon2 check.
 */
import { and, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/client.ts';
import { loginAttempts } from '../db/schema.ts';

export const PAIR_FREE_FAILURES = 5;
const PAIR_FIRST_DELAY_MS = 60_000;
const PAIR_MAX_DELAY_MS = 15 * 60_000;
/** A pair's failures are forgotten a day after the last one. */
const PAIR_FORGET_MS = 24 * 3_600_000;
export const ADDRESS_MAX_FAILURES = 50;
const ADDRESS_WINDOW_MS = 15 * 60_000;
export const ACCOUNT_MAX_FAILURES = 100;
const ACCOUNT_WINDOW_MS = 3_600_000;
export const TRUST_DAYS = 30;
/** Forms kept after a session expired, per account and window (see pending-form-service). */
export const FORM_KEEPS_PER_WINDOW = 30;
const FORM_WINDOW_MS = 3_600_000;

export interface LoginKeys {
  readonly pair: string;
  readonly address: string;
  readonly account: string;
}

export function loginKeys(email: string, clientAddress: string): LoginKeys {
  return {
    pair: `pair:${email}|${clientAddress}`,
    address: `address:${clientAddress}`,
    account: `account:${email}`,
  };
}

/**
 * How long the pair must wait after its last failure, given its number of failures.
 *
 * @example
 * pairDelayMs(4); // 0
 * pairDelayMs(5); // 60_000 (1 minute)
 * pairDelayMs(7); // 240_000 (4 minutes)
 * pairDelayMs(12); // 900_000 (15 minutes, the ceiling)
 */
export function pairDelayMs(failures: number): number {
  if (failures < PAIR_FREE_FAILURES) return 0;
  return Math.min(PAIR_FIRST_DELAY_MS * 2 ** (failures - PAIR_FREE_FAILURES), PAIR_MAX_DELAY_MS);
}

export type LimitDecision =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

type CounterRow = typeof loginAttempts.$inferSelect;

/**
 * Checks the three limits and, when allowed, counts the attempt as a failure, atomically.
 * Call `settleLoginAttempt` after a successful login to take the count back.
 */
export async function reserveLoginAttempt(
  db: Database,
  keys: LoginKeys,
  now: Date,
): Promise<LimitDecision> {
  const all = [keys.account, keys.address, keys.pair].sort();
  return db.transaction(async (tx) => {
    // Rows are created and then locked in key order, so two attempts never deadlock.
    await tx
      .insert(loginAttempts)
      .values(all.map((key) => ({ key, failures: 0, windowStart: now })))
      .onConflictDoNothing();
    const rows = await tx
      .select()
      .from(loginAttempts)
      .where(inArray(loginAttempts.key, all))
      .orderBy(loginAttempts.key)
      .for('update');
    const byKey = new Map(rows.map((row) => [row.key, row]));
    const row = (key: string): CounterRow =>
      byKey.get(key) ?? {
        key,
        failures: 0,
        windowStart: now,
        lastFailureAt: null,
        trustedUntil: null,
      };
    const t = now.getTime();

    const pair = row(keys.pair);
    const pairFailures =
      pair.lastFailureAt && t - pair.lastFailureAt.getTime() < PAIR_FORGET_MS ? pair.failures : 0;
    const windowed = (counter: CounterRow, windowMs: number) =>
      t - counter.windowStart.getTime() < windowMs
        ? { failures: counter.failures, windowStart: counter.windowStart }
        : { failures: 0, windowStart: now };
    const address = windowed(row(keys.address), ADDRESS_WINDOW_MS);
    const account = windowed(row(keys.account), ACCOUNT_WINDOW_MS);
    const known = pair.trustedUntil !== null && pair.trustedUntil.getTime() > t;

    const waits: number[] = [];
    if (pair.lastFailureAt && pairFailures >= PAIR_FREE_FAILURES)
      waits.push(pair.lastFailureAt.getTime() + pairDelayMs(pairFailures) - t);
    if (!known && address.failures >= ADDRESS_MAX_FAILURES)
      waits.push(address.windowStart.getTime() + ADDRESS_WINDOW_MS - t);
    if (!known && account.failures >= ACCOUNT_MAX_FAILURES)
      waits.push(account.windowStart.getTime() + ACCOUNT_WINDOW_MS - t);
    const wait = Math.max(0, ...waits);
    if (wait > 0) return { allowed: false, retryAfterSeconds: Math.ceil(wait / 1000) };

    await tx
      .update(loginAttempts)
      .set({ failures: pairFailures + 1, lastFailureAt: now })
      .where(sql`${loginAttempts.key} = ${keys.pair}`);
    await tx
      .update(loginAttempts)
      .set({ failures: address.failures + 1, windowStart: address.windowStart, lastFailureAt: now })
      .where(sql`${loginAttempts.key} = ${keys.address}`);
    await tx
      .update(loginAttempts)
      .set({ failures: account.failures + 1, windowStart: account.windowStart, lastFailureAt: now })
      .where(sql`${loginAttempts.key} = ${keys.account}`);
    return { allowed: true };
  });
}

/**
 * After a successful login: the pair starts afresh and becomes known for TRUST_DAYS; the
 * attempt is taken back from the address and account counters. Also prunes counters nobody
 * needs any more, so the table stays one row per active key.
 */
export async function settleLoginAttempt(db: Database, keys: LoginKeys, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(loginAttempts)
      .set({
        failures: 0,
        lastFailureAt: null,
        trustedUntil: new Date(now.getTime() + TRUST_DAYS * 86_400_000),
      })
      .where(sql`${loginAttempts.key} = ${keys.pair}`);
    await tx
      .update(loginAttempts)
      .set({ failures: sql`greatest(${loginAttempts.failures} - 1, 0)` })
      .where(inArray(loginAttempts.key, [keys.address, keys.account]));
    await pruneLoginCounters(tx, now);
  });
}

/**
 * Deletes the counters nobody needs any more: no failure for a day and no trust left. Runs on
 * every successful login; a periodic job may call it too.
 */
export async function pruneLoginCounters(executor: Executor, now = new Date()): Promise<number> {
  const dayAgo = new Date(now.getTime() - PAIR_FORGET_MS);
  const deleted = await executor
    .delete(loginAttempts)
    .where(
      and(
        lt(loginAttempts.windowStart, dayAgo),
        or(isNull(loginAttempts.lastFailureAt), lt(loginAttempts.lastFailureAt, dayAgo)),
        or(isNull(loginAttempts.trustedUntil), lt(loginAttempts.trustedUntil, now)),
      ),
    )
    .returning({ key: loginAttempts.key });
  return deleted.length;
}

/**
 * Counts one kept form for an account in one statement (an upsert) and says whether it stays
 * within FORM_KEEPS_PER_WINDOW per hour.
 */
export async function countFormKeep(db: Database, userId: number, now: Date): Promise<boolean> {
  const windowStart = new Date(now.getTime() - FORM_WINDOW_MS);
  const rows = await db
    .insert(loginAttempts)
    .values({ key: `form:${userId}`, failures: 1, windowStart: now })
    .onConflictDoUpdate({
      target: loginAttempts.key,
      set: {
        failures: sql`case when ${loginAttempts.windowStart} > ${windowStart.toISOString()}::timestamptz then ${loginAttempts.failures} + 1 else 1 end`,
        windowStart: sql`case when ${loginAttempts.windowStart} > ${windowStart.toISOString()}::timestamptz then ${loginAttempts.windowStart} else ${now.toISOString()}::timestamptz end`,
      },
    })
    .returning({ failures: loginAttempts.failures });
  return (rows[0]?.failures ?? 0) <= FORM_KEEPS_PER_WINDOW;
}
