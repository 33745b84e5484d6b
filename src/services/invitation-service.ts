/**
 * Invitations: the coordinator invites municipalities to a round; each contact gets a personal
 * link with a single-use, expiring token with which they create their account for that
 * municipality. Reminders go to municipalities that have not finished.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { normalizeMunicipalityCode } from '../domain/register.ts';
import type { Database } from '../db/client.ts';
import { listResponses } from '../db/repositories/response-repository.ts';
import { findUserByEmail } from '../db/repositories/user-repository.ts';
import { invitations } from '../db/schema.ts';
import { recordAudit } from './audit-service.ts';
import {
  createUser,
  EmailSchema,
  logIn,
  PasswordSchema,
  type LoginResult,
  type StaffUser,
} from './auth-service.ts';
import { UserInputError } from './errors.ts';
import type { Links } from './links.ts';
import type { Mailer } from './mail-service.ts';
import { assertCan } from './permissions.ts';
import { loadRound } from './round-service.ts';
import { generateSecretToken, hashSecretToken } from './secret-token.ts';
import { toFieldIssues, type FieldIssue } from './validation.ts';

export const INVITATION_DAYS = 14;

export interface LineError {
  readonly line: number;
  readonly message: string;
}

export interface ParsedContact {
  readonly line: number;
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

function invitationMail(link: string, municipality: string, round: string, expiresAt: Date) {
  return {
    subject: `Uitnodiging: ${round} – ${municipality}`,
    body: [
      'Beste collega,',
      '',
      `U bent uitgenodigd om voor de gemeente ${municipality} mee te doen aan ${round} van de Basisfunctiemonitor:`,
      'samen met uw provinciale adviseur vult u de vragenlijsten vrijwilligerswerk en mantelzorg in.',
      '',
      `Maak uw account aan via deze persoonlijke link (geldig tot ${expiresAt.toLocaleDateString('nl-NL')}, één keer te gebruiken):`,
      link,
      '',
      'Met vriendelijke groet,',
      'de landelijk coördinator',
    ].join('\n'),
  };
}

/**
 * Invites the municipalities on the contact list to a round: all or nothing.
 *
 * @returns the number of invitations sent, or the bad lines (nothing is sent then)
 */
export async function inviteMunicipalities(
  db: Database,
  mailer: Mailer,
  user: StaffUser,
  input: { roundId: string; contacts: string; links: Links },
): Promise<{ ok: true; sent: number } | { ok: false; errors: LineError[] }> {
  assertCan(user, 'round.invite');
  const loaded = await loadRound(db, input.roundId);
  if (loaded.round.synthetic)
    throw new UserInputError(
      'Voor een synthetische demonstratiemeting worden geen uitnodigingen verstuurd.',
    );
  const names = new Map(loaded.municipalities.map((m) => [m.code, m.name]));
  const { contacts, errors } = parseContactList(input.contacts, new Set(names.keys()));
  if (errors.length > 0) return { ok: false, errors };
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  const mails: { to: string; subject: string; body: string }[] = [];
  await db.transaction(async (tx) => {
    for (const contact of contacts) {
      const token = generateSecretToken();
      await tx.insert(invitations).values({
        roundId: input.roundId,
        municipalityCode: contact.municipalityCode,
        email: contact.email,
        tokenHash: hashSecretToken(token),
        createdBy: user.id,
        expiresAt,
      });
      await recordAudit(tx, {
        actorId: user.id,
        actorLabel: user.name,
        action: 'invitation.created',
        roundId: input.roundId,
        municipalityCode: contact.municipalityCode,
        subject: `uitnodiging ${contact.email}`,
        newValue: { email: contact.email, expiresAt: expiresAt.toISOString() },
      });
      const mail = {
        to: contact.email,
        ...invitationMail(
          input.links.invitation(token),
          names.get(contact.municipalityCode) ?? contact.municipalityCode,
          loaded.round.name,
          expiresAt,
        ),
      };
      if (mailer.kind === 'outbox') await mailer.send(tx, mail);
      else mails.push(mail);
    }
  });
  for (const mail of mails) await mailer.send(db, mail);
  return { ok: true, sent: contacts.length };
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
  await createUser(
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
  const login = await logIn(db, {
    email: state.email,
    password: parsed.data.password,
    clientAddress: input.clientAddress,
  });
  if (!login.ok) throw new Error('A fresh account could not log in');
  return { ok: true, login, roundId: state.roundId, municipalityCode: state.municipalityCode };
}

/**
 * Sends a reminder to every invited municipality that has not submitted both questionnaires.
 * An unused invitation gets a fresh link (the old one stops working).
 */
export async function sendReminders(
  db: Database,
  mailer: Mailer,
  user: StaffUser,
  input: { roundId: string; links: Links },
): Promise<number> {
  assertCan(user, 'round.remind');
  const loaded = await loadRound(db, input.roundId);
  const questionnaires = loaded.instrument.questionnaires.length;
  const submitted = new Map<string, number>();
  for (const response of await listResponses(db, input.roundId)) {
    if (response.submittedAt)
      submitted.set(response.municipalityCode, (submitted.get(response.municipalityCode) ?? 0) + 1);
  }
  const rows = await db
    .select()
    .from(invitations)
    .where(eq(invitations.roundId, input.roundId))
    .orderBy(desc(invitations.id));
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows)
    if (!latest.has(`${row.municipalityCode}:${row.email}`))
      latest.set(`${row.municipalityCode}:${row.email}`, row);
  const names = new Map(loaded.municipalities.map((m) => [m.code, m.name]));
  const unfinished = [...latest.values()].filter(
    (invitation) => (submitted.get(invitation.municipalityCode) ?? 0) < questionnaires,
  );
  const mails: { to: string; subject: string; body: string }[] = [];
  await db.transaction(async (tx) => {
    for (const invitation of unfinished) {
      const municipality = names.get(invitation.municipalityCode) ?? invitation.municipalityCode;
      let link = input.links.municipality(input.roundId, invitation.municipalityCode);
      const updates: Partial<typeof invitations.$inferInsert> = { lastReminderAt: new Date() };
      if (!invitation.usedAt) {
        const token = generateSecretToken();
        updates.tokenHash = hashSecretToken(token);
        updates.expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
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
  });
  for (const mail of mails) await mailer.send(db, mail);
  return unfinished.length;
}

/** Invitations of a round, for the coordinator's overview. */
export async function countInvitations(
  db: Database,
  user: StaffUser,
  roundId: string,
): Promise<{ sent: number; used: number }> {
  assertCan(user, 'round.invite');
  const rows = await db
    .select({ usedAt: invitations.usedAt })
    .from(invitations)
    .where(eq(invitations.roundId, roundId));
  return { sent: rows.length, used: rows.filter((row) => row.usedAt).length };
}
