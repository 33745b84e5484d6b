/**
 * The coded answers of one question (or one item's notes) as a file (issue 13, decision 030):
 * one row per answer the viewer may read, with one 0/1 column per theme of its codebook (empty
 * for an answer nobody coded yet, which the column `gecodeerd` says).
 *
 * The rows are the reading page's (`readOpenAnswers`, read page by page), so the same rules
 * apply: the coordinator sees every municipality by name, an advisor those of their provinces;
 * everyone else reads anonymised answers, and their file has no `gemeentecode` and `gemeente`
 * columns at all. The page's filters, band and search apply to the file as well.
 */
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { parseFilterParams } from '../../domain/analysis-filter.ts';
import { parsePart, PART_SLUGS, type AnswerPart } from '../../domain/open-answers.ts';
import { listProvinces, SIZE_CLASSES } from '../../domain/register.ts';
import type { Executor } from '../../db/client.ts';
import { queryRows } from '../../db/query.ts';
import type { StaffUser } from '../auth-service.ts';
import { writeCsv } from '../csv-writer.ts';
import { NotFoundError, UserInputError } from '../errors.ts';
import { assertCan } from '../permissions.ts';
import { loadRound } from '../round-service.ts';
import {
  computeAnswerId,
  MAX_PAGE_SIZE,
  readFinalThemes,
  readOpenAnswers,
  type OpenAnswerQuery,
  type OpenAnswerSource,
  type OpenAnswerSourceKey,
} from './open-answer-service.ts';

/** A theme of the codebook, as the file's column and its 'Codeboek' sheet name it. */
export interface ExportTheme {
  readonly id: number;
  readonly name: string;
  readonly description: string;
}

/** One answer in the file. `municipality` only for a viewer who sees it by name. */
export interface CodedAnswerRow {
  /** The answer's pseudonym (the same as on the reading page). */
  readonly id: string;
  readonly municipality: { readonly code: string; readonly name: string } | null;
  /** The municipality's name, or the anonymised description. */
  readonly origin: string;
  readonly province: string | null;
  readonly sizeClass: string | null;
  /** The band of the item's basisfunctie ('Goed voor elkaar'), or null. */
  readonly band: string | null;
  readonly text: string;
  /** Whether the answer has a final coding (settled, or a coder's). */
  readonly coded: boolean;
  /** Per theme of `themes`, in its order: 1 when the final coding has it, 0 when not; null when not coded. */
  readonly themes: readonly (0 | 1 | null)[];
  readonly quote: boolean;
}

export interface CodedAnswers {
  readonly round: { readonly id: string; readonly name: string; readonly synthetic: boolean };
  readonly source: OpenAnswerSource;
  /** Whether the file has the gemeentecode and gemeente columns (coordinator, advisor). */
  readonly named: boolean;
  readonly themes: readonly ExportTheme[];
  readonly rows: readonly CodedAnswerRow[];
  /** Anonymised answers left out because the selection is under five respondents. */
  readonly withheld: number;
}

export type CodedAnswersQuery = Omit<OpenAnswerQuery, 'page' | 'pageSize'>;

const SIZE_LABELS = new Map(SIZE_CLASSES.map((size) => [size.id, size.label]));

/** The pseudonyms of the answers that have a final coding (`readFinalThemes`). */
async function readCodedIds(
  executor: Executor,
  roundId: string,
  key: OpenAnswerSourceKey,
): Promise<Set<string>> {
  const [codebook] = await queryRows<{ id: number }>(
    executor,
    sql`select id from codebooks
        where round_id = ${roundId} and questionnaire = ${key.questionnaire}
          and question = ${key.question} and part = ${key.part}`,
  );
  if (!codebook) return new Set();
  const { round } = await loadRound(executor, roundId);
  const final = await readFinalThemes(executor, Number(codebook.id));
  return new Set([...final.keys()].map((code) => computeAnswerId(round.answerKeySalt, key, code)));
}

async function readThemes(
  executor: Executor,
  roundId: string,
  key: OpenAnswerSourceKey,
): Promise<ExportTheme[]> {
  const rows = await queryRows<{ id: number; name: string; description: string }>(
    executor,
    sql`select t.id, t.name, t.description from codebooks c
        join codebook_themes t on t.codebook_id = c.id
        where c.round_id = ${roundId} and c.questionnaire = ${key.questionnaire}
          and c.question = ${key.question} and c.part = ${key.part}
        order by t.position, t.id`,
  );
  return rows.map((row) => ({ id: Number(row.id), name: row.name, description: row.description }));
}

