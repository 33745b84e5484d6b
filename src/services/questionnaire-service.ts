/**
 * Filling in a questionnaire together: reading a page, saving it without ever overwriting
 * someone else's newer answer silently, submitting, reopening, and the short overview.
 */
import {
  getQuestionnaire,
  listScaleItems,
  type Instrument,
  type Item,
  type Questionnaire,
} from '../domain/instrument.ts';
import type { Municipality } from '../domain/register.ts';
import { computeMarkFromPoints, findItemBand } from '../domain/scoring.ts';
import { rationalToNumber } from '../domain/rational.ts';
import type { Database, Executor } from '../db/client.ts';
import { ensureResponses } from '../db/repositories/answer-repository.ts';
import {
  findResponse,
  listAnswers,
  lockResponse,
  setSubmitted,
  writeAnswer,
  type StoredAnswerRow,
} from '../db/repositories/response-repository.ts';
import { recordAudit } from './audit-service.ts';
import type { StaffUser } from './auth-service.ts';
import { ConflictError, NotFoundError } from './errors.ts';
import { refreshResponseSummaries } from './import/import-service.ts';
import { assertCan, assertRoleMay, can } from './permissions.ts';
import { loadRound, type LoadedRound } from './round-service.ts';

export const MAX_TEXT_LENGTH = 10_000;
export const MAX_NOTE_LENGTH = 4_000;

export interface QuestionnaireKey {
  readonly roundId: string;
  readonly municipalityCode: string;
  readonly questionnaire: string;
}

export type ResponseStatus = 'not-started' | 'in-progress' | 'submitted';

export const STATUS_LABELS: Record<ResponseStatus, string> = {
  'not-started': 'niet begonnen',
  'in-progress': 'bezig',
  submitted: 'ingediend',
};

/** A stored answer as a page shows it. */
export interface AnswerView {
  readonly question: number;
  readonly points: number | null;
  readonly options: readonly string[];
  readonly text: string;
  readonly note: string;
  /** 0 when the question has never been answered. */
  readonly revision: number;
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
}

export interface SectionProgress {
  readonly id: string;
  readonly name: string;
  readonly answered: number;
  readonly total: number;
}

export interface QuestionnaireContext {
  readonly loaded: LoadedRound;
  readonly municipality: Municipality;
  readonly questionnaire: Questionnaire;
  readonly status: ResponseStatus;
  readonly submittedAt: string | null;
  /** Whether the user may change answers now: the round is open and the questionnaire not submitted. */
  readonly editable: boolean;
  readonly answers: ReadonlyMap<number, AnswerView>;
  readonly progress: readonly SectionProgress[];
}

/** The id of the page with the general questions that belong to no basisfunctie. */
export const GENERAL_SECTION = 'algemeen';

/** The pages of a questionnaire: one per basisfunctie, then the general questions. */
export function listSections(
  questionnaire: Questionnaire,
): { id: string; name: string; items: Item[] }[] {
  const sections = questionnaire.basisfuncties.map((basisfunctie) => ({
    id: basisfunctie.id,
    name: basisfunctie.name,
    items: questionnaire.items.filter((item) => item.basisfunctie === basisfunctie.id),
  }));
  const general = questionnaire.items.filter((item) => item.basisfunctie === null);
  if (general.length > 0) sections.push({ id: GENERAL_SECTION, name: 'Algemeen', items: general });
  return sections;
}

function hasValue(answer: Pick<AnswerView, 'points' | 'options' | 'text'> | undefined): boolean {
  return (
    !!answer && (answer.points !== null || answer.options.length > 0 || answer.text.trim() !== '')
  );
}

function toView(row: StoredAnswerRow): AnswerView {
  return {
    question: row.question,
    points: row.points,
    options: row.options ?? [],
    text: row.text ?? '',
    note: row.note ?? '',
    revision: row.revision,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedByName,
  };
}

function findMunicipality(loaded: LoadedRound, code: string): Municipality {
  const municipality = loaded.municipalities.find((m) => m.code === code);
  if (!municipality)
    throw new NotFoundError('Deze gemeente staat niet in het register van de meting.');
  return municipality;
}

function findQuestionnaire(instrument: Instrument, id: string): Questionnaire {
  const questionnaire = instrument.questionnaires.find((q) => q.id === id);
  if (!questionnaire) throw new NotFoundError('Deze vragenlijst bestaat niet.');
  return questionnaire;
}

