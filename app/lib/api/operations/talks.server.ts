/**
 * API operations on advice talks (issue 12, helper A): list, read, record and change a talk
 * with its points and actions per basisfunctie. The same service as the pages
 * (src/services/advice-talk-service.ts), so the same checks and the same Dutch messages.
 */
import { z } from 'zod';
import {
  createTalk,
  listTalks,
  readTalk,
  updateTalk,
  type SaveTalkResult,
  type Talk,
} from '../../../../src/services/advice-talk-service.ts';
import { ACTION_STATUSES } from '../../../../src/domain/improvement.ts';
import { ErrorSchema, invalid, ok, user } from '../schemas.server.ts';
import { ApiInputError, type ApiOperation } from '../types.server.ts';

const TALK_ID = { talkId: { description: 'The talk’s id.', pattern: '^\\d+$' } };

const ActionSchema = z.object({
  id: z.number().int(),
  description: z.string(),
  activity: z
    .string()
    .nullable()
    .describe('The suggested activity of the basisfunctie the action was taken from, if any.'),
  owner: z.string().describe('Who does it, as typed.'),
  dueOn: z.string().nullable().describe('Target date (YYYY-MM-DD).'),
  status: z.enum(ACTION_STATUSES),
  statusLabel: z.string(),
  statusReason: z.string().nullable(),
  overdue: z.boolean().describe('A target date before today (Dutch time) and not done or dropped.'),
  version: z.number().int(),
  updatedBy: z.string(),
  updatedAt: z.string(),
  comments: z.array(
    z.object({ id: z.number().int(), author: z.string(), text: z.string(), createdAt: z.string() }),
  ),
});

const TalkSchema = z.object({
  id: z.number().int(),
  version: z.number().int().describe('Send this back as baseVersion when changing the talk.'),
  round: z.object({ id: z.string(), name: z.string() }),
  municipality: z.object({
    code: z.string(),
    name: z.string(),
    provinceCode: z.string(),
    provinceName: z.string(),
  }),
  heldOn: z.string().describe('The day of the talk (YYYY-MM-DD).'),
  startTime: z.string().nullable(),
  durationMinutes: z.number().int().nullable(),
  location: z.string().nullable(),
  participants: z.string(),
  summary: z.string(),
  calendarUid: z.string(),
  invitedAt: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
  topics: z
    .array(
      z.object({
        questionnaire: z.string(),
        basisfunctie: z
          .string()
          .describe("A basisfunctie id of the round's instrument, or 'visie-en-beleid'."),
        name: z.string(),
        points: z.string(),
        mark: z
          .number()
          .nullable()
          .describe("The municipality's mark in the discussed round, when the caller may see it."),
        actions: z.array(ActionSchema),
      }),
    )
    .describe('Only the basisfuncties discussed, in the order of the instrument.'),
});

const TalkSummarySchema = z.object({
  id: z.number().int(),
  round: z.object({ id: z.string(), name: z.string() }),
  municipality: z.object({
    code: z.string(),
    name: z.string(),
    provinceCode: z.string(),
    provinceName: z.string(),
  }),
  heldOn: z.string(),
  startTime: z.string().nullable(),
  participants: z.string(),
  topics: z.number().int(),
  actions: z.number().int(),
  openActions: z.number().int(),
  overdueActions: z.number().int(),
});

const ActionBodySchema = z.object({
  id: z
    .number({ error: 'Het id van een bestaande actie is een getal.' })
    .int()
    .optional()
    .describe('An existing action of this talk; leave out for a new one.'),
  description: z.string({ error: 'Beschrijf de actie als tekst.' }).optional(),
  activity: z
    .string()
    .nullable()
    .optional()
    .describe(
      "One of the basisfunctie's suggested activities (`activities` in the instrument); the description defaults to it.",
    ),
  owner: z.string({ error: 'Wie de actie uitvoert, is tekst.' }).optional(),
  dueOn: z
    .string({ error: 'Geef de streefdatum als tekst (JJJJ-MM-DD).' })
    .nullable()
    .optional()
    .describe('Target date, YYYY-MM-DD; on or after the day of the talk.'),
  remove: z
    .boolean()
    .optional()
    .describe('Remove this existing action (only while it is planned and has no comments).'),
});

const TalkBodyFields = {
  heldOn: z.string({ error: 'Geef de datum van het gesprek (JJJJ-MM-DD).' }).describe('YYYY-MM-DD'),
  startTime: z.string().nullable().optional().describe("'HH:MM' (Europe/Amsterdam) or null."),
  durationMinutes: z.number().int().nullable().optional(),
  location: z.string().optional(),
  participants: z.string({ error: 'Geef de deelnemers als tekst.' }),
  summary: z.string().optional(),
  topics: z
    .array(
      z.object({
        questionnaire: z.string({ error: 'Geef de vragenlijst.' }),
        basisfunctie: z.string({ error: 'Geef de basisfunctie.' }),
        points: z.string().optional(),
        actions: z.array(ActionBodySchema).optional(),
      }),
      { error: 'Geef de onderwerpen als lijst.' },
    )
    .optional()
    .describe(
      'Per basisfunctie the points discussed and the agreed actions. On a change, the points replace what is stored; existing actions not mentioned are kept.',
    ),
};

const NewTalkBodySchema = z.object({
  roundId: z
    .string({ error: 'Geef de meting.' })
    .describe('The round whose results are discussed.'),
  municipalityCode: z.string({ error: 'Geef de CBS-code van de gemeente.' }),
  ...TalkBodyFields,
});

const UpdateTalkBodySchema = z.object({
  baseVersion: z
    .number({ error: 'Geef de versie van het gesprek die u las (baseVersion).' })
    .int()
    .describe('The version you read.'),
  ...TalkBodyFields,
});

