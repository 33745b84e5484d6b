/**
 * `bfm export`: the answers of a round written into a folder, one file per questionnaire
 * (`ID-vrijwilligerswerk.csv`, `ID-mantelzorg.csv`; for SPSS the `.sps` beside its `.dat`).
 *
 * All or nothing: every file is written into a temporary folder inside the target first and
 * moved into place only when all of them are complete, so a failed export (a full disk, an
 * unknown round) leaves no half file and no file of one questionnaire without the other.
 */
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Executor } from '../../db/client.ts';
import { UserInputError } from '../errors.ts';
import { writeExportFiles, type ExportFormat } from './answer-formats.ts';
import { exportRoundAnswers } from './answers-export.ts';

export interface FolderExportResult {
  /** The written files, as absolute paths, in the order written. */
  readonly files: readonly string[];
  /** Respondents per questionnaire. */
  readonly rows: Readonly<Record<string, number>>;
  readonly synthetic: boolean;
}

/**
 * Writes the answers of a round in one format into `folder` (created when missing); files of
 * the same name are replaced.
 *
 * @throws {NotFoundError} for an unknown round
 * @throws {UserInputError} when the folder cannot be created or written
 */
export async function exportAnswersToFolder(
  executor: Executor,
  roundId: string,
  format: ExportFormat,
  folder: string,
): Promise<FolderExportResult> {
  // The data first: an unknown round fails before anything touches the disk.
  const datasets = await exportRoundAnswers(executor, roundId);
  const target = resolve(folder);
  let staging: string;
  try {
    await mkdir(target, { recursive: true });
    staging = await mkdtemp(join(target, '.bfm-export-'));
  } catch (error) {
    throw new UserInputError(
      `De map '${folder}' kan niet worden gemaakt of beschreven (${(error as NodeJS.ErrnoException).code ?? 'fout'}). Kies een map waarin u mag schrijven.`,
    );
  }
  const names: string[] = [];
  const moved: string[] = [];
  try {
    for (const dataset of datasets) {
      for (const file of await writeExportFiles(dataset, format)) {
        await writeFile(join(staging, file.name), file.content);
        names.push(file.name);
      }
    }
    for (const name of names) {
      await rename(join(staging, name), join(target, name));
      moved.push(name);
    }
  } catch (error) {
    // Nothing half: the files already moved in go again (an older file they replaced is
    // lost, which the docs say), and the message names the cause.
    await Promise.all(moved.map((name) => rm(join(target, name), { force: true })));
    throw new UserInputError(
      `De export is niet geschreven: een bestand in '${folder}' kon niet worden geschreven (${(error as NodeJS.ErrnoException).code ?? 'fout'}). Er is niets in de map gezet; los dit op en probeer het opnieuw.`,
    );
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return {
    files: names.map((name) => join(target, name)),
    rows: Object.fromEntries(datasets.map((d) => [d.questionnaire.id, d.rows.length])),
    synthetic: datasets.some((d) => d.synthetic),
  };
}
