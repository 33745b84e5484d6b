/**
 * Background jobs in the database: mail delivered over SMTP by a worker, exactly once, with
 * retries; and the scheduled housekeeping. Runs on PGlite and on PostgreSQL.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  importUploads,
  loginAttempts,
  outboxMessages,
  passwordResets,
  pendingForms,
  sessions,
} from '../../src/db/schema.ts';
import { deleteExpiredRows } from '../../src/services/housekeeping.ts';
import { startJobs, type JobRunner } from '../../src/services/jobs.ts';
import {
  createMailer,
  deliverOutboxMessage,
  listOutbox,
  MAIL_MAX_ATTEMPTS,
  type MailTransport,
} from '../../src/services/mail-service.ts';
import { requestPasswordReset } from '../../src/services/password-reset-service.ts';
import {
  CAST_EMAILS,
  openRound,
  seedAccounts,
  TEST_LINKS,
  type Cast,
} from '../support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

/** A mail server stand-in that records what it was given; it can be told to fail. */
function createRecordingTransport(options: { delayMs?: number } = {}) {
  const sent: { to: string; subject: string; from: string }[] = [];
  let failures = 0;
  const transport: MailTransport & { failNext(count: number): void } = {
    async sendMail(message) {
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      if (failures > 0) {
        failures -= 1;
        throw new Error('451 mailserver tijdelijk niet bereikbaar');
      }
      sent.push({ to: message.to, subject: message.subject, from: message.from });
    },
    failNext(count) {
      failures = count;
    },
  };
  return { transport, sent };
}

async function queueMail(database: TestDatabase, to: string): Promise<number> {
  const [row] = await database.db
    .insert(outboxMessages)
    .values({ to, subject: 'Test', body: 'Hallo', status: 'queued' })
    .returning({ id: outboxMessages.id });
  return row!.id;
}

async function readMail(database: TestDatabase, id: number) {
  const [row] = await database.db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
  return row!;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let database: TestDatabase;
let cast: Cast;

beforeAll(async () => {
  database = await createTestDatabase();
  cast = await seedAccounts(database.db);
});
afterAll(async () => {
  await database.dispose();
});

describe('mail delivery', () => {
  it('sends a message once when two workers run its job at the same time', async () => {
    const { transport, sent } = createRecordingTransport({ delayMs: 50 });
    const id = await queueMail(database, 'twee@example.nl');
    const outcomes = await Promise.all([
      deliverOutboxMessage(database.db, transport, { outboxId: id, from: 'bfm@example.nl' }),
      deliverOutboxMessage(database.db, transport, { outboxId: id, from: 'bfm@example.nl' }),
    ]);
    expect(outcomes.sort()).toEqual(['sent', 'skipped']);
    expect(sent).toEqual([{ to: 'twee@example.nl', subject: 'Test', from: 'bfm@example.nl' }]);
    const row = await readMail(database, id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, claimedAt: null });
    // The job running again later (a retry after a crash) sends nothing.
    expect(
      await deliverOutboxMessage(database.db, transport, { outboxId: id, from: 'x@example.nl' }),
    ).toBe('skipped');
    expect(sent).toHaveLength(1);
  });

  it('puts a message back in the queue when the mail server fails, and marks it failed after the last attempt', async () => {
    const { transport, sent } = createRecordingTransport();
    const id = await queueMail(database, 'later@example.nl');
    transport.failNext(1);
    await expect(
      deliverOutboxMessage(database.db, transport, { outboxId: id, from: 'bfm@example.nl' }),
    ).rejects.toThrow('451');
    expect(await readMail(database, id)).toMatchObject({
      status: 'queued',
      attempts: 1,
      lastError: '451 mailserver tijdelijk niet bereikbaar',
    });
    expect(
      await deliverOutboxMessage(database.db, transport, { outboxId: id, from: 'bfm@example.nl' }),
    ).toBe('sent');
    expect(sent.map((m) => m.to)).toEqual(['later@example.nl']);

    const hopeless = await queueMail(database, 'nooit@example.nl');
    transport.failNext(MAIL_MAX_ATTEMPTS);
    for (let attempt = 1; attempt < MAIL_MAX_ATTEMPTS; attempt++) {
      await expect(
        deliverOutboxMessage(database.db, transport, { outboxId: hopeless, from: 'b@example.nl' }),
      ).rejects.toThrow();
    }
    expect(
      await deliverOutboxMessage(database.db, transport, { outboxId: hopeless, from: 'b@ex.nl' }),
    ).toBe('failed');
    expect(await readMail(database, hopeless)).toMatchObject({
      status: 'failed',
      attempts: MAIL_MAX_ATTEMPTS,
    });
  });

  it('takes over a claim left by a worker that died while sending', async () => {
    const { transport, sent } = createRecordingTransport();
    const id = await queueMail(database, 'verweesd@example.nl');
    await database.db
      .update(outboxMessages)
      .set({ status: 'sending', claimedAt: new Date(Date.now() - 60_000), attempts: 1 })
      .where(eq(outboxMessages.id, id));
    // A fresh claim belongs to a worker that may still be sending.
    expect(
      await deliverOutboxMessage(database.db, transport, { outboxId: id, from: 'b@example.nl' }),
    ).toBe('skipped');
    expect(
      await deliverOutboxMessage(database.db, transport, {
        outboxId: id,
        from: 'b@example.nl',
        now: new Date(Date.now() + 11 * 60_000),
      }),
    ).toBe('sent');
    expect(sent).toHaveLength(1);
  });

  it('delivers a password reset mail through the job queue, outside the request, once', async () => {
    const { transport, sent } = createRecordingTransport();
    const jobs: JobRunner = await startJobs({
      handle: database,
      mail: { transport, from: 'Monitor <monitor@example.nl>' },
      pollingIntervalSeconds: 0.5,
    });
    try {
      const mailer = createMailer({ queue: jobs });
      expect(
        await requestPasswordReset(database.db, mailer, {
          email: CAST_EMAILS.analyst,
          links: TEST_LINKS,
        }),
      ).toEqual({ ok: true });
      await waitFor(async () => sent.length > 0);
      expect(sent).toEqual([
        {
          to: CAST_EMAILS.analyst,
          subject: 'Nieuw wachtwoord voor de Basisfunctiemonitor',
          from: 'Monitor <monitor@example.nl>',
        },
      ]);
      const rows = await database.db
        .select()
        .from(outboxMessages)
        .where(eq(outboxMessages.to, CAST_EMAILS.analyst));
      expect(rows.map((r) => [r.status, r.attempts])).toEqual([['sent', 1]]);
      // Mail that went out over SMTP is not in the coordinator's outbox page.
      const outbox = await listOutbox(database.db, cast.coordinator);
      expect(outbox.some((m) => m.to === CAST_EMAILS.analyst)).toBe(false);
    } finally {
      await jobs.stop();
    }
  });
});

