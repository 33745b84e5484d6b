import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError } from '../../src/services/errors.ts';
import { listAuditEvents } from '../../src/services/audit-service.ts';
import type { StaffUser } from '../../src/services/auth-service.ts';
import { renderResponseMap } from '../../src/services/map-service.ts';
import { categorize, setParticipation } from '../../src/services/participation-service.ts';
import { saveAnswers } from '../../src/services/questionnaire-service.ts';
import { loadRoundOverview } from '../../src/services/round-overview-service.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { openRound, seedAccounts } from '../support/factories.ts';

let database: TestDatabase;
let coordinator: StaffUser;
/** The advisor of Groningen (PV20), where 0014 lies and Amsterdam does not. */
let advisor: StaffUser;
let municipality: StaffUser;

beforeAll(async () => {
  database = await createTestDatabase();
  const cast = await seedAccounts(database.db);
  coordinator = cast.coordinator;
  advisor = cast.otherAdvisor;
  municipality = cast.municipality;
  await openRound(database.db, coordinator, 'r', 'Meting');
});
afterAll(async () => {
  await database.dispose();
});

describe('categorize', () => {
  it.each([
    [undefined, { a: 'submitted', b: 'submitted' }, 'submitted'],
    [undefined, { a: 'submitted', b: 'not-started' }, 'in-progress'],
    [undefined, { a: 'not-started', b: 'not-started' }, 'not-started'],
    [{ status: 'later', reason: 'geen-tijd', reasonText: null }, { a: 'in-progress' }, 'later'],
    [{ status: 'declined', reason: 'anders', reasonText: 'x' }, { a: 'submitted' }, 'declined'],
  ] as const)('%o with %o is %s', (participation, statuses, expected) => {
    expect(categorize(participation, statuses)).toBe(expected);
  });
  it.each([
    [undefined, { a: 'not-started', b: 'not-started' }, 'unused', 'invited'],
    [undefined, { a: 'not-started', b: 'not-started' }, 'used', 'not-started'],
    [undefined, { a: 'not-started', b: 'not-started' }, 'none', 'not-invited'],
    [undefined, { a: 'in-progress', b: 'not-started' }, 'none', 'in-progress'],
    [undefined, { a: 'submitted', b: 'submitted' }, 'unused', 'submitted'],
    [
      { status: 'later', reason: 'geen-tijd', reasonText: null },
      { a: 'not-started' },
      'none',
      'later',
    ],
  ] as const)(
    '%o with %o and invitation %s is %s',
    (participation, statuses, invitation, expected) => {
      expect(categorize(participation, statuses, invitation)).toBe(expected);
    },
  );
});

describe('participation', () => {
  it('validates the reason in Dutch', async () => {
    expect(
      await setParticipation(database.db, coordinator, {
        roundId: 'r',
        municipalityCode: '0014',
        form: { status: 'declined' },
      }),
    ).toEqual({
      ok: false,
      issues: [{ field: 'reason', message: 'Kies een reden.' }],
    });
    expect(
      await setParticipation(database.db, coordinator, {
        roundId: 'r',
        municipalityCode: '0014',
        form: { status: 'declined', reason: 'anders' },
      }),
    ).toEqual({
      ok: false,
      issues: [{ field: 'reasonText', message: "Beschrijf de reden bij 'anders'." }],
    });
  });

  it('is set by the coordinator or the advisor of the province, not by others', async () => {
    await expect(
      setParticipation(database.db, advisor, {
        roundId: 'r',
        municipalityCode: '0363',
        form: { status: 'later', reason: 'geen-tijd' },
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(
      await setParticipation(database.db, advisor, {
        roundId: 'r',
        municipalityCode: '0014',
        form: { status: 'later', reason: 'personeelstekort' },
      }),
    ).toEqual({ ok: true });
    expect(
      await setParticipation(database.db, coordinator, {
        roundId: 'r',
        municipalityCode: '0003',
        form: { status: 'declined', reason: 'anders', reasonText: 'Eigen onderzoek dit jaar' },
      }),
    ).toEqual({ ok: true });
    await expect(
      setParticipation(database.db, municipality, {
        roundId: 'r',
        municipalityCode: '0363',
        form: { status: 'declined', reason: 'geen-tijd' },
      }),
    ).rejects.toThrow('Alleen de coördinator of de adviseur');
  });

  it('counts the response per category with reasons, as in figure 1', async () => {
    await saveAnswers(
      database.db,
      municipality,
      { roundId: 'r', municipalityCode: '0363', questionnaire: 'mantelzorg' },
      [{ question: 17, value: '2', note: '', baseRevision: 0 }],
    );
    const overview = await loadRoundOverview(database.db, coordinator, 'r');
    expect(overview.total).toBe(441);
    // A round without invitations counts every municipality: none is 'not invited'.
    expect(overview.categories).toEqual({
      submitted: 0,
      'in-progress': 1,
      'not-started': 438,
      invited: 0,
      later: 1,
      declined: 1,
      'not-invited': 0,
    });
    expect(overview.responseBase).toBe(441);
    expect(overview.reasons).toEqual({ personeelstekort: 1, anders: 1 });
    const advisorView = await loadRoundOverview(database.db, advisor, 'r');
    expect(advisorView.total).toBe(25); // the municipalities of Groningen
    expect(advisorView.categories.later).toBe(1);
  });

  it('records changes in the audit trail and clears with "doet mee"', async () => {
    await setParticipation(database.db, coordinator, {
      roundId: 'r',
      municipalityCode: '0014',
      form: { status: 'takes-part' },
    });
    const events = await listAuditEvents(database.db, 'r', '0014');
    expect(events.map((e) => [e.actorLabel, e.oldValue, e.newValue])).toEqual([
      [
        'Cora Coördinator',
        { status: 'later', reason: 'personeelstekort', reasonText: null },
        { status: 'takes-part' },
      ],
      [
        'Gert Adviseur',
        { status: 'takes-part' },
        { status: 'later', reason: 'personeelstekort', reasonText: null },
      ],
    ]);
  });

  it('draws the map as SVG with the municipalities in their colours', () => {
    const svg = renderResponseMap([
      { code: '0363', category: 'submitted' },
      { code: '0014', category: 'declined' },
    ]);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('fill="#1b5e20"');
    expect(svg).toContain('fill="#6a1b9a"');
    expect(svg).not.toContain('style=');
  });

  it('makes each municipality on the map a link with a tooltip, without styles or metadata', () => {
    const svg = renderResponseMap(
      [
        { code: '0363', category: 'submitted', title: 'Amsterdam: ingediend' },
        { code: '0014', category: 'invited', title: 'Groningen & co' },
      ],
      { href: (code) => `/metingen/r/gemeenten/${code}` },
    );
    // Found by its colour: the area of the first row links to the first row's page.
    expect(svg).toMatch(
      /<a href="\/metingen\/r\/gemeenten\/0363" tabindex="-1"><path d="[^"]+" fill="#1b5e20"[^>]*><title>Amsterdam: ingediend<\/title><\/path><\/a>/,
    );
    expect(svg).toMatch(
      /<a href="\/metingen\/r\/gemeenten\/0014" tabindex="-1"><path [^>]*fill="#4292c6"[^>]*><title>Groningen &amp; co<\/title>/,
    );
    // Municipalities without a row get no link.
    expect(svg.match(/<a /g)).toHaveLength(2);
    expect(svg.match(/<path /g)?.length).toBeGreaterThan(400);
    expect(svg).not.toContain('<style');
    expect(svg).not.toContain('ecmeta_');
    expect(svg).not.toContain('class=');
  });
});
