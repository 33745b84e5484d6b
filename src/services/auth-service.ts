/**
 * Staff accounts, passwords (argon2id), server-side sessions and login rate limiting.
 */
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import type { Database, Executor } from '../db/client.ts';
import { listMunicipalities } from '../db/repositories/register-repository.ts';
import { users } from '../db/schema.ts';
import {
  clearLoginFailures,
  deleteSession,
  findLiveSession,
  findUserByEmail,
  insertSession,
  insertUser,
  listAdvisorProvinces,
  readLoginFailures,
  recordLoginFailure,
  replaceAdvisorProvinces,
  type UserRow,
} from '../db/repositories/user-repository.ts';
import { normalizeMunicipalityCode } from '../domain/register.ts';
import { recordAudit } from './audit-service.ts';
import { REGISTER_2009 } from './reference-data.ts';
import { UserInputError } from './errors.ts';
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
export const LOGIN_WINDOW_MINUTES = 15;
export const LOGIN_MAX_FAILURES = 5;

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
  let municipalityCode: string | null = null;
  if (value.municipalityCode) {
    municipalityCode = normalizeMunicipalityCode(value.municipalityCode);
    const known = new Set((await listMunicipalities(db, REGISTER_2009)).map((m) => m.code));
    if (!municipalityCode || !known.has(municipalityCode)) {
      throw new UserInputError(
        `Gemeentecode '${value.municipalityCode}' staat niet in het register.`,
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
  | { readonly ok: false; readonly reason: 'invalid' | 'rate-limited' };

/**
 * Checks e-mail and password and opens a session. Failed attempts are counted per e-mail
 * address and per client address; after LOGIN_MAX_FAILURES within LOGIN_WINDOW_MINUTES
 * further attempts are refused without checking the password.
 */
export async function logIn(
  db: Database,
  credentials: { email: string; password: string; clientAddress: string },
  now = new Date(),
): Promise<LoginResult> {
  const email = credentials.email.trim().toLowerCase();
  const keys = [`email:${email}`, `ip:${credentials.clientAddress}`];
  const windowStart = new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000);
  for (const key of keys) {
    if ((await readLoginFailures(db, key, windowStart)) >= LOGIN_MAX_FAILURES) {
      return { ok: false, reason: 'rate-limited' };
    }
  }
  const user = await findUserByEmail(db, email);
  // Verify against a dummy hash for unknown accounts too, so timing does not reveal them.
  const valid = await verify(user?.passwordHash ?? DUMMY_HASH, credentials.password).catch(
    () => false,
  );
  if (!user || !valid || user.disabledAt) {
    for (const key of keys) await recordLoginFailure(db, key, now, windowStart);
    return { ok: false, reason: 'invalid' };
  }
  for (const key of keys) await clearLoginFailures(db, key);
  const token = generateSecretToken();
  const csrfToken = generateSecretToken();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await insertSession(db, { id: hashSecretToken(token), userId: user.id, csrfToken, expiresAt });
  return { ok: true, token, session: { user: await toStaffUser(db, user), csrfToken, expiresAt } };
}

const DUMMY_HASH = await hash('no such account', ARGON2_OPTIONS);

/** The session behind a cookie token, or null when it is unknown or expired. */
export async function readSession(
  db: Database,
  token: string | undefined,
  now = new Date(),
): Promise<StaffSession | null> {
  if (!token) return null;
  const found = await findLiveSession(db, hashSecretToken(token), now);
  if (!found || found.user.disabledAt) return null;
  return {
    user: await toStaffUser(db, found.user),
    csrfToken: found.session.csrfToken,
    expiresAt: found.session.expiresAt,
  };
}

export async function logOut(db: Database, token: string | undefined): Promise<void> {
  if (token) await deleteSession(db, hashSecretToken(token));
}

export const DEMO_ACCOUNT_EMAIL = 'demo@basisfunctiemonitor.invalid';

/**
 * For the demo (`bfm start`): when there are no accounts at all, creates a coordinator with a
 * random password and returns it once. Never does anything in a database that has accounts.
 */
export async function ensureDemoAccount(
  db: Database,
): Promise<{ email: string; password: string } | null> {
  const existing = await db.select({ id: users.id }).from(users).limit(1);
  if (existing.length > 0) return null;
  const password = generatePassword();
  await createUser(
    db,
    { email: DEMO_ACCOUNT_EMAIL, name: 'Demo-coördinator', password, role: 'coordinator' },
    'bfm start',
  );
  return { email: DEMO_ACCOUNT_EMAIL, password };
}
