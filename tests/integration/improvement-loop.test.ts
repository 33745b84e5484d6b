/**
 * Issue 12, the whole improvement loop on the demo data, through the services the web app, the
 * API and the CLI share: measure (demo-2009) → an advice talk with agreed actions → the
 * municipality follows them up → the next round's report (demo-2026) shows the actions with the
 * change of the mark → the national counts. Bad input is refused with a Dutch message tied to
 * the field, and nothing is saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { formatMark } from '../../src/domain/trends.ts';
import {
  adviceActions,
  adviceTalks,
  auditEvents,
  municipalities,
  wmoPlans,
} from '../../src/db/schema.ts';
import { createTalk, readTalk } from '../../src/services/advice-talk-service.ts';
import {
  addActionComment,
  listOverdueActions,
  updateActionStatus,
} from '../../src/services/advice-action-service.ts';
import {
  DEMO_FOLLOW_UP_ROUND_ID,
  DEMO_ROUND_ID,
  loadDemoRounds,
} from '../../src/services/demo-data.ts';
import { NotFoundError } from '../../src/services/errors.ts';
import { loadMunicipalityReport } from '../../src/services/report-service.ts';
import { loadTalkStatistics } from '../../src/services/talk-statistics-service.ts';
import {
  analyseWmoPlans,
  confirmWmoPlan,
  saveWmoPlan,
  setWmoPlanTarget,
} from '../../src/services/wmo-plan-service.ts';
import { loadMunicipalityTrend } from '../../src/services/trend-service.ts';
import { seedAccounts, type Cast } from '../support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const AMSTERDAM = '0363';
const HAARLEM = '0392';
const ACTIVITY =
  'Aan huis, vrijwillig: oppas, bezoekservice, vrijwillige thuishulp, vervangende mantelzorg';

let database: TestDatabase;
let cast: Cast;

async function countTalkRows() {
  const [talks] = await database.db.select({ n: sql<number>`count(*)::int` }).from(adviceTalks);
  const [actions] = await database.db.select({ n: sql<number>`count(*)::int` }).from(adviceActions);
  return { talks: talks?.n ?? 0, actions: actions?.n ?? 0 };
}

beforeAll(async () => {
  database = await createTestDatabase();
  cast = await seedAccounts(database.db);
  await loadDemoRounds(database.db);
});
afterAll(async () => {
  await database?.close();
});

describe('the improvement loop on the demo data', () => {
  let actionId = 0;
  let talkId = 0;

  it('records a talk about demo-2009 with an action taken from the suggested activities', async () => {
    const before = await countTalkRows();
    const saved = await createTalk(database.db, cast.advisor, {
      roundId: DEMO_ROUND_ID,
      municipalityCode: AMSTERDAM,
      heldOn: '2010-04-12',
      participants: 'Wethouder zorg, beleidsadviseur mantelzorg, provinciaal adviseur',
      topics: [
        {
          questionnaire: 'mantelzorg',
          basisfunctie: 'respijtzorg',
          points: 'Weinig respijtzorg aan huis; vrijwilligers zijn er wel.',
          actions: [{ description: ACTIVITY, owner: 'Steunpunt Mantelzorg', dueOn: '2010-12-31' }],
        },
      ],
    });
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    talkId = saved.id;
    expect(await countTalkRows()).toEqual({
      talks: before.talks + 1,
      actions: before.actions + 1,
    });
    const talk = await readTalk(database.db, cast.municipality, talkId);
    const action = talk.topics
      .flatMap((topic) => topic.actions)
      .find((candidate) => candidate.description === ACTIVITY);
    expect(action?.activity).toBe(ACTIVITY);
    expect(action?.status).toBe('planned');
    actionId = action?.id ?? 0;
  });

  it.each([
    [
      'an action without a description',
      { description: '', owner: 'Gemeente', dueOn: '2010-12-31' },
      /^Beschrijf wat er gedaan wordt bij deze actie \(Respijtzorg\)/,
    ],
    [
      'a target date before the talk',
      { description: 'Logeerhuis verkennen', dueOn: '2010-01-01' },
      /ligt vóór het gesprek van 12-4-2010\. Kies een datum op of na de dag van het gesprek/,
    ],
  ])('refuses %s with a message on the field, and saves nothing', async (_, action, message) => {
    const before = await countTalkRows();
    const result = await createTalk(database.db, cast.advisor, {
      roundId: DEMO_ROUND_ID,
      municipalityCode: HAARLEM,
      heldOn: '2010-04-12',
      participants: 'Beleidsadviseur',
      topics: [
        {
          questionnaire: 'mantelzorg',
          basisfunctie: 'respijtzorg',
          points: 'Respijtzorg.',
          actions: [{ owner: 'Gemeente', ...action }],
        },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]?.field).toMatch(/^topics\.0\.actions\.0\.(description|dueOn)$/);
    expect(result.issues[0]?.message).toMatch(message);
    expect(await countTalkRows()).toEqual(before);
  });

  it('refuses a talk with a municipality outside the advisor’s provinces as not found', async () => {
    const before = await countTalkRows();
    await expect(
      createTalk(database.db, cast.advisor, {
        roundId: DEMO_ROUND_ID,
        municipalityCode: '0014',
        heldOn: '2010-04-12',
        participants: 'Beleidsadviseur',
      }),
    ).rejects.toThrow(NotFoundError);
    expect(await countTalkRows()).toEqual(before);
  });

  it('lets the municipality move its action to done, with a comment, each change audited', async () => {
    const overdue = await listOverdueActions(database.db, cast.municipality);
    expect(overdue.map((action) => action.id)).toContain(actionId);
    const started = await updateActionStatus(database.db, cast.municipality, {
      actionId,
      status: 'in_progress',
      baseVersion: 1,
    });
    expect(started.ok).toBe(true);
    const done = await updateActionStatus(database.db, cast.municipality, {
      actionId,
      status: 'done',
      reason: 'Vrijwillige thuishulp loopt sinds het najaar.',
      baseVersion: 2,
    });
    expect(done.ok && done.action.status).toBe('done');
    const comment = await addActionComment(database.db, cast.municipality, {
      actionId,
      text: 'Twaalf vrijwilligers opgeleid.',
    });
    expect(comment.ok).toBe(true);
    const overdueAfter = await listOverdueActions(database.db, cast.municipality);
    expect(overdueAfter.map((action) => action.id)).not.toContain(actionId);
    const audited = await database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.municipalityCode, AMSTERDAM));
    const actions = audited.map((event) => event.action);
    expect(actions.filter((action) => action.startsWith('talk.')).length).toBeGreaterThan(0);
    expect(actions.filter((action) => action.startsWith('advice-action.')).sort()).toEqual([
      'advice-action.commented',
      'advice-action.status',
      'advice-action.status',
    ]);
  });

  it("shows the action with its status and the change of the mark in the next round's report", async () => {
    const report = await loadMunicipalityReport(
      database.db,
      cast.municipality,
      DEMO_FOLLOW_UP_ROUND_ID,
      AMSTERDAM,
    );
    const section = report.followUp;
    expect(section?.previousRound.id).toBe(DEMO_ROUND_ID);
    expect(section?.talks.map((talk) => talk.id)).toContain(talkId);
    const row = section?.rows.find((candidate) => candidate.basisfunctie === 'respijtzorg');
    expect(row?.actions.find((action) => action.id === actionId)?.statusLabel).toBe('gedaan');
    const trend = await loadMunicipalityTrend(database.db, DEMO_FOLLOW_UP_ROUND_ID, AMSTERDAM);
    const points = trend.basisfuncties.find((b) => b.basisfunctie === 'respijtzorg')?.points;
    const [from, to] = [points?.[0]?.mark, points?.[1]?.mark];
    expect([row?.from, row?.to]).toEqual([from, to]);
    expect(row?.sentence).toContain(`${ACTIVITY} (gedaan)`);
    expect(row?.sentence).toMatch(
      new RegExp(`Cijfer van ${formatMark(from as number)} naar ${formatMark(to as number)}\\.$`),
    );
  });

  it('counts the talk and its action nationally, for the analyst too (no names)', async () => {
    const stats = await loadTalkStatistics(
      database.db,
      { kind: 'user', user: cast.analyst },
      DEMO_FOLLOW_UP_ROUND_ID,
    );
    // Expected: the talks about demo-2009 by the province of their municipality in 2009.
    const talks = await database.db
      .select({ province: municipalities.provinceCode })
      .from(adviceTalks)
      .innerJoin(
        municipalities,
        and(
          eq(municipalities.registerId, '2009'),
          eq(municipalities.code, adviceTalks.municipalityCode),
        ),
      )
      .where(eq(adviceTalks.roundId, DEMO_ROUND_ID));
    const earlierColumn = stats.rounds.findIndex((round) => round.id === DEMO_ROUND_ID);
    expect(stats.totals.talks[earlierColumn]).toBe(talks.length);
    expect(stats.byProvince.find((row) => row.province === 'PV27')?.talks[earlierColumn]).toBe(
      talks.filter((talk) => talk.province === 'PV27').length,
    );
    expect(stats.actions.byStatus.done).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(stats)).not.toContain('Amsterdam');
  });

  it('computes the 75% indicator from the plan statuses, nationally and by province', async () => {
    // Amsterdam fills in its plan for the next round; the advisor confirms it.
    const saved = await saveWmoPlan(database.db, cast.municipality, {
      roundId: DEMO_FOLLOW_UP_ROUND_ID,
      code: AMSTERDAM,
      included: 'ja',
      periodFrom: '2027',
      periodTo: '2030',
      title: 'Samen zorgen in Amsterdam',
      url: 'https://example.nl/wmo-plan',
      basisfuncties: ['mantelzorg:respijtzorg', 'vrijwilligerswerk:verbinden-en-makelen'],
      baseVersion: await planVersion(DEMO_FOLLOW_UP_ROUND_ID, AMSTERDAM),
    });
    expect(saved.ok).toBe(true);
    const confirmed = await confirmWmoPlan(database.db, cast.advisor, {
      roundId: DEMO_FOLLOW_UP_ROUND_ID,
      code: AMSTERDAM,
      baseVersion: await planVersion(DEMO_FOLLOW_UP_ROUND_ID, AMSTERDAM),
    });
    expect(confirmed.outcome).toBe('confirmed');

    // A target outside 0–100% is refused on its field and nothing changes.
    const refused = await setWmoPlanTarget(database.db, cast.coordinator, {
      roundId: DEMO_FOLLOW_UP_ROUND_ID,
      target: '120',
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.issues[0]?.field).toBe('target');

    // Expected: counted by hand from the stored statuses and the 2025 register.
    const rows = await database.db
      .select({ included: wmoPlans.included, province: municipalities.provinceCode })
      .from(wmoPlans)
      .innerJoin(
        municipalities,
        and(
          eq(municipalities.registerId, '2025'),
          eq(municipalities.code, wmoPlans.municipalityCode),
        ),
      )
      .where(eq(wmoPlans.roundId, DEMO_FOLLOW_UP_ROUND_ID));
    const share = (list: typeof rows) =>
      Math.round((1000 * list.filter((row) => row.included === 'ja').length) / list.length) / 10;
    const indicator = await analyseWmoPlans(database.db, DEMO_FOLLOW_UP_ROUND_ID);
    expect(indicator.target).toBe(75);
    expect(indicator.respondents).toBe(rows.length);
    expect(indicator.included).toBe(rows.filter((row) => row.included === 'ja').length);
    expect(indicator.partly).toBe(rows.filter((row) => row.included === 'gedeeltelijk').length);
    expect(indicator.percentIncluded).toBe(share(rows));
    const provinces = [...new Set(rows.map((row) => row.province))].sort();
    expect(indicator.byProvince.map((row) => row.province).sort()).toEqual(provinces);
    for (const row of indicator.byProvince) {
      const inProvince = rows.filter((candidate) => candidate.province === row.province);
      expect([row.respondents, row.percentIncluded], row.province).toEqual([
        inProvince.length,
        share(inProvince),
      ]);
    }
  });
});

async function planVersion(roundId: string, code: string): Promise<number> {
  const [row] = await database.db
    .select({ version: wmoPlans.version })
    .from(wmoPlans)
    .where(and(eq(wmoPlans.roundId, roundId), eq(wmoPlans.municipalityCode, code)));
  return row?.version ?? 0;
}
