/** API operations on rounds: creating, opening and closing, response, analysis, invitations. */
import { z } from 'zod';
import { parseFilterParams } from '../../../../src/domain/analysis-filter.ts';
import { loadAnalysisView } from '../../../../src/services/analysis-view-service.ts';
import { loadRound } from '../../../../src/services/round-service.ts';
import {
  inviteMunicipalities,
  sendReminders,
} from '../../../../src/services/invitation-service.ts';
import {
  ParticipationFormSchema,
  setParticipation,
} from '../../../../src/services/participation-service.ts';
import {
  createRoundFromForm,
  listVisibleRounds,
  loadRoundOverview,
  NewRoundFormSchema,
} from '../../../../src/services/round-overview-service.ts';
import { changeRoundStatus } from '../../../../src/services/round-service.ts';
import { setRoundPrefill } from '../../../../src/services/prefill-service.ts';
import {
  InvitationsBodySchema,
  invalid,
  MUNICIPALITY,
  ok,
  ROUND,
  RoundOverviewSchema,
  RoundPrefillBodySchema,
  RoundSchema,
  RoundStatusBodySchema,
  toRoundJson,
  user,
} from '../schemas.server.ts';
import { ApiInputError, type ApiOperation } from '../types.server.ts';

export const ROUND_OPERATIONS: readonly ApiOperation[] = [
  {
    operationId: 'listRounds',
    method: 'GET',
    path: '/api/rounds',
    tag: 'rounds',
    permission: 'rounds.read',
    summary: 'All measurement rounds',
    responses: {
      200: { description: 'The rounds.', schema: z.object({ rounds: z.array(RoundSchema) }) },
    },
    handle: async (api) => {
      const rounds = await listVisibleRounds(api.context.db, user(api));
      return ok({
        rounds: rounds.map(toRoundJson),
      });
    },
  },
  {
    operationId: 'createRound',
    method: 'POST',
    path: '/api/rounds',
    tag: 'rounds',
    summary: 'Create a round (status concept)',
    permission: 'round.create',
    body: NewRoundFormSchema,
    responses: {
      201: { description: 'Created.', schema: z.object({ id: z.string() }) },
      400: invalid,
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
    permission: 'rounds.read',
    summary: 'A round with the response of each municipality the caller may see',
    params: ROUND,
    responses: {
      200: { description: 'The round.', schema: RoundOverviewSchema },
    },
    handle: async (api) => {
      const overview = await loadRoundOverview(api.context.db, user(api), api.params.roundId ?? '');
      return ok({
        ...toRoundJson(overview.loaded.round),
        total: overview.total,
        responseBase: overview.responseBase,
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
    permission: 'round.changeStatus',
    params: ROUND,
    body: RoundStatusBodySchema,
    responses: {
      200: { description: 'The new status.', schema: z.object({ status: z.string() }) },
      400: invalid,
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
  // Issue 11, helper C: prefilled follow-up (decision 021).
  {
    operationId: 'setRoundPrefill',
    method: 'PUT',
    path: '/api/rounds/{roundId}/prefill',
    tag: 'rounds',
    summary: 'Set the round a round follows, and whether it is prefilled from it',
    description:
      "Only while the round is in preparation (concept; otherwise 409). With `prefill`, each municipality's questionnaires start, when the round opens, from its answers in the previous round (or its predecessors' where they all agree); those answers count only once confirmed.",
    permission: 'round.prefill',
    params: ROUND,
    body: RoundPrefillBodySchema,
    responses: {
      200: {
        description: 'The setting.',
        schema: z.object({ previousRoundId: z.string().nullable(), prefill: z.boolean() }),
      },
      400: invalid,
    },
    handle: async (api) => {
      const body = api.body as z.infer<typeof RoundPrefillBodySchema>;
      const round = await setRoundPrefill(api.context.db, user(api), api.params.roundId ?? '', {
        vorige: body.previousRoundId ?? '',
        vooraf: body.prefill,
      });
      return ok({ previousRoundId: round.previousRoundId, prefill: round.prefill });
    },
  },
  {
    operationId: 'getRoundAnalysis',
    method: 'GET',
    path: '/api/rounds/{roundId}/analysis',
    tag: 'rounds',
    permission: 'analysis.read',
    summary: 'The national analysis of a round (aggregates only), as the caller may see it',
    description:
      'The figures of `bfm analyse --json`, with what the caller may see (decision 015, docs/analysis.md): the coordinator, advisors and analysts get every figure and may filter with `grootte`, `groep` and `provincie`; municipality accounts get the national figures and the three breakdowns with every figure over fewer than 5 municipalities withheld (`null`, `"suppressed": true`, secondary suppression within each breakdown) and may not filter (`filterIgnored` says a filter was dropped). `protection`, `filterable` and `namedScope` describe the view.',
    params: ROUND,
    query: {
      grootte: { description: 'Only municipalities of this size class (e.g. `lt-20000`).' },
      groep: { description: 'Only this group: `G4`, `G27` or `overig`.' },
      provincie: { description: 'Only this province (e.g. `PV27`).' },
    },
    responses: {
      200: { description: 'The analysis.', schema: z.record(z.string(), z.unknown()) },
      400: { description: 'An unknown filter value; the message lists the choices.' },
    },
    handle: async (api) => {
      const roundId = api.params.roundId ?? '';
      const loaded = await loadRound(api.context.db, roundId);
      const provinces = [
        ...new Map(loaded.municipalities.map((m) => [m.provinceCode, m.provinceName])),
      ].map(([code, name]) => ({ code, name }));
      const { filter, problems } = parseFilterParams(
        new URL(api.request.url).searchParams,
        provinces,
      );
      if (problems.length > 0)
        throw new ApiInputError(
          problems.map((p) => ({ field: p.param, message: p.message })),
          problems.map((p) => p.message).join(' '),
        );
      return ok(
        await loadAnalysisView(api.context.db, { kind: 'user', user: user(api) }, roundId, filter),
      );
    },
  },
  {
    operationId: 'inviteMunicipalities',
    method: 'POST',
    path: '/api/rounds/{roundId}/invitations',
    tag: 'invitations',
    summary: 'Invite municipalities (all or nothing)',
    permission: 'round.invite',
    params: ROUND,
    body: InvitationsBodySchema,
    description:
      'A municipality and address that already have a valid (unused, not expired) or used invitation to the round are not invited again: they are listed under `alreadyInvited`, so repeating a request sends nothing twice.',
    responses: {
      201: {
        description: 'Invitations sent.',
        schema: z.object({
          sent: z.number().int(),
          alreadyInvited: z
            .array(
              z.object({
                municipalityCode: z.string(),
                email: z.string(),
                reason: z.enum(['valid', 'used']),
              }),
            )
            .describe('Not sent again: the same invitation is still valid, or was used.'),
        }),
      },
      400: invalid,
    },
    handle: async (api) => {
      const { contacts } = api.body as z.infer<typeof InvitationsBodySchema>;
      const result = await inviteMunicipalities(api.context.db, api.context.mailer, user(api), {
        roundId: api.params.roundId ?? '',
        contacts,
        links: api.context.links,
      });
      if (!result.ok)
        throw new ApiInputError(
          result.errors.map((e) => ({ field: `contacts.${e.line - 1}`, message: e.message })),
        );
      return ok(
        {
          sent: result.sent,
          alreadyInvited: result.skipped.map((s) => ({
            municipalityCode: s.municipalityCode,
            email: s.email,
            reason: s.reason,
          })),
        },
        201,
      );
    },
  },
  {
    operationId: 'sendReminders',
    method: 'POST',
    path: '/api/rounds/{roundId}/reminders',
    tag: 'invitations',
    summary:
      'Remind every invited municipality that has not submitted both questionnaires and has not declined',
    description:
      'One reminder per address. An address that got a reminder in the last 24 hours is skipped (counted in `skipped`), so repeating a request reminds nobody twice.',
    permission: 'round.remind',
    params: ROUND,
    responses: {
      200: {
        description: 'Reminders sent.',
        schema: z.object({
          sent: z.number().int(),
          municipalities: z.number().int(),
          skipped: z.number().int(),
        }),
      },
    },
    handle: async (api) => {
      return ok(
        await sendReminders(api.context.db, api.context.mailer, user(api), {
          roundId: api.params.roundId ?? '',
          links: api.context.links,
        }),
      );
    },
  },
  {
    operationId: 'setParticipation',
    method: 'PUT',
    path: '/api/rounds/{roundId}/municipalities/{code}/participation',
    tag: 'invitations',
    summary: "Record 'doet mee', 'doet later mee' or 'doet niet mee' with a reason",
    permission: 'participation.set',
    params: MUNICIPALITY,
    body: ParticipationFormSchema,
    responses: {
      200: { description: 'Recorded.', schema: z.object({ status: z.string() }) },
      400: invalid,
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
];
