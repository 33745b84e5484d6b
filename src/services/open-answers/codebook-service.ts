/**
 * Codebooks (issue 13, decision 029): the themes into which the open answers (or the notes) of
 * one question of a round are coded. The coordinator and the analysts make and change them;
 * everyone who may read the open answers may read the codebook.
 *
 * Every change names the codebook `version` it started from: when someone else changed the
 * codebook in between, nothing is written and the change fails with a 409, so two researchers
 * editing the same codebook never silently overwrite each other. Removing a theme removes it
 * from every coding and settlement in the same transaction, and says how many it touched.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { PART_LABELS } from '../../domain/open-answers.ts';
import type { Database, Executor } from '../../db/client.ts';
import { codebooks, codebookThemes } from '../../db/schema.ts';
import { queryRows } from '../../db/query.ts';
import { recordAudit } from '../audit-service.ts';
import type { StaffUser } from '../auth-service.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { assertCan } from '../permissions.ts';
import { loadRound, type LoadedRound } from '../round-service.ts';
import { toFieldIssues, type FieldIssue } from '../validation.ts';
import {
  resolveSource,
  type OpenAnswerSource,
  type OpenAnswerSourceKey,
} from './open-answer-service.ts';

export const MAX_THEME_NAME_LENGTH = 80;
export const MAX_THEME_DESCRIPTION_LENGTH = 1000;
export const MAX_THEMES = 60;

export interface CodebookTheme {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  /** 1-based place in the list. */
  readonly position: number;
}

export interface Codebook {
  readonly id: number;
  /** Name it as `baseVersion` when changing the codebook. */
  readonly version: number;
  readonly themes: readonly CodebookTheme[];
}

export const ThemeInputSchema = z.object({
  name: z
    .string({ error: 'Vul de naam van het thema in.' })
    .transform((name) => name.trim())
    .pipe(
      z
        .string()
        .min(1, 'Vul de naam van het thema in.')
        .max(
          MAX_THEME_NAME_LENGTH,
          `De naam van het thema mag hoogstens ${MAX_THEME_NAME_LENGTH} tekens lang zijn. Maak hem korter.`,
        ),
    ),
  description: z
    .string()
    .default('')
    .transform((text) => text.replace(/\r\n/g, '\n').trim())
    .pipe(
      z
        .string()
        .max(
          MAX_THEME_DESCRIPTION_LENGTH,
          `De omschrijving mag hoogstens ${MAX_THEME_DESCRIPTION_LENGTH} tekens lang zijn. Maak haar korter.`,
        ),
    ),
});
export type ThemeInput = z.input<typeof ThemeInputSchema>;

export const BaseVersionSchema = z.coerce
  .number({ error: 'Laad de pagina opnieuw: de versie van het codeboek ontbreekt.' })
  .int('Laad de pagina opnieuw: de versie van het codeboek ontbreekt.')
  .min(1, 'Laad de pagina opnieuw: de versie van het codeboek ontbreekt.');

/** The result of a change that may be refused field by field. */
export type CodebookChange<T> =
  | ({ readonly ok: true; readonly codebook: Codebook } & T)
  | { readonly ok: false; readonly issues: FieldIssue[] };

export const CODEBOOK_MISSING =
  'Deze vraag heeft nog geen codeboek. Maak eerst een codeboek met minstens één thema.';

/** The round and the question of a codebook, checked. */
export interface SourceScope {
  readonly loaded: LoadedRound;
  readonly source: OpenAnswerSource;
}

/**
 * Loads the round and checks the question.
 *
 * @throws {NotFoundError} for an unknown round, questionnaire or question
 */
export async function loadSourceScope(
  executor: Executor,
  roundId: string,
  key: OpenAnswerSourceKey,
): Promise<SourceScope> {
  const loaded = await loadRound(executor, roundId);
  const { source } = resolveSource(loaded.instrument, key);
  return { loaded, source };
}

/** The codebook of a question as stored, or null. */
export async function findCodebook(
  executor: Executor,
  roundId: string,
  key: OpenAnswerSourceKey,
): Promise<Codebook | null> {
  const [row] = await executor
    .select()
    .from(codebooks)
    .where(
      and(
        eq(codebooks.roundId, roundId),
        eq(codebooks.questionnaire, key.questionnaire),
        eq(codebooks.question, key.question),
        eq(codebooks.part, key.part),
      ),
    );
  if (!row) return null;
  const themes = await executor
    .select()
    .from(codebookThemes)
    .where(eq(codebookThemes.codebookId, row.id))
    .orderBy(asc(codebookThemes.position), asc(codebookThemes.id));
  return {
    id: row.id,
    version: row.version,
    themes: themes.map((theme, index) => ({
      id: theme.id,
      name: theme.name,
      description: theme.description,
      position: index + 1,
    })),
  };
}

