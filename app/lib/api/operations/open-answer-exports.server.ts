/**
 * API operation of the coded open answers (issue 13, helper C): the rows of the files
 * `export.csv` and `export.xlsx` of one open question (or one item's notes) as JSON, with the
 * same rules (docs/exports.md, decision 030).
 */
import { z } from 'zod';
import {
  exportCodedRowsForApi,
  parseCodedAnswersParams,
  parseSourceParams,
  readCodedOpenAnswers,
} from '../../../../src/services/open-answers/open-answer-export.ts';
import { assertCan } from '../../../../src/services/permissions.ts';
import { ok, ROUND, user } from '../schemas.server.ts';
import type { ApiOperation } from '../types.server.ts';

const CodedAnswersSchema = z.object({
  round: z.object({ id: z.string(), name: z.string(), synthetic: z.boolean() }),
  source: z.object({
    questionnaire: z.string(),
    question: z.number().int(),
    part: z.enum(['text', 'note']).describe('`text`: the open answer; `note`: the toelichting.'),
    itemText: z.string(),
  }),
  named: z
    .boolean()
    .describe(
      'Whether rows can carry `municipality`: true for the coordinator and advisors (an advisor’s own provinces only).',
    ),
  themes: z
    .array(z.object({ id: z.number().int(), name: z.string(), description: z.string() }))
    .describe('The themes of the codebook, in its order (empty without a codebook).'),
  withheld: z
    .number()
    .int()
    .describe('Anonymised answers left out because the selection is under 5 respondents.'),
  answers: z.array(
    z.object({
      id: z.string().describe('The answer’s pseudonym, as on the reading page.'),
      municipality: z
        .object({ code: z.string(), name: z.string() })
        .nullable()
        .describe('Only for a municipality the caller sees by name; never for analysts.'),
      origin: z
        .string()
        .describe('The name, or the anonymised description (‘een gemeente in Gelderland’).'),
      province: z.string().nullable(),
      sizeClass: z.string().nullable(),
      band: z.string().nullable().describe('The band of the item’s basisfunctie, or null.'),
      text: z.string().describe('The text; the municipality’s own name replaced when anonymised.'),
      coded: z.boolean().describe('Whether the answer has a final coding.'),
      themes: z
        .array(z.union([z.literal(0), z.literal(1), z.null()]))
        .describe(
          'Per theme of `themes`, in order: 1 in the final coding, 0 not; null when not coded.',
        ),
      quote: z.boolean().describe('Marked as a quote for the national report.'),
    }),
  ),
});

export const OPEN_ANSWER_EXPORT_OPERATIONS: readonly ApiOperation[] = [
  {
    operationId: 'getCodedOpenAnswers',
    method: 'GET',
    path: '/api/rounds/{roundId}/open-answers/{questionnaire}/{question}/{part}/coded',
    tag: 'open-answers',
    permission: 'openAnswers.export',
    summary: 'The coded answers of an open question (or an item’s notes), as the export files',
    description:
      'The rows of `export.csv` and `export.xlsx` of the open-answer pages (docs/exports.md): one per answer the caller may read, with the final coding per theme (the settled coding, or else the first coder’s). The coordinator sees every municipality by name, an advisor those of their provinces; analysts get no municipality code or name, and the municipality’s own name is replaced in the text. `grootte`, `groep`, `provincie`, `band` and `zoek` narrow the rows as on the reading page. Municipality accounts get 403.',
    params: {
      ...ROUND,
      questionnaire: { description: "'vrijwilligerswerk' or 'mantelzorg'." },
      question: { description: 'The question number.', pattern: '^\\d{1,3}$' },
      part: {
        description: '`antwoord` (the open answer) or `toelichting` (the notes on the item).',
        pattern: '^(antwoord|toelichting)$',
      },
    },
    query: {
      grootte: { description: 'Only municipalities of this size class (e.g. `lt-20000`).' },
      groep: { description: 'Only this group: `G4`, `G27` or `overig`.' },
      provincie: { description: 'Only this province (e.g. `PV27`).' },
      band: { description: 'Only municipalities in this band of the item’s basisfunctie.' },
      zoek: { description: 'Words to search for (Dutch stemming).' },
    },
    responses: {
      200: { description: 'The coded answers.', schema: CodedAnswersSchema },
      400: { description: 'An unknown filter value or band; the message names the choices.' },
      404: { description: 'An unknown round, questionnaire, question or part.' },
    },
    handle: async (api) => {
      const caller = user(api);
      // Who may download at all is checked before anything is read, as the service does.
      assertCan(caller, 'openAnswers.export');
      const roundId = api.params.roundId ?? '';
      const key = parseSourceParams(api.params);
      const query = await parseCodedAnswersParams(
        api.context.db,
        roundId,
        new URL(api.request.url).searchParams,
      );
      const data = await readCodedOpenAnswers(api.context.db, caller, roundId, key, query);
      return ok(exportCodedRowsForApi(data));
    },
  },
];
