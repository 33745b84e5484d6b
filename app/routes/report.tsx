import {
  Button,
  Heading1,
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
import { data, Form, Link, type Params } from 'react-router';
import type { Route } from './+types/report';
import { SelectField } from '../components/field';
import { FlashMessage } from '../components/flash-message';
import { takeFlash } from '../lib/flash.server';
import { TableScroll } from '../components/table-scroll';
import { describeBands, formatMark, listNames } from '../lib/format';
import { handleErrors } from '../lib/http.server';
import {
  municipalityPath,
  municipalityTrail,
  pageHandle,
  pageMeta,
  type Trail,
} from '../lib/navigation';
import { requireSession } from '../lib/session.server';
import {
  can,
  drawReportFigures,
  listPeerSets,
  loadMunicipalityReport,
} from '../lib/services.server';

type Data = Route.MetaArgs['loaderData'];

const trail = (data: Data | undefined, params: Params): Trail => [
  ...municipalityTrail(params, {
    roundName: data?.report.round.name,
    municipality: data?.report.municipality.name,
  }),
  { label: 'Rapport', to: `${municipalityPath(params)}/rapport`, inTitle: true },
];

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

// The flash message's cookie (after saving a note) is removed by the loader's answer.
export function headers({ loaderHeaders }: Route.HeadersArgs) {
  return loaderHeaders;
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const url = new URL(request.url);
  const peerSetId = url.searchParams.get('vergelijk') || undefined;
  const report = await handleErrors(() =>
    loadMunicipalityReport(context.db, session.user, params.roundId, params.code, {
      peerSetId,
      rule: context.combinationRule,
    }),
  );
  const peerSets = can(session.user, 'peerSets.manage')
    ? await listPeerSets(context.db, session.user)
    : [];
  const resource = {
    code: report.municipality.code,
    provinceCode: report.municipality.provinceCode,
  };
  const { flash, headers } = takeFlash(request, context);
  return data(
    {
      flash,
      report,
      figures: drawReportFigures(report),
      peerSets: peerSets.map((set) => ({ id: String(set.id), name: set.name })),
      peerSetId: report.peerSet ? String(report.peerSet.id) : '',
      canWriteNotes: can(session.user, 'notes.write', resource),
      canManagePeerSets: can(session.user, 'peerSets.manage'),
      canSeeRegion: can(session.user, 'region.read'),
      base: municipalityPath(params),
      roundId: params.roundId,
    },
    { headers },
  );
}

const showMark = (mark: number | null) => (mark === null ? 'geen cijfer' : formatMark(mark));
const showPercent = (value: number | null) =>
  value === null ? '–' : `${value.toLocaleString('nl-NL', { maximumFractionDigits: 1 })}%`;
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

type Report = Data['report'];
type QuestionnaireData = Report['questionnaires'][number];
type BasisfunctieData = QuestionnaireData['basisfuncties'][number];

export default function ReportPage({ loaderData }: Route.ComponentProps) {
  const { report, figures } = loaderData;
  const anchor = (q: string, b?: string) => (b ? `bf-${q}-${b}` : `vl-${q}`);
  return (
    <div className="bfm-stack bfm-report">
      <FlashMessage flash={loaderData.flash} />
      <Heading1>Rapport {report.municipality.name}</Heading1>
      <Paragraph>
        {report.round.name}
        {report.round.synthetic ? ' (demonstratiegegevens, geen echte meting)' : ''}.{' '}
        {report.municipality.name} ({report.municipality.provinceName}) valt in de grootteklasse{' '}
        {report.municipality.sizeClass} en in de groep {report.municipality.group}.
      </Paragraph>
      <nav aria-labelledby="inhoud" className="bfm-report-toc">
        <Heading2 id="inhoud">Inhoud</Heading2>
        <UnorderedList>
          <UnorderedListItem>
            <a className="utrecht-link" href="#samenvatting">
              Samenvatting
            </a>
          </UnorderedListItem>
          {report.questionnaires.map((q) => (
            <UnorderedListItem key={q.id}>
              <a className="utrecht-link" href={`#${anchor(q.id)}`}>
                {q.name}
              </a>
              <UnorderedList>
                {q.basisfuncties.map((b) => (
                  <UnorderedListItem key={b.id}>
                    <a className="utrecht-link" href={`#${anchor(q.id, b.id)}`}>
                      {b.name}: {showMark(b.mark)}
                    </a>
                  </UnorderedListItem>
                ))}
              </UnorderedList>
            </UnorderedListItem>
          ))}
          {report.offerUse.length > 0 ? (
            <UnorderedListItem>
              <a className="utrecht-link" href="#aanbod-gebruik">
                Aanbod en gebruik (mantelzorg)
              </a>
            </UnorderedListItem>
          ) : null}
          {report.followUp ? (
            <UnorderedListItem>
              <a className="utrecht-link" href="#afspraken">
                Afspraken sinds {report.followUp.previousRound.name}
              </a>
            </UnorderedListItem>
          ) : null}
          <UnorderedListItem>
            <a className="utrecht-link" href="#wmo-plan">
              Wmo-beleidsplan
            </a>
          </UnorderedListItem>
          <UnorderedListItem>
            <a className="utrecht-link" href="#aandacht">
              Vragen die aandacht vragen
            </a>
          </UnorderedListItem>
        </UnorderedList>
      </nav>
      <div className="bfm-report-actions bfm-no-print">
        <Paragraph>
          <a className="utrecht-link" href={`${loaderData.base}/rapport.pdf`}>
            Download dit rapport als PDF
          </a>
          {loaderData.canSeeRegion ? (
            <>
              {' · '}
              <Link
                className="utrecht-link"
                to={`/metingen/${encodeURIComponent(loaderData.roundId)}/regio?rond=${report.municipality.code}`}
              >
                Regionaal beeld met de buurgemeenten
              </Link>
            </>
          ) : null}
        </Paragraph>
        {loaderData.canManagePeerSets ? (
          <Form method="get" className="bfm-inline-form">
            <SelectField
              name="vergelijk"
              label="Vergelijk ook met een eigen vergelijkingsgroep"
              hint={
                loaderData.peerSets.length === 0
                  ? 'U heeft nog geen vergelijkingsgroepen. Maak er een bij Vergelijkingsgroepen.'
                  : undefined
              }
              options={[
                { value: '', label: 'Geen eigen vergelijkingsgroep' },
                ...loaderData.peerSets.map((set) => ({ value: set.id, label: set.name })),
              ]}
              defaultValue={loaderData.peerSetId}
            />
            <Button type="submit" appearance="secondary-action-button">
              Vergelijk
            </Button>{' '}
            <Link className="utrecht-link" to="/vergelijkingsgroepen">
              Vergelijkingsgroepen beheren
            </Link>
          </Form>
        ) : null}
      </div>

      <section aria-labelledby="samenvatting" className="bfm-stack">
        <Heading2 id="samenvatting">Samenvatting</Heading2>
        {report.questionnaires.map((q) => (
          <figure key={q.id} className="bfm-figure bfm-chart">
            <Paragraph>{q.summary.sentence}</Paragraph>
            <div
              className="bfm-chart-svg"
              dangerouslySetInnerHTML={{ __html: figures[q.id]?.summaryChart ?? '' }}
            />
            <figcaption className="bfm-visually-hidden">{q.summary.sentence}</figcaption>
            <TableScroll caption={`Aantal basisfuncties per oordeel: ${q.name.toLowerCase()}`}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Wie</TableHeaderCell>
                  <TableHeaderCell scope="col">Goed voor elkaar</TableHeaderCell>
                  <TableHeaderCell scope="col">Op de goede weg</TableHeaderCell>
                  <TableHeaderCell scope="col">Aandacht nodig</TableHeaderCell>
                  <TableHeaderCell scope="col">Geen cijfer</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {[
                  { who: report.municipality.name, counts: q.summary.own },
                  { who: 'Gemiddelde gemeente', counts: q.summary.national },
                ].map((row) => (
                  <TableRow key={row.who}>
                    <TableHeaderCell scope="row">{row.who}</TableHeaderCell>
                    {(['goed', 'weg', 'aandacht', 'geen'] as const).map((key) => (
                      <TableCell key={key}>
                        {row.counts[key].toLocaleString('nl-NL', { maximumFractionDigits: 1 })}
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </TableScroll>
          </figure>
        ))}
        <Paragraph>
          Elke basisfunctie krijgt een cijfer van 0 tot 10 uit de antwoorden op haar vragen: ‘Nee’
          telt als 1 punt, ‘Ja, verbetering mogelijk’ als 2 en ‘Ja, goed voor elkaar’ als 3. Het
          cijfer is 10 × (som − n) / (2n), met n het aantal beantwoorde vragen. Het betekent:
        </Paragraph>
        <UnorderedList>
          {describeBands(report.bands).map((meaning) => (
            <UnorderedListItem key={meaning}>{meaning}</UnorderedListItem>
          ))}
        </UnorderedList>
        {!report.smallGroups ? (
          <Paragraph>
            Cijfers van een groep van minder dan {report.minGroupSize} gemeenten tonen we niet: ze
            zeggen dan te veel over de afzonderlijke gemeenten.
          </Paragraph>
        ) : null}
      </section>

      {report.questionnaires.map((q) => (
        <section key={q.id} aria-labelledby={anchor(q.id)} className="bfm-stack">
          <Heading2 id={anchor(q.id)}>{q.name}</Heading2>
          {q.status !== 'submitted' ? (
            <Paragraph>
              Deze vragenlijst is nog niet ingediend; de cijfers kunnen nog veranderen.
            </Paragraph>
          ) : null}
          {q.basisfuncties.map((b) => (
            <BasisfunctieSection
              key={b.id}
              id={anchor(q.id, b.id)}
              report={report}
              questionnaire={q}
              basisfunctie={b}
              figures={figures[q.id]?.basisfuncties[b.id]}
              noteHref={
                loaderData.canWriteNotes
                  ? `${loaderData.base}/rapport/notitie/${q.id}/${b.id}`
                  : null
              }
            />
          ))}
        </section>
      ))}

      {report.offerUse.length > 0 ? <OfferUseSection report={report} /> : null}

      {report.predecessors ? (
        <PredecessorsSection
          section={report.predecessors}
          trendHref={`${loaderData.base}/ontwikkeling`}
        />
      ) : null}

      {report.followUp ? <FollowUpSection section={report.followUp} /> : null}
      {/* Issue 12 (helper C): the Wmo plan against the national target. */}
      <WmoPlanSection section={report.wmoPlan} href={`${loaderData.base}/wmo-plan`} />

      <section aria-labelledby="aandacht" className="bfm-stack">
        <Heading2 id="aandacht">Vragen die aandacht vragen</Heading2>
        <Paragraph>
          Per vraag met het antwoord ‘Nee’ of ‘Ja, verbetering mogelijk’: wat de basisfunctie
          concreet kan inhouden, en hoeveel vergelijkbare gemeenten (dezelfde grootteklasse) het
          goed voor elkaar hebben. Gemeenten worden alleen bij naam genoemd als ze daar toestemming
          voor hebben gegeven.
        </Paragraph>
        {report.questionnaires.map((q) => (
          <section key={q.id} aria-labelledby={`aandacht-${q.id}`} className="bfm-stack">
            <Heading3 id={`aandacht-${q.id}`}>
              {q.name} ({q.attention.length})
            </Heading3>
            {q.attention.length === 0 ? (
              <Paragraph>Geen vragen met ‘Nee’ of ‘Ja, verbetering mogelijk’.</Paragraph>
            ) : (
              groupAttention(q.attention).map((group) => (
                <article key={group.basisfunctie} className="bfm-report-attention bfm-stack">
                  <Heading4>{group.name}</Heading4>
                  <UnorderedList>
                    {group.items.map((item) => (
                      <UnorderedListItem key={item.question}>
                        Vraag {item.question}. {item.text}{' '}
                        <em>
                          Antwoord: {report.scale.find((s) => s.points === item.points)?.label}.
                        </em>{' '}
                        {describeComparable(item.comparable)}
                      </UnorderedListItem>
                    ))}
                  </UnorderedList>
                  <Paragraph>Wat kan helpen bij {group.name.toLowerCase()}:</Paragraph>
                  <UnorderedList>
                    {group.activities.map((activity) => (
                      <UnorderedListItem key={activity}>{activity}</UnorderedListItem>
                    ))}
                  </UnorderedList>
                </article>
              ))
            )}
          </section>
        ))}
      </section>
    </div>
  );
}

function BasisfunctieSection({
  id,
  report,
  questionnaire,
  basisfunctie: b,
  figures,
  noteHref,
}: {
  id: string;
  report: Report;
  questionnaire: QuestionnaireData;
  basisfunctie: BasisfunctieData;
  figures: Data['figures'][string]['basisfuncties'][string] | undefined;
  noteHref: string | null;
}) {
  const bandsHighFirst = [...report.bands].reverse();
  const verdict = b.band ? b.band.label : 'onvoldoende beantwoord';
  return (
    <section aria-labelledby={id} className="bfm-stack bfm-report-basisfunctie">
      <Heading3 id={id}>
        {b.name}: {showMark(b.mark)}
      </Heading3>
      <Paragraph>
        <strong>
          Cijfer {showMark(b.mark)}, {verdict}.
        </strong>{' '}
        {b.mark === null
          ? `Er zijn ${b.answered} van de ${b.total} vragen beantwoord; dat is te weinig voor een cijfer.`
          : `${b.answered} van de ${b.total} vragen beantwoord, samen ${b.sum} punten: 10 × (${b.sum} − ${b.answered}) / (2 × ${b.answered}) = ${formatMark(b.mark)}.`}
      </Paragraph>
      <Paragraph className="bfm-report-lift">{b.lift.sentence}</Paragraph>

      {b.note ? (
        <div className="bfm-report-note">
          <Heading4>Notitie bij deze basisfunctie</Heading4>
          <Paragraph className="bfm-pre-line">{b.note.text}</Paragraph>
        </div>
      ) : null}
      {noteHref ? (
        <Paragraph className="bfm-no-print">
          <Link className="utrecht-link" to={noteHref}>
            {b.note ? 'Notitie wijzigen' : 'Notitie schrijven'}
            <span className="bfm-visually-hidden">
              {' '}
              bij {b.name} ({questionnaire.name})
            </span>
          </Link>
        </Paragraph>
      ) : null}

      <Heading4>De vragen per oordeel</Heading4>
      {bandsHighFirst.map((band) => {
        const items = b.items.filter((item) => item.band === band.id);
        if (items.length === 0) return null;
        return (
          <div key={band.id}>
            <Paragraph>
              <strong>
                {capitalize(band.label)} ({items.length})
              </strong>
            </Paragraph>
            <UnorderedList>
              {items.map((item) => (
                <UnorderedListItem key={item.question}>
                  Vraag {item.question}. {item.text} <em>Antwoord: {item.answer}</em>
                  {item.note ? <> Toelichting: “{item.note}”</> : null}
                </UnorderedListItem>
              ))}
            </UnorderedList>
          </div>
        );
      })}
      {b.items.some((item) => item.points === null) ? (
        <Paragraph>
          Niet beantwoord:{' '}
          {b.items
            .filter((item) => item.points === null)
            .map((item) => `vraag ${item.question}`)
            .join(', ')}
          .
        </Paragraph>
      ) : null}
      {b.explanations.map((text) => (
        <Paragraph key={text} className="bfm-pre-line">
          Toelichting van de gemeente: “{text}”
        </Paragraph>
      ))}

      <TableScroll caption={`Vergelijking: ${b.name}`}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Groep</TableHeaderCell>
            <TableHeaderCell scope="col">Gemeenten met een cijfer</TableHeaderCell>
            <TableHeaderCell scope="col">Goed voor elkaar</TableHeaderCell>
            <TableHeaderCell scope="col">Gemiddeld cijfer</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          <TableRow>
            <TableHeaderCell scope="row">{report.municipality.name}</TableHeaderCell>
            <TableCell>–</TableCell>
            <TableCell>{b.mark === null ? '–' : b.goed ? 'ja' : 'nee'}</TableCell>
            <TableCell>{showMark(b.mark)}</TableCell>
          </TableRow>
          {b.comparisons.map((c) => (
            <TableRow key={c.group}>
              <TableHeaderCell scope="row">{c.label}</TableHeaderCell>
              {c.hidden ? (
                <TableCell colSpan={3}>{c.hidden}</TableCell>
              ) : (
                <>
                  <TableCell>{c.respondents}</TableCell>
                  <TableCell>{showPercent(c.percentGoed)}</TableCell>
                  <TableCell>{c.meanMark === null ? '–' : formatMark(c.meanMark)}</TableCell>
                </>
              )}
            </TableRow>
          ))}
        </TableBody>
      </TableScroll>

      {figures ? (
        <>
          <figure className="bfm-figure bfm-chart">
            <figcaption>{figures.markSentence}</figcaption>
            <div
              className="bfm-chart-svg"
              dangerouslySetInnerHTML={{ __html: figures.markChart }}
            />
            <div className="bfm-keep-together">
              <TableScroll
                caption={`Verdeling van de cijfers van alle gemeenten: ${b.name} (◆: het cijfer van ${report.municipality.name})`}
              >
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Cijfer</TableHeaderCell>
                    {figures.markBins.map((bin) => (
                      <TableHeaderCell key={bin.label} scope="col" abbr={bin.label}>
                        {bin.short}
                        {bin.own ? ' ◆' : ''}
                      </TableHeaderCell>
                    ))}
                  </TableRow>
                </TableHeader>
                <TableBody>
                  <TableRow>
                    <TableHeaderCell scope="row">Gemeenten</TableHeaderCell>
                    {figures.markBins.map((bin) => (
                      <TableCell key={bin.label}>{bin.count}</TableCell>
                    ))}
                  </TableRow>
                </TableBody>
              </TableScroll>
            </div>
          </figure>
          <figure className="bfm-figure bfm-chart">
            <figcaption>{figures.itemSentence}</figcaption>
            <div
              className="bfm-chart-svg"
              dangerouslySetInnerHTML={{ __html: figures.itemChart }}
            />
            <TableScroll caption={`Antwoorden per vraag, alle gemeenten: ${b.name}`}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Vraag</TableHeaderCell>
                  <TableHeaderCell scope="col">Nee</TableHeaderCell>
                  <TableHeaderCell scope="col">Ja, verbetering mogelijk</TableHeaderCell>
                  <TableHeaderCell scope="col">Ja, goed voor elkaar</TableHeaderCell>
                  <TableHeaderCell scope="col">Antwoord {report.municipality.name}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {b.items.map((item) => (
                  <TableRow key={item.question}>
                    <TableHeaderCell scope="row">Vraag {item.question}</TableHeaderCell>
                    {[0, 1, 2].map((i) => (
                      <TableCell key={i}>
                        {showPercent(item.nationalPercentages[i] ?? null)}
                      </TableCell>
                    ))}
                    <TableCell>{item.answer ?? 'niet beantwoord'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </TableScroll>
          </figure>
        </>
      ) : null}
    </section>
  );
}

function OfferUseSection({ report }: { report: Report }) {
  return (
    <section aria-labelledby="aanbod-gebruik" className="bfm-stack">
      <Heading2 id="aanbod-gebruik">Aanbod en gebruik (mantelzorg)</Heading2>
      <Paragraph>
        Ondersteuning die er is, bereikt nog niet altijd de mantelzorgers. Per functie staat hier of
        de gemeente voor de ondersteuning zorgt (aanbod) en of mantelzorgers er gebruik van maken
        (gebruik), naast alle gemeenten.
      </Paragraph>
      <UnorderedList>
        {report.offerUse.map((row) => (
          <UnorderedListItem key={row.basisfunctie}>{row.sentence}</UnorderedListItem>
        ))}
      </UnorderedList>
      <TableScroll caption="Aanbod en gebruik per functie">
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Functie</TableHeaderCell>
            <TableHeaderCell scope="col">Aanbod {report.municipality.name}</TableHeaderCell>
            <TableHeaderCell scope="col">Gebruik {report.municipality.name}</TableHeaderCell>
            <TableHeaderCell scope="col">Alle gemeenten: aanbod goed</TableHeaderCell>
            <TableHeaderCell scope="col">Alle gemeenten: gebruik goed</TableHeaderCell>
            <TableHeaderCell scope="col">Alle gemeenten: gebruik blijft achter</TableHeaderCell>
            <TableHeaderCell scope="col">
              Gebruik bij de andere gemeenten: lager / gelijk / hoger
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {report.offerUse.map((row) => (
            <TableRow key={row.basisfunctie}>
              <TableHeaderCell scope="row">{row.name}</TableHeaderCell>
              <TableCell>{labelOf(report, row.offer)}</TableCell>
              <TableCell>{labelOf(report, row.use)}</TableCell>
              <TableCell>{showPercent(row.national.offerGoed)}</TableCell>
              <TableCell>{showPercent(row.national.useGoed)}</TableCell>
              <TableCell>{showPercent(row.national.useLags)}</TableCell>
              <TableCell>
                {row.position
                  ? [
                      row.position.percentLower,
                      row.position.percentEqual,
                      row.position.percentHigher,
                    ]
                      .map(showPercent)
                      .join(' / ')
                  : '–'}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </TableScroll>
    </section>
  );
}

type AttentionItem = QuestionnaireData['attention'][number];

/** The items that need attention per basisfunctie, so each one's activities show once. */
function groupAttention(items: readonly AttentionItem[]) {
  const groups = new Map<
    string,
    { basisfunctie: string; name: string; activities: readonly string[]; items: AttentionItem[] }
  >();
  for (const item of items) {
    const group = groups.get(item.basisfunctie) ?? {
      basisfunctie: item.basisfunctie,
      name: item.basisfunctieName,
      activities: item.activities,
      items: [],
    };
    group.items.push(item);
    groups.set(item.basisfunctie, group);
  }
  return [...groups.values()];
}

function describeComparable(comparable: AttentionItem['comparable']): string {
  if (comparable.goed === null)
    return `${capitalize(comparable.label)}: ${comparable.hidden ?? ''}`;
  const named =
    comparable.named.length > 0
      ? `, onder wie ${listNames(comparable.named.map((m) => m.name))}`
      : '';
  return `${comparable.goed} van de ${comparable.answered} ${comparable.label} die deze vraag beantwoordden, hebben het goed voor elkaar${named}.`;
}

function labelOf(report: Report, points: number | null): string {
  return report.scale.find((s) => s.points === points)?.label ?? 'niet beantwoord';
}

/**
 * Issue 11: a municipality that continues others (a merger, a split) sees their marks in the
 * previous round side by side, each with its name, and the baseline they make together.
 */
function PredecessorsSection({
  section,
  trendHref,
}: {
  section: NonNullable<Route.ComponentProps['loaderData']['report']['predecessors']>;
  trendHref: string;
}) {
  return (
    <section aria-labelledby="voorgangers" className="bfm-stack">
      <Heading2 id="voorgangers">Voorgangers in {section.roundName}</Heading2>
      <Paragraph>
        Deze gemeente zette in {section.roundName} nog niet in deze vorm mee. De cijfers van de
        gemeenten waaruit zij is ontstaan staan hieronder naast elkaar; de laatste kolom neemt ze
        samen als {section.ruleLabel}. Dat is het vertrekpunt voor de{' '}
        <Link className="utrecht-link" to={trendHref}>
          ontwikkeling sinds de vorige meting
        </Link>
        .
      </Paragraph>
      <TableScroll caption={`Cijfers van de voorgangers in ${section.roundName}, en samen`}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Basisfunctie</TableHeaderCell>
            {section.municipalities.map((m) => (
              <TableHeaderCell key={m.code} scope="col">
                {m.name} ({m.share})
              </TableHeaderCell>
            ))}
            <TableHeaderCell scope="col">Samen</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {section.rows.map((row) => (
            <TableRow key={`${row.questionnaire}.${row.basisfunctie}`}>
              <TableHeaderCell scope="row">
                {row.name} ({row.questionnaire})
              </TableHeaderCell>
              {row.marks.map((mark, i) => (
                <TableCell key={section.municipalities[i]?.code ?? i}>{mark}</TableCell>
              ))}
              <TableCell>{row.combined}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </TableScroll>
    </section>
  );
}

/**
 * Issue 12 (helper D): the actions agreed in the advice talks about the previous round, per
 * basisfunctie with their status, and how the mark changed since. Shown in the PDF too.
 */
function FollowUpSection({ section }: { section: NonNullable<Report['followUp']> }) {
  return (
    <section aria-labelledby="afspraken" className="bfm-stack">
      <Heading2 id="afspraken">Afspraken sinds {section.previousRound.name}</Heading2>
      <Paragraph>
        Na {section.previousRound.name} is in{' '}
        {section.talks.length === 1
          ? 'een adviesgesprek'
          : `${section.talks.length} adviesgesprekken`}{' '}
        afgesproken wat er per basisfunctie zou gebeuren. Hieronder staat per basisfunctie wat er is
        afgesproken, hoe het ermee staat, en hoe het cijfer sindsdien veranderde. Een hoger cijfer
        hoeft niet door de afspraak te komen.
      </Paragraph>
      <UnorderedList>
        {section.talks.map((talk) => (
          <UnorderedListItem key={talk.id}>
            <Link className="utrecht-link" to={`/gesprekken/${talk.id}`}>
              Adviesgesprek van {talk.heldOnLabel} met {talk.municipalityName}
            </Link>
          </UnorderedListItem>
        ))}
      </UnorderedList>
      {section.rows.length === 0 ? (
        <Paragraph>In de gesprekken zijn geen acties afgesproken.</Paragraph>
      ) : null}
      {section.rows.map((row) => (
        <div key={`${row.questionnaire}.${row.basisfunctie}`} className="bfm-stack">
          <Heading3>
            {row.name} ({row.questionnaire})
          </Heading3>
          <Paragraph>{row.sentence}</Paragraph>
          <UnorderedList>
            {row.actions.map((action) => (
              <UnorderedListItem key={action.id}>
                {action.description}: {action.statusLabel}
                {/* The reason is a sentence of its own; in parentheses mid-sentence its full
                    stop would read as '(… 2011.);'. */}
                {action.statusReason ? ` (${action.statusReason.replace(/\.+$/, '')})` : ''}
                {action.owner ? `; door ${action.owner}` : ''}
                {action.dueOnLabel ? `; streefdatum ${action.dueOnLabel}` : ''}.
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </div>
      ))}
    </section>
  );
}

/**
 * The municipality's Wmo policy plan against the national target (issue 12, helper C): its own
 * status (confirmed by the advisor or not), the basisfuncties the plan names, and the national
 * share against the round's target.
 */
function WmoPlanSection({
  section,
  href,
}: {
  section: Route.ComponentProps['loaderData']['report']['wmoPlan'];
  href: string;
}) {
  const { plan } = section;
  return (
    <section aria-labelledby="wmo-plan" className="bfm-stack">
      <Heading2 id="wmo-plan">Wmo-beleidsplan</Heading2>
      <Paragraph>{section.sentence}</Paragraph>
      {plan ? (
        <Paragraph>
          Stand: <strong>{plan.includedLabel}</strong>
          {plan.period ? `, periode ${plan.period}` : ''}
          {plan.title ? `, ‘${plan.title}’` : ''}.{' '}
          {plan.confirmed
            ? `Bevestigd door ${plan.confirmed.byName}.`
            : 'Nog niet bevestigd door de adviseur.'}
          {section.namedBasisfuncties.length > 0
            ? ` Het plan noemt: ${section.namedBasisfuncties.join(', ')}.`
            : ''}
        </Paragraph>
      ) : null}
      <Paragraph>
        <Link className="utrecht-link" to={href}>
          Het Wmo-beleidsplan bekijken of invullen
        </Link>
      </Paragraph>
    </section>
  );
}
