/**
 * API operations on instrument versions (issue 11, decision 020): the list, one version's JSON
 * definition (as `bfm instrument show --json`), and adding a version from its definition (as
 * `bfm instrument add`; the coordinator only). An invalid definition is refused as a whole with
 * one field error per problem, each naming its element; nothing is stored then.
 */
import { z } from 'zod';
import {
  addInstrumentVersion,
  InstrumentValidationError,
  listInstrumentVersionsFor,
  readInstrumentVersion,
  type InstrumentVersionSummary,
} from '../../../../src/services/instrument-service.ts';
import { invalid, ok, user } from '../schemas.server.ts';
import { ApiInputError, type ApiOperation } from '../types.server.ts';

const InstrumentSummarySchema = z.object({
  version: z.string(),
  name: z.string(),
  derivedFrom: z.string().nullable(),
  bundled: z.boolean(),
  frozen: z.boolean(),
  frozenAt: z.string().nullable(),
  revision: z.number().int(),
  updatedAt: z.string().nullable(),
});

function toJson(summary: InstrumentVersionSummary) {
  return {
    ...summary,
    frozenAt: summary.frozenAt?.toISOString() ?? null,
    updatedAt: summary.updatedAt?.toISOString() ?? null,
  };
}

const VERSION = { version: { description: 'The instrument version, e.g. 2009 or 2026.' } };

export const INSTRUMENT_OPERATIONS: readonly ApiOperation[] = [
  {
    operationId: 'listInstruments',
    method: 'GET',
    path: '/api/instruments',
    tag: 'instruments',
    summary: 'The instrument versions, bundled and defined in the application',
    permission: 'instrument.view',
    responses: {
      200: {
        description: 'Every version, oldest first, with its status.',
        schema: z.object({ instruments: z.array(InstrumentSummarySchema) }),
      },
    },
    handle: async (api) =>
      ok({
        instruments: (await listInstrumentVersionsFor(api.context.db, user(api))).map(toJson),
      }),
  },
  {
    operationId: 'getInstrument',
    method: 'GET',
    path: '/api/instruments/{version}',
    tag: 'instruments',
    summary: 'One instrument version with its JSON definition',
    description:
      'The definition is the format of `bfm instrument add` and docs/instruments.md: change the version and derivedFrom to make a new version from it.',
    permission: 'instrument.view',
    params: VERSION,
    responses: {
      200: {
        description: 'The version and its definition.',
        schema: InstrumentSummarySchema.extend({ definition: z.record(z.string(), z.unknown()) }),
      },
    },
    handle: async (api) => {
      const { summary, instrument } = await readInstrumentVersion(
        api.context.db,
        user(api),
        api.params.version ?? '',
      );
      return ok({ ...toJson(summary), definition: instrument });
    },
  },
  {
    operationId: 'addInstrument',
    method: 'POST',
    path: '/api/instruments',
    tag: 'instruments',
    summary: 'Add an instrument version from its JSON definition',
    description:
      'Validated against the schema and against the version it derives from (derivedFrom): every item and basisfunctie maps to an existing one or is new (previous: null). Refused as a whole with one error per problem; 409 when the version exists. The version stays a concept until a round that uses it opens.',
    permission: 'instrument.edit',
    body: z.object({ definition: z.record(z.string(), z.unknown()) }),
    maxBodyBytes: 1_000_000,
    responses: {
      201: { description: 'The version was stored as a concept.', schema: InstrumentSummarySchema },
      400: invalid,
    },
    handle: async (api) => {
      const { definition } = api.body as { definition: unknown };
      try {
        const summary = await addInstrumentVersion(
          api.context.db,
          { kind: 'user', user: user(api) },
          definition,
        );
        return ok(toJson(summary), 201);
      } catch (error) {
        if (error instanceof InstrumentValidationError)
          throw new ApiInputError(
            error.issues.map((message) => ({ field: 'definition', message })),
            error.message.split('\n')[0],
          );
        throw error;
      }
    },
  },
];
