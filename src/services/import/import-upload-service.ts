/**
 * Importing from the web app and the API: the coordinator uploads a file, sees a preview of
 * what it would change (or every error with its line), and confirms. The file is kept in the
 * database between the two steps, never in one process's memory, and the confirmation imports
 * it only if the plan still has the fingerprint the preview showed.
 */
import { createHash } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { findRegister, listMunicipalities } from '../../db/repositories/register-repository.ts';
import { findRound } from '../../db/repositories/round-repository.ts';
import { importUploads } from '../../db/schema.ts';
import { getQuestionnaire } from '../../domain/instrument.ts';
import { getInstrument } from '../instrument-service.ts';
import { describeAnswer, questionnaireLabel, readAnswerValue } from '../audit-text.ts';
import type { StaffUser } from '../auth-service.ts';
import { NotFoundError, UserInputError } from '../errors.ts';
import { assertCan, assertRoleMay } from '../permissions.ts';
import { generateSecretToken } from '../secret-token.ts';
import { MAX_IMPORT_API_BODY_BYTES, MAX_IMPORT_FILE_BYTES, shortenValue } from './import-limits.ts';
import { findWorkflowBlocks, hasValue, type PlannedValue, type RoundPlan } from './import-plan.ts';
import {
  importAnswerRows,
  ImportRejectedError,
  planAnswerRows,
  type RoundImportResult,
} from './import-service.ts';
import { AnswerFileError, fileTooLargeMessage, parseAnswerBytes } from './read-answer-file.ts';
import type { RowError } from './validate-answer-rows.ts';

/** How long an uploaded file waits for its confirmation. */
export const UPLOAD_HOURS = 2;
/** How many changed answers the preview lists one by one. */
export const PREVIEW_CHANGES = 50;
export { MAX_IMPORT_API_BODY_BYTES, MAX_IMPORT_FILE_BYTES };

export interface PreviewChange {
  readonly municipalityCode: string;
  readonly municipality: string;
  readonly questionnaire: string;
  readonly question: number;
  readonly oldText: string;
  readonly newText: string;
}

/** The preview of an uploaded file that can be imported. */
export interface ImportPreviewReady {
  readonly ok: true;
  readonly uploadId: string;
  readonly fileName: string;
  readonly roundId: string;
  readonly roundName: string;
  readonly rows: number;
  /** Pass back on confirmation: the import goes ahead only if nothing changed meanwhile. */
  readonly fingerprint: string;
  readonly inserted: number;
  readonly updated: number;
  readonly cleared: number;
  readonly unchanged: number;
  /** Changed answers per questionnaire. */
  readonly questionnaires: readonly { id: string; label: string; changes: number }[];
  /** The municipalities whose answers change, by name. */
  readonly municipalities: readonly { code: string; name: string }[];
  /** The first PREVIEW_CHANGES changes. */
  readonly changes: readonly PreviewChange[];
  /** The round is closed and the import changes it. */
  readonly closedRound: boolean;
  /** Submitted questionnaires the import changes. */
  readonly submitted: readonly { code: string; name: string; questionnaire: string }[];
  /** Whether confirming needs an override with a reason. */
  readonly needsOverride: boolean;
}

/** The preview of a file that cannot be imported: the file's problem, or every bad row. */
export interface ImportPreviewRejected {
  readonly ok: false;
  readonly uploadId: string;
  readonly fileName: string;
  readonly roundId: string;
  readonly message: string;
  readonly errors: readonly RowError[];
  readonly errorCount: number;
}

export type ImportPreview = ImportPreviewReady | ImportPreviewRejected;

export interface UploadInput {
  readonly roundId: string;
  readonly fileName: string;
  readonly bytes: Uint8Array;
}

/** A file name as shown and recorded: its last part, without control characters, not too long. */
export function cleanFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = last.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean === '' ? 'antwoorden' : [...clean].slice(0, 120).join('');
}

async function requireRound(db: Database, user: StaffUser, roundId: string) {
  assertRoleMay(user, 'round.import');
  const round = await findRound(db, roundId);
  if (!round) throw new NotFoundError('Deze meting bestaat niet.');
  assertCan(user, 'round.import');
  return round;
}

