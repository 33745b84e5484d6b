import { Heading2, Paragraph } from '@utrecht/component-library-react';
import type { Params } from 'react-router';
import type { Route } from './+types/analysis';
import { AnalysisLayout, ChartFigure, DataTableView } from '../components/analysis-layout';
import { loadDashboardPage, tableDownloads } from '../lib/dashboard.server';
import { analysisCharts, can, dashboardTables, findBoundaryRegister } from '../lib/services.server';
import { analysisTrail, pageHandle, pageMeta } from '../lib/navigation';

type Data = Route.MetaArgs['loaderData'];
const trail = (data: Data | undefined, params: Params) =>
  analysisTrail(params, data?.layout.round.name, null);
export const handle = pageHandle(trail);
export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const page = await loadDashboardPage(request, context, params, '');
  const { view } = page.dashboard;
  const source = page.dashboard.tableSource;
  const tables = dashboardTables.buildResponseTables(source);
  const questionnaires = dashboardTables.listQuestionnaires(source);
  const maps = questionnaires.map((q) => {
    const provinces = view.byProvince.map((province) => ({
      code: province.id,
      name: province.label,
      percent:
        province.municipalities > 0
          ? Math.round((1000 * (province.respondents[q] ?? 0)) / province.municipalities) / 10
          : null,
      respondents: province.municipalities,
    }));
    return {
      id: q,
      svg: analysisCharts.renderProvinceChoropleth({
        provinces,
        alt: `Kaart: respons op de vragenlijst ${q} per provincie`,
        valueLabel: 'respons',
        registerId: view.register.id,
      }),
      summary: analysisCharts.summarizeBars(
        provinces.map((p) => ({ label: p.name, percent: p.percent, respondents: p.respondents })),
        'respons',
      ),
    };
  });
  // The response map by municipality, for those who see it on the round's page too: as an
  // image of its own address (routes/round-map.tsx), so this page does not carry its 441
  // areas twice (in the HTML and in the data the browser hydrates).
  const municipalityMap = can(page.user, 'round.viewMap')
    ? `/metingen/${encodeURIComponent(params.roundId ?? '')}/kaart.svg`
    : null;
  return {
    layout: page.layout,
    tables: tables.map((table) => ({ table, downloads: tableDownloads(page, table.id) })),
    maps,
    municipalityMap,
    boundaryYear: findBoundaryRegister(view.register.id),
    roundHref: `/metingen/${encodeURIComponent(params.roundId ?? '')}`,
  };
}

export default function AnalysisResponse({ loaderData }: Route.ComponentProps) {
  const { layout, tables, maps } = loaderData;
  const [national, ...breakdowns] = tables;
  return (
    <AnalysisLayout layout={layout} title="Respons">
      <section aria-labelledby="respons-landelijk" className="bfm-stack">
        <Heading2 id="respons-landelijk">Respons per vragenlijst</Heading2>
        {national ? <DataTableView table={national.table} downloads={national.downloads} /> : null}
      </section>
      <section aria-labelledby="respons-kaart" className="bfm-stack">
        <Heading2 id="respons-kaart">Respons per provincie op de kaart</Heading2>
        <div className="bfm-analysis-grid">
          {maps.map((map) => (
            <ChartFigure
              key={map.id}
              svg={map.svg}
              summary={`${map.id[0]?.toUpperCase()}${map.id.slice(1)}: ${map.summary}`}
            />
          ))}
        </div>
        <Paragraph>
          De kaarten tonen het percentage gemeenten van de provincie dat de vragenlijst invulde; de
          tabel &lsquo;Respons per provincie&rsquo; hieronder geeft de aantallen. Elke provincie op
          de kaart is met de Tab-toets te bereiken.
        </Paragraph>
        {loaderData.municipalityMap ? (
          <figure className="bfm-figure bfm-round-map">
            {/* The response map of the round's page (src/services/map-service.ts) as an image;
                the round's page has the same per municipality as a table. */}
            <img
              src={loaderData.municipalityMap}
              alt="Kaart van de respons per gemeente"
              width={480}
              height={560}
            />
            <figcaption>
              Respons per gemeente (gemeentegrenzen {loaderData.boundaryYear}, Kadaster / CBS), de
              hele meting zonder filter. De stand per gemeente staat als tabel op de{' '}
              <a className="utrecht-link" href={`${loaderData.roundHref}#gemeenten`}>
                pagina van de meting
              </a>
              .
            </figcaption>
          </figure>
        ) : null}
      </section>
      {breakdowns.map(({ table, downloads }) => (
        <section key={table.id} aria-labelledby={table.id} className="bfm-stack">
          <Heading2 id={table.id}>{table.title.replace(' (synthetische gegevens)', '')}</Heading2>
          <DataTableView table={table} downloads={downloads} />
        </section>
      ))}
    </AnalysisLayout>
  );
}
