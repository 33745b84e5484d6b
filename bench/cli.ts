/**
 * Whole-process benchmark of the `bfm` command (issue 8), as a person runs it: each figure is
 * a fresh `node bin/bfm.js …` process, timed from spawn to exit, with its peak memory (max
 * RSS, from GNU time when /usr/bin/time exists). Compared with a 40-line plain Node script
 * (bench/reference/percent-goed.mjs) that reads the same CSV and computes the same
 * percentages, so the ratio shows what the database, the checks and the start-up cost.
 *
 *   - `bfm --help` (target ≤ 0.2 s) and `bfm rounds` (target ≤ 0.5 s);
 *   - `bfm import` of a full round into a fresh data folder, then `bfm analyse --json`
 *     (target: within 10× of the reference script; peak memory of the import ≤ 300 MB);
 *   - the same import into a folder that already holds the schema and the registers, and
 *     PGlite's own floor: a process that only opens and closes the data folder.
 *
 * Run alone with `npm run bench:cli` (add `-- --quick` for fewer runs); `npm run bench` runs
 * it after the other benchmarks.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadInstrument } from '../src/instruments/index.ts';
import { generateSyntheticAnswers } from '../src/services/demo-data.ts';
import { readRegister2009 } from '../src/services/reference-data.ts';
import { toCsv } from './support.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/bfm.js');
const REFERENCE = join(ROOT, 'bench/reference/percent-goed.mjs');
const GNU_TIME = '/usr/bin/time';

interface Measured {
  readonly ms: number;
  /** Peak resident memory in MB, when GNU time is available. */
  readonly peakMb: number | null;
  /** User + system CPU time in ms, when GNU time is available: steadier than wall time on a busy machine. */
  readonly cpuMs: number | null;
  readonly stdout: string;
}

