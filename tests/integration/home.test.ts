/**
 * The home page per role: the coordinator's open rounds with what needs action, an advisor's
 * municipalities, a municipality's next step per questionnaire, the analyst's counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInstrument } from '../../src/instruments/index.ts';
import { loadHome } from '../../src/services/home-service.ts';
import { saveAnswers, submitQuestionnaire } from '../../src/services/questionnaire-service.ts';
import { createRound } from '../../src/services/round-service.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { createStaff, openRound, seedAccounts, type Cast } from '../support/factories.ts';
import { MIX, seedRoundMix } from '../support/round-mix.ts';
import { createTalk } from '../support/talk-factories.ts';
import { toDutchIsoDate } from '../../src/services/dutch-time.ts';

let database: TestDatabase;
let cast: Cast;

beforeAll(async () => {
  database = await createTestDatabase();
  cast = await seedAccounts(database.db);
  await createRound(database.db, { id: 'oud', name: 'Meting 2024', status: 'closed' });
  await openRound(database.db, cast.coordinator, 'r', 'Meting 2026');
  await seedRoundMix(database.db, cast, 'r');
});
afterAll(async () => {
  await database.dispose();
});

describe('home page summaries', () => {
  it('the coordinator: open rounds with their response, and the latest submissions', async () => {
    const home = await loadHome(database.db, cast.coordinator);
    if (home.kind !== 'coordinator') throw new Error(home.kind);
    expect(home.rounds.map((r) => r.id)).toEqual(['r']);
    expect(home.rounds[0]).toMatchObject({
      name: 'Meting 2026',
      base: 127,
      invites: true,
      submittedPercent: 5,
      categories: { submitted: 6, invited: 104, 'not-started': 4, 'in-progress': 9 },
    });
    expect(home.recent).toHaveLength(5);
    // Newest first: the last submission of the set-up was De Bilt's or Bunnik's vrijwilligerswerk.
    expect(
      home.recent
        .map((s) => s.municipality)
        .slice(0, 2)
        .sort(),
    ).toEqual(['Bunnik', 'De Bilt']);
    expect(home.recent[0]).toMatchObject({
      roundName: 'Meting 2026',
      questionnaire: 'vrijwilligerswerk',
    });
    const times = home.recent.map((s) => s.submittedAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('an advisor: the municipalities of their provinces and what needs attention', async () => {
    const home = await loadHome(database.db, cast.advisor);
    if (home.kind !== 'advisor') throw new Error(home.kind);
    const [round] = home.rounds;
    expect(round?.municipalities).toHaveLength(60); // Noord-Holland
    // Invited or with an account, nothing done: all of Noord-Holland but Aalsmeer
    // (submitted), Alkmaar and Amstelveen (in progress).
    expect(round?.notStarted).toHaveLength(57);
    expect(round?.notStarted.map((m) => m.code)).toContain(MIX.amsterdam);
    expect(round?.inProgress.map((m) => m.name)).toEqual(['Alkmaar', 'Amstelveen']);
    expect(round?.municipalities.find((m) => m.code === '0358')).toMatchObject({
      name: 'Aalsmeer',
      category: 'submitted',
      statuses: { vrijwilligerswerk: 'submitted', mantelzorg: 'submitted' },
    });
    const nobody = await createStaff(database.db, { role: 'advisor', provinces: [] });
    const empty = await loadHome(database.db, nobody);
    expect(empty).toEqual({
      kind: 'advisor',
      overdue: [],
      rounds: [expect.objectContaining({ municipalities: [], notStarted: [], inProgress: [] })],
    });
  });

  it('a municipality: each questionnaire with its next step', async () => {
    const first = await loadHome(database.db, cast.municipality);
    if (first.kind !== 'municipality') throw new Error(first.kind);
    expect(first.rounds).toHaveLength(1);
    expect(first.rounds[0]).toMatchObject({ municipality: 'Amsterdam', name: 'Meting 2026' });
    expect(first.rounds[0]?.questionnaires.map((q) => [q.id, q.status, q.next])).toEqual([
      [
        'vrijwilligerswerk',
        'not-started',
        {
          kind: 'begin',
          section: { id: 'vertalen', name: 'Vertalen van maatschappelijke ontwikkelingen' },
        },
      ],
      [
        'mantelzorg',
        'not-started',
        { kind: 'begin', section: { id: 'visie-en-beleid', name: 'Visie en beleid' } },
      ],
    ]);

    // Groningen answered the first three 3-point items of mantelzorg.
    const groningen = await loadHome(database.db, cast.otherMunicipality);
    if (groningen.kind !== 'municipality') throw new Error(groningen.kind);
    expect(groningen.rounds[0]?.questionnaires[1]).toMatchObject({
      id: 'mantelzorg',
      status: 'in-progress',
      answered: 3,
      next: { kind: 'continue', section: { id: 'visie-en-beleid', name: 'Visie en beleid' } },
    });

    const scale = loadInstrument('2009')
      .questionnaires.find((q) => q.id === 'mantelzorg')
      ?.items.filter((item) => item.kind === 'scale');
    const key = { roundId: 'r', municipalityCode: '0363', questionnaire: 'mantelzorg' };
    await saveAnswers(
      database.db,
      cast.municipality,
      key,
      (scale ?? []).map((item) => ({
        question: item.number,
        value: '3',
        note: '',
        baseRevision: 0,
      })),
    );
    const answered = await loadHome(database.db, cast.municipality);
    if (answered.kind !== 'municipality') throw new Error(answered.kind);
    expect(answered.rounds[0]?.questionnaires[1]?.next).toEqual({ kind: 'submit' });
    await submitQuestionnaire(database.db, cast.municipality, key);
    const submitted = await loadHome(database.db, cast.municipality);
    if (submitted.kind !== 'municipality') throw new Error(submitted.kind);
    expect(submitted.rounds[0]?.questionnaires[1]).toMatchObject({
      status: 'submitted',
      next: { kind: 'results' },
    });
  });

  it('the analyst: every round with its counts, no municipalities by name', async () => {
    const home = await loadHome(database.db, cast.analyst);
    if (home.kind !== 'analyst') throw new Error(home.kind);
    expect(home.rounds.map((r) => [r.id, r.status, r.base])).toEqual([
      ['oud', 'closed', 441],
      ['r', 'open', 127],
    ]);
    expect(JSON.stringify(home)).not.toContain('Amsterdam');
  });

  // Issue 12 (helper B): reminders of overdue actions on the advisor's and the municipality's
  // home page, each for their own municipalities only.
  it('overdue actions: for the advisor of the province and the municipality, not elsewhere', async () => {
    const day = (offset: number) => toDutchIsoDate(new Date(Date.now() + offset * 86_400_000));
    await createTalk(database.db, {
      roundId: 'r',
      municipalityCode: '0363',
      by: cast.advisor,
      actions: [
        { description: 'Verlopen en open', dueOn: day(-2) },
        { description: 'Verlopen maar gedaan', dueOn: day(-2), status: 'done' },
        { description: 'Nog niet verlopen', dueOn: day(5) },
      ],
    });
    const overdueOf = async (user: Parameters<typeof loadHome>[1]) => {
      const home = await loadHome(database.db, user);
      return 'overdue' in home ? home.overdue.map((a) => a.description) : null;
    };
    expect(await overdueOf(cast.advisor)).toEqual(['Verlopen en open']);
    expect(await overdueOf(cast.municipality)).toEqual(['Verlopen en open']);
    expect(await overdueOf(cast.otherAdvisor)).toEqual([]);
    expect(await overdueOf(cast.otherMunicipality)).toEqual([]);
    expect(await overdueOf(cast.analyst)).toBeNull();
  });
});
