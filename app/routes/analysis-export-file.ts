import type { Route } from './+types/analysis-export-file';
import { handleErrors } from '../lib/http.server';
import { requireSession } from '../lib/session.server';
import { readAnswersExportFile } from '../lib/services.server';

/**
 * One file of the answers export (`ID-vragenlijst.csv|xlsx|sps|dat`), with the rows the user
 * may export: every municipality for the coordinator, an advisor's provinces for the advisor,
 * narrowed by the filter of the page's address (`grootte`, `groep`, `provincie`).
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const query = new URL(request.url).searchParams;
  const file = await handleErrors(() =>
    readAnswersExportFile(context.db, session.user, params.roundId, params.file, query),
  );
  const body = typeof file.content === 'string' ? file.content : Buffer.from(file.content);
  return new Response(body, {
    headers: {
      'Content-Type': file.contentType,
      // The name is the round id and the questionnaire id: plain ASCII, no filename* needed.
      'Content-Disposition': `attachment; filename="${file.name}"`,
      // Answers per municipality: kept by no shared cache.
      'Cache-Control': 'private, no-store',
    },
  });
}
