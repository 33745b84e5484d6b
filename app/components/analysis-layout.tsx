import {
  Alert,
  Button,
  Heading1,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { Form, Link } from 'react-router';
import type { DataCell, DataTable } from '../../src/services/dashboard-tables.ts';
import { SelectField } from './field';
import { TableScroll } from './table-scroll';

/** The data every dashboard page's loader gives its layout (app/lib/dashboard.server.ts). */
export interface AnalysisLayoutData {
  readonly round: {
    readonly id: string;
    readonly name: string;
    readonly synthetic: boolean;
    readonly statusOpen: boolean;
  };
  /** `/metingen/:roundId/analyse`. */
  readonly base: string;
  /** The page shown: the segment after /analyse ('' for Respons). */
  readonly current: string;
  /** The applied filter as a query string, kept on every link between the pages. */
  readonly query: string;
  readonly filter: {
    readonly filterable: boolean;
    readonly ignored: boolean;
    readonly text: string | null;
    readonly problems: readonly string[];
    readonly action: string;
    readonly clearHref: string;
    readonly hidden: Readonly<Record<string, string>>;
    readonly values: {
      readonly grootte: string;
      readonly groep: string;
      readonly provincie: string;
    };
    readonly options: Readonly<
      Record<
        'grootte' | 'groep' | 'provincie',
        readonly { readonly value: string; readonly label: string }[]
      >
    >;
  };
  readonly protection: 'none' | 'small-cells';
  readonly suppressedCount: number;
  readonly downloads: { readonly workbookHref: string } | null;
  /** Pages of the sub-navigation this user may not open (the answers export). */
  readonly hiddenPages: readonly string[];
}

/** The pages of the dashboard built here, in the order of the sub-navigation. */
export const DASHBOARD_PAGES: readonly { readonly path: string; readonly label: string }[] = [
  { path: '', label: 'Respons' },
  { path: 'basisfuncties', label: 'Basisfuncties' },
  { path: 'items', label: 'Items' },
  { path: 'meerkeuze', label: 'Meerkeuzevragen' },
  { path: 'samenvatting', label: 'Samenvatting' },
  { path: 'kaarten', label: 'Kaarten' },
];

/**
 * The dashboard pages of the other parts of issue 10 (cross-tables, exports, the national
 * report). The integrator keeps this list in step with app/routes.ts; they get the filter of
 * the page like the others.
 */
export const OTHER_ANALYSIS_PAGES: readonly { readonly path: string; readonly label: string }[] = [
  { path: 'kruistabel', label: 'Kruistabel' },
  { path: 'export', label: 'Antwoorden downloaden' },
  { path: 'rapport', label: 'Landelijk rapport' },
  // Issue 11 (helper D): the trend since an earlier round.
  { path: 'ontwikkeling', label: 'Ontwikkeling' },
  // Issue 12 (helper D): the advice talks and the development after them.
  { path: 'gesprekken', label: 'Adviesgesprekken' },
  // Issue 12 (helper C): the Wmo plans against the national target.
  { path: 'wmo-plannen', label: 'Wmo-beleidsplannen' },
  // Issue 13 (helper A): the open answers and notes, read, searched, coded and quoted.
  { path: 'open-antwoorden', label: 'Open antwoorden' },
];

/**
 * The sub-navigation between the pages of the analysis, keeping the filter (`query`, with its
 * leading '?', or ''). Also used by the pages with a form of their own (cross-table, export).
 */
export function AnalysisNav({
  base,
  current,
  query,
  hidden = [],
}: {
  base: string;
  current: string;
  query: string;
  hidden?: readonly string[];
}) {
  return (
    <nav aria-label="Onderdelen van de analyse" className="bfm-analysis-nav">
      <ul>
        {[...DASHBOARD_PAGES, ...OTHER_ANALYSIS_PAGES]
          .filter((page) => !hidden.includes(page.path))
          .map((page) => {
            const href = `${base}${page.path ? `/${page.path}` : ''}${query}`;
            const isCurrent = page.path === current;
            return (
              <li key={page.path}>
                <Link
                  className="utrecht-link"
                  to={href}
                  aria-current={isCurrent ? 'page' : undefined}
                >
                  {page.label}
                </Link>
              </li>
            );
          })}
      </ul>
    </nav>
  );
}

/**
 * The heading of an analysis page with the round, and the note that a synthetic round's data
 * are invented: shared by the dashboard's frame and the analysis pages outside it.
 */
export function AnalysisHeading({
  title,
  round,
}: {
  title: string;
  round: { readonly name: string; readonly synthetic: boolean };
}) {
  return (
    <>
      <Heading1>
        {title} <span className="bfm-analysis-round">— {round.name}</span>
      </Heading1>
      {round.synthetic ? (
        <Paragraph>
          <strong>Synthetische demonstratiemeting:</strong> de gegevens zijn verzonnen.
        </Paragraph>
      ) : null}
    </>
  );
}

/**
 * The frame of every dashboard page: the heading with the round (and 'synthetisch'), the
 * sub-navigation, what is withheld and why, and the filter form (a GET form: it works without
 * JavaScript and its address can be shared).
 */
export function AnalysisLayout({
  layout,
  title,
  children,
}: {
  layout: AnalysisLayoutData;
  /** The page's own heading, under the round's. */
  title: string;
  children: ReactNode;
}) {
  const { filter } = layout;
  return (
    <div className="bfm-stack">
      <AnalysisHeading title={title} round={layout.round} />
      {layout.round.statusOpen ? (
        <Paragraph>
          De meting is nog niet gesloten: de cijfers veranderen zolang gemeenten antwoorden.
        </Paragraph>
      ) : null}
      <AnalysisNav
        base={layout.base}
        current={layout.current}
        query={layout.query}
        hidden={layout.hiddenPages}
      />
      {layout.protection === 'small-cells' ? (
        <Paragraph className="bfm-analysis-note">
          Cijfers over minder dan 5 gemeenten zijn onderdrukt, en zo nodig ook een cijfer ernaast,
          zodat een onderdrukt cijfer niet uit het totaal te herleiden is. Zo is het antwoord van
          een afzonderlijke gemeente niet af te lezen.
          {layout.suppressedCount > 0
            ? ` Op deze meting zijn ${layout.suppressedCount} cijferblokken onderdrukt.`
            : ''}
        </Paragraph>
      ) : null}
      {filter.filterable ? (
        <section aria-labelledby="filter-kop" className="bfm-stack">
          <h2 id="filter-kop" className="bfm-visually-hidden">
            Filter
          </h2>
          {filter.problems.length > 0 ? (
            <Alert type="error">
              {filter.problems.map((problem) => (
                <Paragraph key={problem}>{problem}</Paragraph>
              ))}
            </Alert>
          ) : null}
          <Form
            method="get"
            action={filter.action}
            className="bfm-round-filters"
            // Remounted when the filter changes, so the fields show the filter applied.
            key={JSON.stringify(filter.values)}
          >
            {Object.entries(filter.hidden).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <SelectField
              name="grootte"
              label="Grootteklasse"
              defaultValue={filter.values.grootte}
              options={[{ value: '', label: 'alle grootteklassen' }, ...filter.options.grootte]}
            />
            <SelectField
              name="groep"
              label="Groep (G4/G27/overig)"
              defaultValue={filter.values.groep}
              options={[{ value: '', label: 'alle groepen' }, ...filter.options.groep]}
            />
            <SelectField
              name="provincie"
              label="Provincie"
              defaultValue={filter.values.provincie}
              options={[{ value: '', label: 'alle provincies' }, ...filter.options.provincie]}
            />
            <div className="bfm-actions bfm-round-filter-actions">
              <Button type="submit" appearance="secondary-action-button">
                Filter toepassen
              </Button>
              {filter.text ? (
                <Link className="utrecht-link" to={filter.clearHref}>
                  Filter wissen
                </Link>
              ) : null}
            </div>
          </Form>
          <Paragraph role="status">
            {filter.text
              ? `Gefilterd: ${filter.text}. Alle cijfers en downloads op deze pagina gaan over deze gemeenten.`
              : 'Alle gemeenten van de meting.'}
          </Paragraph>
        </section>
      ) : (
        <Paragraph>
          {filter.ignored ? 'Het filter in het adres is niet toegepast. ' : ''}
          Filteren kan niet met uw account: met een filter ontstaan kleine groepen gemeenten, en uit
          twee gefilterde overzichten samen zou het antwoord van één gemeente te herleiden zijn. U
          ziet de landelijke cijfers en de indelingen naar grootte, groep en provincie.
        </Paragraph>
      )}
      {children}
      {layout.downloads ? (
        <Paragraph>
          <a className="utrecht-link" href={layout.downloads.workbookHref} download>
            Alle tabellen van de analyse in één Excel-bestand
          </a>
        </Paragraph>
      ) : null}
    </div>
  );
}

// One formatter for the whole page: `toLocaleString` builds a new one per call, which made
// number formatting the largest cost of rendering a dashboard page (CPU profile).
const NUMBER_FORMAT = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });

