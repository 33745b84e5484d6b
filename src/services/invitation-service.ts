/**
 * Invitations: the coordinator invites municipalities to a round; each contact gets a personal
 * link with a single-use, expiring token with which they create their account for that
 * municipality. Reminders go to municipalities that have not finished.
 *
 * Sending is idempotent where a repeated form would otherwise send twice: a municipality and
 * address with a valid or used invitation in the round is not invited again, and an address
 * reminded in the last REMINDER_PAUSE_HOURS is not reminded again. Both run with the round's
 * row locked, so a double click is one submission.
 */
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { matchMunicipalityNames } from '../domain/municipality-table.ts';
import { normalizeMunicipalityCode, type Municipality } from '../domain/register.ts';
import type { Database, Executor } from '../db/client.ts';
import { queryRows } from '../db/query.ts';
import { listResponses } from '../db/repositories/response-repository.ts';
import { lockRound } from '../db/repositories/round-repository.ts';
import { findUserByEmail } from '../db/repositories/user-repository.ts';
import { invitations, users } from '../db/schema.ts';
import { checkPasswordStrength } from './password-strength.ts';
import { recordAudit } from './audit-service.ts';
import {
  createUser,
  EmailSchema,
  openSession,
  PasswordSchema,
  type LoginResult,
  type StaffUser,
} from './auth-service.ts';
import { UserInputError } from './errors.ts';
import type { Links } from './links.ts';
import type { Mailer, MailMessage } from './mail-service.ts';
import { assertCan } from './permissions.ts';
import { readParticipations } from './participation-service.ts';
import { loadRound, type LoadedRound } from './round-service.ts';
import { generateSecretToken, hashSecretToken } from './secret-token.ts';
import { toFieldIssues, type FieldIssue } from './validation.ts';

export const INVITATION_DAYS = 14;
/** An address that got a reminder is not reminded again within this many hours. */
export const REMINDER_PAUSE_HOURS = 24;

export interface LineError {
  /** The line of a typed list, or the position (1-based) in a list of chosen municipalities. */
  readonly line: number;
  readonly message: string;
  /** The municipality a problem with a chosen municipality is about. */
  readonly municipalityCode?: string;
}

export interface ParsedContact {
  readonly line: number;
  readonly municipalityCode: string;
  readonly email: string;
}

/** A municipality the coordinator chose, with the address to invite. */
export interface ContactChoice {
  readonly municipalityCode: string;
  readonly email: string;
}

/**
 * Reads the contact list the coordinator pastes: one municipality per line, CBS code and
 * e-mail address separated by ';', ',' or a tab. Empty lines are skipped.
 */
export function parseContactList(
  text: string,
  knownCodes: ReadonlySet<string>,
): { contacts: ParsedContact[]; errors: LineError[] } {
  const contacts: ParsedContact[] = [];
  const errors: LineError[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const [codeText = '', emailText = '', ...rest] = raw.split(/[;,\t]/).map((part) => part.trim());
    if (rest.some((part) => part !== '') || emailText === '') {
      errors.push({
        line,
        message: `regel ${line}: schrijf de gemeentecode en het e-mailadres, gescheiden door een puntkomma (bijvoorbeeld GM0363;beleid@amsterdam.nl).`,
      });
      return;
    }
    const code = normalizeMunicipalityCode(codeText);
    if (!code || !knownCodes.has(code)) {
      errors.push({
        line,
        message: `regel ${line}: gemeentecode '${codeText}' staat niet in het register van deze meting.`,
      });
      return;
    }
    const email = EmailSchema.safeParse(emailText);
    if (!email.success) {
      errors.push({ line, message: `regel ${line}: '${emailText}' is geen geldig e-mailadres.` });
      return;
    }
    const earlier = seen.get(`${code}:${email.data}`);
    if (earlier) {
      errors.push({
        line,
        message: `regel ${line}: dezelfde uitnodiging staat ook op regel ${earlier}.`,
      });
      return;
    }
    seen.set(`${code}:${email.data}`, line);
    contacts.push({ line, municipalityCode: code, email: email.data });
  });
  if (contacts.length === 0 && errors.length === 0)
    errors.push({ line: 1, message: 'Vul minstens één gemeente met e-mailadres in.' });
  return { contacts, errors };
}

