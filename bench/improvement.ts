/**
 * Issue 12: the improvement loop at national scale, on PGlite in a data folder on disk. The
 * demo rounds (demo-2009 → demo-2026, with the demo's talks and Wmo plans), then one talk
 * about demo-2009 with every municipality that has none yet (three basisfuncties, one action
 * each, a third of them overdue), and one municipality account per municipality of 2025 plus
 * twelve advisors:
 *
 *   1. recording one talk with three topics and three actions (`createTalk`, one transaction);
 *   2. the national talk statistics of demo-2026 (`loadTalkStatistics`: talks per province and
 *      round, actions by basisfunctie and status, the with/without-talk comparison);
 *   3. one report's follow-up section (`loadFollowUpSection`, Eemsdelta: three predecessors);
 *   4. the Wmo plan indicator of demo-2026 (`analyseWmoPlans`);
 *   5. the weekly digest for every account: the first run (writes the mails) and a second run
 *      in the same week (writes nothing).
 *
 * Run with `npm run bench:improvement`; `benchImprovement()` gives the figures to bench/run.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/client.ts';
import {
  adviceActions,
  adviceTalks,
  advisorProvinces,
  outboxMessages,
  users,
} from '../src/db/schema.ts';
import { createTalk } from '../src/services/advice-talk-service.ts';
import { sendWeeklyDigest } from '../src/services/action-digest-service.ts';
import { toStaffUser } from '../src/services/auth-service.ts';
import {
  DEMO_FOLLOW_UP_ROUND_ID,
  DEMO_ROUND_ID,
  loadDemoRounds,
} from '../src/services/demo-data.ts';
import { createMailer } from '../src/services/mail-service.ts';
import { loadReferenceData } from '../src/services/reference-data.ts';
import { loadFollowUpSection } from '../src/services/report-follow-up.ts';
import { loadRound } from '../src/services/round-service.ts';
import { loadTalkStatistics } from '../src/services/talk-statistics-service.ts';
import { analyseWmoPlans } from '../src/services/wmo-plan-service.ts';
import { createLinks } from '../src/web/links.ts';

const RUNS = 9;
const PROVINCES = [
  'PV20',
  'PV21',
  'PV22',
  'PV23',
  'PV24',
  'PV25',
  'PV26',
  'PV27',
  'PV28',
  'PV29',
  'PV30',
  'PV31',
];

export interface ImprovementBenchResult {
  readonly talks: number;
  readonly actions: number;
  readonly accounts: number;
  readonly createTalkMs: number;
  readonly talkStatisticsMs: number;
  readonly followUpSectionMs: number;
  readonly wmoIndicatorMs: number;
  readonly digestFirstRunMs: number;
  readonly digestMails: number;
  readonly digestSecondRunMs: number;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return Math.round((sorted[Math.floor(sorted.length / 2)] ?? 0) * 10) / 10;
}

async function measure(run: (i: number) => Promise<unknown>): Promise<number> {
  await run(-1); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    await run(i);
    samples.push(performance.now() - start);
  }
  return median(samples);
}

async function timeOnce(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return Math.round((performance.now() - start) * 10) / 10;
}

export async function benchImprovement(): Promise<ImprovementBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'bfm-bench-improvement-'));
  const handle = await openDatabase({ dataDir: join(dir, 'db') });
  try {
    await handle.migrate();
    const db = handle.db;
    await loadReferenceData(db);
    await loadDemoRounds(db);
    const earlier = await loadRound(db, DEMO_ROUND_ID);
    const later = await loadRound(db, DEMO_FOLLOW_UP_ROUND_ID);

    // Accounts: a coordinator, one advisor per province, one account per 2025 municipality.
    // Straight into the table: hashing 350 passwords would only measure argon2.
    const [coordinatorRow] = await db
      .insert(users)
      .values({
        email: 'coordinator@bench.nl',
        name: 'Coördinator',
        passwordHash: 'x',
        role: 'coordinator',
      })
      .returning();
    const coordinator = await toStaffUser(db, coordinatorRow!);
    for (const province of PROVINCES) {
      const [advisor] = await db
        .insert(users)
        .values({
          email: `${province}@bench.nl`,
          name: `Adviseur ${province}`,
          passwordHash: 'x',
          role: 'advisor',
        })
        .returning({ id: users.id });
      await db.insert(advisorProvinces).values({ userId: advisor!.id, provinceCode: province });
    }
    await db.insert(users).values(
      later.municipalities.map((m) => ({
        email: `${m.code}@bench.nl`,
        name: `Gemeente ${m.name}`,
        passwordHash: 'x',
        role: 'municipality' as const,
        municipalityCode: m.code,
      })),
    );

    // One talk about demo-2009 with every municipality that has none yet.
    const withTalk = new Set(
      (await db.select({ code: adviceTalks.municipalityCode }).from(adviceTalks)).map(
        (r) => r.code,
      ),
    );
    const subjects = [
      ['mantelzorg', 'respijtzorg'],
      ['mantelzorg', 'informatie'],
      ['vrijwilligerswerk', 'verbinden-en-makelen'],
    ] as const;
    const talkInput = (code: string, i: number) => ({
      roundId: DEMO_ROUND_ID,
      municipalityCode: code,
      heldOn: '2010-03-15',
      participants: 'Beleidsadviseur, provinciaal adviseur',
      topics: subjects.map(([questionnaire, basisfunctie], k) => ({
        questionnaire,
        basisfunctie,
        points: 'Besproken.',
        actions: [
          {
            description: `Actie ${k + 1}`,
            owner: 'Gemeente',
            // A third overdue (2011), the rest far ahead.
            dueOn: (i + k) % 3 === 0 ? '2011-06-30' : '2030-06-30',
          },
        ],
      })),
    });
    const free = earlier.municipalities.filter((m) => !withTalk.has(m.code));
    const timed = free.slice(0, RUNS + 1);
    const createTalkMs = await measure(async (i) => {
      const municipality = timed[i + 1];
      if (municipality) await createTalk(db, coordinator, talkInput(municipality.code, i + 1));
    });
    for (const [i, municipality] of free.slice(RUNS + 1).entries())
      await createTalk(db, coordinator, talkInput(municipality.code, i));
    // Some actions done, so the comparison and the statuses have something to count.
    await db.execute(
      sql`update advice_actions set status = 'done', status_changed_at = now() where id % 4 = 0`,
    );

    const [talkCount] = await db.select({ n: sql<number>`count(*)::int` }).from(adviceTalks);
    const [actionCount] = await db.select({ n: sql<number>`count(*)::int` }).from(adviceActions);
    const [accountCount] = await db.select({ n: sql<number>`count(*)::int` }).from(users);

    const talkStatisticsMs = await measure(() =>
      loadTalkStatistics(db, { kind: 'user', user: coordinator }, DEMO_FOLLOW_UP_ROUND_ID, {
        today: '2026-11-26',
      }),
    );
    const followUpSectionMs = await measure(() =>
      loadFollowUpSection(db, DEMO_FOLLOW_UP_ROUND_ID, '1979', undefined),
    );
    const wmoIndicatorMs = await measure(() => analyseWmoPlans(db, DEMO_FOLLOW_UP_ROUND_ID));

    const mailer = createMailer();
    const links = createLinks('https://monitor.example.nl');
    const now = new Date('2026-11-30T06:00:00Z');
    const digestFirstRunMs = await timeOnce(() => sendWeeklyDigest(db, { mailer, links, now }));
    const [mails] = await db.select({ n: sql<number>`count(*)::int` }).from(outboxMessages);
    const digestSecondRunMs = await timeOnce(() => sendWeeklyDigest(db, { mailer, links, now }));
    const [mailsAfter] = await db.select({ n: sql<number>`count(*)::int` }).from(outboxMessages);
    if (mailsAfter?.n !== mails?.n) throw new Error('the second digest run wrote mail');
    return {
      talks: talkCount?.n ?? 0,
      actions: actionCount?.n ?? 0,
      accounts: accountCount?.n ?? 0,
      createTalkMs,
      talkStatisticsMs,
      followUpSectionMs,
      wmoIndicatorMs,
      digestFirstRunMs,
      digestMails: mails?.n ?? 0,
      digestSecondRunMs,
    };
  } finally {
    await handle.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export function formatImprovementResults(result: ImprovementBenchResult): string {
  return [
    `Issue 12, the improvement loop (PGlite on disk; ${result.talks} talks, ${result.actions} actions, ${result.accounts} accounts):`,
    `  recording one talk (3 topics, 3 actions)     ${result.createTalkMs} ms (median of ${RUNS})`,
    `  national talk statistics of demo-2026          ${result.talkStatisticsMs} ms`,
    `  follow-up section of one report (Eemsdelta)    ${result.followUpSectionMs} ms`,
    `  Wmo plan indicator of demo-2026                ${result.wmoIndicatorMs} ms`,
    `  weekly digest, first run (${result.digestMails} mails)        ${result.digestFirstRunMs} ms`,
    `  weekly digest, second run in the same week     ${result.digestSecondRunMs} ms (nothing written)`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${formatImprovementResults(await benchImprovement())}\n`);
}
