/**
 * The national indicator of the Wmo policy plans (issue 12, helper C, decision 026): the share
 * of municipalities whose plan includes the basisfuncties, against the round's target (default
 * 75%), by province (a chart with its table), size class and group, and over the rounds this
 * one follows. The coordinator sets the target here, in a plain form that works without
 * JavaScript.
 */
import {
  Button,
  Heading2,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { data, Form, type Params } from 'react-router';
import type { Route } from './+types/analysis-wmo-plans';
import {
  AnalysisHeading,
  AnalysisNav,
  ChartFigure,
  formatNumber,
  Withheld,
} from '../components/analysis-layout';
import { CsrfInput } from '../components/csrf-input';
import { ErrorSummary, type FieldError } from '../components/error-summary';
import { FlashMessage } from '../components/flash-message';
import { TextField } from '../components/field';
import { TableScroll } from '../components/table-scroll';
import { redirectWithFlash, takeFlash } from '../lib/flash.server';
import { attempt, handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { pageHandle, pageMeta, roundTrail, type Trail } from '../lib/navigation';
import { requireSession, verifyCsrf } from '../lib/session.server';
import {
  can,
  loadWmoPlanIndicator,
  mayExportAnswers,
  renderBarChart,
  setWmoPlanTarget,
  summarizeBars,
} from '../lib/services.server';

type Data = Route.MetaArgs['loaderData'];

const base = (params: Params) => `/metingen/${encodeURIComponent(params.roundId ?? '')}`;
const path = (params: Params) => `${base(params)}/analyse/wmo-plannen`;

const trail = (data: Data | undefined, params: Params): Trail => [
  ...roundTrail(params, data?.view.round.name),
  { label: 'Analyse', to: `${base(params)}/analyse` },
  { label: 'Wmo-beleidsplannen', to: path(params) },
];

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

const percent = (value: number) => `${formatNumber(value)}%`;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const { flash, headers } = takeFlash(request, context);
  const view = await handleErrors(() =>
    loadWmoPlanIndicator(context.db, session.user, params.roundId ?? ''),
  );
  const rows = view.indicator.byProvince.map((row) => ({
    label: row.label,
    percent: row.percentIncluded,
    count: row.included,
    respondents: row.respondents,
    suppressed: row.suppressed,
  }));
  return data(
    {
      flash,
      view,
      analysisBase: `${base(params)}/analyse`,
      hiddenPages: mayExportAnswers(session.user) ? [] : ['export'],
      canSetTarget: can(session.user, 'wmoPlan.setTarget'),
      canImport: can(session.user, 'wmoPlan.import'),
      chart: {
        svg: renderBarChart({
          rows,
          alt: `Aandeel Wmo-beleidsplannen met de basisfuncties per provincie; doelstelling ${percent(view.indicator.target)}`,
          valueLabel: 'opgenomen',
        }),
        summary: `${summarizeBars(rows, 'opgenomen')} De doelstelling is ${percent(view.indicator.target)}.`,
      },
    },
    { headers },
  );
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  readIntent(form, 'routes/analysis-wmo-plans.tsx');
  const target = String(form.get('target') ?? '');
  const result = await attempt(() =>
    setWmoPlanTarget(context.db, session.user, { roundId: params.roundId ?? '', target }),
  );
  if (!result.ok)
    return data(
      { errors: [{ field: 'target', message: result.error.message }] as FieldError[], target },
      { status: result.status },
    );
  if (!result.value.ok)
    return data({ errors: result.value.issues as FieldError[], target }, { status: 400 });
  throw redirectWithFlash(
    path(params),
    {
      text: result.value.changed
        ? `De doelstelling is nu ${percent(result.value.target)}.`
        : `De doelstelling was al ${percent(result.value.target)}.`,
    },
    context,
  );
}

function Figure({ value, suppressed }: { value: number | null; suppressed: boolean }) {
  if (suppressed) return <Withheld />;
  return <>{value === null ? '–' : formatNumber(value)}</>;
}

function BreakdownTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: string;
  rows: Data['view']['indicator']['byProvince'];
}) {
  return (
    <TableScroll caption={caption}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{head}</TableHeaderCell>
          <TableHeaderCell scope="col" numericColumn>
            Gemeenten
          </TableHeaderCell>
          <TableHeaderCell scope="col" numericColumn>
            Met bekende stand
          </TableHeaderCell>
          <TableHeaderCell scope="col" numericColumn>
            Opgenomen (ja)
          </TableHeaderCell>
          <TableHeaderCell scope="col" numericColumn>
            Gedeeltelijk
          </TableHeaderCell>
          <TableHeaderCell scope="col" numericColumn>
            % opgenomen
          </TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id}>
            <TableHeaderCell scope="row">{row.label}</TableHeaderCell>
            <TableCell numericColumn>{row.municipalities}</TableCell>
            <TableCell numericColumn>{row.respondents}</TableCell>
            <TableCell numericColumn>
              <Figure value={row.included} suppressed={row.suppressed} />
            </TableCell>
            <TableCell numericColumn>
              <Figure value={row.partly} suppressed={row.suppressed} />
            </TableCell>
            <TableCell numericColumn>
              <Figure value={row.percentIncluded} suppressed={row.suppressed} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </TableScroll>
  );
}