/**
 * Loads a questionnaire of a municipality in a round, after checking access.
 *
 * @throws {NotFoundError} for an unknown round, municipality or questionnaire (or one hidden from the user)
 * @throws {ForbiddenError} when the user may not see this municipality
 */
export async function loadQuestionnaire(
  executor: Executor,
  user: StaffUser,
  key: QuestionnaireKey,
): Promise<QuestionnaireContext> {
  const loaded = await loadRound(executor, key.roundId);
  const municipality = findMunicipality(loaded, key.municipalityCode);
  assertCan(user, 'questionnaire.read', municipality);
  const questionnaire = findQuestionnaire(loaded.instrument, key.questionnaire);
  const response = await findResponse(
    executor,
    key.roundId,
    key.municipalityCode,
    key.questionnaire,
  );
  const rows = await listAnswers(executor, key.roundId, key.municipalityCode, key.questionnaire);
  const answers = new Map(rows.map((row) => [row.question, toView(row)]));
  const answeredCount = [...answers.values()].filter(hasValue).length;
  const status: ResponseStatus = response?.submittedAt
    ? 'submitted'
    : answeredCount > 0
      ? 'in-progress'
      : 'not-started';
  return {
    loaded,
    municipality,
    questionnaire,
    status,
    submittedAt: response?.submittedAt?.toISOString() ?? null,
    editable:
      loaded.round.status === 'open' &&
      status !== 'submitted' &&
      can(user, 'questionnaire.edit', municipality),
    answers,
    progress: listSections(questionnaire).map((section) => ({
      id: section.id,
      name: section.name,
      answered: section.items.filter((item) => hasValue(answers.get(item.number))).length,
      total: section.items.length,
    })),
  };
}

/** One item as submitted from a page. `value` is the raw form value(s). */
export interface SubmittedItem {
  readonly question: number;
  readonly value: string | readonly string[] | null;
  readonly note: string;
  /** The revision the user saw when the page was loaded (0: unanswered then). */
  readonly baseRevision: number;
}

export interface ItemError {
  readonly question: number;
  readonly message: string;
}

export interface Conflict {
  readonly question: number;
  /** What is stored now, saved by someone else since the user loaded the page. */
  readonly theirs: AnswerView;
}

export type SaveResult =
  | { readonly ok: false; readonly errors: readonly ItemError[] }
  | { readonly ok: true; readonly saved: number; readonly conflicts: readonly Conflict[] };

interface NormalizedValue {
  points: number | null;
  options: string[] | null;
  text: string | null;
  note: string | null;
}

function normalizeItem(item: Item, submitted: SubmittedItem): NormalizedValue | ItemError {
  const note = submitted.note.trim();
  if (note.length > MAX_NOTE_LENGTH) {
    return {
      question: item.number,
      message: `De toelichting bij vraag ${item.number} is te lang (${note.length} tekens); het maximum is ${MAX_NOTE_LENGTH}.`,
    };
  }
  const base = { points: null, options: null, text: null, note: note === '' ? null : note };
  const values = (
    Array.isArray(submitted.value)
      ? submitted.value
      : submitted.value === null
        ? []
        : [submitted.value]
  ) as string[];
  const present = values.map((v) => v.trim()).filter((v) => v !== '');
  switch (item.kind) {
    case 'scale': {
      if (present.length === 0) return base;
      const points = Number(present[0]);
      if (present.length > 1 || ![1, 2, 3].includes(points)) {
        return {
          question: item.number,
          message: `Kies bij vraag ${item.number} één van de drie antwoorden.`,
        };
      }
      return { ...base, points };
    }
    case 'multiple':
    case 'single': {
      if (present.length === 0) return base;
      const codes = (item.options ?? []).map((option) => option.code);
      if (
        present.some((code) => !codes.includes(code)) ||
        (item.kind === 'single' && present.length > 1)
      ) {
        return {
          question: item.number,
          message: `Kies bij vraag ${item.number} ${item.kind === 'single' ? 'één van de opties' : 'uit de getoonde opties'}.`,
        };
      }
      return { ...base, options: codes.filter((code) => present.includes(code)) };
    }
    case 'open': {
      const text = values.join('').trim();
      if (text.length > MAX_TEXT_LENGTH) {
        return {
          question: item.number,
          message: `Het antwoord op vraag ${item.number} is te lang (${text.length} tekens); het maximum is ${MAX_TEXT_LENGTH}.`,
        };
      }
      return { ...base, text: text === '' ? null : text };
    }
  }
}

