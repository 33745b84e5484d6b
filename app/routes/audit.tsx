import { Heading1 } from '@utrecht/component-library-react';
import type { Route } from './+types/audit';
import { handleErrors } from '../lib/http.server';
import { requireSession } from '../lib/session.server';
import { readAuditTrail } from '../lib/services.server';
import { AuditTable, toAuditRows } from '../components/audit-table';
import type { Params } from 'react-router';
import {
  municipalityPath,
  municipalityTrail,
  pageHandle,
  pageMeta,
  type Trail,
} from '../lib/navigation';

type Data = Route.MetaArgs['loaderData'];

const trail = (data: Data | undefined, params: Params): Trail => [
  ...municipalityTrail(params, { roundName: data?.roundName, municipality: data?.municipality }),
  { label: 'Logboek', to: `${municipalityPath(params)}/logboek` },
];

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  return handleErrors(async () => {
    const { municipality, roundName, events } = await readAuditTrail(
      context.db,
      session.user,
      params.roundId,
      params.code,
    );
    return {
      municipality,
      roundName,
      events: toAuditRows(events),
    };
  });
}

export default function Audit({ loaderData }: Route.ComponentProps) {
  return (
    <div className="bfm-stack">
      <Heading1>Logboek: {loaderData.municipality}</Heading1>
      <AuditTable caption="Alle wijzigingen, nieuwste eerst" rows={loaderData.events} />
    </div>
  );
}
