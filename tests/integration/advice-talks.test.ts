/**
 * Advice talks (issue 12, part A): recording a talk with points and actions per basisfunctie,
 * all or nothing, version-checked edits, who may read and record, and the audit trail.
 */
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adviceActions, adviceTalks, adviceTalkTopics } from '../../src/db/schema.ts';
import {
  createTalk,
  listTalks,
  readTalk,
  readTalkEditor,
  TalkConflictError,
  updateTalk,
  type NewTalkInput,
} from '../../src/services/advice-talk-service.ts';
import { listAuditEvents } from '../../src/services/audit-service.ts';
import { describeAuditEvent } from '../../src/services/audit-text.ts';
import { ForbiddenError, NotFoundError } from '../../src/services/errors.ts';
import { loadRound } from '../../src/services/round-service.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { openRound, seedAccounts, type Cast } from '../support/factories.ts';

let database: TestDatabase;
let cast: Cast;

beforeAll(async () => {
  database = await createTestDatabase();
  cast = await seedAccounts(database.db);
  await openRound(database.db, cast.coordinator, 'r', 'Meting');
});
afterAll(async () => {
  await database.dispose();
});

const RESPIJT_ACTIVITY =
  'Aan huis, vrijwillig: oppas, bezoekservice, vrijwillige thuishulp, vervangende mantelzorg';

function amsterdamTalk(overrides: Partial<NewTalkInput> = {}): NewTalkInput {
  return {
    roundId: 'r',
    municipalityCode: '0363',
    heldOn: '12-3-2027',
    startTime: '14:00',
    durationMinutes: '90',
    location: 'Stadhuis Amsterdam',
    participants: 'Ada Adviseur (adviseur), Anna Amsterdam (beleidsmedewerker)',
    summary: 'Bespreking van de nulmeting.',
    topics: [
      {
        questionnaire: 'mantelzorg',
        basisfunctie: 'respijtzorg',
        points: 'Weinig respijtzorg aan huis.',
        actions: [
          { description: RESPIJT_ACTIVITY, owner: 'Beleidsmedewerker Wmo', dueOn: '1-9-2027' },
          // The empty row the form always offers: left out.
          { description: '', owner: '', dueOn: '' },
        ],
      },
      {
        questionnaire: 'vrijwilligerswerk',
        basisfunctie: 'visie-en-beleid',
        points: 'Een nota vrijwilligerswerk ontbreekt.',
        actions: [{ description: 'Nota vrijwilligerswerk opstellen', owner: 'Wethouder' }],
      },
      // A subject without points or actions is not stored.
      { questionnaire: 'mantelzorg', basisfunctie: 'informatie', points: '', actions: [] },
    ],
    ...overrides,
  };
}

async function countRows() {
  const [talks] = await database.db.select({ n: count() }).from(adviceTalks);
  const [topics] = await database.db.select({ n: count() }).from(adviceTalkTopics);
  const [actions] = await database.db.select({ n: count() }).from(adviceActions);
  return { talks: talks?.n, topics: topics?.n, actions: actions?.n };
}

