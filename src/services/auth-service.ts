/**
 * Staff accounts, passwords (argon2id), server-side sessions and login rate limiting.
 */
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import type { Database, Executor } from '../db/client.ts';
import { users } from '../db/schema.ts';
import { notLike } from 'drizzle-orm';
import { DEMO_CODER_EMAIL_DOMAIN } from './demo-round-id.ts';
import {
  deleteSession,
  findSessionWithUser,
  findUserByEmail,
  insertSession,
  insertUser,
  listAdvisorProvinces,
  pruneSessions,
  replaceAdvisorProvinces,
  touchSession,
  type SessionRow,
  type UserRow,
} from '../db/repositories/user-repository.ts';
import { normalizeMunicipalityCode } from '../domain/register.ts';
import { recordAudit } from './audit-service.ts';
import { listKnownMunicipalities } from './register-service.ts';
import { UserInputError } from './errors.ts';
import { loginKeys, reserveLoginAttempt, settleLoginAttempt } from './login-limiter.ts';
import { checkPasswordStrength } from './password-strength.ts';
import { generateSecretToken, hashSecretToken } from './secret-token.ts';

import { ROLE_LABELS, ROLES, type Role } from '../domain/roles.ts';

export { ROLE_LABELS, ROLES, type Role };

/** The signed-in staff member, as pages and services see them. */
export interface StaffUser {
  readonly id: number;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly municipalityCode: string | null;
  /** Provinces of an advisor (province codes); empty for other roles. */
  readonly provinces: readonly string[];
}

export interface StaffSession {
  readonly user: StaffUser;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

/** OWASP's minimum for argon2id: 19 MiB memory, 2 iterations, 1 lane. */
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
export const SESSION_DAYS = 7;
/** A session unused this long ends, whatever its absolute lifetime. */
export const SESSION_IDLE_MINUTES = 120;
/** The last-seen time is written at most this often per session, to keep writes low. */
const SESSION_TOUCH_MS = 60_000;
/** How long an ended session is remembered, so a form posted after it ended can be kept. */
export const ENDED_SESSION_HOURS = 24;

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl.' }));

export const PasswordSchema = z
  .string()
  .min(12, 'Kies een wachtwoord van minstens 12 tekens.')
  .max(200, 'Een wachtwoord mag hoogstens 200 tekens lang zijn.');

export const NewUserSchema = z
  .object({
    email: EmailSchema,
    name: z.string().trim().min(1, 'Vul een naam in.').max(200),
    password: PasswordSchema,
    role: z.enum(ROLES, { error: `Kies een rol: ${ROLES.join(', ')}.` }),
    municipalityCode: z.string().trim().optional(),
    provinces: z
      .array(z.string().regex(/^PV\d{2}$/, 'Provinciecodes zijn PV20 tot en met PV31.'))
      .default([]),
  })
  .superRefine((value, ctx) => {
    if (value.role === 'municipality' && !value.municipalityCode) {
      ctx.addIssue({
        code: 'custom',
        path: ['municipalityCode'],
        message: 'Een gemeenteaccount hoort bij een gemeente: geef de CBS-code.',
      });
    }
    if (value.role !== 'municipality' && value.municipalityCode) {
      ctx.addIssue({
        code: 'custom',
        path: ['municipalityCode'],
        message: 'Alleen een gemeenteaccount hoort bij een gemeente.',
      });
    }
  });
export type NewUserInput = z.input<typeof NewUserSchema>;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function toStaffUser(executor: Executor, user: UserRow): Promise<StaffUser> {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    municipalityCode: user.municipalityCode,
    provinces: user.role === 'advisor' ? await listAdvisorProvinces(executor, user.id) : [],
  };
}

/**
 * Creates a staff account.
 *
 * @throws {UserInputError} for invalid input or an e-mail address already in use
 */
export async function createUser(
  db: Database,
  input: NewUserInput,
  /** Who creates the account: a staff member, or a label such as 'bfm user create'. */
  actor: string | { id: number; name: string },
): Promise<StaffUser> {
  const parsed = NewUserSchema.safeParse(input);
  if (!parsed.success)
    throw new UserInputError(parsed.error.issues.map((issue) => issue.message).join(' '));
  const value = parsed.data;
  const strength = await checkPasswordStrength(value.password, value);
  if (!strength.ok) throw new UserInputError(strength.message);
  let municipalityCode: string | null = null;
  if (value.municipalityCode) {
    municipalityCode = normalizeMunicipalityCode(value.municipalityCode);
    // A municipality of any loaded register may get an account: Eemsdelta (2025) as well
    // as Delfzijl (2009), whose rounds it can still read.
    const known = new Set((await listKnownMunicipalities(db)).map((m) => m.code));
    if (!municipalityCode || !known.has(municipalityCode)) {
      throw new UserInputError(
        `Gemeentecode '${value.municipalityCode}' staat in geen enkel geladen register (2009 of 2025). Controleer de code, bijvoorbeeld 1979 voor Eemsdelta.`,
      );
    }
  }
  if (await findUserByEmail(db, value.email)) {
    throw new UserInputError(`Er is al een account met e-mailadres ${value.email}.`);
  }
  const passwordHash = await hashPassword(value.password);
  return db.transaction(async (tx) => {
    const user = await insertUser(tx, {
      email: value.email,
      name: value.name,
      passwordHash,
      role: value.role,
      municipalityCode,
    });
    if (value.role === 'advisor') await replaceAdvisorProvinces(tx, user.id, value.provinces);
    await recordAudit(tx, {
      actorId: typeof actor === 'string' ? null : actor.id,
      actorLabel: typeof actor === 'string' ? actor : actor.name,
      action: 'user.created',
      subject: `account ${user.email}`,
      municipalityCode,
      newValue: { role: value.role, municipalityCode, provinces: value.provinces },
    });
    return toStaffUser(tx, user);
  });
}

