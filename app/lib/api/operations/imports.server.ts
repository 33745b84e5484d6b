/**
 * API operations for importing answers: the same two steps as the web page. A preview keeps
 * the file and says what would change (or lists every bad row); the import then imports
 * exactly that upload, all or nothing, if nothing changed in between.
 */
import { z } from 'zod';
import {
  confirmImportUpload,
  MAX_IMPORT_API_BODY_BYTES,
  MAX_IMPORT_FILE_BYTES,
  uploadImportFile,
} from '../../../../src/services/import/import-upload-service.ts';
import { invalid, ok, ROUND, user } from '../schemas.server.ts';
import { ApiInputError, type ApiOperation } from '../types.server.ts';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const ImportPreviewBodySchema = z.object({
  fileName: z
    .string()
    .min(1)
    .max(200)
    .describe('The file name, e.g. `antwoorden-2026.csv`; `.xlsx` is read as Excel.'),
  content: z
    .string()
    .max(Math.ceil(MAX_IMPORT_FILE_BYTES / 3) * 4, {
      message: `Het bestand is groter dan ${MAX_IMPORT_FILE_BYTES / (1024 * 1024)} MB. Splits het in delen.`,
    })
    .regex(BASE64, { message: 'De inhoud moet base64 zijn.' })
    .describe('The file itself, base64-encoded (CSV in UTF-8, or .xlsx).'),
});

export const ImportBodySchema = z.object({
  uploadId: z.string().min(1).max(100).describe('The `uploadId` of the preview.'),
  fingerprint: z
    .string()
    .min(1)
    .max(100)
    .describe('The `fingerprint` of the preview: the import is refused if the data changed since.'),
  override: z
    .object({ reason: z.string().min(1).max(500) })
    .optional()
    .describe(
      'Needed when the preview has `needsOverride`: change answers of a closed round or of submitted questionnaires anyway, for this reason (kept in the audit trail).',
    ),
});

const PreviewSchema = z
  .record(z.string(), z.unknown())
  .describe(
    'What the import would change: `rows`, `inserted`, `updated`, `cleared`, `unchanged`, per questionnaire, the municipalities by name, the first 50 changes (old → new), `closedRound`, `submitted`, `needsOverride`, `uploadId` and `fingerprint`.',
  );

export const IMPORT_OPERATIONS: readonly ApiOperation[] = [
  {
    operationId: 'previewImport',
    method: 'POST',
    path: '/api/rounds/{roundId}/imports/preview',
    tag: 'imports',
    summary: 'Upload an answer file and preview what importing it would change',
    description:
      'Nothing is imported. A file with bad rows is answered with 400 and every error with its line (`field` is `content`, the message starts with `regel N:`), at most 1,000, the rest counted. The upload is kept for 2 hours.',
    permission: 'round.import',
    params: ROUND,
    body: ImportPreviewBodySchema,
    // The file, base64 (4 characters per 3 bytes), and the JSON around it.
    maxBodyBytes: MAX_IMPORT_API_BODY_BYTES,
    responses: { 200: { description: 'The preview.', schema: PreviewSchema }, 400: invalid },
    handle: async (api) => {
      const body = api.body as z.infer<typeof ImportPreviewBodySchema>;
      const preview = await uploadImportFile(api.context.db, user(api), {
        roundId: api.params.roundId ?? '',
        fileName: body.fileName,
        bytes: Buffer.from(body.content, 'base64'),
      });
      if (!preview.ok) {
        const errors = preview.errors.map((e) => ({
          field: 'content',
          message: `regel ${e.line}: ${e.message}`,
        }));
        const rest = preview.errorCount - preview.errors.length;
        if (rest > 0 && errors.length > 0)
          errors.push({
            field: 'content',
            message: `… en nog ${rest.toLocaleString('nl-NL')} fouten.`,
          });
        throw new ApiInputError(
          errors.length > 0 ? errors : [{ field: 'content', message: preview.message }],
          preview.message,
        );
      }
      return ok(preview);
    },
  },
  {
    operationId: 'importAnswers',
    method: 'POST',
    path: '/api/rounds/{roundId}/imports',
    tag: 'imports',
    summary: 'Import a previewed upload (all or nothing)',
    description:
      '409 when the data changed since the preview, or when the import would change a closed round or submitted questionnaires without `override`.',
    permission: 'round.import',
    params: ROUND,
    body: ImportBodySchema,
    responses: {
      200: {
        description: 'Imported.',
        schema: z.object({
          fileName: z.string(),
          rows: z.number().int(),
          result: z.object({
            round: z.string(),
            created: z.boolean(),
            inserted: z.number().int(),
            updated: z.number().int(),
            unchanged: z.number().int(),
            cleared: z.number().int(),
            responses: z.number().int(),
          }),
        }),
      },
      400: invalid,
    },
    handle: async (api) => {
      const body = api.body as z.infer<typeof ImportBodySchema>;
      return ok(
        await confirmImportUpload(api.context.db, user(api), {
          roundId: api.params.roundId ?? '',
          uploadId: body.uploadId,
          fingerprint: body.fingerprint,
          override: body.override,
        }),
      );
    },
  },
];
