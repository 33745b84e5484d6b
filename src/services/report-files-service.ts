/**
 * The report as PDF, for one municipality or all of a round: the batch that renders them
 * (for `bfm report --all` and the web app's bulk run), the stored PDFs and the runs.
 *
 * Rendering itself needs the built web app and Chromium, which live in the web layer
 * (src/web/report-pdf.ts); it is handed in as a `ReportSource`.
 */
import type { Database } from '../db/client.ts';
import {
  insertReportRun,
  readActiveReportRun,
  readLatestReportRun,
  readStoredReport,
  readStoredReportHashes,
  storeReport,
  updateReportRun,
  type ReportRunRow,
} from '../db/repositories/report-repository.ts';
import { normalizeMunicipalityCode, type Municipality } from '../domain/register.ts';
import type { StaffUser } from './auth-service.ts';
import { MUNICIPALITY_NOT_FOUND, NotFoundError, UnavailableError } from './errors.ts';
import { assertCan, assertRoleMay } from './permissions.ts';
import { loadRound } from './round-service.ts';

/** A report ready to print: the hash of its data, and its printing. */
export interface PreparedReport {
  readonly municipality: Municipality;
  /** Equal hashes: the same PDF; a stored PDF with the same hash need not be printed again. */
  readonly dataHash: string;
  print(): Promise<Uint8Array>;
}

/** Renders reports (src/web/report-pdf.ts in the app, the CLI and the job). */
export interface ReportSource {
  prepare(roundId: string, municipalityCode: string): Promise<PreparedReport>;
}

/** Where a batch keeps its PDFs: a folder with a manifest, or the database. */
export interface ReportStore {
  /** The data hash of each report already stored, by municipality code. */
  readHashes(): Promise<ReadonlyMap<string, string>>;
  /** Stores one report; written atomically, so an interrupted run leaves no half file. */
  write(municipality: Municipality, dataHash: string, pdf: Uint8Array): Promise<void>;
}

export interface BatchProgress {
  readonly total: number;
  /** Reports finished: rendered, skipped or failed. */
  readonly done: number;
  readonly rendered: number;
  readonly skipped: number;
  readonly failed: number;
  /** The municipality just finished. */
  readonly municipality: Municipality;
  /** Why it failed, in Dutch. */
  readonly error?: string;
}

export interface BatchOptions {
  readonly roundId: string;
  readonly municipalities: readonly Municipality[];
  readonly source: ReportSource;
  readonly store: ReportStore;
  /**
   * How many reports are in progress at once; default 2. With two, one report's HTML is
   * rendered in Node while the other is printed in Chromium, so both cores work; four were
   * no faster on two cores (370 s against 379 s for the 441 reports of the demo round) and
   * took twice the memory.
   */
  readonly concurrency?: number;
  readonly onProgress?: (progress: BatchProgress) => void | Promise<void>;
}

export interface BatchResult {
  readonly total: number;
  readonly rendered: number;
  readonly skipped: number;
  readonly failed: number;
  readonly failures: readonly { readonly code: string; readonly error: string }[];
}

/**
 * Renders the report of every municipality given, skipping those whose stored PDF has the
 * data hash of the report as it is now: a run that was interrupted, or run again after a few
 * answers changed, renders only what is missing or changed. A municipality that fails is
 * counted and the run goes on; an unavailable Chromium stops it.
 */
export async function renderReportBatch(options: BatchOptions): Promise<BatchResult> {
  const stored = await options.store.readHashes();
  const queue = [...options.municipalities];
  const total = queue.length;
  const counts = { done: 0, rendered: 0, skipped: 0, failed: 0 };
  const failures: { code: string; error: string }[] = [];
  let fatal: unknown;

  async function work(): Promise<void> {
    for (let next = queue.shift(); next && !fatal; next = queue.shift()) {
      const municipality = next;
      let error: string | undefined;
      try {
        const report = await options.source.prepare(options.roundId, municipality.code);
        if (stored.get(municipality.code) === report.dataHash) counts.skipped += 1;
        else {
          await options.store.write(municipality, report.dataHash, await report.print());
          counts.rendered += 1;
        }
      } catch (caught) {
        if (isUnavailable(caught)) {
          fatal = caught;
          return;
        }
        error = caught instanceof Error ? caught.message : String(caught);
        counts.failed += 1;
        failures.push({ code: municipality.code, error });
      }
      counts.done += 1;
      await options.onProgress?.({ total, ...counts, municipality, ...(error ? { error } : {}) });
    }
  }

  const workers = Math.max(1, Math.min(options.concurrency ?? 2, total));
  await Promise.all(Array.from({ length: workers }, work));
  if (fatal) throw fatal;
  return {
    total,
    rendered: counts.rendered,
    skipped: counts.skipped,
    failed: counts.failed,
    failures,
  };
}

