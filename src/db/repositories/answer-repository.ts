/**
 * Answers and the per-response summaries analyses read. Bulk writes go through unnest()
 * so that a whole round is one statement per kind of change, not tens of thousands.
 */
import { sql } from 'drizzle-orm';
import type { ResponseVector } from '../../domain/analysis.ts';
import type { Executor } from '../client.ts';
import { queryRows } from '../query.ts';

/** Identifies one questionnaire of one municipality within a round. */
export interface ResponseKey {
  readonly municipalityCode: string;
  readonly questionnaire: string;
}

/** A value to store; exactly one of points, options and text is set. */
export interface AnswerValue extends ResponseKey {
  readonly question: number;
  readonly points: number | null;
  readonly options: readonly string[] | null;
  readonly text: string | null;
}

export interface AnswerKey extends ResponseKey {
  readonly question: number;
}

export interface ResponseSummary extends ResponseKey {
  readonly scaleVector: string;
  readonly choiceVector: string;
  readonly answerCount: number;
}

/** The stored 3-point and choice answers and the answer count of one response. */
export interface StoredResponseState extends ResponseKey {
  readonly answerCount: number;
  readonly points: ReadonlyMap<number, number>;
  readonly options: ReadonlyMap<number, readonly string[]>;
}

/**
 * An answer that counts as given: not prefilled, or prefilled and confirmed since. A prefilled
 * answer nobody confirmed yet stays out of the summaries, so progress, scores and analyses
 * never show last round's answers as this round's (decision 021). Over the alias `a`.
 */
export const COUNTED_ANSWER = sql`(a.prefilled_from is null or a.confirmed_at is not null)`;

// Option codes are [a-z0-9-], so ';' can join them into one array element per row.
const OPTION_SEPARATOR = ';';

/** Creates the response rows that do not exist yet, with an empty summary. */
export async function ensureResponses(
  executor: Executor,
  roundId: string,
  keys: readonly ResponseKey[],
): Promise<void> {
  if (keys.length === 0) return;
  await executor.execute(sql`
    insert into responses (round_id, municipality_code, questionnaire, scale_vector, answer_count)
    select ${roundId}, k.municipality_code, k.questionnaire, '', 0
    from unnest(${sql.param(keys.map((k) => k.municipalityCode))}::text[],
                ${sql.param(keys.map((k) => k.questionnaire))}::text[])
      as k(municipality_code, questionnaire)
    on conflict do nothing`);
}

// A written answer row, as RETURNING gives it, goes into the history in the same statement.
const INTO_HISTORY = sql`insert into answer_revisions
        (round_id, municipality_code, questionnaire, question, revision, points, options, text,
         note, updated_at, updated_by)
      select round_id, municipality_code, questionnaire, question, revision, points, options, text,
             note, updated_at, updated_by`;
const WRITTEN_COLUMNS = sql`round_id, municipality_code, questionnaire, question, revision, points,
        options, text, note, updated_at, updated_by`;

/**
 * Inserts or updates answers, keeping each new revision in the history. A row whose value is
 * unchanged is left alone, so its revision and timestamp stay as they were and importing the
 * same data twice changes nothing.
 */
