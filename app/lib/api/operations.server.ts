/**
 * The operations of the JSON API. Each one calls the same service as the web page that does the
 * same thing, so the API, the web app and the CLI always give the same answer.
 */
import { z } from 'zod';
import {
  assignAdvisorProvinces,
  createAccountFromForm,
  listAccounts,
  NewAccountFormSchema,
  ProvinceAssignmentSchema,
} from '../../../src/services/account-service.ts';
import { NotFoundError } from '../../../src/services/access.ts';
import { analyseRound } from '../../../src/services/analysis-service.ts';
import { readAuditTrail } from '../../../src/services/audit-trail-service.ts';
import { ROLES, type StaffUser } from '../../../src/services/auth-service.ts';
import { inviteMunicipalities, sendReminders } from '../../../src/services/invitation-service.ts';
import {
  ParticipationFormSchema,
  REASONS,
  RESPONSE_CATEGORIES,
  setParticipation,
} from '../../../src/services/participation-service.ts';
import {
  loadQuestionnaire,
  reopenQuestionnaire,
  saveAnswers,
  submitQuestionnaire,
  summarizeQuestionnaire,
  type AnswerView,
  type QuestionnaireKey,
} from '../../../src/services/questionnaire-service.ts';
import {
  createRoundFromForm,
  listRounds,
  loadRoundOverview,
  NewRoundFormSchema,
} from '../../../src/services/round-overview-service.ts';
import { changeRoundStatus, UserInputError } from '../../../src/services/round-service.ts';
import {
  ApiInputError,
  type ApiContext,
  type ApiOperation,
  type ApiResult,
} from './types.server.ts';

// ---------------------------------------------------------------------------------------------
// Schemas of the answers, for the OpenAPI document.

export const ErrorSchema = z.object({
  message: z.string().describe('What went wrong, in Dutch.'),
  errors: z
    .array(z.object({ field: z.string(), message: z.string() }))
    .optional()
    .describe('Per field: a dotted path into the request body, and what to fix.'),
});

const STATUSES = ['not-started', 'in-progress', 'submitted'] as const;

const AccountSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  municipalityCode: z.string().nullable(),
  provinces: z.array(z.string()),
});

const RoundSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['concept', 'open', 'closed']),
  instrumentVersion: z.string(),
  registerId: z.string(),
  synthetic: z.boolean(),
  opensOn: z.string().nullable(),
  closesOn: z.string().nullable(),
});

const RoundOverviewSchema = RoundSchema.extend({
  total: z.number().int().describe('Municipalities the caller may see.'),
  counts: z
    .record(z.string(), z.record(z.enum(STATUSES), z.number().int()))
    .describe('Per questionnaire: municipalities per status.'),
  categories: z.record(z.enum(RESPONSE_CATEGORIES), z.number().int()),
  reasons: z.record(z.enum(REASONS), z.number().int()),
  municipalities: z
    .array(
      z.object({
        code: z.string(),
        name: z.string(),
        provinceCode: z.string(),
        statuses: z.record(z.string(), z.enum(STATUSES)),
        category: z.enum(RESPONSE_CATEGORIES),
        participation: z
          .object({
            status: z.enum(['later', 'declined']),
            reason: z.enum(REASONS),
            reasonText: z.string().nullable(),
          })
          .nullable(),
      }),
    )
    .describe('Empty for analysts: they see counts only.'),
});

const AnswerSchema = z.object({
  points: z.number().int().nullable(),
  options: z.array(z.string()),
  text: z.string(),
  note: z.string(),
  revision: z.number().int().describe('Send this back as baseRevision when saving.'),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});

const QuestionnaireSchema = z.object({
  roundId: z.string(),
  municipalityCode: z.string(),
  municipality: z.string(),
  questionnaire: z.string(),
  name: z.string(),
  status: z.enum(STATUSES),
  submittedAt: z.string().nullable(),
  editable: z.boolean(),
  progress: z.array(
    z.object({ id: z.string(), name: z.string(), answered: z.number(), total: z.number() }),
  ),
  items: z.array(
    z.object({
      question: z.number().int(),
      kind: z.enum(['scale', 'multiple', 'single', 'open']),
      basisfunctie: z.string().nullable(),
      text: z.string(),
      options: z.array(z.object({ code: z.string(), label: z.string() })).optional(),
      answer: AnswerSchema.nullable(),
    }),
  ),
});

