/**
 * The answers export in the web app and the API: what the export page offers a user, and one
 * file of it by name (`/metingen/:roundId/analyse/export/:file`).
 */
import { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import { readResponseVectors } from '../../db/repositories/answer-repository.ts';
import type { StaffUser } from '../auth-service.ts';
import { NotFoundError } from '../errors.ts';
import { assertRoleMay, can, filterAllowed } from '../permissions.ts';
import { loadRound } from '../round-service.ts';
import { listExportVariables, listProvinceLabels } from './answer-variables.ts';
import {
  listCodebookRows,
  writeExportFiles,
  type ExportFile,
  type ExportFormat,
} from './answer-formats.ts';
import { exportAnswersForUser } from './answers-export.ts';

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
 * What the export page shows: per questionnaire the files and the codebook.
 *
 * @throws {ForbiddenError} for a role that may not export answers (analyst, municipality)
 * @throws {NotFoundError} for an unknown round
 */
export async function loadExportPage(
  executor: Executor,
  user: StaffUser,
  roundId: string,
): Promise<ExportPage> {
  assertRoleMay(user, 'analysis.exportAnswers');
  const loaded = await loadRound(executor, roundId);
  const allowed = new Set(
    filterAllowed(user, 'analysis.exportAnswers', loaded.municipalities).map((m) => m.code),
  );
  const vectors = await readResponseVectors(executor, roundId);
  const provinceLabels = listProvinceLabels(loaded.municipalities);
  const all = can(user, 'analysis.exportAnswers');
  return {
    roundId,
    roundName: loaded.round.name,
    synthetic: loaded.round.synthetic,
    scope: all ? 'all' : 'provinces',
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
 * user may export.
 *
 * @throws {ForbiddenError} for a role that may not export answers
 * @throws {NotFoundError} for a name that is not a file of this round's export
 */
export async function readAnswersExportFile(
  executor: Executor,
  user: StaffUser,
  roundId: string,
  fileName: string,
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
  const dataset = await exportAnswersForUser(executor, user, roundId, questionnaireId);
  const file = (await writeExportFiles(dataset, format)).find((f) => f.name === fileName);
  if (!file) throw notFound;
  return file;
}
