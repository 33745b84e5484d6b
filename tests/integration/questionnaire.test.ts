/**
 * Filling in together: access per role, saving, conflicts between two editors, submitting
 * and reopening, and the audit trail. Also login, sessions and rate limiting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError } from '../../src/services/errors.ts';
import { listAuditEvents } from '../../src/services/audit-service.ts';
import {
  createUser,
  logIn,
  logOut,
  readSession,
  type StaffUser,
} from '../../src/services/auth-service.ts';
import { loadDemoRound } from '../../src/services/demo-data.ts';
import {
  loadQuestionnaire,
  reopenQuestionnaire,
  saveAnswers,
  submitQuestionnaire,
  summarizeQuestionnaire,
  type QuestionnaireKey,
} from '../../src/services/questionnaire-service.ts';
import { changeRoundStatus } from '../../src/services/round-service.ts';
import { UserInputError } from '../../src/services/errors.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import {
  CAST_EMAILS,
  createStaff,
  openRound,
  seedAccounts,
  TEST_PASSWORD,
} from '../support/factories.ts';

let database: TestDatabase;
let coordinator: StaffUser;
let advisor: StaffUser;
let otherAdvisor: StaffUser;
let amsterdam: StaffUser;
let groningen: StaffUser;
let analyst: StaffUser;
const key: QuestionnaireKey = {
  roundId: 'meting-2026',
  municipalityCode: '0363',
  questionnaire: 'mantelzorg',
};

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  // The cast without its municipalities, which are made below as written by hand.
  ({ coordinator, advisor, otherAdvisor, analyst } = await seedAccounts(db, [
    'coordinator',
    'advisor',
    'otherAdvisor',
    'analyst',
  ]));
  // The e-mail address in mixed case and the codes as 'GM0363' and '14': stored lower-cased
  // and normalised (see 'stores e-mail addresses in lower case...').
  amsterdam = await createStaff(db, {
    email: 'Beleid@Amsterdam.nl',
    name: 'Anna Amsterdam',
    role: 'municipality',
    municipalityCode: 'GM0363',
  });
  groningen = await createStaff(db, {
    email: CAST_EMAILS.otherMunicipality,
    name: 'Gijs Groningen',
    role: 'municipality',
    municipalityCode: '14',
  });
  await openRound(db, coordinator, key.roundId);
});

afterAll(async () => {
  await database.dispose();
});

describe('accounts', () => {
  it('rejects bad account input in Dutch', async () => {
    await expect(
      createUser(
        database.db,
        { email: 'geen-adres', name: 'X', password: TEST_PASSWORD, role: 'coordinator' },
        'test',
      ),
    ).rejects.toThrow('Vul een geldig e-mailadres in');
    await expect(
      createUser(
        database.db,
        { email: 'x@example.nl', name: 'X', password: 'kort', role: 'coordinator' },
        'test',
      ),
    ).rejects.toThrow('minstens 12 tekens');
    await expect(
      createUser(
        database.db,
        { email: 'x@example.nl', name: 'X', password: TEST_PASSWORD, role: 'municipality' },
        'test',
      ),
    ).rejects.toThrow('hoort bij een gemeente');
    await expect(
      createUser(
        database.db,
        { email: CAST_EMAILS.coordinator, name: 'X', password: TEST_PASSWORD, role: 'coordinator' },
        'test',
      ),
    ).rejects.toThrow('Er is al een account');
  });

  it('stores e-mail addresses in lower case and municipality codes normalised', () => {
    expect(amsterdam.email).toBe('beleid@amsterdam.nl');
    expect(amsterdam.municipalityCode).toBe('0363');
    expect(groningen.municipalityCode).toBe('0014');
    expect(advisor.provinces).toEqual(['PV27']);
  });

  it('logs in with argon2id, keeps the session server-side and logs out', async () => {
    const result = await logIn(database.db, {
      email: 'COORDINATOR@example.nl ',
      password: TEST_PASSWORD,
      clientAddress: '127.0.0.1',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const session = await readSession(database.db, result.token);
    expect(session?.user.email).toBe('coordinator@example.nl');
    expect(session?.csrfToken).toMatch(/^[\w-]{43}$/);
    await logOut(database.db, result.token);
    expect(await readSession(database.db, result.token)).toBeNull();
    expect(await readSession(database.db, 'made-up-token')).toBeNull();
  });

  it('expires sessions', async () => {
    const result = await logIn(database.db, {
      email: CAST_EMAILS.analyst,
      password: TEST_PASSWORD,
      clientAddress: '127.0.0.2',
    });
    if (!result.ok) throw new Error('login failed');
    const later = new Date(Date.now() + 8 * 86_400_000);
    expect(await readSession(database.db, result.token, later)).toBeNull();
  });
  // The login limiter is tested in tests/integration/sessions-and-accounts.test.ts.
});

describe('access to a municipality', () => {
  it.each([
    ['coordinator', () => coordinator, 'ok'],
    ['advisor of the province', () => advisor, 'ok'],
    ['the municipality itself', () => amsterdam, 'ok'],
    ['advisor of another province', () => otherAdvisor, 'forbidden'],
    ['another municipality', () => groningen, 'not found'],
    ['analyst', () => analyst, 'forbidden'],
  ])('%s: %s', async (_label, user, expected) => {
    const result = loadQuestionnaire(database.db, user(), key);
    if (expected === 'ok')
      await expect(result).resolves.toMatchObject({ municipality: { code: '0363' } });
    if (expected === 'forbidden') await expect(result).rejects.toBeInstanceOf(ForbiddenError);
    if (expected === 'not found') await expect(result).rejects.toBeInstanceOf(NotFoundError);
  });

  it('answers 404 for unknown rounds, municipalities and questionnaires', async () => {
    await expect(
      loadQuestionnaire(database.db, coordinator, { ...key, roundId: 'bestaat-niet' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      loadQuestionnaire(database.db, coordinator, { ...key, municipalityCode: '9999' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      loadQuestionnaire(database.db, coordinator, { ...key, questionnaire: 'sport' }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('saving and conflicts', () => {
  it('saves a page and shows progress and status', async () => {
    const result = await saveAnswers(database.db, amsterdam, key, [
      { question: 17, value: '3', note: 'Via loket en website', baseRevision: 0 },
      { question: 18, value: ['ziekten', 'aanbod'], note: '', baseRevision: 0 },
      { question: 21, value: 'Folder bij de huisarts.', note: '', baseRevision: 0 },
    ]);
    expect(result).toMatchObject({ ok: true, saved: 3, conflicts: [] });
    const context = await loadQuestionnaire(database.db, advisor, key);
    expect(context.status).toBe('in-progress');
    expect(context.answers.get(17)).toMatchObject({
      points: 3,
      note: 'Via loket en website',
      revision: 1,
      updatedBy: 'Anna Amsterdam',
    });
    expect(context.answers.get(18)?.options).toEqual(['aanbod', 'ziekten']);
    // Progress counts the required (3-point) items; the others apart.
    expect(context.progress.find((p) => p.id === 'informatie')).toEqual({
      id: 'informatie',
      name: 'Informatie',
      answered: 1,
      total: 3,
      optionalAnswered: 2,
      optional: 2,
      unconfirmed: 0,
    });
  });

  it('rejects invalid values per item and saves nothing', async () => {
    const result = await saveAnswers(database.db, amsterdam, key, [
      { question: 19, value: '2', note: '', baseRevision: 0 },
      { question: 17, value: '4', note: '', baseRevision: 1 },
      { question: 15, value: ['0', 'lt-1000'], note: '', baseRevision: 0 },
    ]);
    expect(result).toEqual({
      ok: false,
      errors: [
        { question: 17, message: 'Kies bij vraag 17 één van de drie antwoorden.' },
        { question: 15, message: 'Kies bij vraag 15 één van de opties.' },
      ],
    });
    const context = await loadQuestionnaire(database.db, amsterdam, key);
    expect(context.answers.get(19)).toBeUndefined();
  });

  it('never overwrites a newer answer silently: it reports a conflict with both values', async () => {
    // Both load the page: item 17 is at revision 1 (3 points).
    const advisorView = await loadQuestionnaire(database.db, advisor, key);
    const base = advisorView.answers.get(17)?.revision ?? -1;
    // The municipality changes it first.
    expect(
      await saveAnswers(database.db, amsterdam, key, [
        { question: 17, value: '2', note: 'Via loket en website', baseRevision: base },
      ]),
    ).toMatchObject({
      saved: 1,
    });
    // The advisor's save of the same item, from the stale page, is a conflict; item 19 is saved.
    const result = await saveAnswers(database.db, advisor, key, [
      { question: 17, value: '1', note: 'Via loket en website', baseRevision: base },
      { question: 19, value: '2', note: '', baseRevision: 0 },
    ]);
    expect(result).toMatchObject({
      ok: true,
      saved: 1,
      conflicts: [
        {
          question: 17,
          parts: ['points'],
          theirs: { points: 2, revision: 2, updatedBy: 'Anna Amsterdam' },
          mine: { points: 1, note: 'Via loket en website' },
        },
      ],
    });
    const after = await loadQuestionnaire(database.db, coordinator, key);
    expect(after.answers.get(17)?.points).toBe(2);
    expect(after.answers.get(19)?.points).toBe(2);
    // Having seen the conflict, the advisor may deliberately overwrite it.
    expect(
      await saveAnswers(database.db, advisor, key, [
        { question: 17, value: '1', note: 'Via loket en website', baseRevision: 2 },
      ]),
    ).toMatchObject({
      saved: 1,
      conflicts: [],
    });
  });

  it('does not call an identical change a conflict', async () => {
    const result = await saveAnswers(database.db, amsterdam, key, [
      { question: 17, value: '1', note: 'Via loket en website', baseRevision: 1 },
    ]);
    expect(result).toMatchObject({ ok: true, saved: 0, conflicts: [] });
  });

  it('records every change in the audit trail with old and new value', async () => {
    const events = await listAuditEvents(database.db, key.roundId, key.municipalityCode);
    const item17 = events.filter((e) => e.subject === 'mantelzorg vraag 17');
    expect(
      item17.map((e) => [
        e.actorLabel,
        (e.oldValue as { points: number } | null)?.points ?? null,
        (e.newValue as { points: number }).points,
      ]),
    ).toEqual([
      ['Ada Adviseur', 2, 1],
      ['Anna Amsterdam', 3, 2],
      ['Anna Amsterdam', null, 3],
    ]);
  });
});

describe('submitting', () => {
  it('lists the unanswered 3-point items', async () => {
    const result = await submitQuestionnaire(database.db, amsterdam, key);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.missing.map((item) => item.number)).toEqual([
      1, 2, 4, 5, 6, 7, 9, 10, 11, 12, 20, 22, 24, 25, 27, 29, 30, 32, 34, 35, 37, 39, 40, 42, 44,
      45, 47, 49, 50, 52, 54, 55,
    ]);
  });

  it('submits a complete questionnaire, which is then read-only until the coordinator reopens it', async () => {
    const context = await loadQuestionnaire(database.db, amsterdam, key);
    const items = context.questionnaire.items
      .filter((item) => item.kind === 'scale')
      .map((item) => ({
        question: item.number,
        value: item.number % 3 === 0 ? '2' : '3',
        note: item.number === 17 ? 'Via loket en website' : '',
        baseRevision: context.answers.get(item.number)?.revision ?? 0,
      }));
    expect(await saveAnswers(database.db, amsterdam, key, items)).toMatchObject({
      ok: true,
      conflicts: [],
    });
    expect(await submitQuestionnaire(database.db, amsterdam, key)).toEqual({ ok: true });
    const submitted = await loadQuestionnaire(database.db, amsterdam, key);
    expect(submitted.status).toBe('submitted');
    expect(submitted.editable).toBe(false);
    await expect(
      saveAnswers(database.db, advisor, key, [
        { question: 19, value: '1', note: '', baseRevision: 0 },
      ]),
    ).rejects.toThrow('ingediend en kan niet meer worden gewijzigd');
    const overview = summarizeQuestionnaire(submitted);
    expect(overview.basisfuncties.find((b) => b.id === 'informatie')).toMatchObject({ goed: true });
    expect(overview.itemsByBand['goed-voor-elkaar']?.length).toBeGreaterThan(10);

    await expect(reopenQuestionnaire(database.db, advisor, key)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await reopenQuestionnaire(database.db, coordinator, key);
    expect((await loadQuestionnaire(database.db, amsterdam, key)).editable).toBe(true);
  });

  it('keeps closed and synthetic rounds read-only', async () => {
    await loadDemoRound(database.db);
    const demo = await loadQuestionnaire(database.db, coordinator, {
      roundId: 'demo-2009',
      municipalityCode: '0363',
      questionnaire: 'mantelzorg',
    });
    expect(demo.editable).toBe(false);
    await expect(
      changeRoundStatus(database.db, coordinator, 'demo-2009', 'open'),
    ).rejects.toBeInstanceOf(UserInputError);
  });
});
