/**
 * Benchmarks of the core (issue 2), on PGlite in a data folder on disk, as users run it:
 *
 *   1. importing a full round from CSV: 441 municipalities, both questionnaires, with
 *      multiple-choice and open answers (target ≤ 2 s);
 *   2. the national analysis of that round (target ≤ 100 ms);
 *   3. the analysis of synthetic rounds of growing size, up to 100,000 respondents per
 *      questionnaire (target ≤ 2 s at 100,000), to show how the cost grows.
 *
 * Run with `npm run bench` (add `-- --quick` for a smaller scale series). Results are printed
 * and written to bench/results/latest.json.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DatabaseHandle } from '../src/db/client.ts';
import { replaceRegister } from '../src/db/repositories/register-repository.ts';
import type { Municipality } from '../src/domain/register.ts';
import { loadInstrument } from '../src/instruments/index.ts';
import { analyseRound, clearAnalysisCache } from '../src/services/analysis-service.ts';
import { generateSyntheticAnswers } from '../src/services/demo-data.ts';
import { importAnswerFile } from '../src/services/import/import-service.ts';
import { storeAnswers } from '../src/services/answer-store.ts';
import { loadReferenceData, readRegister2009 } from '../src/services/reference-data.ts';
import { benchCharts, formatChartResults } from './charts.ts';
import { benchCli, formatCliResults } from './cli.ts';
import { benchExports, formatExportResults } from './exports.ts';
import { benchReports, formatReportResults } from './reports.ts';
import { toCsv } from './support.ts';
import { benchTrends, formatTrendResults } from './trends.ts';
import { benchImprovement, formatImprovementResults } from './improvement.ts';
// Issue 13 (helper A): full-text search over the open answers and notes.
import { benchOpenAnswers, formatOpenAnswerResults } from './open-answers.ts';
import { createRound, loadRound } from '../src/services/round-service.ts';

const quick = process.argv.includes('--quick');
const instrument = loadInstrument('2009');

interface Timing {
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  return {
    runs: samples.length,
    medianMs: Math.round(median * 10) / 10,
    minMs: Math.round((sorted[0] as number) * 10) / 10,
    maxMs: Math.round((sorted[sorted.length - 1] as number) * 10) / 10,
  };
}

async function time<T>(run: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await run();
  return [performance.now() - start, result];
}

async function freshDatabase(dir: string, name: string): Promise<DatabaseHandle> {
  const handle = await openDatabase({ dataDir: join(dir, name) });
  await handle.migrate();
  await loadReferenceData(handle.db);
  return handle;
}

async function benchImportAndAnalysis(dir: string) {
  const values = generateSyntheticAnswers(instrument, readRegister2009(), {
    participation: 1,
    seed: 42,
  });
  const csv = join(dir, 'round.csv');
  await writeFile(csv, toCsv(values));
  const importSamples: number[] = [];
  let handle: DatabaseHandle | undefined;
  const importRuns = quick ? 3 : 5;
  for (let run = 0; run < importRuns; run += 1) {
    await handle?.close();
    handle = await freshDatabase(dir, `import-${run}`);
    const db = handle.db;
    const [ms] = await time(() => importAnswerFile(db, csv));
    importSamples.push(ms);
  }
  if (!handle) throw new Error('no database');
  const db = handle.db;
  const analysisSamples: number[] = [];
  await analyseRound(db, 'bench'); // warm-up: first query plans
  for (let run = 0; run < 20; run += 1) {
    // Computed anew each time: the cache would otherwise answer (measured separately below).
    clearAnalysisCache();
    const [ms] = await time(() => analyseRound(db, 'bench'));
    analysisSamples.push(ms);
  }
  const cachedSamples: number[] = [];
  for (let run = 0; run < 20; run += 1) {
    const [ms] = await time(() => analyseRound(db, 'bench'));
    cachedSamples.push(ms);
  }
  await handle.close();
  return {
    rows: values.length,
    answersWithChoices: values.filter((v) => v.options !== null).length,
    openAnswers: values.filter((v) => v.text !== null).length,
    import: summarize(importSamples),
    analysis: summarize(analysisSamples),
    analysisCached: summarize(cachedSamples),
  };
}

/** A synthetic register of n municipalities spread over the twelve provinces and all sizes. */
function syntheticRegister(n: number): Municipality[] {
  const real = readRegister2009();
  return Array.from({ length: n }, (_, i) => {
    const model = real[i % real.length] as Municipality;
    return { ...model, code: `S${String(i + 1).padStart(6, '0')}`, name: `Synthetisch ${i + 1}` };
  });
}

