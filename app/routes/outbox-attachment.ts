import type { Route } from './+types/outbox-attachment';
import { handleErrors } from '../lib/http.server';
import { readOutboxAttachment } from '../lib/services.server';
import { requireSession } from '../lib/session.server';

/**
 * One attachment of a message in the outbox (an invitation's iCalendar file, issue 12), for
 * the coordinator who reads the mail kept in the app when there is no SMTP server.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const attachment = await handleErrors(() =>
    readOutboxAttachment(
      context.db,
      session.user,
      /^\d{1,9}$/.test(params.messageId) ? Number(params.messageId) : NaN,
      /^\d{1,3}$/.test(params.index) ? Number(params.index) : -1,
    ),
  );
  // The stored name is the app's own (adviesgesprek.ics); quotes are kept out regardless.
  const filename = attachment.filename.replace(/["\\\r\n]/g, '_');
  return new Response(attachment.content, {
    headers: {
      'Content-Type': attachment.contentType,
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
