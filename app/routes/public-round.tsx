/**
 * /openbaar/metingen/:roundId: the aggregates of a published round for everyone, drawn from
 * the open-data document itself (loadOpenData), so the page shows exactly what data.json
 * says: withheld cells read 'onderdrukt', and no municipality appears by name. Reads only.
 */
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
import type { Params } from 'react-router';
import type { Route } from './+types/public-round';
import { TableScroll } from '../components/table-scroll';
import { formatDate } from '../lib/format';
import { handleErrors } from '../lib/http.server';
import { pageHandle, pageMeta, PUBLIC_TRAIL, type Trail } from '../lib/navigation';
import {
  formatPercentValue,
  loadOpenData,
  NotFoundError,
  OPEN_DATA_LICENCE,
  OPEN_DATA_LICENCE_LABEL,
  renderItemStackChart,
  renderShareChart,
  summarizeBars,
  summarizeItems,
  SUPPRESSED_TEXT,
  type OpenDataDocument,
} from '../lib/services.server';

type Data = Route.MetaArgs['loaderData'];

const trail = (data: Data | undefined, params: Params): Trail => [
  ...PUBLIC_TRAIL,
  {
    label: data?.round.name ?? 'Meting',
    to: `/openbaar/metingen/${encodeURIComponent(params.roundId ?? '')}`,
  },
];

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

type Figure = OpenDataDocument['pearsonR'];