/** Formats a number the Dutch way, with up to one decimal. */
export function formatNumber(value: number): string {
  return NUMBER_FORMAT.format(value);
}

/** A withheld figure: the word, with its reason for screen readers and on hover. */
export function Withheld() {
  return (
    <abbr title="onderdrukt: minder dan 5 gemeenten, of te herleiden uit de andere cijfers">
      onderdrukt
      <span className="bfm-visually-hidden">
        {' '}
        (minder dan 5 gemeenten, of te herleiden uit de andere cijfers)
      </span>
    </abbr>
  );
}

function CellValue({ value }: { value: DataCell }) {
  if (typeof value === 'object' && value !== null) return <Withheld />;
  if (value === null) return <>–</>;
  if (typeof value === 'number') return <>{formatNumber(value)}</>;
  return <>{value}</>;
}

/** The download links of one table. */
export function TableDownloads({
  table,
  downloads,
}: {
  table: Pick<DataTable, 'title'>;
  downloads: { readonly csv: string; readonly xlsx: string } | null;
}) {
  if (!downloads) return null;
  return (
    <Paragraph className="bfm-analysis-downloads">
      Download deze tabel:{' '}
      <a className="utrecht-link" href={downloads.csv} download>
        CSV<span className="bfm-visually-hidden"> van {table.title}</span>
      </a>{' '}
      ·{' '}
      <a className="utrecht-link" href={downloads.xlsx} download>
        Excel<span className="bfm-visually-hidden"> van {table.title}</span>
      </a>
    </Paragraph>
  );
}