function toJson(talk: Talk) {
  return {
    id: talk.id,
    version: talk.version,
    round: talk.round,
    municipality: talk.municipality,
    heldOn: talk.heldOn,
    startTime: talk.startTime,
    durationMinutes: talk.durationMinutes,
    location: talk.location,
    participants: talk.participants,
    summary: talk.summary,
    calendarUid: talk.calendarUid,
    invitedAt: talk.invitedAt,
    createdBy: talk.createdByName,
    createdAt: talk.createdAt,
    updatedBy: talk.updatedByName,
    updatedAt: talk.updatedAt,
    topics: talk.topics.map((topic) => ({
      questionnaire: topic.questionnaire,
      basisfunctie: topic.basisfunctie,
      name: topic.name,
      points: topic.points,
      mark: topic.mark,
      actions: topic.actions.map((action) => ({
        id: action.id,
        description: action.description,
        activity: action.activity,
        owner: action.owner,
        dueOn: action.dueOn,
        status: action.status,
        statusLabel: action.statusLabel,
        statusReason: action.statusReason,
        overdue: action.overdue,
        version: action.version,
        updatedBy: action.updatedByName,
        updatedAt: action.updatedAt,
        comments: action.comments.map((comment) => ({
          id: comment.id,
          author: comment.authorName,
          text: comment.text,
          createdAt: comment.createdAt,
        })),
      })),
    })),
  };
}

function checked(result: SaveTalkResult): { id: number } {
  if (!result.ok) throw new ApiInputError(result.issues);
  return { id: result.id };
}

const talkIdOf = (params: Readonly<Record<string, string>>) => Number(params.talkId);

export const TALK_OPERATIONS: readonly ApiOperation[] = [
  {
    operationId: 'listTalks',
    method: 'GET',
    path: '/api/talks',
    tag: 'talks',
    summary: 'The advice talks the caller may read, newest first',
    description:
      'The coordinator gets every talk, an advisor those with municipalities of their provinces, a municipality its own. Analysts see no talks: they name municipalities.',
    permission: 'talks.read',
    query: {
      round: { description: 'Only talks about this round.' },
      province: { description: 'Only talks with municipalities of this province (`PV27`).' },
      municipality: { description: 'Only talks with this municipality (CBS code, `0363`).' },
    },
    responses: { 200: { description: 'The talks.', schema: z.array(TalkSummarySchema) } },
    handle: async (api) => {
      const query = new URL(api.request.url).searchParams;
      const talks = await listTalks(api.context.db, user(api), {
        roundId: query.get('round') || undefined,
        provinceCode: query.get('province') || undefined,
        municipalityCode: query.get('municipality') || undefined,
      });
      return ok(talks.map(({ updatedByName: _, ...talk }) => talk));
    },
  },
  {
    operationId: 'getTalk',
    method: 'GET',
    path: '/api/talks/{talkId}',
    tag: 'talks',
    summary: 'One advice talk with its points, actions and comments per basisfunctie',
    permission: 'talks.read',
    params: TALK_ID,
    responses: {
      200: { description: 'The talk.', schema: TalkSchema },
      404: { description: 'Unknown talk, or not one the caller may read.', schema: ErrorSchema },
    },
    handle: async (api) =>
      ok(toJson(await readTalk(api.context.db, user(api), talkIdOf(api.params)))),
  },
  {
    operationId: 'createTalk',
    method: 'POST',
    path: '/api/talks',
    tag: 'talks',
    summary: 'Record an advice talk with a municipality, with its points and actions',
    description:
      'All or nothing: any invalid field (an action without a description, a target date before the talk, an unknown basisfunctie) stores nothing and answers 400 with the field. A municipality outside an advisor’s provinces answers 404.',
    permission: 'talks.record',
    body: NewTalkBodySchema,
    maxBodyBytes: 200_000,
    responses: {
      201: { description: 'The talk as stored.', schema: TalkSchema },
      400: invalid,
      404: { description: 'Unknown round or municipality, or not yours.', schema: ErrorSchema },
    },
    handle: async (api) => {
      const body = api.body as z.infer<typeof NewTalkBodySchema>;
      const { id } = checked(await createTalk(api.context.db, user(api), body));
      return ok(toJson(await readTalk(api.context.db, user(api), id)), 201);
    },
  },
  {
    operationId: 'updateTalk',
    method: 'PUT',
    path: '/api/talks/{talkId}',
    tag: 'talks',
    summary: 'Change an advice talk, from the version the caller read',
    description:
      'The fields and points replace what is stored; actions with an `id` are changed (their status stays as the municipality set it) or removed (`remove: true`), actions without one are added, and actions not mentioned are kept. When someone else saved the talk since `baseVersion`, nothing is written (409).',
    permission: 'talks.record',
    params: TALK_ID,
    body: UpdateTalkBodySchema,
    maxBodyBytes: 200_000,
    responses: {
      200: { description: 'The talk as stored.', schema: TalkSchema },
      400: invalid,
      404: { description: 'Unknown talk, or not one the caller may record.', schema: ErrorSchema },
      409: { description: 'Someone else changed the talk since baseVersion.', schema: ErrorSchema },
    },
    handle: async (api) => {
      const body = api.body as z.infer<typeof UpdateTalkBodySchema>;
      const talkId = talkIdOf(api.params);
      // A TalkConflictError is a ConflictError: the router answers 409 with its message.
      checked(await updateTalk(api.context.db, user(api), talkId, body));
      return ok(toJson(await readTalk(api.context.db, user(api), talkId)));
    },
  },
];
