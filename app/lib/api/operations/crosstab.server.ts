/** API operation on cross-tables of two questions, with the test of association. */
import { z } from 'zod';
import {
  listRoundProvinces,
  loadCrossTabView,
  parseCrossTabParams,
} from '../../../../src/services/crosstab-service.ts';
import { ErrorSchema, invalid, ok, ROUND, user } from '../schemas.server.ts';
import { ApiInputError, type ApiOperation } from '../types.server.ts';

const VariableSchema = z.object({
  id: z.string().describe('`mantelzorg.17`, `mantelzorg.18.aanbod`, `mantelzorg.aantal-goed` …'),
  questionnaire: z.string(),
  kind: z.enum(['scale', 'single', 'multiple', 'option', 'count-goed', 'band']),
  question: z.number().int().nullable(),
  name: z.string(),
  text: z.string(),
  categories: z.array(z.object({ code: z.string(), label: z.string() })),
  part: z.string().nullable(),
  multipleResponse: z
    .boolean()
    .describe('A whole multiple-choice question: a municipality is in every option it chose.'),
});

const cells = z.array(z.array(z.number().nullable()));
const line = z.array(z.number().nullable());

export const CrossTabSchema = z.object({
  round: z.string(),
  roundName: z.string(),
  synthetic: z.boolean(),
  roundStatus: z.enum(['concept', 'open', 'closed']),
  row: VariableSchema,
  column: VariableSchema,
  counts: cells.describe('counts[r][c]; null where withheld (small-cell rule).'),
  rowTotals: line,
  columnTotals: line,
  total: z.number().int().describe('The municipalities the table rests on (with both answers).'),
  rowPercentages: cells,
  columnPercentages: cells,
  rowTotalPercentages: line,
  columnTotalPercentages: line,
  test: z
    .object({
      chiSquare: z.number(),
      degreesOfFreedom: z.number().int(),
      pValue: z.number(),
      cramersV: z.number(),
      expected: z.object({
        cells: z.number().int(),
        below5: z.number().int(),
        below1: z.number().int(),
        smallest: z.number().nullable(),
        tooSmall: z
          .boolean()
          .describe('Cochran: an expected count under 1, or more than 20% under 5.'),
      }),
    })
    .nullable()
    .describe('Pearson chi-square with its p-value and Cramér V; null when there is none.'),
  noTest: z.enum(['multiple-response', 'too-few-categories']).nullable(),
  protection: z.enum(['none', 'small-cells']),
  suppressed: z.boolean(),
  withheld: z.enum(['few-municipalities', 'multiple-response', 'cannot-protect']).nullable(),
  filter: z.object({
    sizeClass: z.string().nullable(),
    group: z.string().nullable(),
    province: z.string().nullable(),
  }),
  filterable: z.boolean(),
  filterIgnored: z.boolean(),
});

export const CROSSTAB_OPERATIONS: readonly ApiOperation[] = [
  {
    operationId: 'getCrossTab',
    method: 'GET',
    path: '/api/rounds/{roundId}/crosstab',
    tag: 'rounds',
    permission: 'analysis.read',
    summary: 'A cross-table of two questions, with chi-square, p-value and Cramér V',
    description:
      'Any two questions of the round, also from the two questionnaires (matched on the municipality): the same figures as `bfm crosstab --json`. The coordinator, advisors and analysts get every figure and may filter with `grootte`, `groep` and `provincie`; municipality accounts get the national table under the small-cell rule (cells of 1–4 municipalities and those that would give them back are `null`, and then the test too; a table over fewer than 5 municipalities is withheld) and may not filter. See docs/analysis.md.',
    params: ROUND,
    query: {
      row: {
        description:
          'The question in the rows: `mantelzorg.17`, `vrijwilligerswerk.3`, one option `mantelzorg.18.aanbod`, `mantelzorg.aantal-goed` or `mantelzorg.band.informatie`.',
        required: true,
      },
      column: { description: 'The question in the columns, as `row`.', required: true },
      grootte: { description: 'Only municipalities of this size class (e.g. `lt-20000`).' },
      groep: { description: 'Only this group: `G4`, `G27` or `overig`.' },
      provincie: { description: 'Only this province (e.g. `PV27`).' },
    },
    responses: {
      200: { description: 'The cross-table.', schema: CrossTabSchema },
      400: invalid,
      404: { description: 'Unknown round.', schema: ErrorSchema },
    },
    handle: async (api) => {
      const roundId = api.params.roundId ?? '';
      const provinces = await listRoundProvinces(api.context.db, roundId);
      const { query, filter, problems } = parseCrossTabParams(
        new URL(api.request.url).searchParams,
        provinces,
        { row: 'row', column: 'column' },
      );
      if (!query && problems.length === 0) {
        problems.push(
          { param: 'row', message: 'Geef de vraag in de rijen, bijvoorbeeld row=mantelzorg.17.' },
          {
            param: 'column',
            message: 'Geef de vraag in de kolommen, bijvoorbeeld column=mantelzorg.19.',
          },
        );
      }
      if (problems.length > 0 || !query) {
        const errors = problems.map((p) => ({ field: p.param, message: p.message }));
        throw new ApiInputError(errors, errors.map((e) => e.message).join(' '));
      }
      return ok(
        await loadCrossTabView(
          api.context.db,
          { kind: 'user', user: user(api) },
          roundId,
          query,
          filter,
        ),
      );
    },
  },
];
