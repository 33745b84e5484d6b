/**
 * Choosing municipalities to invite (by name, by province, all not yet invited), with their
 * known addresses; inviting them all or nothing, idempotently; and reminders that skip an
 * address reminded in the last day and municipalities that declined.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitations } from '../../src/db/schema.ts';
import { ForbiddenError } from '../../src/services/errors.ts';
import {
  CandidateSelectionSchema,
  inviteMunicipalities,
  prepareInvitations,
  previewReminders,
  sendReminders,
} from '../../src/services/invitation-service.ts';
import { createMailer } from '../../src/services/mail-service.ts';
import { setParticipation } from '../../src/services/participation-service.ts';
import { loadRoundOverview } from '../../src/services/round-overview-service.ts';
import { createRound } from '../../src/services/round-service.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import {
  openRound,
  readOutbox,
  seedAccounts,
  TEST_LINKS,
  type Cast,
} from '../support/factories.ts';

let database: TestDatabase;
let cast: Cast;
const mailer = createMailer();

beforeAll(async () => {
  database = await createTestDatabase();
  cast = await seedAccounts(database.db);
  await openRound(database.db, cast.coordinator, 'r', 'Meting 2026');
});
afterAll(async () => {
  await database.dispose();
});

const select = (selection: Partial<{ names: string; provinceCode: string; notInvited: boolean }>) =>
  CandidateSelectionSchema.parse({
    names: '',
    provinceCode: null,
    notInvited: false,
    ...selection,
  });

const invite = (contacts: string | { municipalityCode: string; email: string }[]) =>
  inviteMunicipalities(database.db, mailer, cast.coordinator, {
    roundId: 'r',
    contacts,
    links: TEST_LINKS,
  });

describe('choosing municipalities', () => {
  it('only the coordinator prepares invitations', async () => {
    await expect(
      prepareInvitations(database.db, cast.advisor, 'r', select({ names: 'Amsterdam' })),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('finds them by name or code, by province and as all not yet invited, with known addresses', async () => {
    const byName = await prepareInvitations(
      database.db,
      cast.coordinator,
      'r',
      select({ names: 'amsterdam, skarsterlan, GM0014, Atlantis' }),
    );
    expect(byName.candidates.map((c) => [c.name, c.knownEmail, c.state.kind])).toEqual([
      // Amsterdam and Groningen have accounts: their addresses are known.
      ['Amsterdam', 'beleid@amsterdam.nl', 'none'],
      ['Groningen', 'beleid@groningen.nl', 'none'],
      ['Skarsterlân', null, 'none'],
    ]);
    expect(byName.problems).toEqual([
      "'Atlantis' is geen gemeente in het register van deze meting.",
    ]);
    expect(byName.notInvited).toBe(441);

    const flevoland = await prepareInvitations(
      database.db,
      cast.coordinator,
      'r',
      select({ provinceCode: 'PV24' }),
    );
    expect(flevoland.candidates.map((c) => c.name)).toEqual([
      'Almere',
      'Dronten',
      'Lelystad',
      'Noordoostpolder',
      'Urk',
      'Zeewolde',
    ]);
    const all = await prepareInvitations(
      database.db,
      cast.coordinator,
      'r',
      select({ notInvited: true }),
    );
    expect(all.candidates).toHaveLength(441);
    // Bad values in the address choose nothing instead of failing.
    expect(
      CandidateSelectionSchema.parse({ names: 3, provinceCode: 'x', notInvited: 'ja' }),
    ).toEqual({ names: '', provinceCode: null, notInvited: false });
  });
});

describe('inviting chosen municipalities', () => {
  it('refuses the whole list when one address is missing or wrong, naming each municipality', async () => {
    const result = await invite([
      { municipalityCode: '0034', email: 'wmo@almere.nl' },
      { municipalityCode: '0995', email: '' },
      { municipalityCode: '0303', email: 'geen adres' },
      { municipalityCode: '9999', email: 'x@example.nl' },
    ]);
    expect(result).toEqual({
      ok: false,
      errors: [
        { line: 2, municipalityCode: '0995', message: 'Lelystad: vul het e-mailadres in.' },
        {
          line: 3,
          municipalityCode: '0303',
          message: "Dronten: 'geen adres' is geen geldig e-mailadres.",
        },
        { line: 4, message: "Gemeentecode '9999' staat niet in het register van deze meting." },
      ],
    });
    expect(await readOutbox(database.db)).toEqual([]);
    expect(
      await inviteMunicipalities(database.db, mailer, cast.coordinator, {
        roundId: 'r',
        contacts: [],
        links: TEST_LINKS,
      }),
    ).toEqual({
      ok: false,
      errors: [{ line: 1, message: 'Kies minstens één gemeente om uit te nodigen.' }],
    });
  });

  it('refuses an address that belongs to another account', async () => {
    const result = await invite([{ municipalityCode: '0034', email: 'beleid@groningen.nl' }]);
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          line: 1,
          municipalityCode: '0034',
          message:
            'Almere: beleid@groningen.nl hoort al bij een ander account; kies een ander adres.',
        },
      ],
    });
  });

  it('invites a province; the same invitation again is skipped and said so', async () => {
    const flevoland = await prepareInvitations(
      database.db,
      cast.coordinator,
      'r',
      select({ provinceCode: 'PV24' }),
    );
    const choices = flevoland.candidates.map((c) => ({
      municipalityCode: c.code,
      email: `wmo@gm${c.code}.example.nl`,
    }));
    const first = await invite(choices);
    expect(first).toMatchObject({ ok: true, sent: 6, skipped: [] });
    expect(await readOutbox(database.db)).toHaveLength(6);

    // A refresh, a second click or back-and-resubmit: nothing is sent twice.
    const again = await invite([
      ...choices.slice(0, 2),
      { municipalityCode: '0050', email: 'nieuw@zeewolde.nl' },
    ]);
    expect(again).toMatchObject({
      ok: true,
      sent: 1,
      invited: [{ municipality: 'Zeewolde', email: 'nieuw@zeewolde.nl' }],
      skipped: [
        {
          municipality: 'Almere',
          reason: 'valid',
          message: 'Almere had al een geldige uitnodiging voor dit adres (wmo@gm0034.example.nl).',
        },
        { municipality: 'Dronten', reason: 'valid' },
      ],
    });
    expect(await readOutbox(database.db)).toHaveLength(7);
  });

  it('sends nothing twice when the same list is posted twice at once', async () => {
    const list = 'GM0171;wmo@noordoostpolder.example.nl\nGM0184;wmo@urk.example.nl';
    const [a, b] = await Promise.all([invite(list), invite(list)]);
    const sent = [a, b].map((r) => (r.ok ? r.sent : -1)).sort();
    expect(sent).toEqual([0, 2]);
    expect(
      (await readOutbox(database.db)).filter(
        (m) => m.to.endsWith('.example.nl') && /noordoostpolder|urk/.test(m.to),
      ),
    ).toHaveLength(2);
  });

  it('invites again when the earlier invitation expired', async () => {
    await database.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.email, 'wmo@gm0995.example.nl'));
    const result = await invite('GM0995;wmo@gm0995.example.nl');
    expect(result).toMatchObject({ ok: true, sent: 1, skipped: [] });
    const lelystad = await prepareInvitations(
      database.db,
      cast.coordinator,
      'r',
      select({ names: 'Lelystad' }),
    );
    expect(lelystad.candidates[0]?.state.kind).toBe('valid');
  });

  it("tells an address with the municipality's account to log in, and counts it as accepted", async () => {
    const result = await invite('GM0363;beleid@amsterdam.nl');
    expect(result).toMatchObject({ ok: true, sent: 1 });
    const mail = (await readOutbox(database.db)).find((m) => m.to === 'beleid@amsterdam.nl');
    expect(mail?.body).toContain('U heeft al een account');
    expect(mail?.body).toContain('https://bfm.example/metingen/r/gemeenten/0363');
    const again = await invite('GM0363;beleid@amsterdam.nl');
    expect(again).toMatchObject({ ok: true, sent: 0, skipped: [{ reason: 'used' }] });
    const overview = await loadRoundOverview(database.db, cast.coordinator, 'r');
    const amsterdam = overview.rows.find((row) => row.municipality.code === '0363');
    expect(amsterdam).toMatchObject({ invitation: 'used', category: 'not-started' });
  });

  it('offers all not yet invited municipalities without those already invited', async () => {
    const rest = await prepareInvitations(
      database.db,
      cast.coordinator,
      'r',
      select({ notInvited: true, provinceCode: 'PV24' }),
    );
    expect(rest.notInvited).toBe(441 - 7);
    // The province brings its invited municipalities along, with how they stand.
    const almere = rest.candidates.find((c) => c.name === 'Almere');
    expect(almere?.state).toMatchObject({ kind: 'valid', email: 'wmo@gm0034.example.nl' });
    expect(almere?.knownEmail).toBe('wmo@gm0034.example.nl');
    expect(rest.candidates).toHaveLength(441 - 7 + 6);
  });

  it('refuses invitations for a synthetic round', async () => {
    await createRound(database.db, { id: 'demo', name: 'Demo', synthetic: true });
    await expect(
      inviteMunicipalities(database.db, mailer, cast.coordinator, {
        roundId: 'demo',
        contacts: 'GM0363;x@example.nl',
        links: TEST_LINKS,
      }),
    ).rejects.toThrow('synthetische demonstratiemeting');
  });
});

describe('reminders', () => {
  it('previews and sends one per address, skipping declined municipalities', async () => {
    await setParticipation(database.db, cast.coordinator, {
      roundId: 'r',
      municipalityCode: '0184',
      form: { status: 'declined', reason: 'geen-tijd' },
    });
    const preview = await previewReminders(database.db, cast.coordinator, 'r');
    // Flevoland's ten addresses but Urk's two (Urk declined): six municipalities with
    // Amsterdam, two of them with a second address.
    expect(preview).toEqual({
      sent: 8,
      municipalities: 6,
      skipped: 0,
      round: { id: 'r', name: 'Meting 2026' },
    });
    const before = (await readOutbox(database.db)).length;
    const sent = await sendReminders(database.db, mailer, cast.coordinator, {
      roundId: 'r',
      links: TEST_LINKS,
    });
    expect(sent).toEqual({ sent: 8, municipalities: 6, skipped: 0 });
    expect((await readOutbox(database.db)).length).toBe(before + 8);
  });

  it('does not remind the same address again within a day', async () => {
    const before = (await readOutbox(database.db)).length;
    expect(
      await sendReminders(database.db, mailer, cast.coordinator, {
        roundId: 'r',
        links: TEST_LINKS,
      }),
    ).toEqual({ sent: 0, municipalities: 0, skipped: 8 });
    expect((await readOutbox(database.db)).length).toBe(before);
    await expect(
      sendReminders(database.db, mailer, cast.advisor, { roundId: 'r', links: TEST_LINKS }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});