/** `Mantelzorg · vraag 17 (open antwoord)`: how audit events and messages name a source. */
export function describeSourceKey(key: OpenAnswerSourceKey): string {
  const questionnaire = key.questionnaire.charAt(0).toUpperCase() + key.questionnaire.slice(1);
  return `${questionnaire} · vraag ${key.question} (${PART_LABELS[key.part].toLowerCase()})`;
}

/**
 * The codebook of a question, for everyone who may read its open answers.
 *
 * @throws {ForbiddenError} when the role may not read open answers
 * @throws {NotFoundError} for an unknown round, questionnaire or question
 */
export async function readCodebook(
  executor: Executor,
  user: StaffUser,
  roundId: string,
  key: OpenAnswerSourceKey,
): Promise<{ source: OpenAnswerSource; codebook: Codebook | null }> {
  assertCan(user, 'openAnswers.read');
  const { source } = await loadSourceScope(executor, roundId, key);
  return { source, codebook: await findCodebook(executor, roundId, key) };
}

/**
 * Makes the codebook of a question (without themes yet). Making one that exists is refused, so
 * two researchers who start at once learn about each other.
 *
 * @throws {ForbiddenError} when the role may not code
 * @throws {NotFoundError} for an unknown round, questionnaire or question
 * @throws {ConflictError} when the question has a codebook already
 */
export async function createCodebook(
  db: Database,
  user: StaffUser,
  roundId: string,
  key: OpenAnswerSourceKey,
): Promise<Codebook> {
  assertCan(user, 'openAnswers.code');
  await loadSourceScope(db, roundId, key);
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(codebooks)
      .values({ roundId, ...key, createdBy: user.id })
      .onConflictDoNothing()
      .returning({ id: codebooks.id });
    if (inserted.length === 0) {
      throw new ConflictError(
        'Deze vraag heeft al een codeboek; iemand anders heeft het intussen gemaakt. Laad de pagina opnieuw en voeg daar uw thema’s toe.',
      );
    }
    await recordAudit(tx, {
      actorId: user.id,
      actorLabel: user.name,
      action: 'codebook.created',
      subject: `codeboek ${describeSourceKey(key)}`,
      roundId,
      newValue: describeSourceKey(key),
    });
    const codebook = await findCodebook(tx, roundId, key);
    if (!codebook) throw new Error('The codebook just made is gone');
    return codebook;
  });
}

/**
 * Claims the next version of a codebook: the row is locked for the transaction, and a stale
 * `baseVersion` writes nothing.
 *
 * @throws {NotFoundError} when the question has no codebook
 * @throws {ConflictError} when the codebook changed since `baseVersion`
 */
async function claimVersion(
  tx: Executor,
  roundId: string,
  key: OpenAnswerSourceKey,
  baseVersion: number,
): Promise<Codebook> {
  const codebook = await findCodebook(tx, roundId, key);
  if (!codebook) throw new NotFoundError(CODEBOOK_MISSING);
  const claimed = await tx
    .update(codebooks)
    .set({ version: sql`${codebooks.version} + 1`, updatedAt: new Date() })
    .where(and(eq(codebooks.id, codebook.id), eq(codebooks.version, baseVersion)))
    .returning({ version: codebooks.version });
  if (claimed.length === 0) {
    throw new ConflictError(
      'Iemand anders heeft het codeboek intussen gewijzigd. Uw wijziging is niet opgeslagen: laad de pagina opnieuw, bekijk de thema’s en doe uw wijziging nog eens.',
    );
  }
  return codebook;
}

function duplicateName(codebook: Codebook, name: string, exceptId?: number): FieldIssue | null {
  const clash = codebook.themes.find(
    (theme) =>
      theme.id !== exceptId && theme.name.toLocaleLowerCase('nl') === name.toLocaleLowerCase('nl'),
  );
  return clash
    ? {
        field: 'name',
        message: `Er is al een thema ‘${clash.name}’ in dit codeboek. Kies een andere naam, of pas dat thema aan.`,
      }
    : null;
}

/** Throws to roll back, carrying the issues out of the transaction. */
class RefusedChange extends Error {
  readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[]) {
    super('refused');
    this.issues = issues;
  }
}

