/**
 * Autosave (with JavaScript): the page posts its form here a moment after each change and
 * gets JSON back. Without JavaScript the page's own Save button does the same work.
 */
import { data } from 'react-router';
import type { Route } from './+types/autosave';
import { keyFromParams, loadForPage, readSubmittedItems } from '../lib/questionnaire.server';
import { attempt } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { listSections, saveAnswers } from '../lib/services.server';
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
  const section = listSections(page.questionnaire).find((s) => s.id === params.section);
  if (!section) throw data({ message: 'Dit onderdeel bestaat niet.' }, { status: 404 });
  // Only the items the page asks for: it leaves out items shown in conflict, which only an
  // explicit Save may overwrite.
  const include = new Set(
    String(form.get('items') ?? '')
      .split(',')
      .filter(Boolean)
      .map(Number),
  );
  const { submitted } = readSubmittedItems(
    form,
    section.items.filter((item) => include.has(item.number)),
  );
  const outcome = await attempt(() => saveAnswers(context.db, session.user, key, submitted, page));
  if (!outcome.ok)
    return data({ ok: false, message: outcome.error.message }, { status: outcome.status });
  {
    const result = outcome.value;
    if (!result.ok)
      return data(
        { ok: false, message: result.errors.map((e) => e.message).join(' ') },
        { status: 400 },
      );
    const after = await loadForPage(context, session, key);
    return {
      ok: true,
      saved: result.saved,
      conflicts: result.conflicts.map((c) => c.question),
      // New revisions, except for conflicting items: those keep the revision the user saw,
      // so that Opslaan shows the conflict with both values.
      revisions: Object.fromEntries(
        section.items
          .filter((item) => !result.conflicts.some((c) => c.question === item.number))
          .map((item) => [item.number, after.answers.get(item.number)?.revision ?? 0]),
      ),
    };
  }
}
