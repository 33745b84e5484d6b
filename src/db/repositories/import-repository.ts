/**
 * What an import needs to know before it writes: the answers stored now for the keys in the
 * file (to show old → new and to record the old value in the audit trail) and which of the
 * questionnaires are submitted. Each is one statement over unnest(), whatever the file's size.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { queryRows } from '../query.ts';
import type { AnswerKey, ResponseKey } from './answer-repository.ts';

/** An answer as stored, with its revision. */
export interface StoredAnswer extends AnswerKey {
  readonly points: number | null;
  readonly options: readonly string[] | null;
  readonly text: string | null;
  readonly note: string | null;
  readonly revision: number;
}

/** The stored answers (including emptied rows) of the given keys of one round. */
export async function readStoredAnswers(
  executor: Executor,
  roundId: string,
  keys: readonly AnswerKey[],
): Promise<StoredAnswer[]> {
  if (keys.length === 0) return [];
  const rows = await queryRows<{
    municipality_code: string;
    questionnaire: string;
    question: number;
    points: number | null;
    options: string[] | null;
    text: string | null;
    note: string | null;
    revision: number;
  }>(
    executor,
    sql`
    select a.municipality_code, a.questionnaire, a.question, a.points, a.options, a.text,
           a.note, a.revision
    from answers a
    join unnest(${sql.param(keys.map((k) => k.municipalityCode))}::text[],
                ${sql.param(keys.map((k) => k.questionnaire))}::text[],
                ${sql.param(keys.map((k) => k.question))}::smallint[])
      as k(municipality_code, questionnaire, question)
      on a.municipality_code = k.municipality_code and a.questionnaire = k.questionnaire
         and a.question = k.question
    where a.round_id = ${roundId}`,
  );
  return rows.map((row) => ({
    municipalityCode: row.municipality_code,
    questionnaire: row.questionnaire,
    question: Number(row.question),
    points: row.points === null ? null : Number(row.points),
    options: row.options,
    text: row.text,
    note: row.note,
    revision: Number(row.revision),
  }));
}

/** Those of the given questionnaires of one round that are submitted. */
export async function readSubmittedResponses(
  executor: Executor,
  roundId: string,
  keys: readonly ResponseKey[],
): Promise<ResponseKey[]> {
  if (keys.length === 0) return [];
  const rows = await queryRows<{ municipality_code: string; questionnaire: string }>(
    executor,
    sql`
    select r.municipality_code, r.questionnaire
    from responses r
    join unnest(${sql.param(keys.map((k) => k.municipalityCode))}::text[],
                ${sql.param(keys.map((k) => k.questionnaire))}::text[])
      as k(municipality_code, questionnaire)
      on r.municipality_code = k.municipality_code and r.questionnaire = k.questionnaire
    where r.round_id = ${roundId} and r.submitted_at is not null
    order by r.municipality_code, r.questionnaire`,
  );
  return rows.map((row) => ({
    municipalityCode: row.municipality_code,
    questionnaire: row.questionnaire,
  }));
}

/** Sets who changed the given answers and their latest revision (the importer's account). */
export async function markAnswersUpdatedBy(
  executor: Executor,
  roundId: string,
  keys: readonly AnswerKey[],
  userId: number,
): Promise<void> {
  if (keys.length === 0) return;
  const unnested = sql`unnest(${sql.param(keys.map((k) => k.municipalityCode))}::text[],
                ${sql.param(keys.map((k) => k.questionnaire))}::text[],
                ${sql.param(keys.map((k) => k.question))}::smallint[])
      as k(municipality_code, questionnaire, question)`;
  await executor.execute(sql`
    update answers a set updated_by = ${userId}
    from ${unnested}
    where a.round_id = ${roundId} and a.municipality_code = k.municipality_code
      and a.questionnaire = k.questionnaire and a.question = k.question`);
  await executor.execute(sql`
    update answer_revisions r set updated_by = ${userId}
    from ${unnested}, answers a
    where r.round_id = ${roundId} and r.municipality_code = k.municipality_code
      and r.questionnaire = k.questionnaire and r.question = k.question
      and a.round_id = r.round_id and a.municipality_code = r.municipality_code
      and a.questionnaire = r.questionnaire and a.question = r.question
      and r.revision = a.revision`);
}
