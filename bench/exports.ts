/**
 * Issue 10: the answers export of a full round (441 municipalities, both questionnaires, every
 * municipality answering) to each format, as `bfm export` writes it into a folder on disk:
 * reading the answers, building the rows and writing the files, p50/p95 of 10 runs each, on
 * PGlite in a data folder. Also the size of the files.
 *
 * Run with `npm run bench:exports`; also part of `npm run bench`.
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/db/client.ts';
import { loadInstrument } from '../src/instruments/index.ts';
import { storeAnswers } from '../src/services/answer-store.ts';
import { generateSyntheticAnswers } from '../src/services/demo-data.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../src/services/export/answer-formats.ts';
import { exportAnswersToFolder } from '../src/services/export/export-folder.ts';
import { loadReferenceData, readRegister2009 } from '../src/services/reference-data.ts';
import { createRound, loadRound } from '../src/services/round-service.ts';

const RUNS = 10;

export interface ExportTiming {
  readonly format: ExportFormat;
  readonly p50Ms: number;
  readonly p95Ms: number;
  /** CPU time (user + system) of the process per run, median: steadier than wall time on a busy machine. */
  readonly cpuMs: number;
  readonly files: number;
  readonly kilobytes: number;
}

export interface ExportResults {
  readonly municipalities: number;
  readonly rows: Readonly<Record<string, number>>;
  readonly formats: readonly ExportTiming[];
}

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? 0) * 10) / 10;
}

export async function benchExports(): Promise<ExportResults> {
  const dir = await mkdtemp(join(tmpdir(), 'bfm-bench-export-'));
  const handle = await openDatabase({ dataDir: join(dir, 'data') });
  try {
    await handle.migrate();
    await loadReferenceData(handle.db);
    const register = readRegister2009();
    await createRound(handle.db, { id: 'bench', name: 'Benchmark', synthetic: true });
    const loaded = await loadRound(handle.db, 'bench');
    const values = generateSyntheticAnswers(loadInstrument('2009'), register, {
      participation: 1,
      seed: 42,
    });
    await handle.db.transaction((tx) => storeAnswers(tx, loaded, values, []));
    const formats: ExportTiming[] = [];
    let rows: Record<string, number> = {};
    for (const format of EXPORT_FORMATS) {
      const out = join(dir, format);
      await exportAnswersToFolder(handle.db, 'bench', format, out); // warm-up
      const samples: number[] = [];
      const cpu: number[] = [];
      for (let run = 0; run < RUNS; run += 1) {
        const start = performance.now();
        const cpuStart = process.cpuUsage();
        const result = await exportAnswersToFolder(handle.db, 'bench', format, out);
        const used = process.cpuUsage(cpuStart);
        samples.push(performance.now() - start);
        cpu.push((used.user + used.system) / 1000);
        rows = { ...result.rows };
      }
      const names = await readdir(out);
      let bytes = 0;
      for (const name of names) bytes += (await stat(join(out, name))).size;
      const sorted = samples.sort((a, b) => a - b);
      formats.push({
        format,
        p50Ms: percentile(sorted, 50),
        p95Ms: percentile(sorted, 95),
        cpuMs: percentile(
          cpu.sort((a, b) => a - b),
          50,
        ),
        files: names.length,
        kilobytes: Math.round(bytes / 1024),
      });
    }
    return { municipalities: register.length, rows, formats };
  } finally {
    await handle.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export function formatExportResults(results: ExportResults): string {
  const rows = Object.entries(results.rows)
    .map(([questionnaire, n]) => `${questionnaire} ${n}`)
    .join(', ');
  return [
    `Answers export of a full round (${results.municipalities} municipalities; rows: ${rows}), bfm export into a folder, ${RUNS} runs:`,
    ...results.formats.map(
      (f) =>
        `  ${f.format.padEnd(5)} p50 ${String(f.p50Ms).padStart(7)} ms  p95 ${String(f.p95Ms).padStart(7)} ms  CPU ${String(f.cpuMs).padStart(7)} ms  ${f.files} files, ${f.kilobytes} kB`,
    ),
  ].join('\n');
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${formatExportResults(await benchExports())}\n`);
}
