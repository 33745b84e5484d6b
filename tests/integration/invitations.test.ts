import { eq } from 'drizzle-orm';
import { loginAttempts } from '../../src/db/schema.ts';
import { createLinks } from '../../src/web/links.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError } from '../../src/services/errors.ts';
import { readSession, type StaffUser } from '../../src/services/auth-service.ts';
import {
  acceptInvitation,
  inviteMunicipalities,
  parseContactList,
  readInvitation,
  sendReminders,
} from '../../src/services/invitation-service.ts';
import { createMailer } from '../../src/services/mail-service.ts';
import { openRound, readOutbox, seedAccounts, TEST_PASSWORD } from '../support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let database: TestDatabase;
let coordinator: StaffUser;
let advisor: StaffUser;
const mailer = createMailer();
const BASE = 'https://monitor.example.nl';

beforeAll(async () => {
  database = await createTestDatabase();
  // No municipality accounts: the invitations create them, at the cast's addresses.
  ({ coordinator, advisor } = await seedAccounts(database.db, ['coordinator', 'advisor']));
  await openRound(database.db, coordinator, 'r2026');
});
afterAll(async () => {
  await database.dispose();
});

const tokenFrom = (body: string) => /\/uitnodiging\/([\w-]+)/.exec(body)?.[1] ?? '';

describe('parseContactList', () => {
  const known = new Set(['0363', '0014']);
  it('reads code and e-mail per line, with ; , or tab', () => {
    expect(
      parseContactList(
        'GM0363;Beleid@Amsterdam.nl\n\n14,beleid@groningen.nl\n0363\tander@amsterdam.nl',
        known,
      ),
    ).toEqual({
      contacts: [
        { line: 1, municipalityCode: '0363', email: 'beleid@amsterdam.nl' },
        { line: 3, municipalityCode: '0014', email: 'beleid@groningen.nl' },
        { line: 4, municipalityCode: '0363', email: 'ander@amsterdam.nl' },
      ],
      errors: [],
    });
  });
  it('reports every bad line in Dutch', () => {
    expect(
      parseContactList(
        'GM9999;x@example.nl\nGM0363;geen-adres\nGM0363\nGM0014;a@b.nl\nGM0014;a@b.nl',
        known,
      ).errors,
    ).toEqual([
      {
        line: 1,
        message: "regel 1: gemeentecode 'GM9999' staat niet in het register van deze meting.",
      },
      { line: 2, message: "regel 2: 'geen-adres' is geen geldig e-mailadres." },
      {
        line: 3,
        message:
          'regel 3: schrijf de gemeentecode en het e-mailadres, gescheiden door een puntkomma (bijvoorbeeld GM0363;beleid@amsterdam.nl).',
      },
      { line: 5, message: 'regel 5: dezelfde uitnodiging staat ook op regel 4.' },
    ]);
    expect(parseContactList('  \n', known).errors[0]?.message).toBe(
      'Vul minstens één gemeente met e-mailadres in.',
    );
  });
});