async function benchScale(dir: string, respondents: number) {
  const handle = await freshDatabase(dir, `scale-${respondents}`);
  const db = handle.db;
  const register = syntheticRegister(respondents);
  const registerId = `bench-${respondents}`;
  await db.transaction((tx) =>
    replaceRegister(
      tx,
      {
        id: registerId,
        name: `Synthetisch register (${respondents})`,
        referenceDate: '2009-01-01',
        source: 'synthetisch',
        synthetic: true,
      },
      register,
    ),
  );
  await createRound(db, { id: registerId, registerId, synthetic: true, name: 'Benchmark' });
  const loaded = await loadRound(db, registerId);
  const [loadMs] = await time(async () => {
    const chunk = 2_000;
    for (let start = 0; start < register.length; start += chunk) {
      const values = generateSyntheticAnswers(instrument, register.slice(start, start + chunk), {
        participation: 1,
        seed: start + 1,
      });
      await db.transaction((tx) => storeAnswers(tx, loaded, values, []));
    }
  });
  await analyseRound(db, registerId);
  const samples: number[] = [];
  let analysis: Awaited<ReturnType<typeof analyseRound>> | undefined;
  for (let run = 0; run < (respondents >= 50_000 ? 5 : 10); run += 1) {
    clearAnalysisCache();
    const [ms, result] = await time(() => analyseRound(db, registerId));
    samples.push(ms);
    analysis = result;
  }
  await handle.close();
  return {
    respondentsPerQuestionnaire: respondents,
    respondentCheck: analysis?.respondents,
    loadSeconds: Math.round(loadMs / 100) / 10,
    analysis: summarize(samples),
  };
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'bfm-bench-'));
  try {
    console.warn('1/5 import and analysis of a full round (441 municipalities)…');
    const round = await benchImportAndAnalysis(dir);
    const sizes = quick ? [441, 5_000, 20_000] : [441, 10_000, 50_000, 100_000];
    const scale = [];
    for (const size of sizes) {
      console.warn(`2/5 analysis at ${size} respondents per questionnaire…`);
      scale.push(await benchScale(dir, size));
    }
    console.warn('3/5 whole-process CLI against the reference script…');
    const cli = await benchCli({ quick });
    console.warn('4/5 the report: one render, the bulk PDF run of 441 municipalities…');
    const reports = await benchReports();
    console.warn('5/5 report charts…');
    const charts = benchCharts();
    console.warn('and the answers export of a full round to each format…');
    const exports = await benchExports();
    console.warn('and the trend computation over 5 rounds (issue 11)…');
    const trends = await benchTrends();
    console.warn(
      'and the improvement loop: talks, statistics, the Wmo indicator, the digest (issue 12)…',
    );
    const improvement = await benchImprovement();
    console.warn('and the full-text search over the open answers and notes (issue 13)…');
    const openAnswers = await benchOpenAnswers();
    const results = {
      date: new Date().toISOString(),
      node: process.version,
      database: 'PGlite (data folder on disk)',
      fullRound: round,
      scale,
      cli,
      reports,
      charts,
      exports,
      trends,
      improvement,
      openAnswers,
      targets: { importMs: 2000, analysisMs: 100, analysis100kMs: 2000 },
    };
    await mkdir(new URL('./results/', import.meta.url), { recursive: true });
    await writeFile(
      new URL('./results/latest.json', import.meta.url),
      `${JSON.stringify(results, null, 2)}\n`,
    );
    const line = (label: string, t: Timing, target?: number) =>
      `${label.padEnd(58)} median ${String(t.medianMs).padStart(8)} ms  (min ${t.minMs}, max ${t.maxMs}, ${t.runs} runs)${target ? `  target ≤ ${target} ms` : ''}`;
    process.stdout.write(
      [
        `Benchmarks on ${results.database}, Node ${results.node}`,
        line(`import of a full round (${round.rows} rows)`, round.import, 2000),
        line('national analysis of that round', round.analysis, 100),
        line('the same, answered from the cache (unchanged answers)', round.analysisCached),
        ...scale.map((s) =>
          line(
            `analysis at ${s.respondentsPerQuestionnaire} respondents per questionnaire`,
            s.analysis,
            s.respondentsPerQuestionnaire === 100_000 ? 2000 : undefined,
          ),
        ),
        ...scale.map(
          (s) =>
            `  (loading ${s.respondentsPerQuestionnaire} respondents took ${s.loadSeconds} s, not part of the target)`,
        ),
        '',
        formatCliResults(cli),
        '',
        formatReportResults(reports),
        '',
        formatChartResults(charts),
        '',
        formatExportResults(exports),
        '',
        formatTrendResults(trends),
        '',
        formatImprovementResults(improvement),
        '',
        formatOpenAnswerResults(openAnswers),
        '',
      ].join('\n'),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
