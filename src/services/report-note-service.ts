/**
 * Notes in the municipality report: per round, municipality and basisfunctie a short text by
 * the municipality or its advisor (for example the context of a low mark), shown in the
 * report next to the mark.
 *
 * Two people may edit the same note at once. A save names the version it started from
 * (`baseVersion`, 0 for no note yet); when someone else saved in between, nothing is written
 * and the save fails with `ReportNoteConflictError`, which carries the other person's text,
 * so nobody's words are lost unseen. Emptying a note removes it from the report; the row stays
 * with an empty text and a higher version (like a cleared answer), so a version number never
 * comes back and an editor who started from the deleted note still hears about the change.
 */
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Basisfunctie, Questionnaire } from '../domain/instrument.ts';
import type { Municipality } from '../domain/register.ts';
import type { Database, Executor } from '../db/client.ts';
import { reportNotes } from '../db/schema.ts';
import { recordAudit } from './audit-service.ts';
import type { StaffUser } from './auth-service.ts';
import { formatDutchDate } from './dutch-time.ts';
import { ConflictError, MUNICIPALITY_NOT_FOUND, NotFoundError } from './errors.ts';
import { assertCan, assertRoleMay, type Action } from './permissions.ts';
import { loadRound } from './round-service.ts';
import { toFieldIssues, type FieldIssue } from './validation.ts';

export const MAX_REPORT_NOTE_LENGTH = 2000;

export const BASISFUNCTIE_NOT_FOUND =
  'Deze basisfunctie bestaat niet in deze vragenlijst. Ga terug naar het rapport en kies de notitie daar.';

/** A note as the report shows it. */
export interface ReportNote {
  readonly text: string;
  readonly version: number;
  /** ISO timestamp. */
  readonly updatedAt: string;
  readonly updatedByName: string;
}

/** The key of a note in the map of `listReportNotes`: `mantelzorg:respijtzorg`. */
export function reportNoteKey(questionnaire: string, basisfunctie: string): string {
  return `${questionnaire}:${basisfunctie}`;
}

export const ReportNoteInputSchema = z.object({
  roundId: z.string().min(1),
  code: z.string().min(1),
  questionnaire: z.string().min(1),
  basisfunctie: z.string().min(1),
  // Trailing white space is no change worth a version; the rest is kept as typed.
  text: z
    .string()
    .transform((text) => text.replace(/\r\n/g, '\n').trimEnd())
    .pipe(
      z
        .string()
        .max(
          MAX_REPORT_NOTE_LENGTH,
          `Een notitie mag hoogstens ${MAX_REPORT_NOTE_LENGTH} tekens lang zijn. Maak de tekst korter.`,
        ),
    ),
  baseVersion: z.coerce
    .number({ error: 'Laad de pagina opnieuw: de versie van de notitie ontbreekt.' })
    .int('Laad de pagina opnieuw: de versie van de notitie ontbreekt.')
    .min(0, 'Laad de pagina opnieuw: de versie van de notitie ontbreekt.'),
});
export type ReportNoteInput = z.input<typeof ReportNoteInputSchema>;

/** Someone else saved the note after the editor opened it; `current` is what is stored now. */
export class ReportNoteConflictError extends ConflictError {
  readonly current: ReportNote;
  constructor(current: ReportNote) {
    super(
      current.text === ''
        ? `${current.updatedByName} heeft deze notitie intussen verwijderd (${formatDutchDate(current.updatedAt)}). Uw tekst staat nog in het formulier: sla opnieuw op om hem te bewaren.`
        : `${current.updatedByName} heeft deze notitie intussen gewijzigd (${formatDutchDate(current.updatedAt)}). Hun tekst: “${current.text}” Uw tekst staat nog in het formulier: neem over wat u van de andere tekst wilt houden en sla opnieuw op.`,
    );
    this.name = 'ReportNoteConflictError';
    this.current = current;
  }
}

interface NoteScope {
  readonly roundName: string;
  readonly municipality: Municipality;
  readonly questionnaire: Questionnaire;
  readonly basisfunctie: Basisfunctie;
}

