/**
 * The JSON API under /api (see app/lib/api and docs/api.md). A resource route: no HTML.
 */
import type { Route } from './+types/api';
import { handleApiRequest } from '../lib/api/index.server';

export function loader({ request, context }: Route.LoaderArgs) {
  return handleApiRequest(request, context);
}

export function action({ request, context }: Route.ActionArgs) {
  return handleApiRequest(request, context);
}
