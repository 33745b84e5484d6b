/**
 * The old overview of one questionnaire, now part of the municipality report: its address
 * (in e-mails, bookmarks) leads to the questionnaire's part of the report, after the same
 * access check as before.
 */
import { redirect } from 'react-router';
import type { Route } from './+types/overview';
import { keyFromParams, loadForPage } from '../lib/questionnaire.server';
import { municipalityPath } from '../lib/navigation';
import { requireSession } from '../lib/session.server';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const page = await loadForPage(context, session, keyFromParams(params));
  throw redirect(`${municipalityPath(params)}/rapport#vl-${page.questionnaire.id}`);
}
