/**
 * The JSON API's request handling: find the operation, authenticate the bearer token, check the
 * role, parse and validate the body, run the handler, and turn service errors into HTTP
 * answers. Every answer is JSON, errors included, with a Dutch message.
 */
import type { WebContext } from '../../context.ts';
import type { z } from 'zod';
import { authenticateApiToken } from '../../../src/services/api-token-service.ts';
import { ForbiddenError, httpStatusOf } from '../../../src/services/errors.ts';
import { PERMISSIONS, rolesAllowed } from '../../../src/services/permissions.ts';
import { toFieldIssues } from '../../../src/services/validation.ts';
import { ApiInputError, type ApiFieldError, type ApiOperation } from './types.server.ts';

/** Larger bodies are refused before they are read (a full questionnaire is about 100 kB). */
export const MAX_BODY_BYTES = 1_000_000;

const JSON_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
};

export function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

function problem(status: number, message: string, errors?: readonly ApiFieldError[]) {
  return json(status, errors ? { message, errors } : { message });
}

interface CompiledOperation {
  readonly operation: ApiOperation;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

function compile(operation: ApiOperation): CompiledOperation {
  const names: string[] = [];
  const source = operation.path
    .split('/')
    .map((segment) => {
      const match = /^\{(\w+)\}$/.exec(segment);
      if (!match) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(match[1] as string);
      return '([^/]+)';
    })
    .join('/');
  return { operation, pattern: new RegExp(`^${source}$`), names };
}

/** Turns zod issues into field errors: `field` is a dotted path into the body. */
export function toFieldErrors(error: z.ZodError): ApiFieldError[] {
  return toFieldIssues(error, { fallbackField: '(body)' });
}

async function readJsonBody(request: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const length = Number(request.headers.get('Content-Length') ?? 0);
  if (length > limit)
    throw new ApiInputError([], `Het verzoek is te groot (meer dan ${limit} bytes).`);
  const type = request.headers.get('Content-Type') ?? '';
  if (!/^application\/json\b/i.test(type))
    throw new ApiInputError(
      [],
      "Stuur de gegevens als JSON, met de header 'Content-Type: application/json'.",
    );
  const text = await request.text();
  if (text.length > limit)
    throw new ApiInputError([], `Het verzoek is te groot (meer dan ${limit} bytes).`);
  let nul = false;
  let body: unknown;
  try {
    // Any NUL byte, in a key or a string, is noticed while parsing.
    body = JSON.parse(text, (key: string, value: unknown) => {
      if (key.includes('\u0000') || (typeof value === 'string' && value.includes('\u0000')))
        nul = true;
      return value;
    }) as unknown;
  } catch {
    throw new ApiInputError([], 'De inhoud van het verzoek is geen geldige JSON.');
  }
  // PostgreSQL cannot store a NUL byte in text: refused here with a message, not a 500 later.
  if (nul)
    throw new ApiInputError(
      [],
      'De inhoud van het verzoek bevat een NUL-teken (\\u0000). Haal het weg en stuur het verzoek opnieuw.',
    );
  return body;
}

function bearerToken(request: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('Authorization') ?? '');
  return match?.[1];
}

/** Builds the request handler over a table of operations. */
export function createApiHandler(operations: readonly ApiOperation[]) {
  const compiled = operations.map(compile);
  return async function handleApiRequest(request: Request, context: WebContext): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname.replace(/\/$/, '');
    const matches = compiled
      .map((entry) => ({ entry, match: entry.pattern.exec(path) }))
      .filter((candidate) => candidate.match !== null);
    if (matches.length === 0)
      return problem(404, `Onbekend adres in de API: ${path}. Zie /api/openapi.json.`);
    const found = matches.find(({ entry }) => entry.operation.method === request.method);
    if (!found) {
      const allowed = matches.map(({ entry }) => entry.operation.method).join(', ');
      return json(
        405,
        { message: `Methode ${request.method} is hier niet toegestaan. Gebruik ${allowed}.` },
        { Allow: allowed },
      );
    }
    const { operation, names } = found.entry;
    const params = Object.fromEntries(
      names.map((name, index) => [name, decodeURIComponent(found.match?.[index + 1] ?? '')]),
    );
    try {
      const user = operation.public
        ? null
        : await authenticateApiToken(context.db, bearerToken(request));
      if (!operation.public && !user) {
        return json(
          401,
          {
            message:
              'Geen geldige API-sleutel. Stuur een sleutel mee als Authorization: Bearer …; de coördinator maakt die aan onder API-sleutels.',
          },
          { 'WWW-Authenticate': 'Bearer realm="basisfunctiemonitor"' },
        );
      }
      const permission = operation.permission;
      if (
        user &&
        permission &&
        permission !== 'signed-in' &&
        !rolesAllowed(permission).includes(user.role)
      )
        throw new ForbiddenError(PERMISSIONS[permission].denied);
      let body: unknown = undefined;
      if (operation.body) {
        const raw = await readJsonBody(request, operation.maxBodyBytes);
        const parsed = operation.body.safeParse(raw);
        if (!parsed.success) throw new ApiInputError(toFieldErrors(parsed.error));
        body = parsed.data;
      }
      const result = await operation.handle({ user, params, body, context, request });
      return json(result.status, result.body);
    } catch (error) {
      if (error instanceof ApiInputError) return problem(400, error.message, error.errors);
      const status = httpStatusOf(error);
      if (status === 400) return problem(400, (error as Error).message, []);
      if (status) return problem(status, (error as Error).message);
      throw error;
    }
  };
}
