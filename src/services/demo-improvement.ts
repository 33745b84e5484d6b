/**
 * The improvement loop in the demo (issue 12, decision 027): advice talks about the 2009 demo
 * round with agreed actions in every status, and Wmo plan statuses for both demo rounds.
 *
 * The talks are a fixed, documented list (`DEMO_TALKS`, also in docs/analysis.md), chosen to
 * match the change plan of the follow-up round (decision 023), so the report of demo-2026 and
 * the national comparison have something to show: Delfzijl's respite care action was done and
 * Eemsdelta's respite care rose; Amsterdam dropped its 'Beursvloer' and its 'Verbreiden' fell.
 * Some actions are past their target date and still open (overdue for every later today), one
 * is due in 2027. The Wmo plans are drawn with a fixed seed per round, with a spread by
 * province around the 75% target.
 *
 * All rows are inserted directly (no accounts exist in a fresh demo), named after invented
 * people ('Demo-adviseur Groningen'), and only when the demo round has none yet, so loading the
 * demo twice adds nothing; rebuilding a demo round removes them with it (cascade) and they
 * come back.
 */
import { and, eq, like, sql } from 'drizzle-orm';
import type { ActionStatus, WmoPlanInclusion } from '../domain/improvement.ts';
import { createRandom } from '../domain/random.ts';
import type { Executor } from '../db/client.ts';
import { readResponseVectors } from '../db/repositories/answer-repository.ts';
import { findRound } from '../db/repositories/round-repository.ts';
import { adviceActions, adviceTalks, adviceTalkTopics, wmoPlans } from '../db/schema.ts';
import { DEMO_FOLLOW_UP_ROUND_ID, DEMO_ROUND_ID } from './demo-round-id.ts';
import { loadRound } from './round-service.ts';

export interface DemoAction {
  readonly questionnaire: string;
  readonly basisfunctie: string;
  readonly description: string;
  /** The suggested activity of the instrument it was taken from, when it was. */
  readonly activity?: string;
  readonly owner: string;
  readonly dueOn: string;
  readonly status: ActionStatus;
  readonly statusReason?: string;
}

export interface DemoTalk {
  readonly municipalityCode: string;
  readonly heldOn: string;
  readonly participants: string;
  readonly summary: string;
  readonly topics: readonly {
    readonly questionnaire: string;
    readonly basisfunctie: string;
    readonly points: string;
  }[];
  readonly actions: readonly DemoAction[];
}

const M = 'mantelzorg';
const V = 'vrijwilligerswerk';

/**
 * The demo talks, all about demo-2009 (municipalities of the 2009 register). Overdue on any
 * day after 26 November 2026: Utrecht (both), Amsterdam (Wmo-raad), Haarlem, Assen, Arnhem and
 * Zwolle; Amsterdam's 'Logeerhuis' is due on 30 June 2027.
 */
