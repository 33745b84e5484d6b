/** API operations of the answers export: the rows of `bfm export` as JSON (docs/exports.md). */
import { z } from 'zod';
import { toAnswerObjects } from '../../../../src/services/export/answer-formats.ts';
import { exportAnswersForUser } from '../../../../src/services/export/answers-export.ts';
import { readExportFilter } from '../../../../src/services/export/answers-export-files.ts';
import { assertRoleMay } from '../../../../src/services/permissions.ts';
import { loadRound } from '../../../../src/services/round-service.ts';
import { ok, ROUND, user } from '../schemas.server.ts';
import { ApiInputError, type ApiOperation } from '../types.server.ts';

const VariableSchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.enum(['numeric', 'string']),
  decimals: z.number().int(),
  level: z.enum(['nominal', 'ordinal', 'scale']),
  values: z.array(z.object({ value: z.number(), label: z.string() })),
});

const AnswersSchema = z.object({
  round: z.string(),
  roundName: z.string(),
  synthetic: z.boolean().describe('Demo data: no real answers.'),
  questionnaire: z.object({ id: z.string(), name: z.string() }),
  scope: z
    .enum(['all', 'provinces'])
    .describe('`all`: every municipality; `provinces`: those of the advisor’s provinces.'),
  filter: z.string().nullable().describe('The filter of the rows in words, or null.'),
  variables: z.array(VariableSchema).describe('The codebook (docs/codebook.md), in column order.'),
  rows: z
    .array(z.record(z.string(), z.union([z.number(), z.string(), z.null()])))
    .describe(
      'One object per municipality that answered, keyed by variable name; null = not answered.',
    ),
});

const QuestionnaireParamSchema = z.string().regex(/^[a-z0-9-]{1,40}$/);

export const EXPORT_OPERATIONS: readonly ApiOperation[] = [
  {
    operationId: 'getRoundAnswers',
    method: 'GET',
    path: '/api/rounds/{roundId}/answers',
    tag: 'rounds',
    permission: 'analysis.exportAnswers',
    summary: 'The answers of a questionnaire, one row per municipality (the export)',
    description:
      'The rows and variables of `bfm export` and the export page (docs/exports.md, docs/codebook.md): `gemeentecode`, `gemeente`, `provincie`, `grootteklasse`, `groep`, `vraag_N` (3-point: 1 Nee, 2 Ja, verbetering mogelijk, 3 Ja, goed voor elkaar), `vraag_N_k` (option k of a multiple-choice item, 0/1), `vraag_N_tekst`, `cijfer_<basisfunctie>` and `aantal_goed`. The coordinator gets every municipality, an advisor those of their provinces; `grootte`, `groep` and `provincie` narrow the rows as on the dashboard.',
    params: ROUND,
    query: {
      questionnaire: {
        description: 'The questionnaire: `vrijwilligerswerk` or `mantelzorg`.',
        required: true,
      },
      grootte: { description: 'Only municipalities of this size class (e.g. `lt-20000`).' },
      groep: { description: 'Only this group: `G4`, `G27` or `overig`.' },
      provincie: { description: 'Only this province (e.g. `PV27`).' },
    },
    responses: {
      200: { description: 'The answers.', schema: AnswersSchema },
      400: {
        description:
          'No or an unknown questionnaire, or an unknown filter value; the message names the choices.',
      },
    },
    handle: async (api) => {
      const params = new URL(api.request.url).searchParams;
      const value = params.get('questionnaire') ?? '';
      if (!QuestionnaireParamSchema.safeParse(value).success) {
        const message =
          "Geef de vragenlijst met ?questionnaire=, bijvoorbeeld 'vrijwilligerswerk' of 'mantelzorg'.";
        throw new ApiInputError([{ field: 'questionnaire', message }], message);
      }
      const roundId = api.params.roundId ?? '';
      const caller = user(api);
      // Who may export at all is checked before the round is read, as the service does.
      assertRoleMay(caller, 'analysis.exportAnswers');
      const loaded = await loadRound(api.context.db, roundId);
      const filter = readExportFilter(loaded.municipalities, params);
      const dataset = await exportAnswersForUser(api.context.db, caller, roundId, value, filter);
      return ok({
        round: dataset.roundId,
        roundName: dataset.roundName,
        synthetic: dataset.synthetic,
        questionnaire: dataset.questionnaire,
        scope: dataset.scope,
        filter: dataset.filter,
        variables: dataset.variables.map(({ name, label, type, decimals, level, values }) => ({
          name,
          label,
          type,
          decimals,
          level,
          values,
        })),
        rows: toAnswerObjects(dataset),
      });
    },
  },
];
