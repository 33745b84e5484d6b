/**
 * Reads a file of Wmo plan statuses (issue 12, docs/wmo-plans.md): CSV or .xlsx with the
 * columns `gemeentecode,opgenomen,periode,titel,url`. The same readers, limits and messages as
 * the answer import (read-answer-file.ts): UTF-8 with or without BOM, comma, semicolon or tab,
 * the first worksheet of a workbook, line numbers counted with the header as line 1. The values
 * are checked by wmo-plan-import.ts.
 */
import { formatCount, shortenValue } from './import-limits.ts';
import {
  AnswerFileError,
  parseCsvTable,
  parseTableBytes,
  parseWorkbookTable,
  readTableFile,
  type TableFormat,
} from './read-answer-file.ts';

export const WMO_PLAN_COLUMNS = ['gemeentecode', 'opgenomen', 'periode', 'titel', 'url'] as const;
export type WmoPlanColumn = (typeof WMO_PLAN_COLUMNS)[number];

/** One municipality's row as read. The columns `periode`, `titel` and `url` may be absent. */
export interface RawWmoPlanRow {
  readonly line: number;
  readonly values: Readonly<Record<WmoPlanColumn, string>>;
}

/** A municipality per row: 342 or 441 in a register; ten times that is surely a wrong file. */
export const MAX_WMO_PLAN_ROWS = 5_000;

const REQUIRED: readonly WmoPlanColumn[] = ['gemeentecode', 'opgenomen'];
const EXPECTED_HEADER = WMO_PLAN_COLUMNS.join(',');

function mapHeader(header: readonly string[]): Map<WmoPlanColumn, number> {
  const normalized = header.map((name) =>
    name
      .trim()
      .toLowerCase()
      .replace(/^\uFEFF/, ''),
  );
  const missing = REQUIRED.filter((column) => !normalized.includes(column));
  if (missing.length > 0) {
    const names = missing.map((column) => `'${column}'`).join(' en ');
    throw new AnswerFileError(
      `${missing.length === 1 ? 'De kolom' : 'De kolommen'} ${names} ${missing.length === 1 ? 'ontbreekt' : 'ontbreken'} in de kopregel. ` +
        `Verwacht: ${EXPECTED_HEADER} (gevonden: ${shortenValue(normalized.join(',')) || 'een lege regel'}).`,
    );
  }
  const duplicate = WMO_PLAN_COLUMNS.find(
    (column) =>
      normalized.includes(column) && normalized.indexOf(column) !== normalized.lastIndexOf(column),
  );
  if (duplicate)
    throw new AnswerFileError(`De kolom '${duplicate}' staat twee keer in de kopregel.`);
  return new Map(WMO_PLAN_COLUMNS.map((column) => [column, normalized.indexOf(column)]));
}

function toRow(line: number, cells: readonly string[], columns: Map<WmoPlanColumn, number>) {
  const values = Object.fromEntries(
    WMO_PLAN_COLUMNS.map((column) => {
      const index = columns.get(column) as number;
      return [column, index < 0 ? '' : (cells[index] ?? '').trim()];
    }),
  ) as Record<WmoPlanColumn, string>;
  return { line, values };
}

function tooManyRows(): AnswerFileError {
  return new AnswerFileError(
    `Het bestand heeft meer dan ${formatCount(MAX_WMO_PLAN_ROWS)} regels; er hoort één regel per gemeente in. Controleer of dit het goede bestand is.`,
  );
}

const WMO_PLAN_FORMAT: TableFormat<RawWmoPlanRow> = {
  expectedHeader: EXPECTED_HEADER,
  readHeader(header) {
    const columns = mapHeader(header);
    return (line, cells) => toRow(line, cells, columns);
  },
  maxRows: MAX_WMO_PLAN_ROWS,
  tooManyRows,
};

/**
 * Parses CSV text of plan statuses.
 *
 * @throws {AnswerFileError} for a broken CSV structure or a header without the required columns
 */
export function parseWmoPlanCsv(text: string): RawWmoPlanRow[] {
  return parseCsvTable(text, WMO_PLAN_FORMAT);
}

/**
 * Reads the first worksheet of an .xlsx workbook with the same columns.
 *
 * @throws {AnswerFileError} when it is not a readable workbook, is too large or the header is incomplete
 */
export function parseWmoPlanWorkbook(bytes: Uint8Array): Promise<RawWmoPlanRow[]> {
  return parseWorkbookTable(bytes, WMO_PLAN_FORMAT);
}

/**
 * Reads plan statuses from the bytes of a file, as CSV or as .xlsx (by name or content).
 *
 * @throws {AnswerFileError} when the file is too large or not a valid file of plan statuses
 */
export function parseWmoPlanBytes(bytes: Uint8Array, name: string): Promise<RawWmoPlanRow[]> {
  return parseTableBytes(bytes, name, WMO_PLAN_FORMAT);
}

/**
 * Reads a file of plan statuses from disk; a file over the size limit is refused unread.
 *
 * @throws {AnswerFileError} when the file cannot be read or is not valid
 */
export function readWmoPlanFile(path: string): Promise<RawWmoPlanRow[]> {
  return readTableFile(path, WMO_PLAN_FORMAT);
}