export const DEMO_TALKS: readonly DemoTalk[] = [
  {
    municipalityCode: '0003',
    heldOn: '2010-04-02',
    participants: 'Wethouder zorg, beleidsmedewerker Wmo, steunpunt mantelzorg',
    summary: 'Synthetisch voorbeeld: informatie voor mantelzorgers is versnipperd.',
    topics: [{ questionnaire: M, basisfunctie: 'informatie', points: 'Geen vast informatiepunt.' }],
    actions: [
      {
        questionnaire: M,
        basisfunctie: 'informatie',
        description: 'Informatiepunt mantelzorg in het gemeentehuis',
        owner: 'Beleidsmedewerker Wmo',
        dueOn: '2010-12-31',
        status: 'done',
      },
    ],
  },
  {
    municipalityCode: '0010',
    heldOn: '2010-03-15',
    participants: 'Wethouder, beleidsmedewerker mantelzorg, vrijwilligerscentrale',
    summary: 'Synthetisch voorbeeld: respijtzorg ontbreekt vrijwel; verankering staat onder druk.',
    topics: [
      { questionnaire: M, basisfunctie: 'respijtzorg', points: 'Alleen professionele oppas.' },
      { questionnaire: V, basisfunctie: 'verankeren', points: 'Geen evaluatie van de nota.' },
    ],
    actions: [
      {
        questionnaire: M,
        basisfunctie: 'respijtzorg',
        description: 'respijtzorg via vrijwillige thuishulp',
        activity:
          'Aan huis, vrijwillig: oppas, bezoekservice, vrijwillige thuishulp, vervangende mantelzorg',
        owner: 'Steunpunt mantelzorg',
        dueOn: '2011-06-30',
        status: 'done',
      },
      {
        questionnaire: V,
        basisfunctie: 'verankeren',
        description: 'Deelnemen aan kennisuitwisseling op regionaal niveau',
        activity: 'Deelnemen aan kennisuitwisseling op regionaal of provinciaal niveau',
        owner: 'Beleidsmedewerker vrijwilligerswerk',
        dueOn: '2011-03-31',
        status: 'dropped',
        statusReason: 'Geen capaciteit tijdens de voorbereiding van de herindeling.',
      },
    ],
  },
  {
    municipalityCode: '0053',
    heldOn: '2010-05-11',
    participants: 'Beleidsmedewerker Wmo, steunpunt mantelzorg',
    summary: 'Synthetisch voorbeeld: mantelzorgers weten het aanbod niet te vinden.',
    topics: [{ questionnaire: M, basisfunctie: 'informatie', points: 'Geen sociale kaart.' }],
    actions: [
      {
        questionnaire: M,
        basisfunctie: 'informatie',
        description: 'Digitale sociale kaart voor mantelzorgers',
        owner: 'Steunpunt mantelzorg',
        dueOn: '2011-01-31',
        status: 'done',
      },
    ],
  },
  {
    municipalityCode: '0344',
    heldOn: '2010-02-22',
    participants: 'Beleidsadviseurs mantelzorg en vrijwilligerswerk, Wmo-raad',
    summary: 'Synthetisch voorbeeld: goede basis, emotionele steun kan dichter bij huis.',
    topics: [
      { questionnaire: M, basisfunctie: 'emotionele-steun', points: 'Eén centraal café.' },
      { questionnaire: V, basisfunctie: 'verbreiden', points: 'Weinig publiciteit.' },
    ],
    actions: [
      {
        questionnaire: M,
        basisfunctie: 'emotionele-steun',
        description: 'Mantelzorgcafé in elke wijk',
        owner: 'Welzijnsorganisatie',
        dueOn: '2011-06-30',
        status: 'in_progress',
      },
      {
        questionnaire: V,
        basisfunctie: 'verbreiden',
        description: 'Communicatieplan vrijwilligerswerk',
        activity:
          'Communicatieplan vrijwilligerswerk: door het jaar heen publicitaire aandacht in de media, van het eren van individuele vrijwilligers tot aandacht voor organisaties en sectoren en deelname aan MADD (NL DOET)',
        owner: 'Afdeling communicatie',
        dueOn: '2026-03-01',
        status: 'planned',
      },
    ],
  },
  {
    municipalityCode: '0363',
    heldOn: '2010-03-08',
    participants: 'Wethouder zorg, beleidsadviseurs, vertegenwoordiger Wmo-raad',
    summary: 'Synthetisch voorbeeld: veel aanbod, weinig regie; mantelzorgers te weinig gehoord.',
    topics: [
      {
        questionnaire: M,
        basisfunctie: 'visie-en-beleid',
        points: 'Mantelzorgers niet in de Wmo-raad.',
      },
      { questionnaire: M, basisfunctie: 'respijtzorg', points: 'Wachtlijst logeeropvang.' },
      { questionnaire: V, basisfunctie: 'verbreiden', points: 'Beursvloer overwogen.' },
    ],
    actions: [
      {
        questionnaire: M,
        basisfunctie: 'visie-en-beleid',
        description: 'Mantelzorgers vertegenwoordigen in de Wmo-raad',
        owner: 'Griffie en Wmo-raad',
        dueOn: '2026-09-01',
        status: 'in_progress',
      },
      {
        questionnaire: M,
        basisfunctie: 'respijtzorg',
        description: 'Logeerhuis voor mantelzorgers verkennen',
        owner: 'Beleidsadviseur zorg',
        dueOn: '2027-06-30',
        status: 'planned',
      },
      {
        questionnaire: V,
        basisfunctie: 'verbreiden',
        description: 'Beursvloer organiseren',
        activity: 'Beursvloer',
        owner: 'Vrijwilligerscentrale',
        dueOn: '2011-10-01',
        status: 'dropped',
        statusReason: 'Geen budget na de bezuinigingen van 2011.',
      },
    ],
  },
  {
    municipalityCode: '0392',
    heldOn: '2010-06-14',
    participants: 'Beleidsmedewerker Wmo, welzijnsorganisatie',
    summary: 'Synthetisch voorbeeld: lotgenotencontact ontbreekt.',
    topics: [],
    actions: [
      {
        questionnaire: M,
        basisfunctie: 'emotionele-steun',
        description: 'Lotgenotengroep voor mantelzorgers van mensen met dementie',
        owner: 'Welzijnsorganisatie',
        dueOn: '2011-09-30',
        status: 'planned',
      },
    ],
  },
  {
    municipalityCode: '0479',
    heldOn: '2010-04-20',
    participants: 'Beleidsmedewerker Wmo, steunpunt mantelzorg',
    summary: 'Synthetisch voorbeeld: praktische hulp is er alleen professioneel.',
    topics: [],
    actions: [
      {
        questionnaire: M,
        basisfunctie: 'praktische-hulp',
        description: 'Klussendienst voor mantelzorgers',
        owner: 'Vrijwilligerscentrale',
        dueOn: '2011-04-01',
        status: 'done',
      },
    ],
  },
  {
    municipalityCode: '0599',
    heldOn: '2010-01-27',
    participants: 'Beleidsadviseurs, cliëntenraad',
    summary: 'Synthetisch voorbeeld: materiële hulp is onbekend bij mantelzorgers.',
    topics: [],
    actions: [
      {
        questionnaire: M,
        basisfunctie: 'materiele-hulp',
        description: 'Parkeerpas voor mantelzorgers',
        activity: 'Parkeerpas',
        owner: 'Afdeling parkeren',
        dueOn: '2010-12-31',
        status: 'done',
      },
    ],
  },
  {
    municipalityCode: '0518',
    heldOn: '2010-02-09',
    participants: 'Beleidsadviseur vrijwilligerswerk, vrijwilligersacademie',
    summary: 'Synthetisch voorbeeld: vrijwilligerswerk en re-integratie staan los van elkaar.',
    topics: [],
    actions: [
      {
        questionnaire: V,
        basisfunctie: 'vertalen',
        description: 'Vrijwilligerswerk als route bij arbeidsre-integratie',
        activity:
          'Vrijwilligerswerk bij inburgering, arbeidsreïntegratie en maatschappelijke stages',
        owner: 'Afdeling werk en inkomen',
        dueOn: '2011-06-30',
        status: 'done',
      },
    ],
  },
  {
    municipalityCode: '0141',
    heldOn: '2010-05-03',
    participants: 'Beleidsmedewerker vrijwilligerswerk, vrijwilligerscentrale',
    summary: 'Synthetisch voorbeeld: vraag en aanbod vinden elkaar slecht.',
    topics: [],
    actions: [
      {
        questionnaire: V,
        basisfunctie: 'verbinden-en-makelen',
        description: 'Digitale vacaturebank voor vrijwilligers',
        owner: 'Vrijwilligerscentrale',
        dueOn: '2010-12-01',
        status: 'done',
      },
    ],
  },
  {
    municipalityCode: '0106',
    heldOn: '2010-03-30',
    participants: 'Beleidsmedewerker Wmo, thuiszorgorganisatie',
    summary: 'Synthetisch voorbeeld: hulpmiddelen komen laat.',
    topics: [],
    actions: [
      {
        questionnaire: M,
        basisfunctie: 'materiele-hulp',
        description: 'Uitleenpunt voor hulpmiddelen',
        owner: 'Thuiszorgorganisatie',
        dueOn: '2011-02-28',
        status: 'in_progress',
      },
    ],
  },
  {
    municipalityCode: '0202',
    heldOn: '2010-06-01',
    participants: 'Beleidsadviseur vrijwilligerswerk',
    summary: 'Synthetisch voorbeeld: maatschappelijke stages komen niet op gang.',
    topics: [],
    actions: [
      {
        questionnaire: V,
        basisfunctie: 'vertalen',
        description: 'Maatschappelijke stages met de scholen afspreken',
        owner: 'Afdeling onderwijs',
        dueOn: '2011-08-31',
        status: 'planned',
      },
    ],
  },
  {
    municipalityCode: '0772',
    heldOn: '2010-02-16',
    participants: 'Beleidsmedewerker Wmo, steunpunt mantelzorg',
    summary: 'Synthetisch voorbeeld: begeleiding is kort.',
    topics: [],
    actions: [
      {
        questionnaire: M,
        basisfunctie: 'advies-en-begeleiding',
        description: 'Mantelzorgmakelaar inzetten',
        owner: 'Steunpunt mantelzorg',
        dueOn: '2011-01-01',
        status: 'done',
      },
    ],
  },
  {
    municipalityCode: '0935',
    heldOn: '2010-04-12',
    participants: 'Beleidsmedewerker Wmo, Alzheimer Nederland afdeling',
    summary: 'Synthetisch voorbeeld: educatie alleen op aanvraag.',
    topics: [],
    actions: [
      {
        questionnaire: M,
        basisfunctie: 'educatie',
        description: 'Cursus omgaan met dementie',
        owner: 'Welzijnsorganisatie',
        dueOn: '2010-11-30',
        status: 'done',
      },
    ],
  },
  {
    municipalityCode: '0080',
    heldOn: '2010-05-25',
    participants: 'Wethouder, beleidsmedewerker Wmo',
    summary: 'Synthetisch voorbeeld: waardering voor mantelzorgers is incidenteel.',
    topics: [],
    actions: [
      {
        questionnaire: M,
        basisfunctie: 'visie-en-beleid',
        description: 'Jaarlijkse Dag van de Mantelzorg',
        owner: 'Steunpunt mantelzorg',
        dueOn: '2010-11-10',
        status: 'dropped',
        statusReason: 'Opgegaan in de regionale mantelzorgdag.',
      },
    ],
  },
  {
    municipalityCode: '0193',
    heldOn: '2010-03-04',
    participants: 'Beleidsmedewerker Wmo',
    summary: 'Synthetisch voorbeeld: informatie staat alleen op papier.',
    topics: [],
    actions: [
      {
        questionnaire: M,
        basisfunctie: 'informatie',
        description: 'Mantelzorgpagina op de gemeentelijke website',
        owner: 'Afdeling communicatie',
        dueOn: '2010-09-30',
        status: 'in_progress',
      },
    ],
  },
];