/**
 * The coded answers of a source as the user may read them, every page of the reading page's
 * selection at once.
 *
 * @throws {ForbiddenError} when the role may not download open answers (municipality accounts)
 * @throws {NotFoundError} for an unknown round, questionnaire or question
 * @throws {UserInputError} for an invalid band
 */
export async function readCodedOpenAnswers(
  executor: Executor,
  user: StaffUser,
  roundId: string,
  key: OpenAnswerSourceKey,
  query: CodedAnswersQuery,
): Promise<CodedAnswers> {
  assertCan(user, 'openAnswers.export');
  const themes = await readThemes(executor, roundId, key);
  const codedIds = await readCodedIds(executor, roundId, key);
  const rows: CodedAnswerRow[] = [];
  let page = 1;
  for (;;) {
    const result = await readOpenAnswers(executor, user, roundId, key, {
      ...query,
      page,
      pageSize: MAX_PAGE_SIZE,
    });
    for (const entry of result.answers) {
      const given = new Set(entry.themes.map((theme) => theme.id));
      const coded = codedIds.has(entry.id);
      rows.push({
        id: entry.id,
        municipality: entry.municipality,
        origin: entry.origin,
        province: entry.provinceName,
        sizeClass: entry.sizeClass ? (SIZE_LABELS.get(entry.sizeClass) ?? null) : null,
        band: entry.band?.label ?? null,
        text: entry.text,
        coded,
        themes: themes.map((theme) => (coded ? (given.has(theme.id) ? 1 : 0) : null)),
        quote: entry.quote,
      });
    }
    if (page >= result.pageCount) {
      return {
        round: result.round,
        source: result.source,
        named: result.namedScope === 'all' || result.namedScope === 'province',
        themes,
        rows,
        withheld: result.withheld,
      };
    }
    page += 1;
  }
}

/** The header and rows of the file, as the CSV and the first Excel sheet have them. */
export function buildCodedAnswerTable(data: CodedAnswers): (string | number)[][] {
  const header = [
    ...(data.named ? ['gemeentecode', 'gemeente'] : []),
    'herkomst',
    'provincie',
    'grootteklasse',
    'score',
    'tekst',
    ...(data.themes.length > 0 ? ['gecodeerd'] : []),
    ...data.themes.map((theme) => theme.name),
    'citaat',
  ];
  const body = data.rows.map((row) => [
    ...(data.named ? [row.municipality?.code ?? '', row.municipality?.name ?? ''] : []),
    row.origin,
    row.province ?? '',
    row.sizeClass ?? '',
    row.band ?? '',
    row.text,
    ...(data.themes.length > 0 ? [row.coded ? 'ja' : 'nee'] : []),
    ...row.themes.map((value) => value ?? ''),
    row.quote ? 'ja' : 'nee',
  ]);
  return [header, ...body];
}

/** The file as CSV (the conventions of csv-writer.ts: `;`, UTF-8 with BOM, CRLF). */
export function writeCodedAnswersCsv(data: CodedAnswers): string {
  return writeCsv(buildCodedAnswerTable(data));
}

/**
 * The file as an Excel workbook: 'Antwoorden' (a bold, frozen header row, widths that fit, the
 * text wrapped) and 'Codeboek' (the themes with their descriptions).
 */
export async function writeCodedAnswersXlsx(data: CodedAnswers): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Basisfunctiemonitor';
  const sheet = workbook.addWorksheet('Antwoorden', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  const table = buildCodedAnswerTable(data);
  for (const row of table) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  const header = table[0] ?? [];
  header.forEach((name, index) => {
    const column = sheet.getColumn(index + 1);
    if (name === 'tekst') {
      column.width = 80;
      column.alignment = { wrapText: true, vertical: 'top' };
    } else {
      const longest = Math.max(...table.map((row) => String(row[index] ?? '').length));
      column.width = Math.min(40, Math.max(8, longest + 2));
    }
  });
  const codebook = workbook.addWorksheet('Codeboek', { views: [{ state: 'frozen', ySplit: 1 }] });
  codebook.addRow(['thema', 'omschrijving']);
  for (const theme of data.themes) codebook.addRow([theme.name, theme.description]);
  if (data.themes.length === 0) {
    codebook.addRow(['', 'Deze vraag heeft (nog) geen codeboek.']);
  }
  codebook.getRow(1).font = { bold: true };
  codebook.getColumn(1).width = 30;
  codebook.getColumn(2).width = 80;
  // Copied into a plain ArrayBuffer, which a Response takes as its body.
  return Uint8Array.from(new Uint8Array(await workbook.xlsx.writeBuffer()));
}

