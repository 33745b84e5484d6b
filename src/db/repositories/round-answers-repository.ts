/**
 * Every answer of a round in one read: the source of a round built from another (the demo
 * follow-up round). One statement, whatever the round's size.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { queryRows } from '../query.ts';
import type { AnswerValue } from './answer-repository.ts';

/** The answers of a round that hold a value, ordered by municipality, questionnaire, question. */
export async function readRoundAnswers(
  executor: Executor,
  roundId: string,
): Promise<AnswerValue[]> {
  const rows = await queryRows<{
    municipality_code: string;
    questionnaire: string;
    question: number;
    points: number | null;
    options: string[] | null;
    text: string | null;
  }>(
    executor,
    sql`
    select municipality_code, questionnaire, question, points, options, text
    from answers
    where round_id = ${roundId} and num_nonnulls(points, options, text) > 0
    order by municipality_code, questionnaire, question`,
  );
  return rows.map((row) => ({
    municipalityCode: row.municipality_code,
    questionnaire: row.questionnaire,
    question: Number(row.question),
    points: row.points === null ? null : Number(row.points),
    options: row.options,
    text: row.text,
  }));
}