/** The marker of the demo's own talks: their calendar UIDs. */
const DEMO_UID_PREFIX = 'demo-talk-';

/**
 * Per province, how much likelier (or less likely) its plans include the basisfuncties than
 * the national share, so the breakdown by province has both sides of the target.
 */
const PROVINCE_SHIFT: Readonly<Record<string, number>> = {
  PV20: 0.08,
  PV21: -0.12,
  PV22: 0.02,
  PV23: 0.1,
  PV24: -0.05,
  PV25: 0.04,
  PV26: 0.12,
  PV27: 0.06,
  PV28: -0.08,
  PV29: -0.15,
  PV30: 0,
  PV31: -0.1,
};

/** Per demo round: the share 'ja' nationally, the plan period and the seed. */
const WMO_PLAN_SETTINGS: Readonly<
  Record<string, { share: number; from: number; to: number; seed: number }>
> = {
  [DEMO_ROUND_ID]: { share: 0.42, from: 2008, to: 2011, seed: 12009 },
  [DEMO_FOLLOW_UP_ROUND_ID]: { share: 0.7, from: 2024, to: 2027, seed: 12026 },
};

async function seedDemoTalks(executor: Executor): Promise<number> {
  const loaded = await loadRound(executor, DEMO_ROUND_ID);
  const byCode = new Map(loaded.municipalities.map((m) => [m.code, m]));
  let inserted = 0;
  for (const talk of DEMO_TALKS) {
    const municipality = byCode.get(talk.municipalityCode);
    if (!municipality) continue;
    const advisor = `Demo-adviseur ${municipality.provinceName}`;
    const municipalityName = `Demo-gemeente ${municipality.name}`;
    const [row] = await executor
      .insert(adviceTalks)
      .values({
        roundId: DEMO_ROUND_ID,
        municipalityCode: talk.municipalityCode,
        heldOn: talk.heldOn,
        startTime: '10:00',
        durationMinutes: 90,
        location: `Gemeentehuis ${municipality.name}`,
        participants: `${advisor}; ${talk.participants}`,
        summary: talk.summary,
        calendarUid: `${DEMO_UID_PREFIX}${talk.municipalityCode}@basisfunctiemonitor`,
        createdByName: advisor,
        createdAt: sql`${`${talk.heldOn}T16:00:00+01:00`}::timestamptz`,
        updatedByName: advisor,
        updatedAt: sql`${`${talk.heldOn}T16:00:00+01:00`}::timestamptz`,
      })
      .returning({ id: adviceTalks.id });
    const talkId = row?.id as number;
    if (talk.topics.length > 0) {
      await executor
        .insert(adviceTalkTopics)
        .values(talk.topics.map((topic) => ({ talkId, ...topic })));
    }
    await executor.insert(adviceActions).values(
      talk.actions.map((action, position) => {
        const changed = action.status !== 'planned';
        return {
          talkId,
          questionnaire: action.questionnaire,
          basisfunctie: action.basisfunctie,
          description: action.description,
          activity: action.activity ?? null,
          owner: action.owner,
          dueOn: action.dueOn,
          status: action.status,
          statusReason: action.statusReason ?? null,
          // A status other than 'planned' was set by the municipality, on the target date.
          statusChangedAt: changed ? sql`${`${action.dueOn}T12:00:00+01:00`}::timestamptz` : null,
          position,
          version: changed ? 2 : 1,
          updatedByName: changed ? municipalityName : advisor,
        };
      }),
    );
    inserted += 1;
  }
  return inserted;
}

