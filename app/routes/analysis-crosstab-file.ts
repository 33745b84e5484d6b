import type { Route } from './+types/analysis-crosstab-file';
import { handleErrors } from '../lib/http.server';
import { requireSession } from '../lib/session.server';
import { exportCrossTab } from '../lib/services.server';

/**
 * The cross-table of the page as CSV or Excel (`kruistabel.csv|.xlsx`, with the page's own
 * query: `rij`, `kolom` and the filter), with what the user may see in it.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const url = new URL(request.url);
  const format = url.pathname.endsWith('.xlsx') ? 'xlsx' : 'csv';
  const file = await handleErrors(() =>
    exportCrossTab(context.db, session.user, params.roundId, url.searchParams, format),
  );
  return new Response(file.content, {
    headers: {
      'Content-Type':
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      // The name is plain ASCII, so no filename* variant is needed.
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
