/**
 * From service errors to HTTP answers, for pages and form endpoints: the status comes from the
 * error class (src/services/errors.ts), the same mapping as the JSON API's.
 */
import { data } from 'react-router';
import { httpStatusOf, type ServiceError } from '../../src/services/errors.ts';

/** Turns a service error into the HTTP answer of its status; anything else stays a 500. */
function toResponse(error: unknown): unknown {
  const status = httpStatusOf(error);
  return status ? data({ message: (error as Error).message }, { status }) : error;
}

/**
 * Runs a loader or action body; a service error becomes the HTTP answer of its status
 * (404, 403, 400 or 409), shown by the error page with its Dutch message.
 */
export async function handleErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toResponse(error);
  }
}

/**
 * For form actions that show a refusal on the form itself: invalid input (400) and conflicts
 * (409) come back as `{ ok: false, error }` with their status; not found and forbidden still
 * become the HTTP answer.
 */
export async function attempt<T>(
  run: () => Promise<T>,
): Promise<
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: ServiceError; readonly status: 400 | 409 }
> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    const status = httpStatusOf(error);
    if (status === 400 || status === 409)
      return { ok: false, error: error as ServiceError, status };
    throw toResponse(error);
  }
}
