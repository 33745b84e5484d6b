import {
  Heading1,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { Link } from 'react-router';
import type { Route } from './+types/audit';
import { basePath } from '../lib/questionnaire.server';
import { handleErrors, requireSession } from '../lib/session.server';
import { readAuditTrail } from '../lib/services.server';
import { formatDateTime } from '../lib/format';

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
      events: events.map((event) => ({
        id: event.id,
        at: event.at.toISOString(),
        actor: event.actorLabel,
        subject: event.subject,
        oldValue: event.oldValue === null ? '–' : JSON.stringify(event.oldValue),
        newValue: event.newValue === null ? '–' : JSON.stringify(event.newValue),
      })),
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
      <Table>
        <TableCaption>Alle wijzigingen, nieuwste eerst</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Wanneer</TableHeaderCell>
            <TableHeaderCell scope="col">Wie</TableHeaderCell>
            <TableHeaderCell scope="col">Wat</TableHeaderCell>
            <TableHeaderCell scope="col">Oude waarde</TableHeaderCell>
            <TableHeaderCell scope="col">Nieuwe waarde</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {loaderData.events.map((event) => (
            <TableRow key={event.id}>
              <TableCell>{formatDateTime(event.at)}</TableCell>
              <TableCell>{event.actor}</TableCell>
              <TableCell>{event.subject}</TableCell>
              <TableCell>{event.oldValue}</TableCell>
              <TableCell>{event.newValue}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
