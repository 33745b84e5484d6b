/**
 * Planning an advice talk (issue 12, helper B): the invitation goes by e-mail with an
 * iCalendar file attached (src/domain/icalendar.ts), or to the outbox when there is no SMTP
 * server; the same file can be downloaded from the talk.
 *
 * The event's UID is the talk's `calendar_uid`; its SEQUENCE goes up with every invitation
 * after the first, so a calendar that has the talk already updates it (a new date, a new
 * place) instead of adding a second one. The invitation is audited in the trail of the round
 * the talk discusses.
 *
 * Reads the talk directly (a small query), independent of the recording of talks.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { buildCalendarInvitation, DEFAULT_TALK_MINUTES } from '../domain/icalendar.ts';
import type { Municipality } from '../domain/register.ts';
import type { Database, Executor } from '../db/client.ts';
import { adviceTalks, users } from '../db/schema.ts';
import { recordAudit } from './audit-service.ts';
import type { StaffUser } from './auth-service.ts';
import { formatIsoDateDutch } from './dutch-time.ts';
import { NotFoundError } from './errors.ts';
import type { Links } from './links.ts';
import type { Mailer, MailAttachment } from './mail-service.ts';
import { assertCan, assertRoleMay, can, type Action } from './permissions.ts';
import { loadRound } from './round-service.ts';
import { toFieldIssues, type FieldIssue } from './validation.ts';

export const TALK_NOT_FOUND =
  'Dit adviesgesprek bestaat niet (meer), of u heeft er geen toegang toe. Kies het gesprek in de lijst met adviesgesprekken.';
/** How many addresses one invitation may go to. */
export const MAX_INVITATION_RECIPIENTS = 20;
export const MAX_INVITATION_MESSAGE_LENGTH = 2000;
/** The name of the attached (and downloaded) file. */
export const CALENDAR_FILE_NAME = 'adviesgesprek.ics';
export const CALENDAR_CONTENT_TYPE = 'text/calendar; charset=utf-8; method=REQUEST';

export interface TalkForInvitation {
  readonly id: number;
  readonly roundId: string;
  readonly roundName: string;
  readonly municipality: { readonly code: string; readonly name: string };
  /** ISO date. */
  readonly heldOn: string;
  readonly startTime: string | null;
  readonly durationMinutes: number | null;
  readonly location: string | null;
  readonly participants: string;
  /** How often the invitation was sent before (0: never), and when last. */
  readonly sequence: number;
  readonly invitedAt: string | null;
  /** `1 december 2026, 10:00–11:30` or `1 december 2026 (hele dag)`. */
  readonly when: string;
  /** The municipality's active accounts: the addresses the form suggests. */
  readonly suggestedRecipients: readonly string[];
  /** Whether the user may send the invitation (the download is for every reader). */
  readonly canInvite: boolean;
}

type TalkRow = typeof adviceTalks.$inferSelect;

