import { and, eq, gt, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { advisorProvinces, loginAttempts, sessions, users } from '../schema.ts';

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type SessionRow = typeof sessions.$inferSelect;

export async function insertUser(executor: Executor, user: NewUser): Promise<UserRow> {
  const rows = await executor.insert(users).values(user).returning();
  return rows[0] as UserRow;
}

export async function findUserByEmail(
  executor: Executor,
  email: string,
): Promise<UserRow | undefined> {
  const rows = await executor.select().from(users).where(eq(users.email, email));
  return rows[0];
}

export async function findUserById(executor: Executor, id: number): Promise<UserRow | undefined> {
  const rows = await executor.select().from(users).where(eq(users.id, id));
  return rows[0];
}

export async function listAdvisorProvinces(executor: Executor, userId: number): Promise<string[]> {
  const rows = await executor
    .select({ provinceCode: advisorProvinces.provinceCode })
    .from(advisorProvinces)
    .where(eq(advisorProvinces.userId, userId));
  return rows.map((row) => row.provinceCode).sort();
}

export async function replaceAdvisorProvinces(
  executor: Executor,
  userId: number,
  provinceCodes: readonly string[],
): Promise<void> {
  await executor.delete(advisorProvinces).where(eq(advisorProvinces.userId, userId));
  if (provinceCodes.length > 0) {
    await executor
      .insert(advisorProvinces)
      .values(provinceCodes.map((provinceCode) => ({ userId, provinceCode })));
  }
}

export async function insertSession(
  executor: Executor,
  session: typeof sessions.$inferInsert,
): Promise<void> {
  await executor.insert(sessions).values(session);
}

/** A session and its user, live or ended (the caller decides), or undefined when unknown. */
export async function findSessionWithUser(
  executor: Executor,
  id: string,
): Promise<{ session: SessionRow; user: UserRow } | undefined> {
  const rows = await executor
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  return rows[0];
}

/** Notes that a session was used now. */
export async function touchSession(executor: Executor, id: string, now: Date): Promise<void> {
  await executor.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
}

/**
 * Deletes the sessions that ended before `endedBefore`: at their absolute expiry, or idle
 * for `idleMinutes` since they were last seen.
 */
export async function pruneSessions(
  executor: Executor,
  endedBefore: Date,
  idleMinutes: number,
): Promise<number> {
  const idleSince = new Date(endedBefore.getTime() - idleMinutes * 60_000);
  const deleted = await executor
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, endedBefore), lt(sessions.lastSeenAt, idleSince)))
    .returning({ id: sessions.id });
  return deleted.length;
}

export async function deleteSession(executor: Executor, id: string): Promise<void> {
  await executor.delete(sessions).where(eq(sessions.id, id));
}

/** Ends every session of an account (password changed, account disabled). */
export async function deleteSessionsOf(executor: Executor, userId: number): Promise<void> {
  await executor.delete(sessions).where(eq(sessions.userId, userId));
}

/** Requests within the current window for a counter key (password reset requests). */
export async function readLoginFailures(
  executor: Executor,
  key: string,
  windowStart: Date,
): Promise<number> {
  const rows = await executor
    .select()
    .from(loginAttempts)
    .where(and(eq(loginAttempts.key, key), gt(loginAttempts.windowStart, windowStart)));
  return rows[0]?.failures ?? 0;
}

/** Counts one request in place (one row per key); a window older than `windowStart` restarts. */
export async function recordLoginFailure(
  executor: Executor,
  key: string,
  now: Date,
  windowStart: Date,
): Promise<void> {
  await executor
    .insert(loginAttempts)
    .values({ key, failures: 1, windowStart: now })
    .onConflictDoUpdate({
      target: loginAttempts.key,
      set: {
        failures: sql`case when ${loginAttempts.windowStart} > ${windowStart.toISOString()} then ${loginAttempts.failures} + 1 else 1 end`,
        windowStart: sql`case when ${loginAttempts.windowStart} > ${windowStart.toISOString()} then ${loginAttempts.windowStart} else ${now.toISOString()}::timestamptz end`,
      },
    });
}
