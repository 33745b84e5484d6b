/**
 * Benchmarks of the report (issue 9), on the demo round in a PGlite data folder on disk:
 *
 *   1. the server render time of one report, in process (the page renderer the PDF uses),
 *      p50 and p95 over 100 renders after 5 warm-up renders;
 *   2. `bfm report --all` for all 441 municipalities, as a child process: wall time (target
 *      ≤ 3 minutes) and peak memory of the bfm process and its Chromium processes together
 *      (the sum of their PSS, and of their RSS), sampled every 250 ms from /proc;
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
  readonly bulk: {
    reports: number;
    wallSeconds: number;
    peakPssMb: number;
    peakRssMb: number;
    summary: string;
  };
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

/**
 * A process's memory: its proportional set size (PSS), which splits the pages Chromium's
 * processes share among them, so the sum over the tree is not inflated by shared libraries;
 * and its resident set size (RSS), which counts shared pages in every process.
 */
function memoryKb(pid: number): { pss: number; rss: number } {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const pss = /^Pss:\s+(\d+) kB/m.exec(rollup);
    const rss = /^Rss:\s+(\d+) kB/m.exec(rollup);
    return { pss: pss ? Number(pss[1]) : 0, rss: rss ? Number(rss[1]) : 0 };
  } catch {
    return { pss: 0, rss: 0 };
  }
}

/** Runs bfm with the environment; returns its wall time, last line and peak tree memory. */
async function runBfm(
  env: Record<string, string>,
  args: string[],
): Promise<{ seconds: number; peakKb: number; peakRssKb: number; output: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, [BFM, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let peakKb = 0;
  let peakRssKb = 0;
  const sampler = setInterval(() => {
    const samples = processTree(child.pid!).map(memoryKb);
    peakKb = Math.max(
      peakKb,
      samples.reduce((sum, sample) => sum + sample.pss, 0),
    );
    peakRssKb = Math.max(
      peakRssKb,
      samples.reduce((sum, sample) => sum + sample.rss, 0),
    );
  }, 250);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`bfm ${args.join(' ')} ended with ${code}:\n${output}`);
  return { seconds: (performance.now() - started) / 1000, peakKb, peakRssKb, output };
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
        peakPssMb: Math.round(bulk.peakKb / 1024),
        peakRssMb: Math.round(bulk.peakRssKb / 1024),
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
    `  bfm report --all (441 PDFs)        ${result.bulk.wallSeconds} s  target ≤ ${result.targets.bulkSeconds} s; peak memory ${result.bulk.peakPssMb} MB PSS (${result.bulk.peakRssMb} MB RSS summed; bfm + Chromium)`,
    `    ${result.bulk.summary}`,
    `  the same again (all unchanged)     ${result.resume.wallSeconds} s`,
    `    ${result.resume.summary}`,
  ].join('\n');
}

// Run on its own: `npm run bench:reports`.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write(`${formatReportResults(await benchReports())}\n`);
}
