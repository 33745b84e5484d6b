import type { Route } from './+types/audit-csv';
import { handleErrors } from '../lib/http.server';
import { requireSession } from '../lib/session.server';
import { exportAuditTrail } from '../lib/services.server';

/**
 * The logboek as a CSV download (coordinator only), with the filters of the page's address
 * (`wie`, `vragenlijst`, `van`, `tot`). The format is described in docs/web-app.md.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const url = new URL(request.url);
  const file = await handleErrors(() =>
    exportAuditTrail(context.db, session.user, {
      roundId: params.roundId,
      municipalityCode: params.code,
      query: Object.fromEntries(url.searchParams),
    }),
  );
  return new Response(file.content, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      // The name is plain ASCII (toFileNamePart), so no filename* variant is needed.
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
      // Personal data: kept by no cache.
      'Cache-Control': 'private, no-store',
    },
  });
}
