/**
 * Importing Wmo plan statuses from a spreadsheet (issue 12, docs/wmo-plans.md): all or nothing,
 * with the line-numbered Dutch errors of the answer import. Imported statuses count as
 * confirmed by whoever imported them (the coordinator, or the command line), and every
 * municipality's change is in its audit trail.
 */
import { basename } from 'node:path';
import { WMO_PLAN_INCLUSIONS, type WmoPlanInclusion } from '../../domain/improvement.ts';
import { normalizeMunicipalityCode } from '../../domain/register.ts';
import { parsePlanPeriod } from '../../domain/wmo-plan-indicator.ts';
import type { Database } from '../../db/client.ts';
import { findUserByEmail } from '../../db/repositories/user-repository.ts';
import { wmoPlans } from '../../db/schema.ts';
import { and, eq, sql } from 'drizzle-orm';
import { recordAuditEvents } from '../audit-service.ts';
import { toStaffUser, type StaffUser } from '../auth-service.ts';
import { ServiceError, UserInputError } from '../errors.ts';
import { assertCan } from '../permissions.ts';
import { loadRound } from '../round-service.ts';
import {
  describePlanForAudit,
  isWebAddress,
  MAX_WMO_PLAN_TITLE_LENGTH,
  MAX_WMO_PLAN_URL_LENGTH,
} from '../wmo-plan-service.ts';
import { ImportFailedError } from './import-errors.ts';
import { MAX_LISTED_ERRORS, shortenValue as q } from './import-limits.ts';
import { ImportRejectedError } from './import-service.ts';
import type { ImportActor } from './import-workflow.ts';
import { parseWmoPlanBytes, readWmoPlanFile, type RawWmoPlanRow } from './read-wmo-plan-file.ts';
import type { RowError } from './validate-answer-rows.ts';

/** The importer when none is given: the command line. */
export const WMO_PLAN_COMMAND_LINE_ACTOR: ImportActor = {
  id: null,
  name: 'bfm wmo-plannen import',
};

export interface WmoPlanImportResult {
  readonly round: string;
  readonly fileName: string;
  readonly rows: number;
  readonly inserted: number;
  readonly updated: number;
  readonly included: number;
  readonly partly: number;
  readonly notIncluded: number;
}

interface ValidRow {
  readonly line: number;
  readonly code: string;
  readonly included: WmoPlanInclusion;
  readonly periodFrom: number | null;
  readonly periodTo: number | null;
  readonly title: string;
  readonly url: string | null;
}

/**
 * Checks every row against the round's register; all problems are collected.
 *
 * @returns the rows to write, or the errors (at most MAX_LISTED_ERRORS listed) and their count
 */