async function findMunicipalityFor(
  executor: Executor,
  user: StaffUser,
  action: Action,
  roundId: string,
  code: string,
) {
  // A role that may never do this hears 403 before anything is loaded.
  assertRoleMay(user, action);
  const loaded = await loadRound(executor, roundId);
  const municipality = loaded.municipalities.find((m) => m.code === code);
  if (!municipality) throw new NotFoundError(MUNICIPALITY_NOT_FOUND);
  assertCan(user, action, municipality);
  return { loaded, municipality };
}

async function loadNoteScope(
  executor: Executor,
  user: StaffUser,
  action: Action,
  key: { roundId: string; code: string; questionnaire: string; basisfunctie: string },
): Promise<NoteScope> {
  const { loaded, municipality } = await findMunicipalityFor(
    executor,
    user,
    action,
    key.roundId,
    key.code,
  );
  const questionnaire = loaded.instrument.questionnaires.find((q) => q.id === key.questionnaire);
  if (!questionnaire) throw new NotFoundError('Deze vragenlijst bestaat niet.');
  const basisfunctie = questionnaire.basisfuncties.find((b) => b.id === key.basisfunctie);
  if (!basisfunctie) throw new NotFoundError(BASISFUNCTIE_NOT_FOUND);
  return { roundName: loaded.round.name, municipality, questionnaire, basisfunctie };
}

/** `mantelzorg` → `Mantelzorg`: the short name of a questionnaire, as the pages write it. */
function shortName(questionnaireId: string): string {
  return questionnaireId.charAt(0).toUpperCase() + questionnaireId.slice(1);
}

type NoteRow = typeof reportNotes.$inferSelect;

function toNote(row: NoteRow): ReportNote {
  return {
    text: row.text,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    updatedByName: row.updatedByName,
  };
}

async function findNoteRow(
  executor: Executor,
  key: { roundId: string; code: string; questionnaire: string; basisfunctie: string },
): Promise<NoteRow | undefined> {
  const [row] = await executor
    .select()
    .from(reportNotes)
    .where(
      and(
        eq(reportNotes.roundId, key.roundId),
        eq(reportNotes.municipalityCode, key.code),
        eq(reportNotes.questionnaire, key.questionnaire),
        eq(reportNotes.basisfunctie, key.basisfunctie),
      ),
    );
  return row;
}

/**
 * The notes of a municipality's report, by `reportNoteKey(questionnaire, basisfunctie)`.
 * Removed notes are not in it.
 *
 * @throws {NotFoundError} for an unknown round or municipality, or another municipality's
 *   report asked for by a municipality account
 * @throws {ForbiddenError} when the user may not read this report
 */
export async function listReportNotes(
  executor: Executor,
  user: StaffUser,
  roundId: string,
  code: string,
): Promise<Map<string, ReportNote>> {
  await findMunicipalityFor(executor, user, 'report.read', roundId, code);
  const rows = await executor
    .select()
    .from(reportNotes)
    .where(and(eq(reportNotes.roundId, roundId), eq(reportNotes.municipalityCode, code)));
  return new Map(
    rows
      .filter((row) => row.text !== '')
      .map((row) => [reportNoteKey(row.questionnaire, row.basisfunctie), toNote(row)]),
  );
}

/** What the edit page of one note needs. */
export interface ReportNoteEditor {
  readonly roundName: string;
  readonly municipality: { readonly code: string; readonly name: string };
  readonly questionnaire: { readonly id: string; readonly name: string };
  readonly basisfunctie: { readonly id: string; readonly name: string };
  /** The note now; an empty text when there is none (version 0 when there never was one). */
  readonly note: ReportNote | null;
  /** The version a save starts from. */
  readonly version: number;
}

/**
 * One note for its edit page.
 *
 * @throws {NotFoundError} for an unknown round, municipality, questionnaire or basisfunctie
 * @throws {ForbiddenError} when the user may not write notes for this municipality
 */