/**
 * Checks the municipalities the coordinator chose, each with an address. Messages start with
 * the municipality's name, so a list of them reads on its own.
 */
export function checkContactChoices(
  choices: readonly ContactChoice[],
  names: ReadonlyMap<string, string>,
): { contacts: ParsedContact[]; errors: LineError[] } {
  const contacts: ParsedContact[] = [];
  const errors: LineError[] = [];
  const seen = new Map<string, number>();
  choices.forEach((choice, index) => {
    const line = index + 1;
    const code = normalizeMunicipalityCode(choice.municipalityCode);
    const name = code ? names.get(code) : undefined;
    if (!code || !name) {
      errors.push({
        line,
        message: `Gemeentecode '${choice.municipalityCode}' staat niet in het register van deze meting.`,
      });
      return;
    }
    const problem = (message: string) =>
      errors.push({ line, municipalityCode: code, message: `${name}: ${message}` });
    if (choice.email.trim() === '') return problem('vul het e-mailadres in.');
    const email = EmailSchema.safeParse(choice.email);
    if (!email.success) return problem(`'${choice.email.trim()}' is geen geldig e-mailadres.`);
    const earlier = seen.get(`${code}:${email.data}`);
    if (earlier) return problem(`${email.data} staat ook al op plaats ${earlier}.`);
    seen.set(`${code}:${email.data}`, line);
    contacts.push({ line, municipalityCode: code, email: email.data });
  });
  if (choices.length === 0)
    errors.push({ line: 1, message: 'Kies minstens één gemeente om uit te nodigen.' });
  return { contacts, errors };
}

function invitationMail(link: string, municipality: string, round: string, expiresAt: Date) {
  return {
    subject: `Uitnodiging: ${round} – ${municipality}`,
    body: [
      'Beste collega,',
      '',
      `U bent uitgenodigd om voor de gemeente ${municipality} mee te doen aan ${round} van de Basisfunctiemonitor:`,
      'samen met uw provinciale adviseur vult u de vragenlijsten vrijwilligerswerk en mantelzorg in.',
      '',
      `Maak uw account aan via deze persoonlijke link (geldig tot ${expiresAt.toLocaleDateString('nl-NL', { timeZone: 'Europe/Amsterdam' })}, één keer te gebruiken):`,
      link,
      '',
      'Met vriendelijke groet,',
      'de landelijk coördinator',
    ].join('\n'),
  };
}

/** For an address that already has the municipality's account: no link to make one, but where to go. */
function participationMail(link: string, municipality: string, round: string) {
  return {
    subject: `Uitnodiging: ${round} – ${municipality}`,
    body: [
      'Beste collega,',
      '',
      `U bent uitgenodigd om voor de gemeente ${municipality} mee te doen aan ${round} van de Basisfunctiemonitor:`,
      'samen met uw provinciale adviseur vult u de vragenlijsten vrijwilligerswerk en mantelzorg in.',
      '',
      'U heeft al een account. Log in en ga naar de vragenlijsten:',
      link,
      '',
      'Met vriendelijke groet,',
      'de landelijk coördinator',
    ].join('\n'),
  };
}

/** A municipality and address the coordinator invited (or had invited before). */
export interface InvitationOutcome {
  readonly municipalityCode: string;
  readonly municipality: string;
  readonly email: string;
}

/** An invitation that was not sent because the same one is still good. */
export interface SkippedInvitation extends InvitationOutcome {
  /** 'valid': an unused invitation that has not expired; 'used': an account was made with it. */
  readonly reason: 'valid' | 'used';
  /** Why, in Dutch. */
  readonly message: string;
}

export type InviteResult =
  | {
      readonly ok: true;
      /** The number of invitations sent. */
      readonly sent: number;
      readonly invited: readonly InvitationOutcome[];
      readonly skipped: readonly SkippedInvitation[];
    }
  | { readonly ok: false; readonly errors: readonly LineError[] };

/**
 * Invites municipalities to a round, all or nothing: from a typed list (`code;e-mail` per
 * line) or from municipalities the coordinator chose, each with an address. A municipality
 * and address that already have a valid or used invitation in the round are skipped and
 * reported, so submitting the same form twice sends nothing twice. An address that already
 * has the municipality's account is told to log in; one that belongs to another account is
 * refused (it could never make the municipality's account).
 *
 * @returns what was sent and skipped, or the problems per line (nothing is sent then)
 * @throws {ForbiddenError} unless the user may invite
 * @throws {UserInputError} for a synthetic round
 */
