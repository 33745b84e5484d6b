/**
 * API operations to read the open answers and notes of a round and to choose quotes for the
 * national report (issue 13, helper A). The same services as the pages under
 * `/metingen/:roundId/analyse/open-antwoorden`, so the same rules decide who sees which names:
 * an analyst's answers carry no `municipality` at all, only a pseudonym (`id`) and the
 * anonymised `origin` (decision 028).
 */
import { z } from 'zod';
import { parsePart } from '../../../../src/domain/open-answers.ts';
import { listProvinces, SIZE_CLASSES } from '../../../../src/domain/register.ts';
import { NotFoundError } from '../../../../src/services/errors.ts';
import {
  listOpenAnswerSources,
  readOpenAnswers,
  searchRoundOpenAnswers,
  type OpenAnswerEntry,
  type OpenAnswerSourceKey,
} from '../../../../src/services/open-answers/open-answer-service.ts';
import {
  API_PARAMS,
  parseOpenAnswerParams,
} from '../../../../src/services/open-answers/open-answer-query.ts';
import { setQuote } from '../../../../src/services/open-answers/quote-service.ts';
import { loadRound } from '../../../../src/services/round-service.ts';
import { ErrorSchema, invalid, ok, ROUND, user } from '../schemas.server.ts';
import { ApiInputError, type ApiContext, type ApiOperation } from '../types.server.ts';
import type { StaffUser } from '../../../../src/services/auth-service.ts';

const SIZE_CLASS_IDS = SIZE_CLASSES.map((c) => c.id) as [string, ...string[]];

const SourceSchema = z.object({
  questionnaire: z.string(),
  question: z.number().int(),
  part: z.enum(['text', 'note']).describe("'text': the open answer; 'note': the toelichting."),
  questionnaireName: z.string(),
  itemText: z.string(),
  itemKind: z.string(),
  basisfunctie: z.object({ id: z.string(), name: z.string() }).nullable(),
});

const EntrySchema = z.object({
  id: z
    .string()
    .describe('Pseudonym of the answer: stable within the round and question, names nobody.'),
  municipality: z
    .object({ code: z.string(), name: z.string() })
    .optional()
    .describe(
      'Only for callers who may see this municipality by name (the coordinator; an advisor in their provinces; a municipality its own). Absent otherwise.',
    ),
  origin: z
    .string()
    .describe(
      "The municipality's name, or the anonymised description: 'een gemeente in Gelderland met 20.000–50.000 inwoners', less where a group holds fewer than 5 respondents.",
    ),
  provinceCode: z.string().nullable(),
  provinceName: z.string().nullable(),
  sizeClass: z.enum(SIZE_CLASS_IDS).nullable(),
  group: z.enum(['G4', 'G27', 'overig']).nullable(),
  band: z.object({ id: z.string(), label: z.string() }).nullable(),
  text: z.string().describe("As the caller may read it: the own name replaced by '[gemeente]'."),
  segments: z
    .array(z.object({ text: z.string(), match: z.boolean() }))
    .describe('The text in pieces; `match` marks the words that matched the search.'),
  themes: z.array(z.object({ id: z.number().int(), name: z.string() })),
  quote: z.boolean(),
});

const RoundRefSchema = z.object({ id: z.string(), name: z.string(), synthetic: z.boolean() });

const OpenAnswerPageSchema = z.object({
  round: RoundRefSchema,
  source: SourceSchema,
  query: z.object({
    filter: z.object({
      sizeClass: z.string().nullable(),
      group: z.string().nullable(),
      province: z.string().nullable(),
    }),
    band: z.string().nullable(),
    search: z.string(),
    page: z.number().int(),
    pageSize: z.number().int(),
  }),
  bands: z.array(z.object({ id: z.string(), label: z.string() })),
  provinces: z.array(z.object({ code: z.string(), name: z.string() })),
  respondents: z.number().int().describe('Respondents of the questionnaire in the selection.'),
  total: z.number().int().describe('Answers that match, before paging.'),
  pageCount: z.number().int(),
  answers: z.array(EntrySchema),
  withheld: z
    .number()
    .int()
    .describe('Anonymised answers not shown because the selection holds fewer than 5 respondents.'),
  namedScope: z.enum(['all', 'province', 'own', 'none']),
  codebook: z.object({ id: z.number().int(), themes: z.number().int() }).nullable(),
});

