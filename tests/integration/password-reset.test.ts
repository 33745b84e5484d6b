import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn } from '../../src/services/auth-service.ts';
import { createMailer } from '../../src/services/mail-service.ts';
import {
  CAST_EMAILS,
  readOutbox,
  seedAccounts,
  TEST_LINKS,
  TEST_PASSWORD,
} from '../support/factories.ts';
import {
  isResetTokenValid,
  requestPasswordReset,
  resetPassword,
} from '../../src/services/password-reset-service.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let database: TestDatabase;
const mailer = createMailer();
const tokenOf = (body: string) => /wachtwoord-herstellen\/([\w-]+)/.exec(body)?.[1] ?? '';

beforeAll(async () => {
  database = await createTestDatabase();
  await seedAccounts(database.db);
});
afterAll(async () => {
  await database.dispose();
});

describe('password reset', () => {
  it('answers the same for unknown addresses and sends nothing', async () => {
    expect(
      await requestPasswordReset(database.db, mailer, {
        email: 'nobody@example.nl',
        links: TEST_LINKS,
      }),
    ).toEqual({ ok: true });
    expect(await readOutbox(database.db)).toEqual([]);
    expect(
      await requestPasswordReset(database.db, mailer, {
        email: 'geen adres',
        links: TEST_LINKS,
      }),
    ).toEqual({
      ok: false,
      message: 'Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl.',
    });
  });

  it('expires after an hour and limits requests to three per hour', async () => {
    await requestPasswordReset(database.db, mailer, {
      email: CAST_EMAILS.analyst,
      links: TEST_LINKS,
    });
    const token = tokenOf((await readOutbox(database.db))[0]?.body ?? '');
    expect(await isResetTokenValid(database.db, token)).toBe(true);
    expect(await isResetTokenValid(database.db, token, new Date(Date.now() + 61 * 60_000))).toBe(
      false,
    );
    await requestPasswordReset(database.db, mailer, {
      email: CAST_EMAILS.analyst,
      links: TEST_LINKS,
    });
    await requestPasswordReset(database.db, mailer, {
      email: CAST_EMAILS.analyst,
      links: TEST_LINKS,
    });
    await requestPasswordReset(database.db, mailer, {
      email: CAST_EMAILS.analyst,
      links: TEST_LINKS,
    });
    expect(await readOutbox(database.db)).toHaveLength(3);
  });

  it('sets the new password once', async () => {
    const token = tokenOf((await readOutbox(database.db))[0]?.body ?? '');
    expect(
      await resetPassword(database.db, token, { password: 'kort', confirmation: 'kort' }),
    ).toEqual({
      ok: false,
      issues: [{ field: 'password', message: 'Kies een wachtwoord van minstens 12 tekens.' }],
    });
    expect(
      await resetPassword(database.db, token, {
        password: 'het nieuwe wachtwoord',
        confirmation: 'het nieuwe wachtwoord',
      }),
    ).toEqual({ ok: true });
    expect(
      (
        await logIn(database.db, {
          email: CAST_EMAILS.analyst,
          password: 'het nieuwe wachtwoord',
          clientAddress: '1',
        })
      ).ok,
    ).toBe(true);
    expect(
      (
        await logIn(database.db, {
          email: CAST_EMAILS.analyst,
          password: TEST_PASSWORD,
          clientAddress: '1',
        })
      ).ok,
    ).toBe(false);
    expect(
      (
        await resetPassword(database.db, token, {
          password: 'nog een wachtwoord',
          confirmation: 'nog een wachtwoord',
        })
      ).ok,
    ).toBe(false);
  });
});
