import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { rounds } from '../schema.ts';

export type RoundRow = typeof rounds.$inferSelect;
export type NewRound = typeof rounds.$inferInsert;

export async function findRound(executor: Executor, id: string): Promise<RoundRow | undefined> {
  const rows = await executor.select().from(rounds).where(eq(rounds.id, id));
  return rows[0];
}

export async function insertRound(executor: Executor, round: NewRound): Promise<RoundRow> {
  const rows = await executor.insert(rounds).values(round).returning();
  return rows[0] as RoundRow;
}

export async function listRounds(executor: Executor): Promise<RoundRow[]> {
  return executor.select().from(rounds).orderBy(asc(rounds.createdAt), asc(rounds.id));
}

/** Deletes a round with all its responses and answers. */
export async function deleteRound(executor: Executor, id: string): Promise<boolean> {
  const rows = await executor.delete(rounds).where(eq(rounds.id, id)).returning({ id: rounds.id });
  return rows.length > 0;
}

/**
 * Locks a round's row until the end of the transaction: invitations and reminders of one
 * round are serialised, so two submissions of the same form (a double click) cannot both
 * find nothing sent yet and both send.
 */
export async function lockRound(executor: Executor, id: string): Promise<void> {
  await executor.select({ id: rounds.id }).from(rounds).where(eq(rounds.id, id)).for('update');
}