/** Draws one plan status: 'ja' with probability `share`, then 'gedeeltelijk' (20%), or 'nee'. */
function drawInclusion(u: number, share: number): WmoPlanInclusion {
  if (u < share) return 'ja';
  if (u < share + 0.2) return 'gedeeltelijk';
  return 'nee';
}

async function seedDemoWmoPlans(executor: Executor, roundId: string): Promise<number> {
  const settings = WMO_PLAN_SETTINGS[roundId];
  if (!settings) return 0;
  const loaded = await loadRound(executor, roundId);
  const respondents = new Set(
    (await readResponseVectors(executor, roundId))
      .filter((r) => r.answerCount > 0)
      .map((r) => r.municipalityCode),
  );
  const keys = loaded.instrument.questionnaires.flatMap((q) =>
    q.basisfuncties.map((b) => `${q.id}:${b.id}`),
  );
  const random = createRandom(settings.seed);
  const rows = [...loaded.municipalities]
    .sort((a, b) => a.code.localeCompare(b.code))
    .filter((m) => respondents.has(m.code))
    .map((m) => {
      const included = drawInclusion(
        random(),
        settings.share + (PROVINCE_SHIFT[m.provinceCode] ?? 0),
      );
      const confirmed = random() < 0.8;
      const named =
        included === 'ja'
          ? keys
          : included === 'gedeeltelijk'
            ? keys.filter(() => random() < 0.5)
            : [];
      const advisor = `Demo-adviseur ${m.provinceName}`;
      return {
        roundId,
        municipalityCode: m.code,
        included,
        periodFrom: settings.from,
        periodTo: settings.to,
        title: `Wmo-beleidsplan ${m.name} ${settings.from}-${settings.to} (synthetisch)`,
        url: null,
        basisfuncties: named,
        source: 'form' as const,
        updatedByName: `Demo-gemeente ${m.name}`,
        confirmedByName: confirmed ? advisor : null,
        confirmedAt: confirmed ? sql`now()` : null,
      };
    });
  if (rows.length > 0) await executor.insert(wmoPlans).values(rows);
  return rows.length;
}