function sameValue(a: NormalizedValue, b: AnswerView | undefined): boolean {
  const stored = {
    points: b?.points ?? null,
    options: b && b.options.length > 0 ? [...b.options] : null,
    text: b && b.text !== '' ? b.text : null,
    note: b && b.note !== '' ? b.note : null,
  };
  return JSON.stringify(a) === JSON.stringify(stored);
}

function describeForAudit(value: NormalizedValue | AnswerView | undefined): unknown {
  if (!value) return null;
  const options = Array.isArray(value.options) ? value.options : [];
  return {
    points: value.points ?? null,
    options: options.length > 0 ? options : null,
    text: value.text || null,
    note: value.note || null,
  };
}

/**
 * Saves the items of one page. Invalid input saves nothing and is returned per item. An item
 * that someone else changed since the user loaded it (its revision moved on) and whose new
 * value differs is not written: it comes back as a conflict with both values.
 *
 * @throws {NotFoundError|ForbiddenError} as loadQuestionnaire
 * @throws {ConflictError} when the round is not open or the questionnaire was submitted
 */
export async function saveAnswers(
  db: Database,
  user: StaffUser,
  key: QuestionnaireKey,
  items: readonly SubmittedItem[],
  /** The questionnaire as the caller just loaded it for this user (saves a second load). */
  loaded?: QuestionnaireContext,
): Promise<SaveResult> {
  const context = loaded ?? (await loadQuestionnaire(db, user, key));
  const byNumber = new Map(context.questionnaire.items.map((item) => [item.number, item]));
  const errors: ItemError[] = [];
  const normalized: { item: Item; value: NormalizedValue; baseRevision: number }[] = [];
  for (const submitted of items) {
    const item = byNumber.get(submitted.question);
    if (!item) {
      errors.push({
        question: submitted.question,
        message: `Vraag ${submitted.question} hoort niet bij deze vragenlijst.`,
      });
      continue;
    }
    const result = normalizeItem(item, submitted);
    if ('message' in result) errors.push(result);
    else normalized.push({ item, value: result, baseRevision: submitted.baseRevision });
  }
  assertCan(user, 'questionnaire.edit', context.municipality);
  if (errors.length > 0) return { ok: false, errors };
  assertEditable(context);

  return db.transaction(async (tx) => {
    await ensureResponses(tx, key.roundId, [
      { municipalityCode: key.municipalityCode, questionnaire: key.questionnaire },
    ]);
    await lockResponse(tx, key.roundId, key.municipalityCode, key.questionnaire);
    const response = await findResponse(tx, key.roundId, key.municipalityCode, key.questionnaire);
    if (response?.submittedAt)
      throw new ConflictError('Deze vragenlijst is ingediend en kan niet meer worden gewijzigd.');
    const current = new Map(
      (await listAnswers(tx, key.roundId, key.municipalityCode, key.questionnaire)).map((row) => [
        row.question,
        toView(row),
      ]),
    );
    const conflicts: Conflict[] = [];
    let saved = 0;
    for (const { item, value, baseRevision } of normalized) {
      const stored = current.get(item.number);
      if (sameValue(value, stored)) continue;
      if ((stored?.revision ?? 0) !== baseRevision) {
        if (stored) conflicts.push({ question: item.number, theirs: stored });
        else
          conflicts.push({
            question: item.number,
            theirs: {
              question: item.number,
              points: null,
              options: [],
              text: '',
              note: '',
              revision: 0,
              updatedAt: null,
              updatedBy: null,
            },
          });
        continue;
      }
      await writeAnswer(tx, key, { question: item.number, ...value }, user.id);
      await recordAudit(tx, {
        actorId: user.id,
        actorLabel: user.name,
        action: 'answer.changed',
        roundId: key.roundId,
        municipalityCode: key.municipalityCode,
        subject: `${key.questionnaire} vraag ${item.number}`,
        oldValue: describeForAudit(stored),
        newValue: describeForAudit(value),
      });
      saved += 1;
    }
    if (saved > 0) {
      await refreshResponseSummaries(tx, context.loaded, [
        { municipalityCode: key.municipalityCode, questionnaire: key.questionnaire },
      ]);
    }
    return { ok: true, saved, conflicts };
  });
}

function assertEditable(context: QuestionnaireContext): void {
  if (context.loaded.round.status !== 'open') {
    throw new ConflictError('Deze meting is niet open; antwoorden kunnen niet worden gewijzigd.');
  }
  if (context.status === 'submitted') {
    throw new ConflictError('Deze vragenlijst is ingediend en kan niet meer worden gewijzigd.');
  }
}

