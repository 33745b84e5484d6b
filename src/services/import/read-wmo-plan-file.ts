/**
 * Reads a file of Wmo plan statuses (issue 12, docs/wmo-plans.md): CSV or .xlsx with the
 * columns `gemeentecode,opgenomen,periode,titel,url`. The same readers, limits and messages as
 * the answer import (read-answer-file.ts): UTF-8 with or without BOM, comma, semicolon or tab,
 * the first worksheet of a workbook, line numbers counted with the header as line 1. The values
 * are checked by wmo-plan-import.ts.
 */
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { CsvSyntaxError, parseCsv, type CsvRecord } from './csv.ts';
import { formatCount, MAX_IMPORT_FILE_BYTES, shortenValue } from './import-limits.ts';
import {
  AnswerFileError,
  cellText,
  decodeUtf8,
  detectDelimiter,
  fileTooLargeMessage,
} from './read-answer-file.ts';
import { checkXlsxExpansion, XlsxLimitError } from './xlsx-guard.ts';

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

/**
 * Parses CSV text of plan statuses.
 *
 * @throws {AnswerFileError} for a broken CSV structure or a header without the required columns
 */
export function parseWmoPlanCsv(text: string): RawWmoPlanRow[] {
  let records: CsvRecord[];
  try {
    records = parseCsv(text, detectDelimiter(text));
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    throw new AnswerFileError(
      `Het CSV-bestand is niet goed opgebouwd: het aanhalingsteken op regel ${error.line} wordt nergens gesloten. Controleer de aanhalingstekens.`,
    );
  }
  const [header, ...data] = records;
  if (!header)
    throw new AnswerFileError(`Het bestand is leeg. Verwacht een kopregel: ${EXPECTED_HEADER}.`);
  const columns = mapHeader(header.cells);
  const filled = data.filter(({ cells }) => cells.some((cell) => cell.trim() !== ''));
  if (filled.length > MAX_WMO_PLAN_ROWS) throw tooManyRows();
  return filled.map(({ cells, line }) => toRow(line, cells, columns));
}

/**
 * Reads the first worksheet of an .xlsx workbook with the same columns, after checking its
 * unpacked size like the answer import.
 *
 * @throws {AnswerFileError} when it is not a readable workbook, is too large or the header is incomplete
 */
export async function parseWmoPlanWorkbook(bytes: Uint8Array): Promise<RawWmoPlanRow[]> {
  try {
    await checkXlsxExpansion(bytes);
  } catch (error) {
    if (error instanceof XlsxLimitError) throw new AnswerFileError(error.message);
    throw error;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  const rowCells = (row: ExcelJS.Row): string[] => {
    const values = Array.isArray(row.values) ? row.values : [];
    const cells: string[] = [];
    for (let column = 1; column < values.length; column += 1)
      cells[column - 1] = cellText(values[column] as ExcelJS.CellValue);
    return Array.from(cells, (cell) => cell ?? '');
  };
  let columns: Map<WmoPlanColumn, number> | null = null;
  let sawSheet = false;
  const rows: RawWmoPlanRow[] = [];
  try {
    for await (const sheet of reader) {
      sawSheet = true;
      for await (const row of sheet) {
        if (columns === null) {
          if (row.number !== 1) break;
          columns = mapHeader(rowCells(row));
          continue;
        }
        const cells = rowCells(row);
        if (cells.some((cell) => cell.trim() !== '')) {
          if (rows.length >= MAX_WMO_PLAN_ROWS) throw tooManyRows();
          rows.push(toRow(row.number, cells, columns));
        }
      }
      break;
    }
  } catch (error) {
    if (error instanceof AnswerFileError) throw error;
    throw new AnswerFileError('Het bestand is geen leesbaar Excel-bestand (.xlsx).');
  }
  if (!sawSheet || columns === null)
    throw new AnswerFileError(`Het werkblad is leeg. Verwacht een kopregel: ${EXPECTED_HEADER}.`);
  return rows;
}

/**
 * Reads plan statuses from the bytes of a file, as CSV or as .xlsx (by name or content).
 *
 * @throws {AnswerFileError} when the file is too large or not a valid file of plan statuses
 */
export async function parseWmoPlanBytes(bytes: Uint8Array, name: string): Promise<RawWmoPlanRow[]> {
  if (bytes.byteLength > MAX_IMPORT_FILE_BYTES)
    throw new AnswerFileError(fileTooLargeMessage(bytes.byteLength));
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (extname(name).toLowerCase() === '.xlsx' || isZip) return parseWmoPlanWorkbook(bytes);
  return parseWmoPlanCsv(decodeUtf8(bytes));
}

/**
 * Reads a file of plan statuses from disk; a file over the size limit is refused unread.
 *
 * @throws {AnswerFileError} when the file cannot be read or is not valid
 */
export async function readWmoPlanFile(path: string): Promise<RawWmoPlanRow[]> {
  const unreadable = () =>
    new AnswerFileError(
      `Het bestand '${shortenValue(path)}' kan niet worden gelezen. Controleer de naam en de map.`,
    );
  const handle = await open(path, 'r').catch(() => {
    throw unreadable();
  });
  let bytes: Uint8Array;
  try {
    const { size } = await handle.stat();
    if (size > MAX_IMPORT_FILE_BYTES) throw new AnswerFileError(fileTooLargeMessage(size));
    bytes = await handle.readFile().catch(() => {
      throw unreadable();
    });
  } finally {
    await handle.close();
  }
  return parseWmoPlanBytes(bytes, path);
}
