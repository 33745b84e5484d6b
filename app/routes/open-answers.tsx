/**
 * The open answers of a round (issue 13, helper A): per questionnaire the open questions and
 * the items with notes, with their counts and links, and one search over every open answer and
 * note of the round (`?zoek=`), best match first, as the viewer may read them (decision 028).
 */
import {
  Alert,
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
import type { Route } from './+types/open-answers';
import { AnalysisHeading, AnalysisNav } from '../components/analysis-layout';
import { ErrorSummary } from '../components/error-summary';
import { TextField } from '../components/field';
import { OpenAnswerText } from '../components/open-answer-text';
import { Pagination } from '../components/pagination';
import { TableScroll } from '../components/table-scroll';
import { handleErrors } from '../lib/http.server';
import { analysisTrail, pageHandle, pageMeta, type Trail } from '../lib/navigation';
import { OPEN_ANSWERS_PAGE, openAnswersPath, sourcePath } from '../lib/open-answer-paths';
import { pagerLinks, readPageQuery } from '../lib/open-answers.server';
import { requireSession } from '../lib/session.server';
import { mayExportAnswers } from '../lib/services.server';
import { PART_LABELS } from '../../src/domain/open-answers.ts';
import {
  listOpenAnswerSources,
  searchRoundOpenAnswers,
} from '../../src/services/open-answers/open-answer-service.ts';

type Data = Route.MetaArgs['loaderData'];

const trail = (data: Data | undefined, params: Params): Trail =>
  analysisTrail(params, data?.overview.round.name, OPEN_ANSWERS_PAGE);

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const roundId = params.roundId ?? '';
  const overview = await handleErrors(() =>
    listOpenAnswerSources(context.db, session.user, roundId),
  );
  const url = new URL(request.url);
  const { query, errors } = await readPageQuery(context.db, roundId, url);
  const search =
    query.search !== '' && errors.length === 0
      ? await handleErrors(() => searchRoundOpenAnswers(context.db, session.user, roundId, query))
      : null;
  return data({
    overview,
    search,
    errors,
    searchText: url.searchParams.get('zoek') ?? '',
    pager: search
      ? pagerLinks(
          openAnswersPath(roundId),
          { ...query, band: null },
          search.page,
          search.pageCount,
        )
      : null,
    analysisBase: `/metingen/${encodeURIComponent(params.roundId ?? '')}/analyse`,
    hiddenPages: mayExportAnswers(session.user) ? [] : ['export'],
    // A municipality reads only its own answers; the counts below are its own too.
    ownOnly: session.user.role === 'municipality',
  });
}

