/**
 * The bulk run of report PDFs on two app instances sharing one PostgreSQL: the run is one job
 * (an exclusive queue, keyed by the round), so a second enqueue is dropped and only one
 * instance works on it; when the instance working on it stops in the middle, the job is
 * retried on the other, which skips what was already stored. Job runners in this process, with
 * a stand-in source (the printing is tested in tests/e2e/report-pdf.test.ts).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.ts';
import { readLatestReportRun } from '../../src/db/repositories/report-repository.ts';
import { startJobs, type JobRunner } from '../../src/services/jobs.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import {
  findRoundMunicipality,
  startReportRun,
  type ReportSource,
} from '../../src/services/report-files-service.ts';
import { createTestEnvironment, type TestEnvironment } from '../support/database.ts';
import { seedCastWithOpenRound, type Cast } from '../support/factories.ts';

let environment: TestEnvironment;
let a: DatabaseHandle;
let b: DatabaseHandle;
let cast: Pick<Cast, keyof Cast>;

beforeAll(async () => {
  environment = await createTestEnvironment();
  const databaseUrl = environment.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('the scale test runs on PostgreSQL only');
  a = await openDatabase({ databaseUrl });
  await a.migrate();
  await loadReferenceData(a.db);
  ({ cast } = await seedCastWithOpenRound(a.db, { roundId: 'r' }));
  b = await openDatabase({ databaseUrl });
}, 120_000);

afterAll(async () => {
  await a?.close();
  await b?.close();
  await environment?.dispose();
});

/** Prints (a few bytes) and records it; `hangAfter` prints, every later print never ends. */
function createSource(db: DatabaseHandle, printed: string[], hangAfter = Infinity): ReportSource {
  return {
    async prepare(roundId, code) {
      const municipality = await findRoundMunicipality(db.db, roundId, code);
      return {
        municipality,
        dataHash: `hash-${code}`,
        print: async () => {
          if (printed.length >= hangAfter) await new Promise(() => {});
          printed.push(code);
          return new TextEncoder().encode(`%PDF ${code}`);
        },
      };
    },
  };
}

it('runs once across two instances, and the other instance finishes it when the first stops', async () => {
  const printed: string[] = [];
  let jobsA: JobRunner | undefined = await startJobs({
    handle: a,
    pollingIntervalSeconds: 0.5,
    reports: async () => ({ ...createSource(a, printed, 20), close: async () => {} }),
  });
  let jobsB: JobRunner | undefined;
  try {
    const { run } = await startReportRun(a.db, cast.coordinator, { roundId: 'r', queue: jobsA });
    await expect.poll(() => printed.length, { timeout: 30_000, interval: 100 }).toBe(20);
    // B starts once A holds the job, so the test knows which instance has it.
    jobsB = await startJobs({
      handle: b,
      pollingIntervalSeconds: 0.5,
      reports: async () => ({ ...createSource(b, printed), close: async () => {} }),
    });
    // A second enqueue of the same round, from the other instance: dropped by the queue.
    await jobsB.enqueueReportRun('r', run.id);
    // A stops in the middle of the run (a deployment); its job fails and is retried on B.
    await jobsA.stop(1000);
    jobsA = undefined;
    await expect
      .poll(async () => (await readLatestReportRun(a.db, 'r'))?.status, {
        timeout: 90_000,
        interval: 500,
      })
      .toBe('done');
    const finished = await readLatestReportRun(a.db, 'r');
    expect(finished).toMatchObject({ id: run.id, done: run.total, failed: 0, skipped: 20 });
    // Every report printed exactly once, across both instances.
    expect(printed).toHaveLength(run.total);
    expect(new Set(printed).size).toBe(run.total);
  } finally {
    await jobsA?.stop(1000);
    await jobsB?.stop();
  }
}, 150_000);
