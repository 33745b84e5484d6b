/**
 * Bearer tokens for API clients. The coordinator issues a token for an account; the token acts
 * as that account, with its role and its provinces or municipality, and nothing more. Only a
 * hash is stored, so a token is shown once. Revoking takes effect on the next request.
 */
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Executor } from '../db/client.ts';
import { findUserByEmail, findUserById } from '../db/repositories/user-repository.ts';
import { apiTokens, users } from '../db/schema.ts';
import { recordAudit } from './audit-service.ts';
import { EmailSchema, ROLE_LABELS, toStaffUser, type StaffUser } from './auth-service.ts';
import { NotFoundError } from './errors.ts';
import { assertCan } from './permissions.ts';
import { generateSecretToken, hashSecretToken } from './secret-token.ts';
import { toFieldIssues, type FieldIssue } from './validation.ts';

export const TOKEN_PREFIX = 'bfm_';
export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 730;
/** last_used_at is written at most this often per token, so reads do not all become writes. */
const LAST_USED_RESOLUTION_MS = 60_000;

export const NewApiTokenFormSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Geef de sleutel een naam, bijvoorbeeld de toepassing die hem gebruikt.')
    .max(100, 'Een naam mag hoogstens 100 tekens lang zijn.'),
  email: EmailSchema,
  days: z.coerce
    .number({ error: 'Vul het aantal dagen in als getal.' })
    .int('Vul een heel aantal dagen in.')
    .min(1, 'Een sleutel is minstens 1 dag geldig.')
    .max(MAX_TOKEN_DAYS, `Een sleutel is hoogstens ${MAX_TOKEN_DAYS} dagen geldig.`),
});
export type NewApiTokenForm = z.input<typeof NewApiTokenFormSchema>;

export interface ApiTokenView {
  readonly id: number;
  readonly name: string;
  readonly prefix: string;
  readonly account: string;
  readonly accountName: string;
  readonly roleLabel: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly lastUsedAt: string | null;
  readonly state: 'active' | 'expired' | 'revoked';
}

/**
 * Issues a token for the account with the given e-mail address (coordinator only).
 *
 * @returns the token itself (shown once), or the problems per field (nothing is stored then)
 */
export async function issueApiToken(
  db: Database,
  user: StaffUser,
  form: NewApiTokenForm,
  now = new Date(),
): Promise<
  { ok: true; id: number; token: string; expiresAt: Date } | { ok: false; issues: FieldIssue[] }
> {
  assertCan(user, 'apiTokens.manage');
  const parsed = NewApiTokenFormSchema.safeParse(form);
  if (!parsed.success) return { ok: false, issues: toFieldIssues(parsed.error, { flat: true }) };
  const account = await findUserByEmail(db, parsed.data.email);
  if (!account || account.disabledAt)
    return {
      ok: false,
      issues: [
        {
          field: 'email',
          message: `Er is geen actief account met e-mailadres ${parsed.data.email}.`,
        },
      ],
    };
  const token = generateSecretToken(32, TOKEN_PREFIX);
  const expiresAt = new Date(now.getTime() + parsed.data.days * 86_400_000);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        tokenHash: hashSecretToken(token),
        prefix: token.slice(0, TOKEN_PREFIX.length + 6),
        name: parsed.data.name,
        userId: account.id,
        createdBy: user.id,
        createdAt: now,
        expiresAt,
      })
      .returning({ id: apiTokens.id });
    await recordAudit(tx, {
      actorId: user.id,
      actorLabel: user.name,
      action: 'api-token.issued',
      municipalityCode: account.municipalityCode,
      subject: `API-sleutel '${parsed.data.name}' voor ${account.email}`,
      newValue: {
        name: parsed.data.name,
        account: account.email,
        expiresAt: expiresAt.toISOString(),
      },
    });
    return (row as { id: number }).id;
  });
  return { ok: true, id, token, expiresAt };
}

/** Every token, newest first (coordinator only). */
export async function listApiTokens(
  executor: Executor,
  user: StaffUser,
  now = new Date(),
): Promise<ApiTokenView[]> {
  assertCan(user, 'apiTokens.manage');
  const rows = await executor
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
  return rows.map(({ token, user: account }) => ({
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    account: account.email,
    accountName: account.name,
    roleLabel: ROLE_LABELS[account.role],
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    state: token.revokedAt ? 'revoked' : token.expiresAt <= now ? 'expired' : 'active',
  }));
}

/**
 * Revokes a token (coordinator only). Revoking a revoked token changes nothing.
 *
 * @throws {NotFoundError} for an unknown token
 */
export async function revokeApiToken(
  db: Database,
  user: StaffUser,
  id: number,
  now = new Date(),
): Promise<void> {
  assertCan(user, 'apiTokens.manage');
  await db.transaction(async (tx) => {
    const [token] = await tx.select().from(apiTokens).where(eq(apiTokens.id, id));
    if (!token) throw new NotFoundError('Deze API-sleutel bestaat niet.');
    if (token.revokedAt) return;
    await tx.update(apiTokens).set({ revokedAt: now }).where(eq(apiTokens.id, id));
    const account = await findUserById(tx, token.userId);
    await recordAudit(tx, {
      actorId: user.id,
      actorLabel: user.name,
      action: 'api-token.revoked',
      municipalityCode: account?.municipalityCode ?? null,
      subject: `API-sleutel '${token.name}' voor ${account?.email ?? 'onbekend'}`,
      oldValue: 'actief',
      newValue: 'ingetrokken',
    });
  });
}

/** The account behind a bearer token, or null when the token is unknown, expired or revoked. */
export async function authenticateApiToken(
  db: Database,
  token: string | undefined,
  now = new Date(),
): Promise<StaffUser | null> {
  if (!token || !token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const [row] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, hashSecretToken(token)));
  if (!row || row.token.revokedAt || row.token.expiresAt <= now || row.user.disabledAt) return null;
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (!row.token.lastUsedAt || row.token.lastUsedAt < staleBefore) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiTokens.id, row.token.id),
          or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, staleBefore)),
        ),
      );
  }
  return toStaffUser(db, row.user);
}
