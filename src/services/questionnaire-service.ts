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
import {
  applyEdit,
  countProgress,
  EMPTY_ANSWER,
  hasAnswerValue,
  isRequiredItem,
  isSamePart,
  listChangedParts,
  mergeAnswer,
  readItemInput,
  type AnswerEdit,
  type AnswerPart,
  type AnswerParts,
  type Resolution,
} from '../domain/answer.ts';
import type { Database, Executor } from '../db/client.ts';
import { ensureResponses } from '../db/repositories/answer-repository.ts';
import {
  findResponse,
  listAnswers,
  lockExistingResponse,
  lockResponse,
  readAnswerRevisions,
  setSubmitted,
  type StoredAnswerRow,
} from '../db/repositories/response-repository.ts';
import { storeEditedAnswers } from './answer-store.ts';
import { recordAudit } from './audit-service.ts';
import type { StaffUser } from './auth-service.ts';
import { ConflictError, MUNICIPALITY_NOT_FOUND, NotFoundError } from './errors.ts';
import { assertCan, assertRoleMay, can } from './permissions.ts';
import { loadRound, type LoadedRound } from './round-service.ts';

export { MAX_NOTE_LENGTH, MAX_TEXT_LENGTH } from '../domain/answer.ts';

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
  /** The round this answer was prefilled from ('vorige meting'); null when given here. */
  readonly prefilledFrom: string | null;
  /**
   * Prefilled and not yet confirmed: shown as 'vorige meting', and not counted as given for
   * progress, submitting, scores and analyses until someone confirms or changes it.
   */
  readonly pending: boolean;
  /** When and by whom a prefilled answer was confirmed (or changed). */
  readonly confirmedAt: string | null;
  readonly confirmedBy: string | null;
}

/** Progress of one page: required items answered of `total`, optional items apart. */
export interface SectionProgress {
  readonly id: string;
  readonly name: string;
  readonly answered: number;
  readonly total: number;
  readonly optionalAnswered: number;
  readonly optional: number;
  /** Prefilled answers on this page nobody confirmed yet. */
  readonly unconfirmed: number;
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
    prefilledFrom: row.prefilledFrom,
    pending:
      row.prefilledFrom !== null &&
      row.confirmedAt === null &&
      hasAnswerValue({
        points: row.points,
        options: row.options,
        text: row.text,
        note: null,
      }),
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
    confirmedBy: row.confirmedByName,
  };
}

/** The answer as it counts: a prefilled answer nobody confirmed yet counts as not given. */
function countedParts(view: AnswerView | undefined): AnswerParts {
  return view?.pending ? EMPTY_ANSWER : toAnswerParts(view);
}

function findMunicipality(loaded: LoadedRound, code: string): Municipality {
  const municipality = loaded.municipalities.find((m) => m.code === code);
  if (!municipality) throw new NotFoundError(MUNICIPALITY_NOT_FOUND);
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
  const answeredCount = [...answers.values()].filter((answer) =>
    hasAnswerValue(countedParts(answer)),
  ).length;
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
    progress: summarizeProgress(questionnaire, answers),
  };
}

/** Progress per page: required items answered, optional ones apart. */
export function summarizeProgress(
  questionnaire: Questionnaire,
  answers: ReadonlyMap<number, AnswerView>,
): SectionProgress[] {
  return listSections(questionnaire).map((section) => {
    const counted = countProgress(section.items, (question) => countedParts(answers.get(question)));
    return {
      id: section.id,
      name: section.name,
      answered: counted.answered,
      total: counted.required,
      optionalAnswered: counted.optionalAnswered,
      optional: counted.optional,
      unconfirmed: section.items.filter((item) => answers.get(item.number)?.pending).length,
    };
  });
}

/** One item as an editor submitted it, from a page or the API. */
export interface SubmittedItem {
  readonly question: number;
  /** The raw form or JSON value(s); left out when the editor did not send it (not touched). */
  readonly value?: string | readonly string[] | null | undefined;
  /** The note; left out when the editor did not send it (not touched). */
  readonly note?: string | undefined;
  /** The revision the editor started from (0: unanswered then). */
  readonly baseRevision: number;
  /**
   * The editor saw a conflict on this item (someone's revision `seenRevision`) and chose whose
   * answer stays for the parts both changed. Applies only while that revision is still current.
   */
  readonly resolution?: { readonly choice: Resolution; readonly seenRevision: number } | undefined;
  /**
   * The editor confirms the prefilled answer ('vorige meting') as it was shown: 'Klopt nog'.
   * Changing the value confirms it as well.
   */
  readonly confirm?: boolean | undefined;
}

export interface ItemError {
  readonly question: number;
  readonly message: string;
}

export interface Conflict {
  readonly question: number;
  /** The parts both changed differently. */
  readonly parts: readonly AnswerPart[];
  /** What is stored now, saved by someone else since the editor's base revision. */
  readonly theirs: AnswerView;
  /** The answer the editor wanted, with the colleague's other changes merged in. */
  readonly mine: AnswerParts;
}

