/**
 * API operations on trends (issue 11): the comparison of two rounds with transition tables,
 * and one municipality's marks over the rounds. The same services as `bfm compare` and the
 * trend pages.
 */
import { z } from 'zod';
import { parseFilterParams } from '../../../../src/domain/analysis-filter.ts';
import { COMBINATION_RULES, type CombinationRule } from '../../../../src/domain/combination.ts';
import { listRoundProvinces } from '../../../../src/services/crosstab-service.ts';
import { loadMunicipalityTrendFor, loadTrendPage } from '../../../../src/services/trend-service.ts';
import { ErrorSchema, invalid, MUNICIPALITY, ok, ROUND, user } from '../schemas.server.ts';
import { ApiInputError, type ApiContext, type ApiOperation } from '../types.server.ts';
import type { StaffUser } from '../../../../src/services/auth-service.ts';

const RoundRefSchema = z.object({
  roundId: z.string(),
  name: z.string(),
  registerId: z.string(),
  instrumentVersion: z.string(),
});

const NotComparedSchema = z.object({
  questionnaire: z.string(),
  kind: z.enum(['basisfunctie', 'item']),
  id: z.string().describe('The basisfunctie id, or the item number.'),
  label: z.string(),
});

const share = z.object({
  respondents: z.number().int().describe('Municipalities with a mark, as in `bfm analyse`.'),
  percentGoed: z
    .number()
    .nullable()
    .describe("Share 'goed voor elkaar'; null when withheld or none."),
});

export const ComparisonSchema = z.object({
  from: RoundRefSchema,
  to: RoundRefSchema,
  rule: z.enum(COMBINATION_RULES),
  filter: z.object({
    sizeClass: z.string().nullable(),
    group: z.string().nullable(),
    province: z.string().nullable(),
  }),
  bands: z
    .array(z.string())
    .describe('Rows and columns of the transition tables: the bands, then `geen-cijfer`.'),
  bandLabels: z.record(z.string(), z.string()),
  basisfuncties: z.array(
    z.object({
      questionnaire: z.string(),
      basisfunctie: z.string(),
      name: z.string(),
      fromBasisfunctie: z.string(),
      from: share,
      to: share,
      transitions: z
        .record(z.string(), z.record(z.string(), z.number().int().nullable()))
        .describe('transitions[fromBand][toBand]: municipalities; null where withheld.'),
      suppressed: z.boolean(),
    }),
  ),
  notCompared: z.array(NotComparedSchema),
  protection: z.enum(['none', 'small-cells']),
  filterable: z.boolean(),
  filterIgnored: z.boolean(),
  synthetic: z.boolean(),
});

const TrendSchema = z.object({
  code: z.string(),
  name: z.string(),
  rule: z.enum(COMBINATION_RULES),
  rounds: z.array(RoundRefSchema),
  bandLabels: z.record(z.string(), z.string()),
  basisfuncties: z.array(
    z.object({
      questionnaire: z.string(),
      basisfunctie: z.string(),
      name: z.string(),
      points: z.array(
        z.object({
          round: RoundRefSchema,
          mark: z.number().nullable(),
          band: z.string(),
          measured: z.boolean(),
          predecessors: z
            .array(
              z.object({
                code: z.string(),
                name: z.string(),
                share: z.number(),
                mark: z.number().nullable(),
                band: z.string(),
              }),
            )
            .nullable(),
        }),
      ),
      change: z.string(),
    }),
  ),
  notCompared: z.array(NotComparedSchema),
  synthetic: z.boolean(),
});

export const RULE_QUERY = {
  rule: {
    description: `How predecessors are combined (decision 019): ${COMBINATION_RULES.map((r) => `\`${r}\``).join(', ')}; default the server's \`BFM_COMBINATION_RULE\`.`,
  },
};

export function readRule(api: ApiContext<StaffUser | null>): CombinationRule {
  const value = new URL(api.request.url).searchParams.get('rule')?.trim() ?? '';
  if (value === '') return api.context.combinationRule ?? 'gewogen-gemiddelde';
  if ((COMBINATION_RULES as readonly string[]).includes(value)) return value as CombinationRule;
  const message = `Onbekende regel '${value}'. Kies uit: ${COMBINATION_RULES.join(', ')}.`;
  throw new ApiInputError([{ field: 'rule', message }], message);
}

export const TREND_OPERATIONS: readonly ApiOperation[] = [
  {
    operationId: 'getRoundComparison',
    method: 'GET',
    path: '/api/rounds/{roundId}/comparison',
    tag: 'rounds',
    permission: 'analysis.read',
    summary:
      "The trend from an earlier round: % 'goed voor elkaar' per basisfunctie and transition tables",
    description:
      'The figures of `bfm compare --json`, over the register of this round with predecessors combined by `rule` (docs/decisions/019). Only items and basisfuncties mapped between the instrument versions are compared; `notCompared` lists the new ones. As the analysis (decision 015): the coordinator, advisors and analysts get every figure and may filter with `grootte`, `groep` and `provincie`; municipality accounts get percentages over fewer than 5 municipalities and small transition cells (and those that would give them back) as `null`, and may not filter.',
    params: ROUND,
    query: {
      from: { description: 'The earlier round; default the round this one follows.' },
      ...RULE_QUERY,
      grootte: { description: 'Only municipalities of this size class (e.g. `lt-20000`).' },
      groep: { description: 'Only this group: `G4`, `G27` or `overig`.' },
      provincie: { description: 'Only this province (e.g. `PV27`).' },
    },
    responses: {
      200: { description: 'The comparison.', schema: ComparisonSchema },
      400: invalid,
      404: { description: 'Unknown round.', schema: ErrorSchema },
    },
    handle: async (api) => {
      const roundId = api.params.roundId ?? '';
      const params = new URL(api.request.url).searchParams;
      const rule = readRule(api);
      const provinces = await listRoundProvinces(api.context.db, roundId);
      const { filter, problems } = parseFilterParams(params, provinces);
      if (problems.length > 0) {
        throw new ApiInputError(
          problems.map((p) => ({ field: p.param, message: p.message })),
          problems.map((p) => p.message).join(' '),
        );
      }
      const page = await loadTrendPage(api.context.db, { kind: 'user', user: user(api) }, roundId, {
        from: params.get('from')?.trim() || null,
        rule,
        filter,
      });
      if (!page.comparison) {
        const message = page.problem ?? 'Deze metingen zijn niet te vergelijken.';
        throw new ApiInputError([{ field: 'from', message }], message);
      }
      return ok(page.comparison);
    },
  },
  {
    operationId: 'getMunicipalityTrend',
    method: 'GET',
    path: '/api/rounds/{roundId}/municipalities/{code}/trend',
    tag: 'reports',
    permission: 'report.read',
    summary: "One municipality's mark per basisfunctie over this round and the rounds before it",
    description:
      "Follows the rounds this one follows (`previous_round_id`). A merged or split municipality's earlier points combine its predecessors by `rule`, and list them with their marks. `change` says in words how the mark moved since the round before, or 'geen eerdere meting'. The same rights as the report.",
    params: MUNICIPALITY,
    query: RULE_QUERY,
    responses: {
      200: { description: 'The trend.', schema: TrendSchema },
      400: invalid,
      404: { description: 'Unknown round or municipality.', schema: ErrorSchema },
    },
    handle: async (api) =>
      ok(
        await loadMunicipalityTrendFor(
          api.context.db,
          user(api),
          api.params.roundId ?? '',
          api.params.code ?? '',
          { rule: readRule(api) },
        ),
      ),
  },
];
