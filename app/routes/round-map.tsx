import type { Route } from './+types/round-map';
import { handleErrors } from '../lib/http.server';
import { loadResponseMap } from '../lib/services.server';
import { requireSession } from '../lib/session.server';

/** The response map as an SVG image (the page shows the same numbers in a table). */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const svg = await handleErrors(() => loadResponseMap(context.db, session.user, params.roundId));
  return new Response(svg, {
    headers: {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Cache-Control': 'private, no-store',
    },
  });
}
