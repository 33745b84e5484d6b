/**
 * Staff accounts as the coordinator manages them: the list, new accounts for advisors,
 * analysts and coordinators (who choose their own password through a mailed link), and the
 * provinces each advisor works for. Municipality accounts come from invitations.
 */
import { and, asc, desc, eq, isNull, like, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Executor } from '../db/client.ts';
import {
  deleteSessionsOf,
  findUserByEmail,
  findUserById,
  listAdvisorProvinces,
  replaceAdvisorProvinces,
  type UserRow,
} from '../db/repositories/user-repository.ts';
import {
  advisorProvinces,
  apiTokens,
  auditEvents,
  passwordResets,
  pendingForms,
  users,
} from '../db/schema.ts';
import { recordAudit } from './audit-service.ts';
import { describeAuditEvents, type DescribedAuditEvent } from './audit-text.ts';
import {
  createUser,
  EmailSchema,
  generatePassword,
  ROLE_LABELS,
  type Role,
  type StaffUser,
} from './auth-service.ts';
import { NotFoundError, UserInputError } from './errors.ts';
import type { Links } from './links.ts';
import type { Mailer } from './mail-service.ts';
import { sendPasswordLink } from './password-reset-service.ts';
import { listKnownMunicipalities } from './register-service.ts';
import { assertCan } from './permissions.ts';
import { toFieldIssues, type FieldIssue } from './validation.ts';

/** How long the link in the welcome mail works. */
export const WELCOME_LINK_DAYS = 7;

export interface Province {
  readonly code: string;
  readonly name: string;
}

export interface AccountView {
  readonly id: number;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly roleLabel: string;
  readonly municipalityCode: string | null;
  readonly municipalityName: string | null;
  readonly provinces: readonly string[];
  readonly disabled: boolean;
}

/** The twelve provinces, named as in the newest register, in code order. */
export async function listProvinces(executor: Executor): Promise<Province[]> {
  const byCode = new Map<string, string>();
  for (const municipality of await listKnownMunicipalities(executor))
    byCode.set(municipality.provinceCode, municipality.provinceName);
  return [...byCode]
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
}

/** Every staff account, coordinators first (coordinator only). */
export async function listAccounts(executor: Executor, user: StaffUser): Promise<AccountView[]> {
  assertCan(user, 'accounts.manage');
  const names = new Map((await listKnownMunicipalities(executor)).map((m) => [m.code, m.name]));
  const provinces = new Map<number, string[]>();
  for (const row of await executor.select().from(advisorProvinces)) {
    provinces.set(row.userId, [...(provinces.get(row.userId) ?? []), row.provinceCode].sort());
  }
  const order: Record<Role, number> = { coordinator: 0, advisor: 1, analyst: 2, municipality: 3 };
  const rows = await executor.select().from(users).orderBy(asc(users.name), asc(users.id));
  return rows
    .map((row) => ({
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role,
      roleLabel: ROLE_LABELS[row.role],
      municipalityCode: row.municipalityCode,
      municipalityName: row.municipalityCode ? (names.get(row.municipalityCode) ?? null) : null,
      provinces: provinces.get(row.id) ?? [],
      disabled: row.disabledAt !== null,
    }))
    .sort((a, b) => order[a.role] - order[b.role]);
}

/**
 * An advisor's account with its provinces (coordinator only).
 *
 * @throws {NotFoundError} when there is no advisor's account with this id
 */
export async function readAdvisor(
  executor: Executor,
  user: StaffUser,
  id: number,
): Promise<{ id: number; name: string; email: string; provinces: string[] }> {
  assertCan(user, 'accounts.manage');
  const account = Number.isSafeInteger(id) ? await findUserById(executor, id) : undefined;
  if (!account || account.role !== 'advisor')
    throw new NotFoundError('Dit account van een adviseur bestaat niet.');
  return {
    id: account.id,
    name: account.name,
    email: account.email,
    provinces: await listAdvisorProvinces(executor, account.id),
  };
}

const ProvinceCodesSchema = z.array(
  z.string().regex(/^PV\d{2}$/, 'Kies provincies uit de lijst (PV20 tot en met PV31).'),
);

export const ProvinceAssignmentSchema = z.object({
  provinces: ProvinceCodesSchema.max(12, 'Er zijn twaalf provincies.'),
});
export type ProvinceAssignment = z.input<typeof ProvinceAssignmentSchema>;

async function checkProvinces(
  executor: Executor,
  codes: readonly string[],
): Promise<FieldIssue | null> {
  const known = new Set((await listProvinces(executor)).map((p) => p.code));
  const unknown = codes.filter((code) => !known.has(code));
  return unknown.length > 0
    ? { field: 'provinces', message: `Onbekende provincie: ${unknown.join(', ')}.` }
    : null;
}

