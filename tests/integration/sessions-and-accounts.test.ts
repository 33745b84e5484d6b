/**
 * Logging in, sessions and accounts (issue 8): the login limiter per account and address,
 * the idle timeout, disabling an account, the password strength check and forms kept after a
 * session ended.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAttempts, pendingForms, sessions } from '../../src/db/schema.ts';
import {
  changeAccountAccess,
  changeAccountAccessByEmail,
  listAccountEvents,
} from '../../src/services/account-service.ts';
import { authenticateApiToken, issueApiToken } from '../../src/services/api-token-service.ts';
import {
  createUser,
  findRecentlyEndedSession,
  logIn,
  readSession,
  SESSION_IDLE_MINUTES,
  type StaffUser,
} from '../../src/services/auth-service.ts';
import { ForbiddenError, NotFoundError, UserInputError } from '../../src/services/errors.ts';
import {
  ACCOUNT_MAX_FAILURES,
  ADDRESS_MAX_FAILURES,
  PAIR_FREE_FAILURES,
  pruneLoginCounters,
} from '../../src/services/login-limiter.ts';
import { createMailer } from '../../src/services/mail-service.ts';
import { requestPasswordReset, resetPassword } from '../../src/services/password-reset-service.ts';
import {
  keepPendingForm,
  MAX_CHARACTERS_PER_ACCOUNT,
  takePendingForm,
} from '../../src/services/pending-form-service.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import {
  createStaff,
  readOutbox,
  seedAccounts,
  TEST_LINKS,
  TEST_PASSWORD,
  type Cast,
} from '../support/factories.ts';

let database: TestDatabase;
let cast: Cast;
const WRONG = 'niet het goede wachtwoord';

beforeAll(async () => {
  database = await createTestDatabase();
  cast = await seedAccounts(database.db);
});
afterAll(async () => {
  await database.dispose();
});

async function counter(key: string) {
  const [row] = await database.db.select().from(loginAttempts).where(eq(loginAttempts.key, key));
  return row;
}

/** A fresh account per test, so the limits of one test never touch another. */
async function freshAccount(name: string): Promise<StaffUser> {
  return createStaff(database.db, { role: 'analyst', name, email: `${name}@example.nl` });
}