/** The download's name: plain ASCII, so no filename* variant is needed. */
export function codedAnswersFileName(
  roundId: string,
  key: OpenAnswerSourceKey,
  format: 'csv' | 'xlsx',
): string {
  return `${roundId}-${key.questionnaire}-vraag-${key.question}-${PART_SLUGS[key.part]}.${format}`.replace(
    /[^A-Za-z0-9._-]/g,
    '_',
  );
}

/**
 * Reads a source from the address's parts.
 *
 * @throws {NotFoundError} for a part that is not 'antwoord' or 'toelichting', or a question
 *   that is not a number
 */
export function parseSourceParams(params: {
  questionnaire?: string;
  question?: string;
  part?: string;
}): OpenAnswerSourceKey {
  const part: AnswerPart | null = parsePart(params.part);
  const question = Number(params.question);
  if (!part || !Number.isInteger(question) || question < 1 || !params.questionnaire) {
    throw new NotFoundError(
      'Deze vraag bestaat niet. Kies een vraag op de pagina Open antwoorden; het adres eindigt op /antwoord of /toelichting.',
    );
  }
  return { questionnaire: params.questionnaire, question, part };
}

/**
 * Reads the page's query parameters (grootte, groep, provincie, band, zoek) for a file.
 *
 * @throws {UserInputError} for a filter value that does not exist
 */
export async function parseCodedAnswersParams(
  executor: Executor,
  roundId: string,
  params: URLSearchParams,
): Promise<CodedAnswersQuery> {
  const loaded = await loadRound(executor, roundId);
  const { filter, problems } = parseFilterParams(params, listProvinces(loaded.municipalities));
  if (problems.length > 0) {
    throw new UserInputError(problems.map((problem) => problem.message).join(' '));
  }
  const band = params.get('band');
  return {
    filter,
    band: band === null || band === '' ? null : band,
    search: params.get('zoek') ?? '',
  };
}

/**
 * The coded answers of a source as a download for the user, with the page's filters.
 *
 * @throws {ForbiddenError} when the role may not download open answers
 * @throws {NotFoundError} for an unknown round, questionnaire, question or part
 * @throws {UserInputError} for an invalid filter or band
 */
export async function exportCodedOpenAnswers(
  executor: Executor,
  user: StaffUser,
  roundId: string,
  source: { questionnaire?: string; question?: string; part?: string },
  params: URLSearchParams,
  format: 'csv' | 'xlsx',
): Promise<{ readonly fileName: string; readonly content: string | Uint8Array<ArrayBuffer> }> {
  // The permission first: a municipality account hears 403 before anything is read.
  assertCan(user, 'openAnswers.export');
  const key = parseSourceParams(source);
  const query = await parseCodedAnswersParams(executor, roundId, params);
  const data = await readCodedOpenAnswers(executor, user, roundId, key, query);
  return {
    fileName: codedAnswersFileName(roundId, key, format),
    content: format === 'csv' ? writeCodedAnswersCsv(data) : await writeCodedAnswersXlsx(data),
  };
}

/** The coded answers as the JSON API returns them (`getCodedOpenAnswers`). */
export function exportCodedRowsForApi(data: CodedAnswers) {
  return {
    round: data.round,
    source: {
      questionnaire: data.source.questionnaire,
      question: data.source.question,
      part: data.source.part,
      itemText: data.source.itemText,
    },
    named: data.named,
    themes: data.themes,
    withheld: data.withheld,
    answers: data.rows.map((row) => ({
      id: row.id,
      municipality: row.municipality,
      origin: row.origin,
      province: row.province,
      sizeClass: row.sizeClass,
      band: row.band,
      text: row.text,
      coded: row.coded,
      themes: row.themes,
      quote: row.quote,
    })),
  };
}
