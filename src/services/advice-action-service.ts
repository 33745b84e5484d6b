/**
 * Following up the actions agreed in advice talks (issue 12, helper B): the municipality, its
 * advisor or the coordinator changes an action's status (planned, in progress, done, dropped
 * with a reason) and comments on it; everyone who may read the talk reads the action. Every
 * change is audited in the same transaction, in the trail of the round the talk discusses.
 *
 * The talk itself (its points and the actions as agreed) is recorded elsewhere
 * (advice-talk-service.ts); this module reads the talk tables directly, only for what an
 * action's page, the user's list of open actions, the home page and the weekly digest need.
 *
 * Like report notes, a status change names the version it started from: when someone else
 * changed the action in between, nothing is written and the save fails with
 * `ActionConflictError` (409), which carries what is stored now.
 */
import { and, asc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  ACTION_STATUS_LABELS,
  ACTION_STATUSES,
  isActionOverdue,
  VISION_AND_POLICY,
  type ActionStatus,
} from '../domain/improvement.ts';
import type { Instrument } from '../domain/instrument.ts';
import type { Municipality } from '../domain/register.ts';
import type { Database, Executor } from '../db/client.ts';
import { adviceActionComments, adviceActions, adviceTalks } from '../db/schema.ts';
import { recordAudit } from './audit-service.ts';
import type { StaffUser } from './auth-service.ts';
import { formatDutchDate, formatIsoDateDutch, toDutchIsoDate } from './dutch-time.ts';
import { ConflictError, NotFoundError } from './errors.ts';
import { assertCan, assertRoleMay, can, type Action } from './permissions.ts';
import { loadRound, type LoadedRound } from './round-service.ts';
import { toFieldIssues, type FieldIssue } from './validation.ts';

export const MAX_STATUS_REASON_LENGTH = 1000;
export const MAX_ACTION_COMMENT_LENGTH = 2000;

export const ACTION_NOT_FOUND =
  'Deze actie bestaat niet (meer), of u heeft er geen toegang toe. Kies de actie in de lijst met acties of bij het adviesgesprek.';

/** An action's place: its talk, the round the talk discusses and the municipality. */
export interface ActionContext {
  readonly talkId: number;
  readonly heldOn: string;
  readonly roundId: string;
  readonly roundName: string;
  readonly municipality: { readonly code: string; readonly name: string };
  /** The questionnaire's name and the basisfunctie's (or 'Visie en beleid'). */
  readonly questionnaire: { readonly id: string; readonly name: string };
  readonly basisfunctie: { readonly id: string; readonly name: string };
}

/** An action as the lists show it. */
export interface ActionSummary extends ActionContext {
  readonly id: number;
  readonly description: string;
  readonly owner: string;
  /** ISO date or null. */
  readonly dueOn: string | null;
  readonly status: ActionStatus;
  readonly statusLabel: string;
  readonly statusReason: string | null;
  readonly overdue: boolean;
}

export interface ActionComment {
  readonly id: number;
  readonly authorName: string;
  readonly text: string;
  /** ISO timestamp. */
  readonly createdAt: string;
}

/** One action for its page. */
export interface ActionDetail extends ActionSummary {
  /** The suggested activity of the basisfunctie it was taken from, if it was. */
  readonly activity: string | null;
  readonly version: number;
  readonly updatedByName: string;
  /** ISO timestamp. */
  readonly updatedAt: string;
  readonly statusChangedAt: string | null;
  readonly comments: readonly ActionComment[];
  /** Whether the user may change the status and comment. */
  readonly canUpdate: boolean;
}

type ActionRow = typeof adviceActions.$inferSelect;
type TalkRow = typeof adviceTalks.$inferSelect;

