import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { Link, type Params } from 'react-router';
import type { Route } from './+types/analysis-items';
import { AnalysisLayout, ChartFigure, DataTableView } from '../components/analysis-layout';
import { keepParams, loadDashboardPage, tableDownloads } from '../lib/dashboard.server';
import { analysisCharts, dashboardTables, writeFilterParams } from '../lib/services.server';
import { analysisTrail, pageHandle, pageMeta } from '../lib/navigation';

type Data = Route.MetaArgs['loaderData'];
const trail = (data: Data | undefined, params: Params) =>
  analysisTrail(params, data?.layout.round.name, { label: 'Items', path: 'items' });
export const handle = pageHandle(trail);
export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

/**
 * The answers to the items of one basisfunctie as bars stacked to 100% (figures 5–9, 12 and
 * 14–21 of the 2009 report). The basisfunctie is chosen by a link (`?vragenlijst=…&
 * basisfunctie=…`); without one, the first of the first questionnaire.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const wanted = {
    vragenlijst: url.searchParams.get('vragenlijst') ?? '',
    basisfunctie: url.searchParams.get('basisfunctie') ?? '',
  };
  const first = await loadDashboardPage(request, context, params, 'items');
  const { view } = first.dashboard;
  const chosen =
    view.basisfuncties.find(
      (b) => b.questionnaire === wanted.vragenlijst && b.basisfunctie === wanted.basisfunctie,
    ) ?? view.basisfuncties[0];
  // The layout's filter form keeps the chosen basisfunctie (hidden fields).
  const page = keepParams(
    first,
    chosen ? { vragenlijst: chosen.questionnaire, basisfunctie: chosen.basisfunctie } : {},
  );
  const filterParams = writeFilterParams(view.filter);
  const choices = dashboardTables.listQuestionnaires(page.dashboard.tableSource).map((q) => ({
    id: q,
    label: dashboardTables.capitalize(q),
    basisfuncties: view.basisfuncties
      .filter((b) => b.questionnaire === q)
      .map((b) => {
        const query = new URLSearchParams(filterParams);
        query.set('vragenlijst', q);
        query.set('basisfunctie', b.basisfunctie);
        return {
          id: b.basisfunctie,
          name: b.name,
          href: `${page.base}/items?${query.toString()}#verdeling`,
          current: b === chosen,
        };
      }),
  }));
  if (!chosen) return { layout: page.layout, choices, chosen: null };
  const items = view.items
    .filter(
      (item) =>
        item.questionnaire === chosen.questionnaire && item.basisfunctie === chosen.basisfunctie,
    )
    .map((item) => ({
      label: `Vraag ${item.question}`,
      percentages: item.percentages,
      answered: item.answered,
      suppressed: item.suppressed,
    }));
  const table = dashboardTables.buildItemTable(
    page.dashboard.tableSource,
    chosen.questionnaire,
    chosen.basisfunctie,
  );
  return {
    layout: page.layout,
    choices,
    chosen: {
      name: chosen.name,
      questionnaire: chosen.questionnaire,
      svg: analysisCharts.renderItemStackChart({
        items,
        alt: `Antwoorden op de vragen van ${chosen.name} (${chosen.questionnaire})`,
      }),
      summary: analysisCharts.summarizeItems(items),
      table: { table, downloads: tableDownloads(page, table.id) },
    },
  };
}

export default function AnalysisItems({ loaderData }: Route.ComponentProps) {
  const { layout, choices, chosen } = loaderData;
  return (
    <AnalysisLayout layout={layout} title="Items">
      <nav aria-labelledby="kies-basisfunctie" className="bfm-stack">
        <Heading2 id="kies-basisfunctie">Kies een basisfunctie</Heading2>
        <div className="bfm-analysis-grid">
          {choices.map((q) => (
            <div key={q.id}>
              <Paragraph>
                <strong>{q.label}</strong>
              </Paragraph>
              <ul className="bfm-analysis-choice-list">
                {q.basisfuncties.map((b) => (
                  <li key={b.id}>
                    <Link
                      className="utrecht-link"
                      to={b.href}
                      aria-current={b.current ? 'page' : undefined}
                    >
                      {b.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </nav>
      {chosen ? (
        <section aria-labelledby="verdeling" className="bfm-stack">
          <Heading2 id="verdeling">
            {chosen.name} ({chosen.questionnaire})
          </Heading2>
          <ChartFigure svg={chosen.svg} summary={chosen.summary}>
            <DataTableView table={chosen.table.table} downloads={chosen.table.downloads} />
          </ChartFigure>
        </section>
      ) : (
        <Paragraph>Deze meting heeft geen basisfuncties.</Paragraph>
      )}
    </AnalysisLayout>
  );
}
