/**
 * API operations on the Wmo policy plans and the 75% target (issue 12, helper C, decision
 * 026): a municipality's plan status (read, save, confirm), the national indicator against the
 * round's target, the target itself and the bulk import. The same services as the pages and
 * `bfm wmo-plannen import`.
 */
import { z } from 'zod';
import { WMO_PLAN_INCLUSIONS } from '../../../../src/domain/improvement.ts';
import { MAX_IMPORT_FILE_BYTES } from '../../../../src/services/import/import-limits.ts';
import { ImportRejectedError } from '../../../../src/services/import/import-service.ts';
import { AnswerFileError } from '../../../../src/services/import/read-answer-file.ts';
import { importWmoPlanUpload } from '../../../../src/services/import/wmo-plan-import.ts';
import {
  confirmWmoPlan,
  loadWmoPlanIndicator,
  readWmoPlan,
  saveWmoPlan,
  setWmoPlanTarget,
} from '../../../../src/services/wmo-plan-service.ts';
import { ErrorSchema, invalid, MUNICIPALITY, ok, ROUND, user } from '../schemas.server.ts';
import { ApiInputError, type ApiOperation } from '../types.server.ts';

export const WmoPlanSchema = z.object({
  included: z.enum(WMO_PLAN_INCLUSIONS).describe('`ja`, `gedeeltelijk` or `nee`.'),
  includedLabel: z.string(),
  periodFrom: z.number().int().nullable(),
  periodTo: z.number().int().nullable(),
  period: z.string().describe("For people: `2012–2015`, or ''."),
  title: z.string(),
  url: z.string().nullable(),
  basisfuncties: z
    .array(z.string())
    .describe('The basisfuncties the plan names, as `questionnaire:basisfunctie`.'),
  source: z.enum(['form', 'import']),
  version: z.number().int().describe('Name it as `baseVersion` when saving or confirming.'),
  updatedAt: z.string(),
  updatedByName: z.string(),
  confirmed: z
    .object({ byName: z.string(), at: z.string() })
    .nullable()
    .describe('Set by the advisor (or an import); any later change clears it.'),
});

export const ReportWmoPlanSchema = z
  .object({
    plan: WmoPlanSchema.nullable(),
    target: z.number(),
    nationalPercent: z.number().nullable(),
    nationalRespondents: z.number().int(),
    namedBasisfuncties: z.array(z.string()),
    sentence: z.string(),
  })
  .describe("Issue 12: the municipality's Wmo plan status against the round's national target.");

const ShareSchema = {
  municipalities: z.number().int(),
  respondents: z.number().int().describe('Municipalities with a status.'),
  included: z.number().int().nullable().describe("With 'ja'; null when withheld."),
  partly: z.number().int().nullable().describe("With 'gedeeltelijk'; null when withheld."),
  percentIncluded: z
    .number()
    .nullable()
    .describe('100 × included / respondents, one decimal; null without respondents or withheld.'),
  suppressed: z.boolean(),
};
const BreakdownRowSchema = z.object({ id: z.string(), label: z.string(), ...ShareSchema });

const IndicatorViewSchema = z.object({
  round: z.object({
    id: z.string(),
    name: z.string(),
    synthetic: z.boolean(),
    status: z.enum(['concept', 'open', 'closed']),
  }),
  indicator: z.object({
    ...ShareSchema,
    target: z.number(),
    meetsTarget: z.boolean().nullable(),
    byProvince: z.array(BreakdownRowSchema).describe('`id` is the province code (`PV27`).'),
    bySizeClass: z.array(BreakdownRowSchema),
    byGroup: z.array(BreakdownRowSchema),
  }),
  history: z
    .array(
      z.object({
        roundId: z.string(),
        name: z.string(),
        target: z.number(),
        respondents: z.number().int(),
        included: z.number().int().nullable(),
        partly: z.number().int().nullable(),
        percentIncluded: z.number().nullable(),
        meetsTarget: z.boolean().nullable(),
        suppressed: z.boolean(),
      }),
    )
    .describe('This round and the rounds it follows, oldest first.'),
  protection: z.enum(['none', 'small-cells']),
  defaultTarget: z.number(),
});

