/**
 * Benchmark (issue 11, decision 021): opening a follow-up round on the 2025 register (342
 * municipalities) prefilled from the demo round on the 2009 register (441 municipalities, both
 * questionnaires, about 104 items each): reading the earlier answers, the lineage with its
 * mergers and splits, agreement per item, and writing every prefilled answer with its revision
 * and audit events, in the transaction that opens the round. PGlite in a data folder on disk.
 *
 * Run with `npm run bench:prefill`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../src/db/client.ts';
import { rounds } from '../src/db/schema.ts';
import { countAnswers } from '../src/db/repositories/answer-repository.ts';
import { DEMO_ROUND_ID, loadDemoRound } from '../src/services/demo-data.ts';
import { loadReferenceData } from '../src/services/reference-data.ts';
import { changeRoundStatus, createRound } from '../src/services/round-service.ts';
import { seedAccounts } from '../tests/support/factories.ts';

const RUNS = process.argv.includes('--quick') ? 1 : 3;

const dir = await mkdtemp(join(tmpdir(), 'bfm-bench-prefill-'));
const handle = await openDatabase({ dataDir: join(dir, 'data') });
try {
  await handle.migrate();
  await loadReferenceData(handle.db);
  await loadDemoRound(handle.db);
  const { coordinator } = await seedAccounts(handle.db, ['coordinator']);
  const times: number[] = [];
  let written = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const id = `vervolg-${run}`;
    await createRound(handle.db, { id, status: 'concept', registerId: '2025' });
    // Set directly: the page refuses a synthetic round as the baseline of a real one, but the
    // demo round is the only full round there is to measure with.
    await handle.db
      .update(rounds)
      .set({ previousRoundId: DEMO_ROUND_ID, prefill: true })
      .where(eq(rounds.id, id));
    const start = performance.now();
    await changeRoundStatus(handle.db, coordinator, id, 'open');
    times.push(performance.now() - start);
    written = await countAnswers(handle.db, id);
  }
  times.sort((a, b) => a - b);
  process.stdout.write(
    `Prefill on opening: ${written.toLocaleString('nl-NL')} answers for 342 municipalities; median ${Math.round(times[Math.floor(times.length / 2)] as number)} ms over ${RUNS} run(s) (min ${Math.round(times[0] as number)} ms, max ${Math.round(times[times.length - 1] as number)} ms).\n`,
  );
} finally {
  await handle.close();
  await rm(dir, { recursive: true, force: true });
}
