/**
 * Advice talks (issue 12, decision 024): a provincial advisor or the coordinator records a talk
 * with one municipality about the results of a round: when, who took part, per basisfunctie the
 * points discussed and the actions agreed (what, who, by when). The municipality reads its
 * talks and follows the actions up (advice-action-service.ts); the next round's report shows
 * them (report-service.ts).
 *
 * A talk is saved as a whole, in one transaction: the talk, its topics and its actions, or
 * nothing at all when any field is wrong. Two recorders may edit the same talk at once: a save
 * names the version it started from, and a stale save writes nothing and fails with
 * `TalkConflictError` (409), as report notes do. An action's status is not part of the talk:
 * editing the talk never changes what the municipality reported on its actions.
 *
 * Talks name a municipality, so they are hidden outside the reader's scope: an advisor of
 * another province, or another municipality, hears 404 as if the talk did not exist.
 */
import { randomBytes } from 'node:crypto';
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  ACTION_STATUS_LABELS,
  isActionOverdue,
  VISION_AND_POLICY,
  type ActionStatus,
} from '../domain/improvement.ts';
import type { Instrument } from '../domain/instrument.ts';
import type { Municipality } from '../domain/register.ts';
import type { Database, Executor } from '../db/client.ts';
import {
  adviceActionComments,
  adviceActions,
  adviceTalks,
  adviceTalkTopics,
  rounds,
} from '../db/schema.ts';
import { recordAudit } from './audit-service.ts';
import type { StaffUser } from './auth-service.ts';
import {
  formatDutchDate,
  formatIsoDateDutch,
  parseDutchDate,
  toDutchIsoDate,
} from './dutch-time.ts';
import { ConflictError, MUNICIPALITY_NOT_FOUND, NotFoundError } from './errors.ts';
import { assertCan, assertRoleMay, can, rolesAllowed } from './permissions.ts';
import { loadQuestionnaire, summarizeQuestionnaire } from './questionnaire-service.ts';
import { loadRound, type LoadedRound } from './round-service.ts';
import { toFieldIssues, type FieldIssue } from './validation.ts';

export const TALK_NOT_FOUND =
  'Dit adviesgesprek bestaat niet, of u heeft er geen toegang toe. Ga naar Adviesgesprekken en kies het gesprek daar.';

export const MAX_TALK_TEXT = 4000;
export const MAX_ACTION_DESCRIPTION = 500;
export const MAX_ACTIONS_PER_TOPIC = 20;
export const VISION_AND_POLICY_NAME = 'Visie en beleid';

// ---------------------------------------------------------------------------------------------
// Input.

const text = (max: number, message: string) =>
  z
    .string({ error: 'Vul tekst in.' })
    .optional()
    .transform((value) => (value ?? '').replace(/\r\n/g, '\n').trim())
    .pipe(z.string().max(max, message));

export const TalkActionInputSchema = z.object({
  /** An existing action of this talk; absent for a new one. */
  id: z.coerce.number().int().positive().optional(),
  description: text(
    MAX_ACTION_DESCRIPTION,
    `Een actie is hoogstens ${MAX_ACTION_DESCRIPTION} tekens lang. Maak de beschrijving korter.`,
  ),
  /** The suggested activity of the basisfunctie it was taken from, if any. */
  activity: z.string().nullable().optional(),
  owner: text(200, 'Wie de actie uitvoert, is hoogstens 200 tekens lang.'),
  /** The target date: ISO (2027-03-01) or Dutch (1-3-2027); empty or null for none. */
  dueOn: z.string().nullable().optional(),
  /** Remove this existing action from the talk. */
  remove: z.boolean().optional(),
});

export const TalkTopicInputSchema = z.object({
  questionnaire: z.string({ error: 'Kies de vragenlijst.' }).min(1, 'Kies de vragenlijst.'),
  basisfunctie: z.string({ error: 'Kies de basisfunctie.' }).min(1, 'Kies de basisfunctie.'),
  points: text(MAX_TALK_TEXT, `Hoogstens ${MAX_TALK_TEXT} tekens. Maak de tekst korter.`),
  actions: z
    .array(TalkActionInputSchema)
    .max(MAX_ACTIONS_PER_TOPIC, `Hoogstens ${MAX_ACTIONS_PER_TOPIC} acties per basisfunctie.`)
    .optional()
    .default([]),
});

const TalkFieldsSchema = z.object({
  heldOn: z.string({ error: 'Vul de datum van het gesprek in, bijvoorbeeld 15-3-2027.' }),
  startTime: z.string().nullable().optional(),
  durationMinutes: z.union([z.number(), z.string(), z.null()]).optional(),
  location: text(200, 'De plaats is hoogstens 200 tekens lang.'),
  participants: text(2000, 'De deelnemers zijn hoogstens 2000 tekens. Maak de tekst korter.'),
  summary: text(MAX_TALK_TEXT, `Hoogstens ${MAX_TALK_TEXT} tekens. Maak de samenvatting korter.`),
  topics: z.array(TalkTopicInputSchema).max(60).optional().default([]),
});

export const NewTalkInputSchema = TalkFieldsSchema.extend({
  roundId: z.string({ error: 'Kies de meting.' }).min(1, 'Kies de meting.'),
  municipalityCode: z.string({ error: 'Kies de gemeente.' }).min(1, 'Kies de gemeente.'),
});
export type NewTalkInput = z.input<typeof NewTalkInputSchema>;

