/**
 * The answers export in the web app and the API: what the export page offers a user, and one
 * file of it by name (`/metingen/:roundId/analyse/export/:file`).
 */
import { z } from 'zod';
import {
  applyFilter,
  describeFilter,
  parseFilterParams,
  writeFilterParams,
  type AnalysisFilter,
} from '../../domain/analysis-filter.ts';
import type { Municipality } from '../../domain/register.ts';
import type { Executor } from '../../db/client.ts';
import { readResponseVectors } from '../../db/repositories/answer-repository.ts';
import type { StaffUser } from '../auth-service.ts';
import { NotFoundError, UserInputError } from '../errors.ts';
import { assertRoleMay, can, filterAllowed, rolesAllowed } from '../permissions.ts';
import { loadRound } from '../round-service.ts';
import { listExportVariables, listProvinceLabels } from './answer-variables.ts';
import {
  listCodebookRows,
  writeExportFiles,
  type ExportFile,
  type ExportFormat,
} from './answer-formats.ts';
import { listProvinces } from '../../domain/register.ts';
import { exportAnswersForUser } from './answers-export.ts';

/**
 * Whether the user may export answers at all (the coordinator, an advisor for their provinces):
 * the flag for a link to the export page.
 */
export function mayExportAnswers(user: StaffUser): boolean {
  return rolesAllowed('analysis.exportAnswers').includes(user.role);
}

/**
 * The analysis filter of an address (`grootte`, `groep`, `provincie`), as every dashboard page
 * reads it.
 *
 * @throws {UserInputError} for an unknown value, naming the choices
 */
export function readExportFilter(
  municipalities: readonly Municipality[],
  params: URLSearchParams,
): AnalysisFilter {
  const { filter, problems } = parseFilterParams(params, listProvinces(municipalities));
  if (problems.length > 0) throw new UserInputError(problems.map((p) => p.message).join(' '));
  return filter;
}

/** The file extensions a user can download, and the format each belongs to. */
const EXTENSIONS: Readonly<Record<string, ExportFormat>> = {
  csv: 'csv',
  xlsx: 'xlsx',
  sps: 'spss',
  dat: 'spss',
};

export interface ExportPage {
  readonly roundId: string;
  readonly roundName: string;
  readonly synthetic: boolean;
  /** `all`: every municipality; `provinces`: the advisor's own (named in `provinces`). */
  readonly scope: 'all' | 'provinces';
  readonly provinces: readonly string[];
  /** The filter of the rows, and the query string that carries it to the downloads. */
  readonly filter: AnalysisFilter;
  readonly filterQuery: string;
  /** The filter in words (`describeFilter`), or null for none. */
  readonly filterText: string | null;
  /** The provinces a filter may choose (those the user may export). */
  readonly filterProvinces: readonly { readonly code: string; readonly name: string }[];
  readonly questionnaires: readonly {
    readonly id: string;
    readonly name: string;
    /** Rows the files will have: the respondents the user may see. */
    readonly respondents: number;
    readonly files: readonly { readonly name: string; readonly format: ExportFormat }[];
    /** The codebook rows: name, label, kind, values, note. */
    readonly codebook: readonly (readonly string[])[];
  }[];
}

/**
 * What the export page shows: per questionnaire the files and the codebook, for the filter in
 * `params`.
 *
 * @throws {UserInputError} for an unknown filter value
 * @throws {ForbiddenError} for a role that may not export answers (analyst, municipality)
 * @throws {NotFoundError} for an unknown round
 */
export async function loadExportPage(
  executor: Executor,
  user: StaffUser,
  roundId: string,
  params: URLSearchParams = new URLSearchParams(),
): Promise<ExportPage> {
  assertRoleMay(user, 'analysis.exportAnswers');
  const loaded = await loadRound(executor, roundId);
  const filter = readExportFilter(loaded.municipalities, params);
  const permitted = filterAllowed(user, 'analysis.exportAnswers', loaded.municipalities);
  const allowed = new Set(applyFilter(permitted, filter).map((m) => m.code));
  const vectors = await readResponseVectors(executor, roundId);
  const provinceLabels = listProvinceLabels(loaded.municipalities);
  const all = can(user, 'analysis.exportAnswers');
  return {
    roundId,
    roundName: loaded.round.name,
    synthetic: loaded.round.synthetic,
    scope: all ? 'all' : 'provinces',
    filter,
    filterQuery: writeFilterParams(filter).toString(),
    filterText: describeFilter(filter, listProvinces(loaded.municipalities)),
    filterProvinces: listProvinces(permitted),
    provinces: all
      ? []
      : [
          ...new Set(
            loaded.municipalities
              .filter((m) => user.provinces.includes(m.provinceCode))
              .map((m) => m.provinceName),
          ),
        ].sort(),
    questionnaires: loaded.instrument.questionnaires.map((questionnaire) => {
      const base = `${roundId}-${questionnaire.id}`;
      return {
        id: questionnaire.id,
        name: questionnaire.name,
        respondents: vectors.filter(
          (v) =>
            v.questionnaire === questionnaire.id &&
            v.answerCount > 0 &&
            allowed.has(v.municipalityCode),
        ).length,
        files: [
          { name: `${base}.csv`, format: 'csv' },
          { name: `${base}.xlsx`, format: 'xlsx' },
          { name: `${base}.sps`, format: 'spss' },
          { name: `${base}.dat`, format: 'spss' },
        ],
        codebook: listCodebookRows(
          listExportVariables(loaded.instrument, questionnaire, provinceLabels),
        ),
      };
    }),
  };
}

/** The part after `ID-`: a questionnaire id and an extension of the export. */
const FileNameSchema = z.string().regex(/^([a-z0-9-]+)\.(csv|xlsx|sps|dat)$/);

/**
 * One file of the export by its name, `ID-vragenlijst.csv|xlsx|sps|dat`, with the rows the
 * user may export, narrowed by the filter in `params`.
 *
 * @throws {ForbiddenError} for a role that may not export answers
 * @throws {NotFoundError} for a name that is not a file of this round's export
 * @throws {UserInputError} for an unknown filter value
 */
export async function readAnswersExportFile(
  executor: Executor,
  user: StaffUser,
  roundId: string,
  fileName: string,
  params: URLSearchParams = new URLSearchParams(),
): Promise<ExportFile> {
  assertRoleMay(user, 'analysis.exportAnswers');
  const notFound = new NotFoundError(
    `Het bestand '${fileName}' bestaat niet. Kies een bestand op de pagina Antwoorden downloaden.`,
  );
  const prefix = `${roundId}-`;
  const parsed = FileNameSchema.safeParse(
    fileName.startsWith(prefix) ? fileName.slice(prefix.length) : '',
  );
  if (!parsed.success) throw notFound;
  const [questionnaireId = '', extension = ''] = parsed.data.split('.');
  const loaded = await loadRound(executor, roundId);
  if (!loaded.instrument.questionnaires.some((q) => q.id === questionnaireId)) throw notFound;
  const format = EXTENSIONS[extension] as ExportFormat;
  const filter = readExportFilter(loaded.municipalities, params);
  const dataset = await exportAnswersForUser(executor, user, roundId, questionnaireId, filter);
  const file = (await writeExportFiles(dataset, format)).find((f) => f.name === fileName);
  if (!file) throw notFound;
  return file;
}
