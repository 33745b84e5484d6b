import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { queryRows } from '../query.ts';
import { alias } from 'drizzle-orm/pg-core';
import { answers, responses, users } from '../schema.ts';

const confirmers = alias(users, 'confirmers');

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
  /** The round the answer was prefilled from ('vorige meting'); null when given here. */
  readonly prefilledFrom: string | null;
  /** When and by whom a prefilled answer was confirmed or changed; null while unconfirmed. */
  readonly confirmedAt: Date | null;
  readonly confirmedByName: string | null;
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

/**
 * Like lockResponse, but tells a missing response apart: null when there is no row to lock
 * (the caller creates it and locks again). Saves a statement on every save of a questionnaire
 * that exists, which is nearly every save.
 */
export async function lockExistingResponse(
  executor: Executor,
  roundId: string,
  municipalityCode: string,
  questionnaire: string,
): Promise<{ submittedAt: Date | null } | null> {
  const rows = await queryRows<{ submitted_at: Date | string | null }>(
    executor,
    sql`
    select submitted_at from responses where round_id = ${roundId}
      and municipality_code = ${municipalityCode} and questionnaire = ${questionnaire} for update`,
  );
  const row = rows[0];
  if (!row) return null;
  return { submittedAt: row.submitted_at === null ? null : new Date(row.submitted_at) };
}

/**
 * Locks the response row until the end of the transaction, so edits of one questionnaire are
 * serialised, and tells whether it is submitted (read under the lock, so it cannot change).
 *
 * @returns when the questionnaire was submitted, or null
 */
export async function lockResponse(
  executor: Executor,
  roundId: string,
  municipalityCode: string,
  questionnaire: string,
): Promise<{ submittedAt: Date | null }> {
  return (
    (await lockExistingResponse(executor, roundId, municipalityCode, questionnaire)) ?? {
      submittedAt: null,
    }
  );
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
      prefilledFrom: answers.prefilledFrom,
      confirmedAt: answers.confirmedAt,
      confirmedByName: confirmers.name,
    })
    .from(answers)
    .leftJoin(users, eq(users.id, answers.updatedBy))
    .leftJoin(confirmers, eq(confirmers.id, answers.confirmedBy))
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
  readonly options: readonly string[] | null;
  readonly text: string | null;
  readonly note: string | null;
}

/**
 * Writes one answer as its next revision and keeps that revision in the history. An answer
 * that holds nothing stays as an empty row, so its revision never goes back.
 *
 * With `confirm`, the write also confirms a prefilled answer ('vorige meting'): the answer
 * gets `confirmed_at`/`confirmed_by`; `confirmed` marks the revision when the value was
 * confirmed unchanged. Without it an earlier confirmation stays as it was.
 *
 * @returns the new revision
 */
export async function writeAnswerRevision(
  executor: Executor,
  key: { roundId: string; municipalityCode: string; questionnaire: string },
  value: AnswerWrite,
  userId: number | null,
  confirm: { readonly confirm: boolean; readonly unchanged: boolean } = {
    confirm: false,
    unchanged: false,
  },
): Promise<{ revision: number; updatedAt: Date }> {
  // One statement for the answer and its history row: every statement of a save costs a
  // round trip (on PGlite about 1 ms of JavaScript besides the query itself), and editors save
  // often. Options go in joined with ';' (option codes are [a-z0-9-]), as in the bulk writes.
  const options = value.options === null ? null : value.options.join(';');
  const [row] = await queryRows<{ revision: number; updated_at: Date | string }>(
    executor,
    sql`
    with written as (
      insert into answers (round_id, municipality_code, questionnaire, question, points, options,
                           text, note, updated_by)
      values (${key.roundId}, ${key.municipalityCode}, ${key.questionnaire},
              ${value.question}::smallint, ${value.points}::smallint,
              case when ${options}::text is null then null
                   else string_to_array(${options}::text, ';') end,
              ${value.text}::text, ${value.note}::text, ${userId}::int)
      on conflict (round_id, municipality_code, questionnaire, question) do update
        set points = excluded.points, options = excluded.options, text = excluded.text,
            note = excluded.note, updated_by = excluded.updated_by, updated_at = now(),
            revision = answers.revision + 1,
            confirmed_at = case when ${confirm.confirm}::boolean then now()
                                else answers.confirmed_at end,
            confirmed_by = case when ${confirm.confirm}::boolean then excluded.updated_by
                                else answers.confirmed_by end
      returning round_id, municipality_code, questionnaire, question, revision, points, options,
                text, note, updated_at, updated_by
    ), history as (
      insert into answer_revisions
        (round_id, municipality_code, questionnaire, question, revision, points, options, text,
         note, updated_at, updated_by, confirmed)
      select round_id, municipality_code, questionnaire, question, revision, points, options,
             text, note, updated_at, updated_by, ${confirm.confirm && confirm.unchanged}::boolean
      from written
    )
    select revision, updated_at from written`,
  );
  if (!row) throw new Error('writing the answer returned no row');
  return { revision: Number(row.revision), updatedAt: new Date(row.updated_at) };
}