export function validateWmoPlanRows(
  rows: readonly RawWmoPlanRow[],
  round: {
    readonly id: string;
    readonly registerName: string;
    readonly codes: ReadonlySet<string>;
  },
): { valid: ValidRow[]; errors: RowError[]; errorCount: number } {
  const errors: RowError[] = [];
  let errorCount = 0;
  const fail = (line: number, message: string) => {
    errorCount += 1;
    if (errors.length < MAX_LISTED_ERRORS) errors.push({ line, message });
  };
  const seen = new Map<string, number>();
  const valid: ValidRow[] = [];
  for (const { line, values } of rows) {
    let ok = true;
    const problem = (message: string) => {
      ok = false;
      fail(line, message);
    };
    const code = normalizeMunicipalityCode(values.gemeentecode);
    if (values.gemeentecode === '')
      problem('de gemeentecode ontbreekt. Vul de CBS-code in, bijvoorbeeld GM0363 of 0363.');
    else if (!code)
      problem(
        `gemeentecode '${q(values.gemeentecode)}' is geen CBS-code. Gebruik bijvoorbeeld GM0363 of 0363.`,
      );
    else if (!round.codes.has(code))
      problem(
        `onbekende gemeente '${q(values.gemeentecode)}': gemeentecode ${code} staat niet in het register '${round.registerName}' van meting '${round.id}'. Controleer de code.`,
      );
    else if (seen.has(code))
      problem(
        `gemeente ${code} staat al op regel ${seen.get(code)}. Geef elke gemeente één regel.`,
      );
    if (code && !seen.has(code)) seen.set(code, line);
    const included = values.opgenomen.trim().toLowerCase();
    if (!(WMO_PLAN_INCLUSIONS as readonly string[]).includes(included))
      problem(
        values.opgenomen === ''
          ? "'opgenomen' is leeg. Vul ja, gedeeltelijk of nee in."
          : `'opgenomen' is '${q(values.opgenomen)}'. Vul ja, gedeeltelijk of nee in.`,
      );
    const period = parsePlanPeriod(values.periode);
    if (period === 'invalid')
      problem(
        `periode '${q(values.periode)}' is geen periode. Schrijf bijvoorbeeld 2012-2015 of 2013, met jaartallen van 1990 tot en met 2100, of laat het veld leeg.`,
      );
    if (values.titel.length > MAX_WMO_PLAN_TITLE_LENGTH)
      problem(
        `de titel is ${values.titel.length} tekens lang; het maximum is ${MAX_WMO_PLAN_TITLE_LENGTH}. Kort hem in.`,
      );
    if (
      values.url !== '' &&
      (values.url.length > MAX_WMO_PLAN_URL_LENGTH || !isWebAddress(values.url))
    )
      problem(
        `url '${q(values.url)}' is geen volledige link. Schrijf hem met https:// (of http://) ervoor, of laat het veld leeg.`,
      );
    if (ok && code)
      valid.push({
        line,
        code,
        included: included as WmoPlanInclusion,
        periodFrom: period && period !== 'invalid' ? period.from : null,
        periodTo: period && period !== 'invalid' ? period.to : null,
        title: values.titel,
        url: values.url === '' ? null : values.url,
      });
  }
  return { valid, errors, errorCount };
}

/**
 * Imports rows of plan statuses into a round: all or nothing.
 *
 * @throws {UserInputError} for a file without rows
 * @throws {ImportRejectedError} listing every bad row; nothing is written
 * @throws {NotFoundError} for an unknown round
 * @throws {ImportFailedError} when the database refuses the write
 */
export async function importWmoPlanRows(
  db: Database,
  rows: readonly RawWmoPlanRow[],
  options: { readonly roundId: string; readonly actor?: ImportActor; readonly fileName?: string },
): Promise<WmoPlanImportResult> {
  const loaded = await loadRound(db, options.roundId);
  if (rows.length === 0)
    throw new UserInputError(
      'Het bestand bevat geen gemeenten: alleen een kopregel of lege regels. Verwacht per gemeente een regel gemeentecode,opgenomen,periode,titel,url.',
    );
  const validation = validateWmoPlanRows(rows, {
    id: loaded.round.id,
    registerName: loaded.registerName,
    codes: new Set(loaded.municipalities.map((m) => m.code)),
  });
  if (validation.errorCount > 0)
    throw new ImportRejectedError(validation.errors, validation.errorCount);
  const actor = options.actor ?? WMO_PLAN_COMMAND_LINE_ACTOR;
  const fileName = options.fileName ?? '';
  try {
    const counts = await db.transaction(async (tx) => {
      const now = new Date();
      // One read of what is stored, then a write per row, and the audit trail in one statement.
      const stored = new Map(
        (await tx.select().from(wmoPlans).where(eq(wmoPlans.roundId, loaded.round.id))).map(
          (row) => [row.municipalityCode, row],
        ),
      );
      let inserted = 0;
      let updated = 0;
      const events = [];
      for (const row of validation.valid) {
        const current = stored.get(row.code);
        const fields = {
          included: row.included,
          periodFrom: row.periodFrom,
          periodTo: row.periodTo,
          title: row.title,
          url: row.url,
          source: 'import' as const,
          updatedBy: actor.id,
          updatedByName: actor.name,
          updatedAt: now,
          // Imported statuses count as confirmed by the importer (issue 12).
          confirmedBy: actor.id,
          confirmedByName: actor.name,
          confirmedAt: now,
        };
        if (current) {
          // The basisfuncties a plan names are not in the file: those stored stay.
          await tx
            .update(wmoPlans)
            .set({ ...fields, version: sql`${wmoPlans.version} + 1` })
            .where(
              and(eq(wmoPlans.roundId, loaded.round.id), eq(wmoPlans.municipalityCode, row.code)),
            );
          updated += 1;
        } else {
          await tx.insert(wmoPlans).values({
            roundId: loaded.round.id,
            municipalityCode: row.code,
            version: 1,
            ...fields,
          });
          inserted += 1;
        }
        events.push({
          roundId: loaded.round.id,
          municipalityCode: row.code,
          subject: fileName
            ? `Wmo-beleidsplan uit ${fileName} (regel ${row.line})`
            : 'Wmo-beleidsplan geïmporteerd',
          oldValue: current ? describePlanForAudit(current) : null,
          newValue: `${describePlanForAudit({ ...row, basisfuncties: current?.basisfuncties ?? [] })}; bevestigd door ${actor.name}`,
        });
      }
      await recordAuditEvents(
        tx,
        { actorId: actor.id, actorLabel: actor.name, action: 'wmo-plan.imported' },
        events,
      );
      return { inserted, updated };
    });
    const count = (value: WmoPlanInclusion) =>
      validation.valid.filter((row) => row.included === value).length;
    return {
      round: loaded.round.id,
      fileName,
      rows: rows.length,
      ...counts,
      included: count('ja'),
      partly: count('gedeeltelijk'),
      notIncluded: count('nee'),
    };
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    throw new ImportFailedError(error);
  }
}

