import {
  Button,
  Heading1,
  Heading2,
  Paragraph,
  TableBody,
  TableCell,
  TableFooter,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { data, Form, Link, type Params } from 'react-router';
import type { Route } from './+types/analysis-crosstab';
import { ErrorSummary } from '../components/error-summary';
import { Field } from '../components/field';
import { GROUPS, SIZE_CLASSES } from '../../src/domain/register';
import { FilterSelectFields } from '../components/filter-select-fields';
import { TableScroll } from '../components/table-scroll';
import { attempt, handleErrors } from '../lib/http.server';
import { pageHandle, pageMeta, roundTrail, type Trail } from '../lib/navigation';
import { requireSession } from '../lib/session.server';
import {
  describeAssociation,
  describeWithheld,
  listCrossTabChoices,
  loadCrossTabView,
  mayExportAnswers,
  parseCrossTabParams,
} from '../lib/services.server';
import { AnalysisNav } from '../components/analysis-layout';
import { writeFilterParams } from '../../src/domain/analysis-filter';

type Data = Route.MetaArgs['loaderData'];

const base = (params: Params) => `/metingen/${encodeURIComponent(params.roundId ?? '')}`;

const trail = (data: Data | undefined, params: Params): Trail => [
  ...roundTrail(params, data?.roundName),
  { label: 'Analyse', to: `${base(params)}/analyse` },
  { label: 'Kruistabel', to: `${base(params)}/analyse/kruistabel` },
];

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

/** What the table shows: counts, or the cells as a share of their row or their column. */
const VIEWS = [
  { id: 'aantallen', label: 'Aantallen' },
  { id: 'rij', label: 'Rijpercentages' },
  { id: 'kolom', label: 'Kolompercentages' },
] as const;
type ViewId = (typeof VIEWS)[number]['id'];

/**
 * Any two questions of a round crossed, with counts, row and column percentages and the
 * chi-square test with Cramér's V. Everything is in the address (`rij`, `kolom`, `weergave`
 * and the dashboard filter `grootte`, `groep`, `provincie`), so the page works without
 * JavaScript and every table can be linked to and downloaded.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const viewer = { kind: 'user' as const, user: session.user };
  const choices = await handleErrors(() => listCrossTabChoices(context.db, viewer, params.roundId));
  const url = new URL(request.url);
  const { query, filter, problems } = parseCrossTabParams(url.searchParams, choices.provinces);
  const weergave = url.searchParams.get('weergave');
  const view: ViewId = VIEWS.some((v) => v.id === weergave) ? (weergave as ViewId) : 'aantallen';
  const outcome =
    query && problems.length === 0
      ? await attempt(() => loadCrossTabView(context.db, viewer, params.roundId, query, filter))
      : null;
  const errors = [
    ...problems.map((p) => ({ field: p.param, message: p.message })),
    ...(outcome && !outcome.ok
      ? [
          {
            field: outcome.error.message.includes('in de kolommen') ? 'kolom' : 'rij',
            message: outcome.error.message,
          },
        ]
      : []),
  ];
  const table = outcome?.ok ? outcome.value : null;
  // The address of the same table in another view, or as a download.
  const keep = new URLSearchParams(url.searchParams);
  const linkTo = (path: string, changes: Record<string, string> = {}) => {
    const next = new URLSearchParams(keep);
    for (const [key, value] of Object.entries(changes)) next.set(key, value);
    const text = next.toString();
    return `${path}${text ? `?${text}` : ''}`;
  };
  const page = `${base(params)}/analyse/kruistabel`;
  const filterable = table ? table.filterable : session.user.role !== 'municipality';
  const filterQuery = writeFilterParams(filter).toString();
  const body = {
    analysisBase: `${base(params)}/analyse`,
    navQuery: filterQuery ? `?${filterQuery}` : '',
    hiddenPages: mayExportAnswers(session.user) ? [] : ['export'],
    roundName: choices.round.roundName,
    synthetic: choices.round.synthetic,
    roundStatus: choices.round.roundStatus,
    groups: choices.groups,
    provinces: choices.provinces,
    selected: {
      row: url.searchParams.get('rij') ?? '',
      column: url.searchParams.get('kolom') ?? '',
      sizeClass: filter.sizeClass ?? '',
      group: filter.group ?? '',
      province: filter.province ?? '',
    },
    filterable,
    filterIgnored: table?.filterIgnored ?? false,
    view,
    views: VIEWS.map((v) => ({ ...v, href: linkTo(page, { weergave: v.id }) })),
    downloads: {
      csv: linkTo(`${page}.csv`),
      xlsx: linkTo(`${page}.xlsx`),
    },
    errors,
    table: table
      ? {
          row: table.row,
          column: table.column,
          counts: table.counts,
          rowTotals: table.rowTotals,
          columnTotals: table.columnTotals,
          total: table.total,
          rowPercentages: table.rowPercentages,
          columnPercentages: table.columnPercentages,
          rowTotalPercentages: table.rowTotalPercentages,
          columnTotalPercentages: table.columnTotalPercentages,
          protection: table.protection,
          suppressed: table.suppressed,
          withheld: table.withheld ? describeWithheld(table.withheld) : null,
          association: describeAssociation(table),
          filterDescription: describeFilterText(table.filter, choices.provinces),
        }
      : null,
  };
  return data(body, { status: errors.length > 0 ? 400 : 200 });
}

function describeFilterText(
  filter: { sizeClass: string | null; group: string | null; province: string | null },
  provinces: readonly { code: string; name: string }[],
): string | null {
  const parts = [
    SIZE_CLASSES.find((c) => c.id === filter.sizeClass)?.label,
    GROUPS.find((g) => g.id === filter.group)?.label,
    provinces.find((p) => p.code === filter.province)?.name,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : null;
}

const formatCount = (value: number | null) =>
  value === null ? null : value.toLocaleString('nl-NL');
const formatPercent = (value: number | null) =>
  value === null
    ? null
    : `${value.toLocaleString('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;

function QuestionSelect({
  name,
  label,
  groups,
  selected,
  error,
}: {
  name: string;
  label: string;
  groups: Data['groups'];
  selected: string;
  error: string | undefined;
}) {
  return (
    <Field name={name} label={label} error={error}>
      <select
        id={name}
        name={name}
        defaultValue={selected}
        className="utrecht-select utrecht-select--html-select"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${name}-fout` : undefined}
      >
        <option value="">Kies een vraag</option>
        {groups.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.variables.map((variable) => (
              <option key={variable.id} value={variable.id}>
                {variable.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </Field>
  );
}

function Withheld() {
  return <em>weggelaten</em>;
}

export default function AnalysisCrossTab({ loaderData }: Route.ComponentProps) {
  const { table, errors, selected } = loaderData;
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;
  const view = loaderData.view;
  const cell = (r: number, c: number) => {
    if (!table) return null;
    if (view === 'rij') return formatPercent(table.rowPercentages[r]?.[c] ?? null);
    if (view === 'kolom') return formatPercent(table.columnPercentages[r]?.[c] ?? null);
    return formatCount(table.counts[r]?.[c] ?? null);
  };
  const rowTotal = (r: number) => {
    if (!table) return null;
    return view === 'aantallen'
      ? formatCount(table.rowTotals[r] ?? null)
      : formatPercent(table.rowTotalPercentages[r] ?? null);
  };
  const columnTotal = (c: number) => {
    if (!table) return null;
    if (view === 'aantallen') return formatCount(table.columnTotals[c] ?? null);
    if (view === 'rij') return formatPercent(table.columnTotalPercentages[c] ?? null);
    const count = table.columnTotals[c] ?? null;
    return count === null ? null : count > 0 ? '100,0%' : '–';
  };
  const corner = () => {
    if (!table || table.withheld) return null;
    if (view === 'aantallen') return formatCount(table.total);
    return table.total > 0 ? '100,0%' : '–';
  };
  const viewLabel = VIEWS.find((v) => v.id === view)?.label ?? 'Aantallen';
  const show = (value: string | null) => (value === null ? <Withheld /> : value);

  return (
    <div className="bfm-stack">
      <Heading1>Kruistabel</Heading1>
      <AnalysisNav
        base={loaderData.analysisBase}
        current="kruistabel"
        query={loaderData.navQuery}
        hidden={loaderData.hiddenPages}
      />
      {loaderData.synthetic ? (
        <Paragraph>
          <strong>Synthetische gegevens:</strong> deze meting is verzonnen voor demonstratie en zegt
          niets over echte gemeenten.
        </Paragraph>
      ) : null}
      <Paragraph>
        Zet twee vragen tegen elkaar uit, ook uit de twee vragenlijsten (per gemeente gekoppeld). De
        tabel telt de gemeenten die beide vragen beantwoordden. De chi-kwadraattoets zegt of de
        antwoorden op de ene vraag samenhangen met die op de andere; Cramérs V hoe sterk.
      </Paragraph>
      <ErrorSummary errors={errors} />
      <section aria-labelledby="kiezen" className="bfm-stack">
        <Heading2 id="kiezen">Vragen kiezen</Heading2>
        <Form method="get" className="bfm-form">
          <QuestionSelect
            name="rij"
            label="Vraag in de rijen"
            groups={loaderData.groups}
            selected={selected.row}
            error={errorFor('rij')}
          />
          <QuestionSelect
            name="kolom"
            label="Vraag in de kolommen"
            groups={loaderData.groups}
            selected={selected.column}
            error={errorFor('kolom')}
          />
          {loaderData.filterable ? (
            <FilterSelectFields
              selected={selected}
              provinces={loaderData.provinces}
              errorFor={errorFor}
            />
          ) : (
            <Paragraph>
              U ziet de landelijke kruistabel. Filteren op grootte, groep of provincie kan niet met
              een gemeenteaccount: kleine groepen zouden de antwoorden van afzonderlijke gemeenten
              verraden. Cellen met minder dan vijf gemeenten worden weggelaten.
            </Paragraph>
          )}
          <input type="hidden" name="weergave" value={view} />
          <Button type="submit" appearance="primary-action-button">
            Kruistabel tonen
          </Button>
        </Form>
        {loaderData.filterIgnored ? (
          <Paragraph>
            Het filter in het adres is niet toegepast: met een gemeenteaccount ziet u alleen de
            landelijke kruistabel.
          </Paragraph>
        ) : null}
      </section>
      {table ? (
        <section aria-labelledby="uitkomst" className="bfm-stack">
          <Heading2 id="uitkomst">
            {capitalise(table.row.name)} ({table.row.questionnaire}) tegen {table.column.name} (
            {table.column.questionnaire})
          </Heading2>
          <UnorderedList>
            <UnorderedListItem>Rijen: {table.row.text}</UnorderedListItem>
            <UnorderedListItem>Kolommen: {table.column.text}</UnorderedListItem>
          </UnorderedList>
          <Paragraph>
            {table.total.toLocaleString('nl-NL')}{' '}
            {table.total === 1 ? 'gemeente beantwoordde' : 'gemeenten beantwoordden'} beide vragen
            {table.filterDescription ? ` (${table.filterDescription})` : ''}.
            {table.row.multipleResponse || table.column.multipleResponse
              ? ' Bij een meerkeuzevraag telt een gemeente mee bij elke optie die zij koos; de totalen tellen gemeenten, dus de cellen tellen niet op tot het totaal.'
              : ''}
          </Paragraph>
          {table.withheld ? (
            <Paragraph>{table.withheld}</Paragraph>
          ) : (
            <>
              <nav aria-label="Weergave van de tabel">
                <ul className="bfm-inline-list">
                  {loaderData.views.map((v) => (
                    <li key={v.id}>
                      <Link
                        className="utrecht-link"
                        to={v.href}
                        aria-current={v.id === view ? 'true' : undefined}
                      >
                        {v.id === view ? <strong>{v.label}</strong> : v.label}
                      </Link>
                    </li>
                  ))}
                </ul>
              </nav>
              <TableScroll
                caption={
                  <>
                    {viewLabel}: {table.row.name} in de rijen, {table.column.name} in de kolommen
                  </>
                }
              >
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{capitalise(table.row.name)}</TableHeaderCell>
                    {table.column.categories.map((category) => (
                      <TableHeaderCell key={category.code} scope="col" numericColumn>
                        {category.label}
                      </TableHeaderCell>
                    ))}
                    <TableHeaderCell scope="col" numericColumn>
                      Totaal
                    </TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {table.row.categories.map((category, r) => (
                    <TableRow key={category.code}>
                      <TableHeaderCell scope="row">{category.label}</TableHeaderCell>
                      {table.column.categories.map((column, c) => (
                        <TableCell key={column.code} numericColumn>
                          {show(cell(r, c))}
                        </TableCell>
                      ))}
                      <TableCell numericColumn>{show(rowTotal(r))}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
                <TableFooter>
                  <TableRow>
                    <TableHeaderCell scope="row">Totaal</TableHeaderCell>
                    {table.column.categories.map((column, c) => (
                      <TableCell key={column.code} numericColumn>
                        {show(columnTotal(c))}
                      </TableCell>
                    ))}
                    <TableCell numericColumn>{show(corner())}</TableCell>
                  </TableRow>
                </TableFooter>
              </TableScroll>
              {table.suppressed ? (
                <Paragraph>
                  ‘Weggelaten’: de cel berust op minder dan vijf gemeenten, of zou zo’n cel uit de
                  totalen terug laten rekenen.
                </Paragraph>
              ) : null}
            </>
          )}
          {table.association.sentences.length > 0 ? (
            <section aria-labelledby="samenhang" className="bfm-stack">
              <Heading2 id="samenhang">Samenhang</Heading2>
              {table.association.sentences.map((sentence) => (
                <Paragraph key={sentence}>{sentence}</Paragraph>
              ))}
              {table.association.warning ? (
                <Paragraph>{table.association.warning}</Paragraph>
              ) : null}
            </section>
          ) : null}
          <section aria-labelledby="downloaden" className="bfm-stack">
            <Heading2 id="downloaden">Downloaden</Heading2>
            <UnorderedList>
              <UnorderedListItem>
                <a className="utrecht-link" href={loaderData.downloads.csv} download>
                  Kruistabel als CSV
                </a>
              </UnorderedListItem>
              <UnorderedListItem>
                <a className="utrecht-link" href={loaderData.downloads.xlsx} download>
                  Kruistabel als Excel-bestand
                </a>
              </UnorderedListItem>
            </UnorderedList>
          </section>
        </section>
      ) : null}
    </div>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
