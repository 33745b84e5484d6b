/**
 * Coding open answers (issue 13, decision 029). Each coder codes independently, in a row of
 * their own (`answer_codings`): the themes they gave an answer, possibly none, which is a
 * judgement too. A save names the `revision` it started from (0 for a first coding); when the
 * row changed in between (another tab, or a theme removed), nothing is written (409).
 *
 * The final coding of an answer, which counts everywhere, is its settlement if there is one,
 * else the first coder's (`readFinalThemes`). Settling writes the settlement and never changes
 * the coders' own rows, so their agreement stays what they reached on their own.
 *
 * Answers are addressed by their pseudonym, never by a municipality code: an analyst sends and
 * receives no code.
 */
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Executor } from '../../db/client.ts';
import { answerCodings, answerSettlements } from '../../db/schema.ts';
import { queryRows } from '../../db/query.ts';
import { recordAudit } from '../audit-service.ts';
import type { StaffUser } from '../auth-service.ts';
import { ConflictError, NotFoundError, UserInputError } from '../errors.ts';
import { assertCan } from '../permissions.ts';
import {
  CODEBOOK_MISSING,
  describeSourceKey,
  findCodebook,
  loadSourceScope,
  type Codebook,
} from './codebook-service.ts';
import {
  computeAnswerId,
  resolveAnswerId,
  type OpenAnswerSourceKey,
} from './open-answer-service.ts';

export const ThemeIdsSchema = z
  .array(z.coerce.number().int().positive())
  .max(100)
  .transform((ids) => [...new Set(ids)]);

export const BaseRevisionSchema = z.coerce
  .number({ error: 'Laad de pagina opnieuw: de versie van uw codering ontbreekt.' })
  .int('Laad de pagina opnieuw: de versie van uw codering ontbreekt.')
  .min(0, 'Laad de pagina opnieuw: de versie van uw codering ontbreekt.');

/** One coder's coding of one answer. */
export interface MyCoding {
  readonly themeIds: readonly number[];
  /** Name it as `baseRevision` when saving again; 0 = not coded yet. */
  readonly revision: number;
}

/** A coding that someone changed after the page was opened; `current` is what is stored. */
export class CodingConflictError extends ConflictError {
  readonly current: MyCoding;
  constructor(current: MyCoding) {
    super(
      'Uw codering van dit antwoord is intussen gewijzigd, in een ander tabblad of doordat een thema is verwijderd. Er is niets overschreven: laad de pagina opnieuw, controleer de thema’s en sla opnieuw op.',
    );
    this.name = 'CodingConflictError';
    this.current = current;
  }
}

interface AnswerScope {
  readonly codebook: Codebook;
  readonly municipalityCode: string;
}

/** Theme ids in the codebook's order, with their names. */
function themeNames(codebook: Codebook, ids: readonly number[]): string {
  const names = codebook.themes.filter((t) => ids.includes(t.id)).map((t) => t.name);
  return names.length === 0 ? 'geen thema' : names.join(', ');
}

/**
 * Checks theme ids against the codebook, returning them in the codebook's order.
 *
 * @throws {UserInputError} for a theme that is not in the codebook
 */
function checkThemes(codebook: Codebook, themeIds: readonly number[]): number[] {
  const known = new Set(codebook.themes.map((t) => t.id));
  const unknown = themeIds.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new UserInputError(
      `Thema ${unknown.join(', ')} hoort niet bij het codeboek van deze vraag. Laad de pagina opnieuw en kies uit de thema’s die er staan.`,
    );
  }
  return codebook.themes.map((t) => t.id).filter((id) => themeIds.includes(id));
}

/**
 * The codebook and the municipality behind an answer's pseudonym, for coding and settling.
 *
 * @throws {NotFoundError} for an unknown round, question or answer, or no codebook
 */
async function loadAnswerScope(
  executor: Executor,
  roundId: string,
  key: OpenAnswerSourceKey,
  answerId: string,
): Promise<AnswerScope> {
  const { loaded } = await loadSourceScope(executor, roundId, key);
  const codebook = await findCodebook(executor, roundId, key);
  if (!codebook) throw new NotFoundError(CODEBOOK_MISSING);
  const municipality = resolveAnswerId(loaded, key, answerId);
  const column = key.part === 'text' ? sql.raw('text') : sql.raw('note');
  const rows = await queryRows<{ n: number | string }>(
    executor,
    sql`select count(*) as n from answers
        where round_id = ${roundId} and questionnaire = ${key.questionnaire}
          and question = ${key.question} and municipality_code = ${municipality.code}
          and coalesce(trim(${column}), '') <> ''`,
  );
  if (Number(rows[0]?.n ?? 0) === 0) {
    throw new NotFoundError(
      `Het antwoord '${answerId}' bestaat niet bij deze vraag. Open de vraag opnieuw en kies het antwoord uit de lijst.`,
    );
  }
  return { codebook, municipalityCode: municipality.code };
}

/**
 * Stores the user's own coding of one answer.
 *
 * @param answerId the answer's pseudonym
 * @param baseRevision the revision of the user's coding the page showed; 0 for a first coding
 * @throws {ForbiddenError} when the role may not code
 * @throws {NotFoundError} for an unknown round, question or answer, or no codebook
 * @throws {UserInputError} for a theme not in the codebook
 * @throws {CodingConflictError} (409) when the coding changed since `baseRevision`
 */