async function refusable<T>(work: () => Promise<CodebookChange<T>>): Promise<CodebookChange<T>> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RefusedChange) return { ok: false, issues: error.issues };
    throw error;
  }
}

function findTheme(codebook: Codebook, themeId: number): CodebookTheme {
  const theme = codebook.themes.find((t) => t.id === themeId);
  if (!theme) {
    throw new NotFoundError(
      'Dit thema bestaat niet (meer) in het codeboek. Laad de pagina opnieuw en kies het thema uit de lijst.',
    );
  }
  return theme;
}

/**
 * Adds a theme at the end of the codebook.
 *
 * @throws {ForbiddenError} when the role may not code
 * @throws {NotFoundError} for an unknown round or question, or a question without codebook
 * @throws {ConflictError} when the codebook changed since `baseVersion`
 */
export async function addTheme(
  db: Database,
  user: StaffUser,
  roundId: string,
  key: OpenAnswerSourceKey,
  input: ThemeInput,
  baseVersion: number,
): Promise<CodebookChange<{ theme: CodebookTheme }>> {
  assertCan(user, 'openAnswers.code');
  const parsed = ThemeInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: toFieldIssues(parsed.error, { flat: true }) };
  await loadSourceScope(db, roundId, key);
  return refusable(() =>
    db.transaction(async (tx) => {
      const codebook = await claimVersion(tx, roundId, key, baseVersion);
      const clash = duplicateName(codebook, parsed.data.name);
      if (clash) throw new RefusedChange([clash]);
      if (codebook.themes.length >= MAX_THEMES) {
        throw new RefusedChange([
          {
            field: 'name',
            message: `Een codeboek heeft hoogstens ${MAX_THEMES} thema’s. Voeg thema’s samen of verwijder er een.`,
          },
        ]);
      }
      const [row] = await tx
        .insert(codebookThemes)
        .values({
          codebookId: codebook.id,
          name: parsed.data.name,
          description: parsed.data.description,
          position: codebook.themes.length + 1,
        })
        .returning({ id: codebookThemes.id });
      await recordAudit(tx, {
        actorId: user.id,
        actorLabel: user.name,
        action: 'codebook.theme-added',
        subject: `codeboek ${describeSourceKey(key)}: thema ‘${parsed.data.name}’`,
        roundId,
        newValue: describeTheme(parsed.data),
      });
      const after = await findCodebook(tx, roundId, key);
      if (!after || !row) throw new Error('The codebook just changed is gone');
      return { ok: true, codebook: after, theme: findTheme(after, row.id) };
    }),
  );
}

function describeTheme(theme: { name: string; description: string }): string {
  return theme.description === '' ? theme.name : `${theme.name}: ${theme.description}`;
}

/**
 * Changes the name and the description of a theme.
 *
 * @throws {ForbiddenError} when the role may not code
 * @throws {NotFoundError} for an unknown round, question, codebook or theme
 * @throws {ConflictError} when the codebook changed since `baseVersion`
 */
export async function updateTheme(
  db: Database,
  user: StaffUser,
  roundId: string,
  key: OpenAnswerSourceKey,
  themeId: number,
  input: ThemeInput,
  baseVersion: number,
): Promise<CodebookChange<{ theme: CodebookTheme }>> {
  assertCan(user, 'openAnswers.code');
  const parsed = ThemeInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: toFieldIssues(parsed.error, { flat: true }) };
  await loadSourceScope(db, roundId, key);
  return refusable(() =>
    db.transaction(async (tx) => {
      const codebook = await claimVersion(tx, roundId, key, baseVersion);
      const theme = findTheme(codebook, themeId);
      const clash = duplicateName(codebook, parsed.data.name, themeId);
      if (clash) throw new RefusedChange([clash]);
      await tx
        .update(codebookThemes)
        .set({ name: parsed.data.name, description: parsed.data.description })
        .where(eq(codebookThemes.id, themeId));
      await recordAudit(tx, {
        actorId: user.id,
        actorLabel: user.name,
        action: 'codebook.theme-changed',
        subject: `codeboek ${describeSourceKey(key)}: thema ‘${theme.name}’`,
        roundId,
        oldValue: describeTheme(theme),
        newValue: describeTheme(parsed.data),
      });
      const after = await findCodebook(tx, roundId, key);
      if (!after) throw new Error('The codebook just changed is gone');
      return { ok: true, codebook: after, theme: findTheme(after, themeId) };
    }),
  );
}

