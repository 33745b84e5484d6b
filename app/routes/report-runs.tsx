import {
  Heading1,
  Heading2,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useEffect } from 'react';
import { Form, redirect, useRevalidator, type Params } from 'react-router';
import type { Route } from './+types/report-runs';
import { CsrfInput } from '../components/csrf-input';
import { TableScroll } from '../components/table-scroll';
import { formatDateTime } from '../lib/format';
import { handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { pageHandle, pageMeta, roundTrail, type Trail } from '../lib/navigation';
import { readReportRunOverview, reportPdfPath, startReportRun } from '../lib/services.server';
import { requireSession, verifyCsrf } from '../lib/session.server';

type Data = Route.MetaArgs['loaderData'];

const trail = (data: Data | undefined, params: Params): Trail => [
  ...roundTrail(params, data?.roundName),
  {
    label: 'Rapporten',
    to: `/metingen/${encodeURIComponent(params.roundId ?? '')}/rapporten`,
    inTitle: true,
  },
];

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

const STATUS_TEXT: Record<string, string> = {
  queued: 'wacht op een vrije verwerker',
  running: 'bezig',
  done: 'klaar',
  failed: 'mislukt',
};

/** The coordinator's page for the bulk run: start it, follow it, download the reports. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const overview = await handleErrors(() =>
    readReportRunOverview(context.db, session.user, params.roundId),
  );
  const run = overview.run;
  return {
    roundName: overview.roundName,
    storedCount: overview.storedCount,
    canStart: context.reportQueue !== undefined,
    run: run
      ? {
          status: run.status,
          statusText: STATUS_TEXT[run.status] ?? run.status,
          active: run.status === 'queued' || run.status === 'running',
          total: run.total,
          done: run.done,
          skipped: run.skipped,
          failed: run.failed,
          error: run.error,
          startedAt: run.startedAt.toISOString(),
          finishedAt: run.finishedAt?.toISOString() ?? null,
        }
      : null,
    reports: overview.municipalities
      .filter((m) => m.stored)
      .map((m) => ({ code: m.code, name: m.name, href: reportPdfPath(params.roundId, m.code) })),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  readIntent(form, 'routes/report-runs.tsx');
  await handleErrors(() =>
    startReportRun(context.db, session.user, {
      roundId: params.roundId,
      queue: context.reportQueue,
    }),
  );
  throw redirect(`/metingen/${encodeURIComponent(params.roundId)}/rapporten`);
}

/** With JavaScript, the numbers refresh every few seconds while the run is going. */
function useRefreshWhile(active: boolean) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (revalidator.state === 'idle') void revalidator.revalidate();
    }, 3000);
    return () => clearInterval(timer);
  }, [active, revalidator]);
}

export default function ReportRuns({ loaderData }: Route.ComponentProps) {
  const { run } = loaderData;
  useRefreshWhile(run?.active ?? false);
  return (
    <div className="bfm-stack">
      <Heading1>Rapporten van alle gemeenten</Heading1>
      <Paragraph>
        Hier maakt u het rapport van elke gemeente als PDF. Rapporten waarvan de gegevens niet
        veranderd zijn, worden overgeslagen. De gemeenten downloaden hun eigen rapport op hun
        pagina.
      </Paragraph>
      <section aria-labelledby="voortgang">
        <Heading2 id="voortgang">Voortgang</Heading2>
        {run ? (
          <div role="status">
            <Paragraph>
              Laatste ronde, gestart {formatDateTime(run.startedAt)}: {run.statusText}. {run.done}{' '}
              van {run.total} gemeenten verwerkt ({run.skipped} ongewijzigd overgeslagen,{' '}
              {run.failed} mislukt).
              {run.finishedAt ? ` Klaar op ${formatDateTime(run.finishedAt)}.` : ''}
            </Paragraph>
            <progress max={run.total} value={run.done} aria-label="Voortgang van de rapporten">
              {run.done} van {run.total}
            </progress>
            {run.error ? <Paragraph>Fout: {run.error}</Paragraph> : null}
            {run.active ? (
              <Paragraph>Laad deze pagina opnieuw om de voortgang te zien.</Paragraph>
            ) : null}
          </div>
        ) : (
          <Paragraph>Er zijn nog geen rapporten gemaakt.</Paragraph>
        )}
        {run?.active ? null : (
          <Form method="post" className="bfm-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="start" />
            <button type="submit" className="utrecht-button utrecht-button--primary-action">
              Rapporten maken
            </button>
          </Form>
        )}
        {loaderData.canStart ? null : (
          <Paragraph>
            Let op: deze server draait geen achtergrondtaken; start hem met bfm serve.
          </Paragraph>
        )}
      </section>
      <section aria-labelledby="gemaakt">
        <Heading2 id="gemaakt">Gemaakte rapporten ({loaderData.storedCount})</Heading2>
        {loaderData.reports.length === 0 ? (
          <Paragraph>Nog geen rapporten.</Paragraph>
        ) : (
          <TableScroll caption="Rapporten als PDF">
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Gemeente</TableHeaderCell>
                <TableHeaderCell scope="col">Rapport</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {loaderData.reports.map((report) => (
                <TableRow key={report.code}>
                  <TableCell>
                    {report.name} (GM{report.code})
                  </TableCell>
                  <TableCell>
                    <a className="utrecht-link" href={report.href} download>
                      PDF van {report.name}
                    </a>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </TableScroll>
        )}
      </section>
    </div>
  );
}