/** A table of the dashboard with its notes and download links. */
export function DataTableView({
  table,
  downloads,
  caption,
}: {
  table: DataTable;
  downloads: { readonly csv: string; readonly xlsx: string } | null;
  /** A shorter caption than the table's title, when the page's heading says the rest. */
  caption?: string;
}) {
  return (
    <div className="bfm-stack">
      <TableScroll caption={caption ?? table.title}>
        <TableHeader>
          <TableRow>
            {table.columns.map((column, index) => (
              <TableHeaderCell key={`${index}-${column}`} scope="col">
                {column}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {table.rows.map((row, r) => (
            <TableRow key={r}>
              {row.map((value, c) =>
                c === 0 ? (
                  <TableHeaderCell key={c} scope="row">
                    <CellValue value={value} />
                  </TableHeaderCell>
                ) : (
                  <TableCell key={c}>
                    <CellValue value={value} />
                  </TableCell>
                ),
              )}
            </TableRow>
          ))}
        </TableBody>
      </TableScroll>
      {table.notes.length > 0 ? (
        <ul className="bfm-analysis-notes">
          {table.notes
            .filter((note) => !note.startsWith('Meting: ') && !note.startsWith('Synthetische'))
            .map((note) => (
              <li key={note}>{note}</li>
            ))}
        </ul>
      ) : null}
      <TableDownloads table={table} downloads={downloads} />
    </div>
  );
}

/**
 * A chart with its one-sentence summary above it and its data table below it. The SVG is
 * drawn on the server (src/services/charts/analysis-charts.ts); its bars are focusable.
 */
export function ChartFigure({
  svg,
  summary,
  children,
}: {
  svg: string;
  summary: string;
  /** The data table (and downloads) of the chart. */
  children?: ReactNode;
}) {
  return (
    <figure className="bfm-figure bfm-chart bfm-stack">
      <figcaption>
        <Paragraph>{summary}</Paragraph>
      </figcaption>
      <div className="bfm-chart-svg" dangerouslySetInnerHTML={{ __html: svg }} />
      {children}
    </figure>
  );
}