export async function inviteMunicipalities(
  db: Database,
  mailer: Mailer,
  user: StaffUser,
  input: { roundId: string; contacts: string | readonly ContactChoice[]; links: Links },
): Promise<InviteResult> {
  assertCan(user, 'round.invite');
  const loaded = await loadRound(db, input.roundId);
  if (loaded.round.synthetic)
    throw new UserInputError(
      'Voor een synthetische demonstratiemeting worden geen uitnodigingen verstuurd.',
    );
  const names = new Map(loaded.municipalities.map((m) => [m.code, m.name]));
  const typed = typeof input.contacts === 'string';
  const { contacts, errors } =
    typeof input.contacts === 'string'
      ? parseContactList(input.contacts, new Set(names.keys()))
      : checkContactChoices(input.contacts, names);
  if (errors.length > 0) return { ok: false, errors };

  // An address with an account can only be the municipality's own: an invitation to make an
  // account with it could never be used.
  const accounts = await readAccountsByEmail(
    db,
    contacts.map((c) => c.email),
  );
  const accountErrors: LineError[] = [];
  for (const contact of contacts) {
    const account = accounts.get(contact.email);
    if (!account || account.municipalityCode === contact.municipalityCode) continue;
    const name = names.get(contact.municipalityCode) ?? contact.municipalityCode;
    const problem = `${contact.email} hoort al bij een ander account; kies een ander adres.`;
    accountErrors.push(
      typed
        ? { line: contact.line, message: `regel ${contact.line}: ${problem}` }
        : {
            line: contact.line,
            municipalityCode: contact.municipalityCode,
            message: `${name}: ${problem}`,
          },
    );
  }
  if (accountErrors.length > 0) return { ok: false, errors: accountErrors };

  const now = new Date();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
  const mails: MailMessage[] = [];
  const invited: InvitationOutcome[] = [];
  const skipped: SkippedInvitation[] = [];
  await db.transaction(async (tx) => {
    await lockRound(tx, input.roundId);
    const existing = await tx
      .select()
      .from(invitations)
      .where(eq(invitations.roundId, input.roundId));
    for (const contact of contacts) {
      const municipality = names.get(contact.municipalityCode) ?? contact.municipalityCode;
      const outcome = {
        municipalityCode: contact.municipalityCode,
        municipality,
        email: contact.email,
      };
      const same = existing.filter(
        (i) => i.municipalityCode === contact.municipalityCode && i.email === contact.email,
      );
      if (same.some((i) => i.usedAt)) {
        skipped.push({
          ...outcome,
          reason: 'used',
          message: `${municipality} had al een uitnodiging voor ${contact.email}, en die is gebruikt.`,
        });
        continue;
      }
      if (same.some((i) => i.expiresAt > now)) {
        skipped.push({
          ...outcome,
          reason: 'valid',
          message: `${municipality} had al een geldige uitnodiging voor dit adres (${contact.email}).`,
        });
        continue;
      }
      const hasAccount = accounts.has(contact.email);
      const token = generateSecretToken();
      await tx.insert(invitations).values({
        roundId: input.roundId,
        municipalityCode: contact.municipalityCode,
        email: contact.email,
        tokenHash: hashSecretToken(token),
        createdBy: user.id,
        expiresAt,
        // The address already has the municipality's account: nothing is left to accept.
        usedAt: hasAccount ? now : null,
      });
      await recordAudit(tx, {
        actorId: user.id,
        actorLabel: user.name,
        action: 'invitation.created',
        roundId: input.roundId,
        municipalityCode: contact.municipalityCode,
        subject: `uitnodiging ${contact.email}`,
        newValue: { email: contact.email, expiresAt: expiresAt.toISOString(), account: hasAccount },
      });
      const mail = {
        to: contact.email,
        ...(hasAccount
          ? participationMail(
              input.links.municipality(input.roundId, contact.municipalityCode),
              municipality,
              loaded.round.name,
            )
          : invitationMail(
              input.links.invitation(token),
              municipality,
              loaded.round.name,
              expiresAt,
            )),
      };
      if (mailer.kind === 'outbox') await mailer.send(tx, mail);
      else mails.push(mail);
      invited.push(outcome);
    }
  });
  for (const mail of mails) await mailer.send(db, mail);
  return { ok: true, sent: invited.length, invited, skipped };
}

