/**
 * A draft of a questionnaire page in the browser's localStorage (with JavaScript only). It is
 * written on every change and removed once the server has saved the page, so what was typed
 * survives a lost connection, a closed tab or a crash until it can be saved.
 */
import { DRAFT_FIELD_PATTERN as DRAFT_FIELD } from './questionnaire-form';

/** Drafts older than this are dropped: by then the page has surely changed. */
export const DRAFT_MAX_AGE_MS = 24 * 3_600_000;

export interface BrowserDraft {
  readonly savedAt: string;
  /**
   * Form fields as name → values: answers (q-N), notes (toelichting-N), revisions (rev-N) and
   * revisions seen in a conflict (gezien-N).
   */
  readonly fields: Readonly<Record<string, readonly string[]>>;
}

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    // Storage can be switched off or full; the page then works as without a draft.
    return null;
  }
}

/** The draft-worthy fields of a form. */
export function readFormFields(form: HTMLFormElement): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const element of Array.from(form.elements)) {
    if (
      !(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) ||
      !DRAFT_FIELD.test(element.name)
    )
      continue;
    const values = (fields[element.name] ??= []);
    if (
      element instanceof HTMLInputElement &&
      (element.type === 'radio' || element.type === 'checkbox')
    ) {
      if (element.checked) values.push(element.value);
    } else {
      values.push(element.value);
    }
  }
  return fields;
}

export function storeDraft(key: string, form: HTMLFormElement): void {
  const draft: BrowserDraft = { savedAt: new Date().toISOString(), fields: readFormFields(form) };
  try {
    storage()?.setItem(key, JSON.stringify(draft));
  } catch {
    // Quota exceeded: nothing to do; the server save is what counts.
  }
}

export function loadDraft(key: string, now = Date.now()): BrowserDraft | null {
  const text = storage()?.getItem(key);
  if (!text) return null;
  try {
    const draft = JSON.parse(text) as BrowserDraft;
    if (
      typeof draft.savedAt !== 'string' ||
      typeof draft.fields !== 'object' ||
      now - Date.parse(draft.savedAt) > DRAFT_MAX_AGE_MS
    ) {
      clearDraft(key);
      return null;
    }
    return draft;
  } catch {
    clearDraft(key);
    return null;
  }
}

export function clearDraft(key: string): void {
  storage()?.removeItem(key);
}

/** Whether the draft holds the same answers and notes as the form shows (revisions aside). */
export function matchesForm(draft: BrowserDraft, form: HTMLFormElement): boolean {
  const current = readFormFields(form);
  const names = new Set([...Object.keys(current), ...Object.keys(draft.fields)]);
  for (const name of names) {
    if (name.startsWith('rev-') || name.startsWith('gezien-')) continue;
    const a = (current[name] ?? []).filter((v) => v !== '').join('\u0000');
    const b = (draft.fields[name] ?? []).filter((v) => v !== '').join('\u0000');
    if (a !== b) return false;
  }
  return true;
}

/** Puts the draft back into the form, revisions included, so a save detects conflicts. */
export function applyDraft(draft: BrowserDraft, form: HTMLFormElement): void {
  for (const element of Array.from(form.elements)) {
    if (
      !(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) ||
      !(element.name in draft.fields) ||
      element.disabled
    )
      continue;
    const values = draft.fields[element.name] ?? [];
    if (
      element instanceof HTMLInputElement &&
      (element.type === 'radio' || element.type === 'checkbox')
    )
      element.checked = values.includes(element.value);
    else element.value = values[0] ?? '';
  }
}
