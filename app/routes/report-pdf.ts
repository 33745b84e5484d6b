import type { Route } from './+types/report-pdf';
import { handleErrors } from '../lib/http.server';
import { requireSession } from '../lib/session.server';
import { readReportPdf, UnavailableError } from '../lib/services.server';

/**
 * The report of a municipality as PDF: the stored file when it was rendered from the data as
 * it is now, else rendered on the spot (and stored). Without Chromium: 503 with a page that
 * says how to install it; the report page itself keeps working.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const file = await handleErrors(async () => {
    if (!context.reportSource)
      throw new UnavailableError(
        'Deze server maakt geen PDF-bestanden. Bekijk het rapport als webpagina.',
      );
    return readReportPdf(context.db, session.user, {
      roundId: params.roundId,
      municipalityCode: params.code,
      source: context.reportSource,
    });
  });
  return new Response(Buffer.from(file.pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      // The name is plain ASCII (reportFileName), so no filename* variant is needed.
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
      // A municipality's report: kept by no shared cache.
      'Cache-Control': 'private, no-store',
    },
  });
}
