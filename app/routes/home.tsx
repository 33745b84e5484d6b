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
import { Link } from 'react-router';
import type { Route } from './+types/home';
import { handleErrors } from '../lib/http.server';
import { getSession } from '../lib/session.server';
import {
  CATEGORY_LABELS,
  loadHome,
  RESPONSE_CATEGORIES,
  ROUND_STATUS_LABELS,
  STATUS_LABELS,
  type ActionSummary,
  type HomeSummary,
  type RoundResponse,
} from '../lib/services.server';
import { HOME, pageMeta } from '../lib/navigation';
import { formatCount, formatDate, formatDateTime } from '../lib/format';
import { TableScroll } from '../components/table-scroll';

export function meta() {
  return pageMeta([HOME]);
}

const roundPath = (id: string) => `/metingen/${encodeURIComponent(id)}`;
const municipalityPath = (roundId: string, code: string) =>
  `${roundPath(roundId)}/gemeenten/${encodeURIComponent(code)}`;
const filteredPath = (roundId: string, stand: string) =>
  `${roundPath(roundId)}?stand=${stand}#gemeenten`;

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A round's response as page data: the categories that occur, and the share submitted. */
function toResponse(round: RoundResponse) {
  return {
    id: round.id,
    name: round.name,
    href: roundPath(round.id),
    status: ROUND_STATUS_LABELS[round.status],
    synthetic: round.synthetic,
    summary: `${round.categories.submitted} van de ${formatCount(
      round.base,
      round.invites ? 'gemeente in de meting' : 'gemeente',
      round.invites ? 'gemeenten in de meting' : 'gemeenten',
    )} ${round.categories.submitted === 1 ? 'heeft' : 'hebben'} beide vragenlijsten ingediend${
      round.submittedPercent === null ? '' : ` (${round.submittedPercent}%)`
    }.`,
    categories: RESPONSE_CATEGORIES.filter((id) => round.categories[id] > 0).map((id) => ({
      id,
      label: CATEGORY_LABELS[id],
      count: round.categories[id],
    })),
  };
}

/** An overdue action as the home page lists it (issue 12). */
function toOverdue(action: ActionSummary) {
  return {
    id: action.id,
    href: `/acties/${action.id}`,
    description: action.description,
    about: `${action.municipality.name}, ${action.basisfunctie.name}`,
    dueOn: action.dueOn,
  };
}

