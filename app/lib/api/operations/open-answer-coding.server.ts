/**
 * API operations on coding the open answers (issue 13, helper B, decision 029): the codebook of a
 * question with its theme counts, its themes, each coder's own coding, the agreement between two
 * coders and settling. The same services as the pages. Answers are addressed by their pseudonym
 * (`answerId`, as the reading operations give it), never by a municipality code, so an analyst
 * sends and receives none.
 */
import { z } from 'zod';
import { parsePart } from '../../../../src/domain/open-answers.ts';
import { NotFoundError } from '../../../../src/services/errors.ts';
import { readAgreement } from '../../../../src/services/open-answers/agreement-service.ts';
import {
  addTheme,
  createCodebook,
  moveTheme,
  removeTheme,
  updateTheme,
  type CodebookChange,
} from '../../../../src/services/open-answers/codebook-service.ts';
import {
  codeAnswer,
  readMyCodings,
  settleAnswer,
} from '../../../../src/services/open-answers/coding-service.ts';
import type { OpenAnswerSourceKey } from '../../../../src/services/open-answers/open-answer-service.ts';
import {
  countThemes,
  THEME_BREAKDOWNS,
  type ThemeBreakdown,
} from '../../../../src/services/open-answers/theme-counts.ts';
import { ErrorSchema, invalid, ok, ROUND, user } from '../schemas.server.ts';
import { ApiInputError, type ApiContext, type ApiOperation } from '../types.server.ts';
import type { StaffUser } from '../../../../src/services/auth-service.ts';

const SOURCE = {
  ...ROUND,
  questionnaire: { description: "'vrijwilligerswerk' or 'mantelzorg'." },
  question: { description: 'The question number.', pattern: '^\\d{1,5}$' },
  part: {
    description:
      "'text' (or 'antwoord'): the answers to an open question; 'note' (or 'toelichting'): the notes on an item.",
    pattern: '^(text|note|antwoord|toelichting)$',
  },
};
const THEME = { ...SOURCE, themeId: { description: 'The theme’s id.', pattern: '^\\d{1,10}$' } };
const ANSWER = {
  ...SOURCE,
  answerId: {
    description: 'The answer’s pseudonym (`id` in the reading operations), 16 hex digits.',
    pattern: '^[0-9a-f]{16}$',
  },
};

const BASE = '/api/rounds/{roundId}/open-answers/{questionnaire}/{question}/{part}';
const TAG = 'open-answers';

function sourceOf(api: ApiContext<StaffUser | null>): OpenAnswerSourceKey {
  const part = parsePart(api.params.part);
  const question = Number(api.params.question);
  if (!part || !Number.isInteger(question)) {
    throw new NotFoundError("Onbekend deel: gebruik 'text' of 'note' met een vraagnummer.");
  }
  return { questionnaire: api.params.questionnaire ?? '', question, part };
}

const ThemeSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  position: z.number().int().describe('1-based place in the list (and the exports).'),
});
const CodebookSchema = z
  .object({
    id: z.number().int(),
    version: z.number().int().describe('Name it as `baseVersion` when changing the codebook.'),
    themes: z.array(ThemeSchema),
  })
  .nullable()
  .describe('null while the question has no codebook.');
const CountRowSchema = z.object({
  id: z.string().describe('`nl`, a province code, a size class or a group.'),
  label: z.string(),
  coded: z.number().int().describe('Coded answers in the group.'),
  counts: z
    .array(z.number().int().nullable())
    .describe('Per theme, in the codebook’s order: answers with it; null when withheld.'),
  percents: z.array(z.number().nullable()).describe('100 × count / coded, one decimal.'),
  suppressed: z.boolean(),
});
const ThemeIdsSchema = z.array(z.number().int().positive()).max(100);
const ThemeBodySchema = z.object({
  name: z.string().max(1000),
  description: z.string().max(10_000).optional(),
  baseVersion: z.number().int().min(1).describe('The codebook’s `version` the change starts from.'),
});

function changed<T>(result: CodebookChange<T>): CodebookChange<T> & { ok: true } {
  if (!result.ok) throw new ApiInputError(result.issues, result.issues[0]?.message);
  return result;
}

