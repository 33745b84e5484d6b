/**
 * Password reset by e-mail: a single-use link, valid for an hour. Asking never reveals
 * whether an account exists; choosing a new password ends all sessions of the account.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client.ts';
import { readLoginFailures, recordLoginFailure } from '../db/repositories/user-repository.ts';
import { passwordResets, sessions, users } from '../db/schema.ts';
import { recordAudit } from './audit-service.ts';
import { EmailSchema, hashPassword, PasswordSchema } from './auth-service.ts';
import { checkPasswordStrength } from './password-strength.ts';
import type { Links } from './links.ts';
import type { Mailer } from './mail-service.ts';
import { generateSecretToken, hashSecretToken } from './secret-token.ts';
import { toFieldIssues, type FieldIssue } from './validation.ts';

export const RESET_MINUTES = 60;
const MAX_REQUESTS_PER_HOUR = 3;

/**
 * Sends a reset link when the address belongs to an active account. Always answers the same,
 * so nobody can find out which addresses have an account.
 */
export async function requestPasswordReset(
  db: Database,
  mailer: Mailer,
  input: { email: string; links: Links },
  now = new Date(),
): Promise<{ ok: true } | { ok: false; message: string }> {
  const email = EmailSchema.safeParse(input.email);
  if (!email.success)
    return { ok: false, message: 'Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl.' };
  const [user] = await db.select().from(users).where(eq(users.email, email.data));
  // An unknown address writes nothing at all, so anonymous requests cannot fill the database;
  // the answer is the same either way.
  if (!user || user.disabledAt) return { ok: true };
  const key = `reset:${email.data}`;
  const windowStart = new Date(now.getTime() - 3_600_000);
  if ((await readLoginFailures(db, key, windowStart)) >= MAX_REQUESTS_PER_HOUR) return { ok: true };
  await recordLoginFailure(db, key, now, windowStart);
  await sendPasswordLink(db, mailer, user, {
    links: input.links,
    validMinutes: RESET_MINUTES,
    compose: resetMail,
    now,
  });
  return { ok: true };
}

/**
 * Stores a single-use link to choose a password and mails it. With the outbox the mail is
 * written in the same transaction, so a link is never stored without its mail.
 */
export async function sendPasswordLink(
  db: Database,
  mailer: Mailer,
  user: { id: number; email: string },
  options: {
    links: Links;
    validMinutes: number;
    compose: (to: string, link: string) => { to: string; subject: string; body: string };
    now?: Date;
  },
): Promise<void> {
  const now = options.now ?? new Date();
  const token = generateSecretToken();
  const mail = options.compose(user.email, options.links.passwordReset(token));
  await db.transaction(async (tx) => {
    await tx.insert(passwordResets).values({
      tokenHash: hashSecretToken(token),
      userId: user.id,
      expiresAt: new Date(now.getTime() + options.validMinutes * 60_000),
    });
    if (mailer.kind === 'outbox') await mailer.send(tx, mail);
  });
  if (mailer.kind !== 'outbox') await mailer.send(db, mail);
}

function resetMail(to: string, link: string) {
  return {
    to,
    subject: 'Nieuw wachtwoord voor de Basisfunctiemonitor',
    body: [
      'Beste collega,',
      '',
      `Via deze link kiest u een nieuw wachtwoord (één uur geldig, één keer te gebruiken):`,
      link,
      '',
      'Heeft u dit niet gevraagd? Dan kunt u deze e-mail negeren; uw wachtwoord blijft hetzelfde.',
    ].join('\n'),
  };
}

export const NewPasswordSchema = z
  .object({ password: PasswordSchema, confirmation: z.string() })
  .refine((v) => v.password === v.confirmation, {
    path: ['confirmation'],
    message: 'De twee wachtwoorden zijn niet gelijk.',
  });

export const RESET_LINK_PROBLEM =
  'Deze link is verlopen of al gebruikt. Vraag een nieuwe aan via ‘Wachtwoord vergeten’.';

/** Whether a reset link still works. */
export async function isResetTokenValid(
  db: Database,
  token: string,
  now = new Date(),
): Promise<boolean> {
  const [row] = await db
    .select()
    .from(passwordResets)
    .where(eq(passwordResets.tokenHash, hashSecretToken(token)));
  return !!row && !row.usedAt && row.expiresAt > now;
}

/** Sets a new password with a reset link and ends every session of the account. */
export async function resetPassword(
  db: Database,
  token: string,
  input: { password: string; confirmation: string },
  now = new Date(),
): Promise<{ ok: true } | { ok: false; issues: FieldIssue[] }> {
  const parsed = NewPasswordSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: toFieldIssues(parsed.error, { flat: true }) };
  const [link] = await db
    .select({ user: users })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(eq(passwordResets.tokenHash, hashSecretToken(token)));
  // A disabled account's links stop working (disabling also deletes them; this is the guard).
  if (!(await isResetTokenValid(db, token, now)) || !link || link.user.disabledAt)
    return { ok: false, issues: [{ field: 'password', message: RESET_LINK_PROBLEM }] };
  const strength = await checkPasswordStrength(parsed.data.password, link.user);
  if (!strength.ok)
    return { ok: false, issues: [{ field: 'password', message: strength.message }] };
  const passwordHash = await hashPassword(parsed.data.password);
  const done = await db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(
        and(eq(passwordResets.tokenHash, hashSecretToken(token)), isNull(passwordResets.usedAt)),
      )
      .returning();
    if (!claimed) return false;
    const [user] = await tx
      .update(users)
      .set({ passwordHash })
      .where(eq(users.id, claimed.userId))
      .returning();
    await tx.delete(sessions).where(eq(sessions.userId, claimed.userId));
    await recordAudit(tx, {
      actorId: claimed.userId,
      actorLabel: user?.name ?? 'onbekend',
      action: 'user.password-reset',
      municipalityCode: user?.municipalityCode ?? null,
      subject: `account ${user?.email ?? ''}: wachtwoord`,
    });
    return true;
  });
  return done
    ? { ok: true }
    : { ok: false, issues: [{ field: 'password', message: RESET_LINK_PROBLEM }] };
}
