/**
 * Errors of an import that the CLI tells apart without loading the import itself.
 */

/**
 * The database refused the write. Its own message holds the statement and the values, so it
 * stays in `cause`, for the log only; the user reads a Dutch sentence.
 */
export class ImportFailedError extends Error {
  constructor(cause: unknown) {
    super(
      'De import is mislukt door een fout bij het opslaan. Er is niets opgeslagen. Probeer het opnieuw; blijft het misgaan, meld het dan aan de beheerder.',
      { cause },
    );
    this.name = 'ImportFailedError';
  }
}