/** The 3-point items still unanswered: submitting requires every one of them. */
export function listMissingItems(
  context: Pick<QuestionnaireContext, 'questionnaire' | 'answers'>,
): Item[] {
  return context.questionnaire.items.filter(
    (item) => item.kind === 'scale' && context.answers.get(item.number)?.points == null,
  );
}

export type SubmitResult =
  { readonly ok: true } | { readonly ok: false; readonly missing: readonly Item[] };

/** Submits a questionnaire: all 3-point items must be answered. Afterwards it is read-only. */
export async function submitQuestionnaire(
  db: Database,
  user: StaffUser,
  key: QuestionnaireKey,
): Promise<SubmitResult> {
  const context = await loadQuestionnaire(db, user, key);
  assertCan(user, 'questionnaire.submit', context.municipality);
  assertEditable(context);
  const missing = listMissingItems(context);
  if (missing.length > 0) return { ok: false, missing };
  await db.transaction(async (tx) => {
    await lockResponse(tx, key.roundId, key.municipalityCode, key.questionnaire);
    await setSubmitted(tx, key.roundId, key.municipalityCode, key.questionnaire, new Date());
    await recordAudit(tx, {
      actorId: user.id,
      actorLabel: user.name,
      action: 'status.changed',
      roundId: key.roundId,
      municipalityCode: key.municipalityCode,
      subject: `${key.questionnaire}: status`,
      oldValue: context.status,
      newValue: 'submitted',
    });
  });
  return { ok: true };
}

/** The coordinator reopens a submitted questionnaire. */
export async function reopenQuestionnaire(
  db: Database,
  user: StaffUser,
  key: QuestionnaireKey,
): Promise<void> {
  assertRoleMay(user, 'questionnaire.reopen');
  const context = await loadQuestionnaire(db, user, key);
  assertCan(user, 'questionnaire.reopen', context.municipality);
  if (context.status !== 'submitted')
    throw new ConflictError('Deze vragenlijst is niet ingediend.');
  await db.transaction(async (tx) => {
    await setSubmitted(tx, key.roundId, key.municipalityCode, key.questionnaire, null);
    await recordAudit(tx, {
      actorId: user.id,
      actorLabel: user.name,
      action: 'status.changed',
      roundId: key.roundId,
      municipalityCode: key.municipalityCode,
      subject: `${key.questionnaire}: status`,
      oldValue: 'submitted',
      newValue: 'in-progress',
    });
  });
}

export interface BasisfunctieOverview {
  readonly id: string;
  readonly name: string;
  readonly mark: number | null;
  readonly band: string | null;
  readonly goed: boolean;
}

export interface QuestionnaireOverview {
  readonly basisfuncties: readonly BasisfunctieOverview[];
  /** The 3-point items grouped by the band of their answer. */
  readonly itemsByBand: Readonly<Record<string, readonly { number: number; text: string }[]>>;
}

/** The short overview shown right after submitting: marks per basisfunctie and items by band. */
export function summarizeQuestionnaire(
  context: Pick<QuestionnaireContext, 'loaded' | 'questionnaire' | 'answers'>,
): QuestionnaireOverview {
  const { instrument } = context.loaded;
  const questionnaire = getQuestionnaire(instrument, context.questionnaire.id);
  const basisfuncties = questionnaire.basisfuncties.map((basisfunctie) => {
    const points = listScaleItems(questionnaire, basisfunctie.id).map(
      (item) => context.answers.get(item.number)?.points ?? null,
    );
    const result = computeMarkFromPoints(points, instrument.scoring);
    return {
      id: basisfunctie.id,
      name: basisfunctie.name,
      mark: result.mark ? rationalToNumber(result.mark) : null,
      band: result.band?.label ?? null,
      goed: result.goed,
    };
  });
  const itemsByBand: Record<string, { number: number; text: string }[]> = Object.fromEntries(
    instrument.scoring.bands.map((band) => [band.id, []]),
  );
  for (const item of questionnaire.items) {
    const points = context.answers.get(item.number)?.points;
    if (item.kind !== 'scale' || points == null) continue;
    itemsByBand[findItemBand(points, instrument.scale)]?.push({
      number: item.number,
      text: item.text,
    });
  }
  return { basisfuncties, itemsByBand };
}
