/** The publication of rounds as open data (table round_publications). */
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { roundPublications, rounds } from '../schema.ts';

export type PublicationRow = typeof roundPublications.$inferSelect;

export async function findPublication(
  executor: Executor,
  roundId: string,
): Promise<PublicationRow | undefined> {
  const rows = await executor
    .select()
    .from(roundPublications)
    .where(eq(roundPublications.roundId, roundId));
  return rows[0];
}

export async function insertPublication(
  executor: Executor,
  row: typeof roundPublications.$inferInsert,
): Promise<PublicationRow> {
  const rows = await executor.insert(roundPublications).values(row).returning();
  return rows[0] as PublicationRow;
}

export async function deletePublication(executor: Executor, roundId: string): Promise<boolean> {
  const rows = await executor
    .delete(roundPublications)
    .where(eq(roundPublications.roundId, roundId))
    .returning({ roundId: roundPublications.roundId });
  return rows.length > 0;
}

/** Published rounds that are closed, oldest publication first, with the round's own columns. */
export async function listPublishedClosedRounds(executor: Executor) {
  return executor
    .select({
      id: rounds.id,
      name: rounds.name,
      synthetic: rounds.synthetic,
      instrumentVersion: rounds.instrumentVersion,
      registerId: rounds.registerId,
      opensOn: rounds.opensOn,
      closesOn: rounds.closesOn,
      publishedAt: roundPublications.publishedAt,
    })
    .from(roundPublications)
    .innerJoin(rounds, eq(rounds.id, roundPublications.roundId))
    .where(eq(rounds.status, 'closed'))
    .orderBy(asc(roundPublications.publishedAt), asc(rounds.id));
}
