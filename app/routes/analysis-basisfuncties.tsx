import { Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { Link, type Params } from 'react-router';
import type { Route } from './+types/analysis-basisfuncties';
import { AnalysisLayout, ChartFigure, DataTableView } from '../components/analysis-layout';
import { keepParams, loadDashboardPage, tableDownloads } from '../lib/dashboard.server';
import { analysisCharts, dashboardTables, writeFilterParams } from '../lib/services.server';
import { analysisTrail, pageHandle, pageMeta } from '../lib/navigation';

type Data = Route.MetaArgs['loaderData'];
const trail = (data: Data | undefined, params: Params) =>
  analysisTrail(params, data?.layout.round.name, {
    label: 'Basisfuncties',
    path: 'basisfuncties',
  });
export const handle = pageHandle(trail);
export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

/**
 * The percentage 'goed voor elkaar' per basisfunctie for both questionnaires: nationally
 * (report figures 3 and 4) and by size class, group and province (figures 10 and 11,
 * bijlage figures A and B), with the mean marks.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const first = await loadDashboardPage(request, context, params, 'basisfuncties');
  const { view } = first.dashboard;
  // The charts per group are drawn for one breakdown at a time (`?grafieken=provincie`): all
  // three at once are some 45 charts, which made the page heavy to send and to read.
  const wanted = new URL(request.url).searchParams.get('grafieken');
  const shown = dashboardTables.DIMENSIONS.find((d) => d.id === wanted)?.id ?? null;
  const page = keepParams(first, shown ? { grafieken: shown } : {});
  const chartsHref = (dimension: string, q: string) => {
    const query = writeFilterParams(view.filter);
    query.set('grafieken', dimension);
    return `${page.base}/basisfuncties?${query.toString()}#${q}-${dimension}`;
  };
  const source = page.dashboard.tableSource;
  const questionnaires = dashboardTables.listQuestionnaires(source).map((q) => {
    const shares = view.basisfuncties.filter((b) => b.questionnaire === q);
    const rows = shares.map((b) => ({
      label: b.name,
      percent: b.percentGoed,
      respondents: b.respondents,
      suppressed: b.suppressed,
    }));
    const national = dashboardTables.buildBasisfunctieTable(source, q);
    const breakdowns = dashboardTables.DIMENSIONS.map((dimension) => {
      const groups = view[dimension.key];
      const table = dashboardTables.buildBreakdownTable(source, q, dimension.id);
      const marks = dashboardTables.buildBreakdownMarkTable(source, q, dimension.id);
      // One chart per basisfunctie, its groups as bars: readable on a phone, unlike
      // clusters of up to 12 bars per basisfunctie.
      const charts = (shown === dimension.id ? shares : []).map((b) => {
        const groupRows = groups
          .filter((group) => group.municipalities > 0)
          .map((group) => {
            const share = group.basisfuncties.find(
              (s) => s.questionnaire === q && s.basisfunctie === b.basisfunctie,
            );
            return {
              label: group.label,
              percent: share?.percentGoed ?? null,
              respondents: share?.respondents ?? 0,
              suppressed: share?.suppressed ?? false,
            };
          });
        return {
          id: b.basisfunctie,
          name: b.name,
          svg: analysisCharts.renderShareChart({
            rows: groupRows,
            alt: `Percentage 'goed voor elkaar' voor ${b.name} (${q}) per ${dimension.label}`,
          }),
          summary: analysisCharts.summarizeBars(groupRows, "'goed voor elkaar'"),
        };
      });
      return {
        id: dimension.id,
        label: dimension.label,
        charts,
        chartsHref: chartsHref(dimension.id, q),
        table: { table, downloads: tableDownloads(page, table.id) },
        marks: { table: marks, downloads: tableDownloads(page, marks.id) },
      };
    });
    return {
      id: q,
      label: dashboardTables.capitalize(q),
      respondents: view.respondents[q] ?? 0,
      chart: analysisCharts.renderShareChart({
        rows,
        alt: `Percentage gemeenten met 'goed voor elkaar' per basisfunctie, ${q}`,
      }),
      summary: analysisCharts.summarizeBars(rows, "'goed voor elkaar'"),
      national: { table: national, downloads: tableDownloads(page, national.id) },
      breakdowns,
    };
  });
  return { layout: page.layout, questionnaires };
}

export default function AnalysisBasisfuncties({ loaderData }: Route.ComponentProps) {
  const { layout, questionnaires } = loaderData;
  return (
    <AnalysisLayout layout={layout} title="Basisfuncties">
      <Paragraph>
        Per basisfunctie het percentage gemeenten met het oordeel &lsquo;goed voor elkaar&rsquo;
        (een cijfer van 6 of hoger), van de gemeenten met een cijfer voor die basisfunctie. Spring
        naar:{' '}
        {questionnaires.map((q, index) => (
          <span key={q.id}>
            {index > 0 ? ', ' : ''}
            <a className="utrecht-link" href={`#${q.id}`}>
              {q.label}
            </a>
          </span>
        ))}
        .
      </Paragraph>
      {questionnaires.map((q) => (
        <section key={q.id} aria-labelledby={q.id} className="bfm-stack">
          <Heading2 id={q.id}>
            {q.label} ({q.respondents} gemeenten)
          </Heading2>
          <Heading3 id={`${q.id}-landelijk`}>Landelijk</Heading3>
          <ChartFigure svg={q.chart} summary={q.summary}>
            <DataTableView table={q.national.table} downloads={q.national.downloads} />
          </ChartFigure>
          {q.breakdowns.map((breakdown) => (
            <section
              key={breakdown.id}
              aria-labelledby={`${q.id}-${breakdown.id}`}
              className="bfm-stack"
            >
              <Heading3 id={`${q.id}-${breakdown.id}`}>Per {breakdown.label}</Heading3>
              <DataTableView table={breakdown.table.table} downloads={breakdown.table.downloads} />
              {breakdown.charts.length > 0 ? (
                <div className="bfm-analysis-grid">
                  {breakdown.charts.map((chart) => (
                    <ChartFigure
                      key={chart.id}
                      svg={chart.svg}
                      summary={`${chart.name}: ${chart.summary}`}
                    />
                  ))}
                </div>
              ) : (
                <Paragraph>
                  <Link className="utrecht-link" to={breakdown.chartsHref}>
                    Grafieken per {breakdown.label} tonen
                  </Link>
                </Paragraph>
              )}
              <DataTableView table={breakdown.marks.table} downloads={breakdown.marks.downloads} />
            </section>
          ))}
        </section>
      ))}
    </AnalysisLayout>
  );
}
