/**
 * User errors and crashes. A user error (a mistake in the command line, the environment or an
 * input file) prints its Dutch message and exits with 2; anything else is a crash: one Dutch
 * line, exit 1, and the stack trace only with --debug. Errors are told apart by class, never
 * by their message (user-error.ts; kept apart because it loads the modules of those classes).
 */
import type { z } from 'zod';

/** A mistake in the command line: unknown command or option, missing or invalid argument. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

export const EXIT_OK = 0;
export const EXIT_CRASH = 1;
export const EXIT_USER_ERROR = 2;

export const CRASH_MESSAGE =
  'Er ging iets onverwachts mis. Voer de opdracht opnieuw uit met --debug voor de technische details.';

/**
 * Validates option values with a zod schema.
 *
 * @throws {CliUsageError} with the schema's Dutch messages
 */
export function parseOptions<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new CliUsageError(result.error.issues.map((issue) => issue.message).join('; '));
  }
  return result.data;
}

/** The technical details of a crash, for --debug: stack traces, with causes. */
export function describeCrash(error: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current !== undefined && current !== null && !seen.has(current)) {
    seen.add(current);
    if (parts.length > 0) parts.push('Oorzaak:');
    if (current instanceof Error) {
      parts.push(current.stack ?? `${current.name}: ${current.message}`);
      if (current instanceof AggregateError) {
        for (const inner of current.errors) {
          parts.push(inner instanceof Error ? (inner.stack ?? String(inner)) : String(inner));
        }
      }
      current = current.cause;
    } else {
      parts.push(String(current));
      current = undefined;
    }
  }
  return parts.join('\n');
}
