import { Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { data, Link } from 'react-router';
import type { Route } from './+types/audit';
import { AuditFilters } from '../components/audit-filters';
import { AuditTable, toAuditRows } from '../components/audit-table';
import { handleErrors } from '../lib/http.server';
import { basePath } from '../lib/questionnaire.server';
import { requireSession } from '../lib/session.server';
import { can, searchAuditTrail } from '../lib/services.server';
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

/** A query string of the filters that are set (`?wie=3&van=1-3-2026`), or ''. */
function toSearch(query: object, extra: Record<string, string> = {}) {
  const search = new URLSearchParams(
    Object.entries({ ...query, ...extra } as Record<string, string>).filter(
      ([, value]) => value !== '',
    ),
  ).toString();
  return search ? `?${search}` : '';
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const url = new URL(request.url);
  const view = await handleErrors(() =>
    searchAuditTrail(context.db, session.user, {
      roundId: params.roundId,
      municipalityCode: params.code,
      query: Object.fromEntries(url.searchParams),
    }),
  );
  const base = basePath({ roundId: params.roundId, municipalityCode: params.code });
  const here = `${base}/logboek`;
  const page = (number: number) => `${here}${toSearch(view.query, { pagina: String(number) })}`;
  return data(
    {
      base,
      here,
      municipality: view.municipality.name,
      roundName: view.roundName,
      persons: view.persons,
      questionnaires: view.questionnaires,
      query: view.query,
      filtered: view.filtered,
      errors: view.issues,
      rows: toAuditRows(view.events),
      total: view.total,
      page: view.page,
      pageCount: view.pageCount,
      previous: view.page > 1 ? page(view.page - 1) : null,
      next: view.page < view.pageCount ? page(view.page + 1) : null,
      // Downloading is for the coordinator only (permission 'audit.export').
      exportHref: can(session.user, 'audit.export', view.municipality)
        ? `${here}.csv${toSearch(view.query)}`
        : null,
    },
    // Invalid filters are the user's to fix: the form comes back with a message per field.
    { status: view.issues.length > 0 ? 400 : 200 },
  );
}

/** The sentence above the table: how many changes, or why there are none. */
function describeCount(total: number, filtered: boolean, page: number, pageCount: number): string {
  if (total === 0)
    return filtered
      ? 'Geen wijzigingen die aan deze filters voldoen.'
      : 'Er zijn nog geen wijzigingen.';
  const count = total === 1 ? '1 wijziging' : `${total} wijzigingen`;
  const which = filtered
    ? total === 1
      ? ' die aan deze filters voldoet'
      : ' die aan deze filters voldoen'
    : '';
  const where = pageCount > 1 ? `; pagina ${page} van ${pageCount}` : '';
  return `${count}${which}, nieuwste eerst${where}.`;
}

export default function Audit({ loaderData }: Route.ComponentProps) {
  const d = loaderData;
  return (
    <div className="bfm-stack">
      <Heading1>Logboek: {d.municipality}</Heading1>
      <Paragraph>
        Elke wijziging in {d.roundName}: antwoorden en toelichtingen, indienen en heropenen,
        deelname en uitnodigingen, met wie het deed en wanneer.
      </Paragraph>
      <section aria-labelledby="filters" className="bfm-stack">
        <Heading2 id="filters">Filteren</Heading2>
        <AuditFilters
          action={d.here}
          persons={d.persons}
          questionnaires={d.questionnaires}
          query={d.query}
          filtered={d.filtered}
          errors={d.errors}
        />
      </section>
      {d.errors.length === 0 ? (
        <section aria-labelledby="wijzigingen" className="bfm-stack">
          <Heading2 id="wijzigingen">Wijzigingen</Heading2>
          <Paragraph>{describeCount(d.total, d.filtered, d.page, d.pageCount)}</Paragraph>
          {d.exportHref && d.total > 0 ? (
            <Paragraph>
              <a className="utrecht-link" href={d.exportHref} download>
                {d.filtered ? 'Deze wijzigingen downloaden' : 'Het logboek downloaden'} (CSV, voor
                Excel)
              </a>
            </Paragraph>
          ) : null}
          {d.total > 0 ? (
            <AuditTable
              caption={`Wijzigingen in het logboek van ${d.municipality}, nieuwste eerst${d.pageCount > 1 ? ` (pagina ${d.page} van ${d.pageCount})` : ''}`}
              hideCaption
              rows={d.rows}
            />
          ) : null}
          {d.pageCount > 1 ? (
            <nav aria-label="Pagina's van het logboek" className="bfm-actions">
              {d.previous ? (
                <Link className="utrecht-link" to={d.previous}>
                  Vorige pagina
                </Link>
              ) : null}
              <span>
                Pagina {d.page} van {d.pageCount}
              </span>
              {d.next ? (
                <Link className="utrecht-link" to={d.next}>
                  Volgende pagina
                </Link>
              ) : null}
            </nav>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
