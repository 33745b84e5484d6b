import { sql } from 'drizzle-orm';
import type { Executor } from '../../src/db/client.ts';

/** A fingerprint of everything an import can write, to prove that nothing was written. */
export async function snapshotDatabase(db: Executor): Promise<string> {
  const result = (await db.execute(sql`
    select
      (select count(*) from rounds)::int as rounds,
      (select count(*) from responses)::int as responses,
      (select count(*) from answers)::int as answers,
      (select count(*) from answer_revisions)::int as answer_revisions,
      (select count(*) from audit_events)::int as audit_events,
      (select coalesce(md5(string_agg(concat_ws('|', round_id, municipality_code, questionnaire, question, points,
         array_to_string(options, ';'), text, revision, updated_at), ',' order by round_id, municipality_code,
         questionnaire, question)), '') from answers) as answer_hash,
      (select coalesce(md5(string_agg(concat_ws('|', round_id, municipality_code, questionnaire, scale_vector,
         answer_count, updated_at), ',' order by round_id, municipality_code, questionnaire)), '') from responses)
         as response_hash`)) as unknown as { rows: Record<string, unknown>[] };
  return JSON.stringify(result.rows[0]);
}