describe('the login limiter', () => {
  it('evaluates exactly five of a concurrent burst of twenty wrong passwords', async () => {
    const user = await freshAccount('burst');
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        logIn(database.db, { email: user.email, password: WRONG, clientAddress: '10.1.0.1' }, now),
      ),
    );
    expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(PAIR_FREE_FAILURES);
    expect(results.filter((r) => !r.ok && r.reason === 'rate-limited')).toHaveLength(
      20 - PAIR_FREE_FAILURES,
    );
    // Counted exactly: five failures of the pair, of the address and of the account.
    expect((await counter(`pair:${user.email}|10.1.0.1`))?.failures).toBe(5);
    expect((await counter('address:10.1.0.1'))?.failures).toBe(5);
    expect((await counter(`account:${user.email}`))?.failures).toBe(5);
  });

  it('does not lock the real user out from their own address when an attacker fails from another', async () => {
    const user = await freshAccount('colleague');
    const now = new Date();
    for (let i = 0; i < 8; i += 1)
      await logIn(
        database.db,
        { email: user.email, password: WRONG, clientAddress: '203.0.113.66' },
        now,
      );
    const attacker = await logIn(
      database.db,
      { email: user.email, password: TEST_PASSWORD, clientAddress: '203.0.113.66' },
      now,
    );
    expect(attacker).toMatchObject({ ok: false, reason: 'rate-limited' });
    const real = await logIn(
      database.db,
      { email: user.email, password: TEST_PASSWORD, clientAddress: '192.0.2.10' },
      now,
    );
    expect(real.ok).toBe(true);
  });

  it('makes the delays grow after five failures, up to fifteen minutes', async () => {
    const user = await freshAccount('delays');
    const start = Date.now();
    let at = start;
    const attempt = (password = WRONG) =>
      logIn(database.db, { email: user.email, password, clientAddress: '10.2.0.1' }, new Date(at));
    for (let i = 0; i < PAIR_FREE_FAILURES; i += 1) {
      expect(await attempt()).toEqual({ ok: false, reason: 'invalid' });
      at += 1_000;
    }
    const waits: number[] = [];
    for (let round = 0; round < 6; round += 1) {
      const refused = await attempt();
      if (refused.ok || refused.reason !== 'rate-limited') throw new Error('expected a refusal');
      waits.push(refused.retryAfterSeconds);
      at += refused.retryAfterSeconds * 1000;
      expect(await attempt()).toEqual({ ok: false, reason: 'invalid' });
    }
    // About 1, 2, 4, 8 and then 15 minutes (the first less the second already waited).
    expect(waits.map((s) => Math.round(s / 60))).toEqual([1, 2, 4, 8, 15, 15]);
  });

  it('resets the pair after a success', async () => {
    const user = await freshAccount('reset');
    const now = new Date();
    const attempt = (password: string, at = now) =>
      logIn(database.db, { email: user.email, password, clientAddress: '10.3.0.1' }, at);
    for (let i = 0; i < PAIR_FREE_FAILURES - 1; i += 1) await attempt(WRONG);
    expect((await attempt(TEST_PASSWORD)).ok).toBe(true);
    expect((await counter(`pair:${user.email}|10.3.0.1`))?.failures).toBe(0);
    // Five fresh failures are allowed again before any delay.
    for (let i = 0; i < PAIR_FREE_FAILURES; i += 1)
      expect(await attempt(WRONG)).toEqual({ ok: false, reason: 'invalid' });
    expect(await attempt(WRONG)).toMatchObject({ reason: 'rate-limited' });
    // The success took its attempt back from the address and account counters.
    expect((await counter('address:10.3.0.1'))?.failures).toBe(PAIR_FREE_FAILURES * 2 - 1);
  });

  it('limits one address spraying across accounts, but not an address the account knows', async () => {
    const known = await freshAccount('known');
    const now = new Date();
    expect(
      (
        await logIn(
          database.db,
          { email: known.email, password: TEST_PASSWORD, clientAddress: '10.4.0.1' },
          now,
        )
      ).ok,
    ).toBe(true);
    await database.db
      .update(loginAttempts)
      .set({ failures: ADDRESS_MAX_FAILURES, windowStart: now })
      .where(eq(loginAttempts.key, 'address:10.4.0.1'));
    const sprayed = await logIn(
      database.db,
      { email: 'someone.else@example.nl', password: WRONG, clientAddress: '10.4.0.1' },
      now,
    );
    expect(sprayed).toMatchObject({ ok: false, reason: 'rate-limited' });
    const own = await logIn(
      database.db,
      { email: known.email, password: TEST_PASSWORD, clientAddress: '10.4.0.1' },
      now,
    );
    expect(own.ok).toBe(true);
  });

  it('puts a ceiling on one account across addresses, except from an address it knows', async () => {
    const user = await freshAccount('ceiling');
    const now = new Date();
    await logIn(
      database.db,
      { email: user.email, password: TEST_PASSWORD, clientAddress: '10.5.0.1' },
      now,
    );
    await database.db
      .update(loginAttempts)
      .set({ failures: ACCOUNT_MAX_FAILURES, windowStart: now })
      .where(eq(loginAttempts.key, `account:${user.email}`));
    expect(
      await logIn(
        database.db,
        { email: user.email, password: TEST_PASSWORD, clientAddress: '198.51.100.7' },
        now,
      ),
    ).toMatchObject({ ok: false, reason: 'rate-limited' });
    expect(
      (
        await logIn(
          database.db,
          { email: user.email, password: TEST_PASSWORD, clientAddress: '10.5.0.1' },
          now,
        )
      ).ok,
    ).toBe(true);
  });

  it('keeps one row per key, however many attempts', async () => {
    const before = await database.db.$count(loginAttempts);
    const now = new Date();
    for (let i = 0; i < 4; i += 1)
      await logIn(
        database.db,
        { email: 'nobody@example.nl', password: WRONG, clientAddress: '10.6.0.1' },
        now,
      );
    // pair, address and account: three keys.
    expect((await database.db.$count(loginAttempts)) - before).toBe(3);
    // A day later, with no failure since, they are pruned.
    await pruneLoginCounters(database.db, new Date(now.getTime() + 25 * 3_600_000));
    expect(await counter('address:10.6.0.1')).toBeUndefined();
    expect(await counter('pair:nobody@example.nl|10.6.0.1')).toBeUndefined();
  });
});

