/**
 * The rendered report PDFs and the runs that render them (tables report_files, report_runs).
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { reportFiles, reportRuns } from '../schema.ts';

export type ReportRunRow = typeof reportRuns.$inferSelect;
export type ReportRunStatus = 'queued' | 'running' | 'done' | 'failed';

/** The data hash of each stored report of a round, by municipality code. */
export async function readStoredReportHashes(
  executor: Executor,
  roundId: string,
): Promise<Map<string, string>> {
  const rows = await executor
    .select({ code: reportFiles.municipalityCode, hash: reportFiles.dataHash })
    .from(reportFiles)
    .where(eq(reportFiles.roundId, roundId));
  return new Map(rows.map((row) => [row.code, row.hash]));
}

export async function readStoredReport(
  executor: Executor,
  roundId: string,
  municipalityCode: string,
): Promise<{ dataHash: string; pdf: Uint8Array } | null> {
  const [row] = await executor
    .select({ dataHash: reportFiles.dataHash, pdf: reportFiles.pdf })
    .from(reportFiles)
    .where(
      and(eq(reportFiles.roundId, roundId), eq(reportFiles.municipalityCode, municipalityCode)),
    );
  return row
    ? { dataHash: row.dataHash, pdf: new Uint8Array(Buffer.from(row.pdf, 'base64')) }
    : null;
}

/** Stores (or replaces) a municipality's report PDF. */
export async function storeReport(
  executor: Executor,
  input: { roundId: string; municipalityCode: string; dataHash: string; pdf: Uint8Array },
): Promise<void> {
  const pdf = Buffer.from(input.pdf).toString('base64');
  await executor
    .insert(reportFiles)
    .values({ ...input, pdf })
    .onConflictDoUpdate({
      target: [reportFiles.roundId, reportFiles.municipalityCode],
      set: { dataHash: input.dataHash, pdf, renderedAt: sql`now()` },
    });
}

export async function insertReportRun(
  executor: Executor,
  input: { roundId: string; total: number; startedBy: number | null },
): Promise<ReportRunRow> {
  const [row] = await executor.insert(reportRuns).values(input).returning();
  return row!;
}

/** The newest run of a round, or null. */
export async function readLatestReportRun(
  executor: Executor,
  roundId: string,
): Promise<ReportRunRow | null> {
  const [row] = await executor
    .select()
    .from(reportRuns)
    .where(eq(reportRuns.roundId, roundId))
    .orderBy(desc(reportRuns.id))
    .limit(1);
  return row ?? null;
}

export async function readReportRun(executor: Executor, id: number): Promise<ReportRunRow | null> {
  const [row] = await executor.select().from(reportRuns).where(eq(reportRuns.id, id));
  return row ?? null;
}

/** The unfinished run of a round (queued or running), or null. */
export async function readActiveReportRun(
  executor: Executor,
  roundId: string,
): Promise<ReportRunRow | null> {
  const [row] = await executor
    .select()
    .from(reportRuns)
    .where(and(eq(reportRuns.roundId, roundId), inArray(reportRuns.status, ['queued', 'running'])))
    .orderBy(desc(reportRuns.id))
    .limit(1);
  return row ?? null;
}

export async function updateReportRun(
  executor: Executor,
  id: number,
  values: Partial<
    Pick<ReportRunRow, 'status' | 'total' | 'done' | 'skipped' | 'failed' | 'error'>
  > & {
    finished?: boolean;
  },
): Promise<void> {
  const { finished, ...rest } = values;
  await executor
    .update(reportRuns)
    .set({ ...rest, ...(finished ? { finishedAt: sql`now()` } : {}) })
    .where(eq(reportRuns.id, id));
}