/** The name of a basisfunctie of a talk's round, 'Visie en beleid' for the general topic. */
export function nameBasisfunctie(
  instrument: Instrument,
  questionnaireId: string,
  basisfunctieId: string,
): { questionnaire: string; basisfunctie: string } {
  const questionnaire = instrument.questionnaires.find((q) => q.id === questionnaireId);
  const basisfunctie = questionnaire?.basisfuncties.find((b) => b.id === basisfunctieId);
  return {
    // The short name, as the report writes it ('Mantelzorg'), not the questionnaire's title.
    questionnaire: questionnaireId.charAt(0).toUpperCase() + questionnaireId.slice(1),
    basisfunctie:
      basisfunctieId === VISION_AND_POLICY
        ? 'Visie en beleid'
        : (basisfunctie?.name ?? basisfunctieId),
  };
}

/** Loads each round once per call: the instrument and the register (names, provinces). */
function createRoundCache(executor: Executor) {
  const rounds = new Map<string, Promise<LoadedRound>>();
  return (roundId: string) => {
    let loaded = rounds.get(roundId);
    if (!loaded) {
      loaded = loadRound(executor, roundId);
      rounds.set(roundId, loaded);
    }
    return loaded;
  };
}

function findMunicipality(loaded: LoadedRound, code: string): Municipality {
  // A talk names a municipality of its round's register; should the register no longer have
  // it, the code stands in for the name and no advisor's province covers it.
  return (
    loaded.municipalities.find((m) => m.code === code) ??
    ({ code, name: code, provinceCode: '' } as Municipality)
  );
}

function toSummary(
  row: ActionRow,
  talk: TalkRow,
  loaded: LoadedRound,
  municipality: Municipality,
  today: string,
): ActionSummary {
  const names = nameBasisfunctie(loaded.instrument, row.questionnaire, row.basisfunctie);
  return {
    id: row.id,
    talkId: talk.id,
    heldOn: talk.heldOn,
    roundId: talk.roundId,
    roundName: loaded.round.name,
    municipality: { code: municipality.code, name: municipality.name },
    questionnaire: { id: row.questionnaire, name: names.questionnaire },
    basisfunctie: { id: row.basisfunctie, name: names.basisfunctie },
    description: row.description,
    owner: row.owner,
    dueOn: row.dueOn,
    status: row.status,
    statusLabel: ACTION_STATUS_LABELS[row.status],
    statusReason: row.statusReason,
    overdue: isActionOverdue(row, today),
  };
}

async function loadActionScope(
  executor: Executor,
  user: StaffUser,
  action: Action,
  actionId: number,
) {
  // A role that may never do this hears 403 before anything is loaded.
  assertRoleMay(user, action);
  const [found] = Number.isSafeInteger(actionId)
    ? await executor
        .select({ action: adviceActions, talk: adviceTalks })
        .from(adviceActions)
        .innerJoin(adviceTalks, eq(adviceTalks.id, adviceActions.talkId))
        .where(eq(adviceActions.id, actionId))
    : [];
  if (!found) throw new NotFoundError(ACTION_NOT_FOUND);
  const loaded = await loadRound(executor, found.talk.roundId);
  const municipality = findMunicipality(loaded, found.talk.municipalityCode);
  // Outside the user's scope the action does not exist for them (404, not 403).
  assertCan(user, action, municipality);
  return { row: found.action, talk: found.talk, loaded, municipality };
}

/**
 * One action with its comments, for its page.
 *
 * @param today the Dutch calendar day (for 'overdue'); default now
 * @throws {NotFoundError} for an unknown action, or one outside the user's municipalities
 * @throws {ForbiddenError} for a role that reads no talks (the analyst)
 */