export const TalkUpdateInputSchema = TalkFieldsSchema.extend({
  baseVersion: z.coerce
    .number({ error: 'Laad de pagina opnieuw: de versie van het gesprek ontbreekt.' })
    .int('Laad de pagina opnieuw: de versie van het gesprek ontbreekt.')
    .min(1, 'Laad de pagina opnieuw: de versie van het gesprek ontbreekt.'),
});
export type TalkUpdateInput = z.input<typeof TalkUpdateInputSchema>;

type TalkFields = z.output<typeof TalkFieldsSchema>;

/** A checked action, ready to store. */
interface CheckedAction {
  readonly id: number | undefined;
  readonly remove: boolean;
  readonly description: string;
  readonly activity: string | null;
  readonly owner: string;
  readonly dueOn: string | null;
  readonly position: number;
}

interface CheckedTopic {
  readonly questionnaire: string;
  readonly basisfunctie: string;
  readonly name: string;
  readonly points: string;
  readonly actions: readonly CheckedAction[];
}

interface CheckedTalk {
  readonly heldOn: string;
  readonly startTime: string | null;
  readonly durationMinutes: number | null;
  readonly location: string | null;
  readonly participants: string;
  readonly summary: string;
  readonly topics: readonly CheckedTopic[];
}

/** A basisfunctie a talk can be about, in the order of the instrument. */
export interface TalkSubject {
  readonly questionnaire: string;
  readonly questionnaireName: string;
  readonly basisfunctie: string;
  readonly name: string;
  /** The suggested activities of the basisfunctie, to take an action's "what" from. */
  readonly activities: readonly string[];
}

/**
 * Every subject of a talk in the instrument of the round: per questionnaire 'Visie en beleid'
 * first (a basisfunctie of mantelzorg, a subject of its own for vrijwilligerswerk), then its
 * basisfuncties.
 */
export function listTalkSubjects(instrument: Instrument): TalkSubject[] {
  return instrument.questionnaires.flatMap((questionnaire) => [
    // Mantelzorg has 'Visie en beleid' as a basisfunctie of its own; vrijwilligerswerk asks
    // about it in its general questions only, so talks get it as a subject of its own there.
    ...(questionnaire.basisfuncties.some((b) => b.id === VISION_AND_POLICY)
      ? []
      : [
          {
            questionnaire: questionnaire.id,
            questionnaireName: questionnaire.name,
            basisfunctie: VISION_AND_POLICY,
            name: VISION_AND_POLICY_NAME,
            activities: [] as string[],
          },
        ]),
    ...questionnaire.basisfuncties.map((basisfunctie) => ({
      questionnaire: questionnaire.id,
      questionnaireName: questionnaire.name,
      basisfunctie: basisfunctie.id,
      name: basisfunctie.name,
      activities: [...basisfunctie.activities],
    })),
  ]);
}

/** `mantelzorg:respijtzorg`: the key of a subject. */
export function talkSubjectKey(questionnaire: string, basisfunctie: string): string {
  return `${questionnaire}:${basisfunctie}`;
}

const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Checks a talk against the round's instrument: the dates, the basisfuncties and every action.
 * Topics without points and actions are left out, and so are new action rows left entirely
 * empty (the form always offers one); an action with only an owner or a date lacks its
 * description. Issues name the field as a path into the input (`topics.3.actions.0.dueOn`).
 */