/** Generates a strong random password for accounts created from the command line. */
export function generatePassword(): string {
  return generateSecretToken(18);
}

export type LoginResult =
  | { readonly ok: true; readonly token: string; readonly session: StaffSession }
  | { readonly ok: false; readonly reason: 'invalid' }
  | { readonly ok: false; readonly reason: 'rate-limited'; readonly retryAfterSeconds: number };

/**
 * Checks e-mail and password and opens a session. The limiter (src/services/login-limiter.ts)
 * decides first, atomically, whether this attempt may be checked at all; a refused attempt
 * never reaches argon2. A disabled account answers exactly like a wrong password.
 */
export async function logIn(
  db: Database,
  credentials: { email: string; password: string; clientAddress: string },
  now = new Date(),
): Promise<LoginResult> {
  const email = credentials.email.trim().toLowerCase();
  const keys = loginKeys(email, credentials.clientAddress);
  const decision = await reserveLoginAttempt(db, keys, now);
  if (!decision.allowed)
    return { ok: false, reason: 'rate-limited', retryAfterSeconds: decision.retryAfterSeconds };
  const user = await findUserByEmail(db, email);
  // Verify against a dummy hash for unknown accounts too, so timing does not reveal them.
  const valid = await verify(user?.passwordHash ?? DUMMY_HASH, credentials.password).catch(
    () => false,
  );
  // The attempt was already counted as a failure: only a success needs another write.
  if (!user || !valid || user.disabledAt) return { ok: false, reason: 'invalid' };
  await settleLoginAttempt(db, keys, now);
  return openSession(db, user, now);
}

/**
 * Opens a session for an account whose credentials were just checked (a login, or the
 * account an invitation just created, which must not depend on the address's login limit).
 */
export async function openSession(
  db: Database,
  user: UserRow,
  now = new Date(),
): Promise<Extract<LoginResult, { ok: true }>> {
  await pruneSessions(db, endedBefore(now), SESSION_IDLE_MINUTES);
  const token = generateSecretToken();
  const csrfToken = generateSecretToken();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await insertSession(db, {
    id: hashSecretToken(token),
    userId: user.id,
    csrfToken,
    expiresAt,
    lastSeenAt: now,
    createdAt: now,
  });
  return { ok: true, token, session: { user: await toStaffUser(db, user), csrfToken, expiresAt } };
}

const DUMMY_HASH = await hash('no such account', ARGON2_OPTIONS);

/** When a session ends: at its absolute expiry, or after SESSION_IDLE_MINUTES unused. */
export function sessionEnd(session: Pick<SessionRow, 'expiresAt' | 'lastSeenAt'>): Date {
  return new Date(
    Math.min(
      session.expiresAt.getTime(),
      session.lastSeenAt.getTime() + SESSION_IDLE_MINUTES * 60_000,
    ),
  );
}

/** Sessions that ended before this moment are no longer remembered. */
export function endedBefore(now: Date): Date {
  return new Date(now.getTime() - ENDED_SESSION_HOURS * 3_600_000);
}

/**
 * The session behind a cookie token, or null when it is unknown, expired, idle too long or
 * its account is disabled. Notes that the session was used (at most once a minute).
 */
export async function readSession(
  db: Database,
  token: string | undefined,
  now = new Date(),
): Promise<StaffSession | null> {
  if (!token) return null;
  const found = await findSessionWithUser(db, hashSecretToken(token));
  if (!found || found.user.disabledAt || sessionEnd(found.session) <= now) return null;
  if (now.getTime() - found.session.lastSeenAt.getTime() >= SESSION_TOUCH_MS)
    await touchSession(db, found.session.id, now);
  return {
    user: await toStaffUser(db, found.user),
    csrfToken: found.session.csrfToken,
    expiresAt: found.session.expiresAt,
  };
}

/**
 * The account of a session that ended recently (expired or idle, within ENDED_SESSION_HOURS),
 * or null: for keeping a form posted just after the session ended. A live session, an unknown
 * or forged token, a session logged out (deleted) or a disabled account give null.
 */
export async function findRecentlyEndedSession(
  db: Database,
  token: string | undefined,
  now = new Date(),
): Promise<{ userId: number } | null> {
  if (!token) return null;
  const found = await findSessionWithUser(db, hashSecretToken(token));
  if (!found || found.user.disabledAt) return null;
  const end = sessionEnd(found.session);
  if (end > now || end <= endedBefore(now)) return null;
  return { userId: found.user.id };
}

export async function logOut(db: Database, token: string | undefined): Promise<void> {
  if (token) await deleteSession(db, hashSecretToken(token));
}

export const DEMO_ACCOUNT_EMAIL = 'demo@basisfunctiemonitor.invalid';

/**
 * For the demo (`bfm start`): when there are no accounts at all, creates a coordinator with a
 * random password and returns it once. Never does anything in a database that has accounts
 * (the demo coders, who only carry the demo's codings, do not count).
 */
export async function ensureDemoAccount(
  db: Database,
): Promise<{ email: string; password: string } | null> {
  const existing = await db
    .select({ id: users.id })
    .from(users)
    .where(notLike(users.email, `%${DEMO_CODER_EMAIL_DOMAIN}`))
    .limit(1);
  if (existing.length > 0) return null;
  const password = generatePassword();
  await createUser(
    db,
    { email: DEMO_ACCOUNT_EMAIL, name: 'Demo-coördinator', password, role: 'coordinator' },
    'bfm start',
  );
  return { email: DEMO_ACCOUNT_EMAIL, password };
}
