/**
 * Reads an answer file (CSV or .xlsx) into raw rows with their line numbers. It checks the
 * encoding, the delimiter and the header; the values are checked by validate-answer-rows.ts.
 */
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { CsvSyntaxError, parseCsv, type CsvRecord } from './csv.ts';
import {
  formatCount,
  formatMegabytes,
  MAX_IMPORT_FILE_BYTES,
  MAX_IMPORT_ROWS,
  shortenValue,
} from './import-limits.ts';
import { checkXlsxExpansion, XlsxLimitError } from './xlsx-guard.ts';

export const ANSWER_COLUMNS = [
  'meting',
  'gemeentecode',
  'vragenlijst',
  'vraag',
  'antwoord',
] as const;
export type AnswerColumn = (typeof ANSWER_COLUMNS)[number];

/** One data row as read, before validation. */
export interface RawAnswerRow {
  /** Line number in the file (CSV) or row number in the sheet (xlsx); the header is line 1. */
  readonly line: number;
  readonly values: Readonly<Record<AnswerColumn, string>>;
  /** A structural problem with the row (too few fields), reported by the validator. */
  readonly problem?: string;
}

/** A problem with the file as a whole; nothing in it can be imported. */
export class AnswerFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnswerFileError';
  }
}

const EXPECTED_HEADER = ANSWER_COLUMNS.join(',');

function mapHeader(header: readonly string[]): Map<AnswerColumn, number> {
  const normalized = header.map((name) => name.trim().toLowerCase());
  const missing = ANSWER_COLUMNS.filter((column) => !normalized.includes(column));
  if (missing.length > 0) {
    const names = missing.map((column) => `'${column}'`).join(', ');
    throw new AnswerFileError(
      `${missing.length === 1 ? 'De kolom' : 'De kolommen'} ${names} ${missing.length === 1 ? 'ontbreekt' : 'ontbreken'} in de kopregel. ` +
        `Verwacht: ${EXPECTED_HEADER} (gevonden: ${shortenValue(normalized.join(',')) || 'een lege regel'}).`,
    );
  }
  const duplicate = ANSWER_COLUMNS.find(
    (column) => normalized.indexOf(column) !== normalized.lastIndexOf(column),
  );
  if (duplicate) {
    throw new AnswerFileError(`De kolom '${duplicate}' staat twee keer in de kopregel.`);
  }
  return new Map(ANSWER_COLUMNS.map((column) => [column, normalized.indexOf(column)]));
}

function toRow(
  line: number,
  rawCells: readonly string[],
  columns: Map<AnswerColumn, number>,
  headerLength: number,
  delimiter = ',',
): RawAnswerRow {
  // 'Ja, goed voor elkaar' or a sentence written without quotes splits into extra fields;
  // when 'antwoord' is the last column, those fields can only belong to it.
  const last = columns.get('antwoord') === headerLength - 1;
  const cells =
    last && headerLength > 0 && rawCells.length > headerLength
      ? [...rawCells.slice(0, headerLength - 1), rawCells.slice(headerLength - 1).join(delimiter)]
      : rawCells;
  const values = Object.fromEntries(
    ANSWER_COLUMNS.map((column) => [column, (cells[columns.get(column) as number] ?? '').trim()]),
  ) as Record<AnswerColumn, string>;
  if (cells.length < headerLength) {
    return {
      line,
      values,
      problem: `de regel heeft ${cells.length} ${cells.length === 1 ? 'veld' : 'velden'}, de kopregel ${headerLength}. Controleer de scheidingstekens.`,
    };
  }
  return { line, values };
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AnswerFileError(
      "Het bestand is geen geldige UTF-8-tekst. Sla het in Excel op als 'CSV UTF-8 (door komma's gescheiden)' en probeer het opnieuw.",
    );
  }
}

/** Picks the delimiter the header line uses most: Dutch Excel writes ';', others ','. */
function detectDelimiter(text: string): string {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const counts = [';', ',', '\t'].map(
    (delimiter) => [delimiter, firstLine.split(delimiter).length - 1] as const,
  );
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]?.[1] ? counts[0][0] : ',';
}

