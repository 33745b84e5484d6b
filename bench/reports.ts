/**
 * Benchmarks of the report (issue 9), on the demo round in a PGlite data folder on disk:
 *
 *   1. the server render time of one report, in process (the page renderer the PDF uses),
 *      p50 and p95 over 100 renders after 5 warm-up renders;
 *   2. `bfm report --all` for all 441 municipalities, as a child process: wall time (target
 *      ≤ 3 minutes) and peak memory, the sum of the resident memory of the bfm process and its
 *      Chromium processes, sampled every 250 ms from /proc;
 *   3. the same command again: every report skipped (the resumable run).
 *
 * Run with `npm run bench:reports`; `npm run bench` runs it too. The page printed is the one of
 * `reportPagePath`, so the figures follow the report page wherever it is.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/db/client.ts';
import { DEMO_ROUND_ID } from '../src/services/demo-round-id.ts';
import { reportPagePath } from '../src/services/links.ts';
import { findRoundMunicipality } from '../src/services/report-files-service.ts';
import { createPageRenderer, municipalityReader } from '../src/web/page-renderer.ts';
import { percentile } from './support.ts';

const BFM = fileURLToPath(new URL('../bin/bfm.js', import.meta.url));

export interface ReportBenchResult {
  readonly page: string;
  readonly render: { runs: number; p50Ms: number; p95Ms: number; htmlKb: number };
  readonly bulk: { reports: number; wallSeconds: number; peakRssMb: number; summary: string };
  readonly resume: { wallSeconds: number; summary: string };
  readonly targets: { bulkSeconds: number };
}

/** Pids of a process and all its descendants, from /proc. */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: the fields follow the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // The process ended while we looked.
    }
  }
  const tree: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    tree.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return tree;
}

function residentKb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Runs bfm with the environment; returns its wall time, last line and peak tree memory. */
async function runBfm(
  env: Record<string, string>,
  args: string[],
): Promise<{ seconds: number; peakKb: number; output: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, [BFM, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let peakKb = 0;
  const sampler = setInterval(() => {
    const total = processTree(child.pid!).reduce((sum, pid) => sum + residentKb(pid), 0);
    peakKb = Math.max(peakKb, total);
  }, 250);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`bfm ${args.join(' ')} ended with ${code}:\n${output}`);
  return { seconds: (performance.now() - started) / 1000, peakKb, output };
}

export async function benchReports(): Promise<ReportBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'bfm-bench-reports-'));
  const env = { BFM_DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' };
  try {
    await runBfm(env, ['start', '--no-serve']);
    const page = reportPagePath(DEMO_ROUND_ID, '0363');

    const handle = await openDatabase({ dataDir: env.BFM_DATA_DIR });
    const samples: number[] = [];
    let htmlBytes = 0;
    try {
      const renderer = await createPageRenderer(handle.db);
      const reader = municipalityReader(
        await findRoundMunicipality(handle.db, DEMO_ROUND_ID, '0363'),
      );
      for (let run = 0; run < 105; run += 1) {
        const start = performance.now();
        const html = await renderer.render(page, reader);
        if (run >= 5) samples.push(performance.now() - start);
        htmlBytes = html.length;
      }
    } finally {
      await handle.close();
    }
    samples.sort((a, b) => a - b);
    const round1 = (value: number) => Math.round(value * 10) / 10;

    const out = join(dir, 'rapporten');
    const bulk = await runBfm(env, ['report', '--round', DEMO_ROUND_ID, '--all', '--out', out]);
    const resume = await runBfm(env, ['report', '--round', DEMO_ROUND_ID, '--all', '--out', out]);
    const lastLine = (text: string) => text.trim().split('\n').at(-1) ?? '';
    return {
      page,
      render: {
        runs: samples.length,
        p50Ms: round1(percentile(samples, 50)),
        p95Ms: round1(percentile(samples, 95)),
        htmlKb: Math.round(htmlBytes / 1024),
      },
      bulk: {
        reports: 441,
        wallSeconds: round1(bulk.seconds),
        peakRssMb: Math.round(bulk.peakKb / 1024),
        summary: lastLine(bulk.output),
      },
      resume: { wallSeconds: round1(resume.seconds), summary: lastLine(resume.output) },
      targets: { bulkSeconds: 180 },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function formatReportResults(result: ReportBenchResult): string {
  return [
    `Report (${result.page}, as the municipality; ${result.render.htmlKb} kB of HTML with CSS)`,
    `  server render of one report        p50 ${result.render.p50Ms} ms, p95 ${result.render.p95Ms} ms (${result.render.runs} renders)`,
    `  bfm report --all (441 PDFs)        ${result.bulk.wallSeconds} s  target ≤ ${result.targets.bulkSeconds} s; peak memory ${result.bulk.peakRssMb} MB (bfm + Chromium)`,
    `    ${result.bulk.summary}`,
    `  the same again (all unchanged)     ${result.resume.wallSeconds} s`,
    `    ${result.resume.summary}`,
  ].join('\n');
}

// Run on its own: `npm run bench:reports`.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write(`${formatReportResults(await benchReports())}\n`);
}