function isUnavailable(error: unknown): boolean {
  return error instanceof Error && (error as { status?: unknown }).status === 503;
}

/**
 * The municipality of a round, by a code as people type it (0363, GM0363, 363).
 *
 * @throws {NotFoundError} for an unknown round or a municipality not in its register
 */
export async function findRoundMunicipality(
  db: Database,
  roundId: string,
  codeInput: string,
): Promise<Municipality> {
  const loaded = await loadRound(db, roundId);
  const code = normalizeMunicipalityCode(codeInput);
  const municipality = loaded.municipalities.find((m) => m.code === code);
  if (!municipality) throw new NotFoundError(MUNICIPALITY_NOT_FOUND);
  return municipality;
}

/** The municipalities of a round, in register order (for `--all` and the bulk run). */
export async function listRoundMunicipalities(
  db: Database,
  roundId: string,
): Promise<readonly Municipality[]> {
  return (await loadRound(db, roundId)).municipalities;
}

/** Stores the batch's PDFs in the database (the web app's bulk run). */
export function createDatabaseReportStore(db: Database, roundId: string): ReportStore {
  return {
    readHashes: () => readStoredReportHashes(db, roundId),
    write: (municipality, dataHash, pdf) =>
      storeReport(db, { roundId, municipalityCode: municipality.code, dataHash, pdf }),
  };
}

/**
 * The report PDF of a municipality for the download: the stored one when its data hash is the
 * report's as it is now, else rendered now (and stored for the next download).
 *
 * @throws {NotFoundError} for an unknown round or municipality, or one the user may not see
 * @throws {ForbiddenError} for a role that sees no report (the analyst)
 * @throws {UnavailableError} when the PDF must be rendered and Chromium is missing
 */
export async function readReportPdf(
  db: Database,
  user: StaffUser,
  input: { roundId: string; municipalityCode: string; source: ReportSource },
): Promise<{ municipality: Municipality; pdf: Uint8Array; fileName: string }> {
  assertRoleMay(user, 'report.read');
  const municipality = await findRoundMunicipality(db, input.roundId, input.municipalityCode);
  assertCan(user, 'report.read', municipality);
  const report = await input.source.prepare(input.roundId, municipality.code);
  const stored = await readStoredReport(db, input.roundId, municipality.code);
  let pdf = stored?.dataHash === report.dataHash ? stored.pdf : undefined;
  if (!pdf) {
    pdf = await report.print();
    await storeReport(db, {
      roundId: input.roundId,
      municipalityCode: municipality.code,
      dataHash: report.dataHash,
      pdf,
    });
  }
  return { municipality, pdf, fileName: reportFileName(input.roundId, municipality) };
}

/** The file name of a report PDF: plain ASCII, e.g. `rapport-demo-2009-GM0363.pdf`. */
export function reportFileName(roundId: string, municipality: Pick<Municipality, 'code'>): string {
  return `rapport-${roundId.replace(/[^A-Za-z0-9-]/g, '_')}-GM${municipality.code}.pdf`;
}

/** What the coordinator's _Rapporten_ page shows. */
export interface ReportRunOverview {
  readonly roundId: string;
  readonly roundName: string;
  readonly run: ReportRunRow | null;
  readonly storedCount: number;
  readonly municipalities: readonly {
    readonly code: string;
    readonly name: string;
    readonly stored: boolean;
  }[];
}

/**
 * The latest bulk run of a round and the stored reports.
 *
 * @throws {ForbiddenError} for anyone but the coordinator
 * @throws {NotFoundError} for an unknown round
 */
