/**
 * The logboek: every kind of event in words, filtering by person, questionnaire and Dutch
 * dates, paging, the CSV export, and who may read and download it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/db/schema.ts';
import { listAccountEvents } from '../../src/services/account-service.ts';
import {
  AUDIT_PAGE_SIZE,
  exportAuditTrail,
  readAuditTrail,
  searchAuditTrail,
} from '../../src/services/audit-trail-service.ts';
import { ForbiddenError, NotFoundError, UserInputError } from '../../src/services/errors.ts';
import { setParticipation } from '../../src/services/participation-service.ts';
import { saveAnswers } from '../../src/services/questionnaire-service.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { openRound, seedAccounts, type Cast } from '../support/factories.ts';

let database: TestDatabase;
let cast: Cast;
const ROUND = 'r';
const AMSTERDAM = { roundId: ROUND, municipalityCode: '0363' };
/** Groningen's trail holds hand-made events at chosen times. */
const GRONINGEN = { roundId: ROUND, municipalityCode: '0014' };
/** Utrecht's trail is long, for paging. */
const UTRECHT = { roundId: ROUND, municipalityCode: '0344' };

async function insertEvent(municipalityCode: string, at: string, subject: string, actorId: number) {
  await database.db.insert(auditEvents).values({
    at: new Date(at),
    actorId,
    actorLabel: 'Cora Coördinator',
    action: 'answer.changed',
    roundId: ROUND,
    municipalityCode,
    subject,
    oldValue: null,
    newValue: { points: 1, options: null, text: null, note: null },
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  cast = await seedAccounts(db);
  await openRound(db, cast.coordinator, ROUND, 'Meting 2026');
  const mantelzorg = { ...AMSTERDAM, questionnaire: 'mantelzorg' };
  const vrijwilligerswerk = { ...AMSTERDAM, questionnaire: 'vrijwilligerswerk' };
  await saveAnswers(db, cast.municipality, mantelzorg, [
    { question: 17, value: '3', note: 'Via het Wmo-loket', baseRevision: 0 },
    { question: 18, value: ['aanbod', 'ziekten'], note: '', baseRevision: 0 },
  ]);
  await saveAnswers(db, cast.advisor, mantelzorg, [
    { question: 17, value: '3', note: 'Via het Wmo-loket en de website', baseRevision: 1 },
  ]);
  await saveAnswers(db, cast.municipality, vrijwilligerswerk, [
    { question: 1, value: '2', note: '', baseRevision: 0 },
  ]);
  await setParticipation(db, cast.coordinator, {
    ...AMSTERDAM,
    form: { status: 'later', reason: 'geen-tijd', reasonText: 'na de zomer' },
  });
  // Dutch time: 23:30 on 1 March, 00:30 on 2 March, and 23:59 on 31 March (summer time).
  await insertEvent('0014', '2026-03-01T22:30:00Z', 'mantelzorg vraag 1', cast.coordinator.id);
  await insertEvent('0014', '2026-03-01T23:30:00Z', 'mantelzorg vraag 2', cast.coordinator.id);
  await insertEvent('0014', '2026-03-31T21:59:00Z', 'mantelzorg vraag 4', cast.coordinator.id);
  await insertEvent('0014', '2026-03-31T22:00:00Z', 'mantelzorg vraag 5', cast.coordinator.id);
  for (let i = 0; i < AUDIT_PAGE_SIZE + 10; i += 1)
    await insertEvent(
      '0344',
      new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      `mantelzorg vraag ${i + 1}`,
      cast.coordinator.id,
    );
});
afterAll(async () => {
  await database.dispose();
});

describe('the trail in words', () => {
  it('describes every change through the instrument, never as JSON', async () => {
    const trail = await readAuditTrail(database.db, cast.coordinator, ROUND, '0363');
    expect(trail.municipality).toBe('Amsterdam');
    expect(trail.events.map((e) => [e.actor, e.description, e.oldText, e.newText])).toEqual([
      [
        'Cora Coördinator',
        'Deelname aan de meting',
        'doet mee',
        'doet later mee – reden: geen tijd – na de zomer',
      ],
      [
        'Anna Amsterdam',
        'Vrijwilligerswerk · Vertalen van maatschappelijke ontwikkelingen · vraag 1: Heeft uw gemeente een visie op vrijwilligerswerk geformuleerd?',
        'geen antwoord',
        'Ja, verbetering mogelijk',
      ],
      [
        'Ada Adviseur',
        'Mantelzorg · Informatie · vraag 17: Zorgt de gemeente voor informatieverstrekking aan mantelzorgers (zelf of via …',
        // Only the toelichting changed.
        'Toelichting: Via het Wmo-loket',
        'Toelichting: Via het Wmo-loket en de website',
      ],
      [
        'Anna Amsterdam',
        'Mantelzorg · Informatie · vraag 18: Welke soort informatie is beschikbaar voor mantelzorgers?',
        'geen antwoord',
        'Het aanbod van hulp, zorg, ondersteuning, Ziekten, aandoeningen, beperkingen, handicaps en patiëntenverenigingen',
      ],
      [
        'Anna Amsterdam',
        'Mantelzorg · Informatie · vraag 17: Zorgt de gemeente voor informatieverstrekking aan mantelzorgers (zelf of via …',
        'geen antwoord',
        'Ja, goed voor elkaar\nToelichting: Via het Wmo-loket',
      ],
    ]);
    for (const event of trail.events) expect(`${event.oldText}${event.newText}`).not.toContain('{');
  });

  it('shows the accounts’ trail with provinces and roles by name', async () => {
    const events = await listAccountEvents(database.db, cast.coordinator);
    const advisor = events.find(
      (e) => e.description === 'Account adviseur.nh@example.nl aangemaakt',
    );
    expect(advisor?.newText).toBe('Provinciaal adviseur – provincies: Noord-Holland');
    const municipality = events.find(
      (e) => e.description === 'Account beleid@amsterdam.nl aangemaakt',
    );
    expect(municipality?.newText).toBe('Gemeente – Amsterdam');
  });
});

describe('filters', () => {
  const search = (query: Record<string, string>, where = AMSTERDAM, user = cast.coordinator) =>
    searchAuditTrail(database.db, user, { ...where, query });

  it('lists who changed something and the questionnaires to choose from', async () => {
    const view = await search({});
    expect(view.persons.map((p) => p.name)).toEqual([
      'Ada Adviseur',
      'Anna Amsterdam',
      'Cora Coördinator',
    ]);
    expect(view.questionnaires).toEqual([
      { id: 'vrijwilligerswerk', name: 'Vrijwilligerswerk' },
      { id: 'mantelzorg', name: 'Mantelzorg' },
    ]);
    expect(view.filtered).toBe(false);
    expect(view.total).toBe(5);
  });

  it('filters by person', async () => {
    const view = await search({ wie: String(cast.municipality.id) });
    expect(view.events.map((e) => e.actor)).toEqual([
      'Anna Amsterdam',
      'Anna Amsterdam',
      'Anna Amsterdam',
    ]);
    expect(view.filtered).toBe(true);
    expect(view.query.wie).toBe(String(cast.municipality.id));
  });

  it('filters by questionnaire, and by both', async () => {
    expect((await search({ vragenlijst: 'mantelzorg' })).events.map((e) => e.question)).toEqual([
      17, 18, 17,
    ]);
    const both = await search({ vragenlijst: 'mantelzorg', wie: String(cast.advisor.id) });
    expect(both.events.map((e) => [e.actor, e.question])).toEqual([['Ada Adviseur', 17]]);
    const none = await search({ vragenlijst: 'vrijwilligerswerk', wie: String(cast.advisor.id) });
    expect(none).toMatchObject({ total: 0, events: [], filtered: true, issues: [] });
  });

  it.each([
    // Both days count, in Dutch time.
    [{ van: '2-3-2026' }, [5, 4, 2]],
    [{ tot: '1-3-2026' }, [1]],
    [{ van: '1-3-2026', tot: '1-3-2026' }, [1]],
    [{ van: '02-03-2026', tot: '31-3-2026' }, [4, 2]],
    [{ van: '2026-04-01' }, [5]],
    [{ van: '1-4-2026', tot: '30-4-2026' }, [5]],
    [{ van: '1-5-2026' }, []],
    [{ van: '', tot: '' }, [5, 4, 2, 1]],
  ])('filters by date %j', async (query, questions) => {
    const view = await search(query, GRONINGEN);
    expect(view.issues).toEqual([]);
    expect(view.events.map((e) => e.question)).toEqual(questions);
  });

  it.each([
    [
      { van: '31-02-2026' },
      'van',
      "Vul bij 'vanaf' een bestaande datum in als dag-maand-jaar, bijvoorbeeld 1-3-2026.",
    ],
    [
      { tot: 'gisteren' },
      'tot',
      "Vul bij 'tot en met' een bestaande datum in als dag-maand-jaar, bijvoorbeeld 31-3-2026.",
    ],
    [
      { van: '2-3-2026', tot: '1-3-2026' },
      'tot',
      "De datum bij 'tot en met' moet op of na de datum bij 'vanaf' liggen.",
    ],
    [{ wie: 'Anna' }, 'wie', 'Kies een persoon uit de lijst.'],
    [{ wie: '99999' }, 'wie', 'Kies een persoon uit de lijst.'],
    [{ vragenlijst: 'Jeugd & zorg' }, 'vragenlijst', 'Kies een vragenlijst uit de lijst.'],
    [{ vragenlijst: 'jeugd' }, 'vragenlijst', 'Kies een vragenlijst uit de lijst.'],
  ])('refuses %j with a Dutch message on the field', async (query, field, message) => {
    const view = await search(query);
    expect(view.issues).toEqual([{ field, message }]);
    expect(view.events).toEqual([]);
    // The form can still be shown, with what was typed.
    expect(view.persons).toHaveLength(3);
  });

  it('reports every bad field at once', async () => {
    const view = await search({ wie: 'x', van: 'x', tot: 'y' });
    expect(view.issues.map((issue) => issue.field)).toEqual(['wie', 'van', 'tot']);
  });
});

describe('paging', () => {
  const page = (pagina: string) =>
    searchAuditTrail(database.db, cast.coordinator, { ...UTRECHT, query: { pagina } });

  it.each([
    ['1', 1, AUDIT_PAGE_SIZE, 60],
    ['2', 2, 10, 10],
    // Past the end: the last page; not a number: the first.
    ['99', 2, 10, 10],
    ['nul', 1, AUDIT_PAGE_SIZE, 60],
    ['0', 1, AUDIT_PAGE_SIZE, 60],
    ['', 1, AUDIT_PAGE_SIZE, 60],
  ])(
    'pagina=%j shows page %i with %i changes, the newest being question %i',
    async (pagina, number, count, newest) => {
      const view = await page(pagina);
      expect(view).toMatchObject({ page: number, pageCount: 2, total: 60, issues: [] });
      expect(view.events).toHaveLength(count);
      expect(view.events[0]?.question).toBe(newest);
    },
  );
});

describe('CSV export', () => {
  const now = new Date('2026-07-15T10:00:00Z');

  it('gives the coordinator the filtered trail as a CSV file', async () => {
    const file = await exportAuditTrail(
      database.db,
      cast.coordinator,
      { ...AMSTERDAM, query: { vragenlijst: 'mantelzorg' } },
      now,
    );
    expect(file.fileName).toBe('logboek-amsterdam-r-2026-07-15.csv');
    const lines = file.content.split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFWanneer (Nederlandse tijd);Wie;Soort;Vragenlijst;Vraag;Wat;Oude waarde;Nieuwe waarde',
    );
    // Three changes, a line each (the second has a line break inside its quotes), and the end.
    expect(file.content.match(/;mantelzorg;1[78];/g)).toHaveLength(3);
    expect(file.content).toContain(
      ';Ada Adviseur;Antwoord;mantelzorg;17;Mantelzorg · Informatie · vraag 17: Zorgt de gemeente voor informatieverstrekking aan mantelzorgers (zelf of via …;Toelichting: Via het Wmo-loket;Toelichting: Via het Wmo-loket en de website\r\n',
    );
    expect(file.content).toContain('"Ja, goed voor elkaar\nToelichting: Via het Wmo-loket"\r\n');
    expect(file.content).not.toContain('Deelname');
  });

  it('exports every page, not just the first', async () => {
    const file = await exportAuditTrail(
      database.db,
      cast.coordinator,
      { ...UTRECHT, query: {} },
      now,
    );
    expect(file.content.trimEnd().split('\r\n')).toHaveLength(61);
  });

  it('refuses invalid filters with their messages', async () => {
    await expect(
      exportAuditTrail(database.db, cast.coordinator, {
        ...AMSTERDAM,
        query: { van: '30-2-2026' },
      }),
    ).rejects.toThrow(
      new UserInputError(
        "Vul bij 'vanaf' een bestaande datum in als dag-maand-jaar, bijvoorbeeld 1-3-2026.",
      ),
    );
  });
});