export async function readAction(
  executor: Executor,
  user: StaffUser,
  actionId: number,
  today = toDutchIsoDate(new Date()),
): Promise<ActionDetail> {
  const { row, talk, loaded, municipality } = await loadActionScope(
    executor,
    user,
    'talks.read',
    actionId,
  );
  const comments = await executor
    .select()
    .from(adviceActionComments)
    .where(eq(adviceActionComments.actionId, row.id))
    .orderBy(asc(adviceActionComments.createdAt), asc(adviceActionComments.id));
  return {
    ...toSummary(row, talk, loaded, municipality, today),
    activity: row.activity,
    version: row.version,
    updatedByName: row.updatedByName,
    updatedAt: row.updatedAt.toISOString(),
    statusChangedAt: row.statusChangedAt?.toISOString() ?? null,
    comments: comments.map((comment) => ({
      id: comment.id,
      authorName: comment.authorName,
      text: comment.text,
      createdAt: comment.createdAt.toISOString(),
    })),
    canUpdate: can(user, 'actions.update', municipality),
  };
}

const VERSION_MESSAGE = 'Laad de pagina opnieuw: de versie van de actie ontbreekt.';

export const ActionStatusInputSchema = z
  .object({
    actionId: z.coerce.number().int().positive(),
    status: z.enum(ACTION_STATUSES, {
      error: 'Kies de status van de actie: gepland, in uitvoering, gedaan of vervallen.',
    }),
    reason: z
      .string()
      .optional()
      .transform((text) => (text ?? '').replace(/\r\n/g, '\n').trim())
      .pipe(
        z
          .string()
          .max(
            MAX_STATUS_REASON_LENGTH,
            `De toelichting mag hoogstens ${MAX_STATUS_REASON_LENGTH} tekens lang zijn. Maak de tekst korter.`,
          ),
      ),
    baseVersion: z.coerce
      .number({ error: VERSION_MESSAGE })
      .int(VERSION_MESSAGE)
      .min(1, VERSION_MESSAGE),
  })
  .superRefine((value, context) => {
    // The database refuses a dropped action without a reason too; this says it in words.
    if (value.status === 'dropped' && value.reason === '')
      context.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'Geef aan waarom de actie vervalt, bijvoorbeeld dat een andere aanpak is gekozen.',
      });
  });
export type ActionStatusInput = z.input<typeof ActionStatusInputSchema>;

/** The action as stored now, carried by a conflict. */
export interface StoredActionStatus {
  readonly status: ActionStatus;
  readonly statusReason: string | null;
  readonly version: number;
  readonly updatedByName: string;
  readonly updatedAt: string;
}

/** Someone else changed the action after the editor opened it. */
export class ActionConflictError extends ConflictError {
  readonly current: StoredActionStatus;
  constructor(current: StoredActionStatus) {
    super(
      `${current.updatedByName} heeft deze actie intussen bijgewerkt (${formatDutchDate(current.updatedAt)}): de status is nu ‘${ACTION_STATUS_LABELS[current.status]}’${current.statusReason ? ` (${current.statusReason})` : ''}. Uw keuze is nog niet opgeslagen: kies opnieuw en sla op.`,
    );
    this.name = 'ActionConflictError';
    this.current = current;
  }
}

