/**
 * Importing the answers of a round: all or nothing. Every row is validated first; only when
 * the whole file is valid are the answers written, in one transaction.
 */
import type { Database } from '../../db/client.ts';
import { findRegister, listMunicipalities } from '../../db/repositories/register-repository.ts';
import { findRound, type RoundRow } from '../../db/repositories/round-repository.ts';
import { loadInstrument } from '../../instruments/index.ts';
import { REGISTER_2009 } from '../reference-data.ts';
import { UserInputError } from '../errors.ts';
import { storeAnswers } from '../answer-store.ts';
import { createRound, loadRound } from '../round-service.ts';
import { readAnswerFile, type RawAnswerRow } from './read-answer-file.ts';
import { validateAnswerRows, type RoundContext, type RowError } from './validate-answer-rows.ts';

/** The file was rejected; nothing was written. */
export class ImportRejectedError extends UserInputError {
  readonly errors: readonly RowError[];
  constructor(errors: readonly RowError[]) {
    const lines = errors.map((error) => `  regel ${error.line}: ${error.message}`);
    super(
      `Import afgebroken: ${errors.length} ${errors.length === 1 ? 'fout' : 'fouten'} gevonden. Er is niets opgeslagen.\n${lines.join('\n')}`,
    );
    this.name = 'ImportRejectedError';
    this.errors = errors;
  }
}

export interface RoundImportResult {
  readonly round: string;
  readonly created: boolean;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly cleared: number;
  readonly responses: number;
}

export interface ImportResult {
  readonly rows: number;
  readonly rounds: readonly RoundImportResult[];
}

export interface ImportOptions {
  /** Import all rows into this round (the file's 'meting' column must be empty or equal). */
  readonly round?: string | undefined;
}

async function resolveRoundContexts(
  db: Database,
  rows: readonly RawAnswerRow[],
  roundOverride: string | undefined,
): Promise<Map<string, RoundContext>> {
  const ids = new Set<string>();
  for (const row of rows) {
    const id = row.values.meting || roundOverride;
    if (id) ids.add(id);
  }
  const contexts = new Map<string, RoundContext>();
  const registers = new Map<string, { name: string; codes: Set<string> }>();
  const registerInfo = async (registerId: string) => {
    let info = registers.get(registerId);
    if (!info) {
      const register = await findRegister(db, registerId);
      if (!register) {
        throw new UserInputError(
          `Het register '${registerId}' is niet geladen. Voer eerst 'bfm reference load' uit.`,
        );
      }
      const members = await listMunicipalities(db, registerId);
      info = { name: register.name, codes: new Set(members.map((m) => m.code)) };
      registers.set(registerId, info);
    }
    return info;
  };
  for (const id of ids) {
    const round: RoundRow | undefined = await findRound(db, id);
    const registerId = round?.registerId ?? REGISTER_2009;
    const info = await registerInfo(registerId);
    contexts.set(id, {
      id,
      instrument: loadInstrument(round?.instrumentVersion ?? '2009'),
      registerName: info.name,
      municipalityCodes: info.codes,
      synthetic: round?.synthetic ?? false,
    });
  }
  return contexts;
}

/**
 * Imports validated rows: all or nothing.
 *
 * @throws {ImportRejectedError} listing every bad row; nothing is written
 */
export async function importAnswerRows(
  db: Database,
  rows: readonly RawAnswerRow[],
  options: ImportOptions = {},
): Promise<ImportResult> {
  if (rows.length === 0) {
    throw new UserInputError(
      'Het bestand bevat geen antwoorden: alleen een kopregel of lege regels.',
    );
  }
  const contexts = await resolveRoundContexts(db, rows, options.round);
  const validation = validateAnswerRows(
    rows,
    (id) => contexts.get(id) as RoundContext,
    options.round,
  );
  if (validation.errors.length > 0) throw new ImportRejectedError(validation.errors);

  const results = await db.transaction(async (tx) => {
    const perRound: RoundImportResult[] = [];
    for (const validated of validation.rounds) {
      let created = false;
      if (!(await findRound(tx, validated.roundId))) {
        await createRound(tx, { id: validated.roundId });
        created = true;
      }
      const loaded = await loadRound(tx, validated.roundId);
      const stored = await storeAnswers(tx, loaded, validated.values, validated.clears);
      perRound.push({ round: validated.roundId, created, ...stored });
    }
    return perRound;
  });
  return { rows: rows.length, rounds: results };
}

/**
 * Reads and imports an answer file (CSV or .xlsx).
 *
 * @throws {AnswerFileError} when the file itself is unreadable or malformed
 * @throws {ImportRejectedError} when rows are invalid; nothing is written
 */
export async function importAnswerFile(
  db: Database,
  path: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  return importAnswerRows(db, await readAnswerFile(path), options);
}
