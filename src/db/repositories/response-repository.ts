import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { answers, responses, users } from '../schema.ts';

export type ResponseRow = typeof responses.$inferSelect;

export interface StoredAnswerRow {
  readonly question: number;
  readonly points: number | null;
  readonly options: string[] | null;
  readonly text: string | null;
  readonly note: string | null;
  readonly revision: number;
  readonly updatedAt: Date;
  readonly updatedByName: string | null;
}

export async function findResponse(
  executor: Executor,
  roundId: string,
  municipalityCode: string,
  questionnaire: string,
): Promise<ResponseRow | undefined> {
  const rows = await executor
    .select()
    .from(responses)
    .where(
      and(
        eq(responses.roundId, roundId),
        eq(responses.municipalityCode, municipalityCode),
        eq(responses.questionnaire, questionnaire),
      ),
    );
  return rows[0];
}

/** Locks the response row until the end of the transaction, so edits of one questionnaire are serialised. */
export async function lockResponse(
  executor: Executor,
  roundId: string,
  municipalityCode: string,
  questionnaire: string,
): Promise<void> {
  await executor.execute(sql`
    select 1 from responses where round_id = ${roundId} and municipality_code = ${municipalityCode}
      and questionnaire = ${questionnaire} for update`);
}

export async function listResponses(executor: Executor, roundId: string): Promise<ResponseRow[]> {
  return executor.select().from(responses).where(eq(responses.roundId, roundId));
}

export async function listAnswers(
  executor: Executor,
  roundId: string,
  municipalityCode: string,
  questionnaire: string,
): Promise<StoredAnswerRow[]> {
  const rows = await executor
    .select({
      question: answers.question,
      points: answers.points,
      options: answers.options,
      text: answers.text,
      note: answers.note,
      revision: answers.revision,
      updatedAt: answers.updatedAt,
      updatedByName: users.name,
    })
    .from(answers)
    .leftJoin(users, eq(users.id, answers.updatedBy))
    .where(
      and(
        eq(answers.roundId, roundId),
        eq(answers.municipalityCode, municipalityCode),
        eq(answers.questionnaire, questionnaire),
      ),
    );
  return rows;
}

export interface AnswerWrite {
  readonly question: number;
  readonly points: number | null;
  readonly options: string[] | null;
  readonly text: string | null;
  readonly note: string | null;
}

/** Writes one answer (or removes it when it holds nothing), bumping its revision. */
export async function writeAnswer(
  executor: Executor,
  key: { roundId: string; municipalityCode: string; questionnaire: string },
  value: AnswerWrite,
  userId: number,
): Promise<void> {
  const empty =
    value.points === null && value.options === null && value.text === null && value.note === null;
  if (empty) {
    await executor
      .delete(answers)
      .where(
        and(
          eq(answers.roundId, key.roundId),
          eq(answers.municipalityCode, key.municipalityCode),
          eq(answers.questionnaire, key.questionnaire),
          eq(answers.question, value.question),
        ),
      );
    return;
  }
  await executor
    .insert(answers)
    .values({ ...key, ...value, updatedBy: userId })
    .onConflictDoUpdate({
      target: [answers.roundId, answers.municipalityCode, answers.questionnaire, answers.question],
      set: {
        points: value.points,
        options: value.options,
        text: value.text,
        note: value.note,
        updatedBy: userId,
        updatedAt: sql`now()`,
        revision: sql`${answers.revision} + 1`,
      },
    });
}

export async function setSubmitted(
  executor: Executor,
  roundId: string,
  municipalityCode: string,
  questionnaire: string,
  submittedAt: Date | null,
): Promise<void> {
  await executor
    .update(responses)
    .set({ submittedAt })
    .where(
      and(
        eq(responses.roundId, roundId),
        eq(responses.municipalityCode, municipalityCode),
        eq(responses.questionnaire, questionnaire),
      ),
    );
}