/** The accounts behind the given addresses (stored lower-case, as EmailSchema makes them). */
async function readAccountsByEmail(
  executor: Executor,
  emails: readonly string[],
): Promise<Map<string, { municipalityCode: string | null }>> {
  if (emails.length === 0) return new Map();
  const rows = await executor
    .select({ email: users.email, municipalityCode: users.municipalityCode })
    .from(users)
    .where(inArray(users.email, [...new Set(emails)]));
  return new Map(rows.map((row) => [row.email, { municipalityCode: row.municipalityCode }]));
}

/**
 * Per municipality that was invited to the round: whether one of its invitations was used.
 * Municipalities without an invitation are absent.
 */
export async function readInvitationStates(
  executor: Executor,
  roundId: string,
): Promise<Map<string, 'unused' | 'used'>> {
  const rows = await executor
    .select({ code: invitations.municipalityCode, usedAt: invitations.usedAt })
    .from(invitations)
    .where(eq(invitations.roundId, roundId));
  const states = new Map<string, 'unused' | 'used'>();
  for (const row of rows)
    if (row.usedAt || !states.has(row.code)) states.set(row.code, row.usedAt ? 'used' : 'unused');
  return states;
}

/** How a chosen municipality stands with its invitations in the round. */
export type CandidateState =
  | { readonly kind: 'none' }
  | { readonly kind: 'valid'; readonly email: string; readonly expiresAt: string }
  | { readonly kind: 'expired'; readonly email: string }
  | { readonly kind: 'used'; readonly email: string };

export interface InvitationCandidate {
  readonly code: string;
  readonly name: string;
  readonly provinceName: string;
  /** The latest address known for the municipality (an invitation or its account), if any. */
  readonly knownEmail: string | null;
  readonly state: CandidateState;
}

export const CandidateSelectionSchema = z.object({
  /** Names or codes, separated by commas, semicolons or new lines. */
  names: z.string().max(10_000).catch(''),
  provinceCode: z
    .string()
    .regex(/^PV\d{2}$/)
    .nullable()
    .catch(null),
  notInvited: z.boolean().catch(false),
});
export type CandidateSelection = z.infer<typeof CandidateSelectionSchema>;

export interface InvitationChoice {
  readonly round: {
    readonly id: string;
    readonly name: string;
    readonly synthetic: boolean;
  };
  /** Every municipality of the round's register, by name, to choose from. */
  readonly municipalities: readonly { readonly code: string; readonly name: string }[];
  readonly provinces: readonly { readonly code: string; readonly name: string }[];
  /** Municipalities without any invitation to the round. */
  readonly notInvited: number;
  /** The chosen municipalities, sorted by name. */
  readonly candidates: readonly InvitationCandidate[];
  /** A Dutch problem per typed name that matched no municipality or several. */
  readonly problems: readonly string[];
}

/**
 * What the coordinator needs to invite: the municipalities to choose from, and those chosen
 * by name or code, by province, and/or every municipality without an invitation to the
 * round; each with the address known for it and how it stands.
 *
 * @throws {ForbiddenError} unless the user may invite
 * @throws {NotFoundError} for an unknown round
 */
