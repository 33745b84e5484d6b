/**
 * The confirmation step before deleting a comparison group: a page of its own, so it works
 * without JavaScript. The list links here; only the button on this page deletes.
 */
import type { Params } from 'react-router';
import type { Route } from './+types/peer-set-delete';
import { Confirmation } from '../components/confirmation';
import { redirectWithFlash } from '../lib/flash.server';
import { handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { HOME, PEER_SETS, pageHandle, pageMeta, type Trail } from '../lib/navigation';
import { requireSession, verifyCsrf } from '../lib/session.server';
import { deletePeerSet, readPeerSet } from '../lib/services.server';

type Data = Route.MetaArgs['loaderData'];

const trail = (data: Data | undefined, params: Params): Trail => [
  HOME,
  PEER_SETS,
  {
    label: data ? `‘${data.name}’ verwijderen` : 'Vergelijkingsgroep verwijderen',
    to: `/vergelijkingsgroepen/${params.setId ?? ''}/verwijderen`,
  },
];

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

/** The set's id from the address; NaN for anything else, which the service answers with 404. */
function readSetId(params: Params): number {
  return /^\d{1,9}$/.test(params.setId ?? '') ? Number(params.setId) : Number.NaN;
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const id = readSetId(params);
  const set = await handleErrors(() => readPeerSet(context.db, session.user, id));
  return { name: set.name, description: set.description };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  readIntent(form, 'routes/peer-set-delete.tsx');
  const id = readSetId(params);
  const name = await handleErrors(() => deletePeerSet(context.db, session.user, id));
  throw redirectWithFlash(
    '/vergelijkingsgroepen',
    { text: `De vergelijkingsgroep ‘${name}’ is verwijderd.` },
    context,
  );
}

export default function PeerSetDelete({ loaderData }: Route.ComponentProps) {
  return (
    <Confirmation
      title={`‘${loaderData.name}’ verwijderen?`}
      explanation={[
        `Weet u zeker dat u de vergelijkingsgroep ‘${loaderData.name}’ (${loaderData.description.charAt(0).toLowerCase()}${loaderData.description.slice(1)}) wilt verwijderen?`,
        'De rapporten tonen deze groep dan niet meer als vergelijking. De gemeenten en hun antwoorden blijven zoals ze zijn.',
      ]}
      form={{ intent: 'delete', button: 'Ja, verwijder de groep' }}
      back="/vergelijkingsgroepen"
      backLabel="Terug naar Vergelijkingsgroepen"
    />
  );
}