export async function upsertAnswers(
  executor: Executor,
  roundId: string,
  values: readonly AnswerValue[],
): Promise<{ inserted: number; updated: number }> {
  if (values.length === 0) return { inserted: 0, updated: 0 };
  // Counting inside the database: returning every row would cost more than the insert.
  const rows = await queryRows<{ inserted: number; changed: number }>(
    executor,
    sql`
    with upserted as (
      insert into answers (round_id, municipality_code, questionnaire, question, points, options, text)
      select ${roundId}, v.municipality_code, v.questionnaire, v.question, v.points,
             case when v.options is null then null
                  else string_to_array(v.options, ${OPTION_SEPARATOR}) end,
             v.text
      from unnest(${sql.param(values.map((v) => v.municipalityCode))}::text[],
                  ${sql.param(values.map((v) => v.questionnaire))}::text[],
                  ${sql.param(values.map((v) => v.question))}::smallint[],
                  ${sql.param(values.map((v) => v.points))}::smallint[],
                  ${sql.param(values.map((v) => (v.options ? v.options.join(OPTION_SEPARATOR) : null)))}::text[],
                  ${sql.param(values.map((v) => v.text))}::text[])
        as v(municipality_code, questionnaire, question, points, options, text)
      on conflict (round_id, municipality_code, questionnaire, question) do update
        set points = excluded.points, options = excluded.options, text = excluded.text,
            revision = answers.revision + 1, updated_at = now(), updated_by = null,
            -- An imported answer is given, also where it repeats a prefilled one (decision 021).
            confirmed_at = case when answers.prefilled_from is null then answers.confirmed_at
                                else coalesce(answers.confirmed_at, now()) end
        where (answers.points, answers.options, answers.text)
              is distinct from (excluded.points, excluded.options, excluded.text)
           or (answers.prefilled_from is not null and answers.confirmed_at is null)
      returning ${WRITTEN_COLUMNS}, (xmax = 0) as inserted
    ), history as (
      ${INTO_HISTORY} from upserted
    )
    select (count(*) filter (where inserted))::int as inserted, count(*)::int as changed from upserted`,
  );
  const inserted = rows[0]?.inserted ?? 0;
  return { inserted, updated: (rows[0]?.changed ?? 0) - inserted };
}

/**
 * Clears answers (an empty answer in an import means 'not answered'). The note stays; a row
 * left without anything stays too, empty, so the answer's revision never goes back and an
 * editor who read an older revision still meets a conflict check. Returns how many values
 * were cleared.
 */
export async function clearAnswers(
  executor: Executor,
  roundId: string,
  keys: readonly AnswerKey[],
): Promise<number> {
  if (keys.length === 0) return 0;
  const rows = await queryRows<{ n: number }>(
    executor,
    sql`
    with cleared as (
      update answers a set points = null, options = null, text = null,
             revision = a.revision + 1, updated_at = now(), updated_by = null
      from unnest(${sql.param(keys.map((k) => k.municipalityCode))}::text[],
                  ${sql.param(keys.map((k) => k.questionnaire))}::text[],
                  ${sql.param(keys.map((k) => k.question))}::smallint[])
        as k(municipality_code, questionnaire, question)
      where a.round_id = ${roundId} and a.municipality_code = k.municipality_code
        and a.questionnaire = k.questionnaire and a.question = k.question
        and num_nonnulls(a.points, a.options, a.text) > 0
      returning ${sql.raw('a.round_id, a.municipality_code, a.questionnaire, a.question, a.revision, a.points, a.options, a.text, a.note, a.updated_at, a.updated_by')}
    ), history as (
      ${INTO_HISTORY} from cleared
    )
    select count(*)::int as n from cleared`,
  );
  return rows[0]?.n ?? 0;
}