/**
 * Keeps an uploaded file for its preview and confirmation (in the database, so that another
 * app instance can answer them); expired uploads go with the hourly housekeeping.
 *
 * @returns the id of the upload
 * @throws {ForbiddenError} unless the user may import
 * @throws {NotFoundError} for an unknown round
 * @throws {UserInputError} for an empty file or one over the size limit
 */
export async function storeImportUpload(
  db: Database,
  user: StaffUser,
  input: UploadInput,
): Promise<string> {
  await requireRound(db, user, input.roundId);
  if (input.bytes.byteLength === 0)
    throw new UserInputError('Kies een bestand: CSV (UTF-8) of Excel (.xlsx).');
  if (input.bytes.byteLength > MAX_IMPORT_FILE_BYTES)
    throw new UserInputError(fileTooLargeMessage(input.bytes.byteLength));
  const bytes = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
  const id = generateSecretToken(24);
  await db.insert(importUploads).values({
    id,
    userId: user.id,
    roundId: input.roundId,
    fileName: cleanFileName(input.fileName),
    content: bytes.toString('base64'),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    expiresAt: new Date(Date.now() + UPLOAD_HOURS * 3_600_000),
  });
  return id;
}

/**
 * Keeps an uploaded file and previews it (the API's single step; the web page keeps the file,
 * then shows the preview on its own address).
 *
 * @throws as storeImportUpload
 */
export async function uploadImportFile(
  db: Database,
  user: StaffUser,
  input: UploadInput,
): Promise<ImportPreview> {
  const id = await storeImportUpload(db, user, input);
  return previewImportUpload(db, user, input.roundId, id);
}

async function readUpload(db: Database, user: StaffUser, roundId: string, uploadId: string) {
  const [upload] = await db
    .select()
    .from(importUploads)
    .where(
      and(
        eq(importUploads.id, uploadId),
        eq(importUploads.userId, user.id),
        eq(importUploads.roundId, roundId),
        gt(importUploads.expiresAt, new Date()),
      ),
    );
  if (!upload)
    throw new NotFoundError(
      'Dit geüploade bestand bestaat niet (meer): het is al geïmporteerd of verlopen. Upload het opnieuw.',
    );
  return { ...upload, bytes: Buffer.from(upload.content, 'base64') };
}

function describeValue(
  value: PlannedValue | null,
  note: string | null,
  item: Parameters<typeof describeAnswer>[1],
  scale: Parameters<typeof describeAnswer>[2],
): string {
  return describeAnswer(readAnswerValue(value ? { ...value, note } : null), item, scale);
}

/**
 * The preview of a kept upload, against the data as it is now.
 *
 * @throws {NotFoundError} for an upload that is not the user's, imported or expired
 */