/** The home page's data for a signed-in user, by the kind of work the role does. */
function toPage(home: HomeSummary) {
  switch (home.kind) {
    case 'coordinator':
      return {
        kind: home.kind,
        rounds: home.rounds.map((round) => ({
          ...toResponse(round),
          // What needs action, each a link to the round's table filtered on it.
          actions: [
            round.invites && round.categories.invited > 0
              ? {
                  text: `${formatCount(round.categories.invited, 'gemeente heeft', 'gemeenten hebben')} de uitnodiging nog niet gebruikt`,
                  href: filteredPath(round.id, 'invited'),
                }
              : null,
            round.categories['not-started'] > 0
              ? {
                  text: `${formatCount(round.categories['not-started'], 'gemeente is', 'gemeenten zijn')} nog niet begonnen`,
                  href: filteredPath(round.id, 'not-started'),
                }
              : null,
            round.categories['in-progress'] > 0
              ? {
                  text: `${formatCount(round.categories['in-progress'], 'gemeente is', 'gemeenten zijn')} bezig`,
                  href: filteredPath(round.id, 'in-progress'),
                }
              : null,
            round.invites && round.categories['not-invited'] > 0
              ? {
                  text: `${formatCount(round.categories['not-invited'], 'gemeente is', 'gemeenten zijn')} niet uitgenodigd`,
                  href: `${roundPath(round.id)}/uitnodigen`,
                }
              : null,
          ].filter((action) => action !== null),
        })),
        recent: home.recent.map((submission) => ({
          key: `${submission.roundId}:${submission.municipalityCode}:${submission.questionnaire}`,
          text: `${submission.municipality}: ${submission.questionnaire}`,
          href: municipalityPath(submission.roundId, submission.municipalityCode),
          at: submission.submittedAt.toISOString(),
          round: submission.roundName,
        })),
      };
    case 'advisor':
      return {
        kind: home.kind,
        overdue: home.overdue.map(toOverdue),
        rounds: home.rounds.map((round) => {
          const link = (m: { code: string; name: string }) => ({
            code: m.code,
            name: m.name,
            href: municipalityPath(round.id, m.code),
          });
          return {
            id: round.id,
            name: round.name,
            href: roundPath(round.id),
            questionnaires: round.questionnaires.map((id) => ({ id, label: capitalize(id) })),
            municipalities: round.municipalities.map((m) => ({
              ...link(m),
              category: CATEGORY_LABELS[m.category],
              statuses: round.questionnaires.map(
                (id) => STATUS_LABELS[m.statuses[id] ?? 'not-started'],
              ),
            })),
            notStarted: round.notStarted.map(link),
            inProgress: round.inProgress.map(link),
          };
        }),
      };
    case 'municipality':
      return {
        kind: home.kind,
        overdue: home.overdue.map(toOverdue),
        rounds: home.rounds.map((round) => {
          const base = municipalityPath(round.id, round.municipalityCode);
          return {
            id: round.id,
            title: `${round.name} – ${round.municipality}`,
            href: base,
            questionnaires: round.questionnaires.map((q) => ({
              id: q.id,
              name: q.name,
              status: `${STATUS_LABELS[q.status]} (${q.answered} van ${q.total} vragen beantwoord)`,
              next:
                q.next.kind === 'begin' || q.next.kind === 'continue'
                  ? {
                      text: `${q.next.kind === 'begin' ? 'Beginnen' : 'Verder invullen'} bij ${q.next.section.name}`,
                      href: `${base}/${q.id}/${q.next.section.id}`,
                    }
                  : q.next.kind === 'submit'
                    ? { text: 'Controleren en indienen', href: `${base}/${q.id}/indienen` }
                    : q.next.kind === 'results'
                      ? { text: 'Bekijk de uitkomsten', href: `${base}/rapport#vl-${q.id}` }
                      : null,
            })),
          };
        }),
      };
    case 'analyst':
      return { kind: home.kind, rounds: home.rounds.map(toResponse) };
  }
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await getSession(request, context);
  if (!session) return { name: null, page: null };
  const home = await handleErrors(() => loadHome(context.db, session.user));
  return { name: session.user.name, page: toPage(home) };
}

type Page = NonNullable<Route.ComponentProps['loaderData']['page']>;

