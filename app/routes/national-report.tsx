import {
  Heading2,
  Heading3,
  Heading4,
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
import type { Route } from './+types/national-report';
import { TableScroll } from '../components/table-scroll';
import { describeBands, formatDate, formatMark } from '../lib/format';
import { AnalysisLayout } from '../components/analysis-layout';
import { loadDashboardPage } from '../lib/dashboard.server';
import { analysisTrail, pageHandle, pageMeta, type Trail } from '../lib/navigation';
import {
  buildNationalReportFromView,
  can,
  drawNationalReportFigures,
} from '../lib/services.server';
import { sourceExportPath } from '../lib/open-answer-paths';

type Data = Route.MetaArgs['loaderData'];

const trail = (data: Data | undefined, params: Params): Trail =>
  analysisTrail(params, data?.report.round.name, { label: 'Landelijk rapport', path: 'rapport' });

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

/**
 * The national report of a round as one long document with a table of contents, numbered
 * figures and tables, SVG charts with their summary and data table, and print styles: the
 * same page is printed as the tagged PDF (rapport.pdf). Municipality accounts see the
 * small-cell protected figures.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  // The dashboard's frame: the session, the analysis view with the filter of the address
  // (staff only), the sub-navigation and the filter form.
  const page = await loadDashboardPage(request, context, params, 'rapport');
  const report = await buildNationalReportFromView(context.db, page.dashboard.view);
  return {
    // The report's own download is its PDF; the dashboard's workbook link is left out here.
    layout: { ...page.layout, downloads: null },
    report,
    figures: drawNationalReportFigures(report),
    pdfHref: `${page.base}/rapport.pdf${page.dashboard.query}`,
    // The coded answers as files, for who may download them (not printed in the PDF).
    openAnswerDownloads: can(page.user, 'openAnswers.export'),
  };
}

const SUPPRESSED = 'onderdrukt';

const percent = (value: number | null, suppressed = false) =>
  value === null
    ? suppressed
      ? SUPPRESSED
      : '–'
    : `${value.toLocaleString('nl-NL', { maximumFractionDigits: 1 })}%`;
const count = (value: number | null, suppressed = false) =>
  value === null ? (suppressed ? SUPPRESSED : '–') : value.toLocaleString('nl-NL');
const share = (part: number, whole: number) =>
  whole === 0 ? '–' : percent(Math.round((1000 * part) / whole) / 10);

type Report = Data['report'];
type Questionnaire = Report['questionnaires'][number];
type Figures = Data['figures'][string];

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Numbers figures and tables in document order; made once per render. */
function createNumbering() {
  let figures = 0;
  let tables = 0;
  return { figure: () => `Figuur ${++figures}`, table: () => `Tabel ${++tables}` };
}

type Numbering = ReturnType<typeof createNumbering>;

const chapterId = (q: Questionnaire) => `hoofdstuk-${q.chapter}`;
const sectionId = (q: Questionnaire, basisfunctie: string) => `${q.id}-${basisfunctie}`;
const appendixId = (n: number) => `bijlage-${n}`;

export default function NationalReportPage({ loaderData }: Route.ComponentProps) {
  const { report, figures } = loaderData;
  const numbering = createNumbering();
  const appendixCross = report.questionnaires.length + 1;
  return (
    <AnalysisLayout layout={loaderData.layout} title="Landelijk rapport">
      <div className="bfm-stack bfm-report bfm-national-report">
        <Paragraph>
          Goed voor elkaar met de basisfuncties: de stand van de lokale ondersteuning van
          vrijwilligerswerk en mantelzorg in {report.round.name}
          {report.round.synthetic ? ' (demonstratiegegevens, geen echte meting)' : ''}
          {report.filter ? `, voor de ${report.filter}` : ''}.
        </Paragraph>
        <Paragraph className="bfm-no-print">
          <a className="utrecht-link" href={loaderData.pdfHref}>
            Download dit rapport als PDF
          </a>
        </Paragraph>

        <nav aria-labelledby="inhoud" className="bfm-report-toc">
          <Heading2 id="inhoud">Inhoud</Heading2>
          <UnorderedList>
            <UnorderedListItem>
              <a className="utrecht-link" href="#hoofdstuk-1">
                1 Onderzoeksopzet
              </a>
            </UnorderedListItem>
            {report.questionnaires.map((q) => (
              <UnorderedListItem key={q.id}>
                <a className="utrecht-link" href={`#${chapterId(q)}`}>
                  {q.chapter} Basisfuncties {q.field}
                </a>
                <UnorderedList>
                  {q.basisfuncties.map((b, index) => (
                    <UnorderedListItem key={b.id}>
                      <a className="utrecht-link" href={`#${sectionId(q, b.id)}`}>
                        {q.chapter}.{index + 1} {b.name}
                      </a>
                    </UnorderedListItem>
                  ))}
                </UnorderedList>
              </UnorderedListItem>
            ))}
            <UnorderedListItem>
              <a className="utrecht-link" href="#hoofdstuk-4">
                {report.questionnaires.length + 2} Conclusies
              </a>
            </UnorderedListItem>
            {report.openAnswers.length > 0 ? (
              <UnorderedListItem>
                <a className="utrecht-link" href="#open-antwoorden">
                  Uit de open antwoorden
                </a>
              </UnorderedListItem>
            ) : null}
            {report.questionnaires.map((q) => (
              <UnorderedListItem key={q.id}>
                <a className="utrecht-link" href={`#${appendixId(q.appendix)}`}>
                  Bijlage {q.appendix}: tabellen {q.field}
                </a>
              </UnorderedListItem>
            ))}
            <UnorderedListItem>
              <a className="utrecht-link" href={`#${appendixId(appendixCross)}`}>
                Bijlage {appendixCross}: verband tussen vrijwilligerswerk en mantelzorg
              </a>
            </UnorderedListItem>
          </UnorderedList>
        </nav>

        {renderMethod(report, numbering)}
        {report.questionnaires.map((q) =>
          renderQuestionnaire(report, q, figures[q.id] as Figures, numbering),
        )}
        {renderConclusions(report, numbering, appendixCross)}
        {renderOpenAnswers(report, numbering, loaderData.openAnswerDownloads)}
        {report.questionnaires.map((q) => renderAppendix(q, numbering))}
        {renderCrossAppendix(report, numbering, appendixCross)}
      </div>
    </AnalysisLayout>
  );
}

function renderMethod(report: Report, numbering: Numbering) {
  const { register } = report.round;
  const responseTable = (
    rows: Report['response']['bySizeClass'],
    caption: string,
    what: string,
  ) => (
    <TableScroll caption={`${numbering.table()}. ${caption}`}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{what}</TableHeaderCell>
          <TableHeaderCell scope="col">Gemeenten</TableHeaderCell>
          {report.response.questionnaires.map((q) => (
            <TableHeaderCell key={q.id} scope="col">
              Respons {q.id}
            </TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id}>
            <TableHeaderCell scope="row">{row.label}</TableHeaderCell>
            <TableCell>{row.municipalities}</TableCell>
            {report.response.questionnaires.map((q) => {
              const respondents = row.respondents[q.id] ?? 0;
              return (
                <TableCell key={q.id}>
                  {respondents} ({share(respondents, row.municipalities)})
                </TableCell>
              );
            })}
          </TableRow>
        ))}
        <TableRow>
          <TableHeaderCell scope="row">Totaal</TableHeaderCell>
          <TableCell>{report.response.municipalities}</TableCell>
          {report.response.questionnaires.map((q) => (
            <TableCell key={q.id}>
              {q.respondents} ({share(q.respondents, report.response.municipalities)})
            </TableCell>
          ))}
        </TableRow>
      </TableBody>
    </TableScroll>
  );
  return (
    <section aria-labelledby="hoofdstuk-1" className="bfm-stack bfm-report-chapter">
      <Heading2 id="hoofdstuk-1">1 Onderzoeksopzet</Heading2>
      <Heading3>1.1 De meting</Heading3>
      <Paragraph>
        In {report.round.name} zijn de gemeenten gevraagd twee vragenlijsten in te vullen: een over
        de ondersteuning van vrijwilligerswerk en een over de ondersteuning van mantelzorg
        (instrument {report.round.instrumentVersion}). Samen met hun adviseur schatten zij per
        onderdeel in of het er niet is, in ontwikkeling is of goed voor elkaar is.
      </Paragraph>
      <Paragraph>
        De onderzoekspopulatie zijn de {report.response.municipalities} gemeenten van het register ‘
        {register.name}’
        {register.referenceDate ? ` (peildatum ${formatDate(register.referenceDate)})` : ''}
        {register.source ? `; bron: ${register.source}` : ''}. De grootteklassen volgen de
        inwonertallen
        {register.populationDate ? ` van ${formatDate(register.populationDate)}` : ''}.
      </Paragraph>
      <Heading3>1.2 Methode</Heading3>
      <Paragraph>
        De meeste vragen hebben drie antwoorden:{' '}
        {report.scale
          .map(
            (point) => `‘${point.label}’ (${point.points} punt${point.points === 1 ? '' : 'en'})`,
          )
          .join(', ')}
        . Per basisfunctie wordt uit de antwoorden op haar vragen een rapportcijfer berekend: 10 ×
        (som − n) / (2n), met som de punten van de beantwoorde vragen en n hun aantal. Een gemeente
        heeft een basisfunctie ‘goed voor elkaar’ bij een cijfer van {report.bar} of hoger. Zonder
        genoeg beantwoorde vragen krijgt een basisfunctie geen cijfer. De cijfers betekenen:
      </Paragraph>
      <UnorderedList>
        {describeBands(report.bands).map((meaning) => (
          <UnorderedListItem key={meaning}>{meaning}</UnorderedListItem>
        ))}
      </UnorderedList>
      <Paragraph>
        In dit rapport staat vooral hoeveel procent van de gemeenten een basisfunctie ‘goed voor
        elkaar’ heeft. Dat betekent niet dat de andere gemeenten niets doen: veel van hen zijn op de
        goede weg. De cijfers zijn bovendien zelfinschattingen van de gemeenten; waar de een ‘goed
        voor elkaar’ kiest, kiest de ander ‘verbetering mogelijk’.
      </Paragraph>
      <Heading3>1.3 Respons</Heading3>
      <Paragraph>{report.response.text}</Paragraph>
      {responseTable(report.response.bySizeClass, 'Respons naar gemeentegrootte', 'Grootteklasse')}
      {responseTable(report.response.byProvince, 'Respons per provincie', 'Provincie')}
      <Heading3>1.4 Opbouw van het rapport</Heading3>
      <Paragraph>
        De hoofdstukken {report.questionnaires.map((q) => q.chapter).join(' en ')} beschrijven per
        terrein hoeveel procent van de gemeenten de basisfuncties goed voor elkaar heeft, landelijk,
        naar gemeentegrootte, naar G4, G27 en overige gemeenten en per provincie, en per
        basisfunctie de antwoorden op de afzonderlijke vragen. Hoofdstuk{' '}
        {report.questionnaires.length + 2} trekt de conclusies. De bijlagen geven de tabellen achter
        de figuren.
      </Paragraph>
    </section>
  );
}