describe('recording an advice talk', () => {
  let talkId = 0;

  it('stores the talk, its points and its actions, with the activity they were taken from, and audits it', async () => {
    const saved = await createTalk(database.db, cast.advisor, amsterdamTalk());
    expect(saved).toMatchObject({ ok: true, version: 1 });
    if (!saved.ok) return;
    talkId = saved.id;
    const talk = await readTalk(database.db, cast.advisor, talkId);
    expect(talk).toMatchObject({
      heldOn: '2027-03-12',
      startTime: '14:00',
      durationMinutes: 90,
      municipality: { code: '0363', name: 'Amsterdam', provinceCode: 'PV27' },
      round: { id: 'r', name: 'Meting' },
      canRecord: true,
      canUpdateActions: true,
    });
    expect(talk.calendarUid).toMatch(/^talk-[\w-]+@basisfunctiemonitor$/);
    // In the instrument's order: vrijwilligerswerk first, its 'Visie en beleid' subject first.
    expect(talk.topics.map((t) => [t.questionnaire, t.basisfunctie, t.name])).toEqual([
      ['vrijwilligerswerk', 'visie-en-beleid', 'Visie en beleid'],
      ['mantelzorg', 'respijtzorg', 'Respijtzorg'],
    ]);
    const respijt = talk.topics[1];
    expect(respijt?.actions).toEqual([
      expect.objectContaining({
        description: RESPIJT_ACTIVITY,
        activity: RESPIJT_ACTIVITY,
        owner: 'Beleidsmedewerker Wmo',
        dueOn: '2027-09-01',
        status: 'planned',
        statusLabel: 'gepland',
      }),
    ]);
    expect(talk.topics[0]?.actions[0]).toMatchObject({ activity: null, dueOn: null });
    const events = await listAuditEvents(database.db, 'r', '0363');
    expect(events.map((e) => e.action).sort()).toEqual([
      'talk.action-added',
      'talk.action-added',
      'talk.created',
    ]);
    const created = events.find((e) => e.action === 'talk.created');
    expect(created).toMatchObject({
      actorLabel: cast.advisor.name,
      subject: 'Adviesgesprek van 12-3-2027',
    });
    const { instrument } = await loadRound(database.db, 'r');
    const described = describeAuditEvent(created!, {
      instrument,
      provinceNames: new Map(),
      municipalityNames: new Map(),
    });
    expect(described.kind).toBe('Adviesgesprek');
    expect(described.newText).toContain('Datum: 12-3-2027');
    expect(described.newText).toContain(
      'Besproken bij Respijtzorg (mantelzorg): Weinig respijtzorg aan huis.',
    );
    const added = events.find((e) => e.action === 'talk.action-added');
    expect(
      describeAuditEvent(added!, { provinceNames: new Map(), municipalityNames: new Map() }),
    ).toMatchObject({ kind: 'Actie' });
  });

  it('refuses an action without a description, with a Dutch message on its field, and stores nothing', async () => {
    const before = await countRows();
    const input = amsterdamTalk();
    const result = await createTalk(database.db, cast.advisor, {
      ...input,
      topics: [
        {
          questionnaire: 'mantelzorg',
          basisfunctie: 'respijtzorg',
          points: 'x',
          actions: [{ description: '  ', owner: 'Wethouder', dueOn: '1-9-2027' }],
        },
      ],
    });
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          field: 'topics.0.actions.0.description',
          message:
            'Beschrijf wat er gedaan wordt bij deze actie (Respijtzorg), of maak de hele rij leeg.',
        },
      ],
    });
    expect(await countRows()).toEqual(before);
  });

  it('refuses a target date before the talk, and stores nothing of the rest', async () => {
    const before = await countRows();
    const result = await createTalk(database.db, cast.advisor, {
      ...amsterdamTalk(),
      topics: [
        {
          questionnaire: 'mantelzorg',
          basisfunctie: 'respijtzorg',
          points: 'Goede punten die niet bewaard worden.',
          actions: [{ description: 'Respijtzorg uitbreiden', dueOn: '2027-03-11' }],
        },
      ],
    });
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          field: 'topics.0.actions.0.dueOn',
          message:
            'De streefdatum 11-3-2027 ligt vóór het gesprek van 12-3-2027. Kies een datum op of na de dag van het gesprek.',
        },
      ],
    });
    expect(await countRows()).toEqual(before);
  });

  it('refuses a basisfunctie the instrument does not have, a missing date and missing participants', async () => {
    const result = await createTalk(database.db, cast.coordinator, {
      ...amsterdamTalk(),
      heldOn: '',
      participants: '',
      topics: [{ questionnaire: 'mantelzorg', basisfunctie: 'sport', points: 'x' }],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => issue.field)).toEqual([
      'heldOn',
      'participants',
      'topics.0.basisfunctie',
    ]);
    expect(result.issues[2]?.message).toContain('‘sport’ bestaat niet');
  });

  it('answers 404 for a municipality outside the advisor’s provinces, and stores nothing', async () => {
    const before = await countRows();
    // Gert advises Groningen: Amsterdam does not exist for him.
    await expect(createTalk(database.db, cast.otherAdvisor, amsterdamTalk())).rejects.toThrow(
      NotFoundError,
    );
    await expect(
      readTalkEditor(database.db, cast.otherAdvisor, { roundId: 'r', code: '0363' }),
    ).rejects.toThrow(NotFoundError);
    // Municipalities and analysts never record talks.
    await expect(createTalk(database.db, cast.municipality, amsterdamTalk())).rejects.toThrow(
      ForbiddenError,
    );
    await expect(createTalk(database.db, cast.analyst, amsterdamTalk())).rejects.toThrow(
      ForbiddenError,
    );
    expect(await countRows()).toEqual(before);
  });

  it('lets the municipality read its own talk, hides it from others (404) and from the analyst (403)', async () => {
    const own = await readTalk(database.db, cast.municipality, talkId);
    expect(own).toMatchObject({ canRecord: false, canUpdateActions: true });
    await expect(readTalk(database.db, cast.otherMunicipality, talkId)).rejects.toThrow(
      NotFoundError,
    );
    await expect(readTalk(database.db, cast.otherAdvisor, talkId)).rejects.toThrow(NotFoundError);
    await expect(readTalk(database.db, cast.analyst, talkId)).rejects.toThrow(ForbiddenError);
    await expect(readTalk(database.db, cast.coordinator, 999_999)).rejects.toThrow(NotFoundError);
    await expect(
      updateTalk(database.db, cast.municipality, talkId, { ...amsterdamTalk(), baseVersion: 1 }),
    ).rejects.toThrow(ForbiddenError);
  });

  it('lists the talks each user may read, with filters', async () => {
    // A talk with Groningen (PV20), by the coordinator.
    const groningen = await createTalk(database.db, cast.coordinator, {
      ...amsterdamTalk({ municipalityCode: '0014', heldOn: '2027-04-01' }),
      topics: [],
    });
    expect(groningen.ok).toBe(true);
    const codes = async (user: Cast[keyof Cast], filter = {}) =>
      (await listTalks(database.db, user as never, filter)).map((t) => t.municipality.code);
    expect(await codes(cast.coordinator)).toEqual(['0014', '0363']);
    expect(await codes(cast.coordinator, { provinceCode: 'PV27' })).toEqual(['0363']);
    expect(await codes(cast.coordinator, { municipalityCode: '0014' })).toEqual(['0014']);
    expect(await codes(cast.coordinator, { roundId: 'andere' })).toEqual([]);
    expect(await codes(cast.advisor)).toEqual(['0363']);
    expect(await codes(cast.otherAdvisor)).toEqual(['0014']);
    expect(await codes(cast.municipality)).toEqual(['0363']);
    // A municipality asking for another one's talks gets its own filter applied: none.
    expect(await codes(cast.municipality, { municipalityCode: '0014' })).toEqual([]);
    await expect(listTalks(database.db, cast.analyst)).rejects.toThrow(ForbiddenError);
    const [summary] = await listTalks(database.db, cast.advisor);
    expect(summary).toMatchObject({ topics: 2, actions: 2, openActions: 2, overdueActions: 0 });
  });

  it('saves an edit from the version it started from; a stale edit is a conflict and changes nothing', async () => {
    const talk = await readTalk(database.db, cast.advisor, talkId);
    const respijtAction = talk.topics[1]?.actions[0];
    // The municipality has started on the action (written directly: part B's service does this).
    await database.db
      .update(adviceActions)
      .set({ status: 'in_progress' })
      .where(eq(adviceActions.id, respijtAction!.id));
    const edit = {
      ...amsterdamTalk({ summary: 'Aangevuld verslag.' }),
      baseVersion: talk.version,
      topics: [
        {
          questionnaire: 'mantelzorg',
          basisfunctie: 'respijtzorg',
          points: 'Weinig respijtzorg aan huis; de wachtlijst groeit.',
          actions: [
            {
              id: respijtAction!.id,
              description: 'Vrijwillige thuishulp uitbreiden',
              owner: 'Wmo-team',
              dueOn: '2027-10-01',
            },
            {
              description: 'Mantelzorgwaardering evalueren',
              owner: 'Wethouder',
              dueOn: '2027-12-01',
            },
          ],
        },
      ],
    };
    const saved = await updateTalk(database.db, cast.coordinator, talkId, edit);
    expect(saved).toMatchObject({ ok: true, version: 2 });
    const after = await readTalk(database.db, cast.advisor, talkId);
    expect(after.summary).toBe('Aangevuld verslag.');
    // The vision topic lost its points but keeps its action; the respijtzorg action keeps the
    // status the municipality gave it.
    expect(after.topics.map((t) => [t.basisfunctie, t.points, t.actions.length])).toEqual([
      ['visie-en-beleid', '', 1],
      ['respijtzorg', 'Weinig respijtzorg aan huis; de wachtlijst groeit.', 2],
    ]);
    expect(after.topics[1]?.actions[0]).toMatchObject({
      description: 'Vrijwillige thuishulp uitbreiden',
      activity: null,
      status: 'in_progress',
      version: 2,
    });
    // The advisor still has version 1 open.
    const stale = updateTalk(database.db, cast.advisor, talkId, {
      ...edit,
      summary: 'Oud verslag.',
      baseVersion: 1,
    });
    await expect(stale).rejects.toThrow(TalkConflictError);
    await expect(stale).rejects.toThrow(/Cora Coördinator heeft dit gesprek intussen gewijzigd/);
    expect((await readTalk(database.db, cast.advisor, talkId)).summary).toBe('Aangevuld verslag.');
    const events = await listAuditEvents(database.db, 'r', '0363');
    const actions = events.map((e) => e.action);
    expect(actions.filter((a) => a === 'talk.updated')).toHaveLength(1);
    // The logboek names only what changed: the summary and the points, not the date.
    const updated = describeAuditEvent(
      events.find((e) => e.action === 'talk.updated')!,
      {
        instrument: (await loadRound(database.db, 'r')).instrument,
        provinceNames: new Map(),
        municipalityNames: new Map(),
      },
    );
    expect(updated.oldText).toContain('Samenvatting: Bespreking van de nulmeting.');
    expect(updated.newText).toContain('Samenvatting: Aangevuld verslag.');
    expect(updated.newText).not.toContain('Datum');
    expect(actions.filter((a) => a === 'talk.action-changed')).toHaveLength(1);
  });

  it('does not remove an action the municipality has followed up, but removes an untouched one', async () => {
    const talk = await readTalk(database.db, cast.advisor, talkId);
    const [started, untouched] = talk.topics[1]?.actions ?? [];
    const base = {
      ...amsterdamTalk({ summary: 'Aangevuld verslag.' }),
      baseVersion: talk.version,
    };
    const topic = (remove: number) => ({
      questionnaire: 'mantelzorg',
      basisfunctie: 'respijtzorg',
      points: 'x',
      actions: [{ id: remove, description: 'x', remove: true }],
    });
    const refused = await updateTalk(database.db, cast.advisor, talkId, {
      ...base,
      topics: [topic(started!.id)],
    });
    expect(refused).toMatchObject({
      ok: false,
      issues: [
        { field: 'topics.0.actions.0.remove', message: expect.stringContaining('vervallen') },
      ],
    });
    const removed = await updateTalk(database.db, cast.advisor, talkId, {
      ...base,
      topics: [topic(untouched!.id)],
    });
    expect(removed.ok).toBe(true);
    const after = await readTalk(database.db, cast.advisor, talkId);
    expect(after.topics[1]?.actions.map((a) => a.id)).toEqual([started!.id]);
    // An action of another talk cannot be smuggled in.
    const foreign = await updateTalk(database.db, cast.advisor, talkId, {
      ...base,
      baseVersion: after.version,
      topics: [{ ...topic(999_999), actions: [{ id: 999_999, description: 'x' }] }],
    });
    expect(foreign).toMatchObject({ ok: false, issues: [{ field: 'topics.0.actions.0.id' }] });
  });
});
