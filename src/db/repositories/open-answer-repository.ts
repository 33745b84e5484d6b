/**
 * The texts of open questions. The response summaries (answer-repository.ts) hold only the
 * 3-point and choice answers, so the answers export reads the texts here.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { queryRows } from '../query.ts';

export interface OpenAnswer {
  readonly municipalityCode: string;
  readonly question: number;
  readonly text: string;
}

/** The non-empty texts of one questionnaire of a round. */
export async function readOpenAnswers(
  executor: Executor,
  roundId: string,
  questionnaire: string,
): Promise<OpenAnswer[]> {
  const rows = await queryRows<{ municipality_code: string; question: number; text: string }>(
    executor,
    sql`select municipality_code, question, text from answers
        where round_id = ${roundId} and questionnaire = ${questionnaire}
          and text is not null and text <> ''
          -- An unconfirmed prefilled text is last round's answer, not this one's (decision 021).
          and (prefilled_from is null or confirmed_at is not null)
        order by municipality_code, question`,
  );
  return rows.map((row) => ({
    municipalityCode: row.municipality_code,
    question: Number(row.question),
    text: row.text,
  }));
}
