/**
 * Importing the answers of a round: all or nothing. Every row is validated first; only when
 * the whole file is valid are the answers written, in one transaction.
 */
import { basename } from 'node:path';
import type { Database } from '../../db/client.ts';
import {
  findRegister,
  listMunicipalities,
  listRegisters,
} from '../../db/repositories/register-repository.ts';
import { findRound, type RoundRow } from '../../db/repositories/round-repository.ts';
import { getInstrument } from '../instrument-service.ts';
import { REGISTER_2009 } from '../reference-data.ts';
import { ConflictError, ServiceError, UserInputError } from '../errors.ts';
import { storeAnswers } from '../answer-store.ts';
import { createRound, loadRound } from '../round-service.ts';
import { ImportFailedError } from './import-errors.ts';
import { formatCount } from './import-limits.ts';
import { planImport, type ImportPlan } from './import-plan.ts';
import { assertWorkflowAllows, recordImport, type ImportActor } from './import-workflow.ts';
import { readAnswerFile, type RawAnswerRow } from './read-answer-file.ts';
import {
  ROUND_ID_PATTERN,
  validateAnswerRows,
  type RoundContext,
  type RowError,
} from './validate-answer-rows.ts';

/** The file was rejected; nothing was written. */
export class ImportRejectedError extends UserInputError {
  /** The first errors (at most MAX_LISTED_ERRORS). */
  readonly errors: readonly RowError[];
  /** All errors, also those not listed. */
  readonly errorCount: number;
  constructor(errors: readonly RowError[], errorCount = errors.length) {
    const lines = errors.map((error) => `  regel ${error.line}: ${error.message}`);
    const rest = errorCount - errors.length;
    if (rest > 0) lines.push(`  … en nog ${formatCount(rest)} ${rest === 1 ? 'fout' : 'fouten'}.`);
    super(
      `Import afgebroken: ${formatCount(errorCount)} ${errorCount === 1 ? 'fout' : 'fouten'} gevonden. Er is niets opgeslagen.\n${lines.join('\n')}`,
    );
    this.name = 'ImportRejectedError';
    this.errors = errors;
    this.errorCount = errorCount;
  }
}

export { ImportFailedError };

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
  /** Who imports: recorded in the audit trail and as the answers' last editor. */
  readonly actor?: ImportActor | undefined;
  /** The file's name, for the audit trail. */
  readonly fileName?: string | undefined;
  /**
   * Changes answers in closed rounds and submitted questionnaires too; the reason goes into
   * the audit trail. Without it such an import is refused.
   */
  readonly override?: { readonly reason: string } | undefined;
  /** Import only if the plan still has this fingerprint (the one the preview showed). */
  readonly expectedFingerprint?: string | undefined;
  /**
   * The register of a round the import creates ('2025'); without it a new round uses 2009.
   * A round that exists must already be on this register.
   */
  readonly register?: string | undefined;
}

/** The importer when none is given: the command line. */
export const COMMAND_LINE_ACTOR: ImportActor = { id: null, name: 'bfm import' };

/**
 * Checks the register asked for with `--register`: it must be loaded.
 *
 * @throws {UserInputError} naming the registers there are
 */
async function assertRegisterKnown(db: Database, registerId: string): Promise<void> {
  if (await findRegister(db, registerId)) return;
  const known = (await listRegisters(db)).filter((r) => !r.synthetic).map((r) => r.id);
  throw new UserInputError(
    `Het register '${registerId}' bestaat niet.${known.length ? ` Kies ${known.map((id) => `'${id}'`).join(' of ')}.` : " Voer eerst 'bfm reference load' uit."}`,
  );
}

async function resolveRoundContexts(
  db: Database,
  rows: readonly RawAnswerRow[],
  roundOverride: string | undefined,
  registerOverride: string | undefined,
): Promise<Map<string, RoundContext>> {
  if (registerOverride !== undefined) await assertRegisterKnown(db, registerOverride);
  const ids = new Set<string>();
  for (const row of rows) {
    const id = row.values.meting || roundOverride;
    // A name that is no round name (a NUL, a sentence) is reported by the validator; looking
    // it up would only hand the database a value it refuses.
    if (id && ROUND_ID_PATTERN.test(id)) ids.add(id);
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
    if (round && registerOverride !== undefined && round.registerId !== registerOverride) {
      const info = await registerInfo(round.registerId);
      throw new UserInputError(
        `De meting '${id}' bestaat al en gebruikt het register '${info.name}' (${round.registerId}), niet '${registerOverride}'. Laat --register weg om in deze meting te importeren, of kies een nieuwe meting met --round.`,
      );
    }
    const registerId = round?.registerId ?? registerOverride ?? REGISTER_2009;
    const info = await registerInfo(registerId);
    contexts.set(id, {
      id,
      instrument: await getInstrument(db, round?.instrumentVersion ?? '2009'),
      registerName: info.name,
      registerId,
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
  const validation = await validateImport(db, rows, options.round, options.register);
  try {
    const results = await db.transaction(async (tx) => {
      // Planned inside the transaction, so the workflow check and the audit trail see what
      // the write changes.
      const plan = await planImport(tx, validation);
      if (
        options.expectedFingerprint !== undefined &&
        options.expectedFingerprint !== plan.fingerprint
      )
        throw new ConflictError(
          'De gegevens zijn veranderd sinds de voorvertoning: er is intussen iets opgeslagen of geïmporteerd. Bekijk de nieuwe voorvertoning en bevestig opnieuw.',
        );
      assertWorkflowAllows(plan, options.override);
      const perRound: RoundImportResult[] = [];
      for (const [index, validated] of validation.rounds.entries()) {
        // The plan looked each round up in this transaction, in the same order.
        const created = !plan.rounds[index]!.exists;
        if (created)
          await createRound(tx, {
            id: validated.roundId,
            ...(options.register === undefined ? {} : { registerId: options.register }),
          });
        const loaded = await loadRound(tx, validated.roundId);
        const stored = await storeAnswers(tx, loaded, validated.values, validated.clears);
        perRound.push({ round: validated.roundId, created, ...stored });
      }
      await recordImport(tx, plan, {
        actor: options.actor ?? COMMAND_LINE_ACTOR,
        fileName: options.fileName ?? '',
        rows: rows.length,
        reason: options.override?.reason ?? null,
      });
      return perRound;
    });
    return { rows: rows.length, rounds: results };
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    // A database error's message holds the statement and its values: never show it.
    throw new ImportFailedError(error);
  }
}

/**
 * Checks the rows against their rounds' instruments and registers.
 *
 * @throws {ImportRejectedError} listing the bad rows
 */
export async function validateImport(
  db: Database,
  rows: readonly RawAnswerRow[],
  round: string | undefined,
  register?: string,
): Promise<ReturnType<typeof validateAnswerRows>> {
  if (rows.length === 0) {
    throw new UserInputError(
      'Het bestand bevat geen antwoorden: alleen een kopregel of lege regels.',
    );
  }
  const contexts = await resolveRoundContexts(db, rows, round, register);
  const validation = validateAnswerRows(rows, (id) => contexts.get(id) as RoundContext, round);
  if (validation.errorCount > 0)
    throw new ImportRejectedError(validation.errors, validation.errorCount);
  return validation;
}

/** What importing the rows would change now, without writing anything. */
export async function planAnswerRows(
  db: Database,
  rows: readonly RawAnswerRow[],
  round: string | undefined,
): Promise<ImportPlan> {
  return planImport(db, await validateImport(db, rows, round));
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
  return importAnswerRows(db, await readAnswerFile(path), {
    ...options,
    fileName: options.fileName ?? basename(path),
  });
}
