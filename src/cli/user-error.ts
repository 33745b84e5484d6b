/**
 * Which errors are the user's to fix. Apart from errors.ts because the classes come from the
 * services, the import and the environment: the runner loads this only when a command failed,
 * so that help and usage errors do not pay for those modules (see run-cli.ts).
 */
import { EnvironmentError } from '../config/env.ts';
import { UnknownInstrumentVersionError } from '../instruments/index.ts';
import { AnswerFileError } from '../services/import/read-answer-file.ts';
import { DatabaseOpenError, DataFolderLockedError } from '../services/database.ts';
import { ServiceError } from '../services/errors.ts';
import { ImportFailedError } from '../services/import/import-errors.ts';
import { CliUsageError } from './errors.ts';

/** Whether the error is the user's to fix (its message says how), rather than a crash. */
export function isUserError(error: unknown): error is Error {
  return (
    error instanceof CliUsageError ||
    error instanceof ServiceError ||
    error instanceof AnswerFileError ||
    error instanceof UnknownInstrumentVersionError ||
    error instanceof EnvironmentError ||
    error instanceof ImportFailedError ||
    error instanceof DataFolderLockedError ||
    error instanceof DatabaseOpenError
  );
}
