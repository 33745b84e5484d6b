/**
 * The bulk run of report PDFs, without Chromium: a stand-in source whose "PDF" is its data
 * hash, so what is rendered, skipped and stored can be counted. The printing itself is tested
 * in Chromium (tests/e2e/report-pdf.test.ts). Runs on PGlite and PostgreSQL.
 */
import { mkdtemp, readdir, readFile, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readLatestReportRun,
  readStoredReport,
} from '../../src/db/repositories/report-repository.ts';
import { reportRuns } from '../../src/db/schema.ts';
import type { Municipality } from '../../src/domain/register.ts';
import { UnavailableError } from '../../src/services/errors.ts';
import { startJobs } from '../../src/services/jobs.ts';
import {
  ABANDONED_RUN_MS,
  executeReportRun,
  listRoundMunicipalities,
  readReportPdf,
  readReportRunOverview,
  renderReportBatch,
  startReportRun,
  type ReportRunQueue,
  type ReportSource,
} from '../../src/services/report-files-service.ts';
import { createFolderReportStore, MANIFEST_FILE } from '../../src/services/report-folder.ts';
import { openRound, seedAccounts, type Cast } from '../support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let database: TestDatabase;
let cast: Cast;
let municipalities: readonly Municipality[];
const ROUND = 'rapporten';

/** A report source whose data is a version per municipality; counts what it prints. */
function createCountingSource() {
  const versions = new Map<string, number>();
  const printed: string[] = [];
  const source: ReportSource & { change(code: string): void; printed: string[] } = {
    printed,
    change(code) {
      versions.set(code, (versions.get(code) ?? 0) + 1);
    },
    async prepare(_roundId, code) {
      const municipality = municipalities.find((m) => m.code === code)!;
      const dataHash = `${code}-v${versions.get(code) ?? 0}`;
      return {
        municipality,
        dataHash,
        print: async () => {
          printed.push(code);
          return new TextEncoder().encode(`%PDF ${dataHash}`);
        },
      };
    },
  };
  return source;
}

beforeAll(async () => {
  database = await createTestDatabase();
  cast = await seedAccounts(database.db);
  await openRound(database.db, cast.coordinator, ROUND, 'Rapporten');
  municipalities = (await listRoundMunicipalities(database.db, ROUND)).slice(0, 12);
});
afterAll(async () => {
  await database?.dispose();
});

describe('bfm report --all into a folder', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'bfm-rapporten-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('resumes: a second run skips every report whose data did not change', async () => {
    const source = createCountingSource();
    const first = await renderReportBatch({
      roundId: ROUND,
      municipalities,
      source,
      store: await createFolderReportStore(folder, ROUND),
    });
    expect(first).toMatchObject({ total: 12, rendered: 12, skipped: 0, failed: 0 });

    source.printed.length = 0;
    const second = await renderReportBatch({
      roundId: ROUND,
      municipalities,
      source,
      store: await createFolderReportStore(folder, ROUND),
    });
    expect(second).toMatchObject({ rendered: 0, skipped: 12 });
    expect(source.printed).toEqual([]);
  });

  it('renders again what changed and what was deleted, and leaves no temporary files', async () => {
    const source = createCountingSource();
    const [changed, deleted] = [municipalities[3]!, municipalities[7]!];
    source.change(changed.code);
    await unlink(join(folder, `rapport-${ROUND}-GM${deleted.code}.pdf`));
    const result = await renderReportBatch({
      roundId: ROUND,
      municipalities,
      source,
      store: await createFolderReportStore(folder, ROUND),
    });
    expect(result).toMatchObject({ rendered: 2, skipped: 10 });
    expect(source.printed.sort()).toEqual([changed.code, deleted.code].sort());
    const manifest = JSON.parse(await readFile(join(folder, MANIFEST_FILE), 'utf8'));
    expect(manifest.reports[changed.code].dataHash).toBe(`${changed.code}-v1`);
    const files = await readdir(folder);
    expect(files.filter((file) => file.endsWith('.tmp'))).toEqual([]);
    expect(files.filter((file) => file.endsWith('.pdf'))).toHaveLength(12);
  });

  it('counts a failing report and goes on; a missing Chromium stops the run', async () => {
    const source = createCountingSource();
    const failing: ReportSource = {
      prepare: async (roundId, code) => {
        if (code === municipalities[0]!.code) throw new Error('kapot');
        return source.prepare(roundId, code);
      },
    };
    const folder2 = await mkdtemp(join(tmpdir(), 'bfm-rapporten-'));
    try {
      const result = await renderReportBatch({
        roundId: ROUND,
        municipalities,
        source: failing,
        store: await createFolderReportStore(folder2, ROUND),
      });
      expect(result).toMatchObject({ rendered: 11, failed: 1 });
      expect(result.failures).toEqual([{ code: municipalities[0]!.code, error: 'kapot' }]);

      const withoutChromium: ReportSource = {
        prepare: async () => {
          throw new UnavailableError('Chromium ontbreekt');
        },
      };
      await expect(
        renderReportBatch({
          roundId: ROUND,
          municipalities,
          source: withoutChromium,
          store: await createFolderReportStore(folder2, ROUND),
        }),
      ).rejects.toThrow('Chromium ontbreekt');
    } finally {
      await rm(folder2, { recursive: true, force: true });
    }
  });
});

