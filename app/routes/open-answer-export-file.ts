import type { Route } from './+types/open-answer-export-file';
import { handleErrors } from '../lib/http.server';
import { requireSession } from '../lib/session.server';
import { exportCodedOpenAnswers } from '../lib/services.server';

/**
 * The coded answers of one open question (or one item's notes) as CSV or Excel
 * (`…/open-antwoorden/:questionnaire/:question/:part/export.csv|.xlsx`), with the reading
 * page's filters, band and search from the query, and what the user may see in them.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const url = new URL(request.url);
  const format = url.pathname.endsWith('.xlsx') ? 'xlsx' : 'csv';
  const file = await handleErrors(() =>
    exportCodedOpenAnswers(
      context.db,
      session.user,
      params.roundId,
      { questionnaire: params.questionnaire, question: params.question, part: params.part },
      url.searchParams,
      format,
    ),
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
