/**
 * Issue 13: full-text search over the open answers and notes of a round, on PGlite in a data
 * folder on disk. The demo round (441 municipalities of the 2009 register) gets, with a fixed
 * seed, an open answer to every open question and notes on a fifth of the other items for
 * every municipality: some 4,400 open answers and 8,000 notes.
 *
 *   1. `searchRoundOpenAnswers` (one search over every open answer and note of the round) as
 *      the analyst (anonymised: the name replaced, the small-cell rule) and as the coordinator,
 *      with several different search words; p50 and p95 of ≥ 50 runs after a warm-up.
 *      Target p95 ≤ 50 ms.
 *   2. `readOpenAnswers` for one open question with a search, as the analyst.
 *
 * Run with `npm run bench:open-answers`; `benchOpenAnswers()` gives the figures to bench/run.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/client.ts';
import { queryRows } from '../src/db/query.ts';
import { storeAnswers } from '../src/services/answer-store.ts';
import { EMPTY_FILTER } from '../src/domain/analysis-filter.ts';
import type { StaffUser } from '../src/services/auth-service.ts';
import { loadDemoRound } from '../src/services/demo-data.ts';
import { DEMO_ROUND_ID } from '../src/services/demo-round-id.ts';
import {
  readOpenAnswers,
  searchRoundOpenAnswers,
} from '../src/services/open-answers/open-answer-service.ts';
import { loadReferenceData } from '../src/services/reference-data.ts';
import { loadRound } from '../src/services/round-service.ts';
import { percentile } from './support.ts';

const RUNS = 60;
const TARGET_P95_MS = 50;
/** Different kinds of search: a common stem, a rare word, a phrase, an or, a word with a not. */
const SEARCHES = [
  'vrijwilligers',
  'respijtzorg',
  '"interne structuur"',
  'mantelzorgers or vrijwilligerscentrale',
  'agenda -college',
];

const ANALYST: StaffUser = {
  id: 0,
  email: 'analist@bench',
  name: 'Analist',
  role: 'analyst',
  municipalityCode: null,
  provinces: [],
};
const COORDINATOR: StaffUser = { ...ANALYST, email: 'coordinator@bench', role: 'coordinator' };

/** A small seeded generator (mulberry32), so every run writes the same texts. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUBJECTS = [
  'Wij',
  'De gemeente',
  'Het steunpunt',
  'Onze vrijwilligerscentrale',
  'Het college',
  'Het welzijnswerk',
  'De adviesraad',
];
const VERBS = ['ondersteunt', 'zoekt', 'waardeert', 'werkt samen met', 'informeert', 'bereikt'];
const OBJECTS = [
  'vrijwilligers',
  'de vrijwilliger',
  'mantelzorgers',
  'jonge mantelzorgers',
  'maatschappelijke organisaties',
  'de sportverenigingen',
  'kerken en moskeeën',
  'het onderwijs',
];
const TAILS = [
  'in de wijken.',
  'met een jaarlijkse bijeenkomst.',
  'via de website en de lokale krant.',
  'maar de middelen zijn beperkt.',
  'en dat staat op de agenda van het college.',
  'na de evaluatie in 2010.',
  'samen met de provincie.',
  'en we zoeken een goede interne structuur.',
  'met respijtzorg en een mantelzorgcompliment.',
  'en we ontvangen geen signalen over misbruik.',
];

function sentence(random: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  return `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} ${pick(TAILS)}`;
}

function text(random: () => number, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(random)).join(' ');
}

export interface OpenAnswerBenchResult {
  readonly municipalities: number;
  readonly openAnswers: number;
  readonly notes: number;
  readonly runs: number;
  readonly roundSearch: {
    readonly analyst: Timing;
    readonly coordinator: Timing;
    readonly hitsPerSearch: Readonly<Record<string, number>>;
  };
  readonly questionSearch: Timing;
  readonly targetP95Ms: number;
}

/** Wall-clock and CPU time of one kind of run: p50 and p95 of each. */
export interface Timing {
  readonly p50Ms: number;
  readonly p95Ms: number;
  /** CPU time of this process (PGlite runs in it): what the work costs on an idle core. */
  readonly cpuP50Ms: number;
  readonly cpuP95Ms: number;
}

async function measure(run: (index: number) => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < SEARCHES.length; i += 1) await run(i); // warm-up: every plan once
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    await run(i);
    const used = process.cpuUsage(startCpu);
    wall.push(performance.now() - start);
    cpu.push((used.user + used.system) / 1000);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    p50Ms: round(percentile(wall, 50)),
    p95Ms: round(percentile(wall, 95)),
    cpuP50Ms: round(percentile(cpu, 50)),
    cpuP95Ms: round(percentile(cpu, 95)),
  };
}