function shareTable(
  caption: string,
  rows: readonly {
    label: string;
    shares: readonly {
      respondents: number;
      percentGoed: number | null;
      suppressed: boolean;
    }[];
  }[],
  columns: readonly string[],
  rowHeader: string,
) {
  return (
    <TableScroll caption={caption}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{rowHeader}</TableHeaderCell>
          {columns.map((column) => (
            <TableHeaderCell key={column} scope="col">
              {column}
            </TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.label}>
            <TableHeaderCell scope="row">{row.label}</TableHeaderCell>
            {row.shares.map((cell, index) => (
              <TableCell key={columns[index]}>
                {percent(cell.percentGoed, cell.suppressed)}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </TableScroll>
  );
}

function renderQuestionnaire(
  report: Report,
  q: Questionnaire,
  figures: Figures,
  numbering: Numbering,
) {
  const field = q.field;
  const names = q.basisfuncties.map((b) => b.name);
  const national = {
    label: report.filter ? 'Totaal' : 'Nederland',
    shares: q.basisfuncties.map((b) => b.share),
  };
  const breakdownFigure = (
    key: 'grootte' | 'groep' | 'provincie',
    heading: string,
    text: string | null,
  ) => {
    const breakdown = q.breakdowns.find((b) => b.key === key);
    const multiples = figures.breakdowns[key];
    if (!breakdown) return null;
    const figureLabel = numbering.figure();
    const tableLabel = numbering.table();
    return (
      <>
        <Heading3>{heading}</Heading3>
        {text ? <Paragraph>{text}</Paragraph> : null}
        <figure className="bfm-figure bfm-chart">
          <figcaption>
            <strong>{figureLabel}.</strong> {multiples.sentence}
          </figcaption>
          <div className={`bfm-chart-multiples${key === 'provincie' ? ' bfm-chart-maps' : ''}`}>
            {multiples.charts.map((chart, index) => (
              <div key={chart.basisfunctie} className="bfm-chart-svg bfm-keep-together">
                <Paragraph className="bfm-chart-title">{names[index]}</Paragraph>
                <div dangerouslySetInnerHTML={{ __html: chart.svg }} />
              </div>
            ))}
          </div>
          {shareTable(
            `${tableLabel}. Percentage gemeenten dat de basisfuncties ${field} goed voor elkaar heeft, ${breakdown.title}`,
            [national, ...breakdown.rows],
            names,
            key === 'provincie' ? 'Provincie' : key === 'grootte' ? 'Grootteklasse' : 'Groep',
          )}
        </figure>
      </>
    );
  };
  const nationalFigure = numbering.figure();
  const nationalTable = numbering.table();
  return (
    <section key={q.id} aria-labelledby={chapterId(q)} className="bfm-stack bfm-report-chapter">
      <Heading2 id={chapterId(q)}>
        {q.chapter} Basisfuncties {field}
      </Heading2>
      <Paragraph>
        De centrale vraag in dit hoofdstuk is welk deel van de gemeenten de basisfuncties {field} al
        ‘goed voor elkaar’ heeft. {q.respondents} gemeenten vulden de vragenlijst {field} in.
      </Paragraph>
      {q.texts.extremes ? <Paragraph>{q.texts.extremes}</Paragraph> : null}
      {q.texts.majority ? <Paragraph>{q.texts.majority}</Paragraph> : null}
      <>
        <figure className="bfm-figure bfm-chart bfm-keep-together">
          <figcaption>
            <strong>{nationalFigure}.</strong> {figures.national.sentence}
          </figcaption>
          <div
            className="bfm-chart-svg"
            dangerouslySetInnerHTML={{ __html: figures.national.svg }}
          />
        </figure>
        <TableScroll
          caption={`${nationalTable}. Basisfuncties ${field}: gemeenten met een cijfer, ‘goed voor elkaar’ en het gemiddelde cijfer`}
        >
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Basisfunctie</TableHeaderCell>
              <TableHeaderCell scope="col">Gemeenten met een cijfer</TableHeaderCell>
              <TableHeaderCell scope="col">Goed voor elkaar</TableHeaderCell>
              <TableHeaderCell scope="col">Percentage goed</TableHeaderCell>
              <TableHeaderCell scope="col">Gemiddeld cijfer</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {q.basisfuncties.map((b) => (
              <TableRow key={b.id}>
                <TableHeaderCell scope="row">{b.name}</TableHeaderCell>
                <TableCell>{b.share.respondents}</TableCell>
                <TableCell>{count(b.share.goed, b.share.suppressed)}</TableCell>
                <TableCell>{percent(b.share.percentGoed, b.share.suppressed)}</TableCell>
                <TableCell>
                  {b.share.meanMark === null
                    ? b.share.suppressed
                      ? SUPPRESSED
                      : '–'
                    : formatMark(b.share.meanMark)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </TableScroll>
      </>
      {breakdownFigure('grootte', 'Naar gemeentegrootte', q.texts.sizeRelation)}
      {breakdownFigure('groep', 'G4, G27 en overige gemeenten', q.texts.groupOrder)}
      {breakdownFigure('provincie', 'Verschillen tussen provincies', q.texts.provinces)}
      <Paragraph>
        De tabellen met het aantal gemeenten achter elk percentage staan in bijlage {q.appendix}.
      </Paragraph>

      <Heading3>Samenhang basisfuncties</Heading3>
      {q.texts.allOrNone ? <Paragraph>{q.texts.allOrNone}</Paragraph> : null}
      {renderCountGoed(q, figures, numbering)}

      {q.basisfuncties.map((b, index) => {
        const figureLabel = numbering.figure();
        const tableLabel = numbering.table();
        const item = figures.items[b.id];
        return (
          <section
            key={b.id}
            aria-labelledby={sectionId(q, b.id)}
            className="bfm-stack bfm-report-basisfunctie"
          >
            <Heading3 id={sectionId(q, b.id)}>
              {q.chapter}.{index + 1} {b.name}
            </Heading3>
            {b.sentence ? <Paragraph>{b.sentence}</Paragraph> : null}
            <Paragraph>
              Deze basisfunctie is uitgewerkt in {b.items.length}{' '}
              {b.items.length === 1 ? 'vraag' : 'vragen'}, waarop gemeenten ‘Nee’, ‘Ja, verbetering
              mogelijk’ of ‘Ja, goed voor elkaar’ konden antwoorden: zie {figureLabel.toLowerCase()}
              .
            </Paragraph>
            {item ? (
              <>
                <figure className="bfm-figure bfm-chart bfm-keep-together">
                  <figcaption>
                    <strong>{figureLabel}.</strong> {item.sentence}
                  </figcaption>
                  <div className="bfm-chart-svg" dangerouslySetInnerHTML={{ __html: item.svg }} />
                </figure>
                <TableScroll caption={`${tableLabel}. Antwoorden per vraag: ${b.name}`}>
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell scope="col">Vraag</TableHeaderCell>
                      <TableHeaderCell scope="col">Beantwoord</TableHeaderCell>
                      {report.scale.map((point) => (
                        <TableHeaderCell key={point.points} scope="col">
                          {point.label}
                        </TableHeaderCell>
                      ))}
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {b.items.map((row) => (
                      <TableRow key={row.question}>
                        <TableHeaderCell scope="row">
                          {row.question}. {row.text}
                        </TableHeaderCell>
                        <TableCell>{row.answered}</TableCell>
                        {report.scale.map((point, i) => (
                          <TableCell key={point.points}>
                            {percent(row.percentages?.[i] ?? null, row.suppressed)}
                          </TableCell>
                        ))}
                      </TableRow>
                    ))}
                  </TableBody>
                </TableScroll>
              </>
            ) : null}
          </section>
        );
      })}

      {q.multipleChoice.length > 0 ? (
        <section aria-labelledby={`${q.id}-meerkeuze`} className="bfm-stack">
          <Heading3 id={`${q.id}-meerkeuze`}>Meerkeuzevragen {field}</Heading3>
          <Paragraph>
            Per vraag het percentage van de gemeenten die ten minste één antwoord kozen.
          </Paragraph>
          {q.multipleChoice.map((choice) => (
            <TableScroll
              key={choice.question}
              caption={`${numbering.table()}. Vraag ${choice.question}: ${choice.text} (${choice.respondents} gemeenten)`}
            >
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Antwoord</TableHeaderCell>
                  <TableHeaderCell scope="col">Gemeenten</TableHeaderCell>
                  <TableHeaderCell scope="col">Percentage</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {choice.options.map((option) => (
                  <TableRow key={option.code}>
                    <TableHeaderCell scope="row">{option.label}</TableHeaderCell>
                    <TableCell>{count(option.count, choice.suppressed)}</TableCell>
                    <TableCell>{percent(option.percent, choice.suppressed)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </TableScroll>
          ))}
        </section>
      ) : null}
    </section>
  );
}

function renderCountGoed(q: Questionnaire, figures: Figures, numbering: Numbering) {
  const figureLabel = numbering.figure();
  const tableLabel = numbering.table();
  return (
    <>
      <figure className="bfm-figure bfm-chart bfm-keep-together">
        <figcaption>
          <strong>{figureLabel}.</strong> {figures.countGoed.sentence}
        </figcaption>
        <div
          className="bfm-chart-svg"
          dangerouslySetInnerHTML={{ __html: figures.countGoed.svg }}
        />
      </figure>
      <TableScroll
        caption={`${tableLabel} (tabel C). Aantal basisfuncties ${q.field} goed voor elkaar`}
      >
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Aantal basisfuncties goed voor elkaar</TableHeaderCell>
            <TableHeaderCell scope="col">Aantal gemeenten</TableHeaderCell>
            <TableHeaderCell scope="col">Percentage</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {q.countGoed.rows.map((row) => (
            <TableRow key={row.k}>
              <TableHeaderCell scope="row">
                {row.k === 0
                  ? 'geen basisfunctie'
                  : `${row.k} ${row.k === 1 ? 'basisfunctie' : 'basisfuncties'}${row.k === q.officialCount ? ' (allemaal)' : ''}`}
              </TableHeaderCell>
              <TableCell>{count(row.count, row.count === null)}</TableCell>
              <TableCell>{percent(row.percent, row.count === null)}</TableCell>
            </TableRow>
          ))}
          <TableRow>
            <TableHeaderCell scope="row">Totaal</TableHeaderCell>
            <TableCell>{q.countGoed.respondents}</TableCell>
            <TableCell>{q.countGoed.respondents > 0 ? '100%' : '–'}</TableCell>
          </TableRow>
        </TableBody>
      </TableScroll>
    </>
  );
}

function renderConclusions(report: Report, numbering: Numbering, appendixCross: number) {
  const chapter = report.questionnaires.length + 2;
  return (
    <section aria-labelledby="hoofdstuk-4" className="bfm-stack bfm-report-chapter">
      <Heading2 id="hoofdstuk-4">{chapter} Conclusies</Heading2>
      <Heading3>{chapter}.1 De basisfuncties</Heading3>
      {report.questionnaires.flatMap((q) =>
        [q.texts.extremes, q.texts.majority]
          .filter((text): text is string => text !== null)
          .map((text) => <Paragraph key={`${q.id}-${text}`}>{text}</Paragraph>),
      )}
      <TableScroll
        caption={`${numbering.table()}. Gemeenten die alle of geen van de basisfuncties goed voor elkaar hebben (tabel 12)`}
      >
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Gemeenten met</TableHeaderCell>
            <TableHeaderCell scope="col">Aantal gemeenten</TableHeaderCell>
            <TableHeaderCell scope="col">Percentage</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {report.conclusions.allOrNone.map((row) => (
            <TableRow key={row.label}>
              <TableHeaderCell scope="row">{row.label}</TableHeaderCell>
              <TableCell>{count(row.count, row.count === null)}</TableCell>
              <TableCell>{percent(row.percent, row.count === null)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </TableScroll>
      {report.conclusions.texts.allBoth ? (
        <Paragraph>{report.conclusions.texts.allBoth}</Paragraph>
      ) : null}
      {report.conclusions.texts.fields ? (
        <Paragraph>{report.conclusions.texts.fields}</Paragraph>
      ) : null}
      <Heading3>
        {chapter}.2 Verschillen tussen grote en kleine gemeenten en tussen provincies
      </Heading3>
      {report.questionnaires.map((q) => {
        const texts = [q.texts.sizeRelation, q.texts.groupOrder, q.texts.provinces].filter(
          (text): text is string => text !== null,
        );
        return texts.length > 0 ? (
          <Paragraph key={q.id}>
            <strong>{capitalize(q.field)}.</strong> {texts.join(' ')}
          </Paragraph>
        ) : null;
      })}
      <Paragraph>
        Ook hier geldt: de scores zijn zelfinschattingen van de gemeenten, en het aantal gemeenten
        per provincie verschilt sterk. Het gaat er vooral om dat elke gemeente voor zichzelf bepaalt
        waar de belangrijkste verbetermogelijkheden liggen.
      </Paragraph>
      <Heading3>
        {chapter}.3 Samenhang tussen ondersteuning vrijwilligerswerk en mantelzorg
      </Heading3>
      {report.conclusions.texts.correlation ? (
        <Paragraph>{report.conclusions.texts.correlation}</Paragraph>
      ) : (
        <Paragraph>Over de samenhang is voor deze meting geen cijfer te geven.</Paragraph>
      )}
      <Paragraph>
        De woorden volgen de gebruikelijke grenzen voor de correlatiecoëfficiënt: onder 0,1
        nauwelijks samenhang, vanaf 0,1 zwak, vanaf 0,3 matig en vanaf 0,5 sterk. Zie bijlage{' '}
        {appendixCross} voor de kruistabel.
      </Paragraph>
    </section>
  );
}

function renderAppendix(q: Questionnaire, numbering: Numbering) {
  const field = q.field;
  return (
    <section
      key={q.id}
      aria-labelledby={appendixId(q.appendix)}
      className="bfm-stack bfm-report-chapter"
    >
      <Heading2 id={appendixId(q.appendix)}>
        Bijlage {q.appendix}: tabellen {field}
      </Heading2>
      <Paragraph>
        Per groep het aantal gemeenten met een cijfer en het percentage daarvan dat de basisfunctie
        goed voor elkaar heeft.
      </Paragraph>
      {q.breakdowns.map((breakdown) => (
        <TableScroll
          key={breakdown.key}
          caption={`${numbering.table()}. Basisfuncties ${field} goed voor elkaar, ${breakdown.title}: percentage (gemeenten met een cijfer)`}
        >
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Groep</TableHeaderCell>
              <TableHeaderCell scope="col">Gemeenten (respons)</TableHeaderCell>
              {q.basisfuncties.map((b) => (
                <TableHeaderCell key={b.id} scope="col">
                  {b.name}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {breakdown.rows.map((row) => (
              <TableRow key={row.id}>
                <TableHeaderCell scope="row">{row.label}</TableHeaderCell>
                <TableCell>
                  {row.municipalities} ({row.respondents})
                </TableCell>
                {row.shares.map((cell) => (
                  <TableCell key={cell.basisfunctie}>
                    {percent(cell.percentGoed, cell.suppressed)} ({cell.respondents})
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </TableScroll>
      ))}
    </section>
  );
}

function renderCrossAppendix(report: Report, numbering: Numbering, appendix: number) {
  const { crossTable } = report.conclusions;
  const rowName = report.questionnaires.find((q) => q.id === crossTable.rowQuestionnaire);
  const columnName = report.questionnaires.find((q) => q.id === crossTable.columnQuestionnaire);
  const counts = crossTable.counts;
  const columns = counts?.[0]?.length ?? 0;
  const columnTotals = Array.from({ length: columns }, (_, c) =>
    (counts ?? []).reduce((sum, row) => sum + (row[c] ?? 0), 0),
  );
  const total = crossTable.total;
  const table = (caption: string, format: (value: number) => string) => (
    <TableScroll caption={caption}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">Mantelzorg ↓ / vrijwilligerswerk →</TableHeaderCell>
          {columnTotals.map((_, c) => (
            <TableHeaderCell key={c} scope="col">
              {c}
            </TableHeaderCell>
          ))}
          <TableHeaderCell scope="col">Totaal</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {(counts ?? []).map((row, r) => (
          <TableRow key={r}>
            <TableHeaderCell scope="row">{r}</TableHeaderCell>
            {row.map((value, c) => (
              <TableCell key={c}>{format(value)}</TableCell>
            ))}
            <TableCell>{format(row.reduce((sum, value) => sum + value, 0))}</TableCell>
          </TableRow>
        ))}
        <TableRow>
          <TableHeaderCell scope="row">Totaal</TableHeaderCell>
          {columnTotals.map((value, c) => (
            <TableCell key={c}>{format(value)}</TableCell>
          ))}
          <TableCell>{format(total)}</TableCell>
        </TableRow>
      </TableBody>
    </TableScroll>
  );
  const about = `aantal basisfuncties ${columnName?.field ?? crossTable.columnQuestionnaire} goed voor elkaar (kolommen) en aantal basisfuncties ${rowName?.field ?? crossTable.rowQuestionnaire} goed voor elkaar (rijen)`;
  return (
    <section aria-labelledby={appendixId(appendix)} className="bfm-stack bfm-report-chapter">
      <Heading2 id={appendixId(appendix)}>
        Bijlage {appendix}: verband tussen vrijwilligerswerk en mantelzorg
      </Heading2>
      {counts ? (
        <>
          <Paragraph>
            De {total} gemeenten die beide vragenlijsten invulden, naar het aantal basisfuncties dat
            zij op elk terrein goed voor elkaar hebben.
            {report.conclusions.pearsonR !== null
              ? ` Pearson’s R is ${report.conclusions.pearsonR.toLocaleString('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}.`
              : ''}
          </Paragraph>
          <Heading4>A. In aantallen gemeenten</Heading4>
          {table(`${numbering.table()}. Verband tussen ${about}: in aantallen gemeenten`, (value) =>
            String(value),
          )}
          <Heading4>B. In percentage gemeenten</Heading4>
          {table(
            `${numbering.table()}. Verband tussen ${about}: in percentage van alle ${total} gemeenten`,
            (value) => share(value, total),
          )}
        </>
      ) : (
        <Paragraph>
          De kruistabel is {SUPPRESSED}: een deel van de cellen rust op minder dan{' '}
          {report.minGroupSize} gemeenten.
        </Paragraph>
      )}
    </section>
  );
}

const partLabel = (part: 'text' | 'note') => (part === 'text' ? 'open antwoord' : 'toelichting');

/**
 * 'Uit de open antwoorden' (issue 13): per question with a codebook the number of answers per
 * theme, and the quotes, anonymised for every reader (the report is published).
 */
function renderOpenAnswers(report: Report, numbering: Numbering, downloads: boolean) {
  if (report.openAnswers.length === 0) return null;
  return (
    <section aria-labelledby="open-antwoorden" className="bfm-stack bfm-report-chapter">
      <Heading2 id="open-antwoorden">Uit de open antwoorden</Heading2>
      <Paragraph>
        De gemeenten konden hun antwoorden toelichten. Onderzoekers hebben de antwoorden op een
        aantal vragen in thema’s ingedeeld (gecodeerd); een antwoord kan meer thema’s hebben. De
        citaten zijn anoniem: ze noemen de provincie en de grootteklasse alleen als daar minstens{' '}
        {report.minGroupSize} gemeenten uit die groep aan de meting meededen.
      </Paragraph>
      {report.openAnswers.map((source) => {
        const key = `${source.questionnaire}-${source.question}-${source.part}`;
        const title = `${capitalize(source.questionnaire)}, vraag ${source.question} (${partLabel(source.part)})`;
        return (
          <section key={key} aria-labelledby={`open-${key}`} className="bfm-stack">
            <Heading3 id={`open-${key}`}>{title}</Heading3>
            <Paragraph>{source.itemText}</Paragraph>
            {source.codebook ? (
              source.codebook.suppressed ? (
                <Paragraph>
                  Minder dan {report.minGroupSize} antwoorden zijn gecodeerd; de aantallen per thema
                  worden daarom niet getoond.
                </Paragraph>
              ) : (
                <>
                  {source.codebook.coded < source.codebook.answers ? (
                    <Paragraph>
                      Van de {source.codebook.answers} antwoorden zijn er {source.codebook.coded}{' '}
                      gecodeerd; de aandelen gaan over de gecodeerde antwoorden.
                    </Paragraph>
                  ) : null}
                  <TableScroll
                    caption={`${numbering.table()}. Thema’s in de antwoorden (${source.codebook.coded} van ${source.codebook.answers} antwoorden gecodeerd)`}
                  >
                    <TableHeader>
                      <TableRow>
                        <TableHeaderCell scope="col">Thema</TableHeaderCell>
                        <TableHeaderCell scope="col" numericColumn>
                          Antwoorden
                        </TableHeaderCell>
                        <TableHeaderCell scope="col" numericColumn>
                          Aandeel
                        </TableHeaderCell>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {source.codebook.themes.map((theme) => (
                        <TableRow key={theme.name}>
                          <TableHeaderCell scope="row">{theme.name}</TableHeaderCell>
                          <TableCell numericColumn>{count(theme.count, true)}</TableCell>
                          <TableCell numericColumn>
                            {theme.percent === null
                              ? SUPPRESSED
                              : `${theme.percent.toLocaleString('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`}
                          </TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </TableScroll>
                </>
              )
            ) : null}
            {source.quotes.length > 0 ? (
              <>
                <Heading4>Citaten</Heading4>
                {source.quotes.map((quote, index) => (
                  <figure key={index} className="bfm-report-quote">
                    <blockquote className="bfm-quote">
                      <Paragraph>«{quote.text}»</Paragraph>
                    </blockquote>
                    <figcaption>— {quote.origin}</figcaption>
                  </figure>
                ))}
              </>
            ) : null}
            {downloads ? (
              <Paragraph className="bfm-no-print">
                Gecodeerde antwoorden downloaden:{' '}
                <a
                  className="utrecht-link"
                  href={sourceExportPath(report.round.id, source, 'csv')}
                  download
                >
                  CSV<span className="bfm-visually-hidden"> ({title})</span>
                </a>{' '}
                of{' '}
                <a
                  className="utrecht-link"
                  href={sourceExportPath(report.round.id, source, 'xlsx')}
                  download
                >
                  Excel<span className="bfm-visually-hidden"> ({title})</span>
                </a>
              </Paragraph>
            ) : null}
          </section>
        );
      })}
    </section>
  );
}