export const OPEN_ANSWER_CODING_OPERATIONS: readonly ApiOperation[] = [
  {
    operationId: 'getCodebook',
    method: 'GET',
    path: `${BASE}/codebook`,
    tag: TAG,
    permission: 'openAnswers.read',
    summary: 'The codebook of an open question, with the counts per theme',
    description:
      'Themes, and per theme the answers whose final coding (settled, else the first coder’s) has it, nationally and broken down (`?breakdown=province|size|group`). Municipality accounts get counts over fewer than 5 answers withheld, with secondary suppression (decision 015). No municipality is named.',
    params: SOURCE,
    query: { breakdown: { description: '`province`, `size` or `group`.' } },
    responses: {
      200: {
        description: 'The codebook and its counts.',
        schema: z.object({
          codebook: CodebookSchema,
          answers: z.number().int().describe('Answers with text in the question.'),
          national: CountRowSchema,
          breakdown: z
            .object({
              kind: z.enum(THEME_BREAKDOWNS),
              label: z.string(),
              rows: z.array(CountRowSchema),
            })
            .nullable(),
          protection: z.enum(['none', 'small-cells']),
        }),
      },
      400: invalid,
      404: { description: 'Unknown round or question.', schema: ErrorSchema },
    },
    handle: async (api) => {
      const value = new URL(api.request.url).searchParams.get('breakdown');
      if (value !== null && !THEME_BREAKDOWNS.includes(value as ThemeBreakdown)) {
        throw new ApiInputError(
          [{ field: 'breakdown', message: 'Kies province, size of group.' }],
          `Onbekende uitsplitsing '${value}'. Kies province, size of group.`,
        );
      }
      const counts = await countThemes(
        api.context.db,
        user(api),
        api.params.roundId ?? '',
        sourceOf(api),
        value as ThemeBreakdown | null,
      );
      return ok({
        codebook: counts.codebook,
        answers: counts.answers,
        national: counts.national,
        breakdown: counts.breakdown,
        protection: counts.protection,
      });
    },
  },
  {
    operationId: 'createCodebook',
    method: 'POST',
    path: `${BASE}/codebook`,
    tag: TAG,
    permission: 'openAnswers.code',
    summary: 'Make the codebook of an open question (without themes yet)',
    description: 'Audited. A question has at most one codebook: a second is refused with 409.',
    params: SOURCE,
    responses: {
      201: { description: 'The new codebook.', schema: CodebookSchema },
      404: { description: 'Unknown round or question.', schema: ErrorSchema },
      409: { description: 'The question has a codebook already.', schema: ErrorSchema },
    },
    handle: async (api) =>
      ok(
        await createCodebook(api.context.db, user(api), api.params.roundId ?? '', sourceOf(api)),
        201,
      ),
  },
  {
    operationId: 'addTheme',
    method: 'POST',
    path: `${BASE}/codebook/themes`,
    tag: TAG,
    permission: 'openAnswers.code',
    summary: 'Add a theme to the codebook',
    description:
      'Name required, at most 80 characters, unique in the codebook regardless of case; description at most 1000. A stale `baseVersion` writes nothing (409). Audited.',
    params: SOURCE,
    body: ThemeBodySchema,
    responses: {
      201: {
        description: 'The codebook after, and the new theme.',
        schema: z.object({ codebook: CodebookSchema, theme: ThemeSchema }),
      },
      400: invalid,
      404: { description: 'Unknown round or question, or no codebook.', schema: ErrorSchema },
      409: { description: 'The codebook changed since `baseVersion`.', schema: ErrorSchema },
    },
    handle: async (api) => {
      const body = api.body as z.infer<typeof ThemeBodySchema>;
      const result = changed(
        await addTheme(
          api.context.db,
          user(api),
          api.params.roundId ?? '',
          sourceOf(api),
          { name: body.name, description: body.description ?? '' },
          body.baseVersion,
        ),
      );
      return ok({ codebook: result.codebook, theme: result.theme }, 201);
    },
  },
  {
    operationId: 'updateTheme',
    method: 'PUT',
    path: `${BASE}/codebook/themes/{themeId}`,
    tag: TAG,
    permission: 'openAnswers.code',
    summary: 'Change the name and description of a theme, and optionally move it',
    description:
      'The same rules as adding. `move` (`up` or `down`) moves it one place in the list after the change. Audited.',
    params: THEME,
    body: ThemeBodySchema.extend({ move: z.enum(['up', 'down']).optional() }),
    responses: {
      200: {
        description: 'The codebook after.',
        schema: z.object({ codebook: CodebookSchema, theme: ThemeSchema }),
      },
      400: invalid,
      404: { description: 'Unknown round, question, codebook or theme.', schema: ErrorSchema },
      409: { description: 'The codebook changed since `baseVersion`.', schema: ErrorSchema },
    },
    handle: async (api) => {
      const body = api.body as z.infer<typeof ThemeBodySchema> & { move?: 'up' | 'down' };
      const themeId = Number(api.params.themeId);
      const roundId = api.params.roundId ?? '';
      const key = sourceOf(api);
      const result = changed(
        await updateTheme(
          api.context.db,
          user(api),
          roundId,
          key,
          themeId,
          { name: body.name, description: body.description ?? '' },
          body.baseVersion,
        ),
      );
      if (!body.move) return ok({ codebook: result.codebook, theme: result.theme });
      const moved = await moveTheme(
        api.context.db,
        user(api),
        roundId,
        key,
        themeId,
        body.move,
        result.codebook.version,
      );
      return ok({ codebook: moved, theme: moved.themes.find((t) => t.id === themeId) });
    },
  },
  {
    operationId: 'removeTheme',
    method: 'DELETE',
    path: `${BASE}/codebook/themes/{themeId}`,
    tag: TAG,
    permission: 'openAnswers.code',
    summary: 'Remove a theme, and it from every coding and settlement',
    description:
      'In one transaction; says how many codings and settlements lost the theme. Audited.',
    params: THEME,
    query: {
      baseVersion: {
        description: 'The codebook’s `version` the change starts from.',
        pattern: '^\\d+$',
        required: true,
      },
    },
    responses: {
      200: {
        description: 'The codebook after.',
        schema: z.object({
          codebook: CodebookSchema,
          codingsTouched: z.number().int(),
          settlementsTouched: z.number().int(),
        }),
      },
      400: invalid,
      404: { description: 'Unknown round, question, codebook or theme.', schema: ErrorSchema },
      409: { description: 'The codebook changed since `baseVersion`.', schema: ErrorSchema },
    },
    handle: async (api) => {
      const baseVersion = Number(new URL(api.request.url).searchParams.get('baseVersion') ?? '');
      if (!Number.isInteger(baseVersion) || baseVersion < 1) {
        throw new ApiInputError(
          [{ field: 'baseVersion', message: 'Geef de versie van het codeboek mee (baseVersion).' }],
          'Geef de versie van het codeboek mee (baseVersion).',
        );
      }
      return ok(
        await removeTheme(
          api.context.db,
          user(api),
          api.params.roundId ?? '',
          sourceOf(api),
          Number(api.params.themeId),
          baseVersion,
        ),
      );
    },
  },
  {
    operationId: 'codeOpenAnswer',
    method: 'PUT',
    path: `${BASE}/answers/{answerId}/coding`,
    tag: TAG,
    permission: 'openAnswers.code',
    summary: 'Store your own coding of an answer',
    description:
      'The caller’s own coding (each coder codes independently); `[]` means no theme applies, which is a judgement too. `baseRevision` is the `revision` of your coding you started from (0 for a first coding); a stale one writes nothing (409). Audited with the old and new theme names.',
    params: ANSWER,
    body: z.object({
      themeIds: ThemeIdsSchema,
      baseRevision: z.number().int().min(0),
    }),
    responses: {
      200: {
        description: 'Your coding now.',
        schema: z.object({
          themeIds: z.array(z.number().int()),
          revision: z.number().int(),
          changed: z.boolean(),
        }),
      },
      400: invalid,
      404: {
        description: 'Unknown round, question or answer, or no codebook.',
        schema: ErrorSchema,
      },
      409: { description: 'Your coding changed since `baseRevision`.', schema: ErrorSchema },
    },
    handle: async (api) => {
      const body = api.body as { themeIds: number[]; baseRevision: number };
      return ok(
        await codeAnswer(
          api.context.db,
          user(api),
          api.params.roundId ?? '',
          sourceOf(api),
          api.params.answerId ?? '',
          body.themeIds,
          body.baseRevision,
        ),
      );
    },
  },
  {
    operationId: 'getMyCodings',
    method: 'GET',
    path: `${BASE}/codings/mine`,
    tag: TAG,
    permission: 'openAnswers.code',
    summary: 'Your own codings of a question, and your progress',
    description: 'Only your own: the other coder’s stay out of sight, so both code independently.',
    params: SOURCE,
    responses: {
      200: {
        description: 'Your codings by answer pseudonym.',
        schema: z.object({
          codebook: CodebookSchema,
          coded: z.number().int(),
          total: z.number().int().describe('Answers with text in the question.'),
          codings: z.array(
            z.object({
              answerId: z.string(),
              themeIds: z.array(z.number().int()),
              revision: z.number().int(),
            }),
          ),
        }),
      },
      404: { description: 'Unknown round or question.', schema: ErrorSchema },
    },
    handle: async (api) => {
      const mine = await readMyCodings(
        api.context.db,
        user(api),
        api.params.roundId ?? '',
        sourceOf(api),
      );
      return ok({
        codebook: mine.codebook,
        coded: mine.coded,
        total: mine.total,
        codings: [...mine.codings.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([answerId, coding]) => ({ answerId, ...coding })),
      });
    },
  },
  {
    operationId: 'getCodingAgreement',
    method: 'GET',
    path: `${BASE}/agreement`,
    tag: TAG,
    permission: 'openAnswers.code',
    summary: 'The agreement of two coders: Cohen’s kappa per theme and their differences',
    description:
      'Over the answers both coded: per theme the 2×2 table and κ = (pₒ − pₑ)/(1 − pₑ), null with a reason when undefined (no answers, or both never/always gave the theme); the share of answers with the same themes; the answers whose theme sets differ, as the caller may read them (anonymised for an analyst). Without `coderA`/`coderB`, the pair with most answers in common.',
    params: SOURCE,
    query: {
      coderA: { description: 'Account id of the first coder.', pattern: '^\\d+$' },
      coderB: { description: 'Account id of the second coder.', pattern: '^\\d+$' },
    },
    responses: {
      200: {
        description: 'The agreement.',
        schema: z.object({
          coders: z.array(
            z.object({ id: z.number().int(), name: z.string(), coded: z.number().int() }),
          ),
          pair: z
            .object({
              a: z.object({ id: z.number().int(), name: z.string(), coded: z.number().int() }),
              b: z.object({ id: z.number().int(), name: z.string(), coded: z.number().int() }),
            })
            .nullable(),
          common: z.number().int(),
          observedAgreement: z.number().nullable(),
          themes: z.array(
            z.object({
              themeId: z.number().int(),
              name: z.string(),
              table: z.object({
                both: z.number().int(),
                onlyA: z.number().int(),
                onlyB: z.number().int(),
                neither: z.number().int(),
              }),
              kappa: z.number().nullable(),
              observed: z.number().nullable(),
              expected: z.number().nullable(),
              n: z.number().int(),
              reason: z.enum(['no-answers', 'no-variation']).nullable(),
              interpretation: z.string().nullable().describe('Landis & Koch, in Dutch.'),
            }),
          ),
          disagreements: z.array(
            z.object({
              answerId: z.string(),
              origin: z.string().describe('The name, or the anonymised description.'),
              text: z.string(),
              themesA: z.array(z.number().int()),
              themesB: z.array(z.number().int()),
              settled: z.array(z.number().int()).nullable(),
              final: z
                .array(z.number().int())
                .describe('What counts now: the settlement, else the first coder’s coding.'),
            }),
          ),
        }),
      },
      400: invalid,
      404: { description: 'Unknown round or question.', schema: ErrorSchema },
    },
    handle: async (api) => {
      const url = new URL(api.request.url);
      const a = url.searchParams.get('coderA');
      const b = url.searchParams.get('coderB');
      const view = await readAgreement(
        api.context.db,
        user(api),
        api.params.roundId ?? '',
        sourceOf(api),
        a && b ? { a: Number(a), b: Number(b) } : null,
      );
      return ok({
        coders: view.coders,
        pair: view.pair,
        common: view.common,
        observedAgreement: view.observedAgreement,
        themes: view.themes,
        // Only the pseudonym, the origin and the text: never the municipality object.
        disagreements: view.disagreements.map((d) => ({
          answerId: d.answer.id,
          origin: d.answer.origin,
          text: d.answer.text,
          themesA: d.themesA,
          themesB: d.themesB,
          settled: d.settled,
          final: d.final,
        })),
      });
    },
  },
  {
    operationId: 'settleOpenAnswer',
    method: 'PUT',
    path: `${BASE}/answers/{answerId}/settlement`,
    tag: TAG,
    permission: 'openAnswers.code',
    summary: 'Settle the final coding of an answer',
    description:
      'The settled themes count instead of the first coder’s; the coders’ own codings (and the kappa) stay. Settling again replaces it. Audited.',
    params: ANSWER,
    body: z.object({ themeIds: ThemeIdsSchema }),
    responses: {
      200: {
        description: 'The settled themes.',
        schema: z.object({ themeIds: z.array(z.number().int()) }),
      },
      400: invalid,
      404: {
        description: 'Unknown round, question or answer, or no codebook.',
        schema: ErrorSchema,
      },
    },
    handle: async (api) =>
      ok(
        await settleAnswer(
          api.context.db,
          user(api),
          api.params.roundId ?? '',
          sourceOf(api),
          api.params.answerId ?? '',
          (api.body as { themeIds: number[] }).themeIds,
        ),
      ),
  },
];