function toStored(row: ActionRow): StoredActionStatus {
  return {
    status: row.status,
    statusReason: row.statusReason,
    version: row.version,
    updatedByName: row.updatedByName,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** `Actie “Respijtzorg via vrijwillige thuishulp” (Respijtzorg, Mantelzorg)` */
function auditSubject(row: ActionRow, loaded: LoadedRound): string {
  const names = nameBasisfunctie(loaded.instrument, row.questionnaire, row.basisfunctie);
  const description =
    row.description.length > 80 ? `${row.description.slice(0, 79)}…` : row.description;
  return `Actie “${description}” (${names.basisfunctie}, ${names.questionnaire})`;
}

export type UpdateActionResult =
  | {
      readonly ok: true;
      readonly outcome: 'saved' | 'unchanged';
      readonly action: StoredActionStatus;
    }
  | { readonly ok: false; readonly issues: FieldIssue[] };

/**
 * Changes the status of an action (with a reason, required when it is dropped).
 *
 * @returns the outcome, or the problems per field (nothing is stored then)
 * @throws {ActionConflictError} when someone else changed the action since `baseVersion` (409);
 *   choosing the status and reason that are stored already is no conflict
 * @throws {NotFoundError} for an unknown action, or one outside the user's municipalities
 * @throws {ForbiddenError} for a role that may not update actions
 */
export async function updateActionStatus(
  db: Database,
  user: StaffUser,
  input: ActionStatusInput,
): Promise<UpdateActionResult> {
  assertRoleMay(user, 'actions.update');
  const parsed = ActionStatusInputSchema.safeParse(input);
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error, { flat: true });
    // An unknown action is a 404, not a form problem.
    if (issues.some((issue) => issue.field === 'actionId'))
      throw new NotFoundError(ACTION_NOT_FOUND);
    return { ok: false, issues };
  }
  const value = parsed.data;
  const { loaded } = await loadActionScope(db, user, 'actions.update', value.actionId);
  const reason = value.reason === '' ? null : value.reason;
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(adviceActions)
      .where(eq(adviceActions.id, value.actionId));
    if (!current) throw new NotFoundError(ACTION_NOT_FOUND);
    if (current.status === value.status && (current.statusReason ?? null) === reason)
      return { ok: true as const, outcome: 'unchanged' as const, action: toStored(current) };
    if (current.version !== value.baseVersion) throw new ActionConflictError(toStored(current));
    const now = new Date();
    // Only from the version the editor saw, so a change committed in between still conflicts.
    const [row] = await tx
      .update(adviceActions)
      .set({
        status: value.status,
        statusReason: reason,
        statusChangedAt: current.status === value.status ? current.statusChangedAt : now,
        version: sql`${adviceActions.version} + 1`,
        updatedBy: user.id,
        updatedByName: user.name,
        updatedAt: now,
      })
      .where(and(eq(adviceActions.id, current.id), eq(adviceActions.version, current.version)))
      .returning();
    if (!row) {
      const [stored] = await tx
        .select()
        .from(adviceActions)
        .where(eq(adviceActions.id, current.id));
      if (!stored) throw new NotFoundError(ACTION_NOT_FOUND);
      throw new ActionConflictError(toStored(stored));
    }
    const [talk] = await tx
      .select({ roundId: adviceTalks.roundId, municipalityCode: adviceTalks.municipalityCode })
      .from(adviceTalks)
      .where(eq(adviceTalks.id, row.talkId));
    await recordAudit(tx, {
      actorId: user.id,
      actorLabel: user.name,
      action: 'advice-action.status',
      roundId: talk?.roundId ?? null,
      municipalityCode: talk?.municipalityCode ?? null,
      subject: auditSubject(row, loaded),
      oldValue: { status: current.status, reason: current.statusReason },
      newValue: { status: row.status, reason: row.statusReason },
    });
    return { ok: true as const, outcome: 'saved' as const, action: toStored(row) };
  });
}

export const ActionCommentInputSchema = z.object({
  actionId: z.coerce.number().int().positive(),
  text: z
    .string({ error: 'Schrijf een opmerking voordat u haar plaatst.' })
    .transform((text) => text.replace(/\r\n/g, '\n').trim())
    .pipe(
      z
        .string()
        .min(1, 'Schrijf een opmerking voordat u haar plaatst.')
        .max(
          MAX_ACTION_COMMENT_LENGTH,
          `Een opmerking mag hoogstens ${MAX_ACTION_COMMENT_LENGTH} tekens lang zijn. Maak de tekst korter.`,
        ),
    ),
});
export type ActionCommentInput = z.input<typeof ActionCommentInputSchema>;

export type AddCommentResult =
  | { readonly ok: true; readonly comment: ActionComment }
  | { readonly ok: false; readonly issues: FieldIssue[] };

/**
 * Adds a comment to an action.
 *
 * @returns the comment, or the problems per field (nothing is stored then)
 * @throws {NotFoundError} for an unknown action, or one outside the user's municipalities
 * @throws {ForbiddenError} for a role that may not update actions
 */
