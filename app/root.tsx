import '@utrecht/component-library-css/dist/index.css';
import './theme/theme.css';
import './app.css';
import {
  Document,
  Heading1,
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
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from 'react-router';
import type { Route } from './+types/root';
import { Breadcrumbs } from './components/breadcrumbs';
import { APP_NAME } from './lib/navigation';
import { getSession } from './lib/session.server';
import { can, rolesAllowed, ROLE_LABELS } from './lib/services.server';

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
    // What the menu offers, from the permission table.
    nav: {
      accounts: !!session && can(session.user, 'accounts.manage'),
      apiTokens: !!session && can(session.user, 'apiTokens.manage'),
      instruments: !!session && can(session.user, 'instrument.view'),
      outbox: !!session && can(session.user, 'outbox.read'),
      peerSets: !!session && can(session.user, 'peerSets.manage'),
      // Issue 12, helper A: every role that reads talks somewhere (each sees its own scope).
      talks: !!session && rolesAllowed('talks.read').includes(session.user.role),
      // Issue 12 (helper B): open actions, and one's own settings (the weekly digest).
      actions: !!session && can(session.user, 'digest.manage'),
    },
    csrf: session?.csrfToken ?? null,
  };
}

export function links() {
  return [
    { rel: 'icon', href: '/favicon.ico', sizes: '32x32' },
    { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
  ];
}

/** What an error page says: never the error itself (no stack trace, SQL or path). */
function describeError(error: unknown): { title: string; message: string } {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // Messages thrown with data({ message }) are written for users; anything else is not shown.
  const given = isRouteErrorResponse(error)
    ? (error.data as { message?: unknown } | undefined)?.message
    : undefined;
  const message = typeof given === 'string' ? given : undefined;
  if (status === 404)
    return {
      title: 'Pagina niet gevonden',
      message:
        message ??
        'Deze pagina bestaat niet. Misschien is de link verouderd of is het adres verkeerd getypt.',
    };
  if (status === 403)
    return {
      title: 'Geen toegang',
      message: message ?? 'U heeft geen toegang tot deze pagina.',
    };
  if (status < 500 && message) return { title: 'Dit lukte niet', message };
  // Something the server needs is missing (Chromium for a PDF): the message says what to do.
  if (status === 503 && message) return { title: 'Tijdelijk niet beschikbaar', message };
  return {
    title: 'Er ging iets mis',
    message:
      'Probeer het later opnieuw. Blijft het misgaan, neem dan contact op met de landelijk coördinator.',
  };
}

/** Only shown on error pages: every page route has a meta of its own. */
export function meta({ error }: Route.MetaArgs) {
  return [{ title: `${error === undefined ? '' : `${describeError(error).title} – `}${APP_NAME}` }];
}

/** A menu item; the current page is marked for screen readers and visually. */
function MenuLink({ to, children }: { to: string; children: ReactNode }) {
  const { pathname } = useLocation();
  const current =
    pathname === to ? ('page' as const) : pathname.startsWith(`${to}/`) ? true : undefined;
  return (
    <li className="bfm-menu__item">
      <Link
        className="utrecht-link utrecht-link--html-a bfm-menu__link"
        to={to}
        aria-current={current}
      >
        {children}
      </Link>
    </li>
  );
}

function BrandMark() {
  return (
    <svg className="bfm-brand__mark" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true">
      <rect width="32" height="32" rx="6" fill="currentColor" />
      <rect x="7" y="17" width="4" height="8" rx="1" fill="#fff" />
      <rect x="14" y="12" width="4" height="13" rx="1" fill="#fff" />
      <rect x="21" y="7" width="4" height="18" rx="1" fill="#fff" />
    </svg>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData<typeof loader>('root');
  const user = root?.user ?? null;
  return (
    <html lang="nl" className="bfm-theme">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="utrecht-body">
        <Document className="utrecht-document--surface bfm-document">
          <SkipLink href="#inhoud">Naar de inhoud</SkipLink>
          <PageHeader>
            <div className="utrecht-page-header__content bfm-header">
              <Link to="/" className="bfm-brand">
                <BrandMark />
                <span>{APP_NAME}</span>
              </Link>
              <div className="bfm-account">
                {user ? (
                  <>
                    <span className="bfm-account__name">
                      {user.name} ({user.roleLabel})
                    </span>
                    {root?.nav.actions ? (
                      <Link to="/instellingen" className="utrecht-link utrecht-link--html-a">
                        Mijn instellingen
                      </Link>
                    ) : null}
                    <form method="post" action="/uitloggen" className="bfm-inline-form">
                      <input type="hidden" name="csrf" value={root?.csrf ?? ''} />
                      <button
                        type="submit"
                        className="utrecht-button utrecht-button--secondary-action"
                      >
                        Uitloggen
                      </button>
                    </form>
                  </>
                ) : (
                  <ul className="bfm-menu">
                    <MenuLink to="/inloggen">Inloggen</MenuLink>
                  </ul>
                )}
              </div>
              {user ? (
                <nav aria-label="Hoofdmenu" className="bfm-nav">
                  <ul className="bfm-menu">
                    <MenuLink to="/metingen">Metingen</MenuLink>
                    {root?.nav.talks ? (
                      <MenuLink to="/gesprekken">Adviesgesprekken</MenuLink>
                    ) : null}
                    {root?.nav.peerSets ? (
                      <MenuLink to="/vergelijkingsgroepen">Vergelijkingsgroepen</MenuLink>
                    ) : null}
                    {root?.nav.instruments ? (
                      <MenuLink to="/instrumenten">Instrumenten</MenuLink>
                    ) : null}
                    {root?.nav.actions ? <MenuLink to="/acties">Acties</MenuLink> : null}
                    {root?.nav.outbox ? <MenuLink to="/postvak">Postvak</MenuLink> : null}
                    {root?.nav.accounts ? <MenuLink to="/accounts">Accounts</MenuLink> : null}
                    {root?.nav.apiTokens ? (
                      <MenuLink to="/api-sleutels">API-sleutels</MenuLink>
                    ) : null}
                  </ul>
                </nav>
              ) : null}
            </div>
          </PageHeader>
          <div className="bfm-page-body">
            <Page>
              <PageContent>{children}</PageContent>
            </Page>
          </div>
          <PageFooter>
            <div className="utrecht-page-footer__content bfm-footer">
              <Paragraph>
                <strong>{APP_NAME}</strong>: de landelijke monitor van de lokale ondersteuning van
                mantelzorg en vrijwilligerswerk (Wmo prestatieveld 4).
              </Paragraph>
              <Paragraph>
                <Link className="utrecht-link utrecht-link--html-a" to="/over">
                  Over deze monitor en de bronnen
                </Link>
              </Paragraph>
              <Paragraph>
                <Link className="utrecht-link utrecht-link--html-a" to="/openbaar">
                  Openbare resultaten (open data)
                </Link>
              </Paragraph>
            </div>
          </PageFooter>
        </Document>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return (
    <>
      <Breadcrumbs />
      <main id="inhoud" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}

export function ErrorBoundary() {
  const { title, message } = describeError(useRouteError());
  return (
    <main id="inhoud" tabIndex={-1} className="bfm-stack">
      <Heading1>{title}</Heading1>
      <Paragraph>{message}</Paragraph>
      <Paragraph>
        <Link className="utrecht-link utrecht-link--html-a" to="/">
          Naar de startpagina
        </Link>
      </Paragraph>
    </main>
  );
}