export async function prepareInvitations(
  executor: Executor,
  user: StaffUser,
  roundId: string,
  selection: CandidateSelection,
): Promise<InvitationChoice> {
  assertCan(user, 'round.invite');
  const loaded = await loadRound(executor, roundId);
  const { found, problems } = matchMunicipalityNames(selection.names, loaded.municipalities);
  const rows = await executor
    .select()
    .from(invitations)
    .where(eq(invitations.roundId, roundId))
    .orderBy(desc(invitations.id));
  const invited = new Set(rows.map((row) => row.municipalityCode));
  const chosen = new Map<string, Municipality>();
  for (const municipality of found) chosen.set(municipality.code, municipality);
  for (const municipality of loaded.municipalities) {
    if (
      (selection.provinceCode !== null && municipality.provinceCode === selection.provinceCode) ||
      (selection.notInvited && !invited.has(municipality.code))
    )
      chosen.set(municipality.code, municipality);
  }
  const known = chosen.size > 0 ? await readKnownContacts(executor) : new Map<string, string>();
  const now = new Date();
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'nl');
  const candidates = [...chosen.values()].sort(byName).map((municipality) => {
    const own = rows.filter((row) => row.municipalityCode === municipality.code);
    const used = own.find((row) => row.usedAt);
    const valid = own.find((row) => !row.usedAt && row.expiresAt > now);
    const latest = own[0];
    const state: CandidateState = used
      ? { kind: 'used', email: used.email }
      : valid
        ? { kind: 'valid', email: valid.email, expiresAt: valid.expiresAt.toISOString() }
        : latest
          ? { kind: 'expired', email: latest.email }
          : { kind: 'none' };
    return {
      code: municipality.code,
      name: municipality.name,
      provinceName: municipality.provinceName,
      knownEmail: known.get(municipality.code) ?? null,
      state,
    };
  });
  const provinces = new Map(loaded.municipalities.map((m) => [m.provinceCode, m.provinceName]));
  return {
    round: { id: loaded.round.id, name: loaded.round.name, synthetic: loaded.round.synthetic },
    municipalities: loaded.municipalities.map((m) => ({ code: m.code, name: m.name })).sort(byName),
    provinces: [...provinces].map(([code, name]) => ({ code, name })).sort(byName),
    notInvited: loaded.municipalities.filter((m) => !invited.has(m.code)).length,
    candidates,
    problems,
  };
}

/**
 * The latest address known per municipality: from its invitations in any round or from its
 * accounts, whichever is newest.
 */
async function readKnownContacts(executor: Executor): Promise<Map<string, string>> {
  const rows = await queryRows<{ code: string; email: string }>(
    executor,
    sql`
    select distinct on (code) code, email from (
      select municipality_code as code, email, created_at from invitations
      union all
      select municipality_code, email, created_at from users
        where role = 'municipality' and disabled_at is null
    ) known order by code, created_at desc`,
  );
  return new Map(rows.map((row) => [row.code, row.email]));
}

export type InvitationState =
  | {
      readonly ok: true;
      readonly id: number;
      readonly email: string;
      readonly municipality: string;
      readonly municipalityCode: string;
      readonly round: string;
      readonly roundId: string;
    }
  | { readonly ok: false; readonly reason: 'unknown' | 'used' | 'expired' };

export const INVITATION_PROBLEMS: Record<'unknown' | 'used' | 'expired', string> = {
  unknown:
    'Deze uitnodigingslink bestaat niet. Controleer of u de hele link uit de e-mail heeft gebruikt.',
  used: 'Deze uitnodigingslink is al gebruikt. Heeft u al een account? Log dan in.',
  expired:
    'Deze uitnodigingslink is verlopen. Vraag de landelijk coördinator om een nieuwe uitnodiging.',
};

/** Looks up the invitation behind a link. */
export async function readInvitation(
  db: Database,
  token: string,
  now = new Date(),
): Promise<InvitationState> {
  const rows = await db
    .select()
    .from(invitations)
    .where(eq(invitations.tokenHash, hashSecretToken(token)));
  const invitation = rows[0];
  if (!invitation) return { ok: false, reason: 'unknown' };
  if (invitation.usedAt) return { ok: false, reason: 'used' };
  if (invitation.expiresAt <= now) return { ok: false, reason: 'expired' };
  const loaded = await loadRound(db, invitation.roundId);
  return {
    ok: true,
    id: invitation.id,
    email: invitation.email,
    municipality:
      loaded.municipalities.find((m) => m.code === invitation.municipalityCode)?.name ??
      invitation.municipalityCode,
    municipalityCode: invitation.municipalityCode,
    round: loaded.round.name,
    roundId: invitation.roundId,
  };
}

export const AcceptInvitationSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'Vul uw naam in.')
      .max(200, 'Een naam mag hoogstens 200 tekens lang zijn.'),
    password: PasswordSchema,
    confirmation: z.string(),
  })
  .refine((value) => value.password === value.confirmation, {
    path: ['confirmation'],
    message: 'De twee wachtwoorden zijn niet gelijk.',
  });

/**
 * Creates the account behind an invitation and logs it in. The invitation can be used once.
 *
 * @returns the login, or field problems / the reason the link no longer works
 */