export type SaveResult =
  | { readonly ok: false; readonly errors: readonly ItemError[] }
  | {
      readonly ok: true;
      /** How many answers were written. */
      readonly saved: number;
      /** Items not written: both changed the same part, and the editor has not chosen yet. */
      readonly conflicts: readonly Conflict[];
      /** What is stored now for every submitted item without a conflict. */
      readonly stored: ReadonlyMap<number, AnswerView>;
    };

/** The parts of a stored answer as the domain merges them. */
export function toAnswerParts(view: AnswerView | undefined): AnswerParts {
  if (!view) return EMPTY_ANSWER;
  return {
    points: view.points,
    options: view.options.length > 0 ? view.options : null,
    text: view.text === '' ? null : view.text,
    note: view.note === '' ? null : view.note,
  };
}

/** The audit trail keeps an answer as its parts; empty parts are null. */
function describeForAudit(answer: AnswerParts): unknown {
  return { points: answer.points, options: answer.options, text: answer.text, note: answer.note };
}

const unanswered = (question: number): AnswerView => ({
  question,
  points: null,
  options: [],
  text: '',
  note: '',
  revision: 0,
  updatedAt: null,
  updatedBy: null,
  prefilledFrom: null,
  pending: false,
  confirmedAt: null,
  confirmedBy: null,
});

/** The part that holds an item's value. */
function valuePartOf(item: Item): AnswerPart {
  return item.kind === 'scale' ? 'points' : item.kind === 'open' ? 'text' : 'options';
}

