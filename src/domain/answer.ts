/**
 * Answers as values: the parts an answer consists of, reading what an editor submitted for an
 * item, and the three-way merge that lets two people fill in one questionnaire together
 * without either losing the other's work.
 */
import type { Item } from './instrument.ts';

/** The parts of an answer. An item uses one value part (by its kind) and may have a note. */
export type AnswerPart = 'points' | 'options' | 'text' | 'note';
export const ANSWER_PARTS: readonly AnswerPart[] = ['points', 'options', 'text', 'note'];

/** A stored answer; `null` is an empty part. */
export interface AnswerParts {
  readonly points: number | null;
  readonly options: readonly string[] | null;
  readonly text: string | null;
  readonly note: string | null;
}

/** What an editor submitted: a part that is left out (undefined) is one they did not touch. */
export type AnswerEdit = { readonly [P in AnswerPart]?: AnswerParts[P] };

export const EMPTY_ANSWER: AnswerParts = { points: null, options: null, text: null, note: null };

/** The longest answer to an open question, and the longest note (toelichting). */
export const MAX_TEXT_LENGTH = 10_000;
export const MAX_NOTE_LENGTH = 4_000;

/**
 * Whether the answer holds a value (points, options or text); a note alone is no answer.
 *
 * @example
 * hasAnswerValue({ ...EMPTY_ANSWER, note: 'zie bijlage' }); // false
 * hasAnswerValue({ ...EMPTY_ANSWER, points: 2 });           // true
 */
export function hasAnswerValue(answer: AnswerParts | undefined): boolean {
  return (
    !!answer &&
    (answer.points !== null ||
      (answer.options !== null && answer.options.length > 0) ||
      (answer.text !== null && answer.text !== ''))
  );
}

/** Whether one part is equal in two answers (option lists compare element by element). */
export function isSamePart(part: AnswerPart, a: AnswerParts, b: AnswerParts): boolean {
  if (part === 'options') {
    const x = a.options ?? [];
    const y = b.options ?? [];
    return x.length === y.length && x.every((code, index) => code === y[index]);
  }
  return a[part] === b[part];
}

/** The parts in which two answers differ. */
export function listChangedParts(a: AnswerParts, b: AnswerParts): AnswerPart[] {
  return ANSWER_PARTS.filter((part) => !isSamePart(part, a, b));
}

/** Applies an edit: the parts it leaves out keep their value. */
export function applyEdit(answer: AnswerParts, edit: AnswerEdit): AnswerParts {
  return {
    points: edit.points !== undefined ? edit.points : answer.points,
    options: edit.options !== undefined ? edit.options : answer.options,
    text: edit.text !== undefined ? edit.text : answer.text,
    note: edit.note !== undefined ? edit.note : answer.note,
  };
}

/** How a conflict is settled: keep the editor's own part, or take over the other person's. */
export type Resolution = 'mine' | 'theirs';

export interface MergeResult {
  /** The answer to store. */
  readonly merged: AnswerParts;
  /** The parts both changed differently, which `resolution` did not settle. */
  readonly conflicts: readonly AnswerPart[];
}

/**
 * Merges an editor's answer with what is stored now, per part, against the revision the editor
 * started from (`base`):
 *
 * - a part the editor did not change (equal to base, or left out) keeps what is stored;
 * - a part only the editor changed takes the editor's value;
 * - a part both changed to the same value is no conflict;
 * - a part both changed differently is a conflict, settled by `resolution` when given.
 *
 * With an unknown base (`null`), every part in which the editor and the stored answer differ
 * counts as changed by both: nothing is overwritten unseen.
 *
 * @example
 * // The colleague only changed the note; the editor only the points: both are kept.
 * mergeAnswer({ ...EMPTY_ANSWER, points: 1 }, { points: 3, note: null },
 *             { ...EMPTY_ANSWER, points: 1, note: 'zie beleidsnota' });
 * // → { merged: { points: 3, note: 'zie beleidsnota', … }, conflicts: [] }
 */
export function mergeAnswer(
  base: AnswerParts | null,
  mine: AnswerEdit,
  theirs: AnswerParts,
  resolution?: Resolution,
): MergeResult {
  const mineFull = applyEdit(base ?? theirs, mine);
  const merged: { -readonly [P in AnswerPart]: AnswerParts[P] } = { ...theirs };
  const conflicts: AnswerPart[] = [];
  for (const part of ANSWER_PARTS) {
    const touched = mine[part] !== undefined;
    const changedByMe = touched && (base === null || !isSamePart(part, mineFull, base));
    if (!changedByMe || isSamePart(part, mineFull, theirs)) continue;
    const changedByThem = base === null || !isSamePart(part, theirs, base);
    if (changedByThem && resolution !== 'mine') {
      if (resolution !== 'theirs') conflicts.push(part);
      continue;
    }
    setPart(merged, part, mineFull);
  }
  return { merged, conflicts };
}

