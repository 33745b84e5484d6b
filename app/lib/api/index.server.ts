/**
 * The JSON API: the operations table plus the OpenAPI document that describes it.
 */
import { buildOpenApiDocument } from './openapi.server.ts';
import { OPERATIONS } from './operations.server.ts';
import { createApiHandler } from './router.server.ts';
import type { ApiOperation } from './types.server.ts';

export const API_VERSION = '1.0.0';

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

const openApiOperation: ApiOperation = {
  operationId: 'getOpenApiDocument',
  method: 'GET',
  path: '/api/openapi.json',
  tag: 'meta',
  summary: 'This OpenAPI document',
  public: true,
  responses: { 200: { description: 'The OpenAPI 3.1 document.' } },
  handle: async () => {
    document ??= buildOpenApiDocument(API_OPERATIONS, API_VERSION);
    return { status: 200, body: document };
  },
};

/** Every operation of the API, public ones included. */
export const API_OPERATIONS: readonly ApiOperation[] = [openApiOperation, ...OPERATIONS];

export const handleApiRequest = createApiHandler(API_OPERATIONS);
