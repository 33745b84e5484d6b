/**
 * API operations on the actions agreed in advice talks and the invitation to a talk (issue 12,
 * helper B): the same services as the pages `/acties`, `/acties/:id` and
 * `/gesprekken/:id/uitnodiging`.
 */
import { z } from 'zod';
import { ACTION_STATUSES } from '../../../../src/domain/improvement.ts';
import {
  addActionComment,
  listOpenActions,
  readAction,
  updateActionStatus,
  type ActionSummary,
} from '../../../../src/services/advice-action-service.ts';
import { sendTalkInvitation } from '../../../../src/services/talk-invitation-service.ts';
import { invalid, ok, user } from '../schemas.server.ts';
import { ApiInputError, type ApiOperation } from '../types.server.ts';

const ACTION = { actionId: { description: 'The action, a number.', pattern: '^[0-9]+$' } };
const TALK = { talkId: { description: 'The advice talk, a number.', pattern: '^[0-9]+$' } };

const ActionSummarySchema = z.object({
  id: z.number().int(),
  talkId: z.number().int(),
  heldOn: z.string().describe('The day of the talk (YYYY-MM-DD).'),
  roundId: z.string().describe('The round the talk discusses.'),
  municipality: z.object({ code: z.string(), name: z.string() }),
  questionnaire: z.string(),
  basisfunctie: z.string().describe("A basisfunctie id, or 'visie-en-beleid'."),
  basisfunctieName: z.string(),
  description: z.string(),
  owner: z.string(),
  dueOn: z.string().nullable(),
  status: z.enum(ACTION_STATUSES),
  statusReason: z.string().nullable(),
  overdue: z.boolean().describe('A target date before today (Dutch time), not done or dropped.'),
});

const ActionSchema = ActionSummarySchema.extend({
  activity: z.string().nullable(),
  version: z.number().int().describe('Send it back as `baseVersion` when changing the status.'),
  updatedBy: z.string(),
  updatedAt: z.string(),
  comments: z.array(
    z.object({ id: z.number().int(), author: z.string(), text: z.string(), at: z.string() }),
  ),
});

function toSummaryJson(a: ActionSummary) {
  return {
    id: a.id,
    talkId: a.talkId,
    heldOn: a.heldOn,
    roundId: a.roundId,
    municipality: a.municipality,
    questionnaire: a.questionnaire.id,
    basisfunctie: a.basisfunctie.id,
    basisfunctieName: a.basisfunctie.name,
    description: a.description,
    owner: a.owner,
    dueOn: a.dueOn,
    status: a.status,
    statusReason: a.statusReason,
    overdue: a.overdue,
  };
}

const ActionStatusBodySchema = z.object({
  status: z.string().describe("'planned', 'in_progress', 'done' or 'dropped'."),
  reason: z.string().optional().describe('Why; required when dropped.'),
  baseVersion: z.number().int().describe('The `version` of the action you started from.'),
});

const CommentBodySchema = z.object({ text: z.string() });

const InvitationBodySchema = z.object({
  recipients: z.array(z.string()).describe('E-mail addresses, one message each (at most 20).'),
  message: z.string().optional().describe('Put above the details of the talk.'),
});

const actionId = (params: Readonly<Record<string, string>>) =>
  /^\d{1,9}$/.test(params.actionId ?? '') ? Number(params.actionId) : NaN;