export default function AnalysisWmoPlans({ loaderData, actionData }: Route.ComponentProps) {
  const { view } = loaderData;
  const { indicator } = view;
  const errors = actionData?.errors ?? [];
  const target = percent(indicator.target);
  const headline =
    indicator.percentIncluded === null
      ? indicator.suppressed
        ? `De stand is van ${indicator.respondents} gemeenten bekend: te weinig om een percentage te tonen.`
        : 'Van geen enkele gemeente is de stand van het Wmo-beleidsplan al bekend.'
      : `${percent(indicator.percentIncluded)} van de ${indicator.respondents} gemeenten met een bekende stand heeft een Wmo-beleidsplan dat de basisfuncties opneemt (${indicator.included} gemeenten); ${indicator.partly} nemen ze gedeeltelijk op. De doelstelling is ${target}: ${indicator.meetsTarget ? 'die is gehaald' : 'die is nog niet gehaald'}.`;
  return (
    <div className="bfm-stack">
      <AnalysisHeading title="Wmo-beleidsplannen" round={view.round} />
      <AnalysisNav
        base={loaderData.analysisBase}
        current="wmo-plannen"
        query=""
        hidden={loaderData.hiddenPages}
      />
      <FlashMessage flash={loaderData.flash} />
      <ErrorSummary errors={errors} />
      <Paragraph>
        Neemt het huidige Wmo-beleidsplan de basisfuncties voor lokale ondersteuning van
        vrijwilligerswerk en mantelzorg op? Het percentage telt alleen ‘ja’, over de gemeenten
        waarvan de stand bekend is ({indicator.respondents} van de {indicator.municipalities}).
        Gemeenten zonder stand tellen niet mee.
      </Paragraph>
      <Paragraph>
        <strong>{headline}</strong>
      </Paragraph>
      {view.protection === 'small-cells' ? (
        <Paragraph className="bfm-analysis-note">
          Cijfers over minder dan 5 gemeenten zijn onderdrukt, en zo nodig ook een cijfer ernaast,
          zodat de stand van een afzonderlijke gemeente niet af te lezen is.
        </Paragraph>
      ) : null}
      <section aria-labelledby="per-provincie" className="bfm-stack">
        <Heading2 id="per-provincie">Per provincie</Heading2>
        <ChartFigure svg={loaderData.chart.svg} summary={loaderData.chart.summary}>
          <BreakdownTable
            caption="Wmo-beleidsplannen met de basisfuncties per provincie"
            head="Provincie"
            rows={indicator.byProvince}
          />
        </ChartFigure>
      </section>
      <section aria-labelledby="per-grootte" className="bfm-stack">
        <Heading2 id="per-grootte">Per grootteklasse</Heading2>
        <BreakdownTable
          caption="Wmo-beleidsplannen met de basisfuncties per grootteklasse"
          head="Grootteklasse"
          rows={indicator.bySizeClass}
        />
      </section>
      <section aria-labelledby="per-groep" className="bfm-stack">
        <Heading2 id="per-groep">Per groep</Heading2>
        <BreakdownTable
          caption="Wmo-beleidsplannen met de basisfuncties per groep (G4, G27, overig)"
          head="Groep"
          rows={indicator.byGroup}
        />
      </section>
      <section aria-labelledby="over-metingen" className="bfm-stack">
        <Heading2 id="over-metingen">Over de metingen</Heading2>
        <TableScroll caption="Wmo-beleidsplannen met de basisfuncties per meting, tegen de doelstelling">
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Meting</TableHeaderCell>
              <TableHeaderCell scope="col" numericColumn>
                Met bekende stand
              </TableHeaderCell>
              <TableHeaderCell scope="col" numericColumn>
                Opgenomen (ja)
              </TableHeaderCell>
              <TableHeaderCell scope="col" numericColumn>
                % opgenomen
              </TableHeaderCell>
              <TableHeaderCell scope="col" numericColumn>
                Doelstelling
              </TableHeaderCell>
              <TableHeaderCell scope="col">Gehaald</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {view.history.map((point) => (
              <TableRow key={point.roundId}>
                <TableHeaderCell scope="row">{point.name}</TableHeaderCell>
                <TableCell numericColumn>{point.respondents}</TableCell>
                <TableCell numericColumn>
                  <Figure value={point.included} suppressed={point.suppressed} />
                </TableCell>
                <TableCell numericColumn>
                  <Figure value={point.percentIncluded} suppressed={point.suppressed} />
                </TableCell>
                <TableCell numericColumn>{percent(point.target)}</TableCell>
                <TableCell>
                  {point.meetsTarget === null ? '–' : point.meetsTarget ? 'ja' : 'nee'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </TableScroll>
      </section>
      {loaderData.canSetTarget ? (
        <section aria-labelledby="doelstelling" className="bfm-stack">
          <Heading2 id="doelstelling">Doelstelling van deze meting</Heading2>
          <Form method="post" noValidate className="bfm-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="target" />
            <TextField
              name="target"
              label="Doelstelling (% van de Wmo-beleidsplannen)"
              hint={`Een percentage van 0 tot en met 100. De brief aan de Tweede Kamer noemt ${formatNumber(view.defaultTarget)}%.`}
              error={errors.find((error) => error.field === 'target')?.message}
              defaultValue={actionData?.target ?? String(indicator.target)}
            />
            <div className="bfm-actions">
              <Button type="submit" appearance="primary-action-button">
                Doelstelling opslaan
              </Button>
            </div>
          </Form>
        </section>
      ) : null}
      {loaderData.canImport ? (
        <Paragraph>
          <a
            className="utrecht-link"
            href={`/metingen/${encodeURIComponent(view.round.id)}/wmo-plannen/importeren`}
          >
            De stand van de Wmo-beleidsplannen importeren uit een spreadsheet
          </a>
        </Paragraph>
      ) : null}
    </div>
  );
}