describe('invitations', () => {
  it('only the coordinator invites; a bad list sends nothing', async () => {
    await expect(
      inviteMunicipalities(database.db, mailer, advisor, {
        roundId: 'r2026',
        contacts: 'GM0363;x@example.nl',
        links: createLinks(BASE),
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const result = await inviteMunicipalities(database.db, mailer, coordinator, {
      roundId: 'r2026',
      contacts: 'GM0363;x@example.nl\nGM9999;y@example.nl',
      links: createLinks(BASE),
    });
    expect(result.ok).toBe(false);
    expect(await readOutbox(database.db)).toEqual([]);
  });

  it('sends a personal link that creates the account once, and logs it in', async () => {
    const result = await inviteMunicipalities(database.db, mailer, coordinator, {
      roundId: 'r2026',
      contacts: 'GM0363;beleid@amsterdam.nl\nGM0014;beleid@groningen.nl',
      links: createLinks(BASE),
    });
    expect(result).toMatchObject({ ok: true, sent: 2, skipped: [] });
    const outbox = await readOutbox(database.db);
    const mail = outbox.find((m) => m.to === 'beleid@amsterdam.nl');
    expect(mail?.subject).toBe('Uitnodiging: Meting 2026 – Amsterdam');
    const token = tokenFrom(mail?.body ?? '');
    expect(mail?.body).toContain(`${BASE}/uitnodiging/${token}`);
    expect(await readInvitation(database.db, token)).toMatchObject({
      ok: true,
      email: 'beleid@amsterdam.nl',
      municipality: 'Amsterdam',
    });

    const mismatch = await acceptInvitation(database.db, token, {
      name: 'Anna',
      password: TEST_PASSWORD,
      confirmation: 'iets anders',
      clientAddress: '127.0.0.1',
    });
    expect(mismatch).toEqual({
      ok: false,
      issues: [{ field: 'confirmation', message: 'De twee wachtwoorden zijn niet gelijk.' }],
    });

    // A weak password is refused in Dutch and leaves the link usable.
    const weak = await acceptInvitation(database.db, token, {
      name: 'Anna',
      password: 'amsterdam2026',
      confirmation: 'amsterdam2026',
      clientAddress: '127.0.0.1',
    });
    expect(weak).toEqual({
      ok: false,
      issues: [{ field: 'password', message: expect.stringMatching(/^Kies een sterker/) }],
    });
    expect(await readInvitation(database.db, token)).toMatchObject({ ok: true });

    // The new account is logged in even when its address has met the login limit.
    await database.db
      .insert(loginAttempts)
      .values({ key: 'address:127.0.0.1', failures: 1_000, windowStart: new Date() });
    const accepted = await acceptInvitation(database.db, token, {
      name: 'Anna',
      password: TEST_PASSWORD,
      confirmation: TEST_PASSWORD,
      clientAddress: '127.0.0.1',
    });
    await database.db.delete(loginAttempts).where(eq(loginAttempts.key, 'address:127.0.0.1'));
    expect(accepted.ok).toBe(true);
    if (!accepted.ok) return;
    const session = await readSession(database.db, accepted.login.token);
    expect(session?.user).toMatchObject({
      role: 'municipality',
      municipalityCode: '0363',
      name: 'Anna',
    });
    expect(await readInvitation(database.db, token)).toEqual({ ok: false, reason: 'used' });
    const again = await acceptInvitation(database.db, token, {
      name: 'Anna',
      password: TEST_PASSWORD,
      confirmation: TEST_PASSWORD,
      clientAddress: '127.0.0.1',
    });
    expect(again.ok).toBe(false);
  });

  it('refuses unknown and expired links', async () => {
    expect(await readInvitation(database.db, 'verzonnen')).toEqual({
      ok: false,
      reason: 'unknown',
    });
    const groningen = (await readOutbox(database.db)).find((m) => m.to === 'beleid@groningen.nl');
    const token = tokenFrom(groningen?.body ?? '');
    expect(
      await readInvitation(database.db, token, new Date(Date.now() + 15 * 86_400_000)),
    ).toEqual({ ok: false, reason: 'expired' });
  });

  it('reminds municipalities that have not finished; an unused invitation gets a fresh link', async () => {
    const before = (await readOutbox(database.db)).find((m) => m.to === 'beleid@groningen.nl');
    const oldToken = tokenFrom(before?.body ?? '');
    const sent = await sendReminders(database.db, mailer, coordinator, {
      roundId: 'r2026',
      links: createLinks(BASE),
    });
    expect(sent).toEqual({ sent: 2, municipalities: 2, skipped: 0 });
    const reminders = (await readOutbox(database.db)).filter((m) =>
      m.subject.startsWith('Herinnering'),
    );
    expect(reminders.map((m) => m.to).sort()).toEqual([
      'beleid@amsterdam.nl',
      'beleid@groningen.nl',
    ]);
    const amsterdam = reminders.find((m) => m.to === 'beleid@amsterdam.nl');
    expect(amsterdam?.body).toContain(`${BASE}/metingen/r2026/gemeenten/0363`);
    const newToken = tokenFrom(reminders.find((m) => m.to === 'beleid@groningen.nl')?.body ?? '');
    expect(newToken).not.toBe(oldToken);
    expect(await readInvitation(database.db, oldToken)).toEqual({ ok: false, reason: 'unknown' });
    expect((await readInvitation(database.db, newToken)).ok).toBe(true);
  });
});