describe('the bulk run in the web app', () => {
  it('is for the coordinator only', async () => {
    const queue: ReportRunQueue = { enqueueReportRun: async () => {} };
    for (const user of [cast.advisor, cast.municipality, cast.analyst]) {
      await expect(startReportRun(database.db, user, { roundId: ROUND, queue })).rejects.toThrow(
        'Alleen de landelijk coördinator maakt de rapporten van alle gemeenten.',
      );
      await expect(readReportRunOverview(database.db, user, ROUND)).rejects.toThrow(
        'Alleen de landelijk coördinator',
      );
    }
  });

  it('starts once: a second start while the run is queued returns the same run', async () => {
    const enqueued: number[] = [];
    const queue: ReportRunQueue = {
      enqueueReportRun: async (_round, id) => void enqueued.push(id),
    };
    const first = await startReportRun(database.db, cast.coordinator, { roundId: ROUND, queue });
    const second = await startReportRun(database.db, cast.coordinator, { roundId: ROUND, queue });
    expect(first.started).toBe(true);
    expect(second).toMatchObject({ started: false, run: { id: first.run.id } });
    expect(enqueued).toEqual([first.run.id]);

    // The job: everything rendered into the database, then a run again skips all of it.
    const source = createCountingSource();
    const result = await executeReportRun(database.db, {
      roundId: ROUND,
      runId: first.run.id,
      source,
    });
    expect(result.rendered).toBe(result.total);
    const run = await readLatestReportRun(database.db, ROUND);
    expect(run).toMatchObject({ status: 'done', done: result.total, failed: 0 });

    const again = await startReportRun(database.db, cast.coordinator, { roundId: ROUND, queue });
    source.printed.length = 0;
    const rerun = await executeReportRun(database.db, {
      roundId: ROUND,
      runId: again.run.id,
      source,
    });
    expect(rerun).toMatchObject({ rendered: 0, skipped: result.total });
    expect(source.printed).toEqual([]);
    const overview = await readReportRunOverview(database.db, cast.coordinator, ROUND);
    expect(overview.storedCount).toBe(result.total);
  });

  it('starts a new run when the unfinished one is older than the job may run (abandoned)', async () => {
    const round = 'rapporten-verlaten';
    await openRound(database.db, cast.coordinator, round, 'Verlaten');
    const queue: ReportRunQueue = { enqueueReportRun: async () => {} };
    const first = await startReportRun(database.db, cast.coordinator, { roundId: round, queue });
    await database.db
      .update(reportRuns)
      .set({ status: 'running', startedAt: new Date(Date.now() - ABANDONED_RUN_MS - 60_000) })
      .where(eq(reportRuns.id, first.run.id));
    const second = await startReportRun(database.db, cast.coordinator, { roundId: round, queue });
    expect(second.started).toBe(true);
    expect(second.run.id).not.toBe(first.run.id);
    const [old] = await database.db
      .select()
      .from(reportRuns)
      .where(eq(reportRuns.id, first.run.id));
    expect(old).toMatchObject({
      status: 'failed',
      error: 'Afgebroken: de taak is niet afgemaakt.',
    });
  });

  it('says the server runs no job queue when it has none', async () => {
    await expect(
      startReportRun(database.db, cast.coordinator, { roundId: ROUND, queue: undefined }),
    ).rejects.toThrow('Deze server draait geen achtergrondtaken');
  });

  it('runs as a job in the queue and prints each report once', async () => {
    const source = createCountingSource();
    const round = 'rapporten-job';
    await openRound(database.db, cast.coordinator, round, 'Job');
    const jobs = await startJobs({
      handle: database,
      pollingIntervalSeconds: 0.5,
      reports: async () => ({ ...source, close: async () => {} }),
    });
    try {
      const { run } = await startReportRun(database.db, cast.coordinator, {
        roundId: round,
        queue: jobs,
      });
      await expect
        .poll(async () => (await readLatestReportRun(database.db, round))?.status, {
          timeout: 60_000,
          interval: 250,
        })
        .toBe('done');
      const finished = await readLatestReportRun(database.db, round);
      expect(finished).toMatchObject({ id: run.id, done: run.total, failed: 0 });
      // Every municipality printed exactly once.
      expect(new Set(source.printed).size).toBe(source.printed.length);
      expect(source.printed).toHaveLength(run.total);
    } finally {
      await jobs.stop();
    }
  });
});

describe('the PDF download', () => {
  it('serves the stored PDF while its data hash is current, and renders it again when not', async () => {
    const source = createCountingSource();
    const amsterdam = municipalities.find((m) => m.code === '0363') ?? municipalities[0]!;
    const input = { roundId: ROUND, municipalityCode: `GM${amsterdam.code}`, source };
    const first = await readReportPdf(database.db, cast.coordinator, input);
    const printedBefore = source.printed.length;
    const second = await readReportPdf(database.db, cast.coordinator, input);
    expect(source.printed.length).toBe(printedBefore);
    expect(second.pdf).toEqual(first.pdf);
    source.change(amsterdam.code);
    const third = await readReportPdf(database.db, cast.coordinator, input);
    expect(new TextDecoder().decode(third.pdf)).toContain('-v1');
    expect((await readStoredReport(database.db, ROUND, amsterdam.code))?.dataHash).toContain('-v1');
    expect(third.fileName).toBe(`rapport-${ROUND}-GM${amsterdam.code}.pdf`);
  });

  it('refuses the analyst (403) and another municipality (404)', async () => {
    const source = createCountingSource();
    const input = { roundId: ROUND, municipalityCode: '0363', source };
    await expect(readReportPdf(database.db, cast.analyst, input)).rejects.toMatchObject({
      status: 403,
    });
    await expect(readReportPdf(database.db, cast.otherMunicipality, input)).rejects.toMatchObject({
      status: 404,
    });
  });
});
