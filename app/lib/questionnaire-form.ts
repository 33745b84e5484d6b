/**
 * The names of the fields of a questionnaire page. The page, the server that reads the post,
 * the autosave, the browser draft and the tests all use these, so a name lives in one place.
 */

/** The answer to item `n`: radio buttons, checkboxes or a text area. */
export const valueField = (question: number) => `q-${question}`;
/** The note (toelichting) with item `n`. */
export const noteField = (question: number) => `toelichting-${question}`;
/** The revision of item `n` the page started from: the base of the merge on saving. */
export const revisionField = (question: number) => `rev-${question}`;
/** The revision of someone else's answer shown in a conflict on item `n`. */
export const seenField = (question: number) => `gezien-${question}`;

/** 'Klopt nog': confirms the prefilled answer ('vorige meting') of item `n` unchanged. */
export const confirmField = (question: number) => `bevestig-${question}`;
/** Marks item `n` as shown prefilled and unconfirmed, so 'confirm all' confirms only those. */
export const prefilledField = (question: number) => `vooraf-${question}`;
/** The button that confirms every prefilled answer shown on the page. */
export const CONFIRM_ALL_FIELD = 'bevestig-alles';

/** The button that settles a conflict: `mijn-17` keeps mine, `hun-17` takes theirs. */
export const CHOICE_FIELD = 'keuze';
/** Where to go after saving: 'blijf' (stay) or 'verder' (next page). */
export const NEXT_FIELD = 'na';
/** Autosave: the items (numbers, comma-separated) to save; items in conflict are left out. */
export const ITEMS_FIELD = 'items';

/** Fields a browser draft keeps. */
export const DRAFT_FIELD_PATTERN = /^(q|toelichting|rev|gezien)-\d+$/;

export type Choice = 'mine' | 'theirs';

export function choiceValue(choice: Choice, question: number): string {
  return `${choice === 'mine' ? 'mijn' : 'hun'}-${question}`;
}

/** Reads the conflict button that was pressed, if any. */
export function parseChoice(
  value: FormDataEntryValue | null,
): { question: number; choice: Choice } | null {
  const match = /^(mijn|hun)-(\d+)$/.exec(typeof value === 'string' ? value : '');
  if (!match) return null;
  return { question: Number(match[2]), choice: match[1] === 'mijn' ? 'mine' : 'theirs' };
}

/** A stored answer as the values of its form fields. */
export function answerFieldValues(
  kind: 'scale' | 'single' | 'multiple' | 'open',
  answer: { points: number | null; options: readonly string[]; text: string },
): string[] {
  if (kind === 'scale') return answer.points === null ? [] : [String(answer.points)];
  if (kind === 'open') return answer.text ? [answer.text] : [];
  return [...answer.options];
}
