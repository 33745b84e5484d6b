import {
  Heading1,
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
import { Form, type Params } from 'react-router';
import { Button } from '@utrecht/component-library-react';
import type { Route } from './+types/municipality-trend';
import { ChartFigure } from '../components/analysis-layout';
import { SelectField } from '../components/field';
import { TableScroll } from '../components/table-scroll';
import { handleErrors } from '../lib/http.server';
import {
  municipalityPath,
  municipalityTrail,
  pageHandle,
  pageMeta,
  type Trail,
} from '../lib/navigation';
import { requireSession } from '../lib/session.server';
import { buildMunicipalityTrendView, loadMunicipalityTrendFor } from '../lib/services.server';
import {
  COMBINATION_RULE_LABELS,
  COMBINATION_RULES,
  type CombinationRule,
} from '../../src/domain/combination';

type Data = Route.MetaArgs['loaderData'];

const trail = (data: Data | undefined, params: Params): Trail => [
  ...municipalityTrail(params, {
    roundName: data?.roundName,
    municipality: data?.municipalityName,
  }),
  { label: 'Ontwikkeling', to: `${municipalityPath(params)}/ontwikkeling` },
];

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

/**
 * One municipality's mark per basisfunctie over this round and the rounds before it (issue
 * 11): a small line chart per basisfunctie with its table, the change since the round before
 * in words, and for a merged or split municipality its predecessors' marks side by side.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const url = new URL(request.url);
  const requested = url.searchParams.get('regel')?.trim() ?? '';
  const rule: CombinationRule = (COMBINATION_RULES as readonly string[]).includes(requested)
    ? (requested as CombinationRule)
    : (context.combinationRule ?? 'gewogen-gemiddelde');
  const trend = await handleErrors(() =>
    loadMunicipalityTrendFor(context.db, session.user, params.roundId, params.code, { rule }),
  );
  const latest = trend.rounds[trend.rounds.length - 1];
  return {
    roundName: latest?.name ?? params.roundId,
    municipalityName: trend.name,
    synthetic: trend.synthetic,
    rounds: trend.rounds.map((r) => r.name),
    rule: trend.rule,
    view: buildMunicipalityTrendView(trend),
  };
}

export default function MunicipalityTrend({ loaderData }: Route.ComponentProps) {
  const { view } = loaderData;
  return (
    <div className="bfm-stack">
      <Heading1>Ontwikkeling van {loaderData.municipalityName}</Heading1>
      {loaderData.synthetic ? (
        <Paragraph>
          <strong>Synthetische demonstratiemeting:</strong> de gegevens zijn verzonnen.
        </Paragraph>
      ) : null}
      <Paragraph>
        Het cijfer per basisfunctie in{' '}
        {loaderData.rounds.length === 1 ? 'de meting' : 'de metingen'}{' '}
        {loaderData.rounds.join(', ')}. Alleen vragen die in alle versies van de vragenlijst
        voorkomen, tellen mee, zodat elk punt op dezelfde vragen berust. Cijfer 6 of hoger: goed
        voor elkaar; 5 tot 6: op de goede weg; onder 5: aandacht nodig.
      </Paragraph>
      {loaderData.rounds.length === 1 ? (
        <Paragraph>Deze meting volgt niet op een eerdere meting: geen eerdere meting.</Paragraph>
      ) : null}
      <Form method="get" className="bfm-form">
        <SelectField
          name="regel"
          label="Voorgangers samennemen als"
          defaultValue={loaderData.rule}
          options={COMBINATION_RULES.map((r) => ({ value: r, label: COMBINATION_RULE_LABELS[r] }))}
        />
        <Button type="submit" appearance="secondary-action-button">
          Toepassen
        </Button>
      </Form>
      {view.basisfuncties.map((bf) => (
        <section key={bf.key} aria-labelledby={`bf-${bf.key}`} className="bfm-stack">
          <Heading2 id={`bf-${bf.key}`}>
            {bf.name} ({bf.questionnaire})
          </Heading2>
          <ChartFigure svg={bf.svg} summary={`${bf.change}.`}>
            <TableScroll caption={`${bf.name}: cijfer per meting`}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Meting</TableHeaderCell>
                  <TableHeaderCell scope="col">Cijfer</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {bf.rows.map((row) => (
                  <TableRow key={row.round}>
                    <TableHeaderCell scope="row">{row.round}</TableHeaderCell>
                    <TableCell>{row.mark}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </TableScroll>
          </ChartFigure>
          {bf.predecessors ? (
            <div className="bfm-stack">
              <Heading3>Voorgangers in {bf.predecessors.round}</Heading3>
              <TableScroll
                caption={`${bf.name}: de cijfers van de voorgangers in ${bf.predecessors.round}`}
              >
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Gemeente</TableHeaderCell>
                    <TableHeaderCell scope="col">Deel van het gebied</TableHeaderCell>
                    <TableHeaderCell scope="col">Cijfer</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {bf.predecessors.list.map((p) => (
                    <TableRow key={p.name}>
                      <TableHeaderCell scope="row">{p.name}</TableHeaderCell>
                      <TableCell>{p.share}</TableCell>
                      <TableCell>{p.mark}</TableCell>
                    </TableRow>
                  ))}
                  <TableRow>
                    <TableHeaderCell scope="row">Samen ({view.ruleLabel})</TableHeaderCell>
                    <TableCell>–</TableCell>
                    <TableCell>{bf.predecessors.combined}</TableCell>
                  </TableRow>
                </TableBody>
              </TableScroll>
            </div>
          ) : null}
        </section>
      ))}
      {view.notCompared.length > 0 ? (
        <section aria-labelledby="niet-vergeleken" className="bfm-stack">
          <Heading2 id="niet-vergeleken">Niet vergeleken</Heading2>
          <Paragraph>
            Nieuw in de versie van deze meting, dus zonder eerdere meting om mee te vergelijken:
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
