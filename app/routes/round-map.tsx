import type { Route } from './+types/round-map';
import { ForbiddenError, loadRoundOverview, renderResponseMap } from '../lib/services.server';
import { handleErrors, requireSession } from '../lib/session.server';

/** The response map as an SVG image (the page shows the same numbers in a table). */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  return handleErrors(async () => {
    if (session.user.role === 'analyst' || session.user.role === 'municipality')
      throw new ForbiddenError();
    const overview = await loadRoundOverview(context.db, session.user, params.roundId);
    const svg = renderResponseMap(
      overview.rows.map((row) => ({ code: row.municipality.code, category: row.category })),
    );
    return new Response(svg, {
      headers: {
        'Content-Type': 'image/svg+xml; charset=utf-8',
        'Cache-Control': 'private, no-store',
      },
    });
  });
}