describe('who may read and download the trail', () => {
  const read = (user: keyof Cast, municipalityCode = '0363', roundId = ROUND) =>
    searchAuditTrail(database.db, cast[user], { roundId, municipalityCode, query: {} });
  const download = (user: keyof Cast, municipalityCode = '0363') =>
    exportAuditTrail(database.db, cast[user], { roundId: ROUND, municipalityCode, query: {} });

  it('lets the coordinator and the advisor of the province read', async () => {
    expect((await read('coordinator')).total).toBe(5);
    expect((await read('advisor')).total).toBe(5);
    expect((await readAuditTrail(database.db, cast.advisor, ROUND, '0363')).events).toHaveLength(5);
  });

  it.each([
    ['otherAdvisor', '0363'],
    ['advisor', '0014'],
    ['municipality', '0363'],
    ['municipality', '0014'],
    ['otherMunicipality', '0363'],
    ['analyst', '0363'],
    // A role that may never read hears 403, even about a municipality that does not exist.
    ['analyst', '9999'],
    ['municipality', '9999'],
  ] as const)('refuses %s reading %s (403)', async (user, code) => {
    await expect(read(user, code)).rejects.toThrow(ForbiddenError);
    await expect(readAuditTrail(database.db, cast[user], ROUND, code)).rejects.toThrow(
      ForbiddenError,
    );
  });

  it('answers 404 for a municipality or round that does not exist', async () => {
    await expect(read('coordinator', '9999')).rejects.toThrow(NotFoundError);
    await expect(read('advisor', '0363', 'geen-meting')).rejects.toThrow(NotFoundError);
    await expect(download('coordinator', '9999')).rejects.toThrow(NotFoundError);
  });

  it.each(['advisor', 'otherAdvisor', 'municipality', 'otherMunicipality', 'analyst'] as const)(
    'lets only the coordinator download: %s gets 403',
    async (user) => {
      await expect(download(user)).rejects.toThrow(ForbiddenError);
    },
  );

  it('tells the advisor why', async () => {
    await expect(download('advisor')).rejects.toThrow(
      'Alleen de landelijk coördinator downloadt het logboek.',
    );
    await expect(read('otherAdvisor')).rejects.toThrow(
      'Het logboek is voor de coördinator en de provinciaal adviseur.',
    );
  });
});