const SaveWmoPlanBodySchema = z.object({
  included: z.enum(WMO_PLAN_INCLUSIONS),
  periodFrom: z.number().int().nullable().optional(),
  periodTo: z.number().int().nullable().optional(),
  title: z.string().max(1000).optional(),
  url: z.string().max(4000).nullable().optional(),
  basisfuncties: z.array(z.string().max(100)).max(100).optional(),
  baseVersion: z
    .number()
    .int()
    .min(0)
    .describe('The `version` the change starts from; 0 when there is no plan yet.'),
});

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const ImportBodySchema = z.object({
  fileName: z.string().min(1).max(200).describe('`.xlsx` is read as Excel, anything else as CSV.'),
  content: z
    .string()
    .max(Math.ceil(MAX_IMPORT_FILE_BYTES / 3) * 4)
    .regex(BASE64, { message: 'De inhoud moet base64 zijn.' })
    .describe('The file, base64-encoded: columns `gemeentecode,opgenomen,periode,titel,url`.'),
});

export const WMO_PLAN_OPERATIONS: readonly ApiOperation[] = [
  {
    operationId: 'getWmoPlanIndicator',
    method: 'GET',
    path: '/api/rounds/{roundId}/wmo-plans',
    tag: 'rounds',
    permission: 'analysis.read',
    summary: 'The share of Wmo plans that include the basisfuncties, against the target',
    description:
      "The national indicator (docs/analysis.md): `respondents` are the municipalities with a status, `percentIncluded` is 100 × `included` (only 'ja') / `respondents` with one decimal, against the round's `target` (default 75). Broken down by province, size class and group, and over the rounds this round follows. Municipality accounts get figures over fewer than 5 municipalities withheld (decision 015). `bfm analyse --json` has the same figures as `wmoPlan`.",
    params: ROUND,
    responses: {
      200: { description: 'The indicator.', schema: IndicatorViewSchema },
      404: { description: 'Unknown round.', schema: ErrorSchema },
    },
    handle: async (api) =>
      ok(await loadWmoPlanIndicator(api.context.db, user(api), api.params.roundId ?? '')),
  },
  {
    operationId: 'setWmoPlanTarget',
    method: 'PUT',
    path: '/api/rounds/{roundId}/wmo-plans/target',
    tag: 'rounds',
    permission: 'wmoPlan.setTarget',
    summary: "Set the round's target for the share of Wmo plans that include the basisfuncties",
    description: 'A percentage from 0 to 100; audited.',
    params: ROUND,
    body: z.object({ target: z.number().describe('Percent, 0–100.') }),
    responses: {
      200: {
        description: 'The target now.',
        schema: z.object({ target: z.number(), changed: z.boolean() }),
      },
      400: invalid,
      404: { description: 'Unknown round.', schema: ErrorSchema },
    },
    handle: async (api) => {
      const body = api.body as { target: number };
      const result = await setWmoPlanTarget(api.context.db, user(api), {
        roundId: api.params.roundId ?? '',
        target: body.target,
      });
      if (!result.ok) throw new ApiInputError(result.issues, result.issues[0]?.message);
      return ok({ target: result.target, changed: result.changed });
    },
  },
  {
    operationId: 'getWmoPlan',
    method: 'GET',
    path: '/api/rounds/{roundId}/municipalities/{code}/wmo-plan',
    tag: 'reports',
    permission: 'wmoPlan.read',
    summary: "A municipality's Wmo plan status: included, period, reference, basisfuncties",
    description:
      '`plan` is null when nothing is filled in yet. An advisor outside the province gets 404.',
    params: MUNICIPALITY,
    responses: {
      200: {
        description: 'The plan.',
        schema: z.object({
          plan: WmoPlanSchema.nullable(),
          version: z.number().int(),
          target: z.number(),
          choices: z
            .array(z.string())
            .describe('The `questionnaire:basisfunctie` keys a plan may name.'),
        }),
      },
      404: { description: 'Unknown round or municipality, or not yours.', schema: ErrorSchema },
    },
    handle: async (api) => {
      const editor = await readWmoPlan(
        api.context.db,
        user(api),
        api.params.roundId ?? '',
        api.params.code ?? '',
      );
      return ok({
        plan: editor.plan,
        version: editor.version,
        target: editor.round.target,
        choices: editor.choices.flatMap((c) => c.basisfuncties.map((b) => b.key)),
      });
    },
  },
  {
    operationId: 'saveWmoPlan',
    method: 'PUT',
    path: '/api/rounds/{roundId}/municipalities/{code}/wmo-plan',
    tag: 'reports',
    permission: 'wmoPlan.edit',
    summary: "Fill in a municipality's Wmo plan status",
    description:
      "Version-checked: 409 when someone saved since `baseVersion` (saving what is stored is no conflict). A change clears the advisor's confirmation. Audited.",
    params: MUNICIPALITY,
    body: SaveWmoPlanBodySchema,
    responses: {
      200: {
        description: 'Saved (or unchanged).',
        schema: z.object({ outcome: z.enum(['saved', 'unchanged']), plan: WmoPlanSchema }),
      },
      400: invalid,
      404: { description: 'Unknown round or municipality, or not yours.', schema: ErrorSchema },
      409: { description: 'Changed by someone else since `baseVersion`.', schema: ErrorSchema },
    },
    handle: async (api) => {
      const body = api.body as z.infer<typeof SaveWmoPlanBodySchema>;
      const result = await saveWmoPlan(api.context.db, user(api), {
        roundId: api.params.roundId ?? '',
        code: api.params.code ?? '',
        included: body.included,
        periodFrom: body.periodFrom ?? null,
        periodTo: body.periodTo ?? null,
        title: body.title ?? '',
        url: body.url ?? '',
        basisfuncties: body.basisfuncties ?? [],
        baseVersion: body.baseVersion,
      });
      if (!result.ok) throw new ApiInputError(result.issues, result.issues[0]?.message);
      return ok({ outcome: result.outcome, plan: result.plan });
    },
  },
  {
    operationId: 'confirmWmoPlan',
    method: 'POST',
    path: '/api/rounds/{roundId}/municipalities/{code}/wmo-plan/confirmation',
    tag: 'reports',
    permission: 'wmoPlan.confirm',
    summary: "Confirm a municipality's Wmo plan status (advisor, coordinator)",
    description:
      '400 when there is no status yet; 409 when it changed since `baseVersion`. Confirming an already confirmed status changes nothing. Audited.',
    params: MUNICIPALITY,
    body: z.object({ baseVersion: z.number().int().min(0) }),
    responses: {
      200: {
        description: 'Confirmed.',
        schema: z.object({ outcome: z.enum(['confirmed', 'unchanged']), plan: WmoPlanSchema }),
      },
      400: invalid,
      404: { description: 'Unknown round or municipality, or not yours.', schema: ErrorSchema },
      409: { description: 'Changed since `baseVersion`.', schema: ErrorSchema },
    },
    handle: async (api) => {
      const body = api.body as { baseVersion: number };
      return ok(
        await confirmWmoPlan(api.context.db, user(api), {
          roundId: api.params.roundId ?? '',
          code: api.params.code ?? '',
          baseVersion: body.baseVersion,
        }),
      );
    },
  },
  {
    operationId: 'importWmoPlans',
    method: 'POST',
    path: '/api/rounds/{roundId}/wmo-plans/import',
    tag: 'imports',
    permission: 'wmoPlan.import',
    summary: 'Import Wmo plan statuses from CSV or .xlsx (all or nothing)',
    description:
      'The format of `bfm wmo-plannen import` (docs/wmo-plans.md). A file with bad rows is answered with 400 and every error with its line (`field` is `content`, the message starts with `regel N:`); nothing is saved. Imported statuses count as confirmed by the importing coordinator, and are audited.',
    params: ROUND,
    body: ImportBodySchema,
    maxBodyBytes: Math.ceil(MAX_IMPORT_FILE_BYTES / 3) * 4 + 64 * 1024,
    responses: {
      200: {
        description: 'Imported.',
        schema: z.object({
          round: z.string(),
          fileName: z.string(),
          rows: z.number().int(),
          inserted: z.number().int(),
          updated: z.number().int(),
          included: z.number().int(),
          partly: z.number().int(),
          notIncluded: z.number().int(),
        }),
      },
      400: invalid,
      404: { description: 'Unknown round.', schema: ErrorSchema },
    },
    handle: async (api) => {
      const body = api.body as z.infer<typeof ImportBodySchema>;
      try {
        return ok(
          await importWmoPlanUpload(api.context.db, user(api), {
            roundId: api.params.roundId ?? '',
            fileName: body.fileName,
            bytes: Buffer.from(body.content, 'base64'),
          }),
        );
      } catch (error) {
        if (error instanceof ImportRejectedError)
          throw new ApiInputError(
            error.errors.map((e) => ({
              field: 'content',
              message: `regel ${e.line}: ${e.message}`,
            })),
            error.message.split('\n')[0],
          );
        if (error instanceof AnswerFileError)
          throw new ApiInputError([{ field: 'content', message: error.message }], error.message);
        throw error;
      }
    },
  },
];
