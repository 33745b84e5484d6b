/**
 * Issue 12 (helper D), on the demo data: the demo's advice talks and Wmo plans (loaded once),
 * the report section of the later round (actions agreed since the previous round with the
 * change of the mark, also through predecessors), and the national counts of the talks.
 *
 * Expected figures come from the demo's own list of talks (DEMO_TALKS), the registers, the
 * rounds' own marks (scoreResponses) and the single-municipality trend, never from the
 * statistics service they check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { ACTION_STATUSES, isActionOverdue } from '../../src/domain/improvement.ts';
import { scoreResponses } from '../../src/domain/municipality-marks.ts';
import { rationalToNumber } from '../../src/domain/rational.ts';
import { formatMark } from '../../src/domain/trends.ts';
import { readResponseVectors } from '../../src/db/repositories/answer-repository.ts';
import { adviceActions, adviceTalks, wmoPlans } from '../../src/db/schema.ts';
import {
  DEMO_FOLLOW_UP_ROUND_ID,
  DEMO_ROUND_ID,
  loadDemoRounds,
} from '../../src/services/demo-data.ts';
import { DEMO_TALKS } from '../../src/services/demo-improvement.ts';
// The report itself answers an advisor of another province 403 (report.read, issue 5).
import { ForbiddenError } from '../../src/services/errors.ts';
import { loadLineage } from '../../src/services/lineage-service.ts';
import { loadMunicipalityReport } from '../../src/services/report-service.ts';
import { loadRound, type LoadedRound } from '../../src/services/round-service.ts';
import {
  computeTalkStatistics,
  loadTalkStatistics,
  type TalkStatistics,
} from '../../src/services/talk-statistics-service.ts';
import { compareRounds, loadMunicipalityTrend } from '../../src/services/trend-service.ts';
import { seedAccounts, type Cast } from '../support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const TODAY = '2026-11-26';

let database: TestDatabase;
let cast: Cast;
let earlier: LoadedRound;
let later: LoadedRound;
let stats: TalkStatistics;

async function countRows() {
  const { db } = database;
  const [talks] = await db.select({ n: sql<number>`count(*)::int` }).from(adviceTalks);
  const [actions] = await db.select({ n: sql<number>`count(*)::int` }).from(adviceActions);
  const plans = await Promise.all(
    [DEMO_ROUND_ID, DEMO_FOLLOW_UP_ROUND_ID].map(async (roundId) => {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(wmoPlans)
        .where(eq(wmoPlans.roundId, roundId));
      return row?.n ?? 0;
    }),
  );
  return { talks: talks?.n ?? 0, actions: actions?.n ?? 0, plans };
}

beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemoRounds(database.db);
  cast = await seedAccounts(database.db);
  earlier = await loadRound(database.db, DEMO_ROUND_ID);
  later = await loadRound(database.db, DEMO_FOLLOW_UP_ROUND_ID);
  stats = await computeTalkStatistics(database.db, DEMO_FOLLOW_UP_ROUND_ID, { today: TODAY });
}, 180_000);

afterAll(async () => {
  await database.dispose();
});

describe('the demo talks and Wmo plans', () => {
  it('are loaded once, however often the demo is loaded', async () => {
    const first = await countRows();
    const respondents = async (roundId: string) =>
      new Set(
        (await readResponseVectors(database.db, roundId))
          .filter((r) => r.answerCount > 0)
          .map((r) => r.municipalityCode),
      ).size;
    expect(first).toEqual({
      talks: DEMO_TALKS.length,
      actions: DEMO_TALKS.reduce((n, t) => n + t.actions.length, 0),
      plans: [await respondents(DEMO_ROUND_ID), await respondents(DEMO_FOLLOW_UP_ROUND_ID)],
    });
    expect(await loadDemoRounds(database.db)).toEqual([]);
    expect(await countRows()).toEqual(first);
  });

  it('discuss municipalities that answered demo-2009, with actions in every status, some overdue', async () => {
    const answered = new Set(
      (await readResponseVectors(database.db, DEMO_ROUND_ID)).map((r) => r.municipalityCode),
    );
    for (const talk of DEMO_TALKS) expect(answered.has(talk.municipalityCode)).toBe(true);
    const actions = DEMO_TALKS.flatMap((t) => t.actions);
    for (const status of ACTION_STATUSES)
      expect(actions.some((a) => a.status === status)).toBe(true);
    expect(actions.filter((a) => isActionOverdue(a, TODAY)).length).toBeGreaterThan(0);
    expect(actions.some((a) => a.status === 'planned' && a.dueOn > TODAY)).toBe(true);
  });

  it('spread the Wmo plan statuses by province on both sides of 75%', async () => {
    const rows = await database.db
      .select({ code: wmoPlans.municipalityCode, included: wmoPlans.included })
      .from(wmoPlans)
      .where(eq(wmoPlans.roundId, DEMO_FOLLOW_UP_ROUND_ID));
    const province = new Map(later.municipalities.map((m) => [m.code, m.provinceCode]));
    const shares = new Map<string, { ja: number; n: number }>();
    for (const row of rows) {
      const key = province.get(row.code) ?? '';
      const share = shares.get(key) ?? { ja: 0, n: 0 };
      share.n += 1;
      if (row.included === 'ja') share.ja += 1;
      shares.set(key, share);
    }
    const percents = [...shares.values()].map((s) => (100 * s.ja) / s.n);
    expect(Math.max(...percents)).toBeGreaterThan(75);
    expect(Math.min(...percents)).toBeLessThan(75);
    expect(new Set(rows.map((r) => r.included))).toEqual(new Set(['ja', 'gedeeltelijk', 'nee']));
    // Seeded, so the figures docs/analysis.md gives stay true.
    expect([rows.filter((r) => r.included === 'ja').length, rows.length]).toEqual([205, 292]);
    const [earlierJa] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(wmoPlans)
      .where(sql`${wmoPlans.roundId} = ${DEMO_ROUND_ID} and ${wmoPlans.included} = 'ja'`);
    expect(earlierJa?.n).toBe(143);
  });
});

/** A municipality's mark in a round, from the round's own scoring (not the trend). */
async function ownMark(
  loaded: LoadedRound,
  code: string,
  questionnaire: string,
  basisfunctie: string,
): Promise<number | null> {
  const marks = scoreResponses(
    loaded.instrument,
    await readResponseVectors(database.db, loaded.round.id),
  ).find((m) => m.municipalityCode === code && m.questionnaire === questionnaire);
  const index =
    loaded.instrument.questionnaires
      .find((q) => q.id === questionnaire)
      ?.basisfuncties.findIndex((b) => b.id === basisfunctie) ?? -1;
  const result = marks?.marks[index];
  return result?.mark ? rationalToNumber(result.mark) : null;
}