export async function readReportRunOverview(
  db: Database,
  user: StaffUser,
  roundId: string,
): Promise<ReportRunOverview> {
  assertCan(user, 'report.bulkRun');
  const loaded = await loadRound(db, roundId);
  const [run, hashes] = await Promise.all([
    readLatestReportRun(db, roundId),
    readStoredReportHashes(db, roundId),
  ]);
  return {
    roundId,
    roundName: loaded.round.name,
    run,
    storedCount: hashes.size,
    municipalities: loaded.municipalities.map((m) => ({
      code: m.code,
      name: m.name,
      stored: hashes.has(m.code),
    })),
  };
}

/** After this long an unfinished run counts as abandoned (the job's expiry, jobs.ts). */
export const ABANDONED_RUN_MS = 3 * 3600 * 1000;

/** Enqueues the job of a run, in the web app: pg-boss with a singleton key per round. */
export interface ReportRunQueue {
  enqueueReportRun(roundId: string, runId: number): Promise<void>;
}

/**
 * Starts a bulk run of a round's reports, or returns the one already queued or running: a
 * second click, or a second coordinator, does not start it twice.
 *
 * @throws {ForbiddenError} for anyone but the coordinator
 * @throws {NotFoundError} for an unknown round
 */
export async function startReportRun(
  db: Database,
  user: StaffUser,
  input: { roundId: string; queue: ReportRunQueue | undefined },
): Promise<{ run: ReportRunRow; started: boolean }> {
  assertCan(user, 'report.bulkRun');
  const loaded = await loadRound(db, input.roundId);
  if (!input.queue)
    throw new UnavailableError(
      'Deze server draait geen achtergrondtaken, dus de rapporten kunnen hier niet worden gemaakt. Start de server met bfm serve, of maak ze met bfm report --all.',
    );
  const active = await readActiveReportRun(db, input.roundId);
  // A run whose every attempt died with its process (killed, never failed) would stay
  // 'running' for ever; after the job's own time limit it no longer holds a new one back.
  const abandoned = active !== null && Date.now() - active.startedAt.getTime() > ABANDONED_RUN_MS;
  if (active && !abandoned) return { run: active, started: false };
  if (active)
    await updateReportRun(db, active.id, {
      status: 'failed',
      error: 'Afgebroken: de taak is niet afgemaakt.',
      finished: true,
    });
  const run = await insertReportRun(db, {
    roundId: input.roundId,
    total: loaded.municipalities.length,
    startedBy: user.id,
  });
  await input.queue.enqueueReportRun(input.roundId, run.id);
  return { run, started: true };
}

/**
 * The job of a bulk run: renders every report of the round into the database, updating the
 * run's progress. Run by one worker at a time per round (the job's singleton key); a job
 * picked up again after a restart skips what was already stored with the same data hash.
 */
export async function executeReportRun(
  db: Database,
  input: { roundId: string; runId: number; source: ReportSource },
): Promise<BatchResult> {
  const municipalities = await listRoundMunicipalities(db, input.roundId);
  await updateReportRun(db, input.runId, {
    status: 'running',
    total: municipalities.length,
    done: 0,
    skipped: 0,
    failed: 0,
  });
  try {
    let last = 0;
    const result = await renderReportBatch({
      roundId: input.roundId,
      municipalities,
      source: input.source,
      store: createDatabaseReportStore(db, input.roundId),
      onProgress: async (progress) => {
        // Written every few reports, not each one: the page reads it, nobody needs each step.
        if (progress.done - last >= 5 || progress.done === progress.total) {
          last = progress.done;
          await updateReportRun(db, input.runId, {
            done: progress.done,
            skipped: progress.skipped,
            failed: progress.failed,
          });
        }
      },
    });
    await updateReportRun(db, input.runId, {
      status: 'done',
      done: result.total,
      skipped: result.skipped,
      failed: result.failed,
      finished: true,
    });
    return result;
  } catch (error) {
    await updateReportRun(db, input.runId, {
      status: 'failed',
      error: error instanceof Error ? error.message : String(error),
      finished: true,
    });
    // Without Chromium a retry fails the same way; the page shows the run's error instead.
    if (isUnavailable(error)) return { total: 0, rendered: 0, skipped: 0, failed: 0, failures: [] };
    throw error;
  }
}
