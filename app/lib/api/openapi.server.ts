/**
 * The OpenAPI 3.1 document, built from the table of operations and their zod schemas. Public
 * operations carry `security: []`; all others declare the bearer scheme.
 */
import { z } from 'zod';
import { ErrorSchema } from './schemas.server.ts';
import { rolesAllowed } from '../../../src/services/permissions.ts';
import type { ApiOperation } from './types.server.ts';

function toJsonSchema(schema: z.ZodType): unknown {
  // Request bodies are documented as accepted (input), answers as produced (output).
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
}

function withoutMeta(schema: unknown): unknown {
  if (schema && typeof schema === 'object' && '$schema' in schema) {
    const rest: Record<string, unknown> = { ...(schema as Record<string, unknown>) };
    delete rest.$schema;
    return rest;
  }
  return schema;
}

export function buildOpenApiDocument(operations: readonly ApiOperation[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorContent = {
    content: { 'application/json': { schema: withoutMeta(toJsonSchema(ErrorSchema)) } },
  };
  for (const op of operations) {
    const parameters = Object.entries(op.params ?? {}).map(([name, param]) => ({
      name,
      in: 'path',
      required: true,
      description: param.description,
      schema: { type: 'string', ...(param.pattern ? { pattern: param.pattern } : {}) },
    }));
    for (const [name, param] of Object.entries(op.query ?? {})) {
      parameters.push({
        name,
        in: 'query',
        required: param.required ?? false,
        description: param.description,
        schema: { type: 'string', ...(param.pattern ? { pattern: param.pattern } : {}) },
      });
    }
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(op.responses)) {
      responses[status] = {
        description: response.description,
        ...(response.schema
          ? {
              content: {
                'application/json': { schema: withoutMeta(toJsonSchema(response.schema)) },
              },
            }
          : {}),
      };
    }
    // Every operation with a role gate can answer 403, every one with a path parameter 404.
    if (!op.public) responses['401'] = { description: 'No valid API token.', ...errorContent };
    if (!op.public)
      responses['403'] ??= { description: 'Not allowed for this account.', ...errorContent };
    if (op.params)
      responses['404'] ??= {
        description: 'Unknown, or not to be revealed to this account.',
        ...errorContent,
      };
    if (op.body)
      responses['400'] ??= { description: 'Invalid input, with field errors.', ...errorContent };
    const roles =
      op.public || !op.permission
        ? ''
        : op.permission === 'signed-in'
          ? 'Roles: all.'
          : `Roles: ${rolesAllowed(op.permission).join(', ')} (permission \`${op.permission}\`).`;
    (paths[op.path] ??= {})[op.method.toLowerCase()] = {
      operationId: op.operationId,
      summary: op.summary,
      description: [op.description, roles].filter(Boolean).join('\n\n') || undefined,
      tags: [op.tag],
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: withoutMeta(toJsonSchema(op.body)) } },
            },
          }
        : {}),
      responses,
      security: op.public ? [] : [{ bearerAuth: [] }],
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Basisfunctiemonitor API',
      version,
      description:
        'The operations of the web application over JSON, on the same services. A token acts as the account it was issued for, with that role. Coordinators issue and revoke tokens under API-sleutels. Errors are JSON with a Dutch `message` and, for invalid input, `errors` per field.',
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'accounts', description: 'Staff accounts and advisors’ provinces.' },
      { name: 'rounds', description: 'Measurement rounds, response and analysis.' },
      { name: 'invitations', description: 'Invitations, reminders and participation.' },
      { name: 'imports', description: 'Importing answers from a CSV or .xlsx file.' },
      { name: 'questionnaires', description: 'Filling in, submitting, overview and audit trail.' },
      {
        name: 'reports',
        description: 'The municipality report: marks, explanation, comparisons, offer versus use.',
      },
      {
        name: 'instruments',
        description: 'Instrument versions: questionnaires, basisfuncties and their mapping.',
      },
      // Issue 12 (helper A).
      {
        name: 'talks',
        description:
          'Advice talks: points discussed, actions agreed per basisfunctie and their follow-up, invitations.',
      },
      // Issue 13 (helper A; coding and exports share the tag).
      {
        name: 'open-answers',
        description:
          'Open answers and notes as research material: reading, search, codebooks, coding, quotes.',
      },
      { name: 'meta', description: 'This document.' },
    ],
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token (bfm_…) issued by a coordinator.',
        },
      },
    },
    security: [{ bearerAuth: [] }],
    paths,
  };
}
