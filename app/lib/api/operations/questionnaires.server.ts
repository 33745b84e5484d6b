/** API operations on questionnaires: reading, saving, submitting, reopening, overview, audit. */
import { z } from 'zod';
import { readAuditTrail } from '../../../../src/services/audit-trail-service.ts';
import {
  loadQuestionnaire,
  reopenQuestionnaire,
  saveAnswers,
  submitQuestionnaire,
  summarizeQuestionnaire,
} from '../../../../src/services/questionnaire-service.ts';
import {
  AuditSchema,
  describeAnswer,
  ErrorSchema,
  invalid,
  keyOf,
  MUNICIPALITY,
  ok,
  OverviewSchema,
  QUESTIONNAIRE,
  QuestionnaireSchema,
  SaveAnswersBodySchema,
  SaveResultSchema,
  user,
} from '../schemas.server.ts';
import { ApiInputError, type ApiOperation } from '../types.server.ts';

export const QUESTIONNAIRE_OPERATIONS: readonly ApiOperation[] = [
  {
    operationId: 'getAuditTrail',
    method: 'GET',
    path: '/api/rounds/{roundId}/municipalities/{code}/audit',
    tag: 'questionnaires',
    summary: 'Every change for a municipality in a round, newest first',
    permission: 'audit.read',
    params: MUNICIPALITY,
    responses: {
      200: { description: 'The audit trail.', schema: AuditSchema },
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
          at: e.at,
          actor: e.actor,
          action: e.action,
          subject: e.subject,
          oldValue: e.oldValue,
          newValue: e.newValue,
          kind: e.kind,
          description: e.description,
          questionnaire: e.questionnaire,
          question: e.question,
          oldText: e.oldText,
          newText: e.newText,
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
    permission: 'questionnaire.read',
    params: QUESTIONNAIRE,
    responses: {
      200: { description: 'The questionnaire.', schema: QuestionnaireSchema },
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
      'Each answer is merged, per part (value and note), with what someone else saved since `baseRevision`: a part you leave out or did not change keeps their value. A part you both changed differently is a conflict: that answer is not written and comes back under `conflicts` with their value (409); the other answers in the request are saved. To keep your value after all, send it again with `baseRevision` set to their revision. Invalid input saves nothing (400).',
    permission: 'questionnaire.edit',
    params: QUESTIONNAIRE,
    body: SaveAnswersBodySchema,
    responses: {
      200: { description: 'Saved.', schema: SaveResultSchema },
      400: invalid,
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
          confirm: a.confirm,
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
        answers: [...result.stored].map(([question, answer]) => ({
          question,
          answer: describeAnswer(answer),
        })),
        conflicts: result.conflicts.map((c) => ({
          question: c.question,
          parts: c.parts,
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
    permission: 'questionnaire.submit',
    params: QUESTIONNAIRE,
    responses: {
      200: { description: 'Submitted.', schema: z.object({ status: z.literal('submitted') }) },
      400: {
        description:
          "Unanswered 3-point items and prefilled answers ('vorige meting') not yet confirmed, each as field `questions.<number>`.",
        schema: ErrorSchema,
      },
    },
    handle: async (api) => {
      const result = await submitQuestionnaire(api.context.db, user(api), keyOf(api));
      if (!result.ok)
        throw new ApiInputError(
          [
            ...result.missing.map((item) => ({
              field: `questions.${item.number}`,
              message: `Vraag ${item.number} is nog niet beantwoord.`,
            })),
            ...result.unconfirmed.map((item) => ({
              field: `questions.${item.number}`,
              message: `Vraag ${item.number} komt uit de vorige meting en is nog niet bevestigd.`,
            })),
          ],
          result.missing.length > 0
            ? 'Niet alle vragen zijn beantwoord; er is niets ingediend.'
            : 'Niet alle antwoorden uit de vorige meting zijn bevestigd; er is niets ingediend.',
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
    permission: 'questionnaire.reopen',
    params: QUESTIONNAIRE,
    responses: {
      200: { description: 'Reopened.', schema: z.object({ status: z.literal('in-progress') }) },
      400: invalid,
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
    permission: 'questionnaire.read',
    params: QUESTIONNAIRE,
    responses: {
      200: { description: 'The overview.', schema: OverviewSchema },
    },
    handle: async (api) => {
      const q = await loadQuestionnaire(api.context.db, user(api), keyOf(api));
      return ok({ submitted: q.status === 'submitted', ...summarizeQuestionnaire(q) });
    },
  },
];
