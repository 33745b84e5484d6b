/**
 * A small RFC 4180 CSV reader that keeps the line number where each record starts, so that
 * error messages point at the line a person sees in their editor, also when a quoted field
 * spans several lines or the file mixes CRLF and LF.
 */

export interface CsvRecord {
  /** 1-based line number of the record's first character. */
  readonly line: number;
  readonly cells: string[];
}

/** A quote that is never closed; `line` is where the field started. */
export class CsvSyntaxError extends Error {
  readonly line: number;
  constructor(line: number) {
    super(`Unterminated quoted field starting on line ${line}`);
    this.name = 'CsvSyntaxError';
    this.line = line;
  }
}

/**
 * Parses CSV text. A leading BOM is ignored; \r\n, \n and \r all end a line. Blank lines are
 * skipped.
 *
 * @throws {CsvSyntaxError} for a quoted field that is never closed
 * @example parseCsv('a;b\n1;"x\ny"\n', ';') // [{ line: 1, cells: ['a', 'b'] }, { line: 2, cells: ['1', 'x\ny'] }]
 */
export function parseCsv(text: string, delimiter: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const endRecord = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== '') records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
  };

  while (i < text.length) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      if (char === '\r' || char === '\n') {
        const crlf = char === '\r' && text[i + 1] === '\n';
        cell += crlf ? '\r\n' : char;
        i += crlf ? 2 : 1;
        line += 1;
        continue;
      }
      cell += char;
      i += 1;
      continue;
    }
    if (char === '"' && cell === '') {
      quoted = true;
      quoteLine = line;
      i += 1;
    } else if (char === delimiter) {
      cells.push(cell);
      cell = '';
      i += 1;
    } else if (char === '\r' || char === '\n') {
      endRecord();
      i += char === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line += 1;
      recordLine = line;
    } else {
      cell += char;
      i += 1;
    }
  }
  if (quoted) throw new CsvSyntaxError(quoteLine);
  if (cell !== '' || cells.length > 0) endRecord();
  return records;
}
