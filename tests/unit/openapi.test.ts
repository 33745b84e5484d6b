/**
 * The OpenAPI document: built from the operations table, structurally sound, and identical to
 * the copy in docs/openapi.json (regenerate with BFM_UPDATE_OPENAPI=1 npx vitest run openapi).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_OPERATIONS, API_VERSION } from '../../app/lib/api/index.server.ts';
import { buildOpenApiDocument } from '../../app/lib/api/openapi.server.ts';

const DOC_PATH = new URL('../../docs/openapi.json', import.meta.url);
const document = buildOpenApiDocument(API_OPERATIONS, API_VERSION);

describe('OpenAPI document', () => {
  it('has unique operation ids and one operation per method and path', () => {
    const ids = API_OPERATIONS.map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const keys = API_OPERATIONS.map((op) => `${op.method} ${op.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('declares every path parameter of every template', () => {
    for (const op of API_OPERATIONS) {
      const inTemplate = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(Object.keys(op.params ?? {}).sort(), op.operationId).toEqual(inTemplate);
    }
  });

  it('marks public operations with security: [] and all others with the bearer scheme', () => {
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const source = API_OPERATIONS.find(
          (o) => o.path === path && o.method.toLowerCase() === method,
        );
        expect((op as { security: unknown }).security).toEqual(
          source?.public ? [] : [{ bearerAuth: [] }],
        );
        if (!source?.public)
          expect(Object.keys((op as { responses: object }).responses)).toContain('401');
      }
    }
    // The open data of published rounds is public too (issue 10, decision 018).
    expect(API_OPERATIONS.filter((op) => op.public).map((op) => op.operationId)).toEqual([
      'getOpenApiDocument',
      'listPublishedRounds',
      'getOpenData',
    ]);
  });

  it('documents request bodies from the same zod schemas that validate them', () => {
    const save = document.paths[
      '/api/rounds/{roundId}/municipalities/{code}/questionnaires/{questionnaire}/answers'
    ]?.patch as {
      requestBody: { content: { 'application/json': { schema: Record<string, unknown> } } };
    };
    const schema = save.requestBody.content['application/json'].schema as {
      properties: { answers: { type: string; minItems: number; maxItems: number } };
      required: string[];
    };
    expect(schema.properties.answers).toMatchObject({ type: 'array', minItems: 1, maxItems: 500 });
    expect(schema.required).toEqual(['answers']);
  });

  it('is the copy in docs/openapi.json', () => {
    const text = `${JSON.stringify(document, null, 2)}\n`;
    if (process.env.BFM_UPDATE_OPENAPI) writeFileSync(DOC_PATH, text);
    expect(readFileSync(DOC_PATH, 'utf8')).toBe(text);
  });
});
