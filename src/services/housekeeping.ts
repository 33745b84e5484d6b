/**
 * Housekeeping: deleting rows that can no longer be used. Run on a schedule by the job queue
 * (jobs.ts), once per run across all app instances. Only clearly expired rows go, judged by
 * their own columns, so a run at any moment is safe.
 */
import { and, eq, lt } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import {
  loginAttempts,
  outboxMessages,
  passwordResets,
  pendingForms,
  sessions,
} from '../db/schema.ts';
import { PENDING_FORM_HOURS } from './pending-form-service.ts';

/**
 * Login-attempt counters older than this are dead: the login window is minutes and the reset
 * window an hour, so a day leaves a wide margin for any limiter reading them.
 */
export const LOGIN_ATTEMPT_RETENTION_HOURS = 24;
/** Delivered mail is kept this long, for questions about it, then deleted (it holds links). */
export const SENT_MAIL_RETENTION_DAYS = 30;

export interface HousekeepingResult {
  readonly sessions: number;
  readonly passwordResets: number;
  readonly pendingForms: number;
  readonly loginAttempts: number;
  readonly sentMail: number;
}

/** Deletes expired sessions, reset links, kept forms, login counters and old delivered mail. */
export async function deleteExpiredRows(
  db: Database,
  now = new Date(),
): Promise<HousekeepingResult> {
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
  const expiredSessions = await db
    .delete(sessions)
    .where(lt(sessions.expiresAt, now))
    .returning({ id: sessions.id });
  const expiredResets = await db
    .delete(passwordResets)
    .where(lt(passwordResets.expiresAt, now))
    .returning({ id: passwordResets.tokenHash });
  const expiredForms = await db
    .delete(pendingForms)
    .where(lt(pendingForms.createdAt, hoursAgo(PENDING_FORM_HOURS)))
    .returning({ id: pendingForms.id });
  const oldAttempts = await db
    .delete(loginAttempts)
    .where(lt(loginAttempts.windowStart, hoursAgo(LOGIN_ATTEMPT_RETENTION_HOURS)))
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
  return {
    sessions: expiredSessions.length,
    passwordResets: expiredResets.length,
    pendingForms: expiredForms.length,
    loginAttempts: oldAttempts.length,
    sentMail: oldMail.length,
  };
}
