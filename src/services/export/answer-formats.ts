/**
 * The answers dataset (answers-export.ts) written as files (decision 017):
 * - CSV for spreadsheets, as every CSV of the app (csv-writer.ts): `;`, UTF-8 with a byte order
 *   mark, formulas neutralized, and a decimal comma, so Dutch Excel opens it in columns with
 *   numbers and R reads it with `read.csv2`;
 * - Excel: the data, the codebook and a sheet that says what the file is;
 * - SPSS: a syntax file (`.sps`) that reads the data file beside it (`.dat`: comma-separated,
 *   decimal point, texts between double quotes, UTF-8) and gives every variable its label,
 *   value labels and measurement level, as LimeSurvey's SPSS export does;
 * - JSON: one object per row, keyed by variable name.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { writeCsv } from '../csv-writer.ts';
import type { ExportVariable } from './answer-variables.ts';
import type { AnswersDataset, ExportValue } from './answers-export.ts';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'spss'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One file of an export: its name and contents. */
export interface ExportFile {
  readonly name: string;
  readonly contentType: string;
  readonly content: string | Uint8Array;
}

const SYNTHETIC_NOTE = 'Synthetische gegevens (demo): geen echte antwoorden van gemeenten.';

/** The base of the file names: `ID-vragenlijst`, as `bfm export` writes them. */
export function exportBaseName(dataset: Pick<AnswersDataset, 'roundId' | 'questionnaire'>): string {
  return `${dataset.roundId}-${dataset.questionnaire.id}`;
}

/** What the file holds, in one Dutch sentence (the Excel sheet, the SPSS file label). */
export function describeDataset(dataset: AnswersDataset): string {
  const who = dataset.scope === 'all' ? 'alle gemeenten' : 'de gemeenten van uw provincie(s)';
  return (
    `Antwoorden op de vragenlijst ${dataset.questionnaire.name} van ${dataset.roundName} ` +
    `(${dataset.roundId}), ${who}${dataset.filter ? ` (alleen ${dataset.filter})` : ''} die de ` +
    `vragenlijst hebben ingevuld: ${dataset.rows.length}.` +
    (dataset.synthetic ? ` ${SYNTHETIC_NOTE}` : '')
  );
}

function formatDecimalComma(value: ExportValue, variable: ExportVariable): ExportValue {
  if (typeof value !== 'number' || variable.decimals === 0) return value;
  return value.toFixed(variable.decimals).replace('.', ',');
}

/** The CSV file: the variable names, then one line per row. */
export function writeAnswersCsv(dataset: AnswersDataset): string {
  return writeCsv([
    dataset.variables.map((v) => v.name),
    ...dataset.rows.map((row) =>
      row.map((value, index) =>
        formatDecimalComma(value, dataset.variables[index] as ExportVariable),
      ),
    ),
  ]);
}

/** The rows as objects keyed by variable name (the JSON API). */
export function toAnswerObjects(dataset: AnswersDataset): Record<string, ExportValue>[] {
  return dataset.rows.map((row) =>
    Object.fromEntries(
      dataset.variables.map((variable, index) => [variable.name, row[index] ?? null]),
    ),
  );
}

/** The codebook of one dataset as rows: name, label, type, values, note. */
export function listCodebookRows(variables: readonly ExportVariable[]): string[][] {
  return variables.map((variable) => [
    variable.name,
    variable.label,
    variable.type === 'string'
      ? 'tekst'
      : variable.decimals > 0
        ? `getal (${variable.decimals} decimalen)`
        : 'geheel getal',
    variable.values.map((v) => `${v.value} = ${v.label}`).join('; '),
    variable.note ?? '',
  ]);
}

export const CODEBOOK_HEADER = ['Variabele', 'Label', 'Soort', 'Waarden', 'Toelichting'];

/**
 * The Excel workbook: 'gegevens' (the data), 'codeboek' and 'toelichting'. Written with
 * exceljs's streaming writer, which builds the file about a third faster than the workbook
 * model for a full round (bench/exports.ts) and never holds the whole sheet as cell objects.
 */
