/**
 * Benchmarks of the printable national report (issue 10), on the demo round in a PGlite data
 * folder on disk:
 *
 *   1. the report model (loadNationalReport: the analysis view and the text passages), p50 and
 *      p95 over 30 runs after 3 warm-up runs;
 *   2. the server render time of the page, in process (the page renderer the PDF uses), as an
 *      analyst: once with an empty chart cache (the first reader after a start), then p50 and
 *      p95 over 30 renders after 3 warm-up renders;
 *   3. the PDF: rendering and printing by Chromium, the first print (Chromium starting) and
 *      the median of 3 more.
 *
 * Run with `npm run bench:national-report`.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/db/client.ts';
import { clearChartCache } from '../src/services/charts/echarts-svg.ts';
import { DEMO_ROUND_ID } from '../src/services/demo-round-id.ts';
import { loadNationalReport } from '../src/services/national-report-service.ts';
import { createNationalReportPrinter, nationalReportPath } from '../src/web/national-report-pdf.ts';
import { createPageRenderer } from '../src/web/page-renderer.ts';
import { percentile } from './support.ts';

const BFM = fileURLToPath(new URL('../bin/bfm.js', import.meta.url));

export interface NationalReportBenchResult {
  readonly model: { runs: number; p50Ms: number; p95Ms: number };
  readonly render: { coldMs: number; runs: number; p50Ms: number; p95Ms: number; htmlKb: number };
  readonly pdf: { firstMs: number; medianMs: number; pdfKb: number };
}

const ANALYST = {
  id: 0,
  email: 'bench@bfm.invalid',
  name: 'Bench',
  role: 'analyst' as const,
  municipalityCode: null,
  provinces: [],
};

async function runBfm(env: Record<string, string>, args: string[]): Promise<void> {
  const child = spawn(process.execPath, [BFM, ...args], {
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`bfm ${args.join(' ')} ended with ${code}`);
}

async function time<T>(run: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const value = await run();
  return [performance.now() - start, value];
}

export async function benchNationalReport(): Promise<NationalReportBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'bfm-bench-national-'));
  const env = { BFM_DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' };
  const round1 = (value: number) => Math.round(value * 10) / 10;
  try {
    await runBfm(env, ['start', '--no-serve']);
    const handle = await openDatabase({ dataDir: env.BFM_DATA_DIR });
    try {
      const viewer = { kind: 'user' as const, user: ANALYST };
      const model: number[] = [];
      for (let run = 0; run < 33; run += 1) {
        const [ms] = await time(() => loadNationalReport(handle.db, viewer, DEMO_ROUND_ID));
        if (run >= 3) model.push(ms);
      }

      const renderer = await createPageRenderer(handle.db);
      const path = nationalReportPath(DEMO_ROUND_ID);
      clearChartCache();
      const [coldMs, firstHtml] = await time(() => renderer.render(path, ANALYST));
      const renders: number[] = [];
      for (let run = 0; run < 33; run += 1) {
        const [ms] = await time(() => renderer.render(path, ANALYST));
        if (run >= 3) renders.push(ms);
      }

      const printer = createNationalReportPrinter({ db: handle.db, renderer });
      const prints: number[] = [];
      let pdfBytes = 0;
      try {
        for (let run = 0; run < 4; run += 1) {
          const [ms, pdf] = await time(async () =>
            (await printer.prepare(DEMO_ROUND_ID, 'none')).print(),
          );
          prints.push(ms);
          pdfBytes = pdf.length;
        }
      } finally {
        await printer.close();
      }
      model.sort((a, b) => a - b);
      renders.sort((a, b) => a - b);
      const later = prints.slice(1).sort((a, b) => a - b);
      return {
        model: {
          runs: model.length,
          p50Ms: round1(percentile(model, 50)),
          p95Ms: round1(percentile(model, 95)),
        },
        render: {
          coldMs: round1(coldMs),
          runs: renders.length,
          p50Ms: round1(percentile(renders, 50)),
          p95Ms: round1(percentile(renders, 95)),
          htmlKb: Math.round(firstHtml.length / 1024),
        },
        pdf: {
          firstMs: Math.round(prints[0] ?? 0),
          medianMs: Math.round(later[Math.floor(later.length / 2)] ?? 0),
          pdfKb: Math.round(pdfBytes / 1024),
        },
      };
    } finally {
      await handle.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function formatNationalReportResults(result: NationalReportBenchResult): string {
  return [
    `National report (${nationalReportPath(DEMO_ROUND_ID)}, as an analyst; ${result.render.htmlKb} kB of HTML with CSS)`,
    `  report model (analysis view, texts) p50 ${result.model.p50Ms} ms, p95 ${result.model.p95Ms} ms (${result.model.runs} runs)`,
    `  server render, empty chart cache    ${result.render.coldMs} ms`,
    `  server render                       p50 ${result.render.p50Ms} ms, p95 ${result.render.p95Ms} ms (${result.render.runs} renders)`,
    `  PDF (render and print)              first ${result.pdf.firstMs} ms (Chromium starting), then ${result.pdf.medianMs} ms; ${result.pdf.pdfKb} kB`,
  ].join('\n');
}

// Run on its own: `npm run bench:national-report`.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write(`${formatNationalReportResults(await benchNationalReport())}\n`);
}