const SourcesSchema = z.object({
  round: RoundRefSchema,
  questionnaires: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      sources: z.array(
        SourceSchema.extend({
          answers: z.number().int(),
          codebook: z.object({ id: z.number().int(), themes: z.number().int() }).nullable(),
        }),
      ),
    }),
  ),
});

const SearchResultSchema = z.object({
  round: RoundRefSchema,
  search: z.string(),
  total: z.number().int(),
  page: z.number().int(),
  pageCount: z.number().int(),
  hits: z.array(EntrySchema.extend({ source: SourceSchema })),
  withheld: z.number().int(),
});

export const QuoteBodySchema = z.object({
  quote: z.boolean().describe('true: mark as a quote for the national report; false: remove.'),
});

const QuoteResultSchema = z.object({
  id: z.string(),
  quote: z.boolean(),
  changed: z.boolean().describe('False when the answer already had this state.'),
});

const SOURCE = {
  ...ROUND,
  questionnaire: { description: "'vrijwilligerswerk' or 'mantelzorg'." },
  question: { description: 'The question number.', pattern: '^\\d{1,3}$' },
  part: {
    description: "'antwoord' (the open answer) or 'toelichting' (the notes on the item).",
    pattern: '^(antwoord|toelichting|text|note)$',
  },
};

const FILTER_QUERY = {
  grootte: { description: 'Only municipalities of this size class (e.g. `lt-20000`).' },
  groep: { description: 'Only this group: `G4`, `G27` or `overig`.' },
  provincie: { description: 'Only this province (e.g. `PV27`).' },
  search: {
    description:
      'Words to search for, with Dutch stemming: `vrijwilligers` also finds `vrijwilliger`; `"a phrase"`, `or`, `-word`.',
  },
  page: { description: 'The page, from 1.', pattern: '^\\d+$' },
  pageSize: { description: 'Answers per page, 1–200 (default 25).', pattern: '^\\d+$' },
};

/** The source of the address, or 404 as the pages answer. */
function sourceKeyOf(api: ApiContext<StaffUser | null>): OpenAnswerSourceKey {
  const part = parsePart(api.params.part);
  const question = Number(api.params.question);
  if (!part || !/^\d{1,3}$/.test(api.params.question ?? '')) {
    throw new NotFoundError(
      "Deze vraag bestaat niet. Gebruik een vraagnummer en 'antwoord' of 'toelichting'.",
    );
  }
  return { questionnaire: api.params.questionnaire ?? '', question, part };
}

/** Reads the query; problems answer 400 with one error per parameter. */
async function readQuery(api: ApiContext<StaffUser | null>) {
  const loaded = await loadRound(api.context.db, api.params.roundId ?? '');
  const { query, problems } = parseOpenAnswerParams(
    new URL(api.request.url).searchParams,
    listProvinces(loaded.municipalities),
    API_PARAMS,
  );
  if (problems.length > 0) {
    throw new ApiInputError(
      problems.map((p) => ({ field: p.param, message: p.message })),
      problems.map((p) => p.message).join(' '),
    );
  }
  return query;
}

/** An entry as JSON: without the key `municipality` when it is not named. */
function toEntryJson<T extends OpenAnswerEntry>(entry: T) {
  const { municipality, ...rest } = entry;
  return municipality ? { ...rest, municipality } : rest;
}

