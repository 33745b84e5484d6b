/**
 * Server side of the questionnaire pages: the key from the address, loading with the error
 * mapping, reading a posted page, and saving it — one `saveSection` for the page's Save button
 * and for autosave.
 */
import type { AppLoadContext } from 'react-router';
import type { Item } from '../../src/domain/instrument.ts';
import type { StaffSession } from '../../src/services/auth-service.ts';
import {
  listSections,
  loadQuestionnaire,
  saveAnswers,
  type Conflict,
  type QuestionnaireContext,
  type QuestionnaireKey,
  type SaveResult,
  type SubmittedItem,
} from '../../src/services/questionnaire-service.ts';
import type { ConflictView } from '../components/questionnaire/conflict-notice';
import { attempt, handleErrors } from './http.server';
import {
  CHOICE_FIELD,
  CONFIRM_ALL_FIELD,
  confirmField,
  noteField,
  prefilledField,
  parseChoice,
  revisionField,
  seenField,
  valueField,
} from './questionnaire-form';

export function keyFromParams(params: {
  roundId?: string;
  code?: string;
  questionnaire?: string;
}): QuestionnaireKey {
  return {
    roundId: params.roundId ?? '',
    municipalityCode: params.code ?? '',
    questionnaire: params.questionnaire ?? '',
  };
}

export function loadForPage(context: AppLoadContext, session: StaffSession, key: QuestionnaireKey) {
  return handleErrors(() => loadQuestionnaire(context.db, session.user, key));
}

export function basePath(key: Pick<QuestionnaireKey, 'roundId' | 'municipalityCode'>): string {
  return `/metingen/${encodeURIComponent(key.roundId)}/gemeenten/${key.municipalityCode}`;
}

/** What the user typed for an item, to put back in the form. */
export interface TypedItem {
  readonly values: string[];
  readonly note: string;
}

/**
 * The items of a page as the form posted them: values, notes, the revisions the page started
 * from, and the choice made on a conflict. An item the form posts always carries its value: a
 * radio group with nothing checked means unanswered. A note is sent only where the page has
 * a note field.
 */
export function readSubmittedItems(form: FormData, items: readonly Item[]) {
  const choice = parseChoice(form.get(CHOICE_FIELD));
  const confirmAll = form.get(CONFIRM_ALL_FIELD) === 'ja';
  const typed: Record<number, TypedItem> = {};
  const submitted: SubmittedItem[] = items.map((item) => {
    const values = form.getAll(valueField(item.number)).map(String);
    const note = form.get(noteField(item.number));
    typed[item.number] = { values, note: typeof note === 'string' ? note : '' };
    const seen = Number(form.get(seenField(item.number)) ?? NaN);
    return {
      question: item.number,
      value: item.kind === 'multiple' ? values : (values[0] ?? null),
      note: typeof note === 'string' ? note : undefined,
      baseRevision: Number(form.get(revisionField(item.number)) ?? 0) || 0,
      resolution:
        choice?.question === item.number && Number.isInteger(seen)
          ? { choice: choice.choice, seenRevision: seen }
          : undefined,
      // 'Klopt nog' on the item, or 'confirm all' for every item the page showed prefilled.
      confirm:
        form.get(confirmField(item.number)) === 'ja' ||
        (confirmAll && form.get(prefilledField(item.number)) === 'ja'),
    };
  });
  return { typed, submitted };
}

/** The page of a questionnaire named in the address. */
export function findSection(page: QuestionnaireContext, sectionId: string | undefined) {
  const sections = listSections(page.questionnaire);
  const index = sections.findIndex((section) => section.id === sectionId);
  return index < 0 ? null : { sections, index, section: sections[index] as (typeof sections)[0] };
}

export type SectionSave = {
  /** What the user typed, per item. */
  readonly typed: Record<number, TypedItem>;
  /** The revision each item started from, as posted. */
  readonly revisions: Record<number, number>;
} & (
  | { readonly kind: 'refused'; readonly status: 400 | 409; readonly message: string }
  | { readonly kind: 'done'; readonly result: SaveResult }
);

/**
 * Saves the posted items of a page (those in `include`, default all): the one save behind the
 * Save button and autosave. A refusal as a whole (the round closed, the questionnaire was
 * submitted) comes back with its status; per-item errors and conflicts in the result.
 */
export async function saveSection(
  context: AppLoadContext,
  session: StaffSession,
  key: QuestionnaireKey,
  page: QuestionnaireContext,
  items: readonly Item[],
  form: FormData,
): Promise<SectionSave> {
  const { typed, submitted } = readSubmittedItems(form, items);
  const revisions = Object.fromEntries(submitted.map((item) => [item.question, item.baseRevision]));
  const outcome = await attempt(() => saveAnswers(context.db, session.user, key, submitted, page));
  if (!outcome.ok)
    return {
      kind: 'refused',
      typed,
      revisions,
      status: outcome.status,
      message: outcome.error.message,
    };
  return { kind: 'done', typed, revisions, result: outcome.value };
}

/** A conflict as the page and the autosave answer show it (plain JSON). */
export function toConflictView(conflict: Conflict): ConflictView {
  const { theirs } = conflict;
  return {
    question: conflict.question,
    parts: conflict.parts,
    theirs: {
      points: theirs.points,
      options: theirs.options,
      text: theirs.text,
      note: theirs.note,
      revision: theirs.revision,
      updatedAt: theirs.updatedAt,
      updatedBy: theirs.updatedBy,
    },
    mine: conflict.mine,
  };
}