export async function writeAnswersXlsx(dataset: AnswersDataset): Promise<Uint8Array> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    // Inline strings: the open answers are nearly all different, so a shared table saves nothing.
    useSharedStrings: false,
  });
  workbook.creator = 'Basisfunctiemonitor';
  const data = workbook.addWorksheet('gegevens', { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = dataset.variables.map((variable) => ({
    key: variable.name,
    width: Math.min(40, Math.max(variable.name.length + 2, 8)),
    // Marks show their two decimals; codes are strings, so 0363 keeps its zero.
    ...(variable.type === 'numeric' && variable.decimals > 0 ? { style: { numFmt: '0.00' } } : {}),
  }));
  const header = data.addRow(dataset.variables.map((v) => v.name));
  header.font = { bold: true };
  header.commit();
  for (const row of dataset.rows) data.addRow(row.map((value) => value ?? null)).commit();
  data.commit();

  const codebook = workbook.addWorksheet('codeboek', { views: [{ state: 'frozen', ySplit: 1 }] });
  codebook.columns = [22, 60, 18, 60, 60].map((width) => ({
    width,
    style: { alignment: { wrapText: true, vertical: 'top' } },
  }));
  const codebookHeader = codebook.addRow(CODEBOOK_HEADER);
  codebookHeader.font = { bold: true };
  codebookHeader.commit();
  for (const row of listCodebookRows(dataset.variables)) codebook.addRow(row).commit();
  codebook.commit();

  const about = workbook.addWorksheet('toelichting');
  about.columns = [{ width: 100, style: { alignment: { wrapText: true } } }];
  for (const line of [
    describeDataset(dataset),
    'Een lege cel betekent: niet beantwoord. De namen, labels en waarden van de variabelen ' +
      'staan op het blad codeboek en in docs/codebook.md.',
    `Instrument ${dataset.instrumentVersion}.`,
  ])
    about.addRow([line]).commit();
  about.commit();
  await workbook.commit();
  return new Uint8Array(Buffer.concat(chunks));
}

// --- SPSS ---------------------------------------------------------------------------------

/** SPSS limits, in bytes of UTF-8. */
const MAX_VARIABLE_LABEL_BYTES = 255;
const MAX_VALUE_LABEL_BYTES = 120;
const MAX_STRING_WIDTH = 32767;

/** Cuts a text to at most `bytes` bytes of UTF-8 without splitting a character. */
export function cutToBytes(text: string, bytes: number): string {
  let used = 0;
  let out = '';
  for (const character of text) {
    const size = Buffer.byteLength(character, 'utf8');
    if (used + size > bytes) return out;
    used += size;
    out += character;
  }
  return out;
}

/**
 * A text as an SPSS string literal: between single quotes, a quote inside doubled, line
 * breaks as spaces (a literal cannot span lines), cut to `maxBytes`.
 *
 * @example toSpssString("Zorgt 'de' gemeente", 255) // "'Zorgt ''de'' gemeente'"
 */
export function toSpssString(text: string, maxBytes: number): string {
  const flat = text.replace(/[\r\n\t]+/g, ' ');
  return `'${cutToBytes(flat, maxBytes).replaceAll("'", "''")}'`;
}

/** Bytes of text per string literal in the syntax, so no line comes near SPSS's 256 bytes. */
const LITERAL_CHUNK_BYTES = 80;

/**
 * A label as one or more SPSS string literals joined by `+` on continuation lines, so long
 * labels keep every syntax line short (old SPSS versions stop at 256 bytes a line). The text is
 * cut to `maxBytes` first, then split between characters, never inside a doubled quote.
 *
 * @example toSpssLiteral('kort', 255) // "'kort'"
 */
export function toSpssLiteral(text: string, maxBytes: number): string {
  let rest = cutToBytes(text.replace(/[\r\n\t]+/g, ' '), maxBytes);
  const parts: string[] = [];
  do {
    const chunk = cutToBytes(rest, LITERAL_CHUNK_BYTES);
    parts.push(`'${chunk.replaceAll("'", "''")}'`);
    rest = rest.slice(chunk.length);
  } while (rest.length > 0);
  return parts.join(' +\n      ');
}

/** A cell of the .dat file: texts quoted (quotes doubled, line breaks flattened), numbers plain. */
export function toSpssDataCell(value: ExportValue, variable: ExportVariable): string {
  if (value === null) return variable.type === 'string' ? '""' : '';
  if (typeof value === 'number') {
    return variable.decimals > 0 ? value.toFixed(variable.decimals) : String(value);
  }
  return `"${value.replace(/[\r\n\t]+/g, ' ').replaceAll('"', '""')}"`;
}

/** The .dat file beside the syntax: a header line with the names, then one line per row. */
export function writeSpssData(dataset: AnswersDataset): string {
  const lines = [dataset.variables.map((v) => v.name).join(',')];
  for (const row of dataset.rows) {
    lines.push(
      row
        .map((value, index) => toSpssDataCell(value, dataset.variables[index] as ExportVariable))
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The SPSS format of a variable; a string is as wide as its longest value (in bytes). */
function spssFormat(variable: ExportVariable, column: readonly ExportValue[]): string {
  if (variable.type === 'string') {
    const widest = column.reduce<number>(
      (max, value) =>
        Math.max(
          max,
          typeof value === 'string' ? Buffer.byteLength(value.replace(/[\r\n\t]+/g, ' ')) : 0,
        ),
      1,
    );
    return `A${Math.min(widest, MAX_STRING_WIDTH)}`;
  }
  if (variable.decimals > 0) return `F${variable.decimals + 4}.${variable.decimals}`;
  const widest = Math.max(1, ...variable.values.map((v) => String(v.value).length));
  return `F${Math.max(widest, 2)}.0`;
}

const LEVEL_KEYWORDS = { nominal: 'NOMINAL', ordinal: 'ORDINAL', scale: 'SCALE' } as const;

/**
 * The syntax file. It reads `dataFileName` relative to the working directory, as SPSS and PSPP
 * do: run it from the folder it is in (`cd map && pspp ID-mantelzorg.sps`), or open it in SPSS
 * after File › Change directory; docs/exports.md says so.
 */
export function writeSpssSyntax(dataset: AnswersDataset, dataFileName: string): string {
  const { variables, rows } = dataset;
  const lines: string[] = [
    '* Encoding: UTF-8.',
    `* Basisfunctiemonitor: ${describeDataset(dataset).replace(/\.$/, '')}.`,
    '* Voer dit bestand uit in de map waarin het staat: het leest het databestand ernaast.',
    '* De variabelen staan beschreven in docs/codebook.md.',
    '',
    'GET DATA',
    '  /TYPE=TXT',
    `  /FILE=${toSpssString(dataFileName, 1024)}`,
    "  /ENCODING='UTF-8'",
    '  /ARRANGEMENT=DELIMITED',
    '  /DELCASE=LINE',
    '  /FIRSTCASE=2',
    '  /DELIMITERS=","',
    `  /QUALIFIER='"'`,
    '  /VARIABLES=',
    ...variables.map(
      (variable, index) =>
        `    ${variable.name} ${spssFormat(
          variable,
          rows.map((row) => row[index] ?? null),
        )}${index === variables.length - 1 ? '.' : ''}`,
    ),
    '',
    'VARIABLE LABELS',
    ...variables.map(
      (variable, index) =>
        `  ${index === 0 ? '' : '/'}${variable.name} ${toSpssLiteral(variable.label, MAX_VARIABLE_LABEL_BYTES)}${index === variables.length - 1 ? '.' : ''}`,
    ),
    '',
  ];
  const labelled = variables.filter((v) => v.values.length > 0);
  if (labelled.length > 0) {
    lines.push('VALUE LABELS');
    labelled.forEach((variable, index) => {
      lines.push(`  ${index === 0 ? '' : '/'}${variable.name}`);
      variable.values.forEach((value, valueIndex) => {
        const last = index === labelled.length - 1 && valueIndex === variable.values.length - 1;
        lines.push(
          `    ${value.value} ${toSpssLiteral(value.label, MAX_VALUE_LABEL_BYTES)}${last ? '.' : ''}`,
        );
      });
    });
    lines.push('');
  }
  lines.push(
    'VARIABLE LEVEL',
    ...variables.map(
      (variable, index) =>
        `  ${index === 0 ? '' : '/'}${variable.name} (${LEVEL_KEYWORDS[variable.level]})${index === variables.length - 1 ? '.' : ''}`,
    ),
    '',
    `FILE LABEL ${toSpssString(
      `${dataset.roundName}, ${dataset.questionnaire.name}${dataset.synthetic ? ' (synthetisch)' : ''}`,
      64,
    )}.`,
    'EXECUTE.',
    '',
  );
  return lines.join('\n');
}

/**
 * The files of one dataset in one format, named as `bfm export` writes them:
 * `ID-vragenlijst.csv`, `.xlsx`, or `.sps` with its `.dat`.
 */
export async function writeExportFiles(
  dataset: AnswersDataset,
  format: ExportFormat,
): Promise<ExportFile[]> {
  const base = exportBaseName(dataset);
  switch (format) {
    case 'csv':
      return [
        {
          name: `${base}.csv`,
          contentType: 'text/csv; charset=utf-8',
          content: writeAnswersCsv(dataset),
        },
      ];
    case 'xlsx':
      return [
        {
          name: `${base}.xlsx`,
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          content: await writeAnswersXlsx(dataset),
        },
      ];
    case 'spss':
      return [
        {
          name: `${base}.sps`,
          contentType: 'text/plain; charset=utf-8',
          content: writeSpssSyntax(dataset, `${base}.dat`),
        },
        {
          name: `${base}.dat`,
          contentType: 'text/plain; charset=utf-8',
          content: writeSpssData(dataset),
        },
      ];
  }
}