function checkTalk(
  fields: TalkFields,
  instrument: Instrument,
): { ok: true; value: CheckedTalk } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const heldOn = parseDutchDate(fields.heldOn);
  if (fields.heldOn.trim() === '')
    issues.push({
      field: 'heldOn',
      message: 'Vul de datum van het gesprek in, bijvoorbeeld 15-3-2027.',
    });
  else if (!heldOn)
    issues.push({
      field: 'heldOn',
      message: `‘${fields.heldOn}’ is geen datum. Vul de datum van het gesprek in als dag-maand-jaar, bijvoorbeeld 15-3-2027.`,
    });
  const startTime = (fields.startTime ?? '').trim();
  if (startTime !== '' && !TIME_PATTERN.test(startTime))
    issues.push({
      field: 'startTime',
      message: 'Vul de begintijd in als uren:minuten, bijvoorbeeld 14:30, of laat het veld leeg.',
    });
  const durationText = String(fields.durationMinutes ?? '').trim();
  const duration = durationText === '' ? null : Number(durationText);
  if (duration !== null && (!Number.isInteger(duration) || duration < 5 || duration > 720))
    issues.push({
      field: 'durationMinutes',
      message: 'Vul de duur in als een heel aantal minuten tussen 5 en 720, of laat het veld leeg.',
    });
  if (fields.participants === '')
    issues.push({
      field: 'participants',
      message: 'Vul in wie er aan het gesprek deelnamen, bijvoorbeeld namen en functies.',
    });

  const subjects = new Map(
    listTalkSubjects(instrument).map((subject) => [
      talkSubjectKey(subject.questionnaire, subject.basisfunctie),
      subject,
    ]),
  );
  const seen = new Set<string>();
  const topics: CheckedTopic[] = [];
  fields.topics.forEach((topic, topicIndex) => {
    const key = talkSubjectKey(topic.questionnaire, topic.basisfunctie);
    const subject = subjects.get(key);
    if (!subject) {
      issues.push({
        field: `topics.${topicIndex}.basisfunctie`,
        message: `De basisfunctie ‘${topic.basisfunctie}’ bestaat niet in de vragenlijst ‘${topic.questionnaire}’ van deze meting. Kies een basisfunctie uit het formulier.`,
      });
      return;
    }
    if (seen.has(key)) {
      issues.push({
        field: `topics.${topicIndex}.basisfunctie`,
        message: `${subject.name} staat twee keer in het gesprek. Zet de punten en acties bij één onderwerp.`,
      });
      return;
    }
    seen.add(key);
    const actions: CheckedAction[] = [];
    topic.actions.forEach((action, actionIndex) => {
      const field = (name: string) => `topics.${topicIndex}.actions.${actionIndex}.${name}`;
      const remove = action.remove === true && action.id !== undefined;
      const activity =
        action.activity && subject.activities.includes(action.activity) ? action.activity : null;
      // Chosen from the list (the datalist fills in the text): it counts as taken from it.
      const description = action.description === '' && activity ? activity : action.description;
      const dueText = (action.dueOn ?? '').trim();
      if (
        !remove &&
        action.id === undefined &&
        description === '' &&
        action.owner === '' &&
        dueText === ''
      )
        return;
      const dueOn = dueText === '' ? null : parseDutchDate(dueText);
      if (!remove) {
        if (description === '')
          issues.push({
            field: field('description'),
            message: `Beschrijf wat er gedaan wordt bij deze actie (${subject.name}), of maak de hele rij leeg.`,
          });
        if (dueText !== '' && !dueOn)
          issues.push({
            field: field('dueOn'),
            message: `‘${dueText}’ is geen datum. Vul de streefdatum in als dag-maand-jaar, bijvoorbeeld 1-6-2027.`,
          });
        else if (dueOn && heldOn && dueOn < heldOn)
          issues.push({
            field: field('dueOn'),
            message: `De streefdatum ${formatIsoDateDutch(dueOn)} ligt vóór het gesprek van ${formatIsoDateDutch(heldOn)}. Kies een datum op of na de dag van het gesprek.`,
          });
      }
      actions.push({
        id: action.id,
        remove,
        description,
        activity: activity ?? (subject.activities.includes(description) ? description : null),
        owner: action.owner,
        dueOn,
        position: actionIndex,
      });
    });
    if (topic.points === '' && actions.length === 0) return;
    topics.push({
      questionnaire: topic.questionnaire,
      basisfunctie: topic.basisfunctie,
      name: subject.name,
      points: topic.points,
      actions,
    });
  });
  if (issues.length > 0 || !heldOn) return { ok: false, issues };
  return {
    ok: true,
    value: {
      heldOn,
      startTime: startTime === '' ? null : startTime,
      durationMinutes: duration,
      location: fields.location === '' ? null : fields.location,
      participants: fields.participants,
      summary: fields.summary,
      topics,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Reading.

type TalkRow = typeof adviceTalks.$inferSelect;
type ActionRow = typeof adviceActions.$inferSelect;

export interface TalkComment {
  readonly id: number;
  readonly authorName: string;
  readonly text: string;
  /** ISO timestamp. */
  readonly createdAt: string;
}

export interface TalkAction {
  readonly id: number;
  readonly description: string;
  readonly activity: string | null;
  readonly owner: string;
  /** ISO date or null. */
  readonly dueOn: string | null;
  readonly status: ActionStatus;
  readonly statusLabel: string;
  readonly statusReason: string | null;
  readonly overdue: boolean;
  readonly version: number;
  readonly updatedByName: string;
  readonly updatedAt: string;
  readonly comments: readonly TalkComment[];
}

export interface TalkTopic {
  readonly questionnaire: string;
  readonly questionnaireName: string;
  readonly basisfunctie: string;
  readonly name: string;
  readonly points: string;
  /** The municipality's mark for the basisfunctie in the discussed round (one decimal). */
  readonly mark: number | null;
  readonly actions: readonly TalkAction[];
}

export interface Talk {
  readonly id: number;
  readonly version: number;
  readonly round: { readonly id: string; readonly name: string };
  readonly municipality: {
    readonly code: string;
    readonly name: string;
    readonly provinceCode: string;
    readonly provinceName: string;
  };
  /** ISO date. */
  readonly heldOn: string;
  readonly startTime: string | null;
  readonly durationMinutes: number | null;
  readonly location: string | null;
  readonly participants: string;
  readonly summary: string;
  readonly calendarUid: string;
  readonly invitedAt: string | null;
  readonly createdByName: string;
  readonly createdAt: string;
  readonly updatedByName: string;
  readonly updatedAt: string;
  /** Only the subjects discussed (points or actions), in the instrument's order. */
  readonly topics: readonly TalkTopic[];
  /** Whether the reader may edit the talk and send its invitation. */
  readonly canRecord: boolean;
  /** Whether the reader may update the actions' status and comment on them. */
  readonly canUpdateActions: boolean;
}

/** The municipality's mark per subject key in a round, when the reader may see its answers. */
async function readMarks(
  executor: Executor,
  user: StaffUser,
  loaded: LoadedRound,
  municipality: Municipality,
): Promise<Map<string, number | null>> {
  const marks = new Map<string, number | null>();
  if (!can(user, 'questionnaire.read', municipality)) return marks;
  for (const questionnaire of loaded.instrument.questionnaires) {
    const context = await loadQuestionnaire(executor, user, {
      roundId: loaded.round.id,
      municipalityCode: municipality.code,
      questionnaire: questionnaire.id,
    });
    for (const basisfunctie of summarizeQuestionnaire(context).basisfuncties)
      marks.set(talkSubjectKey(questionnaire.id, basisfunctie.id), basisfunctie.mark);
  }
  return marks;
}

function findMunicipality(loaded: LoadedRound, code: string): Municipality {
  const municipality = loaded.municipalities.find((m) => m.code === code);
  if (!municipality) throw new NotFoundError(MUNICIPALITY_NOT_FOUND);
  return municipality;
}

/** The talk row and its scope, or 404 when it does not exist or the user may not read it. */
async function findTalkFor(
  executor: Executor,
  user: StaffUser,
  talkId: number,
  action: 'talks.read' | 'talks.record',
): Promise<{ row: TalkRow; loaded: LoadedRound; municipality: Municipality }> {
  // A role that may never do this hears 403 before anything is loaded.
  assertRoleMay(user, action);
  const [row] = Number.isSafeInteger(talkId)
    ? await executor.select().from(adviceTalks).where(eq(adviceTalks.id, talkId))
    : [];
  if (!row) throw new NotFoundError(TALK_NOT_FOUND);
  const loaded = await loadRound(executor, row.roundId);
  const municipality = loaded.municipalities.find((m) => m.code === row.municipalityCode);
  if (!municipality || !can(user, 'talks.read', municipality))
    throw new NotFoundError(TALK_NOT_FOUND);
  assertCan(user, action, municipality);
  return { row, loaded, municipality };
}

function toAction(row: ActionRow, comments: readonly TalkComment[], today: string): TalkAction {
  return {
    id: row.id,
    description: row.description,
    activity: row.activity,
    owner: row.owner,
    dueOn: row.dueOn,
    status: row.status,
    statusLabel: ACTION_STATUS_LABELS[row.status],
    statusReason: row.statusReason,
    overdue: isActionOverdue({ status: row.status, dueOn: row.dueOn }, today),
    version: row.version,
    updatedByName: row.updatedByName,
    updatedAt: row.updatedAt.toISOString(),
    comments,
  };
}

async function composeTalk(
  executor: Executor,
  user: StaffUser,
  scope: { row: TalkRow; loaded: LoadedRound; municipality: Municipality },
): Promise<Talk> {
  const { row, loaded, municipality } = scope;
  const topicRows = await executor
    .select()
    .from(adviceTalkTopics)
    .where(eq(adviceTalkTopics.talkId, row.id));
  const actionRows = await executor
    .select()
    .from(adviceActions)
    .where(eq(adviceActions.talkId, row.id))
    .orderBy(asc(adviceActions.position), asc(adviceActions.id));
  const commentRows =
    actionRows.length === 0
      ? []
      : await executor
          .select()
          .from(adviceActionComments)
          .where(
            inArray(
              adviceActionComments.actionId,
              actionRows.map((action) => action.id),
            ),
          )
          .orderBy(asc(adviceActionComments.createdAt), asc(adviceActionComments.id));
  const marks = await readMarks(executor, user, loaded, municipality);
  const today = toDutchIsoDate(new Date());
  const topics: TalkTopic[] = [];
  // Subjects of the instrument first, in its order; then anything stored under an id the
  // instrument no longer has, so nothing recorded is ever hidden.
  const subjects = listTalkSubjects(loaded.instrument);
  const known = new Set(subjects.map((s) => talkSubjectKey(s.questionnaire, s.basisfunctie)));
  const stored = [
    ...topicRows.map((t) => talkSubjectKey(t.questionnaire, t.basisfunctie)),
    ...actionRows.map((a) => talkSubjectKey(a.questionnaire, a.basisfunctie)),
  ];
  const extra = [...new Set(stored)].filter((key) => !known.has(key));
  const all: TalkSubject[] = [
    ...subjects,
    ...extra.map((key) => {
      const [questionnaire = '', basisfunctie = ''] = key.split(':');
      return {
        questionnaire,
        questionnaireName: questionnaire,
        basisfunctie,
        name: basisfunctie,
        activities: [],
      };
    }),
  ];
  for (const subject of all) {
    const topic = topicRows.find(
      (t) => t.questionnaire === subject.questionnaire && t.basisfunctie === subject.basisfunctie,
    );
    const actions = actionRows.filter(
      (a) => a.questionnaire === subject.questionnaire && a.basisfunctie === subject.basisfunctie,
    );
    if (!topic && actions.length === 0) continue;
    topics.push({
      questionnaire: subject.questionnaire,
      questionnaireName: subject.questionnaireName,
      basisfunctie: subject.basisfunctie,
      name: subject.name,
      points: topic?.points ?? '',
      mark: marks.get(talkSubjectKey(subject.questionnaire, subject.basisfunctie)) ?? null,
      actions: actions.map((action) =>
        toAction(
          action,
          commentRows
            .filter((comment) => comment.actionId === action.id)
            .map((comment) => ({
              id: comment.id,
              authorName: comment.authorName,
              text: comment.text,
              createdAt: comment.createdAt.toISOString(),
            })),
          today,
        ),
      ),
    });
  }
  return {
    id: row.id,
    version: row.version,
    round: { id: loaded.round.id, name: loaded.round.name },
    municipality: {
      code: municipality.code,
      name: municipality.name,
      provinceCode: municipality.provinceCode,
      provinceName: municipality.provinceName,
    },
    heldOn: row.heldOn,
    startTime: row.startTime,
    durationMinutes: row.durationMinutes,
    location: row.location,
    participants: row.participants,
    summary: row.summary,
    calendarUid: row.calendarUid,
    invitedAt: row.invitedAt?.toISOString() ?? null,
    createdByName: row.createdByName,
    createdAt: row.createdAt.toISOString(),
    updatedByName: row.updatedByName,
    updatedAt: row.updatedAt.toISOString(),
    topics,
    canRecord: can(user, 'talks.record', municipality),
    canUpdateActions: can(user, 'actions.update', municipality),
  };
}

/**
 * One talk with its topics, actions and the comments on them.
 *
 * @throws {NotFoundError} when the talk does not exist or the user may not read it (another
 *   municipality's, or an advisor outside the municipality's province)
 * @throws {ForbiddenError} for a role that never reads talks (the analyst)
 */
export async function readTalk(executor: Executor, user: StaffUser, talkId: number): Promise<Talk> {
  const scope = await findTalkFor(executor, user, talkId, 'talks.read');
  return composeTalk(executor, user, scope);
}

/** What the talk form needs: the subjects with their marks, and the talk when editing. */
export interface TalkEditor {
  readonly round: { readonly id: string; readonly name: string };
  readonly municipality: {
    readonly code: string;
    readonly name: string;
    readonly provinceName: string;
  };
  readonly subjects: readonly (TalkSubject & { readonly mark: number | null })[];
  /** The talk being edited; null for a new one. */
  readonly talk: Talk | null;
}

/**
 * The form for a new talk with a municipality about a round, or for editing a talk.
 *
 * @throws {NotFoundError} for an unknown round, municipality or talk, or one outside the
 *   user's scope
 * @throws {ForbiddenError} for a role that never records talks
 */
export async function readTalkEditor(
  executor: Executor,
  user: StaffUser,
  which: { readonly talkId: number } | { readonly roundId: string; readonly code: string },
): Promise<TalkEditor> {
  assertRoleMay(user, 'talks.record');
  let loaded: LoadedRound;
  let municipality: Municipality;
  let talk: Talk | null = null;
  if ('talkId' in which) {
    const scope = await findTalkFor(executor, user, which.talkId, 'talks.record');
    ({ loaded, municipality } = scope);
    talk = await composeTalk(executor, user, scope);
  } else {
    loaded = await loadRound(executor, which.roundId);
    municipality = findMunicipality(loaded, which.code);
    assertCan(user, 'talks.record', municipality);
  }
  const marks = await readMarks(executor, user, loaded, municipality);
  return {
    round: { id: loaded.round.id, name: loaded.round.name },
    municipality: {
      code: municipality.code,
      name: municipality.name,
      provinceName: municipality.provinceName,
    },
    subjects: listTalkSubjects(loaded.instrument).map((subject) => ({
      ...subject,
      mark: marks.get(talkSubjectKey(subject.questionnaire, subject.basisfunctie)) ?? null,
    })),
    talk,
  };
}

/** A talk in a list. */
export interface TalkSummary {
  readonly id: number;
  readonly round: { readonly id: string; readonly name: string };
  readonly municipality: {
    readonly code: string;
    readonly name: string;
    readonly provinceCode: string;
    readonly provinceName: string;
  };
  readonly heldOn: string;
  readonly startTime: string | null;
  readonly participants: string;
  readonly topics: number;
  readonly actions: number;
  /** Actions neither done nor dropped. */
  readonly openActions: number;
  readonly overdueActions: number;
  readonly updatedByName: string;
}

export const TalkFilterSchema = z.object({
  roundId: z.string().trim().optional().catch(undefined),
  provinceCode: z
    .string()
    .trim()
    .regex(/^PV\d{2}$/)
    .optional()
    .catch(undefined),
  municipalityCode: z
    .string()
    .trim()
    .regex(/^\d{4}$/)
    .optional()
    .catch(undefined),
});
export type TalkFilter = z.input<typeof TalkFilterSchema>;

/**
 * The talks the user may read, newest first: the coordinator every talk, an advisor those
 * with municipalities of their provinces, a municipality its own. Filters narrow the list; a
 * filter value that is not valid is ignored.
 *
 * @throws {ForbiddenError} for a role that never reads talks (the analyst)
 */
export async function listTalks(
  executor: Executor,
  user: StaffUser,
  filter: TalkFilter = {},
): Promise<TalkSummary[]> {
  assertRoleMay(user, 'talks.read');
  const { roundId, provinceCode, municipalityCode } = TalkFilterSchema.parse(filter);
  const conditions = [
    roundId ? eq(adviceTalks.roundId, roundId) : undefined,
    municipalityCode ? eq(adviceTalks.municipalityCode, municipalityCode) : undefined,
    // A municipality's own talks only, whatever was asked.
    user.role === 'municipality'
      ? eq(adviceTalks.municipalityCode, user.municipalityCode ?? '')
      : undefined,
  ].filter((condition) => condition !== undefined);
  const rows = await executor
    .select({
      talk: adviceTalks,
      roundName: rounds.name,
    })
    .from(adviceTalks)
    .innerJoin(rounds, eq(rounds.id, adviceTalks.roundId))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(sql`${adviceTalks.heldOn} desc`, sql`${adviceTalks.id} desc`);
  if (rows.length === 0) return [];
  const registers = new Map<string, LoadedRound>();
  for (const id of new Set(rows.map((r) => r.talk.roundId)))
    registers.set(id, await loadRound(executor, id));
  const talkIds = rows.map((r) => r.talk.id);
  const topicCounts = await executor
    .select({ talkId: adviceTalkTopics.talkId, n: count() })
    .from(adviceTalkTopics)
    .where(inArray(adviceTalkTopics.talkId, talkIds))
    .groupBy(adviceTalkTopics.talkId);
  const actionRows = await executor
    .select({
      talkId: adviceActions.talkId,
      status: adviceActions.status,
      dueOn: adviceActions.dueOn,
    })
    .from(adviceActions)
    .where(inArray(adviceActions.talkId, talkIds));
  const today = toDutchIsoDate(new Date());
  const summaries: TalkSummary[] = [];
  for (const { talk, roundName } of rows) {
    const municipality = registers
      .get(talk.roundId)
      ?.municipalities.find((m) => m.code === talk.municipalityCode);
    if (!municipality || !can(user, 'talks.read', municipality)) continue;
    if (provinceCode && municipality.provinceCode !== provinceCode) continue;
    const actions = actionRows.filter((a) => a.talkId === talk.id);
    summaries.push({
      id: talk.id,
      round: { id: talk.roundId, name: roundName },
      municipality: {
        code: municipality.code,
        name: municipality.name,
        provinceCode: municipality.provinceCode,
        provinceName: municipality.provinceName,
      },
      heldOn: talk.heldOn,
      startTime: talk.startTime,
      participants: talk.participants,
      topics: topicCounts.find((t) => t.talkId === talk.id)?.n ?? 0,
      actions: actions.length,
      openActions: actions.filter((a) => a.status === 'planned' || a.status === 'in_progress')
        .length,
      overdueActions: actions.filter((a) => isActionOverdue(a, today)).length,
      updatedByName: talk.updatedByName,
    });
  }
  return summaries;
}

// ---------------------------------------------------------------------------------------------
// Saving.

/** Someone else saved the talk after the editor opened it. */
export class TalkConflictError extends ConflictError {
  readonly current: {
    readonly version: number;
    readonly updatedByName: string;
    readonly updatedAt: string;
  };
  constructor(current: TalkRow) {
    super(
      `${current.updatedByName} heeft dit gesprek intussen gewijzigd (${formatDutchDate(current.updatedAt)}). Uw invoer is niet opgeslagen en staat nog in het formulier: open het gesprek opnieuw in een ander venster, neem over wat u wilt houden en sla opnieuw op.`,
    );
    this.name = 'TalkConflictError';
    this.current = {
      version: current.version,
      updatedByName: current.updatedByName,
      updatedAt: current.updatedAt.toISOString(),
    };
  }
}

export type SaveTalkResult =
  | { readonly ok: true; readonly id: number; readonly version: number }
  | { readonly ok: false; readonly issues: FieldIssue[] };

/** A talk's subject line in the audit trail: `Adviesgesprek van 15-3-2027`. */
function talkSubject(heldOn: string): string {
  return `Adviesgesprek van ${formatIsoDateDutch(heldOn)}`;
}

function actionSubject(topic: CheckedTopic | { name: string; questionnaire: string }): string {
  const questionnaire = topic.questionnaire.charAt(0).toUpperCase() + topic.questionnaire.slice(1);
  return `Actie bij ${topic.name} (${questionnaire})`;
}

function actionValue(action: Pick<CheckedAction, 'description' | 'owner' | 'dueOn'>) {
  return { description: action.description, owner: action.owner, dueOn: action.dueOn };
}

function talkValue(
  talk: CheckedTalk | TalkRow,
  topics: readonly { key: string; points: string }[],
) {
  return {
    heldOn: talk.heldOn,
    startTime: talk.startTime,
    durationMinutes: talk.durationMinutes,
    location: talk.location,
    participants: talk.participants,
    summary: talk.summary,
    topics: Object.fromEntries(topics.map((t) => [t.key, t.points])),
  };
}

function newCalendarUid(): string {
  return `talk-${randomBytes(12).toString('base64url')}@basisfunctiemonitor`;
}

/**
 * Records a new talk with its topics and actions, in one transaction.
 *
 * @returns the new talk's id, or the problems per field (nothing is stored then)
 * @throws {NotFoundError} for an unknown round or municipality, or one outside the user's
 *   provinces
 * @throws {ForbiddenError} for a role that never records talks
 */
export async function createTalk(
  db: Database,
  user: StaffUser,
  input: NewTalkInput,
): Promise<SaveTalkResult> {
  assertRoleMay(user, 'talks.record');
  const parsed = NewTalkInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: toFieldIssues(parsed.error) };
  const loaded = await loadRound(db, parsed.data.roundId);
  const municipality = findMunicipality(loaded, parsed.data.municipalityCode);
  assertCan(user, 'talks.record', municipality);
  const checked = checkTalk(parsed.data, loaded.instrument);
  if (!checked.ok) return checked;
  const talk = checked.value;
  return db.transaction(async (tx) => {
    const now = new Date();
    const [row] = await tx
      .insert(adviceTalks)
      .values({
        roundId: loaded.round.id,
        municipalityCode: municipality.code,
        heldOn: talk.heldOn,
        startTime: talk.startTime,
        durationMinutes: talk.durationMinutes,
        location: talk.location,
        participants: talk.participants,
        summary: talk.summary,
        calendarUid: newCalendarUid(),
        createdBy: user.id,
        createdByName: user.name,
        createdAt: now,
        updatedBy: user.id,
        updatedByName: user.name,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('The talk was not stored.');
    await writeTopics(tx, row.id, talk.topics);
    await recordAudit(tx, {
      actorId: user.id,
      actorLabel: user.name,
      action: 'talk.created',
      roundId: loaded.round.id,
      municipalityCode: municipality.code,
      subject: talkSubject(talk.heldOn),
      newValue: talkValue(
        talk,
        talk.topics
          .filter((t) => t.points !== '')
          .map((t) => ({ key: talkSubjectKey(t.questionnaire, t.basisfunctie), points: t.points })),
      ),
    });
    for (const topic of talk.topics)
      for (const action of topic.actions) {
        if (action.id !== undefined) continue;
        await insertAction(tx, user, row.id, topic, action, now);
        await recordAudit(tx, {
          actorId: user.id,
          actorLabel: user.name,
          action: 'talk.action-added',
          roundId: loaded.round.id,
          municipalityCode: municipality.code,
          subject: actionSubject(topic),
          newValue: actionValue(action),
        });
      }
    return { ok: true as const, id: row.id, version: row.version };
  });
}

async function writeTopics(executor: Executor, talkId: number, topics: readonly CheckedTopic[]) {
  const rows = topics
    .filter((topic) => topic.points !== '')
    .map((topic) => ({
      talkId,
      questionnaire: topic.questionnaire,
      basisfunctie: topic.basisfunctie,
      points: topic.points,
    }));
  if (rows.length > 0) await executor.insert(adviceTalkTopics).values(rows);
}

async function insertAction(
  executor: Executor,
  user: StaffUser,
  talkId: number,
  topic: CheckedTopic,
  action: CheckedAction,
  now: Date,
) {
  await executor.insert(adviceActions).values({
    talkId,
    questionnaire: topic.questionnaire,
    basisfunctie: topic.basisfunctie,
    description: action.description,
    activity: action.activity,
    owner: action.owner,
    dueOn: action.dueOn,
    position: action.position,
    updatedBy: user.id,
    updatedByName: user.name,
    updatedAt: now,
  });
}

/**
 * Saves a changed talk: its fields and points replace what is stored; actions with an id are
 * changed (their status stays as the municipality set it) or, with `remove`, removed; actions
 * without an id are added. Existing actions the input does not mention are kept.
 *
 * @returns the new version, or the problems per field (nothing is stored then)
 * @throws {TalkConflictError} when someone else saved the talk since `baseVersion`
 * @throws {NotFoundError} for an unknown talk, or one outside the user's scope
 * @throws {ForbiddenError} for a role that never records talks
 */
export async function updateTalk(
  db: Database,
  user: StaffUser,
  talkId: number,
  input: TalkUpdateInput,
): Promise<SaveTalkResult> {
  assertRoleMay(user, 'talks.record');
  const { row: before, loaded } = await findTalkFor(db, user, talkId, 'talks.record');
  const parsed = TalkUpdateInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: toFieldIssues(parsed.error) };
  const checked = checkTalk(parsed.data, loaded.instrument);
  if (!checked.ok) return checked;
  const talk = checked.value;
  const stored = await db.select().from(adviceActions).where(eq(adviceActions.talkId, talkId));
  const commented = new Set(
    (
      await db
        .select({ actionId: adviceActionComments.actionId })
        .from(adviceActionComments)
        .innerJoin(adviceActions, eq(adviceActions.id, adviceActionComments.actionId))
        .where(eq(adviceActions.talkId, talkId))
    ).map((c) => c.actionId),
  );
  // Existing actions stay with their basisfunctie, and one the municipality has followed up
  // is not removed: its history would go with it. It can be set to 'vervallen' instead.
  const issues: FieldIssue[] = [];
  parsed.data.topics.forEach((topicInput, topicIndex) => {
    topicInput.actions.forEach((actionInput, actionIndex) => {
      if (actionInput.id === undefined) return;
      const field = `topics.${topicIndex}.actions.${actionIndex}`;
      const existing = stored.find((a) => a.id === actionInput.id);
      if (
        !existing ||
        existing.questionnaire !== topicInput.questionnaire ||
        existing.basisfunctie !== topicInput.basisfunctie
      )
        issues.push({
          field: `${field}.id`,
          message: `Actie ${actionInput.id} hoort niet bij deze basisfunctie van dit gesprek. Laad de pagina opnieuw.`,
        });
      else if (actionInput.remove && (existing.status !== 'planned' || commented.has(existing.id)))
        issues.push({
          field: `${field}.remove`,
          message: `De actie ‘${existing.description}’ is al opgevolgd (status of opmerkingen) en blijft daarom bewaard. Zet haar op ‘vervallen’ met een reden als zij niet meer doorgaat.`,
        });
    });
  });
  if (issues.length > 0) return { ok: false, issues };
  const beforeTopics = await db
    .select()
    .from(adviceTalkTopics)
    .where(eq(adviceTalkTopics.talkId, talkId));
  return db.transaction(async (tx) => {
    const now = new Date();
    // Only from the version the editor saw: a save that commits in between makes this one a
    // conflict, and nothing below is written.
    const [row] = await tx
      .update(adviceTalks)
      .set({
        heldOn: talk.heldOn,
        startTime: talk.startTime,
        durationMinutes: talk.durationMinutes,
        location: talk.location,
        participants: talk.participants,
        summary: talk.summary,
        version: sql`${adviceTalks.version} + 1`,
        updatedBy: user.id,
        updatedByName: user.name,
        updatedAt: now,
      })
      .where(and(eq(adviceTalks.id, talkId), eq(adviceTalks.version, parsed.data.baseVersion)))
      .returning();
    if (!row) {
      const [current] = await tx.select().from(adviceTalks).where(eq(adviceTalks.id, talkId));
      if (!current) throw new NotFoundError(TALK_NOT_FOUND);
      throw new TalkConflictError(current);
    }
    await tx.delete(adviceTalkTopics).where(eq(adviceTalkTopics.talkId, talkId));
    await writeTopics(tx, talkId, talk.topics);
    const audit = (action: string, subject: string, oldValue: unknown, newValue: unknown) =>
      recordAudit(tx, {
        actorId: user.id,
        actorLabel: user.name,
        action,
        roundId: before.roundId,
        municipalityCode: before.municipalityCode,
        subject,
        oldValue,
        newValue,
      });
    const oldValue = talkValue(
      before,
      beforeTopics.map((t) => ({
        key: talkSubjectKey(t.questionnaire, t.basisfunctie),
        points: t.points,
      })),
    );
    const newValue = talkValue(
      talk,
      talk.topics
        .filter((t) => t.points !== '')
        .map((t) => ({ key: talkSubjectKey(t.questionnaire, t.basisfunctie), points: t.points })),
    );
    if (JSON.stringify(oldValue) !== JSON.stringify(newValue))
      await audit('talk.updated', talkSubject(talk.heldOn), oldValue, newValue);
    for (const topic of talk.topics)
      for (const action of topic.actions) {
        const existing = stored.find((a) => a.id === action.id);
        if (!existing) {
          await insertAction(tx, user, talkId, topic, action, now);
          await audit('talk.action-added', actionSubject(topic), null, actionValue(action));
        } else if (action.remove) {
          await tx.delete(adviceActions).where(eq(adviceActions.id, existing.id));
          await audit('talk.action-removed', actionSubject(topic), actionValue(existing), null);
        } else if (
          existing.description !== action.description ||
          existing.owner !== action.owner ||
          existing.dueOn !== action.dueOn ||
          existing.activity !== action.activity ||
          existing.position !== action.position
        ) {
          await tx
            .update(adviceActions)
            .set({
              description: action.description,
              activity: action.activity,
              owner: action.owner,
              dueOn: action.dueOn,
              position: action.position,
              version: sql`${adviceActions.version} + 1`,
              updatedBy: user.id,
              updatedByName: user.name,
              updatedAt: now,
            })
            .where(eq(adviceActions.id, existing.id));
          if (JSON.stringify(actionValue(existing)) !== JSON.stringify(actionValue(action)))
            await audit(
              'talk.action-changed',
              actionSubject(topic),
              actionValue(existing),
              actionValue(action),
            );
        }
      }
    return { ok: true as const, id: talkId, version: row.version };
  });
}

/**
 * Throws unless the user's role records talks: the 'new talk' chooser asks before it lists
 * anything.
 *
 * @throws {ForbiddenError} for the municipality and the analyst
 */
export function assertMayRecordTalks(user: StaffUser): void {
  assertRoleMay(user, 'talks.record');
}

/** What the talk list and the 'new talk' chooser offer the user. */
export interface TalkChoices {
  readonly rounds: readonly { readonly id: string; readonly name: string }[];
  /** Provinces the user may see talks in (empty for a municipality account). */
  readonly provinces: readonly { readonly code: string; readonly name: string }[];
  /** For the chosen round: the municipalities the user may record a talk with. */
  readonly municipalities: readonly { readonly code: string; readonly name: string }[];
  /** Whether the user's role records talks (somewhere). */
  readonly mayRecord: boolean;
}

/**
 * The rounds, the provinces and (for `roundId`) the municipalities to choose from in the talk
 * list's filter and the 'new talk' chooser.
 *
 * @throws {ForbiddenError} for a role that never reads talks
 */
export async function listTalkChoices(
  executor: Executor,
  user: StaffUser,
  roundId?: string,
): Promise<TalkChoices> {
  assertRoleMay(user, 'talks.read');
  const roundRows = await executor
    .select({ id: rounds.id, name: rounds.name, registerId: rounds.registerId })
    .from(rounds)
    .orderBy(sql`${rounds.createdAt} desc`);
  const provinces = new Map<string, string>();
  let municipalities: { code: string; name: string }[] = [];
  if (user.role !== 'municipality') {
    for (const registerId of new Set(roundRows.map((r) => r.registerId))) {
      const round = roundRows.find((r) => r.registerId === registerId);
      if (!round) continue;
      for (const m of (await loadRound(executor, round.id)).municipalities)
        if (can(user, 'talks.read', m)) provinces.set(m.provinceCode, m.provinceName);
    }
  }
  const chosen = roundRows.find((r) => r.id === roundId);
  if (chosen) {
    municipalities = (await loadRound(executor, chosen.id)).municipalities
      .filter((m) => can(user, 'talks.record', m))
      .map((m) => ({ code: m.code, name: m.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  }
  return {
    rounds: roundRows.map((r) => ({ id: r.id, name: r.name })),
    provinces: [...provinces]
      .map(([code, name]) => ({ code, name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'nl')),
    municipalities,
    mayRecord: rolesAllowed('talks.record').includes(user.role),
  };
}
