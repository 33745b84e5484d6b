import '@utrecht/component-library-css/dist/index.css';
import './theme/theme.css';
import './app.css';
import {
  Document,
  Heading1,
  Link as UtrechtLink,
  Page,
  PageContent,
  PageFooter,
  PageHeader,
  Paragraph,
  SkipLink,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from 'react-router';
import type { Route } from './+types/root';
import { getSession } from './lib/session.server';
import { ROLE_LABELS } from './lib/services.server';

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await getSession(request, context);
  return {
    user: session
      ? {
          name: session.user.name,
          role: session.user.role,
          roleLabel: ROLE_LABELS[session.user.role],
        }
      : null,
    csrf: session?.csrfToken ?? null,
  };
}

export function Layout({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData<typeof loader>('root');
  return (
    <html lang="nl" className="bfm-theme">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="utrecht-body">
        <Document>
          <SkipLink href="#inhoud">Naar de inhoud</SkipLink>
          <Page>
            <PageHeader>
              <div className="bfm-header">
                <Link to="/" className="utrecht-link bfm-brand">
                  Basisfunctiemonitor
                </Link>
                <nav aria-label="Hoofdmenu" className="bfm-nav">
                  {root?.user ? (
                    <>
                      <Link className="utrecht-link" to="/metingen">
                        Metingen
                      </Link>
                      {root.user.role === 'coordinator' ? (
                        <>
                          <Link className="utrecht-link" to="/accounts">
                            Accounts
                          </Link>
                          <Link className="utrecht-link" to="/api-sleutels">
                            API-sleutels
                          </Link>
                        </>
                      ) : null}
                      <span>
                        {root.user.name} ({root.user.roleLabel})
                      </span>
                      <form method="post" action="/uitloggen" className="bfm-inline-form">
                        <input type="hidden" name="csrf" value={root.csrf ?? ''} />
                        <button
                          type="submit"
                          className="utrecht-button utrecht-button--secondary-action"
                        >
                          Uitloggen
                        </button>
                      </form>
                    </>
                  ) : (
                    <Link className="utrecht-link" to="/inloggen">
                      Inloggen
                    </Link>
                  )}
                </nav>
              </div>
            </PageHeader>
            <PageContent>
              <main id="inhoud" tabIndex={-1}>
                {children}
              </main>
            </PageContent>
            <PageFooter>
              <Paragraph>
                Basisfunctiemonitor – ondersteuning van mantelzorg en vrijwilligerswerk (Wmo
                prestatieveld 4).{' '}
                <UtrechtLink href="/over">Over deze monitor en de bronnen</UtrechtLink>
              </Paragraph>
            </PageFooter>
          </Page>
        </Document>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  let title = 'Er ging iets mis';
  let message =
    'Probeer het later opnieuw. Blijft het misgaan, neem dan contact op met de landelijk coördinator.';
  if (isRouteErrorResponse(error)) {
    const text = (error.data as { message?: string } | undefined)?.message;
    if (error.status === 404) title = 'Pagina niet gevonden';
    if (error.status === 403) title = 'Geen toegang';
    if (text) message = text;
  }
  return (
    <>
      <Heading1>{title}</Heading1>
      <Paragraph>{message}</Paragraph>
      <Paragraph>
        <Link className="utrecht-link" to="/">
          Naar de startpagina
        </Link>
      </Paragraph>
    </>
  );
}
