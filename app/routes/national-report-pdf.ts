import type { Route } from './+types/national-report-pdf';
import { handleErrors } from '../lib/http.server';
import { requireSession } from '../lib/session.server';
import { readNationalReportPdf, UnavailableError } from '../lib/services.server';

/**
 * The national report as a tagged PDF: the stored file when it was printed from the data as
 * they are now, else printed on the spot (and stored). A municipality account gets the
 * version with small cells withheld, as on the page. Without Chromium: 503 with a page that
 * says how to install it; the report page itself keeps working.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const file = await handleErrors(async () => {
    if (!context.nationalReportSource)
      throw new UnavailableError(
        'Deze server maakt geen PDF-bestanden. Bekijk het rapport als webpagina.',
      );
    return readNationalReportPdf(context.db, session.user, {
      roundId: params.roundId,
      source: context.nationalReportSource,
      // The filter of the page it was downloaded from (staff only; others get the whole round).
      params: new URL(request.url).searchParams,
    });
  });
  return new Response(Buffer.from(file.pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
      // Which figures it holds depends on the reader's role: kept by no shared cache.
      'Cache-Control': 'private, no-store',
    },
  });
}