describe('housekeeping', () => {
  it('deletes only expired sessions (after a day), reset links, kept forms, login counters, import uploads and old delivered mail', async () => {
    const now = new Date();
    const ago = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
    const ahead = (hours: number) => new Date(now.getTime() + hours * 3_600_000);
    const user = cast.analyst.id;
    await database.db.insert(sessions).values([
      { id: 'verlopen', userId: user, csrfToken: 'x', expiresAt: ago(25) },
      {
        id: 'lang-ongebruikt',
        userId: user,
        csrfToken: 'x',
        expiresAt: ahead(1),
        lastSeenAt: ago(27),
      },
      // Ended an hour ago: still remembered, so a form posted after it ended can be kept.
      { id: 'net-verlopen', userId: user, csrfToken: 'x', expiresAt: ago(1) },
      { id: 'geldig', userId: user, csrfToken: 'x', expiresAt: ahead(1) },
    ]);
    await database.db.insert(passwordResets).values([
      { tokenHash: 'verlopen', userId: user, expiresAt: ago(1) },
      { tokenHash: 'geldig', userId: user, expiresAt: ahead(1) },
    ]);
    await database.db.insert(pendingForms).values([
      { id: 'oud', userId: user, path: '/x', payload: [], size: 0, createdAt: ago(25) },
      { id: 'vers', userId: user, path: '/y', payload: [], size: 0, createdAt: ago(1) },
    ]);
    await database.db.insert(loginAttempts).values([
      { key: 'oud', failures: 5, windowStart: ago(25), lastFailureAt: ago(25) },
      { key: 'vers', failures: 5, windowStart: ago(0.1), lastFailureAt: ago(0.1) },
      // An address the account logged in from stays trusted for weeks.
      { key: 'vertrouwd', failures: 0, windowStart: ago(25), trustedUntil: ahead(24 * 20) },
    ]);
    await database.db.insert(outboxMessages).values([
      { to: 'a@example.nl', subject: 'oud', body: '', status: 'sent', sentAt: ago(31 * 24) },
      { to: 'a@example.nl', subject: 'recent', body: '', status: 'sent', sentAt: ago(1) },
      { to: 'a@example.nl', subject: 'postvak', body: '', status: 'outbox', createdAt: ago(999) },
    ]);

    const roundId = await openRound(database.db, cast.coordinator, 'opruimen', 'Opruimen');
    const upload = {
      userId: cast.coordinator.id,
      roundId,
      fileName: 'a.csv',
      content: '',
      sha256: '',
    };
    await database.db.insert(importUploads).values([
      { ...upload, id: 'verlopen', expiresAt: ago(1) },
      { ...upload, id: 'wachtend', expiresAt: ahead(1) },
    ]);

    const ids = async <T>(rows: Promise<T[]>, key: keyof T) => (await rows).map((r) => r[key]);
    const deleted = await deleteExpiredRows(database.db, now);
    expect(deleted).toEqual({
      sessions: 2,
      passwordResets: 1,
      pendingForms: 1,
      loginAttempts: 1,
      sentMail: 1,
      importUploads: 1,
    });
    expect(await ids(database.db.select().from(importUploads), 'id')).toEqual(['wachtend']);
    expect((await ids(database.db.select().from(sessions), 'id')).sort()).toEqual([
      'geldig',
      'net-verlopen',
    ]);
    expect(await ids(database.db.select().from(pendingForms), 'id')).toEqual(['vers']);
    const keys = await ids(database.db.select().from(loginAttempts), 'key');
    expect(keys).toEqual(expect.arrayContaining(['vers', 'vertrouwd']));
    expect(keys).not.toContain('oud');
    const subjects = await ids(database.db.select().from(outboxMessages), 'subject');
    expect(subjects).toContain('recent');
    expect(subjects).toContain('postvak');
    expect(subjects).not.toContain('oud');
  });

  it('runs housekeeping as a job on the queue', async () => {
    await database.db
      .insert(sessions)
      .values({ id: 'via-job', userId: cast.analyst.id, csrfToken: 'x', expiresAt: new Date(0) });
    const jobs = await startJobs({ handle: database, pollingIntervalSeconds: 0.5 });
    try {
      await jobs.requestHousekeeping();
      await waitFor(
        async () =>
          (await database.db.select().from(sessions).where(eq(sessions.id, 'via-job'))).length ===
          0,
      );
    } finally {
      await jobs.stop();
    }
  });
});