export const ACTION_OPERATIONS: readonly ApiOperation[] = [
  {
    operationId: 'listActions',
    method: 'GET',
    path: '/api/actions',
    tag: 'talks',
    summary: 'The open actions the caller follows, overdue first',
    description:
      'Planned or in progress: a municipality its own, an advisor those of their provinces, the coordinator all.',
    permission: 'talks.read',
    responses: { 200: { description: 'The actions.', schema: z.array(ActionSummarySchema) } },
    handle: async (api) =>
      ok((await listOpenActions(api.context.db, user(api))).map(toSummaryJson)),
  },
  {
    operationId: 'getAction',
    method: 'GET',
    path: '/api/actions/{actionId}',
    tag: 'talks',
    summary: 'One action with its comments',
    description: "404 for an action outside the caller's municipalities.",
    permission: 'talks.read',
    params: ACTION,
    responses: { 200: { description: 'The action.', schema: ActionSchema } },
    handle: async (api) => {
      const a = await readAction(api.context.db, user(api), actionId(api.params));
      return ok({
        ...toSummaryJson(a),
        activity: a.activity,
        version: a.version,
        updatedBy: a.updatedByName,
        updatedAt: a.updatedAt,
        comments: a.comments.map((c) => ({
          id: c.id,
          author: c.authorName,
          text: c.text,
          at: c.createdAt,
        })),
      });
    },
  },
  {
    operationId: 'updateActionStatus',
    method: 'PUT',
    path: '/api/actions/{actionId}/status',
    tag: 'talks',
    summary: "Change an action's status (a reason when dropped)",
    description:
      'Version-checked: when someone else changed the action since `baseVersion`, nothing is written (409, with what is stored now in the message). Choosing what is stored already is no conflict. Audited.',
    permission: 'actions.update',
    params: ACTION,
    body: ActionStatusBodySchema,
    responses: {
      200: {
        description: 'Saved, or unchanged.',
        schema: z.object({
          outcome: z.enum(['saved', 'unchanged']),
          status: z.enum(ACTION_STATUSES),
          statusReason: z.string().nullable(),
          version: z.number().int(),
        }),
      },
      400: invalid,
    },
    handle: async (api) => {
      const body = api.body as z.infer<typeof ActionStatusBodySchema>;
      const result = await updateActionStatus(api.context.db, user(api), {
        actionId: actionId(api.params),
        status: body.status as 'planned',
        reason: body.reason ?? '',
        baseVersion: body.baseVersion,
      });
      if (!result.ok) throw new ApiInputError(result.issues);
      return ok({
        outcome: result.outcome,
        status: result.action.status,
        statusReason: result.action.statusReason,
        version: result.action.version,
      });
    },
  },
  {
    operationId: 'addActionComment',
    method: 'POST',
    path: '/api/actions/{actionId}/comments',
    tag: 'talks',
    summary: 'Comment on an action',
    permission: 'actions.update',
    params: ACTION,
    body: CommentBodySchema,
    responses: {
      201: {
        description: 'Added.',
        schema: z.object({
          id: z.number().int(),
          author: z.string(),
          text: z.string(),
          at: z.string(),
        }),
      },
      400: invalid,
    },
    handle: async (api) => {
      const body = api.body as z.infer<typeof CommentBodySchema>;
      const result = await addActionComment(api.context.db, user(api), {
        actionId: actionId(api.params),
        text: body.text,
      });
      if (!result.ok) throw new ApiInputError(result.issues);
      const c = result.comment;
      return ok({ id: c.id, author: c.authorName, text: c.text, at: c.createdAt }, 201);
    },
  },
  {
    operationId: 'sendTalkInvitation',
    method: 'POST',
    path: '/api/talks/{talkId}/invitation',
    tag: 'talks',
    summary: 'Invite to an advice talk by e-mail, with an iCalendar attachment',
    description:
      'One message per address with the talk as `adviesgesprek.ics` (METHOD:REQUEST); kept in the outbox without SMTP. A second invitation raises the SEQUENCE of the same event. Audited.',
    permission: 'talks.record',
    params: TALK,
    body: InvitationBodySchema,
    responses: {
      200: {
        description: 'Sent (or kept in the outbox).',
        schema: z.object({ recipients: z.array(z.string()), sequence: z.number().int() }),
      },
      400: invalid,
    },
    handle: async (api) => {
      const body = api.body as z.infer<typeof InvitationBodySchema>;
      const result = await sendTalkInvitation(
        api.context.db,
        user(api),
        { mailer: api.context.mailer, links: api.context.links },
        {
          talkId: /^\d{1,9}$/.test(api.params.talkId ?? '') ? Number(api.params.talkId) : NaN,
          recipients: body.recipients.join('\n'),
          message: body.message ?? '',
        },
      );
      if (!result.ok) throw new ApiInputError(result.issues);
      return ok({ recipients: result.recipients, sequence: result.sequence });
    },
  },
];