/**
 * Reads and imports a file of plan statuses from disk (`bfm wmo-plannen import`).
 *
 * @throws {AnswerFileError} when the file itself is unreadable or malformed
 * @throws {ImportRejectedError} when rows are invalid; nothing is written
 */
export async function importWmoPlanFile(
  db: Database,
  path: string,
  options: { readonly roundId: string; readonly actor?: ImportActor },
): Promise<WmoPlanImportResult> {
  return importWmoPlanRows(db, await readWmoPlanFile(path), {
    ...options,
    fileName: basename(path),
  });
}

/**
 * Imports an uploaded file of plan statuses (the web page and the API): the coordinator only.
 *
 * @throws {ForbiddenError} for anyone but the coordinator
 * @throws {AnswerFileError} when the file itself is unreadable or malformed
 * @throws {ImportRejectedError} when rows are invalid; nothing is written
 */
export async function importWmoPlanUpload(
  db: Database,
  user: StaffUser,
  input: { readonly roundId: string; readonly fileName: string; readonly bytes: Uint8Array },
): Promise<WmoPlanImportResult> {
  assertCan(user, 'wmoPlan.import');
  await loadRound(db, input.roundId);
  const rows = await parseWmoPlanBytes(input.bytes, input.fileName);
  return importWmoPlanRows(db, rows, {
    roundId: input.roundId,
    actor: { id: user.id, name: user.name },
    fileName: basename(input.fileName),
  });
}

/**
 * The account that imports from the command line (`--by ADRES`): an enabled coordinator.
 *
 * @throws {UserInputError} for an unknown or disabled account
 * @throws {ForbiddenError} for an account that may not import plan statuses
 */
export async function resolveWmoPlanImporter(db: Database, email: string): Promise<ImportActor> {
  const row = await findUserByEmail(db, email.trim().toLowerCase());
  if (!row)
    throw new UserInputError(
      `Er is geen account met het e-mailadres '${q(email)}'. Geef bij --by het adres van een coördinator op.`,
    );
  if (row.disabledAt)
    throw new UserInputError(
      `Het account ${row.email} is uitgeschakeld. Geef bij --by het adres van een actieve coördinator op.`,
    );
  const user = await toStaffUser(db, row);
  assertCan(user, 'wmoPlan.import');
  return { id: user.id, name: user.name };
}