export async function addActionComment(
  db: Database,
  user: StaffUser,
  input: ActionCommentInput,
): Promise<AddCommentResult> {
  assertRoleMay(user, 'actions.update');
  const parsed = ActionCommentInputSchema.safeParse(input);
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error, { flat: true });
    if (issues.some((issue) => issue.field === 'actionId'))
      throw new NotFoundError(ACTION_NOT_FOUND);
    return { ok: false, issues };
  }
  const { row, talk, loaded } = await loadActionScope(
    db,
    user,
    'actions.update',
    parsed.data.actionId,
  );
  return db.transaction(async (tx) => {
    const [comment] = await tx
      .insert(adviceActionComments)
      .values({
        actionId: row.id,
        authorId: user.id,
        authorName: user.name,
        text: parsed.data.text,
      })
      .returning();
    await recordAudit(tx, {
      actorId: user.id,
      actorLabel: user.name,
      action: 'advice-action.commented',
      roundId: talk.roundId,
      municipalityCode: talk.municipalityCode,
      subject: auditSubject(row, loaded),
      newValue: parsed.data.text,
    });
    return {
      ok: true as const,
      comment: {
        id: comment!.id,
        authorName: comment!.authorName,
        text: comment!.text,
        createdAt: comment!.createdAt.toISOString(),
      },
    };
  });
}

/**
 * The open actions (planned or in progress) the user may read: overdue first (longest overdue
 * first), then by target date, those without a date last. The coordinator's list is national,
 * an advisor's covers their provinces, a municipality's its own talks.
 *
 * @param today the Dutch calendar day; default now
 * @throws {ForbiddenError} for a role that reads no talks (the analyst)
 */
export async function listOpenActions(
  executor: Executor,
  user: StaffUser,
  today = toDutchIsoDate(new Date()),
): Promise<ActionSummary[]> {
  assertRoleMay(user, 'talks.read');
  const closed: ActionStatus[] = ['done', 'dropped'];
  const rows = await executor
    .select({ action: adviceActions, talk: adviceTalks })
    .from(adviceActions)
    .innerJoin(adviceTalks, eq(adviceTalks.id, adviceActions.talkId))
    .where(
      and(
        notInArray(adviceActions.status, closed),
        // A municipality's own talks are found by code; provinces need the round's register.
        user.role === 'municipality'
          ? inArray(
              adviceTalks.municipalityCode,
              user.municipalityCode ? [user.municipalityCode] : [],
            )
          : undefined,
      ),
    );
  const round = createRoundCache(executor);
  const result: ActionSummary[] = [];
  for (const { action, talk } of rows) {
    const loaded = await round(talk.roundId);
    const municipality = findMunicipality(loaded, talk.municipalityCode);
    if (!can(user, 'talks.read', municipality)) continue;
    result.push(toSummary(action, talk, loaded, municipality, today));
  }
  return result.sort(compareOpenActions);
}

/** Overdue first, then by target date (none last), then by municipality and id. */
function compareOpenActions(a: ActionSummary, b: ActionSummary): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  const due = (a.dueOn ?? '9999-12-31').localeCompare(b.dueOn ?? '9999-12-31');
  if (due !== 0) return due;
  return a.municipality.name.localeCompare(b.municipality.name, 'nl') || a.id - b.id;
}

/**
 * The overdue actions the user may read (for the home page and the weekly digest).
 *
 * @throws {ForbiddenError} for a role that reads no talks (the analyst)
 */
export async function listOverdueActions(
  executor: Executor,
  user: StaffUser,
  today = toDutchIsoDate(new Date()),
): Promise<ActionSummary[]> {
  return (await listOpenActions(executor, user, today)).filter((action) => action.overdue);
}

/** `respijtzorg via thuishulp (Amsterdam, Respijtzorg), streefdatum 1 november 2026` */
export function describeActionLine(action: ActionSummary): string {
  return `${action.description} (${action.municipality.name}, ${action.basisfunctie.name})${
    action.dueOn ? `, streefdatum ${formatIsoDateDutch(action.dueOn)}` : ''
  }`;
}