function setPart(
  target: { -readonly [P in AnswerPart]: AnswerParts[P] },
  part: AnswerPart,
  source: AnswerParts,
): void {
  if (part === 'options') target.options = source.options;
  else if (part === 'points') target.points = source.points;
  else if (part === 'text') target.text = source.text;
  else target.note = source.note;
}

/** What an editor submitted for one item: the raw form or JSON value(s) and the note. */
export interface ItemInput {
  /** Left out: the value was not submitted (not touched). Null or empty: cleared. */
  readonly value?: string | readonly string[] | null | undefined;
  /** Left out: the note was not submitted. Empty: cleared. */
  readonly note?: string | undefined;
}

/**
 * Reads what an editor submitted for an item into an edit of its parts, checking it against
 * the item's kind and options. Text is trimmed; empty means cleared.
 *
 * @returns the edit, or a Dutch message that says what to fix
 * @example
 * readItemInput(scaleItem17, { value: '2', note: ' ' }); // { ok: true, edit: { points: 2, note: null } }
 * readItemInput(scaleItem17, { value: '4' });            // { ok: false, message: 'Kies bij vraag 17 één van de drie antwoorden.' }
 */
export function readItemInput(
  item: Item,
  input: ItemInput,
): { ok: true; edit: AnswerEdit } | { ok: false; message: string } {
  const edit: { -readonly [P in AnswerPart]?: AnswerParts[P] } = {};
  if (input.note !== undefined) {
    const note = input.note.trim();
    if (note.length > MAX_NOTE_LENGTH)
      return {
        ok: false,
        message: `De toelichting bij vraag ${item.number} is te lang (${note.length} tekens); het maximum is ${MAX_NOTE_LENGTH}.`,
      };
    edit.note = note === '' ? null : note;
  }
  if (input.value === undefined) return { ok: true, edit };
  const values =
    input.value === null ? [] : typeof input.value === 'string' ? [input.value] : input.value;
  const present = values.map((value) => value.trim()).filter((value) => value !== '');
  switch (item.kind) {
    case 'scale': {
      const points = Number(present[0]);
      if (present.length > 1 || (present.length === 1 && ![1, 2, 3].includes(points)))
        return { ok: false, message: `Kies bij vraag ${item.number} één van de drie antwoorden.` };
      edit.points = present.length === 0 ? null : points;
      return { ok: true, edit };
    }
    case 'single':
    case 'multiple': {
      const codes = (item.options ?? []).map((option) => option.code);
      if (
        present.some((code) => !codes.includes(code)) ||
        (item.kind === 'single' && present.length > 1)
      )
        return {
          ok: false,
          message: `Kies bij vraag ${item.number} ${item.kind === 'single' ? 'één van de opties' : 'uit de getoonde opties'}.`,
        };
      // In the instrument's order, so the same choice is always stored the same way.
      const chosen = codes.filter((code) => present.includes(code));
      edit.options = chosen.length === 0 ? null : chosen;
      return { ok: true, edit };
    }
    case 'open': {
      const text = values.join('').trim();
      if (text.length > MAX_TEXT_LENGTH)
        return {
          ok: false,
          message: `Het antwoord op vraag ${item.number} is te lang (${text.length} tekens); het maximum is ${MAX_TEXT_LENGTH}.`,
        };
      edit.text = text === '' ? null : text;
      return { ok: true, edit };
    }
  }
}

/** Whether submitting the questionnaire requires an answer to the item (the 3-point items). */
export function isRequiredItem(item: Item): boolean {
  return item.kind === 'scale';
}

export interface ItemProgress {
  /** Required items answered, of `required`. */
  readonly answered: number;
  readonly required: number;
  /** Items that are not required, and how many of them have an answer. */
  readonly optionalAnswered: number;
  readonly optional: number;
}

/**
 * Progress over a set of items: required items answered, and optional ones apart, so a
 * complete questionnaire never reads as unfinished.
 */
export function countProgress(
  items: readonly Item[],
  answerOf: (question: number) => AnswerParts | undefined,
): ItemProgress {
  let answered = 0;
  let required = 0;
  let optionalAnswered = 0;
  let optional = 0;
  for (const item of items) {
    const has = hasAnswerValue(answerOf(item.number));
    if (isRequiredItem(item)) {
      required += 1;
      if (has) answered += 1;
    } else {
      optional += 1;
      if (has) optionalAnswered += 1;
    }
  }
  return { answered, required, optionalAnswered, optional };
}