/**
 * What differs between the files the imports read (answers, Wmo plan statuses): the header
 * they expect and how a data row becomes a row. The readers below do the rest the same way:
 * encoding, delimiter, limits, the first worksheet, line numbers and the Dutch messages.
 */
export interface TableFormat<Row> {
  /** The expected header, as the messages name it: `meting,gemeentecode,…`. */
  readonly expectedHeader: string;
  /**
   * Checks the header and returns how a data row is read. `delimiter` is the CSV's, or null
   * for a worksheet (whose cells never split).
   *
   * @throws {AnswerFileError} for a header without the required columns
   */
  readHeader(
    header: readonly string[],
    delimiter: string | null,
  ): (line: number, cells: readonly string[]) => Row;
  /** The most data rows a file may have. */
  readonly maxRows: number;
  tooManyRows(): AnswerFileError;
}

/**
 * Parses CSV text (UTF-8, with or without BOM, comma-, semicolon- or tab-separated) in the
 * given format; empty lines are skipped.
 *
 * @throws {AnswerFileError} for a broken CSV structure or a header without the required columns
 */
export function parseCsvTable<Row>(text: string, format: TableFormat<Row>): Row[] {
  const delimiter = detectDelimiter(text);
  let records: CsvRecord[];
  try {
    records = parseCsv(text, delimiter);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    throw new AnswerFileError(
      `Het CSV-bestand is niet goed opgebouwd: het aanhalingsteken op regel ${error.line} wordt nergens gesloten. Controleer de aanhalingstekens.`,
    );
  }
  const [header, ...data] = records;
  if (!header)
    throw new AnswerFileError(
      `Het bestand is leeg. Verwacht een kopregel: ${format.expectedHeader}.`,
    );
  const readRow = format.readHeader(header.cells, delimiter);
  const filled = data.filter(({ cells }) => cells.some((cell) => cell.trim() !== ''));
  if (filled.length > format.maxRows) throw format.tooManyRows();
  return filled.map(({ cells, line }) => readRow(line, cells));
}

/**
 * Parses CSV text of answers.
 *
 * @throws {AnswerFileError} for a broken CSV structure or a header without the required columns
 */
export function parseAnswerCsv(text: string): RawAnswerRow[] {
  return parseCsvTable(text, ANSWER_FORMAT);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  }
  return String(value);
}

function tooManyRows(): AnswerFileError {
  return new AnswerFileError(
    `Het bestand heeft meer dan ${formatCount(MAX_IMPORT_ROWS)} regels met antwoorden; dat is meer dan een hele landelijke meting. ` +
      'Splits het in delen per vragenlijst of per provincie en importeer die na elkaar.',
  );
}

const ANSWER_FORMAT: TableFormat<RawAnswerRow> = {
  expectedHeader: EXPECTED_HEADER,
  readHeader(header, delimiter) {
    const columns = mapHeader(header);
    // A worksheet's cells never split, so its rows are not checked against the header's width.
    const width = delimiter === null ? 0 : header.length;
    return (line, cells) => toRow(line, cells, columns, width, delimiter ?? ',');
  },
  maxRows: MAX_IMPORT_ROWS,
  tooManyRows,
};

/**
 * Reads the first worksheet of an .xlsx workbook in the given format, with the same columns as
 * the CSV.
 * The workbook is streamed row by row (only the shared strings are kept), after its unpacked
 * size has been checked, so memory follows the rows kept, not the size of the sheet's XML.
 *
 * @throws {AnswerFileError} when it is not a readable workbook, is too large or the header is incomplete
 */
