import type { Route } from './+types/analysis-table';
import { handleErrors } from '../lib/http.server';
import { dashboardTables, loadDashboardTable, NotFoundError } from '../lib/services.server';
import { requireSession } from '../lib/session.server';

/**
 * One table of the analysis dashboard as CSV or Excel (`tabellen/<id>.csv|.xlsx`), with the
 * filter of the page it was downloaded from and what the user may see in it.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const match = /^([a-z0-9-]+)\.(csv|xlsx)$/.exec(params.file ?? '');
  const body = await handleErrors(async () => {
    if (!match) {
      throw new NotFoundError(
        'Dit bestand bestaat niet. Een tabel is te downloaden als .csv of .xlsx, via de links onder de tabel.',
      );
    }
    const [, id = '', format] = match;
    const { table } = await loadDashboardTable(
      context.db,
      session.user,
      params.roundId,
      id,
      new URL(request.url).searchParams,
    );
    return format === 'csv'
      ? dashboardTables.writeTableCsv(table)
      : await dashboardTables.writeTablesXlsx([table]);
  });
  const [, id, format] = match ?? [];
  const name = `${params.roundId}-${id}.${format}`.replace(/[^A-Za-z0-9._-]/g, '_');
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
    headers: {
      'Content-Type':
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
