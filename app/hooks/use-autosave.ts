/**
 * Autosave (with JavaScript): a moment after each change the page posts its form to the
 * autosave endpoint and reports the outcome in a live region. Items in conflict are never
 * autosaved: only the user's explicit choice settles them.
 *
 * After a save the page takes over what is stored now: the new revisions, and the parts a
 * colleague changed meanwhile (merged in on the server), so the next save starts from what is
 * really stored and cannot undo the colleague's change. A field the user changed again while
 * the save ran is left as typed, and its item keeps its old revision, so a clash with the
 * colleague's change still shows as a conflict.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { ConflictView } from '../components/questionnaire/conflict-notice';
import { clearDraft, storeDraft } from '../lib/browser-draft';
import {
  answerFieldValues,
  ITEMS_FIELD,
  noteField,
  revisionField,
  valueField,
} from '../lib/questionnaire-form';

export interface StoredItem {
  readonly kind: 'scale' | 'single' | 'multiple' | 'open';
  readonly points: number | null;
  readonly options: readonly string[];
  readonly text: string;
  readonly note: string;
  readonly revision: number;
  /** Whether the stored answer is still an unconfirmed prefilled one ('vorige meting'). */
  readonly pending?: boolean;
}

export interface ProgressView {
  readonly id: string;
  readonly name: string;
  readonly answered: number;
  readonly total: number;
  readonly optionalAnswered: number;
  readonly optional: number;
}

/** The autosave endpoint's answer. */
export interface AutosaveResponse {
  readonly ok: boolean;
  readonly message?: string;
  readonly saved?: number;
  readonly stored?: Readonly<Record<string, StoredItem>>;
  readonly conflicts?: readonly ConflictView[];
  readonly progress?: readonly ProgressView[];
}

/** The values of one field now: checked boxes and buttons, or the text. */
function readField(form: HTMLFormElement, name: string): string[] {
  const values: string[] = [];
  for (const element of Array.from(form.elements)) {
    if (
      !(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) ||
      element.name !== name
    )
      continue;
    if (
      element instanceof HTMLInputElement &&
      (element.type === 'radio' || element.type === 'checkbox')
    ) {
      if (element.checked) values.push(element.value);
    } else values.push(element.value.trim());
  }
  return values;
}

function writeField(form: HTMLFormElement, name: string, values: readonly string[]): void {
  for (const element of Array.from(form.elements)) {
    if (
      !(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) ||
      element.name !== name
    )
      continue;
    if (
      element instanceof HTMLInputElement &&
      (element.type === 'radio' || element.type === 'checkbox')
    )
      element.checked = values.includes(element.value);
    else {
      element.value = values[0] ?? '';
      // A note a colleague wrote is shown, not left folded away.
      if (element.value !== '') element.closest('details')?.setAttribute('open', '');
    }
  }
}

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((value, index) => value === b[index]);

/** Takes over what the server stored for an item; false when the user typed over it meanwhile. */
function applyStored(
  form: HTMLFormElement,
  question: number,
  stored: StoredItem,
  posted: ReadonlyMap<string, string[]>,
): boolean {
  const fields: [string, string[]][] = [
    [valueField(question), answerFieldValues(stored.kind, stored)],
  ];
  if (posted.has(noteField(question)))
    fields.push([noteField(question), stored.note ? [stored.note] : []]);
  const differing = fields.filter(
    ([name, values]) => !same((posted.get(name) ?? []).filter(Boolean), values),
  );
  if (differing.some(([name]) => !same(readField(form, name), posted.get(name) ?? [])))
    return false;
  for (const [name, values] of differing) writeField(form, name, values);
  const revision = form.elements.namedItem(revisionField(question));
  if (revision instanceof HTMLInputElement) revision.value = String(stored.revision);
  return true;
}

