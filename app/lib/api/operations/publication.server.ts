/**
 * API operations on the publication of a round as open data (issue 10): publishing and
 * withdrawing (coordinator), and the public list and open data of published rounds, which
 * need no token (the same document as /openbaar/metingen/{roundId}/data.json).
 */
import { z } from 'zod';
import {
  listPublishedRounds,
  loadOpenData,
  publishRound,
  unpublishRound,
} from '../../../../src/services/publication-service.ts';
import { OpenDataDocumentSchema } from '../../../../src/services/open-data.ts';
import { ok, ROUND, user } from '../schemas.server.ts';
import type { ApiOperation } from '../types.server.ts';

const PublicationSchema = z.object({
  roundId: z.string(),
  published: z.boolean(),
  publishedAt: z.string().nullable(),
  /** False when nothing changed (published already, or not published). */
  changed: z.boolean(),
});

export const PUBLICATION_OPERATIONS: readonly ApiOperation[] = [
  {
    operationId: 'publishRound',
    method: 'POST',
    path: '/api/rounds/{roundId}/publication',
    tag: 'publication',
    summary: 'Publish a closed round as open data',
    description:
      'The aggregates of the round become public under /openbaar/metingen/{roundId}, with small cells suppressed. Only a closed round can be published (400 otherwise). Publishing a published round changes nothing.',
    permission: 'round.publish',
    params: ROUND,
    responses: {
      200: { description: 'The publication.', schema: PublicationSchema },
    },
    handle: async (api) => {
      const roundId = api.params.roundId ?? '';
      const { publication, changed } = await publishRound(
        api.context.db,
        { kind: 'user', user: user(api) },
        roundId,
      );
      return ok({
        roundId,
        published: true,
        publishedAt: publication.publishedAt.toISOString(),
        changed,
      });
    },
  },
  {
    operationId: 'unpublishRound',
    method: 'DELETE',
    path: '/api/rounds/{roundId}/publication',
    tag: 'publication',
    summary: 'Withdraw the publication of a round',
    permission: 'round.publish',
    params: ROUND,
    responses: {
      200: { description: 'The round is not published (any more).', schema: PublicationSchema },
    },
    handle: async (api) => {
      const roundId = api.params.roundId ?? '';
      const { changed } = await unpublishRound(
        api.context.db,
        { kind: 'user', user: user(api) },
        roundId,
      );
      return ok({ roundId, published: false, publishedAt: null, changed });
    },
  },
  {
    operationId: 'listPublishedRounds',
    method: 'GET',
    path: '/api/public/rounds',
    tag: 'publication',
    summary: 'The published rounds (no token needed)',
    public: true,
    responses: {
      200: {
        description: 'The rounds whose open data is public.',
        schema: z.object({
          rounds: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              synthetic: z.boolean(),
              publishedAt: z.string(),
              dataUrl: z.string(),
            }),
          ),
        }),
      },
    },
    handle: async (api) => {
      const rounds = await listPublishedRounds(api.context.db);
      return ok({
        rounds: rounds.map((round) => ({
          id: round.id,
          name: round.name,
          synthetic: round.synthetic,
          publishedAt: round.publishedAt.toISOString(),
          dataUrl: `${api.context.links.publicRound(round.id)}/data.json`,
        })),
      });
    },
  },
  {
    operationId: 'getOpenData',
    method: 'GET',
    path: '/api/public/rounds/{roundId}',
    tag: 'publication',
    summary: 'The open data of a published round (no token needed)',
    description:
      'The same document as /openbaar/metingen/{roundId}/data.json: every figure with the number of municipalities it rests on (respondents), null with suppressed true where withheld, and DCAT metadata. See docs/open-data.md.',
    public: true,
    params: ROUND,
    responses: {
      200: {
        description: 'The open data (licence CC0).',
        schema: OpenDataDocumentSchema,
      },
    },
    handle: async (api) =>
      ok(await loadOpenData(api.context.db, api.context.links, api.params.roundId ?? '')),
  },
];
