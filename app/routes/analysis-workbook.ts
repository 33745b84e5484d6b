import type { Route } from './+types/analysis-workbook';
import { handleErrors } from '../lib/http.server';
import { dashboardTables, loadDashboardTables } from '../lib/services.server';
import { requireSession } from '../lib/session.server';

/** Every table of the analysis dashboard in one Excel workbook, one sheet per table. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const body = await handleErrors(async () => {
    const { tables } = await loadDashboardTables(
      context.db,
      session.user,
      params.roundId,
      new URL(request.url).searchParams,
    );
    return dashboardTables.writeTablesXlsx(tables);
  });
  const name = `${params.roundId}-analyse-tabellen.xlsx`.replace(/[^A-Za-z0-9._-]/g, '_');
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
