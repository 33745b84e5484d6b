import {
  Alert,
  Button,
  Heading2,
  Heading3,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { data, Form, type Params } from 'react-router';
import type { Route } from './+types/analysis-trend';
import { AnalysisHeading, AnalysisNav, ChartFigure } from '../components/analysis-layout';
import { SelectField } from '../components/field';
import { FilterSelectFields } from '../components/filter-select-fields';
import { TableScroll } from '../components/table-scroll';
import { handleErrors } from '../lib/http.server';
import { pageHandle, pageMeta, roundTrail, type Trail } from '../lib/navigation';
import { requireSession } from '../lib/session.server';
import {
  buildTrendPageView,
  listRoundProvinces,
  loadTrendPage,
  mayExportAnswers,
} from '../lib/services.server';
import { parseFilterParams, writeFilterParams } from '../../src/domain/analysis-filter';
import {
  COMBINATION_RULE_LABELS,
  COMBINATION_RULES,
  type CombinationRule,
} from '../../src/domain/combination';

type Data = Route.MetaArgs['loaderData'];

const base = (params: Params) => `/metingen/${encodeURIComponent(params.roundId ?? '')}`;

const trail = (data: Data | undefined, params: Params): Trail => [
  ...roundTrail(params, data?.roundName),
  { label: 'Analyse', to: `${base(params)}/analyse` },
  { label: 'Ontwikkeling', to: `${base(params)}/analyse/ontwikkeling` },
];

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

/**
 * The national trend (issue 11): the share 'goed voor elkaar' per basisfunctie in an earlier
 * round and this one, and per basisfunctie how many municipalities moved from each band to
 * each band. Everything is in the address (`van`, `regel`, and the filter for staff), so the
 * page works without JavaScript and can be linked to.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const viewer = { kind: 'user' as const, user: session.user };
  const url = new URL(request.url);
  const provinces = await handleErrors(() => listRoundProvinces(context.db, params.roundId));
  const { filter, problems } = parseFilterParams(url.searchParams, provinces);
  const errors = problems.map((p) => p.message);
  const requestedRule = url.searchParams.get('regel')?.trim() ?? '';
  let rule: CombinationRule = context.combinationRule ?? 'gewogen-gemiddelde';
  if ((COMBINATION_RULES as readonly string[]).includes(requestedRule)) {
    rule = requestedRule as CombinationRule;
  } else if (requestedRule !== '') {
    errors.push(`Onbekende regel '${requestedRule}'. Kies uit: ${COMBINATION_RULES.join(', ')}.`);
  }
  const page = await handleErrors(() =>
    loadTrendPage(context.db, viewer, params.roundId, {
      from: url.searchParams.get('van')?.trim() || null,
      rule,
      filter,
    }),
  );
  const filterQuery = writeFilterParams(page.comparison?.filter ?? filter).toString();
  return data(
    {
      roundName: page.round.name,
      synthetic: page.synthetic,
      analysisBase: `${base(params)}/analyse`,
      navQuery: filterQuery ? `?${filterQuery}` : '',
      hiddenPages: mayExportAnswers(session.user) ? [] : ['export'],
      choices: page.choices.map((c) => ({ value: c.roundId, label: `${c.name} (${c.roundId})` })),
      fromRoundId: page.fromRoundId ?? '',
      fromName: page.comparison?.from.name ?? null,
      rule: page.rule,
      problem: page.problem,
      errors,
      filterable: page.filterable,
      filterIgnored: page.comparison?.filterIgnored ?? false,
      protection: page.comparison?.protection ?? 'none',
      selected: {
        sizeClass: filter.sizeClass ?? '',
        group: filter.group ?? '',
        province: filter.province ?? '',
      },
      provinces: page.provinces,
      registerId: page.round.registerId,
      view: buildTrendPageView(page),
    },
    { status: errors.length > 0 ? 400 : 200 },
  );
}

export default function AnalysisTrend({ loaderData }: Route.ComponentProps) {
  const { view } = loaderData;
  return (
    <div className="bfm-stack">
      <AnalysisHeading
        title="Ontwikkeling"
        round={{ name: loaderData.roundName, synthetic: loaderData.synthetic }}
      />
      <AnalysisNav
        base={loaderData.analysisBase}
        current="ontwikkeling"
        query={loaderData.navQuery}
        hidden={loaderData.hiddenPages}
      />
      <Paragraph>
        Hoe de basisfuncties zich ontwikkelden sinds een eerdere meting, over de gemeenten van het
        register van deze meting ({loaderData.registerId}). Een gemeente die uit meer gemeenten is
        ontstaan, krijgt als eerdere stand de voorgangers samen, volgens de gekozen regel. Alleen
        vragen en basisfuncties die in beide versies van de vragenlijst voorkomen, worden
        vergeleken.
      </Paragraph>
      {loaderData.errors.length > 0 ? (
        <Alert type="error">
          {loaderData.errors.map((error) => (
            <Paragraph key={error}>{error}</Paragraph>
          ))}
        </Alert>
      ) : null}
      <section aria-labelledby="kiezen" className="bfm-stack">
        <Heading2 id="kiezen">Vergelijking kiezen</Heading2>
        <Form method="get" className="bfm-form" key={JSON.stringify(loaderData.selected)}>
          <SelectField
            name="van"
            label="Vergelijk met de meting"
            defaultValue={loaderData.fromRoundId}
            options={[{ value: '', label: 'Kies een meting' }, ...loaderData.choices]}
          />
          <SelectField
            name="regel"
            label="Voorgangers samennemen als"
            defaultValue={loaderData.rule}
            options={COMBINATION_RULES.map((r) => ({
              value: r,
              label: COMBINATION_RULE_LABELS[r],
            }))}
          />
          {loaderData.filterable ? (
            <FilterSelectFields selected={loaderData.selected} provinces={loaderData.provinces} />
          ) : (
            <Paragraph>
              {loaderData.filterIgnored ? 'Het filter in het adres is niet toegepast. ' : ''}
              Filteren kan niet met uw account: met een filter ontstaan kleine groepen gemeenten. U
              ziet de landelijke cijfers; cijfers over minder dan 5 gemeenten zijn onderdrukt.
            </Paragraph>
          )}
          <Button type="submit" appearance="primary-action-button">
            Ontwikkeling tonen
          </Button>
        </Form>
      </section>
      {loaderData.problem ? (
        <Alert type="info">
          <Paragraph>{loaderData.problem}</Paragraph>
        </Alert>
      ) : null}
      {view.chart ? (
        <section aria-labelledby="goed" className="bfm-stack">
          <Heading2 id="goed">Percentage ‘goed voor elkaar’: {loaderData.fromName} en nu</Heading2>
          <Paragraph>Voorgangers samengenomen als: {view.ruleLabel}.</Paragraph>
          <ChartFigure svg={view.chart.svg} summary={view.chart.summary}>
            <TableScroll caption="Percentage gemeenten ‘goed voor elkaar’ per basisfunctie, eerder en nu">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Basisfunctie</TableHeaderCell>
                  <TableHeaderCell scope="col">Vragenlijst</TableHeaderCell>
                  <TableHeaderCell scope="col" numericColumn>
                    Eerder: % goed
                  </TableHeaderCell>
                  <TableHeaderCell scope="col" numericColumn>
                    Eerder: gemeenten
                  </TableHeaderCell>
                  <TableHeaderCell scope="col" numericColumn>
                    Nu: % goed
                  </TableHeaderCell>
                  <TableHeaderCell scope="col" numericColumn>
                    Nu: gemeenten
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {view.rows.map((row) => (
                  <TableRow key={row.key}>
                    <TableHeaderCell scope="row">{row.name}</TableHeaderCell>
                    <TableCell>{row.questionnaire}</TableCell>
                    <TableCell numericColumn>{row.from}</TableCell>
                    <TableCell numericColumn>{row.fromRespondents}</TableCell>
                    <TableCell numericColumn>{row.to}</TableCell>
                    <TableCell numericColumn>{row.toRespondents}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </TableScroll>
          </ChartFigure>
        </section>
      ) : null}
      {view.series ? (
        <section aria-labelledby="reeks" className="bfm-stack">
          <Heading2 id="reeks">Alle metingen</Heading2>
          <Paragraph>
            Het percentage gemeenten ‘goed voor elkaar’ in elke meting waar deze meting op volgt,
            over de gemeenten van deze meting (voorgangers samengenomen als: {view.ruleLabel}).
          </Paragraph>
          <TableScroll caption="Percentage ‘goed voor elkaar’ per basisfunctie in alle metingen">
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Basisfunctie</TableHeaderCell>
                {view.series.columns.map((column) => (
                  <TableHeaderCell key={column} scope="col" numericColumn>
                    {column}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {view.series.rows.map((row) => (
                <TableRow key={row.key}>
                  <TableHeaderCell scope="row">{row.name}</TableHeaderCell>
                  {row.cells.map((cell, i) => (
                    <TableCell key={view.series?.columns[i] ?? i} numericColumn>
                      {cell}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </TableScroll>
        </section>
      ) : null}
      {view.transitions.length > 0 ? (
        <section aria-labelledby="overgangen" className="bfm-stack">
          <Heading2 id="overgangen">Overgangen tussen klassen</Heading2>
          <Paragraph>
            Per basisfunctie: hoeveel gemeenten van elke klasse (rij, eerder) naar elke klasse
            (kolom, nu) gingen. ‘Geen cijfer’: de gemeente (of haar voorgangers) deed niet mee of
            beantwoordde te weinig vragen.
          </Paragraph>
          {view.withheld ? (
            <Paragraph>
              ‘Onderdrukt’: de cel telt minder dan 5 gemeenten, of zou zo’n cel uit de andere
              cijfers terug laten rekenen.
            </Paragraph>
          ) : null}
          {view.transitions.map((table) => (
            <div key={table.key} className="bfm-stack">
              <Heading3>
                {table.name} ({table.questionnaire})
              </Heading3>
              <TableScroll
                caption={`${table.name}: gemeenten van klasse eerder (rij) naar klasse nu (kolom)`}
              >
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Eerder \ nu</TableHeaderCell>
                    {table.columns.map((column) => (
                      <TableHeaderCell key={column} scope="col" numericColumn>
                        {column}
                      </TableHeaderCell>
                    ))}
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {table.rows.map((row) => (
                    <TableRow key={row.label}>
                      <TableHeaderCell scope="row">{row.label}</TableHeaderCell>
                      {row.cells.map((cell, i) => (
                        <TableCell key={table.columns[i]} numericColumn>
                          {cell}
                        </TableCell>
                      ))}
                    </TableRow>
                  ))}
                </TableBody>
              </TableScroll>
            </div>
          ))}
        </section>
      ) : null}
      {view.notCompared.length > 0 ? (
        <section aria-labelledby="niet-vergeleken" className="bfm-stack">
          <Heading2 id="niet-vergeleken">Niet vergeleken</Heading2>
          <Paragraph>
            Deze vragen en basisfuncties zijn nieuw in de versie van deze meting; ze hebben geen
            tegenhanger in de eerdere meting en tellen niet mee in de vergelijking.
          </Paragraph>
          <UnorderedList>
            {view.notCompared.map((line) => (
              <UnorderedListItem key={line}>{line}</UnorderedListItem>
            ))}
          </UnorderedList>
        </section>
      ) : null}
    </div>
  );
}
