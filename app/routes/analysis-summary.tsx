import { Heading2, Paragraph } from '@utrecht/component-library-react';
import type { Params } from 'react-router';
import type { Route } from './+types/analysis-summary';
import { AnalysisLayout, ChartFigure, DataTableView } from '../components/analysis-layout';
import { loadDashboardPage, tableDownloads } from '../lib/dashboard.server';
import { analysisCharts, dashboardTables } from '../lib/services.server';
import { analysisTrail, pageHandle, pageMeta } from '../lib/navigation';

type Data = Route.MetaArgs['loaderData'];
const trail = (data: Data | undefined, params: Params) =>
  analysisTrail(params, data?.layout.round.name, { label: 'Samenvatting', path: 'samenvatting' });
export const handle = pageHandle(trail);
export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

/** In words how strongly Pearson's r ties the two fields. */
function describePearson(r: number | null): string {
  if (r === null) return "Pearson's r is niet te berekenen of onderdrukt.";
  const size = Math.abs(r);
  const strength = size < 0.1 ? 'nauwelijks' : size < 0.3 ? 'zwak' : size < 0.5 ? 'matig' : 'sterk';
  const formatted = r.toLocaleString('nl-NL', { maximumFractionDigits: 4 });
  return `Pearson's r = ${formatted}: gemeenten met meer basisfuncties goed in het ene veld hebben er ${strength} ${r >= 0 ? 'vaker' : 'minder vaak'} ook meer in het andere.`;
}

/**
 * The summary tables: how many basisfuncties are 'goed voor elkaar' (tabel C), all or none
 * (tabel 12) and the cross-table of vrijwilligerswerk × mantelzorg in counts and row and
 * column percentages with Pearson's r (bijlage 3, A and B).
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const page = await loadDashboardPage(request, context, params, 'samenvatting');
  const { view } = page.dashboard;
  const source = page.dashboard.tableSource;
  const countTable = dashboardTables.buildCountGoedTable(source);
  const allOrNone = dashboardTables.buildAllOrNoneTable(source);
  const cross = dashboardTables.buildCrossTables(source);
  const charts = dashboardTables.listQuestionnaires(source).map((q) => {
    const counts = view.countGoed[q];
    const official = view.basisfuncties.filter((b) => b.questionnaire === q && b.official).length;
    const values: (number | null)[] = counts
      ? [...counts]
      : Array.from({ length: official + 1 }, () => null);
    const respondents = view.respondents[q] ?? 0;
    const rows = values.map((count, k) => ({
      label: `${k} ${k === 1 ? 'basisfunctie' : 'basisfuncties'}`,
      percent:
        count === null || respondents === 0 ? null : Math.round((1000 * count) / respondents) / 10,
      respondents,
      suppressed: count === null,
    }));
    return {
      id: q,
      label: dashboardTables.capitalize(q),
      svg: analysisCharts.renderCountGoedChart({
        counts: values,
        respondents,
        alt: `Aantal basisfuncties 'goed voor elkaar' per gemeente, ${q}`,
      }),
      summary: analysisCharts.summarizeBars(rows, 'van de gemeenten'),
    };
  });
  return {
    layout: page.layout,
    countGoed: { table: countTable, downloads: tableDownloads(page, countTable.id) },
    charts,
    allOrNone: { table: allOrNone, downloads: tableDownloads(page, allOrNone.id) },
    cross: cross.map((table) => ({ table, downloads: tableDownloads(page, table.id) })),
    pearson: describePearson(view.pearsonR),
  };
}

export default function AnalysisSummary({ loaderData }: Route.ComponentProps) {
  const { layout } = loaderData;
  return (
    <AnalysisLayout layout={layout} title="Samenvatting">
      <section aria-labelledby="aantal-goed" className="bfm-stack">
        <Heading2 id="aantal-goed">
          Aantal basisfuncties &lsquo;goed voor elkaar&rsquo; (tabel C)
        </Heading2>
        <div className="bfm-analysis-grid">
          {loaderData.charts.map((chart) => (
            <ChartFigure
              key={chart.id}
              svg={chart.svg}
              summary={`${chart.label}: ${chart.summary}`}
            />
          ))}
        </div>
        <DataTableView
          table={loaderData.countGoed.table}
          downloads={loaderData.countGoed.downloads}
        />
      </section>
      <section aria-labelledby="alles-of-niets" className="bfm-stack">
        <Heading2 id="alles-of-niets">Alle of geen basisfuncties goed (tabel 12)</Heading2>
        <DataTableView
          table={loaderData.allOrNone.table}
          downloads={loaderData.allOrNone.downloads}
        />
      </section>
      <section aria-labelledby="kruistabel-velden" className="bfm-stack">
        <Heading2 id="kruistabel-velden">Vrijwilligerswerk × mantelzorg (bijlage 3)</Heading2>
        <Paragraph>{loaderData.pearson}</Paragraph>
        {loaderData.cross.map(({ table, downloads }) => (
          <DataTableView key={table.id} table={table} downloads={downloads} />
        ))}
      </section>
    </AnalysisLayout>
  );
}