/**
 * Sets the provinces an advisor works for (coordinator only). An advisor without provinces
 * sees no municipality. The change is in the audit trail with the old and new provinces.
 *
 * @throws {NotFoundError} for an unknown account
 * @throws {UserInputError} when the account is not an advisor's
 */
export async function assignAdvisorProvinces(
  db: Database,
  user: StaffUser,
  input: { userId: number; form: ProvinceAssignment },
): Promise<{ ok: true; provinces: string[] } | { ok: false; issues: FieldIssue[] }> {
  assertCan(user, 'accounts.manage');
  const parsed = ProvinceAssignmentSchema.safeParse(input.form);
  if (!parsed.success)
    return {
      ok: false,
      issues: toFieldIssues(parsed.error, { flat: true }),
    };
  const provinces = [...new Set(parsed.data.provinces)].sort();
  const problem = await checkProvinces(db, provinces);
  if (problem) return { ok: false, issues: [problem] };
  const account = await findUserById(db, input.userId);
  if (!account) throw new NotFoundError('Dit account bestaat niet.');
  if (account.role !== 'advisor')
    throw new UserInputError('Alleen provinciaal adviseurs krijgen provincies toegewezen.');
  await db.transaction(async (tx) => {
    const old = await listAdvisorProvinces(tx, account.id);
    if (old.join() === provinces.join()) return;
    await replaceAdvisorProvinces(tx, account.id, provinces);
    await recordAudit(tx, {
      actorId: user.id,
      actorLabel: user.name,
      action: 'user.provinces',
      subject: `account ${account.email}: provincies`,
      oldValue: old,
      newValue: provinces,
    });
  });
  return { ok: true, provinces };
}

export const NewAccountFormSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'Vul de naam in.')
      .max(200, 'Een naam mag hoogstens 200 tekens lang zijn.'),
    email: EmailSchema,
    role: z.enum(['coordinator', 'advisor', 'analyst'], {
      error: 'Kies een rol: landelijk coördinator, provinciaal adviseur of analist.',
    }),
    provinces: ProvinceCodesSchema.default([]),
  })
  .superRefine((value, ctx) => {
    if (value.role !== 'advisor' && value.provinces.length > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['provinces'],
        message: 'Alleen een provinciaal adviseur krijgt provincies.',
      });
  });
export type NewAccountForm = z.input<typeof NewAccountFormSchema>;

function welcomeMail(to: string, link: string) {
  return {
    to,
    subject: 'Uw account voor de Basisfunctiemonitor',
    body: [
      'Beste collega,',
      '',
      'De landelijk coördinator heeft een account voor u gemaakt in de Basisfunctiemonitor.',
      `Kies uw wachtwoord via deze link (${WELCOME_LINK_DAYS} dagen geldig, één keer te gebruiken):`,
      link,
      '',
      'Daarna logt u in met dit e-mailadres en uw wachtwoord.',
    ].join('\n'),
  };
}

/**
 * Creates a staff account from the coordinator's form and mails the new colleague a link to
 * choose a password. Nobody, the coordinator included, ever sees that password.
 *
 * @returns the new account, or the problems per field (nothing is created then)
 */
export async function createAccountFromForm(
  db: Database,
  mailer: Mailer,
  user: StaffUser,
  /** Raw form values: everything is checked here. */
  input: { form: Readonly<Record<string, unknown>>; links: Links },
): Promise<{ ok: true; account: StaffUser } | { ok: false; issues: FieldIssue[] }> {
  assertCan(user, 'accounts.manage');
  const parsed = NewAccountFormSchema.safeParse(input.form);
  if (!parsed.success)
    return {
      ok: false,
      issues: toFieldIssues(parsed.error, { flat: true, fallbackField: 'name' }),
    };
  const problem = await checkProvinces(db, parsed.data.provinces);
  if (problem) return { ok: false, issues: [problem] };
  let account: StaffUser;
  try {
    account = await createUser(db, { ...parsed.data, password: generatePassword() }, user);
  } catch (error) {
    if (error instanceof UserInputError)
      return { ok: false, issues: [{ field: 'email', message: error.message }] };
    throw error;
  }
  await sendPasswordLink(db, mailer, account, {
    links: input.links,
    validMinutes: WELCOME_LINK_DAYS * 24 * 60,
    compose: welcomeMail,
  });
  return { ok: true, account };
}

/**
 * The audit trail of accounts (coordinator only): created accounts, advisors' provinces,
 * password resets and API tokens, newest first, described in words.
 */