/**
 * Moves a theme one place up or down the list (the order of the columns in the exports).
 *
 * @throws {ForbiddenError} when the role may not code
 * @throws {NotFoundError} for an unknown round, question, codebook or theme
 * @throws {ConflictError} when the codebook changed since `baseVersion`
 */
export async function moveTheme(
  db: Database,
  user: StaffUser,
  roundId: string,
  key: OpenAnswerSourceKey,
  themeId: number,
  direction: 'up' | 'down',
  baseVersion: number,
): Promise<Codebook> {
  assertCan(user, 'openAnswers.code');
  await loadSourceScope(db, roundId, key);
  return db.transaction(async (tx) => {
    const codebook = await claimVersion(tx, roundId, key, baseVersion);
    const theme = findTheme(codebook, themeId);
    const order = codebook.themes.map((t) => t.id);
    const from = order.indexOf(themeId);
    const to = direction === 'up' ? from - 1 : from + 1;
    if (to >= 0 && to < order.length) {
      order.splice(from, 1);
      order.splice(to, 0, themeId);
      for (const [index, id] of order.entries()) {
        await tx
          .update(codebookThemes)
          .set({ position: index + 1 })
          .where(eq(codebookThemes.id, id));
      }
      await recordAudit(tx, {
        actorId: user.id,
        actorLabel: user.name,
        action: 'codebook.theme-changed',
        subject: `codeboek ${describeSourceKey(key)}: thema ‘${theme.name}’`,
        roundId,
        oldValue: `plaats ${from + 1}`,
        newValue: `plaats ${to + 1}`,
      });
    }
    const after = await findCodebook(tx, roundId, key);
    if (!after) throw new Error('The codebook just changed is gone');
    return after;
  });
}

/**
 * Removes a theme, and with it the theme from every coder's coding and every settlement of the
 * codebook, in one transaction.
 *
 * @returns the codebook after, and how many codings and settlements lost the theme
 * @throws {ForbiddenError} when the role may not code
 * @throws {NotFoundError} for an unknown round, question, codebook or theme
 * @throws {ConflictError} when the codebook changed since `baseVersion`
 */
export async function removeTheme(
  db: Database,
  user: StaffUser,
  roundId: string,
  key: OpenAnswerSourceKey,
  themeId: number,
  baseVersion: number,
): Promise<{ codebook: Codebook; codingsTouched: number; settlementsTouched: number }> {
  assertCan(user, 'openAnswers.code');
  await loadSourceScope(db, roundId, key);
  return db.transaction(async (tx) => {
    const codebook = await claimVersion(tx, roundId, key, baseVersion);
    const theme = findTheme(codebook, themeId);
    // The coding's own revision rises too, so a coder whose page still shows the theme hears
    // that their coding changed instead of saving it back.
    const codings = await queryRows<{ n: number | string }>(
      tx,
      sql`with changed as (
            update answer_codings
            set theme_ids = array_remove(theme_ids, ${themeId}), revision = revision + 1,
                updated_at = now()
            where codebook_id = ${codebook.id} and ${themeId} = any(theme_ids)
            returning 1)
          select count(*) as n from changed`,
    );
    const settlements = await queryRows<{ n: number | string }>(
      tx,
      sql`with changed as (
            update answer_settlements set theme_ids = array_remove(theme_ids, ${themeId})
            where codebook_id = ${codebook.id} and ${themeId} = any(theme_ids)
            returning 1)
          select count(*) as n from changed`,
    );
    await tx.delete(codebookThemes).where(eq(codebookThemes.id, themeId));
    const remaining = codebook.themes.filter((t) => t.id !== themeId);
    for (const [index, t] of remaining.entries()) {
      await tx
        .update(codebookThemes)
        .set({ position: index + 1 })
        .where(eq(codebookThemes.id, t.id));
    }
    const codingsTouched = Number(codings[0]?.n ?? 0);
    const settlementsTouched = Number(settlements[0]?.n ?? 0);
    await recordAudit(tx, {
      actorId: user.id,
      actorLabel: user.name,
      action: 'codebook.theme-removed',
      subject: `codeboek ${describeSourceKey(key)}: thema ‘${theme.name}’`,
      roundId,
      oldValue: describeTheme(theme),
      newValue: `verwijderd uit ${codingsTouched} ${codingsTouched === 1 ? 'codering' : 'coderingen'} en ${settlementsTouched} ${settlementsTouched === 1 ? 'besluit' : 'besluiten'}`,
    });
    const after = await findCodebook(tx, roundId, key);
    if (!after) throw new Error('The codebook just changed is gone');
    return { codebook: after, codingsTouched, settlementsTouched };
  });
}
