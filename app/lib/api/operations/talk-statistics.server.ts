/**
 * API operation of the national view of the advice talks (issue 12, helper D): the same
 * figures as the page `/metingen/:roundId/analyse/gesprekken` and `talks` in
 * `bfm analyse --json`.
 */
import { z } from 'zod';
import { COMBINATION_RULES } from '../../../../src/domain/combination.ts';
import { ACTION_STATUSES } from '../../../../src/domain/improvement.ts';
import { loadTalkStatistics } from '../../../../src/services/talk-statistics-service.ts';
import { ErrorSchema, invalid, ok, ROUND, user } from '../schemas.server.ts';
import type { ApiOperation } from '../types.server.ts';
import { readRule, RULE_QUERY } from './trends.server.ts';

const StatusCountsSchema = z.object(
  Object.fromEntries(ACTION_STATUSES.map((s) => [s, z.number().int()])) as Record<
    (typeof ACTION_STATUSES)[number],
    z.ZodNumber
  >,
);

const RiseGroupSchema = z.object({
  municipalities: z.number().int().describe('Municipalities with a mark in both rounds.'),
  rose: z
    .number()
    .int()
    .nullable()
    .describe('Of those, the ones whose mark rose; null when withheld.'),
  percentRose: z
    .number()
    .nullable()
    .describe('100 × rose / municipalities, one decimal; null when withheld or none.'),
  suppressed: z.boolean(),
});

const RiseComparisonSchema = z.object({ withTalk: RiseGroupSchema, withoutTalk: RiseGroupSchema });

export const TalkStatisticsSchema = z.object({
  round: z.object({ id: z.string(), name: z.string(), synthetic: z.boolean() }),
  rounds: z
    .array(z.object({ id: z.string(), name: z.string() }))
    .describe('This round and the rounds it follows, oldest first: the columns of byProvince.'),
  byProvince: z.array(
    z.object({
      province: z.string().describe('Province code, e.g. PV27.'),
      name: z.string(),
      talks: z.array(z.number().int()).describe('Per round: talks about that round.'),
      municipalities: z
        .array(z.number().int())
        .describe('Per round: different municipalities with a talk.'),
    }),
  ),
  totals: z.object({
    talks: z.array(z.number().int()),
    municipalities: z.array(z.number().int()),
  }),
  actions: z.object({
    round: z
      .object({ id: z.string(), name: z.string() })
      .describe('The round the talks discussed: the previous round when there is one.'),
    today: z.string().describe('The Dutch calendar day overdue actions were counted on.'),
    rows: z.array(
      z.object({
        questionnaire: z.string(),
        basisfunctie: z.string(),
        name: z.string(),
        byStatus: StatusCountsSchema,
        total: z.number().int(),
        overdue: z.number().int(),
      }),
    ),
    byStatus: StatusCountsSchema,
    total: z.number().int(),
    overdue: z.number().int(),
  }),
  comparison: z
    .object({
      from: z.object({ id: z.string(), name: z.string() }),
      rule: z.enum(COMBINATION_RULES),
      overall: RiseComparisonSchema.describe(
        'Per municipality the mean over the basisfuncties marked in both rounds.',
      ),
      basisfuncties: z.array(
        RiseComparisonSchema.extend({
          questionnaire: z.string(),
          basisfunctie: z.string(),
          name: z.string(),
        }),
      ),
    })
    .nullable()
    .describe(
      'Descriptive, not proof of an effect: the share of municipalities whose mark rose since the previous round, with and without a talk about it (their own or a predecessor’s). Null when the round follows none.',
    ),
  problem: z.string().nullable(),
  protection: z.enum(['none', 'small-cells']),
  minGroupSize: z.number().int(),
});

export const TALK_STATISTICS_OPERATIONS: readonly ApiOperation[] = [
  {
    operationId: 'getTalkStatistics',
    method: 'GET',
    path: '/api/rounds/{roundId}/talk-statistics',
    tag: 'rounds',
    permission: 'analysis.read',
    summary:
      'Advice talks per province and round, actions by basisfunctie and status, and marks that rose with and without a talk',
    description:
      'Counts only, never names (decision 027). The comparison describes the two groups and proves no effect: municipalities choose to have a talk. Municipality accounts get the shares of groups under `minGroupSize` municipalities as `null`.',
    params: ROUND,
    query: RULE_QUERY,
    responses: {
      200: { description: 'The talk statistics.', schema: TalkStatisticsSchema },
      400: invalid,
      404: { description: 'Unknown round.', schema: ErrorSchema },
    },
    handle: async (api) =>
      ok(
        await loadTalkStatistics(
          api.context.db,
          { kind: 'user', user: user(api) },
          api.params.roundId ?? '',
          { rule: readRule(api) },
        ),
      ),
  },
];
