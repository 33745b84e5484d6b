/**
 * One advice talk (issue 12, helper A): `/gesprekken/:talkId`, for everyone who may read it
 * (the coordinator, the advisor of the province, the municipality itself). When, who, the
 * summary, and per basisfunctie the points discussed and the agreed actions with their status;
 * each action links to its own page (`/acties/:actionId`), where the municipality updates it.
 * Recorders also get the links to edit the talk and to send its invitation.
 */
import {
  ButtonLink,
  Heading1,
  Heading2,
  Heading3,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { data, Link, type Params } from 'react-router';
import type { Route } from './+types/talk';
import { FlashMessage } from '../components/flash-message';
import { TableScroll } from '../components/table-scroll';
import { takeFlash } from '../lib/flash.server';
import { formatDate, formatMark } from '../lib/format';
import { handleErrors } from '../lib/http.server';
import {
  HOME,
  pageHandle,
  pageMeta,
  questionnaireLabel,
  TALKS,
  type Trail,
} from '../lib/navigation';
import { requireSession } from '../lib/session.server';
import { readTalk, type Talk } from '../lib/services.server';
import '../components/talk-form.css';

type Data = Route.MetaArgs['loaderData'];

const trail = (data: Data | undefined, params: Params): Trail => [
  HOME,
  TALKS,
  {
    label: data ? `Gesprek met ${data.talk.municipality.name}` : 'Gesprek',
    to: `/gesprekken/${params.talkId ?? ''}`,
  },
];

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

// The flash message's cookie is removed by the loader's answer.
export function headers({ loaderHeaders }: Route.HeadersArgs) {
  return loaderHeaders;
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const talk = await handleErrors(() => readTalk(context.db, session.user, Number(params.talkId)));
  const { flash, headers } = takeFlash(request, context);
  return data({ talk, flash }, { headers });
}

function when(talk: Talk): string {
  const day = formatDate(talk.heldOn);
  if (!talk.startTime) return day;
  return `${day}, ${talk.startTime} uur${talk.durationMinutes ? ` (${talk.durationMinutes} minuten)` : ''}`;
}

export default function TalkPage({ loaderData }: Route.ComponentProps) {
  const { talk, flash } = loaderData;
  const questionnaires = [...new Set(talk.topics.map((t) => t.questionnaire))];
  const report = `/metingen/${encodeURIComponent(talk.round.id)}/gemeenten/${talk.municipality.code}/rapport`;
  return (
    <div className="bfm-stack">
      <Heading1>Adviesgesprek met {talk.municipality.name}</Heading1>
      <FlashMessage flash={flash} />
      <dl className="bfm-facts">
        <dt>Datum</dt>
        <dd>{when(talk)}</dd>
        {talk.location ? (
          <>
            <dt>Plaats</dt>
            <dd>{talk.location}</dd>
          </>
        ) : null}
        <dt>Besproken meting</dt>
        <dd>
          <Link className="utrecht-link" to={report}>
            {talk.round.name}: rapport van {talk.municipality.name}
          </Link>
        </dd>
        <dt>Deelnemers</dt>
        <dd className="bfm-pre-line">{talk.participants}</dd>
        <dt>Vastgelegd door</dt>
        <dd>
          {talk.createdByName}
          {talk.updatedByName !== talk.createdByName || talk.version > 1
            ? `; laatst gewijzigd door ${talk.updatedByName} op ${formatDate(talk.updatedAt)}`
            : ''}
        </dd>
      </dl>
      {talk.summary ? (
        <section aria-labelledby="samenvatting" className="bfm-stack">
          <Heading2 id="samenvatting">Samenvatting</Heading2>
          <Paragraph className="bfm-pre-line">{talk.summary}</Paragraph>
        </section>
      ) : null}
      {talk.canRecord ? (
        <div className="bfm-actions">
          <ButtonLink href={`/gesprekken/${talk.id}/bewerken`} appearance="primary-action-button">
            Gesprek bewerken
          </ButtonLink>
          <ButtonLink
            href={`/gesprekken/${talk.id}/uitnodiging`}
            appearance="secondary-action-button"
          >
            Uitnodiging versturen
          </ButtonLink>
        </div>
      ) : null}
      {talk.topics.length === 0 ? (
        <Paragraph>Bij dit gesprek zijn nog geen besproken punten of acties vastgelegd.</Paragraph>
      ) : null}
      {questionnaires.map((questionnaire) => (
        <section key={questionnaire} aria-labelledby={`vl-${questionnaire}`} className="bfm-stack">
          <Heading2 id={`vl-${questionnaire}`}>{questionnaireLabel(questionnaire)}</Heading2>
          {talk.topics
            .filter((topic) => topic.questionnaire === questionnaire)
            .map((topic) => {
              const id = `bf-${topic.questionnaire}-${topic.basisfunctie}`;
              return (
                <section key={id} aria-labelledby={id} className="bfm-stack">
                  <Heading3 id={id}>
                    {topic.name}
                    {topic.mark === null ? '' : ` (cijfer ${formatMark(topic.mark)})`}
                  </Heading3>
                  {topic.points ? (
                    <Paragraph className="bfm-pre-line">{topic.points}</Paragraph>
                  ) : null}
                  {topic.actions.length === 0 ? (
                    <Paragraph>Geen acties afgesproken.</Paragraph>
                  ) : (
                    <TableScroll caption={`Afgesproken acties bij ${topic.name}`}>
                      <TableHeader>
                        <TableRow>
                          <TableHeaderCell scope="col">Actie</TableHeaderCell>
                          <TableHeaderCell scope="col">Wie</TableHeaderCell>
                          <TableHeaderCell scope="col">Streefdatum</TableHeaderCell>
                          <TableHeaderCell scope="col">Status</TableHeaderCell>
                        </TableRow>
                      </TableHeader>
                      <TableBody>
                        {topic.actions.map((action) => (
                          <TableRow key={action.id}>
                            <TableHeaderCell scope="row">
                              <Link className="utrecht-link" to={`/acties/${action.id}`}>
                                {action.description}
                              </Link>
                              {action.comments.length > 0
                                ? ` (${action.comments.length} ${action.comments.length === 1 ? 'opmerking' : 'opmerkingen'})`
                                : ''}
                            </TableHeaderCell>
                            <TableCell>{action.owner || '–'}</TableCell>
                            <TableCell>
                              {action.dueOn ? formatDate(action.dueOn) : '–'}
                              {action.overdue ? ' (verlopen)' : ''}
                            </TableCell>
                            <TableCell>
                              {action.statusLabel}
                              {action.statusReason ? `: ${action.statusReason}` : ''}
                            </TableCell>
                          </TableRow>
                        ))}
                      </TableBody>
                    </TableScroll>
                  )}
                </section>
              );
            })}
        </section>
      ))}
    </div>
  );
}