/** A percentage figure as a table shows it: '45%', 'onderdrukt' or '–' (no data). */
function showPercent(figure: Figure): string {
  if (figure.suppressed) return SUPPRESSED_TEXT;
  return figure.value === null ? '–' : formatPercentValue(figure.value);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const DIVISIONS = [
  { key: 'bySizeClass', label: 'Naar grootteklasse', column: 'Grootteklasse' },
  { key: 'byGroup', label: 'Naar G4, G27 en overige gemeenten', column: 'Groep' },
  { key: 'byProvince', label: 'Naar provincie', column: 'Provincie' },
] as const;

function describeQuestionnaire(document: OpenDataDocument, questionnaire: string) {
  const results = document.basisfuncties.filter((b) => b.questionnaire === questionnaire);
  const label = capitalize(questionnaire);
  const rows = results.map((result) => ({
    label: result.name,
    percent: result.national.percentGoed.value,
    count: result.national.goed.value,
    respondents: result.national.percentGoed.respondents,
    suppressed: result.national.percentGoed.suppressed,
  }));
  const items = document.items
    .filter((item) => item.questionnaire === questionnaire)
    .map((item) => ({
      label: `Vraag ${item.question}`,
      text: item.text,
      percentages: item.answers.some((a) => a.percent.suppressed)
        ? null
        : item.answers.map((a) => a.percent.value),
      answered: item.answers[0]?.percent.respondents ?? 0,
      suppressed: item.answers.some((a) => a.percent.suppressed),
      cells: item.answers.map((a) => showPercent(a.percent)),
    }));
  return {
    id: questionnaire,
    label,
    respondents: document.respondents[questionnaire]?.value ?? 0,
    national: {
      chart: renderShareChart({
        rows,
        alt: `Percentage gemeenten dat de basisfunctie goed voor elkaar heeft: ${questionnaire}`,
      }),
      summary: summarizeBars(rows, "'goed voor elkaar'"),
      rows: results.map((result) => ({
        label: result.name,
        percent: showPercent(result.national.percentGoed),
        respondents: result.national.percentGoed.respondents,
      })),
    },
    divisions: DIVISIONS.map((division) => {
      const groups = results[0]?.[division.key] ?? [];
      return {
        key: division.key,
        label: division.label,
        column: division.column,
        basisfuncties: results.map((result) => result.name),
        rows: groups.map((group, index) => ({
          label: group.label,
          municipalities: group.municipalities,
          cells: results.map((result) => {
            const figure = result[division.key][index]?.percentGoed as Figure;
            return figure.suppressed || figure.value === null
              ? showPercent(figure)
              : `${showPercent(figure)} (${figure.respondents})`;
          }),
        })),
      };
    }),
    items: {
      chart: renderItemStackChart({
        items: items.map(({ label, percentages, answered, suppressed }) => ({
          label,
          percentages,
          answered,
          suppressed,
        })),
        alt: `Antwoorden per vraag, alle gemeenten: ${questionnaire}`,
      }),
      summary: summarizeItems(items),
      rows: items.map((item) => ({
        label: item.label,
        text: item.text,
        cells: item.cells,
        answered: item.answered,
      })),
    },
  };
}

export async function loader({ context, params }: Route.LoaderArgs) {
  const document = await handleErrors(async () => {
    if (!params.roundId) throw new NotFoundError();
    return loadOpenData(context.db, context.links, params.roundId);
  });
  // loadOpenData returns the same object while the round's data is unchanged: the page's
  // figures and charts are derived once per document, not per reader.
  const cached = pageData.get(document);
  if (cached) return cached;
  const derived = describePage(document);
  pageData.set(document, derived);
  return derived;
}

const pageData = new WeakMap<OpenDataDocument, ReturnType<typeof describePage>>();

function describePage(document: OpenDataDocument) {
  const base = `/openbaar/metingen/${encodeURIComponent(document.round.id)}`;
  const questionnaires = [...new Set(document.basisfuncties.map((b) => b.questionnaire))];
  return {
    round: {
      name: document.round.name,
      synthetic: document.round.synthetic,
      publishedOn: formatDate(document.round.publishedAt),
      register: document.round.register.name,
    },
    respondents: {
      municipalities: document.round.register.municipalities,
      both: document.respondents.both?.value ?? 0,
    },
    minimum: document.suppression.minimumRespondents,
    suppressedText: SUPPRESSED_TEXT,
    suppressedCount: countSuppressed(document),
    questionnaires: questionnaires.map((q) => describeQuestionnaire(document, q)),
    downloads: [
      { href: `${base}/data.csv`, label: 'Alle cijfers als CSV', format: 'CSV, puntkomma' },
      { href: `${base}/data.json`, label: 'Alle cijfers als JSON', format: 'JSON' },
      {
        href: `${base}/metadata.json`,
        label: 'Beschrijving van de dataset',
        format: 'DCAT, JSON-LD',
      },
    ],
    licence: { href: OPEN_DATA_LICENCE, label: OPEN_DATA_LICENCE_LABEL },
  };
}

/** How many figures of the document are withheld, for the explanation. */
function countSuppressed(document: OpenDataDocument): number {
  let count = 0;
  JSON.stringify(document, (key, value: unknown) => {
    if (key === 'suppressed' && value === true) count += 1;
    return value;
  });
  return count;
}

export default function PublicRound({ loaderData }: Route.ComponentProps) {
  const { round, questionnaires } = loaderData;
  return (
    <div className="bfm-stack">
      <Heading1>{round.name}: landelijke uitkomsten</Heading1>
      {round.synthetic ? (
        <Paragraph>
          <strong>Let op:</strong> dit is een synthetische demonstratiemeting: de gegevens zijn
          verzonnen.
        </Paragraph>
      ) : null}
      <Paragraph lead>
        Van de {loaderData.respondents.municipalities} gemeenten in het register ({round.register})
        vulden er{' '}
        {questionnaires.map((q) => `${q.respondents} de vragenlijst ${q.id}`).join(' en ')} in;{' '}
        {loaderData.respondents.both} vulden beide in. Gepubliceerd op {round.publishedOn}.
      </Paragraph>
      <nav aria-label="Op deze pagina">
        <UnorderedList>
          {questionnaires.map((q) => (
            <UnorderedListItem key={q.id}>
              <a className="utrecht-link" href={`#${q.id}`}>
                {q.label}
              </a>
            </UnorderedListItem>
          ))}
          <UnorderedListItem>
            <a className="utrecht-link" href="#downloads">
              Open data downloaden
            </a>
          </UnorderedListItem>
          <UnorderedListItem>
            <a className="utrecht-link" href="#over-de-gegevens">
              Over de gegevens en onderdrukte cijfers
            </a>
          </UnorderedListItem>
        </UnorderedList>
      </nav>

      {questionnaires.map((q) => (
        <section key={q.id} aria-labelledby={q.id} className="bfm-stack">
          <Heading2 id={q.id}>{q.label}</Heading2>
          <Heading3>Goed voor elkaar per basisfunctie</Heading3>
          <figure className="bfm-figure bfm-chart">
            <figcaption>{q.national.summary}</figcaption>
            <div className="bfm-chart-svg" dangerouslySetInnerHTML={{ __html: q.national.chart }} />
            <TableScroll
              caption={`Percentage gemeenten dat de basisfunctie goed voor elkaar heeft: ${q.id}`}
            >
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Basisfunctie</TableHeaderCell>
                  <TableHeaderCell scope="col">Goed voor elkaar</TableHeaderCell>
                  <TableHeaderCell scope="col">Aantal gemeenten</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {q.national.rows.map((row) => (
                  <TableRow key={row.label}>
                    <TableHeaderCell scope="row">{row.label}</TableHeaderCell>
                    <TableCell>{row.percent}</TableCell>
                    <TableCell>{row.respondents}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </TableScroll>
          </figure>

          {q.divisions.map((division) => (
            <div key={division.key} className="bfm-stack">
              <Heading3>{division.label}</Heading3>
              <TableScroll
                caption={`Percentage goed voor elkaar ${division.label.toLowerCase()}, met tussen haakjes het aantal gemeenten: ${q.id}`}
              >
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{division.column}</TableHeaderCell>
                    {division.basisfuncties.map((name) => (
                      <TableHeaderCell key={name} scope="col">
                        {name}
                      </TableHeaderCell>
                    ))}
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {division.rows.map((row) => (
                    <TableRow key={row.label}>
                      <TableHeaderCell scope="row">{row.label}</TableHeaderCell>
                      {row.cells.map((cell, index) => (
                        <TableCell key={division.basisfuncties[index] ?? index}>{cell}</TableCell>
                      ))}
                    </TableRow>
                  ))}
                </TableBody>
              </TableScroll>
            </div>
          ))}

          <Heading3>Antwoorden per vraag</Heading3>
          <figure className="bfm-figure bfm-chart">
            <figcaption>{q.items.summary}</figcaption>
            <div className="bfm-chart-svg" dangerouslySetInnerHTML={{ __html: q.items.chart }} />
            <TableScroll caption={`Antwoorden per vraag, alle gemeenten: ${q.id}`}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Vraag</TableHeaderCell>
                  <TableHeaderCell scope="col">Nee</TableHeaderCell>
                  <TableHeaderCell scope="col">Ja, verbetering mogelijk</TableHeaderCell>
                  <TableHeaderCell scope="col">Ja, goed voor elkaar</TableHeaderCell>
                  <TableHeaderCell scope="col">Aantal gemeenten</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {q.items.rows.map((row) => (
                  <TableRow key={row.label}>
                    <TableHeaderCell scope="row">
                      {row.label}. {row.text}
                    </TableHeaderCell>
                    {row.cells.map((cell, index) => (
                      <TableCell key={index}>{cell}</TableCell>
                    ))}
                    <TableCell>{row.answered}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </TableScroll>
          </figure>
        </section>
      ))}

      <section aria-labelledby="downloads" className="bfm-stack">
        <Heading2 id="downloads">Open data downloaden</Heading2>
        <UnorderedList>
          {loaderData.downloads.map((download) => (
            <UnorderedListItem key={download.href}>
              <a className="utrecht-link" href={download.href}>
                {download.label}
              </a>{' '}
              ({download.format})
            </UnorderedListItem>
          ))}
        </UnorderedList>
        <Paragraph>
          Licentie:{' '}
          <a className="utrecht-link" href={loaderData.licence.href} rel="license">
            {loaderData.licence.label}
          </a>
          . U mag de gegevens zonder voorwaarden gebruiken, ook zonder bronvermelding.
        </Paragraph>
      </section>

      <section aria-labelledby="over-de-gegevens" className="bfm-stack">
        <Heading2 id="over-de-gegevens">Over de gegevens en onderdrukte cijfers</Heading2>
        <Paragraph>
          Een cijfer dat op minder dan {loaderData.minimum} gemeenten rust, tonen we niet: er staat
          dan ‘{loaderData.suppressedText}’. Zo is een cijfer nooit terug te voeren op één gemeente.
          Binnen elke indeling (grootteklasse, groep, provincie) onderdrukken we zo nodig nog een
          cijfer, zodat een onderdrukt cijfer ook niet uit het landelijke totaal en de andere
          cijfers is terug te rekenen.
        </Paragraph>
        <Paragraph>
          Op deze pagina en in de bestanden {loaderData.suppressedCount === 1 ? 'is' : 'zijn'}{' '}
          {loaderData.suppressedCount} {loaderData.suppressedCount === 1 ? 'cijfer' : 'cijfers'}{' '}
          onderdrukt. Antwoorden van afzonderlijke gemeenten worden nooit gepubliceerd. In de
          bestanden staat bij elk cijfer op hoeveel gemeenten het rust.
        </Paragraph>
      </section>
    </div>
  );
}