export async function listAccountEvents(
  executor: Executor,
  user: StaffUser,
  limit = 200,
): Promise<DescribedAuditEvent[]> {
  assertCan(user, 'accounts.manage');
  const events = await executor
    .select()
    .from(auditEvents)
    .where(or(like(auditEvents.action, 'user.%'), like(auditEvents.action, 'api-token.%')))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(limit);
  const municipalities = await listKnownMunicipalities(executor);
  return describeAuditEvents(events, {
    provinceNames: new Map(municipalities.map((m) => [m.provinceCode, m.provinceName])),
    municipalityNames: new Map(municipalities.map((m) => [m.code, m.name])),
  });
}

/**
 * Disables or re-enables an account. Disabling ends all its sessions at once, revokes its API
 * tokens and voids its password links, in one transaction; a disabled account cannot log in,
 * reset its password or use the API. Re-enabling gives back the login only: new API tokens
 * are issued anew. Both are in the audit trail; doing what is already so changes nothing.
 *
 * @returns whether anything changed
 */
async function setDisabled(
  db: Database,
  account: UserRow,
  disabled: boolean,
  actor: { id: number | null; label: string },
  now: Date,
): Promise<boolean> {
  if ((account.disabledAt !== null) === disabled) return false;
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ disabledAt: disabled ? now : null })
      .where(eq(users.id, account.id));
    if (disabled) {
      await deleteSessionsOf(tx, account.id);
      await tx
        .update(apiTokens)
        .set({ revokedAt: now })
        .where(and(eq(apiTokens.userId, account.id), isNull(apiTokens.revokedAt)));
      await tx.delete(passwordResets).where(eq(passwordResets.userId, account.id));
      await tx.delete(pendingForms).where(eq(pendingForms.userId, account.id));
    }
    await recordAudit(tx, {
      actorId: actor.id,
      actorLabel: actor.label,
      action: disabled ? 'user.disabled' : 'user.enabled',
      municipalityCode: account.municipalityCode,
      subject: `account ${account.email}`,
      oldValue: disabled ? 'actief' : 'geblokkeerd',
      newValue: disabled ? 'geblokkeerd' : 'actief',
    });
  });
  return true;
}

/**
 * The coordinator disables or re-enables an account from the Accounts page or the API.
 *
 * @throws {NotFoundError} for an unknown account
 * @throws {UserInputError} when coordinators would disable their own account
 */
export async function changeAccountAccess(
  db: Database,
  user: StaffUser,
  input: { userId: number; disabled: boolean },
  now = new Date(),
): Promise<{ account: string; changed: boolean }> {
  assertCan(user, 'accounts.manage');
  const account = Number.isSafeInteger(input.userId)
    ? await findUserById(db, input.userId)
    : undefined;
  if (!account) throw new NotFoundError('Dit account bestaat niet.');
  if (input.disabled && account.id === user.id)
    throw new UserInputError(
      'U kunt uw eigen account niet blokkeren. Vraag een andere coördinator, of gebruik bfm user disable.',
    );
  const changed = await setDisabled(
    db,
    account,
    input.disabled,
    { id: user.id, label: user.name },
    now,
  );
  return { account: account.email, changed };
}

/**
 * The same from the command line (`bfm user disable|enable EMAIL`), e.g. for the last
 * coordinator.
 *
 * @throws {NotFoundError} when no account has this e-mail address
 */
export async function changeAccountAccessByEmail(
  db: Database,
  input: { email: string; disabled: boolean; actorLabel: string },
  now = new Date(),
): Promise<{ account: string; changed: boolean }> {
  const email = EmailSchema.safeParse(input.email);
  const account = email.success ? await findUserByEmail(db, email.data) : undefined;
  if (!account) throw new NotFoundError(`Er is geen account met e-mailadres ${input.email}.`);
  const changed = await setDisabled(
    db,
    account,
    input.disabled,
    { id: null, label: input.actorLabel },
    now,
  );
  return { account: account.email, changed };
}

/**
 * One account with whether it is disabled (coordinator only), for the confirmation step.
 *
 * @throws {NotFoundError} when there is no account with this id
 */
export async function readAccount(
  executor: Executor,
  user: StaffUser,
  id: number,
): Promise<{ id: number; name: string; email: string; disabled: boolean; own: boolean }> {
  assertCan(user, 'accounts.manage');
  const account = Number.isSafeInteger(id) ? await findUserById(executor, id) : undefined;
  if (!account) throw new NotFoundError('Dit account bestaat niet.');
  return {
    id: account.id,
    name: account.name,
    email: account.email,
    disabled: account.disabledAt !== null,
    own: account.id === user.id,
  };
}
