import type { Route } from './+types/talk-calendar';
import { handleErrors } from '../lib/http.server';
import { readTalkCalendar } from '../lib/services.server';
import { requireSession } from '../lib/session.server';

/**
 * The iCalendar file of an advice talk (issue 12, helper B), for everyone who may read the
 * talk: the same event (UID, SEQUENCE of the last invitation) as the invitation mail carries,
 * so adding it to a calendar after the mail updates rather than doubles it.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  // Anything but a number is NaN: the service answers not found after the role check.
  const talkId = /^\d{1,9}$/.test(params.talkId) ? Number(params.talkId) : NaN;
  const file = await handleErrors(() =>
    readTalkCalendar(context.db, session.user, talkId, context.links),
  );
  return new Response(file.content, {
    headers: {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      // Names and addresses of a municipality's talk: kept by no cache.
      'Cache-Control': 'private, no-store',
    },
  });
}
