/**
 * The bundled instrument versions, by name only. Apart from index.ts so that the help of
 * `bfm instrument` can list them without loading the definitions and their schema (zod);
 * instruments.test.ts checks that both lists agree.
 */
export const INSTRUMENT_VERSIONS: readonly string[] = ['2009'];