export function useAutosave(
  form: RefObject<HTMLFormElement | null>,
  options: {
    readonly enabled: boolean;
    readonly draftKey: string;
    /** Items already shown in conflict (from the last explicit save). */
    readonly blocked: readonly number[];
    readonly onConflicts: (conflicts: readonly ConflictView[]) => void;
    readonly onProgress: (progress: readonly ProgressView[]) => void;
    /** What the server stored per item, e.g. to drop the 'vorige meting' tag once confirmed. */
    readonly onStored?: (stored: Readonly<Record<string, StoredItem>>) => void;
  },
): string {
  const [status, setStatus] = useState('');
  const blocked = useRef(new Set<number>());
  const callbacks = useRef(options);
  callbacks.current = options;
  useEffect(() => {
    for (const question of options.blocked) blocked.current.add(question);
  }, [options.blocked]);
  const { enabled, draftKey } = options;
  useEffect(() => {
    const element = form.current;
    if (!element || !enabled) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let queued = false;
    let running = false;
    // Counts changes, so a save clears the draft only if nothing changed while it ran.
    let changes = 0;
    const save = async () => {
      if (running) {
        queued = true;
        return;
      }
      running = true;
      const changesAtStart = changes;
      try {
        const body = new FormData(element);
        const items = [...body.keys()]
          .filter((name) => name.startsWith('rev-'))
          .map((name) => Number(name.slice(4)))
          .filter((question) => !blocked.current.has(question));
        body.set(ITEMS_FIELD, items.join(','));
        const posted = new Map<string, string[]>();
        for (const question of items)
          for (const name of [valueField(question), noteField(question)])
            if (body.has(name)) posted.set(name, readField(element, name));
        const response = await fetch(`${window.location.pathname}/autosave`, {
          method: 'POST',
          body,
          headers: { Accept: 'application/json' },
        });
        const result = (await response.json()) as AutosaveResponse;
        if (!result.ok) {
          setStatus(result.message ?? 'Niet automatisch opgeslagen. Klik op Opslaan.');
          return;
        }
        let complete = changes === changesAtStart;
        for (const [question, stored] of Object.entries(result.stored ?? {}))
          if (!applyStored(element, Number(question), stored, posted)) complete = false;
        const conflicts = result.conflicts ?? [];
        for (const conflict of conflicts) blocked.current.add(conflict.question);
        if (conflicts.length > 0) callbacks.current.onConflicts(conflicts);
        if (result.progress) callbacks.current.onProgress(result.progress);
        if (result.stored) callbacks.current.onStored?.(result.stored);
        // Items in conflict are not saved yet: their typed value stays in the draft.
        if (blocked.current.size === 0 && complete) clearDraft(draftKey);
        else storeDraft(draftKey, element);
        const time = new Date().toLocaleTimeString('nl-NL', {
          hour: '2-digit',
          minute: '2-digit',
          timeZone: 'Europe/Amsterdam',
        });
        setStatus(
          conflicts.length > 0
            ? `Iemand anders heeft vraag ${conflicts.map((c) => c.question).join(', ')} intussen ook gewijzigd. Kies bij die ${conflicts.length === 1 ? 'vraag' : 'vragen'} welk antwoord blijft; de rest is om ${time} opgeslagen.`
            : `Automatisch opgeslagen om ${time}.`,
        );
      } catch {
        setStatus(
          'Niet opgeslagen: geen verbinding. Wat u invulde blijft op deze pagina staan; klik straks op Opslaan.',
        );
      } finally {
        running = false;
        if (queued) {
          queued = false;
          void save();
        }
      }
    };
    const schedule = () => {
      changes += 1;
      storeDraft(draftKey, element);
      clearTimeout(timer);
      timer = setTimeout(() => void save(), 800);
    };
    // An explicit Save takes over: the pending autosave is dropped.
    const cancel = () => clearTimeout(timer);
    element.addEventListener('input', schedule);
    element.addEventListener('change', schedule);
    element.addEventListener('submit', cancel);
    // Marks the form as saving itself (tests wait for it before typing).
    element.dataset.autosave = 'aan';
    return () => {
      delete element.dataset.autosave;
      clearTimeout(timer);
      element.removeEventListener('input', schedule);
      element.removeEventListener('change', schedule);
      element.removeEventListener('submit', cancel);
    };
  }, [form, enabled, draftKey]);
  return status;
}
