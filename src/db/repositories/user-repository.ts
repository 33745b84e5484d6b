import { and, eq, gt, sql } from 'drizzle-orm';
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

/** A live session and its user, or undefined when expired or unknown. */
export async function findLiveSession(
  executor: Executor,
  id: string,
  now: Date,
): Promise<{ session: SessionRow; user: UserRow } | undefined> {
  const rows = await executor
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)));
  return rows[0];
}

export async function deleteSession(executor: Executor, id: string): Promise<void> {
  await executor.delete(sessions).where(eq(sessions.id, id));
}

/** Failures within the current window for a key. */
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

/** Counts a failure; a window older than `windowStart` starts again at 1. */
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

export async function clearLoginFailures(executor: Executor, key: string): Promise<void> {
  await executor.delete(loginAttempts).where(eq(loginAttempts.key, key));
}
