import {
  Alert,
  Heading2,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { data, type Params } from 'react-router';
import type { Route } from './+types/analysis-talks';
import { AnalysisHeading, AnalysisNav, ChartFigure } from '../components/analysis-layout';
import { TableScroll } from '../components/table-scroll';
import { handleErrors } from '../lib/http.server';
import { pageHandle, pageMeta, roundTrail, type Trail } from '../lib/navigation';
import { requireSession } from '../lib/session.server';
import {
  buildTalkStatisticsView,
  loadTalkStatistics,
  mayExportAnswers,
} from '../lib/services.server';
import { COMBINATION_RULE_LABELS } from '../../src/domain/combination';
import { ACTION_STATUSES } from '../../src/domain/improvement';

type Data = Route.MetaArgs['loaderData'];

const base = (params: Params) => `/metingen/${encodeURIComponent(params.roundId ?? '')}`;

const trail = (data: Data | undefined, params: Params): Trail => [
  ...roundTrail(params, data?.stats.round.name),
  { label: 'Analyse', to: `${base(params)}/analyse` },
  { label: 'Adviesgesprekken', to: `${base(params)}/analyse/gesprekken` },
];

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

/**
 * The national view of the advice talks (issue 12, helper D): talks per province and round,
 * the agreed actions by basisfunctie and status, and the descriptive comparison of the
 * municipalities with and without a talk. Counts only, never names: every role that may read
 * the analysis sees it (municipality accounts with small shares withheld).
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const stats = await handleErrors(() =>
    loadTalkStatistics(context.db, { kind: 'user', user: session.user }, params.roundId, {
      rule: context.combinationRule,
    }),
  );
  return data({
    stats,
    view: buildTalkStatisticsView(stats),
    ruleLabel: stats.comparison ? COMBINATION_RULE_LABELS[stats.comparison.rule] : null,
    analysisBase: `${base(params)}/analyse`,
    hiddenPages: mayExportAnswers(session.user) ? [] : ['export'],
  });
}

export default function AnalysisTalks({ loaderData }: Route.ComponentProps) {
  const { stats, view } = loaderData;
  const lastRound = stats.rounds.length - 1;
  return (
    <div className="bfm-stack">
      <AnalysisHeading title="Adviesgesprekken" round={stats.round} />
      <AnalysisNav
        base={loaderData.analysisBase}
        current="gesprekken"
        query=""
        hidden={loaderData.hiddenPages}
      />
      <Paragraph>
        De adviesgesprekken van provinciale adviseurs met gemeenten over de uitkomsten van een
        meting, de acties die daarin zijn afgesproken, en hoe de cijfers zich daarna ontwikkelden.
        Deze pagina toont alleen aantallen, geen namen van gemeenten.
      </Paragraph>

      <section aria-labelledby="per-provincie" className="bfm-stack">
        <Heading2 id="per-provincie">Gesprekken per provincie en meting</Heading2>
        <Paragraph>
          Per meting de gesprekken over de uitkomsten van die meting, en tussen haakjes het aantal
          gemeenten waarmee gesproken is.
        </Paragraph>
        <TableScroll caption="Aantal adviesgesprekken (gemeenten) per provincie en meting">
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Provincie</TableHeaderCell>
              {stats.rounds.map((round) => (
                <TableHeaderCell key={round.id} scope="col" numericColumn>
                  {round.name}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {stats.byProvince.map((row) => (
              <TableRow key={row.province}>
                <TableHeaderCell scope="row">{row.name}</TableHeaderCell>
                {row.talks.map((count, i) => (
                  <TableCell key={stats.rounds[i]?.id ?? i} numericColumn>
                    {count} ({row.municipalities[i] ?? 0})
                  </TableCell>
                ))}
              </TableRow>
            ))}
            <TableRow>
              <TableHeaderCell scope="row">Totaal</TableHeaderCell>
              {stats.totals.talks.map((count, i) => (
                <TableCell key={stats.rounds[i]?.id ?? i} numericColumn>
                  {count} ({stats.totals.municipalities[i] ?? 0})
                </TableCell>
              ))}
            </TableRow>
          </TableBody>
        </TableScroll>
      </section>

      <section aria-labelledby="acties" className="bfm-stack">
        <Heading2 id="acties">Afgesproken acties naar basisfunctie en status</Heading2>
        <Paragraph>
          De acties uit de gesprekken over {stats.actions.round.name}
          {stats.actions.round.id !== stats.rounds[lastRound]?.id
            ? ', dus wat sinds de vorige meting is afgesproken'
            : ''}
          : {stats.actions.total} in totaal, waarvan {stats.actions.overdue} over de streefdatum en
          nog niet gedaan of vervallen.
        </Paragraph>
        <TableScroll caption={`Afgesproken acties over ${stats.actions.round.name}`}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Basisfunctie</TableHeaderCell>
              <TableHeaderCell scope="col">Vragenlijst</TableHeaderCell>
              {view.statusLabels.map((label) => (
                <TableHeaderCell key={label} scope="col" numericColumn>
                  {label}
                </TableHeaderCell>
              ))}
              <TableHeaderCell scope="col" numericColumn>
                Totaal
              </TableHeaderCell>
              <TableHeaderCell scope="col" numericColumn>
                Over de streefdatum
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {view.actionRows.map((row) => (
              <TableRow key={`${row.questionnaire}.${row.basisfunctie}`}>
                <TableHeaderCell scope="row">{row.name}</TableHeaderCell>
                <TableCell>{row.questionnaireName}</TableCell>
                {ACTION_STATUSES.map((status) => (
                  <TableCell key={status} numericColumn>
                    {row.byStatus[status]}
                  </TableCell>
                ))}
                <TableCell numericColumn>{row.total}</TableCell>
                <TableCell numericColumn>{row.overdue}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </TableScroll>
      </section>

      <section aria-labelledby="vergelijking" className="bfm-stack">
        <Heading2 id="vergelijking">Cijfers na een gesprek: een beschrijving</Heading2>
        <Alert type="info">
          <Paragraph>
            <strong>Dit is geen bewijs van een effect.</strong> Gemeenten kiezen zelf voor een
            adviesgesprek; gemeenten met en zonder gesprek verschillen ook op andere punten. De
            vergelijking beschrijft wat er gebeurde, niet wat het gesprek heeft bewerkt.
          </Paragraph>
        </Alert>
        {stats.comparison && view.chart ? (
          <>
            <Paragraph>
              Gemeenten van {stats.round.name} met een cijfer in deze meting en in{' '}
              {stats.comparison.from.name}. ‘Met gesprek’: de gemeente, of een gemeente waaruit zij
              is ontstaan, had een adviesgesprek over {stats.comparison.from.name}. Een cijfer
              ‘steeg’ als het nu hoger is dan toen; voorgangers samengenomen als{' '}
              {loaderData.ruleLabel}. ‘Alle basisfuncties samen’ vergelijkt per gemeente het
              gemiddelde over de basisfuncties met een cijfer in beide metingen.
              {stats.protection === 'small-cells'
                ? ` ‘Onderdrukt’: de groep telt minder dan ${stats.minGroupSize} gemeenten.`
                : ''}
            </Paragraph>
            <ChartFigure svg={view.chart.svg} summary={view.chart.summary}>
              <TableScroll caption="Gemeenten waarvan het cijfer steeg, met en zonder adviesgesprek">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Basisfunctie</TableHeaderCell>
                    <TableHeaderCell scope="col">Vragenlijst</TableHeaderCell>
                    <TableHeaderCell scope="col" numericColumn>
                      Met gesprek: cijfer gestegen
                    </TableHeaderCell>
                    <TableHeaderCell scope="col" numericColumn>
                      Met gesprek: gemeenten
                    </TableHeaderCell>
                    <TableHeaderCell scope="col" numericColumn>
                      Zonder gesprek: cijfer gestegen
                    </TableHeaderCell>
                    <TableHeaderCell scope="col" numericColumn>
                      Zonder gesprek: gemeenten
                    </TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {view.comparisonRows.map((row) => (
                    <TableRow key={row.key}>
                      <TableHeaderCell scope="row">{row.name}</TableHeaderCell>
                      <TableCell>{row.questionnaire}</TableCell>
                      <TableCell numericColumn>{row.withTalk}</TableCell>
                      <TableCell numericColumn>{row.withTalkCount}</TableCell>
                      <TableCell numericColumn>{row.withoutTalk}</TableCell>
                      <TableCell numericColumn>{row.withoutTalkCount}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </TableScroll>
            </ChartFigure>
          </>
        ) : (
          <Paragraph>{stats.problem}</Paragraph>
        )}
      </section>
    </div>
  );
}