export async function benchOpenAnswers(): Promise<OpenAnswerBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'bfm-bench-open-'));
  const handle = await openDatabase({ dataDir: join(dir, 'db') });
  try {
    await handle.migrate();
    const db = handle.db;
    await loadReferenceData(db);
    await loadDemoRound(db);
    const loaded = await loadRound(db, DEMO_ROUND_ID);
    const random = createRandom(13);
    const rows: {
      code: string;
      questionnaire: string;
      question: number;
      part: 'text' | 'note';
      value: string;
    }[] = [];
    for (const municipality of loaded.municipalities) {
      for (const questionnaire of loaded.instrument.questionnaires) {
        for (const item of questionnaire.items) {
          if (item.kind === 'open') {
            rows.push({
              code: municipality.code,
              questionnaire: questionnaire.id,
              question: item.number,
              part: 'text',
              value: text(random, 1 + Math.floor(random() * 4)),
            });
          } else if (random() < 0.2) {
            rows.push({
              code: municipality.code,
              questionnaire: questionnaire.id,
              question: item.number,
              part: 'note',
              value: text(random, 1 + Math.floor(random() * 2)),
            });
          }
        }
      }
    }
    // The open answers through the answer store (as an import writes them, so every
    // municipality becomes a respondent); the notes straight onto the stored answers in one
    // statement, as the questionnaire's editor would have left them.
    const texts = rows.filter((row) => row.part === 'text');
    await db.transaction((tx) =>
      storeAnswers(
        tx,
        loaded,
        texts.map((row) => ({
          municipalityCode: row.code,
          questionnaire: row.questionnaire,
          question: row.question,
          points: null,
          options: null,
          text: row.value,
        })),
        [],
      ),
    );
    const notes = rows.filter((row) => row.part === 'note');
    await db.execute(sql`
      update answers a set note = x->>'value'
      from jsonb_array_elements(${JSON.stringify(notes)}::jsonb) as x
      where a.round_id = ${DEMO_ROUND_ID} and a.municipality_code = x->>'code'
        and a.questionnaire = x->>'questionnaire' and a.question = (x->>'question')::int`);
    const [counted] = await queryRows<{ texts: number | string; notes: number | string }>(
      db,
      sql`select count(*) filter (where coalesce(text, '') <> '') as texts,
                 count(*) filter (where coalesce(note, '') <> '') as notes
          from answers where round_id = ${DEMO_ROUND_ID}`,
    );
    await db.execute(sql`analyze answers`);

    const hitsPerSearch: Record<string, number> = {};
    const roundSearch = (user: StaffUser) => async (index: number) => {
      const search = SEARCHES[index % SEARCHES.length] ?? '';
      const result = await searchRoundOpenAnswers(db, user, DEMO_ROUND_ID, {
        filter: EMPTY_FILTER,
        search,
        page: 1,
        pageSize: 25,
      });
      hitsPerSearch[search] = result.total;
    };
    const analyst = await measure(roundSearch(ANALYST));
    const coordinator = await measure(roundSearch(COORDINATOR));
    const questionSearch = await measure((index) =>
      readOpenAnswers(
        db,
        ANALYST,
        DEMO_ROUND_ID,
        { questionnaire: 'vrijwilligerswerk', question: 47, part: 'text' },
        {
          filter: EMPTY_FILTER,
          band: null,
          search: SEARCHES[index % SEARCHES.length] ?? '',
          page: 1,
          pageSize: 25,
        },
      ),
    );
    return {
      municipalities: loaded.municipalities.length,
      openAnswers: Number(counted?.texts ?? 0),
      notes: Number(counted?.notes ?? 0),
      runs: RUNS,
      roundSearch: { analyst, coordinator, hitsPerSearch },
      questionSearch,
      targetP95Ms: TARGET_P95_MS,
    };
  } finally {
    await handle.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export function formatOpenAnswerResults(result: OpenAnswerBenchResult): string {
  const verdict = (ms: number) => (ms <= result.targetP95Ms ? 'within' : 'OVER');
  const line = (label: string, t: Timing, target = true) =>
    `  ${label}: p50 ${t.p50Ms} ms, p95 ${t.p95Ms} ms${target ? ` (${verdict(t.p95Ms)} target)` : ''}; CPU p50 ${t.cpuP50Ms} ms, p95 ${t.cpuP95Ms} ms`;
  return [
    `Open answers: full-text search over ${result.openAnswers} open answers and ${result.notes} notes of ${result.municipalities} municipalities (${result.runs} runs, target p95 ≤ ${result.targetP95Ms} ms)`,
    line('round search as the analyst', result.roundSearch.analyst),
    line('round search as the coordinator', result.roundSearch.coordinator),
    line('one question with a search, as the analyst', result.questionSearch, false),
    `  hits: ${Object.entries(result.roundSearch.hitsPerSearch)
      .map(([search, hits]) => `${search} ${hits}`)
      .join(', ')}`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${formatOpenAnswerResults(await benchOpenAnswers())}\n`);
}