describe('the report of the later round', () => {
  it("shows Utrecht's actions agreed about demo-2009 with their status and its unchanged marks", async () => {
    const report = await loadMunicipalityReport(
      database.db,
      cast.coordinator,
      DEMO_FOLLOW_UP_ROUND_ID,
      '0344',
    );
    const section = report.followUp;
    expect(section?.previousRound.id).toBe(DEMO_ROUND_ID);
    expect(section?.talks.map((t) => [t.municipalityCode, t.heldOn])).toEqual([
      ['0344', '2010-02-22'],
    ]);
    const mark = await ownMark(earlier, '0344', 'mantelzorg', 'emotionele-steun');
    expect(mark).not.toBeNull();
    const row = section?.rows.find((r) => r.basisfunctie === 'emotionele-steun');
    expect(row?.sentence).toBe(
      `Afgesproken: Mantelzorgcafé in elke wijk (in uitvoering). Cijfer van ${formatMark(mark as number)} naar ${formatMark(mark as number)}.`,
    );
    expect(section?.rows.map((r) => `${r.questionnaire}:${r.basisfunctie}`)).toEqual([
      'vrijwilligerswerk:verbreiden',
      'mantelzorg:emotionele-steun',
    ]);
  });

  it('gives Eemsdelta the talks of its predecessors: respijtzorg done and risen, verankeren dropped and fallen', async () => {
    const report = await loadMunicipalityReport(
      database.db,
      cast.coordinator,
      DEMO_FOLLOW_UP_ROUND_ID,
      '1979',
    );
    const section = report.followUp;
    expect(section?.talks.map((t) => [t.municipalityCode, t.municipalityName])).toEqual([
      ['0010', 'Delfzijl'],
      ['0003', 'Appingedam'],
    ]);
    const respijtzorg = section?.rows.find((r) => r.basisfunctie === 'respijtzorg');
    expect(respijtzorg?.actions.map((a) => [a.description, a.status])).toEqual([
      ['respijtzorg via vrijwillige thuishulp', 'done'],
    ]);
    expect(respijtzorg?.to).toBeGreaterThan(respijtzorg?.from ?? Infinity);
    // The earlier mark is the predecessors combined, exactly as the municipality's trend has it.
    const trend = await loadMunicipalityTrend(database.db, DEMO_FOLLOW_UP_ROUND_ID, '1979');
    const points = trend.basisfuncties.find((b) => b.basisfunctie === 'respijtzorg')?.points;
    expect([respijtzorg?.from, respijtzorg?.to]).toEqual([points?.[0]?.mark, points?.[1]?.mark]);
    expect(respijtzorg?.sentence).toBe(
      `Afgesproken: respijtzorg via vrijwillige thuishulp (gedaan). Cijfer van ${formatMark(respijtzorg?.from as number)} naar ${formatMark(respijtzorg?.to as number)}.`,
    );
    const verankeren = section?.rows.find((r) => r.basisfunctie === 'verankeren');
    expect(verankeren?.actions[0]?.statusReason).toMatch(/herindeling/);
    expect(verankeren?.to).toBeLessThan(verankeren?.from ?? -Infinity);
    const informatie = section?.rows.find((r) => r.basisfunctie === 'informatie');
    expect(informatie?.actions.map((a) => a.statusLabel)).toEqual(['gedaan']);
  });

  it('gives both successors of the split Winsum its talk', async () => {
    for (const code of ['1969', '1966']) {
      const report = await loadMunicipalityReport(
        database.db,
        cast.coordinator,
        DEMO_FOLLOW_UP_ROUND_ID,
        code,
      );
      expect(report.followUp?.talks.map((t) => t.municipalityName)).toEqual(['Winsum']);
    }
  });

  it('is shown to the municipality and its advisor, not to another province, and not in a first round', async () => {
    const own = await loadMunicipalityReport(
      database.db,
      cast.municipality,
      DEMO_FOLLOW_UP_ROUND_ID,
      '0363',
    );
    expect(own.followUp?.rows.map((r) => r.actions.map((a) => a.statusLabel))).toEqual([
      ['vervallen'],
      ['in uitvoering'],
      ['gepland'],
    ]);
    const advisor = await loadMunicipalityReport(
      database.db,
      cast.advisor,
      DEMO_FOLLOW_UP_ROUND_ID,
      '0363',
    );
    expect(advisor.followUp).toEqual(own.followUp);
    await expect(
      loadMunicipalityReport(database.db, cast.otherAdvisor, DEMO_FOLLOW_UP_ROUND_ID, '0363'),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const first = await loadMunicipalityReport(
      database.db,
      cast.coordinator,
      DEMO_ROUND_ID,
      '0363',
    );
    expect(first.followUp).toBeNull();
    // Groningen (0014) had no talk about demo-2009.
    const none = await loadMunicipalityReport(
      database.db,
      cast.coordinator,
      DEMO_FOLLOW_UP_ROUND_ID,
      '0014',
    );
    expect(none.followUp).toBeNull();
  });
});

describe('the national counts of the talks', () => {
  it('count the talks per province and round', () => {
    expect(stats.rounds.map((r) => r.id)).toEqual([DEMO_ROUND_ID, DEMO_FOLLOW_UP_ROUND_ID]);
    const province = new Map(earlier.municipalities.map((m) => [m.code, m.provinceCode]));
    const expected = new Map<string, number>();
    for (const talk of DEMO_TALKS) {
      const code = province.get(talk.municipalityCode) ?? '';
      expected.set(code, (expected.get(code) ?? 0) + 1);
    }
    for (const row of stats.byProvince) {
      expect(row.talks, row.province).toEqual([expected.get(row.province) ?? 0, 0]);
    }
    expect(stats.totals.talks).toEqual([DEMO_TALKS.length, 0]);
    expect(stats.byProvince.find((r) => r.province === 'PV20')?.talks[0]).toBe(3);
  });

  it('count the actions agreed about demo-2009 by basisfunctie and status, and the overdue ones', () => {
    const actions = DEMO_TALKS.flatMap((t) => t.actions);
    expect(stats.actions.round.id).toBe(DEMO_ROUND_ID);
    expect(stats.actions.total).toBe(actions.length);
    for (const status of ACTION_STATUSES) {
      expect(stats.actions.byStatus[status], status).toBe(
        actions.filter((a) => a.status === status).length,
      );
    }
    expect(stats.actions.overdue).toBe(actions.filter((a) => isActionOverdue(a, TODAY)).length);
    const respijtzorg = stats.actions.rows.find((r) => r.basisfunctie === 'respijtzorg');
    expect(respijtzorg?.byStatus).toEqual({ planned: 1, in_progress: 0, done: 1, dropped: 0 });
    // 'Visie en beleid' of volunteer work is a row too, without actions.
    expect(
      stats.actions.rows.find(
        (r) => r.questionnaire === 'vrijwilligerswerk' && r.basisfunctie === 'visie-en-beleid',
      )?.total,
    ).toBe(0);
  });

  it('compare the municipalities with and without a talk whose mark rose, over all municipalities marked twice', async () => {
    const lineage = await loadLineage(
      database.db,
      earlier.round.registerId,
      later.round.registerId,
    );
    const talked = new Set(DEMO_TALKS.map((t) => t.municipalityCode));
    const withTalk = later.municipalities
      .filter((m) => (lineage.predecessors.get(m.code) ?? []).some((p) => talked.has(p.code)))
      .map((m) => m.code);
    expect(withTalk).toContain('1979');
    const trends = await Promise.all(
      withTalk.map((code) => loadMunicipalityTrend(database.db, DEMO_FOLLOW_UP_ROUND_ID, code)),
    );
    const transitions = await compareRounds(database.db, DEMO_ROUND_ID, DEMO_FOLLOW_UP_ROUND_ID);
    const comparison = stats.comparison;
    expect(comparison?.from.id).toBe(DEMO_ROUND_ID);
    for (const bf of comparison?.basisfuncties ?? []) {
      let marked = 0;
      let rose = 0;
      for (const trend of trends) {
        const points = trend.basisfuncties.find(
          (b) => b.questionnaire === bf.questionnaire && b.basisfunctie === bf.basisfunctie,
        )?.points;
        const [from, to] = [points?.[0]?.mark ?? null, points?.[1]?.mark ?? null];
        if (from === null || to === null) continue;
        marked += 1;
        if (to > from) rose += 1;
      }
      expect(bf.withTalk, bf.basisfunctie).toEqual({
        municipalities: marked,
        rose,
        percentRose: marked === 0 ? null : Math.round((1000 * rose) / marked) / 10,
        suppressed: false,
      });
      // Together the two groups are every municipality with a mark in both rounds.
      const table = transitions.basisfuncties.find(
        (b) => b.questionnaire === bf.questionnaire && b.basisfunctie === bf.basisfunctie,
      )?.transitions;
      const both = Object.entries(table ?? {})
        .filter(([from]) => from !== 'geen-cijfer')
        .flatMap(([, row]) => Object.entries(row).filter(([to]) => to !== 'geen-cijfer'))
        .reduce((n, [, count]) => n + count, 0);
      expect(bf.withTalk.municipalities + bf.withoutTalk.municipalities, bf.basisfunctie).toBe(
        both,
      );
    }
    const respijtzorg = comparison?.basisfuncties.find((b) => b.basisfunctie === 'respijtzorg');
    expect(respijtzorg?.withTalk.rose).toBeGreaterThanOrEqual(1);
  });

  it('name no municipality, so an analyst may see them', async () => {
    const seen = await loadTalkStatistics(
      database.db,
      { kind: 'user', user: cast.analyst },
      DEMO_FOLLOW_UP_ROUND_ID,
    );
    const text = JSON.stringify(seen);
    for (const name of ['Amsterdam', 'Delfzijl', 'Eemsdelta', '"0363"', '"1979"'])
      expect(text).not.toContain(name);
    expect(seen.totals.talks).toEqual(stats.totals.talks);
  });

  it('have no comparison in a round that follows none', async () => {
    const first = await computeTalkStatistics(database.db, DEMO_ROUND_ID, { today: TODAY });
    expect(first.comparison).toBeNull();
    expect(first.problem).toMatch(/volgt geen eerdere meting/);
    expect(first.actions.round.id).toBe(DEMO_ROUND_ID);
    expect(first.totals.talks).toEqual([DEMO_TALKS.length]);
  });
});
