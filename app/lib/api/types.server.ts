/**
 * The shape of a JSON API operation. The table of operations drives both the request router and
 * the OpenAPI document, so the documentation cannot drift from what the server does.
 */
import type { WebContext } from '../../context.ts';
import type { z } from 'zod';
import type { Role, StaffUser } from '../../../src/services/auth-service.ts';

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
  /** The roles that may call it at all; services check the finer rules (which municipality). */
  readonly roles?: readonly Role[];
  readonly params?: Readonly<Record<string, { description: string; pattern?: string }>>;
  readonly body?: z.ZodType;
  readonly responses: Readonly<Record<number, ApiResponseDoc>>;
  handle(api: ApiContext<StaffUser | null>): Promise<ApiResult>;
}

/** A field-level problem, as in a 400 answer: `field` is a dotted path into the body. */
export interface ApiFieldError {
  readonly field: string;
  readonly message: string;
}

/** Thrown by handlers for invalid input; answered as 400 with the field errors. */
export class ApiInputError extends Error {
  readonly errors: readonly ApiFieldError[];
  constructor(errors: readonly ApiFieldError[], message = 'De invoer is ongeldig.') {
    super(message);
    this.name = 'ApiInputError';
    this.errors = errors;
  }
}
