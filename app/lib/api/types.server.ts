/**
 * The shape of a JSON API operation. The table of operations drives both the request router and
 * the OpenAPI document, so the documentation cannot drift from what the server does.
 */
import type { WebContext } from '../../context.ts';
import type { z } from 'zod';
import type { StaffUser } from '../../../src/services/auth-service.ts';
import type { Action } from '../../../src/services/permissions.ts';
import type { FieldIssue } from '../../../src/services/validation.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiContext<User extends StaffUser | null = StaffUser> {
  readonly user: User;
  readonly params: Readonly<Record<string, string>>;
  /** The parsed JSON body, already checked against the operation's body schema. */
  readonly body: unknown;
  readonly context: WebContext;
  readonly request: Request;
}

export interface ApiResult {
  readonly status: number;
  readonly body: unknown;
}

export interface ApiResponseDoc {
  readonly description: string;
  readonly schema?: z.ZodType;
}

export interface ApiOperation {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** OpenAPI path template, e.g. /api/rounds/{roundId}. */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  /** Public operations need no token (OpenAPI `security: []`). */
  readonly public?: boolean;
  /**
   * What the caller needs, from the permission table (src/services/permissions.ts): the roles
   * it allows may call the operation at all, and the service checks the finer rules (which
   * municipality). 'signed-in' is any valid token. Public operations have none.
   */
  readonly permission?: Action | 'signed-in';
  readonly params?: Readonly<Record<string, { description: string; pattern?: string }>>;
  /** Optional query parameters (documented; the handler reads them from `api.request.url`). */
  readonly query?: Readonly<
    Record<string, { description: string; pattern?: string; required?: boolean }>
  >;
  readonly body?: z.ZodType;
  /** The largest body accepted, when not the router's default (an uploaded file). */
  readonly maxBodyBytes?: number;
  readonly responses: Readonly<Record<number, ApiResponseDoc>>;
  handle(api: ApiContext<StaffUser | null>): Promise<ApiResult>;
}

/** A field-level problem, as in a 400 answer: `field` is a dotted path into the body. */
export type ApiFieldError = FieldIssue;

/** Thrown by handlers for invalid input; answered as 400 with the field errors. */
export class ApiInputError extends Error {
  readonly errors: readonly ApiFieldError[];
  constructor(errors: readonly ApiFieldError[], message = 'De invoer is ongeldig.') {
    super(message);
    this.name = 'ApiInputError';
    this.errors = errors;
  }
}
