/**
 * /openbaar: the rounds whose aggregates the coordinator has published, for everyone without
 * logging in. Reads only: an anonymous visit writes nothing (no session, no audit).
 */
import {
  Heading1,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { Link } from 'react-router';
import type { Route } from './+types/public-rounds';
import { formatDate } from '../lib/format';
import { pageHandle, pageMeta, PUBLIC_TRAIL } from '../lib/navigation';
import { listPublishedRounds, OPEN_DATA_LICENCE_LABEL } from '../lib/services.server';

export const handle = pageHandle(() => PUBLIC_TRAIL);

export function meta() {
  return pageMeta(PUBLIC_TRAIL);
}

export async function loader({ context }: Route.LoaderArgs) {
  const rounds = await listPublishedRounds(context.db);
  return {
    licence: OPEN_DATA_LICENCE_LABEL,
    rounds: rounds.map((round) => ({
      id: round.id,
      name: round.name,
      synthetic: round.synthetic,
      publishedOn: formatDate(round.publishedAt.toISOString()),
      href: `/openbaar/metingen/${encodeURIComponent(round.id)}`,
    })),
  };
}

export default function PublicRounds({ loaderData }: Route.ComponentProps) {
  return (
    <div className="bfm-stack">
      <Heading1>Openbare resultaten</Heading1>
      <Paragraph lead>
        De landelijke uitkomsten van afgesloten metingen van de basisfuncties voor mantelzorg en
        vrijwilligerswerk, voor iedereen en zonder inloggen. U kunt alle cijfers downloaden als open
        data (licentie {loaderData.licence}).
      </Paragraph>
      <Paragraph>
        Alleen totalen worden getoond: cijfers over minder dan 5 gemeenten zijn onderdrukt, en
        antwoorden van afzonderlijke gemeenten staan hier nooit.
      </Paragraph>
      {loaderData.rounds.length === 0 ? (
        <Paragraph>Er zijn nog geen metingen gepubliceerd.</Paragraph>
      ) : (
        <UnorderedList>
          {loaderData.rounds.map((round) => (
            <UnorderedListItem key={round.id}>
              <Link className="utrecht-link" to={round.href}>
                {round.name}
              </Link>{' '}
              (gepubliceerd op {round.publishedOn}
              {round.synthetic ? '; synthetische demonstratiegegevens' : ''})
            </UnorderedListItem>
          ))}
        </UnorderedList>
      )}
    </div>
  );
}