const SaveResultSchema = z.object({
  saved: z.number().int(),
  conflicts: z.array(
    z.object({
      question: z.number().int(),
      theirs: AnswerSchema.describe('What someone else saved since your baseRevision.'),
    }),
  ),
});

const OverviewSchema = z.object({
  submitted: z.boolean(),
  basisfuncties: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      mark: z.number().nullable(),
      band: z.string().nullable(),
      goed: z.boolean(),
    }),
  ),
  itemsByBand: z.record(z.string(), z.array(z.object({ number: z.number(), text: z.string() }))),
});

const AuditSchema = z.object({
  municipality: z.string(),
  events: z.array(
    z.object({
      id: z.number().int(),
      at: z.string(),
      actor: z.string(),
      action: z.string(),
      subject: z.string(),
      oldValue: z.unknown(),
      newValue: z.unknown(),
    }),
  ),
});

// ---------------------------------------------------------------------------------------------
// Request bodies. Services validate again: the API checks only so that it can say which field.

const RoundStatusBodySchema = z.object({
  status: z.enum(['open', 'closed'], { error: "Kies 'open' of 'closed'." }),
});

const InvitationsBodySchema = z.object({
  contacts: z
    .array(
      z.object({
        municipalityCode: z.string({ error: 'Vul de CBS-code van de gemeente in.' }),
        email: z.string({ error: 'Vul het e-mailadres in.' }),
      }),
      { error: 'Geef een lijst van gemeenten met e-mailadres.' },
    )
    .min(1, 'Geef minstens één gemeente met e-mailadres.')
    .max(2000, 'Hoogstens 2000 uitnodigingen per verzoek.'),
});

const SaveAnswersBodySchema = z.object({
  answers: z
    .array(
      z.object({
        question: z.number({ error: 'Geef het vraagnummer.' }).int().positive(),
        value: z
          .union([z.number(), z.string(), z.array(z.string()), z.null()], {
            error:
              'Geef het antwoord: 1, 2 of 3 bij een driepuntsvraag, een lijst optiecodes bij meerkeuze, tekst bij een open vraag, of null.',
          })
          .describe('Points 1–3, an option code or a list of codes, text, or null to clear.'),
        note: z.string({ error: 'Een toelichting is tekst.' }).default(''),
        baseRevision: z
          .number({ error: 'Geef de revisie die u las (0 voor een onbeantwoorde vraag).' })
          .int()
          .min(0),
      }),
      { error: 'Geef de antwoorden als lijst.' },
    )
    .min(1, 'Geef minstens één antwoord.')
    .max(500, 'Hoogstens 500 antwoorden per verzoek.'),
});

// ---------------------------------------------------------------------------------------------

const ROUND = { roundId: { description: 'The round, e.g. 2026.' } };
const MUNICIPALITY = {
  ...ROUND,
  code: { description: 'CBS code of the municipality (4 digits).', pattern: '^\\d{4}$' },
};
const QUESTIONNAIRE = {
  ...MUNICIPALITY,
  questionnaire: { description: "'vrijwilligerswerk' or 'mantelzorg'." },
};

const ok = (body: unknown, status = 200): ApiResult => ({ status, body });
const user = (api: ApiContext<StaffUser | null>): StaffUser => api.user as StaffUser;
const keyOf = (api: ApiContext<StaffUser | null>): QuestionnaireKey => ({
  roundId: api.params.roundId ?? '',
  municipalityCode: api.params.code ?? '',
  questionnaire: api.params.questionnaire ?? '',
});

function describeAnswer(answer: AnswerView | undefined) {
  if (!answer) return null;
  return {
    points: answer.points,
    options: [...answer.options],
    text: answer.text,
    note: answer.note,
    revision: answer.revision,
    updatedAt: answer.updatedAt,
    updatedBy: answer.updatedBy,
  };
}

const forbidden = { description: 'Not allowed for this account.', schema: ErrorSchema };
const notFound = {
  description: 'Unknown, or not to be revealed to this account.',
  schema: ErrorSchema,
};
const invalid = { description: 'Invalid input, with field errors.', schema: ErrorSchema };

