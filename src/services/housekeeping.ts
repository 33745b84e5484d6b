/**
 * Housekeeping: deleting rows that can no longer be used. Run on a schedule by the job queue
 * (jobs.ts), once per run across all app instances. Only clearly expired rows go, judged by
 * their own columns, so a run at any moment is safe.
 */
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import {
  importUploads,
  loginAttempts,
  outboxMessages,
  passwordResets,
  pendingForms,
  sessions,
} from '../db/schema.ts';
import { ENDED_SESSION_HOURS, SESSION_IDLE_MINUTES } from './auth-service.ts';
import { PAIR_FORGET_MS } from './login-limiter.ts';
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
  // An ended session is remembered for ENDED_SESSION_HOURS, so that a form posted just after
  // it ended can be kept for its own account (pending-form-service): only older ones go.
  const endedBefore = hoursAgo(ENDED_SESSION_HOURS);
  const idleSince = new Date(endedBefore.getTime() - SESSION_IDLE_MINUTES * 60_000);
  const expiredSessions = await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, endedBefore), lt(sessions.lastSeenAt, idleSince)))
    .returning({ id: sessions.id });
  const expiredResets = await db
    .delete(passwordResets)
    .where(lt(passwordResets.expiresAt, now))
    .returning({ id: passwordResets.tokenHash });
  const expiredForms = await db
    .delete(pendingForms)
    .where(lt(pendingForms.createdAt, hoursAgo(PENDING_FORM_HOURS)))
    .returning({ id: pendingForms.id });
  // The same rule as pruneLoginCounters: no failure for a day and no trust left (an address
  // the account logged in from stays trusted for weeks, see login-limiter.ts).
  const dayAgo = new Date(now.getTime() - PAIR_FORGET_MS);
  const oldAttempts = await db
    .delete(loginAttempts)
    .where(
      and(
        lt(loginAttempts.windowStart, dayAgo),
        or(isNull(loginAttempts.lastFailureAt), lt(loginAttempts.lastFailureAt, dayAgo)),
        or(isNull(loginAttempts.trustedUntil), lt(loginAttempts.trustedUntil, now)),
      ),
    )
    .returning({ key: loginAttempts.key });
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
    sessions: expiredSessions.length,
    passwordResets: expiredResets.length,
    pendingForms: expiredForms.length,
    loginAttempts: oldAttempts.length,
    sentMail: oldMail.length,
  };
}