function ResponseCounts({ round }: { round: ReturnType<typeof toResponse> }) {
  return (
    <>
      <Paragraph>{round.summary}</Paragraph>
      {round.categories.length > 0 ? (
        <UnorderedList>
          {round.categories.map((category) => (
            <UnorderedListItem key={category.id}>
              {category.label}: {category.count}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      ) : null}
    </>
  );
}

function NoOpenRound() {
  return (
    <Paragraph>
      Er is op dit moment geen open meting.{' '}
      <Link className="utrecht-link" to="/metingen">
        Naar de metingen
      </Link>
    </Paragraph>
  );
}

function CoordinatorHome({ page }: { page: Extract<Page, { kind: 'coordinator' }> }) {
  return (
    <>
      <Heading2>Open metingen</Heading2>
      {page.rounds.length === 0 ? <NoOpenRound /> : null}
      {page.rounds.map((round) => (
        <section key={round.id} aria-labelledby={`meting-${round.id}`} className="bfm-stack">
          <Heading3 id={`meting-${round.id}`}>
            <Link className="utrecht-link" to={round.href}>
              {round.name}
            </Link>
          </Heading3>
          <ResponseCounts round={round} />
          {round.actions.length > 0 ? (
            <>
              <Paragraph>Wat aandacht vraagt:</Paragraph>
              <UnorderedList>
                {round.actions.map((action) => (
                  <UnorderedListItem key={action.href}>
                    <Link className="utrecht-link" to={action.href}>
                      {action.text}
                    </Link>
                  </UnorderedListItem>
                ))}
              </UnorderedList>
            </>
          ) : null}
        </section>
      ))}
      {page.rounds.length > 0 ? (
        <section aria-labelledby="onlangs" className="bfm-stack">
          <Heading2 id="onlangs">Onlangs ingediend</Heading2>
          {page.recent.length === 0 ? (
            <Paragraph>Er is nog geen vragenlijst ingediend.</Paragraph>
          ) : (
            <UnorderedList>
              {page.recent.map((submission) => (
                <UnorderedListItem key={submission.key}>
                  <Link className="utrecht-link" to={submission.href}>
                    {submission.text}
                  </Link>{' '}
                  ({submission.round}, {formatDateTime(submission.at)})
                </UnorderedListItem>
              ))}
            </UnorderedList>
          )}
        </section>
      ) : null}
      <Paragraph>
        <Link className="utrecht-link" to="/metingen">
          Alle metingen
        </Link>
      </Paragraph>
    </>
  );
}

function MunicipalityLinks({
  title,
  items,
}: {
  title: string;
  items: readonly { code: string; name: string; href: string }[];
}) {
  if (items.length === 0) return null;
  return (
    <>
      <Paragraph>
        {title} ({items.length}):
      </Paragraph>
      <UnorderedList className="bfm-inline-list">
        {items.map((item) => (
          <UnorderedListItem key={item.code}>
            <Link className="utrecht-link" to={item.href}>
              {item.name}
            </Link>
          </UnorderedListItem>
        ))}
      </UnorderedList>
    </>
  );
}

/** Overdue actions from advice talks (issue 12), with a link to each and to all open ones. */
function OverdueActions({ actions }: { actions: readonly ReturnType<typeof toOverdue>[] }) {
  if (actions.length === 0) return null;
  return (
    <section aria-labelledby="verlopen-acties" className="bfm-stack">
      <Heading2 id="verlopen-acties">Verlopen acties ({actions.length})</Heading2>
      <Paragraph>
        Deze acties uit adviesgesprekken zijn over hun streefdatum en nog niet gedaan of vervallen.
        Werk de status bij of plaats een opmerking.
      </Paragraph>
      <UnorderedList>
        {actions.map((action) => (
          <UnorderedListItem key={action.id}>
            <Link className="utrecht-link" to={action.href}>
              {action.description}
            </Link>{' '}
            ({action.about}; streefdatum {action.dueOn ? formatDate(action.dueOn) : '–'})
          </UnorderedListItem>
        ))}
      </UnorderedList>
      <Paragraph>
        <Link className="utrecht-link" to="/acties">
          Alle open acties
        </Link>
      </Paragraph>
    </section>
  );
}

function AdvisorHome({ page }: { page: Extract<Page, { kind: 'advisor' }> }) {
  if (page.rounds.length === 0)
    return (
      <>
        <OverdueActions actions={page.overdue} />
        <NoOpenRound />
      </>
    );
  return (
    <>
      <OverdueActions actions={page.overdue} />
      {page.rounds.map((round) => (
        <section key={round.id} aria-labelledby={`meting-${round.id}`} className="bfm-stack">
          <Heading2 id={`meting-${round.id}`}>
            Uw gemeenten in{' '}
            <Link className="utrecht-link" to={round.href}>
              {round.name}
            </Link>
          </Heading2>
          {round.municipalities.length === 0 ? (
            <Paragraph>
              U werkt nog voor geen enkele provincie. De landelijk coördinator wijst u de provincies
              toe.
            </Paragraph>
          ) : (
            <>
              <Heading3>Wat aandacht vraagt</Heading3>
              {round.notStarted.length === 0 && round.inProgress.length === 0 ? (
                <Paragraph>Al uw gemeenten hebben ingediend of doen niet mee.</Paragraph>
              ) : null}
              <MunicipalityLinks title="Nog niet begonnen" items={round.notStarted} />
              <MunicipalityLinks title="Bezig" items={round.inProgress} />
              <TableScroll
                caption={
                  <>
                    Stand van uw {formatCount(round.municipalities.length, 'gemeente', 'gemeenten')}
                  </>
                }
              >
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Gemeente</TableHeaderCell>
                    {round.questionnaires.map((q) => (
                      <TableHeaderCell key={q.id} scope="col">
                        {q.label}
                      </TableHeaderCell>
                    ))}
                    <TableHeaderCell scope="col">Stand</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {round.municipalities.map((m) => (
                    <TableRow key={m.code}>
                      <TableHeaderCell scope="row">
                        <Link className="utrecht-link" to={m.href}>
                          {m.name}
                        </Link>
                      </TableHeaderCell>
                      {m.statuses.map((status, index) => (
                        <TableCell key={round.questionnaires[index]?.id}>{status}</TableCell>
                      ))}
                      <TableCell>{m.category}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </TableScroll>
            </>
          )}
        </section>
      ))}
    </>
  );
}

function MunicipalityHome({ page }: { page: Extract<Page, { kind: 'municipality' }> }) {
  if (page.rounds.length === 0)
    return (
      <>
        <OverdueActions actions={page.overdue} />
        <Paragraph>Er is op dit moment geen open meting voor uw gemeente.</Paragraph>
      </>
    );
  return (
    <>
      <OverdueActions actions={page.overdue} />
      {page.rounds.map((round) => (
        <section key={round.id} aria-labelledby={`meting-${round.id}`} className="bfm-stack">
          <Heading2 id={`meting-${round.id}`}>{round.title}</Heading2>
          {round.questionnaires.map((q) => (
            <section key={q.id} aria-labelledby={`vl-${round.id}-${q.id}`} className="bfm-stack">
              <Heading3 id={`vl-${round.id}-${q.id}`}>{q.name}</Heading3>
              <Paragraph>Status: {q.status}.</Paragraph>
              {q.next ? (
                <Paragraph>
                  <Link className="utrecht-link" to={q.next.href}>
                    {q.next.text}
                  </Link>
                </Paragraph>
              ) : null}
            </section>
          ))}
          <Paragraph>
            <Link className="utrecht-link" to={round.href}>
              Alle onderdelen en de deelname
            </Link>
          </Paragraph>
        </section>
      ))}
    </>
  );
}

function AnalystHome({ page }: { page: Extract<Page, { kind: 'analyst' }> }) {
  return (
    <>
      <Heading2>Metingen</Heading2>
      {page.rounds.length === 0 ? <Paragraph>Er zijn nog geen metingen.</Paragraph> : null}
      {page.rounds.map((round) => (
        <section key={round.id} aria-labelledby={`meting-${round.id}`} className="bfm-stack">
          <Heading3 id={`meting-${round.id}`}>
            <Link className="utrecht-link" to={round.href}>
              {round.name}
            </Link>
          </Heading3>
          <Paragraph>
            Status: {round.status}
            {round.synthetic ? '; synthetische gegevens' : ''}.
          </Paragraph>
          <ResponseCounts round={round} />
        </section>
      ))}
    </>
  );
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { page } = loaderData;
  return (
    <div className="bfm-stack">
      <Heading1>Basisfunctiemonitor</Heading1>
      {page ? (
        <>
          <Paragraph lead>Welkom, {loaderData.name}.</Paragraph>
          {page.kind === 'coordinator' ? <CoordinatorHome page={page} /> : null}
          {page.kind === 'advisor' ? <AdvisorHome page={page} /> : null}
          {page.kind === 'municipality' ? <MunicipalityHome page={page} /> : null}
          {page.kind === 'analyst' ? <AnalystHome page={page} /> : null}
        </>
      ) : (
        <>
          <Paragraph lead>
            Gemeenten, provinciale adviseurs en de landelijk coördinator meten samen hoe de lokale
            ondersteuning van mantelzorgers en vrijwilligers ervoor staat, aan de hand van de
            basisfuncties.
          </Paragraph>
          <Heading2>Zo werkt het</Heading2>
          <UnorderedList>
            <UnorderedListItem>
              De coördinator zet een meting uit en nodigt gemeenten uit.
            </UnorderedListItem>
            <UnorderedListItem>
              Elke gemeente vult met haar provinciale adviseur twee vragenlijsten in:
              vrijwilligerswerk en mantelzorg.
            </UnorderedListItem>
            <UnorderedListItem>
              Na het indienen ziet de gemeente per basisfunctie haar cijfer en oordeel.
            </UnorderedListItem>
          </UnorderedList>
          <Paragraph>
            <Link className="utrecht-link" to="/inloggen">
              Inloggen
            </Link>
          </Paragraph>
          <Paragraph>
            <Link className="utrecht-link" to="/openbaar">
              Openbare resultaten
            </Link>{' '}
            bekijken en downloaden, zonder in te loggen.
          </Paragraph>
        </>
      )}
    </div>
  );
}