/**
 * Adds the demo's talks (about demo-2009) and Wmo plans (demo-2009 and demo-2026) where the
 * demo rounds exist and have none yet. Idempotent.
 *
 * @returns how many talks and plans were added
 */
export async function loadDemoImprovement(
  executor: Executor,
): Promise<{ talks: number; wmoPlans: number }> {
  let talks = 0;
  let plans = 0;
  if (await findRound(executor, DEMO_ROUND_ID)) {
    const [existing] = await executor
      .select({ count: sql<number>`count(*)::int` })
      .from(adviceTalks)
      .where(
        and(
          eq(adviceTalks.roundId, DEMO_ROUND_ID),
          like(adviceTalks.calendarUid, `${DEMO_UID_PREFIX}%`),
        ),
      );
    if ((existing?.count ?? 0) === 0) talks = await seedDemoTalks(executor);
  }
  for (const roundId of [DEMO_ROUND_ID, DEMO_FOLLOW_UP_ROUND_ID]) {
    if (!(await findRound(executor, roundId))) continue;
    const [existing] = await executor
      .select({ count: sql<number>`count(*)::int` })
      .from(wmoPlans)
      .where(eq(wmoPlans.roundId, roundId));
    if ((existing?.count ?? 0) === 0) plans += await seedDemoWmoPlans(executor, roundId);
  }
  return { talks, wmoPlans: plans };
}