describe('sessions', () => {
  it('end after two hours unused, besides their absolute lifetime', async () => {
    const user = await freshAccount('idle');
    const start = new Date();
    const login = await logIn(
      database.db,
      { email: user.email, password: TEST_PASSWORD, clientAddress: '10.7.0.1' },
      start,
    );
    if (!login.ok) throw new Error('login failed');
    const minutes = (m: number) => new Date(start.getTime() + m * 60_000);
    // Used every 100 minutes, it stays alive past the idle timeout.
    expect(await readSession(database.db, login.token, minutes(100))).not.toBeNull();
    expect(await readSession(database.db, login.token, minutes(200))).not.toBeNull();
    // Unused for longer than the idle timeout, it has ended.
    expect(
      await readSession(database.db, login.token, minutes(200 + SESSION_IDLE_MINUTES + 1)),
    ).toBeNull();
  });

  it('write the last-seen time at most once a minute', async () => {
    const user = await freshAccount('touch');
    const start = new Date();
    const login = await logIn(
      database.db,
      { email: user.email, password: TEST_PASSWORD, clientAddress: '10.7.0.2' },
      start,
    );
    if (!login.ok) throw new Error('login failed');
    const lastSeen = async () =>
      (await database.db.select().from(sessions).where(eq(sessions.userId, user.id)))[0]
        ?.lastSeenAt;
    await readSession(database.db, login.token, new Date(start.getTime() + 30_000));
    expect(await lastSeen()).toEqual(start);
    const later = new Date(start.getTime() + 61_000);
    await readSession(database.db, login.token, later);
    expect(await lastSeen()).toEqual(later);
  });

  it('are recognised as recently ended for a day, and never when forged or live', async () => {
    const user = await freshAccount('ended');
    const start = new Date();
    const login = await logIn(
      database.db,
      { email: user.email, password: TEST_PASSWORD, clientAddress: '10.7.0.3' },
      start,
    );
    if (!login.ok) throw new Error('login failed');
    const hours = (h: number) => new Date(start.getTime() + h * 3_600_000);
    expect(await findRecentlyEndedSession(database.db, login.token, start)).toBeNull();
    expect(await findRecentlyEndedSession(database.db, login.token, hours(3))).toEqual({
      userId: user.id,
    });
    expect(await findRecentlyEndedSession(database.db, login.token, hours(30))).toBeNull();
    expect(await findRecentlyEndedSession(database.db, 'vervalst', hours(3))).toBeNull();
    expect(await findRecentlyEndedSession(database.db, undefined, hours(3))).toBeNull();
  });
});