export default function OpenAnswers({ loaderData }: Route.ComponentProps) {
  const { overview, search, errors, pager } = loaderData;
  const roundId = overview.round.id;
  return (
    <div className="bfm-stack">
      <AnalysisHeading title="Open antwoorden" round={overview.round} />
      <AnalysisNav
        base={loaderData.analysisBase}
        current="open-antwoorden"
        query=""
        hidden={loaderData.hiddenPages}
      />
      <Paragraph>
        {loaderData.ownOnly
          ? 'Wat uw gemeente schreef bij de open vragen en in de toelichtingen bij de vragen. U ziet alleen de antwoorden van uw eigen gemeente; de aantallen in de tabellen zijn die van uw gemeente.'
          : 'Wat gemeenten schreven bij de open vragen en in de toelichtingen bij de vragen.'}{' '}
        Zoeken gebeurt op woordstam: ‘vrijwilligers’ vindt ook ‘vrijwilliger’. Zet woorden tussen
        aanhalingstekens om een zin te zoeken, gebruik ‘or’ voor het een of het ander en een
        minteken voor een woord dat er niet in mag staan.
      </Paragraph>

      <section aria-labelledby="zoeken" className="bfm-stack">
        <Heading2 id="zoeken">Zoeken in alle antwoorden en toelichtingen</Heading2>
        <ErrorSummary errors={errors} />
        <Form method="get" action={openAnswersPath(roundId)} className="bfm-round-filters">
          <TextField
            name="zoek"
            type="search"
            label="Zoekwoorden"
            defaultValue={loaderData.searchText}
            {...(errors[0] ? { error: errors[0].message } : {})}
          />
          <div className="bfm-actions bfm-round-filter-actions">
            <Button type="submit" appearance="secondary-action-button">
              Zoeken
            </Button>
          </div>
        </Form>
        {search ? (
          <>
            <Paragraph role="status">
              {search.total === 0
                ? `Geen antwoorden gevonden met ‘${search.search}’. Probeer een ander woord of minder woorden.`
                : `${search.total} ${search.total === 1 ? 'antwoord' : 'antwoorden'} gevonden met ‘${search.search}’.`}
              {search.withheld > 0
                ? ` ${search.withheld} antwoorden worden niet getoond: de selectie telt minder dan 5 gemeenten.`
                : ''}
            </Paragraph>
            <ol className="bfm-open-answers">
              {search.hits.map((hit) => (
                <li
                  key={`${hit.source.questionnaire}-${hit.source.question}-${hit.source.part}-${hit.id}`}
                >
                  <Heading3>
                    <Link className="utrecht-link" to={sourcePath(roundId, hit.source)}>
                      {hit.source.questionnaireName}, vraag {hit.source.question} (
                      {PART_LABELS[hit.source.part].toLowerCase()})
                    </Link>
                  </Heading3>
                  <Paragraph className="bfm-open-answer-origin">
                    {hit.origin}
                    {hit.quote ? ' · citaat' : ''}
                  </Paragraph>
                  <OpenAnswerText segments={hit.segments} />
                  {hit.themes.length > 0 ? (
                    <ul className="bfm-open-answer-tags" aria-label="Thema’s">
                      {hit.themes.map((theme) => (
                        <li key={theme.id} className="bfm-tag">
                          {theme.name}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ol>
            {pager ? <Pagination label="Pagina’s met zoekresultaten" {...pager} /> : null}
          </>
        ) : null}
      </section>

      {overview.questionnaires.map((questionnaire) => (
        <section
          key={questionnaire.id}
          aria-labelledby={`vragenlijst-${questionnaire.id}`}
          className="bfm-stack"
        >
          <Heading2 id={`vragenlijst-${questionnaire.id}`}>{questionnaire.name}</Heading2>
          {questionnaire.sources.length === 0 ? (
            <Alert type="info">
              <Paragraph>Deze vragenlijst heeft geen open vragen en geen toelichtingen.</Paragraph>
            </Alert>
          ) : (
            <TableScroll caption={`Open vragen en toelichtingen: ${questionnaire.name}`}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Vraag</TableHeaderCell>
                  <TableHeaderCell scope="col">Soort</TableHeaderCell>
                  <TableHeaderCell scope="col" numericColumn>
                    Antwoorden
                  </TableHeaderCell>
                  <TableHeaderCell scope="col">Codeboek</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {questionnaire.sources.map((source) => (
                  <TableRow key={`${source.question}-${source.part}`}>
                    <TableHeaderCell scope="row">
                      <Link className="utrecht-link" to={sourcePath(roundId, source)}>
                        {source.question}. {source.itemText}
                        <span className="bfm-visually-hidden">
                          {' '}
                          ({PART_LABELS[source.part].toLowerCase()})
                        </span>
                      </Link>
                    </TableHeaderCell>
                    <TableCell>{PART_LABELS[source.part]}</TableCell>
                    <TableCell numericColumn>{source.answers}</TableCell>
                    <TableCell>
                      {source.codebook
                        ? `ja, ${source.codebook.themes} ${source.codebook.themes === 1 ? 'thema' : 'thema’s'}`
                        : 'nee'}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </TableScroll>
          )}
        </section>
      ))}
    </div>
  );
}
