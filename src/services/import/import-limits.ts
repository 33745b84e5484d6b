/**
 * The bounds of an import: how large a file may be, how far an .xlsx may expand, how many
 * errors are listed and how much of a value a message repeats. A national round is about
 * 26,000 answers (roughly 1.5 MB as CSV, 0.5 MB as .xlsx), so these leave ample room for real
 * files while a hostile or broken one is refused before it can fill the memory or the screen.
 */

/** The largest answer file accepted, in bytes (CSV or .xlsx, as uploaded or read from disk). */
export const MAX_IMPORT_FILE_BYTES = 10 * 1024 * 1024;

/** The JSON API's import body: the largest file base64-encoded (4 bytes per 3), and the rest. */
export const MAX_IMPORT_API_BODY_BYTES = Math.ceil(MAX_IMPORT_FILE_BYTES / 3) * 4 + 64 * 1024;

/** The largest total size of an .xlsx's parts once unpacked. */
export const MAX_XLSX_EXPANDED_BYTES = 100 * 1024 * 1024;

/** The largest number of parts in an .xlsx (a workbook of one sheet has about ten). */
export const MAX_XLSX_ENTRIES = 1_000;

/** The most answer rows a file may hold: five national rounds (about 40,000 rows each). */
export const MAX_IMPORT_ROWS = 200_000;

/** How many row errors a rejection lists; the rest are counted. */
export const MAX_LISTED_ERRORS = 1_000;

/** How many characters of a value a message repeats. */
export const MAX_ECHOED_CHARACTERS = 100;

/** Dutch number with thousands separators: 2345 → '2.345'. */
export function formatCount(n: number): string {
  return n.toLocaleString('nl-NL');
}

/** Megabytes in Dutch, e.g. '10 MB'. */
export function formatMegabytes(bytes: number): string {
  return `${formatCount(Math.round((bytes / (1024 * 1024)) * 10) / 10)} MB`;
}

/**
 * A value as a message repeats it: at most MAX_ECHOED_CHARACTERS characters, shortened with an
 * ellipsis, and control characters (a NUL, a line break) shown as a space so one bad cell
 * cannot break the message's lines.
 *
 * @example shortenValue('x'.repeat(500)) // 'xxx…x…' (100 characters and '…')
 */
export function shortenValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = value.replace(/[\u0000-\u001f\u007f]/g, ' ');
  const chars = [...flat];
  return chars.length > MAX_ECHOED_CHARACTERS
    ? `${chars.slice(0, MAX_ECHOED_CHARACTERS).join('')}…`
    : flat;
}