describe('forms kept after a session ended', () => {
  it('keeps one form per account and page, and caps the total per account', async () => {
    const user = await freshAccount('kept');
    const form = (size: number) => ({ 'toelichting-1': ['x'.repeat(size)] });
    const first = await keepPendingForm(database.db, {
      userId: user.id,
      path: '/a',
      entries: form(10),
    });
    const again = await keepPendingForm(database.db, {
      userId: user.id,
      path: '/a',
      entries: form(20),
    });
    expect(first).not.toBeNull();
    expect(await database.db.$count(pendingForms, eq(pendingForms.userId, user.id))).toBe(1);
    // The earlier id for the page no longer works; the newest does, once, for this account only.
    expect(
      await takePendingForm(database.db, { id: first ?? '', userId: user.id, path: '/a' }),
    ).toBeNull();
    expect(
      await takePendingForm(database.db, { id: again ?? '', userId: cast.analyst.id, path: '/a' }),
    ).toBeNull();
    expect(
      await takePendingForm(database.db, { id: again ?? '', userId: user.id, path: '/a' }),
    ).toEqual(form(20));

    const big = Math.floor(MAX_CHARACTERS_PER_ACCOUNT / 4);
    for (let page = 0; page < 8; page += 1)
      await keepPendingForm(database.db, {
        userId: user.id,
        path: `/p${page}`,
        entries: form(big),
      });
    const [kept] = await database.db
      .select({ total: sql<number>`sum(${pendingForms.size})::int`, n: sql<number>`count(*)::int` })
      .from(pendingForms)
      .where(eq(pendingForms.userId, user.id));
    expect(kept?.total).toBeLessThanOrEqual(MAX_CHARACTERS_PER_ACCOUNT);
    expect(kept?.n).toBe(3);
  });

  it('refuses a form that is too large, and more than thirty an hour', async () => {
    const user = await freshAccount('often');
    expect(
      await keepPendingForm(database.db, {
        userId: user.id,
        path: '/a',
        entries: { a: ['x'.repeat(200_000)] },
      }),
    ).toBeNull();
    const now = new Date();
    const ids = [];
    for (let i = 0; i < 31; i += 1)
      ids.push(
        await keepPendingForm(database.db, { userId: user.id, path: '/a', entries: {} }, now),
      );
    expect(ids.slice(0, 30).every((id) => id !== null)).toBe(true);
    expect(ids[30]).toBeNull();
  });
});