/** `10:00` + 90 minutes → `11:30` (wall-clock). */
function addMinutes(time: string, minutes: number): string {
  const [hour, minute] = time.split(':').map(Number);
  const total = ((hour ?? 0) * 60 + (minute ?? 0) + minutes) % (24 * 60);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

function describeWhen(talk: TalkRow): string {
  const day = formatIsoDateDutch(talk.heldOn);
  if (!talk.startTime) return `${day} (hele dag)`;
  return `${day}, ${talk.startTime}–${addMinutes(talk.startTime, talk.durationMinutes ?? DEFAULT_TALK_MINUTES)}`;
}

async function loadTalkScope(executor: Executor, user: StaffUser, action: Action, talkId: number) {
  assertRoleMay(user, action);
  const [talk] = Number.isSafeInteger(talkId)
    ? await executor.select().from(adviceTalks).where(eq(adviceTalks.id, talkId))
    : [];
  if (!talk) throw new NotFoundError(TALK_NOT_FOUND);
  const loaded = await loadRound(executor, talk.roundId);
  const municipality =
    loaded.municipalities.find((m) => m.code === talk.municipalityCode) ??
    ({
      code: talk.municipalityCode,
      name: talk.municipalityCode,
      provinceCode: '',
    } as Municipality);
  assertCan(user, action, municipality);
  return { talk, loaded, municipality };
}

/**
 * A talk for its invitation page (or the download of its calendar file).
 *
 * @param action 'talks.record' for the invitation form, 'talks.read' for the download
 * @throws {NotFoundError} for an unknown talk or one outside the user's municipalities
 * @throws {ForbiddenError} for a role that may not do this at all
 */
export async function readTalkForInvitation(
  executor: Executor,
  user: StaffUser,
  talkId: number,
  action: 'talks.record' | 'talks.read' = 'talks.record',
): Promise<TalkForInvitation> {
  const { talk, loaded, municipality } = await loadTalkScope(executor, user, action, talkId);
  const accounts = await executor
    .select({ email: users.email })
    .from(users)
    .where(
      and(
        eq(users.role, 'municipality'),
        eq(users.municipalityCode, talk.municipalityCode),
        isNull(users.disabledAt),
      ),
    )
    .orderBy(users.email);
  return {
    id: talk.id,
    roundId: talk.roundId,
    roundName: loaded.round.name,
    municipality: { code: municipality.code, name: municipality.name },
    heldOn: talk.heldOn,
    startTime: talk.startTime,
    durationMinutes: talk.durationMinutes,
    location: talk.location,
    participants: talk.participants,
    sequence: talk.calendarSequence,
    invitedAt: talk.invitedAt?.toISOString() ?? null,
    when: describeWhen(talk),
    suggestedRecipients: accounts.map((account) => account.email),
    canInvite: can(user, 'talks.record', municipality),
  };
}

function summaryOf(municipalityName: string, roundName: string): string {
  return `Adviesgesprek ${municipalityName} over ${roundName}`;
}

async function findOrganizer(executor: Executor, talk: TalkRow, fallback: StaffUser) {
  if (talk.createdBy !== null) {
    const [creator] = await executor
      .select({ name: users.name, email: users.email })
      .from(users)
      .where(eq(users.id, talk.createdBy));
    if (creator) return creator;
  }
  return { name: fallback.name, email: fallback.email };
}

function buildFile(
  talk: TalkRow,
  context: { roundName: string; municipalityName: string; sequence: number; now: Date },
  organizer: { name: string; email: string },
  attendees: readonly string[],
  talkLink: string,
): MailAttachment {
  const content = buildCalendarInvitation({
    uid: talk.calendarUid,
    sequence: context.sequence,
    stamp: context.now,
    date: talk.heldOn,
    startTime: talk.startTime,
    durationMinutes: talk.durationMinutes,
    summary: summaryOf(context.municipalityName, context.roundName),
    location: talk.location,
    description: [
      `Adviesgesprek over de resultaten van ${context.roundName} van ${context.municipalityName}.`,
      talk.participants ? `Deelnemers: ${talk.participants}` : '',
      `Het gesprek in de Basisfunctiemonitor: ${talkLink}`,
    ]
      .filter(Boolean)
      .join('\n'),
    organizer,
    attendees: attendees.map((email) => ({ name: '', email })),
  });
  return { filename: CALENDAR_FILE_NAME, contentType: CALENDAR_CONTENT_TYPE, content };
}

/**
 * The talk's calendar file as it stands (the sequence of the last invitation), for download.
 *
 * @throws {NotFoundError} for an unknown talk or one outside the user's municipalities
 * @throws {ForbiddenError} for the analyst
 */
export async function readTalkCalendar(
  executor: Executor,
  user: StaffUser,
  talkId: number,
  links: Links,
  now = new Date(),
): Promise<MailAttachment> {
  const { talk, loaded, municipality } = await loadTalkScope(executor, user, 'talks.read', talkId);
  const organizer = await findOrganizer(executor, talk, user);
  return buildFile(
    talk,
    {
      roundName: loaded.round.name,
      municipalityName: municipality.name,
      sequence: talk.calendarSequence,
      now,
    },
    organizer,
    [],
    links.talk(talk.id),
  );
}

const ADDRESS = z.email();

export const TalkInvitationInputSchema = z.object({
  talkId: z.coerce.number().int().positive(),
  recipients: z.string({ error: 'Vul minstens één e-mailadres in.' }).transform((text, context) => {
    const addresses = [
      ...new Set(
        text
          .split(/[\s,;]+/)
          .map((address) => address.trim().toLowerCase())
          .filter(Boolean),
      ),
    ];
    if (addresses.length === 0) {
      context.addIssue({ code: 'custom', message: 'Vul minstens één e-mailadres in.' });
      return z.NEVER;
    }
    const wrong = addresses.filter((address) => !ADDRESS.safeParse(address).success);
    if (wrong.length > 0) {
      context.addIssue({
        code: 'custom',
        message: `${wrong.map((w) => `‘${w}’`).join(', ')} ${wrong.length === 1 ? 'is geen e-mailadres' : 'zijn geen e-mailadressen'}. Schrijf de adressen voluit (naam@gemeente.nl), gescheiden door komma's of op aparte regels.`,
      });
      return z.NEVER;
    }
    if (addresses.length > MAX_INVITATION_RECIPIENTS) {
      context.addIssue({
        code: 'custom',
        message: `Een uitnodiging gaat naar hoogstens ${MAX_INVITATION_RECIPIENTS} adressen; u noemt er ${addresses.length}. Nodig de anderen in een tweede uitnodiging uit.`,
      });
      return z.NEVER;
    }
    return addresses;
  }),
  message: z
    .string()
    .optional()
    .transform((text) => (text ?? '').replace(/\r\n/g, '\n').trim())
    .pipe(
      z
        .string()
        .max(
          MAX_INVITATION_MESSAGE_LENGTH,
          `Het bericht mag hoogstens ${MAX_INVITATION_MESSAGE_LENGTH} tekens lang zijn. Maak het korter.`,
        ),
    ),
});
export type TalkInvitationInput = z.input<typeof TalkInvitationInputSchema>;

export type SendInvitationResult =
  | { readonly ok: true; readonly recipients: readonly string[]; readonly sequence: number }
  | { readonly ok: false; readonly issues: FieldIssue[] };

/**
 * Sends the invitation to a talk, with its iCalendar file, to each address (one message each),
 * and audits it. A second invitation raises the event's SEQUENCE, so calendars update it.
 *
 * @returns the addresses and the sequence sent, or the problems per field (nothing is sent)
 * @throws {NotFoundError} for an unknown talk or one outside the user's provinces
 * @throws {ForbiddenError} for a role that records no talks
 */
export async function sendTalkInvitation(
  db: Database,
  user: StaffUser,
  services: { readonly mailer: Mailer; readonly links: Links },
  input: TalkInvitationInput,
  now = new Date(),
): Promise<SendInvitationResult> {
  assertRoleMay(user, 'talks.record');
  const parsed = TalkInvitationInputSchema.safeParse(input);
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error, { flat: true });
    if (issues.some((issue) => issue.field === 'talkId')) throw new NotFoundError(TALK_NOT_FOUND);
    return { ok: false, issues };
  }
  const { talkId, recipients, message } = parsed.data;
  const { loaded, municipality } = await loadTalkScope(db, user, 'talks.record', talkId);
  return db.transaction(async (tx) => {
    // Read again in the transaction, locked: two invitations at once get two sequences.
    const [talk] = await tx
      .select()
      .from(adviceTalks)
      .where(eq(adviceTalks.id, talkId))
      .for('update');
    if (!talk) throw new NotFoundError(TALK_NOT_FOUND);
    const sequence = talk.invitedAt ? talk.calendarSequence + 1 : talk.calendarSequence;
    await tx
      .update(adviceTalks)
      .set({ calendarSequence: sequence, invitedAt: now })
      .where(eq(adviceTalks.id, talk.id));
    const organizer = await findOrganizer(tx, talk, user);
    const link = services.links.talk(talk.id);
    const file = buildFile(
      talk,
      { roundName: loaded.round.name, municipalityName: municipality.name, sequence, now },
      organizer,
      recipients,
      link,
    );
    const subject = `${sequence > 0 ? 'Gewijzigde uitnodiging' : 'Uitnodiging'}: adviesgesprek ${municipality.name}, ${formatIsoDateDutch(talk.heldOn)}`;
    const body = [
      ...(message ? [message, ''] : []),
      `${user.name} nodigt u uit voor een adviesgesprek over de resultaten van ${loaded.round.name} van ${municipality.name}.`,
      '',
      `Wanneer: ${describeWhen(talk)}`,
      ...(talk.location ? [`Waar: ${talk.location}`] : []),
      ...(talk.participants ? [`Deelnemers: ${talk.participants}`] : []),
      '',
      `De uitnodiging zit als agenda-item bij deze e-mail (${CALENDAR_FILE_NAME}): open het bestand om het gesprek in uw agenda te zetten.`,
      `Het gesprek in de Basisfunctiemonitor: ${link}`,
    ].join('\n');
    for (const to of recipients)
      await services.mailer.send(tx, { to, subject, body, attachments: [file] });
    await recordAudit(tx, {
      actorId: user.id,
      actorLabel: user.name,
      action: 'advice-talk.invited',
      roundId: talk.roundId,
      municipalityCode: talk.municipalityCode,
      subject: `Uitnodiging voor het adviesgesprek van ${formatIsoDateDutch(talk.heldOn)}`,
      newValue: { recipients, sequence },
    });
    return { ok: true as const, recipients, sequence };
  });
}