/**
 * Saves the items of one page, merging each with what colleagues saved meanwhile: per part of
 * the answer (value and note) against the revision the editor started from. A part the editor
 * did not change keeps the colleague's value; a part both changed differently is a conflict,
 * and the item is not written until the editor chooses ('mine' or 'theirs'). Invalid input
 * saves nothing and comes back per item.
 *
 * @throws {NotFoundError|ForbiddenError} as loadQuestionnaire, or when the user may not edit
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
  assertCan(user, 'questionnaire.edit', context.municipality);
  const byNumber = new Map(context.questionnaire.items.map((item) => [item.number, item]));
  const errors: ItemError[] = [];
  const edits: { submitted: SubmittedItem; edit: AnswerEdit }[] = [];
  for (const submitted of items) {
    const item = byNumber.get(submitted.question);
    if (!item) {
      errors.push({
        question: submitted.question,
        message: `Vraag ${submitted.question} hoort niet bij deze vragenlijst.`,
      });
      continue;
    }
    const read = readItemInput(item, submitted);
    if (read.ok) edits.push({ submitted, edit: read.edit });
    else errors.push({ question: item.number, message: read.message });
  }
  if (errors.length > 0) return { ok: false, errors };
  assertEditable(context);

  return db.transaction(async (tx) => {
    // The response row exists after the first save; only before that is it created first.
    let response = await lockExistingResponse(
      tx,
      key.roundId,
      key.municipalityCode,
      key.questionnaire,
    );
    if (!response) {
      await ensureResponses(tx, key.roundId, [
        { municipalityCode: key.municipalityCode, questionnaire: key.questionnaire },
      ]);
      response = await lockResponse(tx, key.roundId, key.municipalityCode, key.questionnaire);
    }
    if (response.submittedAt)
      throw new ConflictError('Deze vragenlijst is ingediend en kan niet meer worden gewijzigd.');
    const current = new Map(
      (await listAnswers(tx, key.roundId, key.municipalityCode, key.questionnaire)).map((row) => [
        row.question,
        toView(row),
      ]),
    );
    const revisionOf = (question: number) => current.get(question)?.revision ?? 0;
    // The revisions editors started from, where someone wrote since: the base of the merge.
    const bases = await readAnswerRevisions(
      tx,
      key,
      edits
        .filter(
          ({ submitted }) =>
            submitted.baseRevision > 0 && submitted.baseRevision !== revisionOf(submitted.question),
        )
        .map(({ submitted }) => ({
          question: submitted.question,
          revision: submitted.baseRevision,
        })),
    );
    const conflicts: Conflict[] = [];
    const writes: {
      question: number;
      answer: AnswerParts;
      old: AnswerParts;
      /** Confirms a prefilled answer: unchanged ('Klopt nog') or by changing its value. */
      confirm: 'unchanged' | 'changed' | null;
      prefilledFrom: string | null;
    }[] = [];
    // What is stored for each item without a conflict: as it is, or as written below.
    const stored = new Map<number, AnswerView>();
    for (const { submitted, edit } of edits) {
      const theirsView = current.get(submitted.question) ?? unanswered(submitted.question);
      const theirs = toAnswerParts(theirsView);
      const valuePart = valuePartOf(byNumber.get(submitted.question) as Item);
      let merged: AnswerParts;
      let confirming = submitted.confirm === true;
      if (theirsView.revision === submitted.baseRevision) {
        merged = applyEdit(theirs, edit);
      } else {
        const base =
          submitted.baseRevision === 0 ? EMPTY_ANSWER : (bases.get(submitted.question) ?? null);
        const choice =
          submitted.resolution?.seenRevision === theirsView.revision
            ? submitted.resolution.choice
            : undefined;
        // Confirming asserts the value the editor saw: when a colleague changed that value
        // since, confirming it would silently undo their change, so it is a conflict too.
        const confirmedValue = confirming && base ? applyEdit(base, edit) : null;
        const staleConfirmation =
          confirmedValue !== null &&
          base !== null &&
          isSamePart(valuePart, confirmedValue, base) &&
          !isSamePart(valuePart, base, theirs);
        const result = mergeAnswer(base, edit, theirs, choice);
        const confirmConflict = staleConfirmation && choice === undefined;
        if (result.conflicts.length > 0 || confirmConflict) {
          const mine = mergeAnswer(base, edit, theirs, 'mine').merged;
          conflicts.push({
            question: submitted.question,
            parts: confirmConflict
              ? [...new Set([...result.conflicts, valuePart])]
              : result.conflicts,
            theirs: theirsView,
            mine:
              staleConfirmation && confirmedValue
                ? { ...mine, [valuePart]: confirmedValue[valuePart] }
                : mine,
          });
          continue;
        }
        merged = result.merged;
        if (staleConfirmation && confirmedValue) {
          if (choice === 'mine') merged = { ...merged, [valuePart]: confirmedValue[valuePart] };
          // Taking theirs over: their change already stands, there is nothing to confirm.
          else confirming = false;
        }
      }
      stored.set(submitted.question, theirsView);
      const valueChanged = !isSamePart(valuePart, merged, theirs);
      const confirm =
        theirsView.pending && (valueChanged || confirming)
          ? valueChanged
            ? 'changed'
            : 'unchanged'
          : null;
      if (listChangedParts(merged, theirs).length > 0 || confirm !== null)
        writes.push({
          question: submitted.question,
          answer: merged,
          old: theirs,
          confirm,
          prefilledFrom: theirsView.prefilledFrom,
        });
    }
    const written = await storeEditedAnswers(tx, context.loaded, key, writes, user.id);
    for (const write of writes) {
      const revision = written.get(write.question);
      const previous = current.get(write.question);
      if (revision)
        stored.set(write.question, {
          question: write.question,
          points: write.answer.points,
          options: [...(write.answer.options ?? [])],
          text: write.answer.text ?? '',
          note: write.answer.note ?? '',
          revision: revision.revision,
          updatedAt: revision.updatedAt.toISOString(),
          updatedBy: user.name,
          prefilledFrom: write.prefilledFrom,
          pending: write.confirm === null && (previous?.pending ?? false),
          confirmedAt:
            write.confirm !== null
              ? revision.updatedAt.toISOString()
              : (previous?.confirmedAt ?? null),
          confirmedBy: write.confirm !== null ? user.name : (previous?.confirmedBy ?? null),
        });
      if (write.confirm === 'unchanged') {
        await recordAudit(tx, {
          actorId: user.id,
          actorLabel: user.name,
          action: 'answer.confirmed',
          roundId: key.roundId,
          municipalityCode: key.municipalityCode,
          subject: `${key.questionnaire} vraag ${write.question}`,
          oldValue: {
            ...(describeForAudit(write.old) as object),
            prefilledFrom: write.prefilledFrom,
          },
          newValue: describeForAudit(write.answer),
        });
        if (listChangedParts(write.answer, write.old).length === 0) continue;
      }
      await recordAudit(tx, {
        actorId: user.id,
        actorLabel: user.name,
        action: 'answer.changed',
        roundId: key.roundId,
        municipalityCode: key.municipalityCode,
        subject: `${key.questionnaire} vraag ${write.question}`,
        oldValue: hasAnswerValue(write.old) || write.old.note ? describeForAudit(write.old) : null,
        newValue: describeForAudit(write.answer),
      });
    }
    return { ok: true, saved: writes.length, conflicts, stored };
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
    (item) => isRequiredItem(item) && context.answers.get(item.number)?.points == null,
  );
}

/**
 * The items whose prefilled answer ('vorige meting') nobody confirmed or changed yet:
 * submitting requires none (decision 021).
 */
export function listUnconfirmedItems(
  context: Pick<QuestionnaireContext, 'questionnaire' | 'answers'>,
): Item[] {
  return context.questionnaire.items.filter((item) => context.answers.get(item.number)?.pending);
}

export type SubmitResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly missing: readonly Item[];
      /** Prefilled answers still to confirm. */
      readonly unconfirmed: readonly Item[];
    };

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
  const unconfirmed = listUnconfirmedItems(context);
  if (missing.length > 0 || unconfirmed.length > 0) return { ok: false, missing, unconfirmed };
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