describe('disabling an account', () => {
  it('ends its sessions, revokes its API tokens and refuses login, reset and API', async () => {
    const user = await freshAccount('disabled');
    const login = await logIn(database.db, {
      email: user.email,
      password: TEST_PASSWORD,
      clientAddress: '10.8.0.1',
    });
    if (!login.ok) throw new Error('login failed');
    const token = await issueApiToken(database.db, cast.coordinator, {
      name: 'script',
      email: user.email,
      days: 30,
    });
    if (!token.ok) throw new Error('expected a token');

    expect(
      await changeAccountAccess(database.db, cast.coordinator, {
        userId: user.id,
        disabled: true,
      }),
    ).toEqual({ account: user.email, changed: true });
    expect(await database.db.$count(sessions, eq(sessions.userId, user.id))).toBe(0);
    expect(await readSession(database.db, login.token)).toBeNull();
    expect(await authenticateApiToken(database.db, token.token)).toBeNull();
    // The same answer as a wrong password.
    expect(
      await logIn(database.db, {
        email: user.email,
        password: TEST_PASSWORD,
        clientAddress: '10.8.0.1',
      }),
    ).toEqual({ ok: false, reason: 'invalid' });
    const mailer = createMailer();
    const mails = (await readOutbox(database.db)).length;
    await requestPasswordReset(database.db, mailer, { email: user.email, links: TEST_LINKS });
    expect(await readOutbox(database.db)).toHaveLength(mails);

    const events = await listAccountEvents(database.db, cast.coordinator);
    expect(events[0]).toMatchObject({
      action: 'user.disabled',
      actor: cast.coordinator.name,
      subject: `account ${user.email}`,
    });

    // Re-enabled: the login works again; the revoked token stays revoked.
    expect(
      await changeAccountAccessByEmail(database.db, {
        email: user.email,
        disabled: false,
        actorLabel: 'bfm user enable',
      }),
    ).toEqual({ account: user.email, changed: true });
    expect(
      (
        await logIn(database.db, {
          email: user.email,
          password: TEST_PASSWORD,
          clientAddress: '10.8.0.1',
        })
      ).ok,
    ).toBe(true);
    expect(await authenticateApiToken(database.db, token.token)).toBeNull();
    expect((await listAccountEvents(database.db, cast.coordinator))[0]).toMatchObject({
      action: 'user.enabled',
      actor: 'bfm user enable',
    });
  });

  it('voids a password link sent before the account was disabled', async () => {
    const user = await freshAccount('link');
    const mailer = createMailer();
    await requestPasswordReset(database.db, mailer, { email: user.email, links: TEST_LINKS });
    const body = (await readOutbox(database.db))[0]?.body ?? '';
    const link = /wachtwoord-herstellen\/([\w-]+)/.exec(body)?.[1] ?? '';
    await changeAccountAccessByEmail(database.db, {
      email: user.email,
      disabled: true,
      actorLabel: 'bfm user disable',
    });
    const result = await resetPassword(database.db, link, {
      password: 'kastanje fietsbel regenjas',
      confirmation: 'kastanje fietsbel regenjas',
    });
    expect(result.ok).toBe(false);
  });

  it('is for the coordinator, never for their own account, and for known accounts only', async () => {
    const user = await freshAccount('guarded');
    await expect(
      changeAccountAccess(database.db, cast.advisor, { userId: user.id, disabled: true }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      changeAccountAccess(database.db, cast.coordinator, {
        userId: cast.coordinator.id,
        disabled: true,
      }),
    ).rejects.toBeInstanceOf(UserInputError);
    await expect(
      changeAccountAccess(database.db, cast.coordinator, { userId: 99_999, disabled: true }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      changeAccountAccessByEmail(database.db, {
        email: 'onbekend@example.nl',
        disabled: true,
        actorLabel: 'bfm user disable',
      }),
    ).rejects.toThrow('Er is geen account met e-mailadres onbekend@example.nl.');
  });
});

describe('the password check', () => {
  it('refuses common passwords and ones built from the account, with a Dutch reason', async () => {
    await expect(
      createUser(
        database.db,
        {
          email: 'zwak@example.nl',
          name: 'Zwak',
          password: 'wachtwoord1234',
          role: 'analyst',
        },
        'test',
      ),
    ).rejects.toThrow(/Kies een sterker wachtwoord\. Het staat in de lijsten van veelgebruikte/);
    await expect(
      createUser(
        database.db,
        {
          email: 'mantelzorg@example.nl',
          name: 'Mantel Zorg',
          password: 'mantelzorg2026!',
          role: 'analyst',
        },
        'test',
      ),
    ).rejects.toThrow(/uw naam, uw e-mailadres of een woord uit deze website/);
  });

  it('accepts the test password of every factory account', async () => {
    const user = await createStaff(database.db, { role: 'analyst', email: 'sterk@example.nl' });
    expect(user.email).toBe('sterk@example.nl');
  });

  it('refuses a weak new password when resetting', async () => {
    const user = await freshAccount('weakreset');
    const mailer = createMailer();
    await requestPasswordReset(database.db, mailer, { email: user.email, links: TEST_LINKS });
    const body = (await readOutbox(database.db))[0]?.body ?? '';
    const link = /wachtwoord-herstellen\/([\w-]+)/.exec(body)?.[1] ?? '';
    const result = await resetPassword(database.db, link, {
      password: 'welkom123456',
      confirmation: 'welkom123456',
    });
    expect(result).toEqual({
      ok: false,
      issues: [{ field: 'password', message: expect.stringMatching(/^Kies een sterker/) }],
    });
    // The link still works for a strong one.
    expect(
      await resetPassword(database.db, link, {
        password: 'kastanje fietsbel regenjas',
        confirmation: 'kastanje fietsbel regenjas',
      }),
    ).toEqual({ ok: true });
  });
});