/** Reads the stored state of the given responses: answer counts and 3-point answers. */
export async function readResponseStates(
  executor: Executor,
  roundId: string,
  keys: readonly ResponseKey[],
): Promise<StoredResponseState[]> {
  if (keys.length === 0) return [];
  const rows = await queryRows<{
    municipality_code: string;
    questionnaire: string;
    answer_count: number;
    points: string | null;
    options: string | null;
  }>(
    executor,
    sql`
    select a.municipality_code, a.questionnaire,
           (count(*) filter (where num_nonnulls(a.points, a.options, a.text) > 0))::int as answer_count,
           string_agg(a.question::text || '=' || a.points::text, ',')
             filter (where a.points is not null) as points,
           string_agg(a.question::text || '=' || array_to_string(a.options, ${OPTION_SEPARATOR}), ',')
             filter (where a.options is not null) as options
    from answers a
    join unnest(${sql.param(keys.map((k) => k.municipalityCode))}::text[],
                ${sql.param(keys.map((k) => k.questionnaire))}::text[])
      as k(municipality_code, questionnaire)
      on a.municipality_code = k.municipality_code and a.questionnaire = k.questionnaire
    where a.round_id = ${roundId} and ${COUNTED_ANSWER}
    group by a.municipality_code, a.questionnaire`,
  );
  const found = new Map(
    rows.map((row) => [
      `${row.municipality_code}\u0000${row.questionnaire}`,
      {
        municipalityCode: row.municipality_code,
        questionnaire: row.questionnaire,
        answerCount: row.answer_count,
        points: new Map(
          (row.points ?? '')
            .split(',')
            .filter(Boolean)
            .map((pair) => pair.split('=').map(Number) as [number, number]),
        ),
        options: new Map(
          (row.options ?? '')
            .split(',')
            .filter(Boolean)
            .map((pair) => {
              const [question = '', codes = ''] = pair.split('=');
              return [Number(question), codes.split(OPTION_SEPARATOR).filter(Boolean)] as const;
            }),
        ),
      },
    ]),
  );
  return keys.map(
    (key) =>
      found.get(`${key.municipalityCode}\u0000${key.questionnaire}`) ?? {
        ...key,
        answerCount: 0,
        points: new Map<number, number>(),
        options: new Map<number, readonly string[]>(),
      },
  );
}

/** Writes response summaries; unchanged ones are left alone. */
export async function writeResponseSummaries(
  executor: Executor,
  roundId: string,
  summaries: readonly ResponseSummary[],
): Promise<number> {
  if (summaries.length === 0) return 0;
  const rows = await queryRows<{ n: number }>(
    executor,
    sql`
    with updated as (
    update responses r
    set scale_vector = s.scale_vector, choice_vector = s.choice_vector,
        answer_count = s.answer_count, updated_at = now()
    from unnest(${sql.param(summaries.map((s) => s.municipalityCode))}::text[],
                ${sql.param(summaries.map((s) => s.questionnaire))}::text[],
                ${sql.param(summaries.map((s) => s.scaleVector))}::text[],
                ${sql.param(summaries.map((s) => s.choiceVector))}::text[],
                ${sql.param(summaries.map((s) => s.answerCount))}::int[])
      as s(municipality_code, questionnaire, scale_vector, choice_vector, answer_count)
    where r.round_id = ${roundId} and r.municipality_code = s.municipality_code
      and r.questionnaire = s.questionnaire
      and (r.scale_vector, r.choice_vector, r.answer_count)
          is distinct from (s.scale_vector, s.choice_vector, s.answer_count)
    returning 1)
    select count(*)::int as n from updated`,
  );
  return rows[0]?.n ?? 0;
}

/**
 * All response summaries of a round. They are aggregated into one text value in the
 * database because a single large row crosses the driver boundary far faster than
 * hundreds of thousands of small ones (PGlite especially).
 */
export async function readResponseVectors(
  executor: Executor,
  roundId: string,
  questionnaire?: string,
): Promise<ResponseVector[]> {
  const filter = questionnaire === undefined ? sql`` : sql` and questionnaire = ${questionnaire}`;
  const rows = await queryRows<{ packed: string | null }>(
    executor,
    sql`
    select string_agg(municipality_code || ' ' || questionnaire || ' ' || answer_count::text
                      || ' ' || scale_vector || ' ' || choice_vector, E'\n') as packed
    from responses where round_id = ${roundId}${filter}`,
  );
  const packed = rows[0]?.packed;
  if (!packed) return [];
  return packed.split('\n').map((line) => {
    const [
      municipalityCode = '',
      questionnaireId = '',
      count = '0',
      scaleVector = '',
      choiceVector = '',
    ] = line.split(' ');
    return {
      municipalityCode,
      questionnaire: questionnaireId,
      answerCount: Number(count),
      scaleVector,
      choiceVector,
    };
  });
}

/** Counts the answers of a round that hold something (for reports and tests). */
export async function countAnswers(executor: Executor, roundId: string): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    executor,
    sql`select count(*)::int as n from answers
        where round_id = ${roundId} and num_nonnulls(points, options, text, note) > 0`,
  );
  return rows[0]?.n ?? 0;
}