/** Earlier revisions of answers of one questionnaire, by question (those asked for that exist). */
export async function readAnswerRevisions(
  executor: Executor,
  key: { roundId: string; municipalityCode: string; questionnaire: string },
  wanted: readonly { question: number; revision: number }[],
): Promise<Map<number, AnswerWrite>> {
  if (wanted.length === 0) return new Map();
  const rows = await queryRows<{
    question: number;
    points: number | null;
    options: string[] | null;
    text: string | null;
    note: string | null;
  }>(
    executor,
    sql`
    select r.question, r.points, r.options, r.text, r.note
    from answer_revisions r
    join unnest(${sql.param(wanted.map((w) => w.question))}::smallint[],
                ${sql.param(wanted.map((w) => w.revision))}::int[]) as w(question, revision)
      on r.question = w.question and r.revision = w.revision
    where r.round_id = ${key.roundId} and r.municipality_code = ${key.municipalityCode}
      and r.questionnaire = ${key.questionnaire}`,
  );
  return new Map(
    rows.map((row) => [Number(row.question), { ...row, question: Number(row.question) }]),
  );
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

/** The audit actions that change a municipality's answers or statuses in a round. */
const CHANGE_ACTIONS = [
  'answer.changed',
  'answer.imported',
  'status.changed',
  'participation.changed',
];

/**
 * Per municipality of a round, the time of the latest change to its answers or statuses:
 * an answer (edited or imported) or a submission, reopening,
 * participation, and being invited or accepting an invitation. Municipalities without any
 * are absent.
 */
export async function listLastChanges(
  executor: Executor,
  roundId: string,
): Promise<Map<string, Date>> {
  const rows = await queryRows<{ code: string; at: Date | string }>(
    executor,
    sql`
    select code, max(at) as at from (
      select municipality_code as code, updated_at as at from responses where round_id = ${roundId}
      union all
      select municipality_code, submitted_at from responses
        where round_id = ${roundId} and submitted_at is not null
      union all
      select municipality_code, updated_at from participations where round_id = ${roundId}
      union all
      select municipality_code, greatest(created_at, used_at) from invitations
        where round_id = ${roundId}
      union all
      select municipality_code, max(at) from audit_events
        where round_id = ${roundId} and municipality_code is not null
          and action in (${sql.join(
            CHANGE_ACTIONS.map((action) => sql`${action}`),
            sql`, `,
          )})
        group by municipality_code
    ) changes group by code`,
  );
  // PGlite answers timestamps as Date, node-postgres too; text is accepted for safety.
  return new Map(rows.map((row) => [row.code, new Date(row.at)]));
}

/** The latest submitted questionnaires of the given rounds, newest first. */
export async function listRecentSubmissions(
  executor: Executor,
  roundIds: readonly string[],
  limit: number,
): Promise<
  { roundId: string; municipalityCode: string; questionnaire: string; submittedAt: Date }[]
> {
  if (roundIds.length === 0) return [];
  const rows = await executor
    .select({
      roundId: responses.roundId,
      municipalityCode: responses.municipalityCode,
      questionnaire: responses.questionnaire,
      submittedAt: responses.submittedAt,
    })
    .from(responses)
    .where(and(inArray(responses.roundId, [...roundIds]), isNotNull(responses.submittedAt)))
    .orderBy(desc(responses.submittedAt))
    .limit(limit);
  return rows.map((row) => ({ ...row, submittedAt: row.submittedAt as Date }));
}
