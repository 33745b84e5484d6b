import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { Link } from 'react-router';
import type { Route } from './+types/audit';
import { basePath } from '../lib/questionnaire.server';
import { handleErrors } from '../lib/http.server';
import { requireSession } from '../lib/session.server';
import { readAuditTrail } from '../lib/services.server';
import { AuditTable, toAuditRows } from '../components/audit-table';

export function meta() {
  return [{ title: 'Logboek – Basisfunctiemonitor' }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const key = { roundId: params.roundId, municipalityCode: params.code, questionnaire: '' };
  return handleErrors(async () => {
    const { municipality, events } = await readAuditTrail(
      context.db,
      session.user,
      params.roundId,
      params.code,
    );
    return {
      base: basePath(key),
      municipality,
      events: toAuditRows(events),
    };
  });
}

export default function Audit({ loaderData }: Route.ComponentProps) {
  return (
    <div className="bfm-stack">
      <Paragraph>
        <Link className="utrecht-link" to={loaderData.base}>
          {loaderData.municipality}
        </Link>
      </Paragraph>
      <Heading1>Logboek: {loaderData.municipality}</Heading1>
      <AuditTable caption="Alle wijzigingen, nieuwste eerst" rows={loaderData.events} />
    </div>
  );
}
