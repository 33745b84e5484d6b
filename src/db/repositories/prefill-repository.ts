/**
 * Prefilled follow-up (issue 11): reading an earlier round's given answers in one statement and
 * writing a whole round's prefilled answers in another, each with its revision.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { queryRows } from '../query.ts';

/** A given answer of the earlier round: its value, without the note. */
export interface GivenAnswer {
  readonly municipalityCode: string;
  readonly questionnaire: string;
  readonly question: number;
  readonly points: number | null;
  readonly options: readonly string[] | null;
  readonly text: string | null;
}

const OPTION_SEPARATOR = ';';

/**
 * The answers of a round that count as given (with a value; a prefilled answer only once
 * confirmed), packed into one text value: one large row crosses the driver far faster than
 * tens of thousands of small ones.
 */
export async function readGivenAnswers(
  executor: Executor,
  roundId: string,
): Promise<GivenAnswer[]> {
  const rows = await queryRows<{ packed: string | null }>(
    executor,
    sql`
    select string_agg(municipality_code || E'\\t' || questionnaire || E'\\t' || question::text
                      || E'\\t' || coalesce(points::text, '')
                      || E'\\t' || coalesce(array_to_string(options, ${OPTION_SEPARATOR}), '')
                      || E'\\t' || coalesce(replace(replace(text, E'\\\\', E'\\\\\\\\'), E'\\n', E'\\\\n'), ''),
                      E'\\n') as packed
    from answers
    where round_id = ${roundId} and num_nonnulls(points, options, text) > 0
      and (prefilled_from is null or confirmed_at is not null)`,
  );
  const packed = rows[0]?.packed;
  if (!packed) return [];
  return packed.split('\n').map((line) => {
    const [code = '', questionnaire = '', question = '0', points = '', options = '', ...rest] =
      line.split('\t');
    // An open answer may hold tabs: the text is everything after the fifth tab.
    const text = rest.join('\t').replace(/\\(n|\\)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
    return {
      municipalityCode: code,
      questionnaire,
      question: Number(question),
      points: points === '' ? null : Number(points),
      options: options === '' ? null : options.split(OPTION_SEPARATOR),
      text: text === '' ? null : text,
    };
  });
}

/** An answer to prefill in the later round. */
export type PrefillWrite = GivenAnswer;

/** Who prefilled, for the audit trail. */
export interface PrefillActor {
  readonly id: number | null;
  readonly label: string;
}

/**
 * Inserts prefilled answers with `prefilled_from`, their first revision, and one audit event
 * per prefilled questionnaire (`answer.prefilled`, the questions in `new_value`), in one
 * statement: a whole round's prefill crosses the driver once, and only counts come back.
 * An answer that already exists (given, cleared or prefilled before) is left alone.
 */
export async function insertPrefilledAnswers(
  executor: Executor,
  roundId: string,
  fromRoundId: string,
  values: readonly PrefillWrite[],
  actor: PrefillActor,
): Promise<{ answers: number; questionnaires: number }> {
  if (values.length === 0) return { answers: 0, questionnaires: 0 };
  const rows = await queryRows<{ answers: number; questionnaires: number }>(
    executor,
    sql`
    with written as (
      insert into answers (round_id, municipality_code, questionnaire, question, points, options,
                           text, prefilled_from, updated_by)
      select ${roundId}, v.municipality_code, v.questionnaire, v.question, v.points,
             case when v.options is null then null
                  else string_to_array(v.options, ${OPTION_SEPARATOR}) end,
             v.text, ${fromRoundId}, null
      from unnest(${sql.param(values.map((v) => v.municipalityCode))}::text[],
                  ${sql.param(values.map((v) => v.questionnaire))}::text[],
                  ${sql.param(values.map((v) => v.question))}::smallint[],
                  ${sql.param(values.map((v) => v.points))}::smallint[],
                  ${sql.param(values.map((v) => (v.options ? v.options.join(OPTION_SEPARATOR) : null)))}::text[],
                  ${sql.param(values.map((v) => v.text))}::text[])
        as v(municipality_code, questionnaire, question, points, options, text)
      on conflict (round_id, municipality_code, questionnaire, question) do nothing
      returning round_id, municipality_code, questionnaire, question, revision, points, options,
                text, note, updated_at, updated_by, prefilled_from
    ), history as (
      insert into answer_revisions
        (round_id, municipality_code, questionnaire, question, revision, points, options, text,
         note, updated_at, updated_by, prefilled_from)
      select round_id, municipality_code, questionnaire, question, revision, points, options,
             text, note, updated_at, updated_by, prefilled_from
      from written
    ), grouped as (
      select municipality_code, questionnaire,
             jsonb_agg(question::int order by question) as questions
      from written group by municipality_code, questionnaire
    ), audit as (
      insert into audit_events (actor_id, actor_label, action, round_id, municipality_code,
                                subject, old_value, new_value)
      select ${actor.id}::int, ${actor.label}, 'answer.prefilled', ${roundId}, municipality_code,
             questionnaire || ': vooraf ingevuld', null,
             jsonb_build_object('from', ${fromRoundId}::text, 'questions', questions)
      from grouped
    )
    select (select count(*)::int from written) as answers,
           (select count(*)::int from grouped) as questionnaires`,
  );
  return { answers: rows[0]?.answers ?? 0, questionnaires: rows[0]?.questionnaires ?? 0 };
}