export async function codeAnswer(
  db: Database,
  user: StaffUser,
  roundId: string,
  key: OpenAnswerSourceKey,
  answerId: string,
  themeIds: readonly number[],
  baseRevision: number,
): Promise<MyCoding & { changed: boolean }> {
  assertCan(user, 'openAnswers.code');
  const { codebook, municipalityCode } = await loadAnswerScope(db, roundId, key, answerId);
  const ordered = checkThemes(codebook, themeIds);
  return db.transaction(async (tx) => {
    const where = and(
      eq(answerCodings.codebookId, codebook.id),
      eq(answerCodings.municipalityCode, municipalityCode),
      eq(answerCodings.coderId, user.id),
    );
    const [current] = await tx.select().from(answerCodings).where(where).for('update');
    const currentRevision = current?.revision ?? 0;
    if (currentRevision !== baseRevision) {
      throw new CodingConflictError({
        themeIds: current?.themeIds ?? [],
        revision: currentRevision,
      });
    }
    const before = current?.themeIds ?? null;
    if (before && sameSet(before, ordered)) {
      return { themeIds: ordered, revision: currentRevision, changed: false };
    }
    let revision: number;
    if (current) {
      revision = currentRevision + 1;
      await tx
        .update(answerCodings)
        .set({ themeIds: ordered, revision, updatedAt: new Date() })
        .where(where);
    } else {
      revision = 1;
      await tx.insert(answerCodings).values({
        codebookId: codebook.id,
        municipalityCode,
        coderId: user.id,
        themeIds: ordered,
        revision,
      });
    }
    await recordAudit(tx, {
      actorId: user.id,
      actorLabel: user.name,
      action: 'open-answer.coded',
      subject: `codering ${describeSourceKey(key)}`,
      roundId,
      municipalityCode,
      oldValue: before === null ? null : themeNames(codebook, before),
      newValue: themeNames(codebook, ordered),
    });
    return { themeIds: ordered, revision, changed: true };
  });
}

function sameSet(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

/**
 * The user's own codings of a question, by answer pseudonym, and their progress.
 *
 * @throws {ForbiddenError} when the role may not code
 * @throws {NotFoundError} for an unknown round or question
 */
export async function readMyCodings(
  executor: Executor,
  user: StaffUser,
  roundId: string,
  key: OpenAnswerSourceKey,
): Promise<{
  codebook: Codebook | null;
  codings: ReadonlyMap<string, MyCoding>;
  /** Answers this user coded. */
  coded: number;
  /** Answers with text in this question. */
  total: number;
}> {
  assertCan(user, 'openAnswers.code');
  const { loaded } = await loadSourceScope(executor, roundId, key);
  const codebook = await findCodebook(executor, roundId, key);
  const total = await countAnswers(executor, roundId, key);
  if (!codebook) return { codebook, codings: new Map(), coded: 0, total };
  const rows = await executor
    .select()
    .from(answerCodings)
    .where(and(eq(answerCodings.codebookId, codebook.id), eq(answerCodings.coderId, user.id)));
  const salt = loaded.round.answerKeySalt;
  const codings = new Map<string, MyCoding>(
    rows.map((row) => [
      computeAnswerId(salt, key, row.municipalityCode),
      { themeIds: row.themeIds, revision: row.revision },
    ]),
  );
  return { codebook, codings, coded: rows.length, total };
}

/** The answers with text in a question (every respondent; the filters do not apply). */
export async function countAnswers(
  executor: Executor,
  roundId: string,
  key: OpenAnswerSourceKey,
): Promise<number> {
  const column = key.part === 'text' ? sql.raw('text') : sql.raw('note');
  const rows = await queryRows<{ n: number | string }>(
    executor,
    sql`select count(*) as n from answers
        where round_id = ${roundId} and questionnaire = ${key.questionnaire}
          and question = ${key.question} and coalesce(trim(${column}), '') <> ''`,
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Settles the coding of an answer after the coders compared their work: the settlement counts
 * instead of the first coder's coding. Settling again replaces it.
 *
 * @throws {ForbiddenError} when the role may not code
 * @throws {NotFoundError} for an unknown round, question or answer, or no codebook
 * @throws {UserInputError} for a theme not in the codebook
 */
export async function settleAnswer(
  db: Database,
  user: StaffUser,
  roundId: string,
  key: OpenAnswerSourceKey,
  answerId: string,
  themeIds: readonly number[],
): Promise<{ themeIds: number[] }> {
  assertCan(user, 'openAnswers.code');
  const { codebook, municipalityCode } = await loadAnswerScope(db, roundId, key, answerId);
  const ordered = checkThemes(codebook, themeIds);
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(answerSettlements)
      .where(
        and(
          eq(answerSettlements.codebookId, codebook.id),
          eq(answerSettlements.municipalityCode, municipalityCode),
        ),
      );
    await tx
      .insert(answerSettlements)
      .values({ codebookId: codebook.id, municipalityCode, themeIds: ordered, settledBy: user.id })
      .onConflictDoUpdate({
        target: [answerSettlements.codebookId, answerSettlements.municipalityCode],
        set: { themeIds: ordered, settledBy: user.id, settledAt: new Date() },
      });
    await recordAudit(tx, {
      actorId: user.id,
      actorLabel: user.name,
      action: 'open-answer.settled',
      subject: `besluit codering ${describeSourceKey(key)}`,
      roundId,
      municipalityCode,
      oldValue: before ? themeNames(codebook, before.themeIds) : null,
      newValue: themeNames(codebook, ordered),
    });
    return { themeIds: ordered };
  });
}
