/**
 * Housekeeping: deleting rows that can no longer be used. Run on a schedule by the job queue
 * (jobs.ts), once per run across all app instances. Only clearly expired rows go, judged by
 * their own columns, so a run at any moment is safe.
 */
import { and, eq, lt } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { importUploads, outboxMessages, passwordResets, pendingForms } from '../db/schema.ts';
import { pruneSessions } from '../db/repositories/user-repository.ts';
import { endedBefore, SESSION_IDLE_MINUTES } from './auth-service.ts';
import { pruneLoginCounters } from './login-limiter.ts';
import { PENDING_FORM_HOURS } from './pending-form-service.ts';
/** Delivered mail is kept this long, for questions about it, then deleted (it holds links). */
export const SENT_MAIL_RETENTION_DAYS = 30;

export interface HousekeepingResult {
  readonly sessions: number;
  readonly passwordResets: number;
  readonly pendingForms: number;
  readonly loginAttempts: number;
  readonly sentMail: number;
  readonly importUploads: number;
}

/**
 * Deletes expired sessions, reset links, kept forms, login counters, uploads waiting for an
 * import that never came, and old delivered mail.
 */
export async function deleteExpiredRows(
  db: Database,
  now = new Date(),
): Promise<HousekeepingResult> {
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
  // An ended session is remembered for a day, so that a form posted just after it ended can
  // be kept for its own account (pending-form-service): the same rule as at every login.
  const expiredSessions = await pruneSessions(db, endedBefore(now), SESSION_IDLE_MINUTES);
  const expiredResets = await db
    .delete(passwordResets)
    .where(lt(passwordResets.expiresAt, now))
    .returning({ id: passwordResets.tokenHash });
  const expiredForms = await db
    .delete(pendingForms)
    .where(lt(pendingForms.createdAt, hoursAgo(PENDING_FORM_HOURS)))
    .returning({ id: pendingForms.id });
  // An address the account logged in from stays trusted for weeks (login-limiter.ts).
  const oldAttempts = await pruneLoginCounters(db, now);
  const oldMail = await db
    .delete(outboxMessages)
    .where(
      and(
        eq(outboxMessages.status, 'sent'),
        lt(outboxMessages.sentAt, hoursAgo(SENT_MAIL_RETENTION_DAYS * 24)),
      ),
    )
    .returning({ id: outboxMessages.id });
  // An upload waits for its confirmation for a while (import-upload-service.ts); after that it
  // only takes room.
  const oldUploads = await db
    .delete(importUploads)
    .where(lt(importUploads.expiresAt, now))
    .returning({ id: importUploads.id });
  return {
    importUploads: oldUploads.length,
    sessions: expiredSessions,
    passwordResets: expiredResets.length,
    pendingForms: expiredForms.length,
    loginAttempts: oldAttempts,
    sentMail: oldMail.length,
  };
}