export const OPEN_ANSWER_OPERATIONS: readonly ApiOperation[] = [
  {
    operationId: 'listOpenAnswerSources',
    method: 'GET',
    path: '/api/rounds/{roundId}/open-answers',
    tag: 'open-answers',
    permission: 'openAnswers.read',
    summary: 'The open questions and the items with notes of a round, with their counts',
    description:
      'Per questionnaire: every open question, and every item that carries at least one note, with the number of answers and whether it has a codebook. A municipality account counts only its own answers.',
    params: ROUND,
    responses: {
      200: { description: 'The sources.', schema: SourcesSchema },
      404: { description: 'Unknown round.', schema: ErrorSchema },
    },
    handle: async (api) =>
      ok(await listOpenAnswerSources(api.context.db, user(api), api.params.roundId ?? '')),
  },
  {
    operationId: 'searchOpenAnswers',
    method: 'GET',
    path: '/api/rounds/{roundId}/open-answers/search',
    tag: 'open-answers',
    permission: 'openAnswers.read',
    summary: 'Search every open answer and note of a round (Dutch stemming)',
    description:
      'Best match first, as the caller may read the answers (decision 028). `search` is required. The filter parameters narrow the municipalities; anonymised answers of a selection under 5 respondents are withheld and counted in `withheld`.',
    params: ROUND,
    query: { ...FILTER_QUERY, search: { ...FILTER_QUERY.search, required: true } },
    responses: {
      200: { description: 'The hits of one page.', schema: SearchResultSchema },
      400: invalid,
      404: { description: 'Unknown round.', schema: ErrorSchema },
    },
    handle: async (api) => {
      const query = await readQuery(api);
      const result = await searchRoundOpenAnswers(
        api.context.db,
        user(api),
        api.params.roundId ?? '',
        query,
      );
      return ok({ ...result, hits: result.hits.map(toEntryJson) });
    },
  },
  {
    operationId: 'getOpenAnswers',
    method: 'GET',
    path: '/api/rounds/{roundId}/open-answers/{questionnaire}/{question}/{part}',
    tag: 'open-answers',
    permission: 'openAnswers.read',
    summary: 'Every answer to one open question, or every note on one item, filtered and paged',
    description:
      'The same page as `/metingen/{roundId}/analyse/open-antwoorden/{questionnaire}/{question}/{part}`: the dashboard filters, `band` (a band of the item’s basisfunctie), a search with Dutch stemming, and paging. The coordinator sees names, an advisor in their provinces, a municipality only its own answers; everyone else anonymised answers without `municipality`.',
    params: SOURCE,
    query: {
      ...FILTER_QUERY,
      band: { description: 'Only municipalities with this band for the item’s basisfunctie.' },
    },
    responses: {
      200: { description: 'One page of answers.', schema: OpenAnswerPageSchema },
      400: invalid,
      404: { description: 'Unknown round, questionnaire or question.', schema: ErrorSchema },
    },
    handle: async (api) => {
      const key = sourceKeyOf(api);
      const query = await readQuery(api);
      const page = await readOpenAnswers(
        api.context.db,
        user(api),
        api.params.roundId ?? '',
        key,
        query,
      );
      return ok({ ...page, answers: page.answers.map(toEntryJson) });
    },
  },
  {
    operationId: 'setOpenAnswerQuote',
    method: 'PUT',
    path: '/api/rounds/{roundId}/open-answers/{questionnaire}/{question}/{part}/{answerId}/quote',
    tag: 'open-answers',
    permission: 'openAnswers.quote',
    summary: 'Mark an answer as a quote for the national report, or remove the mark',
    description:
      'The answer is named by its pseudonym (`id` from getOpenAnswers), never by a municipality. The national report prints quotes anonymised, whoever reads it. Setting the state it already has changes nothing (`changed: false`). Audited.',
    params: {
      ...SOURCE,
      answerId: { description: 'The pseudonym of the answer.', pattern: '^[0-9a-f]{16}$' },
    },
    body: QuoteBodySchema,
    responses: {
      200: { description: 'The new state.', schema: QuoteResultSchema },
      400: invalid,
      404: {
        description: 'Unknown round, question or answer, or an answer without text.',
        schema: ErrorSchema,
      },
    },
    handle: async (api) => {
      const body = api.body as z.infer<typeof QuoteBodySchema>;
      return ok(
        await setQuote(
          api.context.db,
          user(api),
          api.params.roundId ?? '',
          sourceKeyOf(api),
          api.params.answerId ?? '',
          body.quote,
        ),
      );
    },
  },
];
