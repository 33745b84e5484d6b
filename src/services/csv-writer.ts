/**
 * Writing CSV files that Dutch Excel opens as they are and that cannot run formulas.
 *
 * - Separator `;`: Excel with Dutch regional settings uses the comma as the decimal sign and
 *   the semicolon as the list separator, so a `;` file opens in columns with a double click.
 * - UTF-8 with a byte order mark: without it, Excel reads the file as Windows-1252 and
 *   mangles every ë and –.
 * - Lines end in CRLF and cells are quoted as RFC 4180 says: a cell with the separator, a
 *   quote, a line break or leading or trailing spaces is put between double quotes, its
 *   quotes doubled.
 * - Formula injection (CSV injection, OWASP): a cell that begins with `=`, `+`, `-`, `@`, a tab
 *   or a carriage return would be run by a spreadsheet as a formula, so such a cell gets a
 *   single quote in front: the spreadsheet then shows it as text.
 */

export const CSV_SEPARATOR = ';';
export const BYTE_ORDER_MARK = '\uFEFF';

/** The first characters with which a spreadsheet starts a formula (OWASP's list). */
const FORMULA_STARTS = ['=', '+', '-', '@', '\t', '\r'];

/**
 * A cell that a spreadsheet will not run as a formula.
 *
 * @example
 * neutralizeFormula('=SUM(A1:A9)'); // "'=SUM(A1:A9)"
 * neutralizeFormula('Ja');          // 'Ja'
 */
export function neutralizeFormula(cell: string): string {
  return FORMULA_STARTS.some((start) => cell.startsWith(start)) ? `'${cell}` : cell;
}

/**
 * A cell as it is written into the file: neutralized, then quoted when needed.
 *
 * @example
 * toCsvCell('a;b');      // '"a;b"'
 * toCsvCell('zei "ja"'); // '"zei ""ja"""'
 */
export function toCsvCell(value: string | number | null | undefined): string {
  const cell = neutralizeFormula(value === null || value === undefined ? '' : String(value));
  const needsQuotes =
    cell.includes(CSV_SEPARATOR) ||
    cell.includes('"') ||
    cell.includes('\n') ||
    cell.includes('\r') ||
    cell !== cell.trim();
  return needsQuotes ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/**
 * A whole CSV file: the byte order mark, then one line per row (the header first), each
 * ended by CRLF.
 */
export function writeCsv(
  rows: readonly (readonly (string | number | null | undefined)[])[],
): string {
  return (
    BYTE_ORDER_MARK + rows.map((row) => `${row.map(toCsvCell).join(CSV_SEPARATOR)}\r\n`).join('')
  );
}