export async function acceptInvitation(
  db: Database,
  token: string,
  input: { name: string; password: string; confirmation: string; clientAddress: string },
): Promise<
  | {
      ok: true;
      login: Extract<LoginResult, { ok: true }>;
      roundId: string;
      municipalityCode: string;
    }
  | { ok: false; issues: FieldIssue[] }
> {
  const state = await readInvitation(db, token);
  if (!state.ok)
    return { ok: false, issues: [{ field: 'name', message: INVITATION_PROBLEMS[state.reason] }] };
  const parsed = AcceptInvitationSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: toFieldIssues(parsed.error, { flat: true }) };
  // Checked before the invitation is claimed, so a weak password leaves the link usable.
  const strength = await checkPasswordStrength(parsed.data.password, {
    email: state.email,
    name: parsed.data.name,
  });
  if (!strength.ok)
    return { ok: false, issues: [{ field: 'password', message: strength.message }] };
  if (await findUserByEmail(db, state.email)) {
    return {
      ok: false,
      issues: [
        {
          field: 'name',
          message: `Er is al een account voor ${state.email}. Log in met dat account.`,
        },
      ],
    };
  }
  const claimed = await db
    .update(invitations)
    .set({ usedAt: new Date() })
    .where(and(eq(invitations.id, state.id), isNull(invitations.usedAt)))
    .returning({ id: invitations.id });
  if (claimed.length === 0)
    return { ok: false, issues: [{ field: 'name', message: INVITATION_PROBLEMS.used }] };
  const created = await createUser(
    db,
    {
      email: state.email,
      name: parsed.data.name,
      password: parsed.data.password,
      role: 'municipality',
      municipalityCode: state.municipalityCode,
    },
    `uitnodiging ${state.email}`,
  );
  // The password was just chosen: open the session directly, whatever the address's limit.
  const account = await findUserByEmail(db, created.email);
  if (!account) throw new Error('A fresh account was not found');
  const login = await openSession(db, account);
  return { ok: true, login, roundId: state.roundId, municipalityCode: state.municipalityCode };
}

type InvitationRow = typeof invitations.$inferSelect;

interface ReminderPlan {
  readonly loaded: LoadedRound;
  /** The latest invitation per municipality and address that gets a reminder now. */
  readonly due: readonly InvitationRow[];
  /** Those that would, but were reminded in the last REMINDER_PAUSE_HOURS. */
  readonly paused: readonly InvitationRow[];
}

/**
 * Who gets a reminder: per invited municipality and address (its latest invitation), when
 * the municipality has not submitted both questionnaires and has not declined.
 */
async function planReminders(
  executor: Executor,
  roundId: string,
  now: Date,
): Promise<ReminderPlan> {
  const loaded = await loadRound(executor, roundId);
  const questionnaires = loaded.instrument.questionnaires.length;
  const submitted = new Map<string, number>();
  for (const response of await listResponses(executor, roundId)) {
    if (response.submittedAt)
      submitted.set(response.municipalityCode, (submitted.get(response.municipalityCode) ?? 0) + 1);
  }
  const declined = new Set(
    [...(await readParticipations(executor, roundId))]
      .filter(([, participation]) => participation.status === 'declined')
      .map(([code]) => code),
  );
  const rows = await executor
    .select()
    .from(invitations)
    .where(eq(invitations.roundId, roundId))
    .orderBy(desc(invitations.id));
  const latest = new Map<string, InvitationRow>();
  for (const row of rows)
    if (!latest.has(`${row.municipalityCode}:${row.email}`))
      latest.set(`${row.municipalityCode}:${row.email}`, row);
  const unfinished = [...latest.values()].filter(
    (invitation) =>
      (submitted.get(invitation.municipalityCode) ?? 0) < questionnaires &&
      !declined.has(invitation.municipalityCode),
  );
  const pausedSince = now.getTime() - REMINDER_PAUSE_HOURS * 3_600_000;
  const isPaused = (invitation: InvitationRow) =>
    !!invitation.lastReminderAt && invitation.lastReminderAt.getTime() > pausedSince;
  return {
    loaded,
    due: unfinished.filter((invitation) => !isPaused(invitation)),
    paused: unfinished.filter(isPaused),
  };
}