/** Runs one process to its end and measures it. */
function measure(args: readonly string[], env: Record<string, string> = {}): Measured {
  const withTime = existsSync(GNU_TIME);
  const command = withTime ? GNU_TIME : process.execPath;
  const argv = withTime ? ['-f', '%M %U %S', process.execPath, ...args] : [...args];
  const start = performance.now();
  const result = spawnSync(command, argv, {
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  const stderrLines = result.stderr.trim().split('\n');
  const [peakKb = NaN, user = NaN, system = NaN] = withTime
    ? (stderrLines.pop() ?? '').split(' ').map(Number)
    : [];
  if (result.status !== 0) {
    throw new Error(`${args.join(' ')} failed (${result.status}):\n${stderrLines.join('\n')}`);
  }
  return {
    ms,
    peakMb: Number.isFinite(peakKb) ? Math.round(peakKb / 1024) : null,
    cpuMs: Number.isFinite(user + system) ? Math.round((user + system) * 1000) : null,
    stdout: result.stdout,
  };
}

export interface CliFigure {
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly peakMb: number | null;
  /** Median CPU time (user + system). */
  readonly cpuMs: number | null;
}

function summarize(samples: readonly Measured[]): CliFigure {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const peaks = samples.map((s) => s.peakMb).filter((p): p is number => p !== null);
  const cpu = samples
    .map((s) => s.cpuMs)
    .filter((c): c is number => c !== null)
    .sort((a, b) => a - b);
  return {
    runs: sorted.length,
    medianMs: Math.round(sorted[Math.floor(sorted.length / 2)] as number),
    minMs: Math.round(sorted[0] as number),
    maxMs: Math.round(sorted[sorted.length - 1] as number),
    peakMb: peaks.length > 0 ? Math.max(...peaks) : null,
    cpuMs: cpu.length > 0 ? (cpu[Math.floor(cpu.length / 2)] as number) : null,
  };
}

function repeat(runs: number, run: () => Measured): CliFigure {
  return summarize(Array.from({ length: runs }, run));
}

type Percentages = { questionnaire: string; basisfunctie: string; percentGoed: number | null }[];

export interface CliResults {
  readonly rows: number;
  readonly help: CliFigure;
  readonly rounds: CliFigure;
  readonly importFresh: CliFigure;
  readonly analyse: CliFigure;
  /** Median of import + analyse in a fresh folder, per run. */
  readonly importAndAnalyse: CliFigure;
  readonly importInitialised: CliFigure;
  readonly pgliteFloor: CliFigure;
  readonly reference: CliFigure;
  /** The reference's percentages agree with `bfm analyse --json`. */
  readonly sameResult: boolean;
  readonly targets: {
    readonly helpMs: 200;
    readonly roundsMs: 500;
    readonly ratio: 10;
    readonly importPeakMb: 300;
  };
}

/** Runs the CLI benchmark in a temporary folder. */
export async function benchCli(options: { quick?: boolean } = {}): Promise<CliResults> {
  const dir = mkdtempSync(join(tmpdir(), 'bfm-bench-cli-'));
  try {
    const values = generateSyntheticAnswers(loadInstrument('2009'), readRegister2009(), {
      participation: 1,
      seed: 42,
    });
    const csv = join(dir, 'round.csv');
    writeFileSync(csv, toCsv(values));
    const runs = options.quick ? 3 : 7;
    const heavyRuns = options.quick ? 1 : 3;

    // A folder with the schema and the registers, copied for each 'initialised' import.
    const initialised = join(dir, 'initialised');
    measure([BIN, 'reference', 'load'], { BFM_DATA_DIR: initialised });

    const imports: Measured[] = [];
    const analyses: Measured[] = [];
    const combined: Measured[] = [];
    let analysed = '';
    for (let run = 0; run < heavyRuns; run += 1) {
      const env = { BFM_DATA_DIR: join(dir, `fresh-${run}`) };
      const imported = measure([BIN, 'import', csv], env);
      const analysis = measure([BIN, 'analyse', '--round', 'bench', '--json'], env);
      imports.push(imported);
      analyses.push(analysis);
      analysed = analysis.stdout;
      combined.push({
        ms: imported.ms + analysis.ms,
        peakMb:
          imported.peakMb === null || analysis.peakMb === null
            ? null
            : Math.max(imported.peakMb, analysis.peakMb),
        cpuMs:
          imported.cpuMs === null || analysis.cpuMs === null
            ? null
            : imported.cpuMs + analysis.cpuMs,
        stdout: '',
      });
    }
    const roundsEnv = { BFM_DATA_DIR: join(dir, 'fresh-0') };
    const importInitialised = repeat(heavyRuns, () => {
      const folder = join(dir, `initialised-copy`);
      rmSync(folder, { recursive: true, force: true });
      cpSync(initialised, folder, { recursive: true });
      return measure([BIN, 'import', csv], { BFM_DATA_DIR: folder });
    });
    const floorScript = `const { PGlite } = await import('@electric-sql/pglite'); const c = await PGlite.create(process.env.BFM_DATA_DIR); await c.query('select 1'); await c.close();`;
    const references: Measured[] = Array.from({ length: runs }, () => measure([REFERENCE, csv]));
    const fromBfm = (JSON.parse(analysed) as { basisfuncties: Percentages }).basisfuncties;
    const fromReference = JSON.parse(references[0]?.stdout ?? '[]') as Percentages;
    const key = (p: Percentages[number]) => `${p.questionnaire} ${p.basisfunctie} ${p.percentGoed}`;
    return {
      rows: values.length,
      help: repeat(runs, () => measure([BIN, '--help'])),
      rounds: repeat(runs, () => measure([BIN, 'rounds'], roundsEnv)),
      importFresh: summarize(imports),
      analyse: summarize(analyses),
      importAndAnalyse: summarize(combined),
      importInitialised,
      pgliteFloor: repeat(runs, () =>
        measure(['--liftoff-only', '--input-type=module', '-e', floorScript], {
          ...roundsEnv,
          NODE_PATH: join(ROOT, 'node_modules'),
        }),
      ),
      reference: summarize(references),
      sameResult:
        JSON.stringify(fromBfm.map(key).sort()) === JSON.stringify(fromReference.map(key).sort()),
      targets: { helpMs: 200, roundsMs: 500, ratio: 10, importPeakMb: 300 },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The results as lines of text, each with its target. */
export function formatCliResults(results: CliResults): string {
  const line = (label: string, figure: CliFigure, target = '') =>
    `${label.padEnd(48)} median ${String(figure.medianMs).padStart(6)} ms  CPU ${String(figure.cpuMs ?? '?').padStart(6)} ms  peak ${String(figure.peakMb ?? '?').padStart(4)} MB  (${figure.runs} runs)${target ? `  ${target}` : ''}`;
  const ratio = (a: number | null, b: number | null) =>
    a === null || b === null || b === 0 ? '?' : `${(a / b).toFixed(1)}×`;
  const { reference, importAndAnalyse, targets } = results;
  return [
    `Whole-process CLI (PGlite; full round of ${results.rows} rows)`,
    line('bfm --help', results.help, `target ≤ ${targets.helpMs} ms`),
    line('bfm rounds', results.rounds, `target ≤ ${targets.roundsMs} ms`),
    line(
      'bfm import, fresh data folder',
      results.importFresh,
      `peak target ≤ ${targets.importPeakMb} MB`,
    ),
    line('bfm analyse --json', results.analyse),
    line('import + analyse (fresh folder)', importAndAnalyse),
    line('reference script (bench/reference)', reference),
    `  ratio import + analyse / reference: time ${ratio(importAndAnalyse.medianMs, reference.medianMs)} (target ≤ ${targets.ratio}×), CPU ${ratio(importAndAnalyse.cpuMs, reference.cpuMs)}, peak memory ${ratio(importAndAnalyse.peakMb, reference.peakMb)}; same percentages: ${results.sameResult ? 'yes' : 'NO'}`,
    '  (wall times need a quiet machine; CPU time and peak memory are steadier under load)',
    line('bfm import, folder with schema and registers', results.importInitialised),
    line("PGlite's floor: open and close the data folder", results.pgliteFloor),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await benchCli({ quick: process.argv.includes('--quick') });
  process.stdout.write(`${formatCliResults(results)}\n`);
}
