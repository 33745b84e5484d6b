/**
 * Issue 11: the trend computation over 5 rounds of 441 municipalities (the 2009 register, each
 * round a fresh synthetic measurement following the one before), on PGlite in a data folder on
 * disk. Target ≤ 200 ms.
 *
 *   1. the national trend: `compareRoundSeries` over the five rounds: the four consecutive comparisons (percentage 'goed
 *      voor elkaar' per basisfunctie in every round, and the four sets of transition tables);
 *   2. one pair on its own, and the pure computation of that pair without reading (the part
 *      the CPU spends in src/domain);
 *   3. one municipality's trend over the five rounds (`loadMunicipalityTrend`).
 *
 * Run with `npm run bench:trends`; `benchTrends()` gives the figures to bench/run.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../src/db/client.ts';
import { readResponseVectors } from '../src/db/repositories/answer-repository.ts';
import { rounds } from '../src/db/schema.ts';
import { mapIdentity } from '../src/domain/lineage.ts';
import { EMPTY_FILTER } from '../src/domain/analysis-filter.ts';
import { storeAnswers } from '../src/services/answer-store.ts';
import { generateSyntheticAnswers } from '../src/services/demo-data.ts';
import { loadReferenceData } from '../src/services/reference-data.ts';
import { createRound, loadRound } from '../src/services/round-service.ts';
import {
  compareRounds,
  compareRoundSeries,
  computeComparison,
  loadMunicipalityTrend,
} from '../src/services/trend-service.ts';

const ROUNDS = 5;
const RUNS = 15;

export interface TrendBenchResult {
  readonly rounds: number;
  readonly municipalities: number;
  readonly nationalTrendMs: number;
  readonly onePairMs: number;
  readonly onePairComputeMs: number;
  readonly municipalityTrendMs: number;
  readonly targetMs: number;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return Math.round((sorted[Math.floor(sorted.length / 2)] ?? 0) * 10) / 10;
}

async function measure(run: () => Promise<unknown>): Promise<number> {
  await run(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

export async function benchTrends(): Promise<TrendBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'bfm-bench-trends-'));
  const handle = await openDatabase({ dataDir: join(dir, 'db') });
  try {
    await handle.migrate();
    const db = handle.db;
    await loadReferenceData(db);
    const ids = Array.from({ length: ROUNDS }, (_, i) => `trend-${i + 1}`);
    for (const [i, id] of ids.entries()) {
      await db.transaction(async (tx) => {
        await createRound(tx, { id, synthetic: true, name: `Trendmeting ${i + 1}` });
        if (i > 0)
          await tx
            .update(rounds)
            .set({ previousRoundId: ids[i - 1] })
            .where(eq(rounds.id, id));
        const loaded = await loadRound(tx, id);
        const values = generateSyntheticAnswers(loaded.instrument, loaded.municipalities, {
          participation: 0.9,
          seed: 2009 + i,
        });
        await storeAnswers(tx, loaded, values, []);
      });
    }
    const nationalTrendMs = await measure(() => compareRoundSeries(db, ids));
    const [first, second] = [ids[0] ?? '', ids[1] ?? ''];
    const onePairMs = await measure(() => compareRounds(db, first, second));
    const [a, b, va, vb] = await Promise.all([
      loadRound(db, first),
      loadRound(db, second),
      readResponseVectors(db, first),
      readResponseVectors(db, second),
    ]);
    const ref = (id: string) => ({
      roundId: id,
      name: id,
      registerId: '2009',
      instrumentVersion: '2009',
    });
    const onePairComputeMs = await measure(() =>
      Promise.resolve(
        computeComparison({
          from: {
            ref: ref(first),
            instrument: a.instrument,
            municipalities: a.municipalities,
            responses: va,
          },
          to: {
            ref: ref(second),
            instrument: b.instrument,
            municipalities: b.municipalities,
            responses: vb,
          },
          chain: [a.instrument, b.instrument],
          predecessors: mapIdentity(b.municipalities.map((m) => m.code)),
          rule: 'gewogen-gemiddelde',
          filter: EMPTY_FILTER,
        }),
      ),
    );
    const municipalityTrendMs = await measure(() =>
      loadMunicipalityTrend(db, ids.at(-1) ?? '', '0363'),
    );
    return {
      rounds: ROUNDS,
      municipalities: a.municipalities.length,
      nationalTrendMs,
      onePairMs,
      onePairComputeMs,
      municipalityTrendMs,
      targetMs: 200,
    };
  } finally {
    await handle.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export function formatTrendResults(result: TrendBenchResult): string {
  const verdict = (ms: number) => (ms <= result.targetMs ? 'within' : 'OVER');
  return [
    `Trends over ${result.rounds} rounds of ${result.municipalities} municipalities (median of ${RUNS}, target ≤ ${result.targetMs} ms)`,
    `  national trend (4 consecutive comparisons): ${result.nationalTrendMs} ms (${verdict(result.nationalTrendMs)} target)`,
    `  one comparison: ${result.onePairMs} ms, of which computation ${result.onePairComputeMs} ms`,
    `  one municipality's trend over ${result.rounds} rounds: ${result.municipalityTrendMs} ms (${verdict(result.municipalityTrendMs)} target)`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${formatTrendResults(await benchTrends())}\n`);
}