export interface ReminderSummary {
  /** Reminders sent (or, for a preview, to be sent): one per address. */
  readonly sent: number;
  /** The municipalities they go to. */
  readonly municipalities: number;
  /** Addresses left out because they had a reminder in the last REMINDER_PAUSE_HOURS. */
  readonly skipped: number;
}

function summarize(plan: ReminderPlan): ReminderSummary {
  return {
    sent: plan.due.length,
    municipalities: new Set(plan.due.map((invitation) => invitation.municipalityCode)).size,
    skipped: plan.paused.length,
  };
}

/**
 * What `sendReminders` would send now, for the confirmation step.
 *
 * @throws {ForbiddenError} unless the user may send reminders
 * @throws {NotFoundError} for an unknown round
 */
export async function previewReminders(
  executor: Executor,
  user: StaffUser,
  roundId: string,
): Promise<ReminderSummary & { readonly round: { readonly id: string; readonly name: string } }> {
  assertCan(user, 'round.remind');
  const plan = await planReminders(executor, roundId, new Date());
  return {
    ...summarize(plan),
    round: { id: plan.loaded.round.id, name: plan.loaded.round.name },
  };
}

/**
 * Sends a reminder to every invited municipality that has not submitted both questionnaires
 * and has not declined, one per address. An unused invitation gets a fresh link (the old one
 * stops working). An address reminded in the last REMINDER_PAUSE_HOURS is skipped, so a
 * repeated form does not remind twice.
 *
 * @throws {ForbiddenError} unless the user may send reminders
 */
export async function sendReminders(
  db: Database,
  mailer: Mailer,
  user: StaffUser,
  input: { roundId: string; links: Links },
): Promise<ReminderSummary> {
  assertCan(user, 'round.remind');
  const mails: MailMessage[] = [];
  const summary = await db.transaction(async (tx) => {
    await lockRound(tx, input.roundId);
    const now = new Date();
    // Planned under the lock: a second submission waits here and then finds everything paused.
    const plan = await planReminders(tx, input.roundId, now);
    const { loaded } = plan;
    const names = new Map(loaded.municipalities.map((m) => [m.code, m.name]));
    for (const invitation of plan.due) {
      const municipality = names.get(invitation.municipalityCode) ?? invitation.municipalityCode;
      let link = input.links.municipality(input.roundId, invitation.municipalityCode);
      const updates: Partial<typeof invitations.$inferInsert> = { lastReminderAt: now };
      if (!invitation.usedAt) {
        const token = generateSecretToken();
        updates.tokenHash = hashSecretToken(token);
        updates.expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
        link = input.links.invitation(token);
      }
      await tx.update(invitations).set(updates).where(eq(invitations.id, invitation.id));
      const mail = {
        to: invitation.email,
        subject: `Herinnering: ${loaded.round.name} – ${municipality}`,
        body: [
          'Beste collega,',
          '',
          `De vragenlijsten van ${municipality} voor ${loaded.round.name} zijn nog niet allebei ingediend.`,
          invitation.usedAt
            ? 'U kunt verder gaan waar u was gebleven:'
            : 'Maak uw account aan via deze nieuwe persoonlijke link:',
          link,
          '',
          'Met vriendelijke groet,',
          'de landelijk coördinator',
        ].join('\n'),
      };
      await recordAudit(tx, {
        actorId: user.id,
        actorLabel: user.name,
        action: 'invitation.reminded',
        roundId: input.roundId,
        municipalityCode: invitation.municipalityCode,
        subject: `herinnering ${invitation.email}`,
      });
      if (mailer.kind === 'outbox') await mailer.send(tx, mail);
      else mails.push(mail);
    }
    return summarize(plan);
  });
  for (const mail of mails) await mailer.send(db, mail);
  return summary;
}

/** Invitations of a round, for the coordinator's overview. */
export async function countInvitations(
  db: Executor,
  user: StaffUser,
  roundId: string,
): Promise<{ sent: number; used: number; municipalities: number }> {
  assertCan(user, 'round.invite');
  const rows = await db
    .select({ usedAt: invitations.usedAt, code: invitations.municipalityCode })
    .from(invitations)
    .where(eq(invitations.roundId, roundId));
  return {
    sent: rows.length,
    used: rows.filter((row) => row.usedAt).length,
    municipalities: new Set(rows.map((row) => row.code)).size,
  };
}