export async function readReportNote(
  executor: Executor,
  user: StaffUser,
  key: { roundId: string; code: string; questionnaire: string; basisfunctie: string },
): Promise<ReportNoteEditor> {
  const scope = await loadNoteScope(executor, user, 'notes.write', key);
  const row = await findNoteRow(executor, key);
  return {
    roundName: scope.roundName,
    municipality: { code: scope.municipality.code, name: scope.municipality.name },
    questionnaire: { id: scope.questionnaire.id, name: scope.questionnaire.name },
    basisfunctie: { id: scope.basisfunctie.id, name: scope.basisfunctie.name },
    note: row && row.text !== '' ? toNote(row) : null,
    version: row?.version ?? 0,
  };
}

export type SaveReportNoteResult =
  | {
      readonly ok: true;
      /** What happened: a new or changed text, a removal, or nothing (the same text). */
      readonly outcome: 'saved' | 'deleted' | 'unchanged';
      readonly note: ReportNote | null;
      readonly version: number;
    }
  | { readonly ok: false; readonly issues: FieldIssue[] };

/**
 * Saves a note; an empty text removes it from the report.
 *
 * @returns the outcome, or the problems per field (nothing is stored then)
 * @throws {ReportNoteConflictError} when someone else saved the note since `baseVersion`
 *   (a 409 that carries their text); saving the text that is stored already is no conflict
 * @throws {NotFoundError} for an unknown round, municipality, questionnaire or basisfunctie
 * @throws {ForbiddenError} when the user may not write notes for this municipality
 */
export async function saveReportNote(
  db: Database,
  user: StaffUser,
  input: ReportNoteInput,
): Promise<SaveReportNoteResult> {
  assertRoleMay(user, 'notes.write');
  const parsed = ReportNoteInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: toFieldIssues(parsed.error, { flat: true }) };
  const value = parsed.data;
  const scope = await loadNoteScope(db, user, 'notes.write', value);
  const where = and(
    eq(reportNotes.roundId, value.roundId),
    eq(reportNotes.municipalityCode, value.code),
    eq(reportNotes.questionnaire, value.questionnaire),
    eq(reportNotes.basisfunctie, value.basisfunctie),
  );
  return db.transaction(async (tx) => {
    const current = await findNoteRow(tx, value);
    const currentText = current?.text ?? '';
    // The same text as stored is no change and no conflict, whoever saved it first.
    if (currentText === value.text)
      return {
        ok: true as const,
        outcome: 'unchanged' as const,
        note: current && current.text !== '' ? toNote(current) : null,
        version: current?.version ?? 0,
      };
    if (current && current.version !== value.baseVersion)
      throw new ReportNoteConflictError(toNote(current));
    const now = new Date();
    const fields = {
      text: value.text,
      updatedBy: user.id,
      updatedByName: user.name,
      updatedAt: now,
    };
    // One statement that only succeeds from the version the editor saw, so a save that
    // commits between the read above and this write still makes this one a conflict.
    const [row] = !current
      ? await tx
          .insert(reportNotes)
          .values({
            roundId: value.roundId,
            municipalityCode: value.code,
            questionnaire: value.questionnaire,
            basisfunctie: value.basisfunctie,
            version: 1,
            ...fields,
          })
          .onConflictDoNothing()
          .returning()
      : await tx
          .update(reportNotes)
          .set({ ...fields, version: sql`${reportNotes.version} + 1` })
          .where(and(where, eq(reportNotes.version, current.version)))
          .returning();
    if (!row) {
      const stored = await findNoteRow(tx, value);
      if (!stored) throw new NotFoundError(BASISFUNCTIE_NOT_FOUND);
      throw new ReportNoteConflictError(toNote(stored));
    }
    const deleted = value.text === '';
    await recordAudit(tx, {
      actorId: user.id,
      actorLabel: user.name,
      action: deleted ? 'report-note.deleted' : 'report-note.saved',
      roundId: value.roundId,
      municipalityCode: value.code,
      subject: `Notitie bij ${scope.basisfunctie.name} (${shortName(scope.questionnaire.id)})`,
      oldValue: currentText === '' ? null : currentText,
      newValue: deleted ? null : value.text,
    });
    return {
      ok: true as const,
      outcome: deleted ? ('deleted' as const) : ('saved' as const),
      note: deleted ? null : toNote(row),
      version: row.version,
    };
  });
}
