/**
 * The codebook of one open question (or one item's notes) and how often each theme was given
 * (issue 13, helper B): the themes with their descriptions, forms to add, edit, reorder and
 * remove them (coordinator and analysts; everyone else reads), and the counts per theme,
 * nationally and broken down by province, size class or group, with the dashboard's small-cell
 * rule for municipality accounts.
 *
 * Every change names the codebook's version; when someone else changed it in between, nothing
 * is written and the page says so (409), keeping what was typed.
 */
import {
  Button,
  Heading2,
  Heading3,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { data, Form, Link, type Params } from 'react-router';
import type { Route } from './+types/open-answer-codebook';
import {
  AnalysisHeading,
  ChartFigure,
  formatNumber,
  Withheld,
} from '../components/analysis-layout';
import { CsrfInput } from '../components/csrf-input';
import { ErrorSummary, type FieldError } from '../components/error-summary';
import { SelectField, TextareaField, TextField } from '../components/field';
import { FlashMessage } from '../components/flash-message';
import { OpenAnswerNav } from '../components/open-answer-nav';
import { TableScroll } from '../components/table-scroll';
import { redirectWithFlash, takeFlash } from '../lib/flash.server';
import { attempt, handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { pageHandle, pageMeta } from '../lib/navigation';
import { sourceLabel, sourceTrail } from '../lib/open-answer-coding';
import { readSourceKey } from '../lib/open-answer-coding.server';
import { sourcePath } from '../lib/open-answer-paths';
import { requireSession, verifyCsrf } from '../lib/session.server';
import { renderBarChart, summarizeBars } from '../../src/services/charts/analysis-charts.ts';
import { can } from '../../src/services/permissions.ts';
import {
  addTheme,
  createCodebook,
  MAX_THEME_DESCRIPTION_LENGTH,
  MAX_THEME_NAME_LENGTH,
  moveTheme,
  removeTheme,
  updateTheme,
} from '../../src/services/open-answers/codebook-service.ts';
import {
  countThemes,
  THEME_BREAKDOWN_LABELS,
  type ThemeBreakdown,
} from '../../src/services/open-answers/theme-counts.ts';

type Data = Route.MetaArgs['loaderData'];

const trail = (loaderData: Data | undefined, params: Params) =>
  sourceTrail(params, loaderData?.round.name, 'codebook');

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

/** The breakdown as it reads in the address (`?uitsplitsing=provincie`). */
const BREAKDOWN_PARAMS: Readonly<Record<string, ThemeBreakdown>> = {
  provincie: 'province',
  grootte: 'size',
  groep: 'group',
};

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const key = readSourceKey(params);
  const url = new URL(request.url);
  const breakdownParam = url.searchParams.get('uitsplitsing') ?? 'provincie';
  const breakdown = BREAKDOWN_PARAMS[breakdownParam] ?? 'province';
  const { flash, headers } = takeFlash(request, context);
  const counts = await handleErrors(() =>
    countThemes(context.db, session.user, params.roundId ?? '', key, breakdown),
  );
  const round = counts.round;
  // The national share per theme as bars; the table below the chart is its alternative.
  const bars = (counts.codebook?.themes ?? []).map((theme, index) => ({
    label: theme.name,
    percent: counts.national.percents[index] ?? null,
    count: counts.national.counts[index] ?? null,
    respondents: counts.national.coded,
    suppressed: counts.national.suppressed,
  }));
  const chart =
    bars.length > 0 && counts.national.coded > 0
      ? {
          svg: renderBarChart({
            rows: bars,
            alt: 'Aandeel van de gecodeerde antwoorden per thema, landelijk',
            valueLabel: 'met dit thema',
          }),
          summary: summarizeBars(bars, 'met dit thema'),
        }
      : null;
  return data(
    {
      flash,
      round,
      key,
      counts,
      chart,
      breakdownParam: Object.keys(BREAKDOWN_PARAMS).includes(breakdownParam)
        ? breakdownParam
        : 'provincie',
      mayCode: can(session.user, 'openAnswers.code'),
      limits: { name: MAX_THEME_NAME_LENGTH, description: MAX_THEME_DESCRIPTION_LENGTH },
      breakdownLabels: THEME_BREAKDOWN_LABELS,
    },
    { headers },
  );
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  const intent = readIntent(form, 'routes/open-answer-codebook.tsx');
  const key = readSourceKey(params);
  const roundId = params.roundId ?? '';
  const here = `${sourcePath(roundId, key, 'codebook')}`;
  const themeId = Number(form.get('themeId') ?? '0');
  const baseVersion = Number(form.get('baseVersion') ?? '0');
  const nameField = intent === 'update' ? `naam-${themeId}` : 'naam';
  const descriptionField = intent === 'update' ? `omschrijving-${themeId}` : 'omschrijving';
  const typed = {
    intent,
    themeId,
    name: String(form.get(nameField) ?? ''),
    description: String(form.get(descriptionField) ?? ''),
  };
  const refuse = (errors: FieldError[], status: number) => data({ errors, typed }, { status });
  // Field issues of the service name 'name' and 'description'; the page's fields are these.
  const toPageField = (field: string) => (field === 'description' ? descriptionField : nameField);

  if (intent === 'create') {
    const result = await attempt(() => createCodebook(context.db, session.user, roundId, key));
    if (!result.ok)
      return refuse([{ field: 'codeboek-maken', message: result.error.message }], result.status);
    throw redirectWithFlash(
      `${here}#thema-toevoegen`,
      { text: 'Het codeboek is gemaakt. Voeg nu de thema’s toe.' },
      context,
    );
  }
  if (intent === 'add' || intent === 'update') {
    const input = { name: typed.name, description: typed.description };
    const result = await attempt(() =>
      intent === 'add'
        ? addTheme(context.db, session.user, roundId, key, input, baseVersion)
        : updateTheme(context.db, session.user, roundId, key, themeId, input, baseVersion),
    );
    if (!result.ok)
      return refuse([{ field: nameField, message: result.error.message }], result.status);
    if (!result.value.ok) {
      return refuse(
        result.value.issues.map((issue) => ({ ...issue, field: toPageField(issue.field) })),
        400,
      );
    }
    throw redirectWithFlash(
      `${here}#thema-${result.value.theme.id}`,
      {
        text:
          intent === 'add'
            ? `Het thema ‘${result.value.theme.name}’ is toegevoegd.`
            : `Het thema ‘${result.value.theme.name}’ is opgeslagen.`,
      },
      context,
    );
  }
  if (intent === 'move') {
    const direction = form.get('direction') === 'down' ? 'down' : 'up';
    const result = await attempt(() =>
      moveTheme(context.db, session.user, roundId, key, themeId, direction, baseVersion),
    );
    if (!result.ok)
      return refuse([{ field: `thema-${themeId}`, message: result.error.message }], result.status);
    throw redirectWithFlash(
      `${here}#thema-${themeId}`,
      {
        text:
          direction === 'up'
            ? 'Het thema staat een plaats hoger.'
            : 'Het thema staat een plaats lager.',
      },
      context,
    );
  }
  const result = await attempt(() =>
    removeTheme(context.db, session.user, roundId, key, themeId, baseVersion),
  );
  if (!result.ok)
    return refuse([{ field: `thema-${themeId}`, message: result.error.message }], result.status);
  const touched = result.value.codingsTouched;
  throw redirectWithFlash(
    `${here}#themas`,
    {
      text: `Het thema is verwijderd. Het is uit ${touched} ${touched === 1 ? 'codering' : 'coderingen'} en ${result.value.settlementsTouched} ${result.value.settlementsTouched === 1 ? 'besluit' : 'besluiten'} gehaald.`,
    },
    context,
  );
}

type ThemeCountRow = Data['counts']['national'];

function Count({ row, index }: { row: ThemeCountRow; index: number }) {
  if (row.suppressed) return <Withheld />;
  const count = row.counts[index];
  const percent = row.percents[index];
  if (count === null || count === undefined) return <>–</>;
  return (
    <>
      {formatNumber(count)}
      {percent === null || percent === undefined ? '' : ` (${formatNumber(percent)}%)`}
    </>
  );
}

function CountsTable({
  caption,
  head,
  rows,
  themes,
}: {
  caption: string;
  head: string;
  rows: readonly ThemeCountRow[];
  themes: readonly { id: number; name: string }[];
}) {
  return (
    <TableScroll caption={caption}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{head}</TableHeaderCell>
          <TableHeaderCell scope="col" numericColumn>
            Gecodeerde antwoorden
          </TableHeaderCell>
          {themes.map((theme) => (
            <TableHeaderCell key={theme.id} scope="col" numericColumn>
              {theme.name}
            </TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id}>
            <TableHeaderCell scope="row">{row.label}</TableHeaderCell>
            <TableCell numericColumn>{formatNumber(row.coded)}</TableCell>
            {themes.map((theme, index) => (
              <TableCell key={theme.id} numericColumn>
                <Count row={row} index={index} />
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </TableScroll>
  );
}

export default function OpenAnswerCodebook({ loaderData, actionData }: Route.ComponentProps) {
  const { counts, key, round, mayCode } = loaderData;
  const codebook = counts.codebook;
  const errors = actionData?.errors ?? [];
  const typed = actionData?.typed;
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  const label = sourceLabel(key);
  return (
    <div className="bfm-stack">
      <AnalysisHeading title={`Codeboek en aantallen: ${label.toLowerCase()}`} round={round} />
      <OpenAnswerNav roundId={round.id} source={key} current="codebook" mayCode={mayCode} />
      <FlashMessage flash={loaderData.flash} />
      <ErrorSummary errors={errors} />
      <Paragraph>
        {counts.source.questionnaireName}, vraag {key.question}: {counts.source.itemText}
      </Paragraph>
      <section aria-labelledby="themas" className="bfm-stack">
        <Heading2 id="themas">Thema’s</Heading2>
        {!codebook ? (
          <>
            <Paragraph>Deze vraag heeft nog geen codeboek.</Paragraph>
            {mayCode ? (
              <Form method="post" className="bfm-form" id="codeboek-maken" tabIndex={-1}>
                <CsrfInput />
                <input type="hidden" name="intent" value="create" />
                <div className="bfm-actions">
                  <Button type="submit" appearance="primary-action-button">
                    Codeboek maken
                  </Button>
                </div>
              </Form>
            ) : null}
          </>
        ) : codebook.themes.length === 0 ? (
          <Paragraph>Het codeboek heeft nog geen thema’s.</Paragraph>
        ) : (
          <ol className="bfm-theme-list">
            {codebook.themes.map((theme, index) => {
              const retyped = typed?.intent === 'update' && typed.themeId === theme.id;
              return (
                <li key={theme.id}>
                  <section
                    id={`thema-${theme.id}`}
                    tabIndex={-1}
                    aria-labelledby={`thema-${theme.id}-naam`}
                    className="bfm-stack"
                  >
                    <Heading3 id={`thema-${theme.id}-naam`}>{theme.name}</Heading3>
                    <Paragraph>{theme.description || 'Geen omschrijving.'}</Paragraph>
                    {mayCode ? (
                      <>
                        <details open={retyped}>
                          <summary>Thema ‘{theme.name}’ wijzigen</summary>
                          <Form method="post" noValidate className="bfm-form">
                            <CsrfInput />
                            <input type="hidden" name="intent" value="update" />
                            <input type="hidden" name="themeId" value={theme.id} />
                            <input type="hidden" name="baseVersion" value={codebook.version} />
                            <TextField
                              name={`naam-${theme.id}`}
                              label="Naam"
                              hint={`Hoogstens ${loaderData.limits.name} tekens; uniek in dit codeboek.`}
                              error={errorOf(`naam-${theme.id}`)}
                              defaultValue={retyped ? typed.name : theme.name}
                            />
                            <TextareaField
                              name={`omschrijving-${theme.id}`}
                              label="Omschrijving"
                              hint="Wat hoort bij dit thema, zodat twee codeurs het hetzelfde gebruiken."
                              error={errorOf(`omschrijving-${theme.id}`)}
                              defaultValue={retyped ? typed.description : theme.description}
                            />
                            <div className="bfm-actions">
                              <Button type="submit" appearance="primary-action-button">
                                Thema opslaan
                              </Button>
                            </div>
                          </Form>
                        </details>
                        <div className="bfm-actions">
                          {index > 0 ? (
                            <ThemeActionForm
                              intent="move"
                              direction="up"
                              themeId={theme.id}
                              baseVersion={codebook.version}
                              label={`‘${theme.name}’ hoger`}
                            />
                          ) : null}
                          {index < codebook.themes.length - 1 ? (
                            <ThemeActionForm
                              intent="move"
                              direction="down"
                              themeId={theme.id}
                              baseVersion={codebook.version}
                              label={`‘${theme.name}’ lager`}
                            />
                          ) : null}
                          <ThemeActionForm
                            intent="remove"
                            themeId={theme.id}
                            baseVersion={codebook.version}
                            label={`‘${theme.name}’ verwijderen`}
                          />
                        </div>
                      </>
                    ) : null}
                  </section>
                </li>
              );
            })}
          </ol>
        )}
        {codebook && mayCode ? (
          <section aria-labelledby="thema-toevoegen" className="bfm-stack">
            <Heading3 id="thema-toevoegen" tabIndex={-1}>
              Thema toevoegen
            </Heading3>
            {/* Keyed by the codebook's version: a theme added with JavaScript comes back through a
                client-side redirect, which keeps the typed name unless the form is made anew (a
                second Enter then added it again and met 'Er is al een thema'). A refusal leaves
                the version, and so what was typed, alone. */}
            <Form key={codebook.version} method="post" noValidate className="bfm-form">
              <CsrfInput />
              <input type="hidden" name="intent" value="add" />
              <input type="hidden" name="baseVersion" value={codebook.version} />
              <TextField
                name="naam"
                label="Naam van het nieuwe thema"
                hint={`Hoogstens ${loaderData.limits.name} tekens; uniek in dit codeboek.`}
                error={errorOf('naam')}
                defaultValue={typed?.intent === 'add' ? typed.name : ''}
              />
              <TextareaField
                name="omschrijving"
                label="Omschrijving"
                hint={`Wat hoort bij dit thema. Hoogstens ${loaderData.limits.description} tekens.`}
                error={errorOf('omschrijving')}
                defaultValue={typed?.intent === 'add' ? typed.description : ''}
              />
              <div className="bfm-actions">
                <Button type="submit" appearance="primary-action-button">
                  Thema toevoegen
                </Button>
              </div>
            </Form>
          </section>
        ) : null}
      </section>
      {codebook && codebook.themes.length > 0 ? (
        <section aria-labelledby="aantallen" className="bfm-stack">
          <Heading2 id="aantallen">Aantallen per thema</Heading2>
          {counts.national.coded === 0 ? (
            // Tables of zeros for every province said nothing; say what to do instead.
            mayCode ? (
              <Paragraph>
                Nog geen van de {counts.answers} antwoorden is gecodeerd. Geef de antwoorden hun
                thema’s op de pagina{' '}
                <Link className="utrecht-link" to={sourcePath(round.id, key, 'coding')}>
                  Coderen
                </Link>
                ; daarna staan hier de aantallen per thema, landelijk en per provincie,
                grootteklasse en groep.
              </Paragraph>
            ) : (
              <Paragraph>
                Nog geen van de {counts.answers} antwoorden is gecodeerd. De aantallen per thema
                staan hier zodra de onderzoekers de antwoorden hebben gecodeerd.
              </Paragraph>
            )
          ) : (
            <>
              <Paragraph>
                {counts.national.coded} van de {counts.answers} antwoorden zijn gecodeerd. Een
                antwoord telt met de codering waartoe besloten is, anders met die van de eerste
                codeur. Het percentage is van de gecodeerde antwoorden; een antwoord kan meer
                thema’s hebben.
              </Paragraph>
              {counts.protection === 'small-cells' ? (
                <Paragraph className="bfm-analysis-note">
                  Aantallen over minder dan 5 antwoorden zijn onderdrukt, en zo nodig ook een aantal
                  ernaast, zodat niet af te lezen is wat een afzonderlijke gemeente schreef.
                </Paragraph>
              ) : null}
              {loaderData.chart ? (
                <ChartFigure svg={loaderData.chart.svg} summary={loaderData.chart.summary}>
                  <CountsTable
                    caption="Aantal antwoorden per thema, landelijk"
                    head="Gebied"
                    rows={[counts.national]}
                    themes={codebook.themes}
                  />
                </ChartFigure>
              ) : (
                <CountsTable
                  caption="Aantal antwoorden per thema, landelijk"
                  head="Gebied"
                  rows={[counts.national]}
                  themes={codebook.themes}
                />
              )}
              <Form method="get" className="bfm-form" preventScrollReset>
                <SelectField
                  name="uitsplitsing"
                  label="Uitsplitsen naar"
                  options={[
                    { value: 'provincie', label: loaderData.breakdownLabels.province },
                    { value: 'grootte', label: loaderData.breakdownLabels.size },
                    { value: 'groep', label: loaderData.breakdownLabels.group },
                  ]}
                  defaultValue={loaderData.breakdownParam}
                />
                <div className="bfm-actions">
                  <Button type="submit" appearance="secondary-action-button">
                    Uitsplitsing tonen
                  </Button>
                </div>
              </Form>
              {counts.breakdown ? (
                <CountsTable
                  caption={`Aantal antwoorden per thema, per ${counts.breakdown.label.toLowerCase()}`}
                  head={counts.breakdown.label}
                  rows={counts.breakdown.rows}
                  themes={codebook.themes}
                />
              ) : null}
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}

/** One button that moves or removes a theme: a form of its own, so it works without JavaScript. */
function ThemeActionForm({
  intent,
  direction,
  themeId,
  baseVersion,
  label,
}: {
  readonly intent: 'move' | 'remove';
  readonly direction?: 'up' | 'down';
  readonly themeId: number;
  readonly baseVersion: number;
  readonly label: string;
}) {
  return (
    <Form method="post">
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      {direction ? <input type="hidden" name="direction" value={direction} /> : null}
      <input type="hidden" name="themeId" value={themeId} />
      <input type="hidden" name="baseVersion" value={baseVersion} />
      <Button type="submit" appearance="secondary-action-button">
        {label}
      </Button>
    </Form>
  );
}
