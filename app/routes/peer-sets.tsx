/**
 * The user's own comparison groups ('eigen vergelijkingsgroepen', as VNG's
 * gemeentevergelijker): a list with links to change or delete each one, and to make a new one.
 * The report offers them as an extra comparison next to the fixed groups.
 */
import {
  ButtonLink,
  Heading1,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { data, Link } from 'react-router';
import type { Route } from './+types/peer-sets';
import { FlashMessage } from '../components/flash-message';
import { TableScroll } from '../components/table-scroll';
import { takeFlash } from '../lib/flash.server';
import { formatDate } from '../lib/format';
import { handleErrors } from '../lib/http.server';
import { HOME, PEER_SETS, pageHandle, pageMeta, type Trail } from '../lib/navigation';
import { requireSession } from '../lib/session.server';
import { listPeerSets } from '../lib/services.server';

const TRAIL: Trail = [HOME, PEER_SETS];

export const handle = pageHandle(() => TRAIL);

export function meta() {
  return pageMeta(TRAIL);
}

// The flash message's cookie is removed by the loader's answer.
export function headers({ loaderHeaders }: Route.HeadersArgs) {
  return loaderHeaders;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const sets = await handleErrors(() => listPeerSets(context.db, session.user));
  const { flash, headers } = takeFlash(request, context);
  return data({ flash, sets }, { headers });
}

export default function PeerSets({ loaderData }: Route.ComponentProps) {
  const { sets } = loaderData;
  return (
    <div className="bfm-stack">
      <Heading1>Vergelijkingsgroepen</Heading1>
      <FlashMessage flash={loaderData.flash} />
      <Paragraph>
        In het rapport van een gemeente staan haar cijfers naast die van heel Nederland, haar
        grootteklasse, haar provincie en haar buurgemeenten. Met een eigen vergelijkingsgroep
        vergelijkt u ook met gemeenten die u zelf kiest: op inwonertal, op provincie of met de hand.
        Alleen u ziet uw groepen.
      </Paragraph>
      <Paragraph>
        <ButtonLink href="/vergelijkingsgroepen/nieuw" appearance="primary-action-button">
          Nieuwe vergelijkingsgroep
        </ButtonLink>
      </Paragraph>
      {sets.length === 0 ? (
        <Paragraph>U heeft nog geen vergelijkingsgroepen.</Paragraph>
      ) : (
        <TableScroll caption="Uw vergelijkingsgroepen">
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Naam</TableHeaderCell>
              <TableHeaderCell scope="col">Samenstelling</TableHeaderCell>
              <TableHeaderCell scope="col">Gewijzigd</TableHeaderCell>
              <TableHeaderCell scope="col">Acties</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {sets.map((set) => (
              <TableRow key={set.id}>
                <TableHeaderCell scope="row">{set.name}</TableHeaderCell>
                <TableCell>{set.description}</TableCell>
                <TableCell>{formatDate(set.updatedAt)}</TableCell>
                <TableCell>
                  <ul className="bfm-inline-list">
                    <li>
                      <Link className="utrecht-link" to={`/vergelijkingsgroepen/${set.id}`}>
                        ‘{set.name}’ wijzigen
                      </Link>
                    </li>
                    <li>
                      <Link
                        className="utrecht-link"
                        to={`/vergelijkingsgroepen/${set.id}/verwijderen`}
                      >
                        ‘{set.name}’ verwijderen
                      </Link>
                    </li>
                  </ul>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </TableScroll>
      )}
    </div>
  );
}
