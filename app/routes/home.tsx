import {
  Heading1,
  Heading2,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { Link } from 'react-router';
import type { Route } from './+types/home';
import { getSession } from '../lib/session.server';
import { HOME, pageMeta } from '../lib/navigation';

export function meta() {
  return pageMeta([HOME]);
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await getSession(request, context);
  return { signedIn: session !== null, name: session?.user.name ?? null };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  return (
    <div className="bfm-stack">
      <Heading1>Basisfunctiemonitor</Heading1>
      <Paragraph lead>
        Gemeenten, provinciale adviseurs en de landelijk coördinator meten samen hoe de lokale
        ondersteuning van mantelzorgers en vrijwilligers ervoor staat, aan de hand van de
        basisfuncties.
      </Paragraph>
      {loaderData.signedIn ? (
        <>
          <Heading2>Welkom, {loaderData.name}</Heading2>
          <Paragraph>
            <Link className="utrecht-link" to="/metingen">
              Naar de metingen
            </Link>
          </Paragraph>
        </>
      ) : (
        <>
          <Heading2>Zo werkt het</Heading2>
          <UnorderedList>
            <UnorderedListItem>
              De coördinator zet een meting uit en nodigt gemeenten uit.
            </UnorderedListItem>
            <UnorderedListItem>
              Elke gemeente vult met haar provinciale adviseur twee vragenlijsten in:
              vrijwilligerswerk en mantelzorg.
            </UnorderedListItem>
            <UnorderedListItem>
              Na het indienen ziet de gemeente per basisfunctie haar cijfer en oordeel.
            </UnorderedListItem>
          </UnorderedList>
          <Paragraph>
            <Link className="utrecht-link" to="/inloggen">
              Inloggen
            </Link>
          </Paragraph>
        </>
      )}
    </div>
  );
}
