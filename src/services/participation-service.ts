/**
 * Response tracking: per municipality whether it takes part, takes part later or declines
 * (with a reason), combined with the status of its questionnaires into one category for the
 * response overview and the map.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Executor } from '../db/client.ts';
import { participations } from '../db/schema.ts';
import { recordAudit } from './audit-service.ts';
import type { StaffUser } from './auth-service.ts';
import { MUNICIPALITY_NOT_FOUND, NotFoundError } from './errors.ts';
import { assertCan } from './permissions.ts';
import { loadRound } from './round-service.ts';
import { toFieldIssues, type FieldIssue } from './validation.ts';

export const REASONS = [
  'geen-tijd',
  'geen-prioriteit',
  'personeelstekort',
  'onderzoeksmoeheid',
  'anders',
] as const;
export type Reason = (typeof REASONS)[number];
export const REASON_LABELS: Record<Reason, string> = {
  'geen-tijd': 'geen tijd',
  'geen-prioriteit': 'geen prioriteit',
  personeelstekort: 'personeelstekort',
  onderzoeksmoeheid: 'onderzoeksmoeheid',
  anders: 'anders',
};

/**
 * The categories of the response overview (figure 1 of the 2009 report, refined). 'invited'
 * and 'not-invited' exist only in rounds that invite municipalities: 'invited' has an
 * invitation that was not used yet and has not started; 'not-invited' has no invitation
 * and no activity, and is left out of the percentages (see `countsTowardsResponse`).
 */
export const RESPONSE_CATEGORIES = [
  'submitted',
  'in-progress',
  'not-started',
  'invited',
  'later',
  'declined',
  'not-invited',
] as const;
export type ResponseCategory = (typeof RESPONSE_CATEGORIES)[number];
export const CATEGORY_LABELS: Record<ResponseCategory, string> = {
  submitted: 'beide vragenlijsten ingediend',
  'in-progress': 'bezig',
  'not-started': 'nog niet begonnen',
  invited: 'uitgenodigd',
  later: 'doet later mee',
  declined: 'doet niet mee',
  'not-invited': 'niet uitgenodigd',
};

/**
 * The order of 'sort by status', ascending: from not yet asked to finished, then the
 * municipalities that said they take part later or not at all.
 */
export const CATEGORY_PROGRESS_ORDER: readonly ResponseCategory[] = [
  'not-invited',
  'invited',
  'not-started',
  'in-progress',
  'submitted',
  'later',
  'declined',
];

/** Whether a municipality in this category is part of the round's response (the percentages' base). */
export function countsTowardsResponse(category: ResponseCategory): boolean {
  return category !== 'not-invited';
}

/**
 * A municipality's invitations in a round: 'none' (the round invites others, not this one),
 * 'unused' (invited, no invitation used yet) or 'used' (an account was made with one). A round
 * that invites nobody (imported, demonstration, not yet invited) has no invitation state:
 * every municipality then belongs to the round.
 */
export type InvitationState = 'none' | 'unused' | 'used';

export const ParticipationFormSchema = z
  .object({
    status: z.enum(['takes-part', 'later', 'declined'], { error: 'Kies of de gemeente meedoet.' }),
    reason: z.enum(REASONS).optional(),
    reasonText: z
      .string()
      .trim()
      .max(1000, 'Een toelichting mag hoogstens 1000 tekens lang zijn.')
      .default(''),
  })
  .superRefine((value, ctx) => {
    if (value.status === 'takes-part') return;
    if (!value.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Kies een reden.' });
    if (value.reason === 'anders' && value.reasonText === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['reasonText'],
        message: "Beschrijf de reden bij 'anders'.",
      });
    }
  });
export type ParticipationForm = z.input<typeof ParticipationFormSchema>;

export interface Participation {
  readonly status: 'later' | 'declined';
  readonly reason: Reason;
  readonly reasonText: string | null;
}

export async function readParticipations(
  executor: Executor,
  roundId: string,
): Promise<Map<string, Participation>> {
  const rows = await executor
    .select()
    .from(participations)
    .where(eq(participations.roundId, roundId));
  return new Map(
    rows.map((row) => [
      row.municipalityCode,
      { status: row.status, reason: row.reason, reasonText: row.reasonText },
    ]),
  );
}

/**
 * Records whether a municipality takes part (coordinator, or the advisor of its province).
 *
 * @returns the problems per field, or ok
 */
export async function setParticipation(
  db: Database,
  user: StaffUser,
  input: { roundId: string; municipalityCode: string; form: ParticipationForm },
): Promise<{ ok: true } | { ok: false; issues: FieldIssue[] }> {
  const loaded = await loadRound(db, input.roundId);
  const municipality = loaded.municipalities.find((m) => m.code === input.municipalityCode);
  if (!municipality) throw new NotFoundError(MUNICIPALITY_NOT_FOUND);
  assertCan(user, 'participation.set', municipality);
  const parsed = ParticipationFormSchema.safeParse(input.form);
  if (!parsed.success) return { ok: false, issues: toFieldIssues(parsed.error, { flat: true }) };
  const value = parsed.data;
  await db.transaction(async (tx) => {
    const where = and(
      eq(participations.roundId, input.roundId),
      eq(participations.municipalityCode, input.municipalityCode),
    );
    const [old] = await tx.select().from(participations).where(where);
    if (value.status === 'takes-part') {
      await tx.delete(participations).where(where);
    } else {
      const row = {
        status: value.status,
        reason: value.reason as Reason,
        reasonText: value.reasonText === '' ? null : value.reasonText,
        updatedBy: user.id,
        updatedAt: new Date(),
      };
      await tx
        .insert(participations)
        .values({ roundId: input.roundId, municipalityCode: input.municipalityCode, ...row })
        .onConflictDoUpdate({
          target: [participations.roundId, participations.municipalityCode],
          set: row,
        });
    }
    await recordAudit(tx, {
      actorId: user.id,
      actorLabel: user.name,
      action: 'participation.changed',
      roundId: input.roundId,
      municipalityCode: input.municipalityCode,
      subject: 'deelname',
      oldValue: old
        ? { status: old.status, reason: old.reason, reasonText: old.reasonText }
        : { status: 'takes-part' },
      newValue:
        value.status === 'takes-part'
          ? { status: 'takes-part' }
          : { status: value.status, reason: value.reason, reasonText: value.reasonText || null },
    });
  });
  return { ok: true };
}

/**
 * One category per municipality: a recorded 'later'/'declined' wins over questionnaire
 * progress, and progress over invitations. Without an invitation state (a round that invites
 * nobody) a municipality that has not started is 'not-started'.
 *
 * @example
 * categorize(undefined, { vrijwilligerswerk: 'not-started' }, 'unused'); // 'invited'
 * categorize(undefined, { vrijwilligerswerk: 'in-progress' }, 'none');   // 'in-progress'
 */
export function categorize(
  participation: Participation | undefined,
  statuses: Readonly<Record<string, 'not-started' | 'in-progress' | 'submitted'>>,
  invitation?: InvitationState,
): ResponseCategory {
  if (participation) return participation.status;
  const values = Object.values(statuses);
  if (values.length > 0 && values.every((s) => s === 'submitted')) return 'submitted';
  if (values.some((s) => s !== 'not-started')) return 'in-progress';
  if (invitation === 'unused') return 'invited';
  if (invitation === 'none') return 'not-invited';
  return 'not-started';
}