export async function previewImportUpload(
  db: Database,
  user: StaffUser,
  roundId: string,
  uploadId: string,
): Promise<ImportPreview> {
  const round = await requireRound(db, user, roundId);
  const upload = await readUpload(db, user, roundId, uploadId);
  const base = { uploadId, fileName: upload.fileName, roundId };
  let rows;
  let plan;
  try {
    rows = await parseAnswerBytes(upload.bytes, upload.fileName);
    plan = await planAnswerRows(db, rows, roundId);
  } catch (error) {
    if (error instanceof ImportRejectedError)
      return {
        ok: false,
        ...base,
        message: (error.message.split('\n')[0] ?? '').trim(),
        errors: error.errors,
        errorCount: error.errorCount,
      };
    if (error instanceof AnswerFileError || error instanceof UserInputError)
      return { ok: false, ...base, message: error.message, errors: [], errorCount: 1 };
    throw error;
  }
  const instrument = await getInstrument(db, round.instrumentVersion);
  const names = new Map(
    (await listMunicipalities(db, round.registerId)).map((m) => [m.code, m.name]),
  );
  const roundPlan: RoundPlan | undefined = plan.rounds.find((r) => r.roundId === roundId);
  const changes = roundPlan?.changes ?? [];
  const perQuestionnaire = new Map<string, number>();
  const municipalities = new Set<string>();
  let inserted = 0;
  let cleared = 0;
  for (const change of changes) {
    perQuestionnaire.set(
      change.questionnaire,
      (perQuestionnaire.get(change.questionnaire) ?? 0) + 1,
    );
    municipalities.add(change.municipalityCode);
    if (change.after === null) cleared += 1;
    else if (!hasValue(change.before)) inserted += 1;
  }
  const nameOf = (code: string) => names.get(code) ?? `GM${code}`;
  // The same rule the confirmation enforces (assertWorkflowAllows), so they cannot drift apart.
  const block = findWorkflowBlocks(plan).find((candidate) => candidate.roundId === roundId);
  const closedRound = block?.closed ?? false;
  const submitted = (roundPlan?.submitted ?? []).map((key) => ({
    code: key.municipalityCode,
    name: nameOf(key.municipalityCode),
    questionnaire: questionnaireLabel(key.questionnaire),
  }));
  return {
    ok: true,
    ...base,
    roundName: round.name,
    rows: rows.length,
    fingerprint: plan.fingerprint,
    inserted,
    updated: changes.length - inserted - cleared,
    cleared,
    unchanged: roundPlan?.unchanged ?? 0,
    questionnaires: [...perQuestionnaire].map(([id, count]) => ({
      id,
      label: questionnaireLabel(id),
      changes: count,
    })),
    municipalities: [...municipalities.keys()]
      .map((code) => ({ code, name: nameOf(code) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'nl')),
    changes: changes.slice(0, PREVIEW_CHANGES).map((change) => {
      const item = getQuestionnaire(instrument, change.questionnaire).items.find(
        (candidate) => candidate.number === change.question,
      );
      const note = change.before?.note ?? null;
      return {
        municipalityCode: change.municipalityCode,
        municipality: nameOf(change.municipalityCode),
        questionnaire: questionnaireLabel(change.questionnaire),
        question: change.question,
        oldText: shortenValue(describeValue(change.before, note, item, instrument.scale)),
        newText: shortenValue(describeValue(change.after, note, item, instrument.scale)),
      };
    }),
    closedRound,
    submitted,
    needsOverride: block !== undefined,
  };
}

export interface ConfirmInput {
  readonly roundId: string;
  readonly uploadId: string;
  readonly fingerprint: string;
  /** Needed when the preview said so. */
  readonly override?: { readonly reason: string } | undefined;
}

export interface ConfirmedImport {
  readonly fileName: string;
  readonly rows: number;
  readonly result: RoundImportResult;
}

/**
 * Imports a kept upload, all or nothing, exactly as previewed, and removes it.
 *
 * @throws {ConflictError} when the data changed since the preview, or the workflow refuses
 * @throws {ImportRejectedError|AnswerFileError} when the file is not importable
 */
export async function confirmImportUpload(
  db: Database,
  user: StaffUser,
  input: ConfirmInput,
): Promise<ConfirmedImport> {
  await requireRound(db, user, input.roundId);
  const upload = await readUpload(db, user, input.roundId, input.uploadId);
  const rows = await parseAnswerBytes(upload.bytes, upload.fileName);
  const imported = await importAnswerRows(db, rows, {
    round: input.roundId,
    actor: { id: user.id, name: user.name },
    fileName: upload.fileName,
    expectedFingerprint: input.fingerprint,
    override: input.override,
  });
  await db.delete(importUploads).where(eq(importUploads.id, upload.id));
  const result = imported.rounds.find((r) => r.round === input.roundId) ?? {
    round: input.roundId,
    created: false,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    cleared: 0,
    responses: 0,
  };
  return { fileName: upload.fileName, rows: imported.rows, result };
}

/** What the import page shows before a file is chosen. */
export interface ImportPage {
  readonly roundId: string;
  readonly roundName: string;
  readonly roundStatus: string;
  readonly synthetic: boolean;
  /** The round's register, named on the page: codes outside it are refused. */
  readonly registerText: string;
  readonly maxBytes: number;
}

/**
 * The import page of a round.
 *
 * @throws {ForbiddenError} unless the user may import
 * @throws {NotFoundError} for an unknown round
 */
export async function loadImportPage(
  db: Database,
  user: StaffUser,
  roundId: string,
): Promise<ImportPage> {
  const round = await requireRound(db, user, roundId);
  const register = await findRegister(db, round.registerId);
  return {
    roundId: round.id,
    roundName: round.name,
    roundStatus: round.status,
    synthetic: round.synthetic,
    registerText: `${register?.name ?? round.registerId} (${round.registerId})`,
    maxBytes: MAX_IMPORT_FILE_BYTES,
  };
}
