import type { Route } from './+types/analysis-crosstab-file';
import { handleErrors } from '../lib/http.server';
import { requireSession } from '../lib/session.server';
import {
  listRoundProvinces,
  loadCrossTabView,
  parseCrossTabParams,
  UserInputError,
  writeCrossTabCsv,
  writeCrossTabXlsx,
} from '../lib/services.server';

/**
 * The cross-table of the page as CSV or Excel (`kruistabel.csv|.xlsx`, the page's own
 * query: `rij`, `kolom` and the filter), with what the user may see in it.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const url = new URL(request.url);
  const format = url.pathname.endsWith('.xlsx') ? 'xlsx' : 'csv';
  const file = await handleErrors(async () => {
    const provinces = await listRoundProvinces(context.db, params.roundId);
    const { query, filter, problems } = parseCrossTabParams(url.searchParams, provinces);
    if (!query || problems.length > 0) {
      throw new UserInputError(
        problems.map((p) => p.message).join(' ') ||
          'Kies eerst twee vragen op de pagina Kruistabel; de download neemt die keuze over.',
      );
    }
    const view = await loadCrossTabView(
      context.db,
      { kind: 'user', user: session.user },
      params.roundId,
      query,
      filter,
    );
    const name = `${params.roundId}-kruistabel-${query.row}-${query.column}.${format}`.replace(
      /[^A-Za-z0-9._-]/g,
      '_',
    );
    return {
      name,
      body:
        format === 'csv'
          ? writeCrossTabCsv(view, provinces)
          : await writeCrossTabXlsx(view, provinces),
    };
  });
  return new Response(file.body, {
    headers: {
      'Content-Type':
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      // The name is plain ASCII, so no filename* variant is needed.
      'Content-Disposition': `attachment; filename="${file.name}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
