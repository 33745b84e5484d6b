/**
 * Autosave (with JavaScript): the page posts its form here a moment after each change and
 * gets JSON back: what is stored now per item, conflicts to settle, and the progress per page.
 * Without JavaScript the page's own Save button does the same work (the same saveSection).
 */
import { data } from 'react-router';
import type { Route } from './+types/autosave';
import { readIntent } from '../lib/intents.server';
import {
  findSection,
  keyFromParams,
  loadForPage,
  saveSection,
  toConflictView,
} from '../lib/questionnaire.server';
import { ITEMS_FIELD } from '../lib/questionnaire-form';
import { summarizeProgress } from '../lib/services.server';
import { getSession, verifyCsrf } from '../lib/session.server';

export async function loader() {
  throw data({ message: 'Gebruik POST.' }, { status: 405 });
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await getSession(request, context);
  if (!session)
    return data(
      {
        ok: false,
        message: 'Uw sessie is verlopen. Klik op Opslaan: uw antwoorden blijven bewaard.',
      },
      { status: 401 },
    );
  const form = await request.formData();
  verifyCsrf(form, session);
  readIntent(form, 'routes/autosave.tsx');
  const key = keyFromParams(params);
  const page = await loadForPage(context, session, key);
  const found = findSection(page, params.section);
  if (!found) throw data({ message: 'Dit onderdeel bestaat niet.' }, { status: 404 });
  // Only the items the page asks for: it leaves out items shown in conflict, which only the
  // user's explicit choice may settle.
  const include = new Set(
    String(form.get(ITEMS_FIELD) ?? '')
      .split(',')
      .filter(Boolean)
      .map(Number),
  );
  const items = found.section.items.filter((item) => include.has(item.number));
  const saved = await saveSection(context, session, key, page, items, form);
  if (saved.kind === 'refused')
    return data({ ok: false, message: saved.message }, { status: saved.status });
  const { result } = saved;
  if (!result.ok)
    return data(
      { ok: false, message: result.errors.map((e) => e.message).join(' ') },
      { status: 400 },
    );
  const kinds = new Map(items.map((item) => [item.number, item.kind]));
  // What is stored now, without reading the questionnaire again: the page as loaded before
  // the save, with the answers the save reported.
  const progress = summarizeProgress(
    page.questionnaire,
    new Map([...page.answers, ...result.stored]),
  );
  return {
    ok: true,
    saved: result.saved,
    stored: Object.fromEntries(
      [...result.stored].map(([question, answer]) => [
        question,
        {
          kind: kinds.get(question),
          points: answer.points,
          options: answer.options,
          text: answer.text,
          note: answer.note,
          revision: answer.revision,
          pending: answer.pending,
        },
      ]),
    ),
    conflicts: result.conflicts.map(toConflictView),
    progress,
  };
}
