import { Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import type { Params } from 'react-router';
import type { Route } from './+types/analysis-choices';
import { AnalysisLayout, ChartFigure, DataTableView } from '../components/analysis-layout';
import { loadDashboardPage, tableDownloads } from '../lib/dashboard.server';
import { analysisCharts, dashboardTables } from '../lib/services.server';
import { analysisTrail, pageHandle, pageMeta } from '../lib/navigation';

type Data = Route.MetaArgs['loaderData'];
const trail = (data: Data | undefined, params: Params) =>
  analysisTrail(params, data?.layout.round.name, { label: 'Meerkeuzevragen', path: 'meerkeuze' });
export const handle = pageHandle(trail);
export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

/** The multiple-choice questions (tabellen 2–11 and the bijlage questions) with bar charts. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const page = await loadDashboardPage(request, context, params, 'meerkeuze');
  const { view } = page.dashboard;
  const source = page.dashboard.tableSource;
  const questionnaires = dashboardTables.listQuestionnaires(source).map((q) => ({
    id: q,
    label: dashboardTables.capitalize(q),
    questions: view.multipleChoice
      .filter((choice) => choice.questionnaire === q)
      .map((choice) => {
        const table = dashboardTables
          .buildChoiceTables(source, q)
          .find((candidate) => candidate.id === `meerkeuze-${q}-vraag-${choice.question}`);
        const rows = choice.options.map((option) => ({
          label: option.label,
          percent: option.percent,
          count: option.count,
          respondents: choice.respondents,
          suppressed: choice.suppressed,
        }));
        return {
          id: `${q}-vraag-${choice.question}`,
          question: choice.question,
          text: choice.text,
          kind: choice.kind,
          respondents: choice.respondents,
          svg: analysisCharts.renderChoiceChart({
            rows,
            alt: `Antwoorden op vraag ${choice.question} (${q}): ${choice.text}`,
          }),
          summary: analysisCharts.summarizeBars(rows, 'gekozen'),
          table: table ? { table, downloads: tableDownloads(page, table.id) } : null,
        };
      }),
  }));
  return { layout: page.layout, questionnaires };
}

export default function AnalysisChoices({ loaderData }: Route.ComponentProps) {
  const { layout, questionnaires } = loaderData;
  return (
    <AnalysisLayout layout={layout} title="Meerkeuzevragen">
      <Paragraph>
        Percentages van de gemeenten die bij de vraag minstens één antwoord kozen. Waar meer
        antwoorden mogelijk waren, tellen ze op tot meer dan 100%.
      </Paragraph>
      {questionnaires.map((q) => (
        <section key={q.id} aria-labelledby={`meerkeuze-${q.id}`} className="bfm-stack">
          <Heading2 id={`meerkeuze-${q.id}`}>{q.label}</Heading2>
          {q.questions.length === 0 ? <Paragraph>Geen meerkeuzevragen.</Paragraph> : null}
          {q.questions.map((question) => (
            <section key={question.id} aria-labelledby={question.id} className="bfm-stack">
              <Heading3 id={question.id}>
                Vraag {question.question}. {question.text}
              </Heading3>
              <Paragraph>
                {question.kind === 'multiple' ? 'Meer antwoorden mogelijk; ' : 'Eén antwoord; '}
                {question.respondents} gemeenten kozen een antwoord.
              </Paragraph>
              <ChartFigure svg={question.svg} summary={question.summary}>
                {question.table ? (
                  <DataTableView
                    table={question.table.table}
                    downloads={question.table.downloads}
                    caption={`Vraag ${question.question}: aantallen en percentages`}
                  />
                ) : null}
              </ChartFigure>
            </section>
          ))}
        </section>
      ))}
    </AnalysisLayout>
  );
}
