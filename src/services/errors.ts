/**
 * The errors services throw, each with the HTTP status it stands for. Pages, the autosave
 * endpoint, the JSON API and the CLI all map them through `httpStatusOf`, so the same failure
 * gets the same answer everywhere. Messages are Dutch and meant for the user.
 */

/** A failure the user can understand and act on; `status` is its HTTP status. */
export abstract class ServiceError extends Error {
  abstract readonly status: 400 | 403 | 404 | 409 | 503;
}

/** The request cannot be carried out as asked; the message says what to fix (HTTP 400). */
export class UserInputError extends ServiceError {
  readonly status = 400;
  constructor(message: string) {
    super(message);
    this.name = 'UserInputError';
  }
}

/** The request is not allowed for this user (HTTP 403). */
export class ForbiddenError extends ServiceError {
  readonly status = 403;
  constructor(message = 'U heeft geen toegang tot deze pagina.') {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** The thing asked for does not exist, or its existence is not to be revealed (HTTP 404). */
/**
 * The one answer for a municipality that is not in the round and for one the user may not
 * see: if the two read differently, anyone could find out which codes exist.
 */
export const MUNICIPALITY_NOT_FOUND =
  'Deze gemeente is niet gevonden in deze meting, of u heeft er geen toegang toe. Controleer de code in het adres.';

export class NotFoundError extends ServiceError {
  readonly status = 404;
  constructor(message = 'Deze pagina bestaat niet.') {
    super(message);
    this.name = 'NotFoundError';
  }
}

/**
 * The request clashes with the current state: the questionnaire was submitted, the round is
 * not open, someone else changed the same answer (HTTP 409).
 */
export class ConflictError extends ServiceError {
  readonly status = 409;
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/**
 * Something the server needs is missing, such as Chromium for the PDF; the message says how to
 * install it (HTTP 503). The rest of the app keeps working.
 */
export class UnavailableError extends ServiceError {
  readonly status = 503;
  constructor(message: string) {
    super(message);
    this.name = 'UnavailableError';
  }
}

/**
 * The HTTP status of a service error, or undefined for anything else (a bug: HTTP 500).
 *
 * @example
 * httpStatusOf(new NotFoundError()); // 404
 * httpStatusOf(new Error('boom'));   // undefined
 */
export function httpStatusOf(error: unknown): ServiceError['status'] | undefined {
  return error instanceof ServiceError ? error.status : undefined;
}