export async function parseWorkbookTable<Row>(
  bytes: Uint8Array,
  format: TableFormat<Row>,
): Promise<Row[]> {
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
    // row.values is 1-based and sparse: column A is values[1].
    for (let column = 1; column < values.length; column += 1)
      cells[column - 1] = cellText(values[column] as ExcelJS.CellValue);
    return Array.from(cells, (cell) => cell ?? '');
  };
  let readRow: ((line: number, cells: readonly string[]) => Row) | null = null;
  let sawSheet = false;
  const rows: Row[] = [];
  try {
    for await (const sheet of reader) {
      sawSheet = true;
      for await (const row of sheet) {
        if (readRow === null) {
          // The header is row 1; a sheet that starts lower has no header.
          if (row.number !== 1) break;
          readRow = format.readHeader(rowCells(row), null);
          continue;
        }
        const cells = rowCells(row);
        if (cells.some((cell) => cell.trim() !== '')) {
          if (rows.length >= format.maxRows) throw format.tooManyRows();
          rows.push(readRow(row.number, cells));
        }
      }
      // Only the first worksheet is read.
      break;
    }
  } catch (error) {
    if (error instanceof AnswerFileError) throw error;
    throw new AnswerFileError('Het bestand is geen leesbaar Excel-bestand (.xlsx).');
  }
  if (!sawSheet || readRow === null)
    throw new AnswerFileError(
      `Het werkblad is leeg. Verwacht een kopregel: ${format.expectedHeader}.`,
    );
  return rows;
}

/**
 * Reads the first worksheet of an .xlsx workbook of answers.
 *
 * @throws {AnswerFileError} when it is not a readable workbook, is too large or the header is incomplete
 */
export function parseAnswerWorkbook(bytes: Uint8Array): Promise<RawAnswerRow[]> {
  return parseWorkbookTable(bytes, ANSWER_FORMAT);
}

/** The Dutch message for a file over the size limit. */
export function fileTooLargeMessage(bytes: number): string {
  return (
    `Het bestand is ${formatMegabytes(bytes)}; het maximum is ${formatMegabytes(MAX_IMPORT_FILE_BYTES)}. ` +
    'Splits het in delen per vragenlijst of per provincie en importeer die na elkaar.'
  );
}

/**
 * Reads rows from the bytes of a file, as CSV or as .xlsx (by name or content).
 *
 * @throws {AnswerFileError} when the file is too large or not a valid file of the format
 */
export async function parseTableBytes<Row>(
  bytes: Uint8Array,
  name: string,
  format: TableFormat<Row>,
): Promise<Row[]> {
  if (bytes.byteLength > MAX_IMPORT_FILE_BYTES)
    throw new AnswerFileError(fileTooLargeMessage(bytes.byteLength));
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (extname(name).toLowerCase() === '.xlsx' || isZip) return parseWorkbookTable(bytes, format);
  return parseCsvTable(decodeUtf8(bytes), format);
}

/**
 * Reads answer rows from the bytes of a file, as CSV or as .xlsx (by name or content).
 *
 * @throws {AnswerFileError} when the file is too large or not a valid answer file
 */
export function parseAnswerBytes(bytes: Uint8Array, name: string): Promise<RawAnswerRow[]> {
  return parseTableBytes(bytes, name, ANSWER_FORMAT);
}

/**
 * Reads a file from disk, as CSV or as .xlsx (by extension or content). A file over the size
 * limit is refused before it is read.
 *
 * @throws {AnswerFileError} when the file cannot be read or is not a valid file of the format
 */
export async function readTableFile<Row>(path: string, format: TableFormat<Row>): Promise<Row[]> {
  let bytes: Uint8Array;
  const unreadable = () =>
    new AnswerFileError(
      `Het bestand '${shortenValue(path)}' kan niet worden gelezen. Controleer de naam en de map.`,
    );
  const handle = await open(path, 'r').catch(() => {
    throw unreadable();
  });
  try {
    const { size } = await handle.stat();
    if (size > MAX_IMPORT_FILE_BYTES) throw new AnswerFileError(fileTooLargeMessage(size));
    bytes = await handle.readFile().catch(() => {
      throw unreadable();
    });
  } finally {
    await handle.close();
  }
  return parseTableBytes(bytes, path, format);
}

/**
 * Reads an answer file from disk, as CSV or as .xlsx.
 *
 * @throws {AnswerFileError} when the file cannot be read or is not a valid answer file
 */
export function readAnswerFile(path: string): Promise<RawAnswerRow[]> {
  return readTableFile(path, ANSWER_FORMAT);
}