export const OPERATIONS: readonly ApiOperation[] = [
  {
    operationId: 'getCurrentAccount',
    method: 'GET',
    path: '/api/me',
    tag: 'accounts',
    summary: 'The account behind the token',
    responses: { 200: { description: 'The account.', schema: AccountSchema } },
    handle: async (api) => {
      const me = user(api);
      return ok({
        id: me.id,
        email: me.email,
        name: me.name,
        role: me.role,
        municipalityCode: me.municipalityCode,
        provinces: me.provinces,
      });
    },
  },
  {
    operationId: 'listAccounts',
    method: 'GET',
    path: '/api/accounts',
    tag: 'accounts',
    summary: 'All staff accounts',
    roles: ['coordinator'],
    responses: {
      200: { description: 'The accounts.', schema: z.object({ accounts: z.array(AccountSchema) }) },
      403: forbidden,
    },
    handle: async (api) => {
      const accounts = await listAccounts(api.context.db, user(api));
      return ok({
        accounts: accounts.map((a) => ({
          id: a.id,
          email: a.email,
          name: a.name,
          role: a.role,
          municipalityCode: a.municipalityCode,
          provinces: a.provinces,
        })),
      });
    },
  },
  {
    operationId: 'createAccount',
    method: 'POST',
    path: '/api/accounts',
    tag: 'accounts',
    summary: 'Create an account for an advisor, analyst or coordinator',
    description:
      'The new colleague receives an e-mail with a link to choose a password. Municipality accounts come from invitations.',
    roles: ['coordinator'],
    body: NewAccountFormSchema,
    responses: {
      201: { description: 'Created.', schema: AccountSchema },
      400: invalid,
      403: forbidden,
    },
    handle: async (api) => {
      const result = await createAccountFromForm(api.context.db, api.context.mailer, user(api), {
        form: api.body as Record<string, unknown>,
        baseUrl: api.context.baseUrl,
      });
      if (!result.ok) throw new ApiInputError(result.issues);
      const a = result.account;
      return ok(
        {
          id: a.id,
          email: a.email,
          name: a.name,
          role: a.role,
          municipalityCode: a.municipalityCode,
          provinces: a.provinces,
        },
        201,
      );
    },
  },
  {
    operationId: 'setAdvisorProvinces',
    method: 'PUT',
    path: '/api/accounts/{userId}/provinces',
    tag: 'accounts',
    summary: 'Assign an advisor to provinces',
    roles: ['coordinator'],
    params: { userId: { description: 'The account id.', pattern: '^\\d+$' } },
    body: ProvinceAssignmentSchema,
    responses: {
      200: {
        description: 'The provinces now assigned.',
        schema: z.object({ provinces: z.array(z.string()) }),
      },
      400: invalid,
      403: forbidden,
      404: notFound,
    },
    handle: async (api) => {
      const userId = Number(api.params.userId);
      if (!Number.isSafeInteger(userId)) throw new NotFoundError('Dit account bestaat niet.');
      const result = await assignAdvisorProvinces(api.context.db, user(api), {
        userId,
        form: api.body as z.input<typeof ProvinceAssignmentSchema>,
      });
      if (!result.ok) throw new ApiInputError(result.issues);
      return ok({ provinces: result.provinces });
    },
  },
  {
    operationId: 'listRounds',
    method: 'GET',
    path: '/api/rounds',
    tag: 'rounds',
    summary: 'All measurement rounds',
    responses: {
      200: { description: 'The rounds.', schema: z.object({ rounds: z.array(RoundSchema) }) },
    },
    handle: async (api) => {
      const rounds = await listRounds(api.context.db);
      return ok({
        rounds: rounds.map((r) => ({
          id: r.id,
          name: r.name,
          status: r.status,
          instrumentVersion: r.instrumentVersion,
          registerId: r.registerId,
          synthetic: r.synthetic,
          opensOn: r.opensOn,
          closesOn: r.closesOn,
        })),
      });
    },
  },
  {
    operationId: 'createRound',
    method: 'POST',
    path: '/api/rounds',
    tag: 'rounds',
    summary: 'Create a round (status concept)',
    roles: ['coordinator'],
    body: NewRoundFormSchema,
    responses: {
      201: { description: 'Created.', schema: z.object({ id: z.string() }) },
      400: invalid,
      403: forbidden,
    },
    handle: async (api) => {
      const result = await createRoundFromForm(
        api.context.db,
        user(api),
        api.body as z.input<typeof NewRoundFormSchema>,
      );
      if (!result.ok) throw new ApiInputError(result.issues);
      return ok({ id: result.id }, 201);
    },
  },
  {
    operationId: 'getRound',
    method: 'GET',
    path: '/api/rounds/{roundId}',
    tag: 'rounds',
    summary: 'A round with the response of each municipality the caller may see',
    params: ROUND,
    responses: {
      200: { description: 'The round.', schema: RoundOverviewSchema },
      404: notFound,
    },
    handle: async (api) => {
      const overview = await loadRoundOverview(api.context.db, user(api), api.params.roundId ?? '');
      const r = overview.loaded.round;
      return ok({
        id: r.id,
        name: r.name,
        status: r.status,
        instrumentVersion: r.instrumentVersion,
        registerId: r.registerId,
        synthetic: r.synthetic,
        opensOn: r.opensOn,
        closesOn: r.closesOn,
        total: overview.total,
        counts: overview.counts,
        categories: overview.categories,
        reasons: overview.reasons,
        municipalities: overview.rows.map((row) => ({
          code: row.municipality.code,
          name: row.municipality.name,
          provinceCode: row.municipality.provinceCode,
          statuses: row.statuses,
          category: row.category,
          participation: row.participation,
        })),
      });
    },
  },
  {
    operationId: 'setRoundStatus',
    method: 'PUT',
    path: '/api/rounds/{roundId}/status',
    tag: 'rounds',
    summary: 'Open or close a round',
    roles: ['coordinator'],
    params: ROUND,
    body: RoundStatusBodySchema,
    responses: {
      200: { description: 'The new status.', schema: z.object({ status: z.string() }) },
      400: invalid,
      403: forbidden,
      404: notFound,
    },
    handle: async (api) => {
      const { status } = api.body as z.infer<typeof RoundStatusBodySchema>;
      const round = await changeRoundStatus(
        api.context.db,
        user(api),
        api.params.roundId ?? '',
        status,
      );
      return ok({ status: round.status });
    },
  },
  {
    operationId: 'getRoundAnalysis',
    method: 'GET',
    path: '/api/rounds/{roundId}/analysis',
    tag: 'rounds',
    summary: 'The national analysis of a round (aggregates only)',
    description:
      'The same result as `bfm analyse --json`: marks per basisfunctie, breakdowns by size class, group and province, the cross-table and Pearson r. See docs/analysis.md.',
    params: ROUND,
    responses: {
      200: { description: 'The analysis.', schema: z.record(z.string(), z.unknown()) },
      404: notFound,
    },
    handle: async (api) => {
      try {
        return ok(await analyseRound(api.context.db, api.params.roundId ?? ''));
      } catch (error) {
        if (error instanceof UserInputError) throw new NotFoundError('Deze meting bestaat niet.');
        throw error;
      }
    },
  },
  {
    operationId: 'inviteMunicipalities',
    method: 'POST',
    path: '/api/rounds/{roundId}/invitations',
    tag: 'invitations',
    summary: 'Invite municipalities (all or nothing)',
    roles: ['coordinator'],
    params: ROUND,
    body: InvitationsBodySchema,
    responses: {
      201: { description: 'Invitations sent.', schema: z.object({ sent: z.number().int() }) },
      400: invalid,
      403: forbidden,
      404: notFound,
    },
    handle: async (api) => {
      const { contacts } = api.body as z.infer<typeof InvitationsBodySchema>;
      const result = await inviteMunicipalities(
        api.context.db,
        api.context.mailer,
        user(api),
        await roundInput(api, contacts.map((c) => `${c.municipalityCode};${c.email}`).join('\n')),
      );
      if (!result.ok)
        throw new ApiInputError(
          result.errors.map((e) => ({
            field: `contacts.${e.line - 1}`,
            message: e.message.replace(/^regel \d+: /, ''),
          })),
        );
      return ok({ sent: result.sent }, 201);
    },
  },
  {
    operationId: 'sendReminders',
    method: 'POST',
    path: '/api/rounds/{roundId}/reminders',
    tag: 'invitations',
    summary: 'Remind every invited municipality that has not submitted both questionnaires',
    roles: ['coordinator'],
    params: ROUND,
    responses: {
      200: { description: 'Reminders sent.', schema: z.object({ sent: z.number().int() }) },
      403: forbidden,
      404: notFound,
    },
    handle: async (api) => {
      const { roundId, baseUrl } = await roundInput(api, '');
      return ok({
        sent: await sendReminders(api.context.db, api.context.mailer, user(api), {
          roundId,
          baseUrl,
        }),
      });
    },
  },
  {
    operationId: 'setParticipation',
    method: 'PUT',
    path: '/api/rounds/{roundId}/municipalities/{code}/participation',
    tag: 'invitations',
    summary: "Record 'doet mee', 'doet later mee' or 'doet niet mee' with a reason",
    roles: ['coordinator', 'advisor'],
    params: MUNICIPALITY,
    body: ParticipationFormSchema,
    responses: {
      200: { description: 'Recorded.', schema: z.object({ status: z.string() }) },
      400: invalid,
      403: forbidden,
      404: notFound,
    },
    handle: async (api) => {
      const form = api.body as z.input<typeof ParticipationFormSchema>;
      const result = await setParticipation(api.context.db, user(api), {
        roundId: api.params.roundId ?? '',
        municipalityCode: api.params.code ?? '',
        form,
      });
      if (!result.ok) throw new ApiInputError(result.issues);
      return ok({ status: form.status });
    },
  },
  {
    operationId: 'getAuditTrail',
    method: 'GET',
    path: '/api/rounds/{roundId}/municipalities/{code}/audit',
    tag: 'questionnaires',
    summary: 'Every change for a municipality in a round, newest first',
    roles: ['coordinator', 'advisor'],
    params: MUNICIPALITY,
    responses: {
      200: { description: 'The audit trail.', schema: AuditSchema },
      403: forbidden,
      404: notFound,
    },
    handle: async (api) => {
      const trail = await readAuditTrail(
        api.context.db,
        user(api),
        api.params.roundId ?? '',
        api.params.code ?? '',
      );
      return ok({
        municipality: trail.municipality,
        events: trail.events.map((e) => ({
          id: e.id,
          at: e.at.toISOString(),
          actor: e.actorLabel,
          action: e.action,
          subject: e.subject,
          oldValue: e.oldValue,
          newValue: e.newValue,
        })),
      });
    },
  },
  {
    operationId: 'getQuestionnaire',
    method: 'GET',
    path: '/api/rounds/{roundId}/municipalities/{code}/questionnaires/{questionnaire}',
    tag: 'questionnaires',
    summary: 'A questionnaire with its items, answers, revisions and progress',
    roles: ['coordinator', 'advisor', 'municipality'],
    params: QUESTIONNAIRE,
    responses: {
      200: { description: 'The questionnaire.', schema: QuestionnaireSchema },
      403: forbidden,
      404: notFound,
    },
    handle: async (api) => {
      const key = keyOf(api);
      const q = await loadQuestionnaire(api.context.db, user(api), key);
      return ok({
        roundId: key.roundId,
        municipalityCode: q.municipality.code,
        municipality: q.municipality.name,
        questionnaire: q.questionnaire.id,
        name: q.questionnaire.name,
        status: q.status,
        submittedAt: q.submittedAt,
        editable: q.editable,
        progress: q.progress,
        items: q.questionnaire.items.map((item) => ({
          question: item.number,
          kind: item.kind,
          basisfunctie: item.basisfunctie,
          text: item.text,
          ...(item.options
            ? { options: item.options.map((o) => ({ code: o.code, label: o.label })) }
            : {}),
          answer: describeAnswer(q.answers.get(item.number)),
        })),
      });
    },
  },
  {
    operationId: 'saveAnswers',
    method: 'PATCH',
    path: '/api/rounds/{roundId}/municipalities/{code}/questionnaires/{questionnaire}/answers',
    tag: 'questionnaires',
    summary: 'Save answers, each against the revision the caller last read',
    description:
      'Invalid input saves nothing (400). An answer someone else changed since `baseRevision` is not written: it comes back under `conflicts` with their value (409); the other answers in the request are saved.',
    roles: ['coordinator', 'advisor', 'municipality'],
    params: QUESTIONNAIRE,
    body: SaveAnswersBodySchema,
    responses: {
      200: { description: 'Saved.', schema: SaveResultSchema },
      400: invalid,
      403: forbidden,
      404: notFound,
      409: { description: 'Some answers conflict; the rest is saved.', schema: SaveResultSchema },
    },
    handle: async (api) => {
      const { answers } = api.body as z.infer<typeof SaveAnswersBodySchema>;
      const result = await saveAnswers(
        api.context.db,
        user(api),
        keyOf(api),
        answers.map((a) => ({
          question: a.question,
          value: typeof a.value === 'number' ? String(a.value) : a.value,
          note: a.note,
          baseRevision: a.baseRevision,
        })),
      );
      if (!result.ok)
        throw new ApiInputError(
          result.errors.map((e) => {
            const index = answers.findIndex((a) => a.question === e.question);
            return { field: `answers.${index}.value`, message: e.message };
          }),
        );
      const body = {
        saved: result.saved,
        conflicts: result.conflicts.map((c) => ({
          question: c.question,
          theirs: describeAnswer(c.theirs),
        })),
      };
      return ok(body, result.conflicts.length > 0 ? 409 : 200);
    },
  },
  {
    operationId: 'submitQuestionnaire',
    method: 'POST',
    path: '/api/rounds/{roundId}/municipalities/{code}/questionnaires/{questionnaire}/submit',
    tag: 'questionnaires',
    summary: 'Submit a questionnaire; afterwards it is read-only',
    roles: ['coordinator', 'advisor', 'municipality'],
    params: QUESTIONNAIRE,
    responses: {
      200: { description: 'Submitted.', schema: z.object({ status: z.literal('submitted') }) },
      400: {
        description: 'Unanswered 3-point items, each as field `questions.<number>`.',
        schema: ErrorSchema,
      },
      403: forbidden,
      404: notFound,
    },
    handle: async (api) => {
      const result = await submitQuestionnaire(api.context.db, user(api), keyOf(api));
      if (!result.ok)
        throw new ApiInputError(
          result.missing.map((item) => ({
            field: `questions.${item.number}`,
            message: `Vraag ${item.number} is nog niet beantwoord.`,
          })),
          'Niet alle vragen zijn beantwoord; er is niets ingediend.',
        );
      return ok({ status: 'submitted' });
    },
  },
  {
    operationId: 'reopenQuestionnaire',
    method: 'POST',
    path: '/api/rounds/{roundId}/municipalities/{code}/questionnaires/{questionnaire}/reopen',
    tag: 'questionnaires',
    summary: 'Reopen a submitted questionnaire',
    roles: ['coordinator'],
    params: QUESTIONNAIRE,
    responses: {
      200: { description: 'Reopened.', schema: z.object({ status: z.literal('in-progress') }) },
      400: invalid,
      403: forbidden,
      404: notFound,
    },
    handle: async (api) => {
      await reopenQuestionnaire(api.context.db, user(api), keyOf(api));
      return ok({ status: 'in-progress' });
    },
  },
  {
    operationId: 'getQuestionnaireOverview',
    method: 'GET',
    path: '/api/rounds/{roundId}/municipalities/{code}/questionnaires/{questionnaire}/overview',
    tag: 'questionnaires',
    summary: 'The short overview: mark and verdict per basisfunctie, items by band',
    roles: ['coordinator', 'advisor', 'municipality'],
    params: QUESTIONNAIRE,
    responses: {
      200: { description: 'The overview.', schema: OverviewSchema },
      403: forbidden,
      404: notFound,
    },
    handle: async (api) => {
      const q = await loadQuestionnaire(api.context.db, user(api), keyOf(api));
      return ok({ submitted: q.status === 'submitted', ...summarizeQuestionnaire(q) });
    },
  },
];

async function roundInput(api: ApiContext<StaffUser | null>, contacts: string) {
  const roundId = api.params.roundId ?? '';
  if (!(await listRounds(api.context.db)).some((r) => r.id === roundId))
    throw new NotFoundError('Deze meting bestaat niet.');
  return { roundId, contacts, baseUrl: api.context.baseUrl };
}
