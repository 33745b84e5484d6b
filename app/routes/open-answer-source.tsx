/**
 * One open question's answers, or one item's notes (issue 13, helper A): the filter form
 * (province, size class, group, the band of the basisfunctie, search words), the answers with
 * the search words marked and their final themes, paging, and for the coordinator and analysts
 * a button per answer to mark it as a quote for the national report. Everything works without
 * JavaScript: the filter is a GET form, the quote a small POST form that comes back to the same
 * page, filter and answer.
 */
import { Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { data, Form, Link, type Params } from 'react-router';
import type { Route } from './+types/open-answer-source';
import { AnalysisHeading } from '../components/analysis-layout';
import { CsrfInput } from '../components/csrf-input';
import { ErrorSummary } from '../components/error-summary';
import { SelectField, TextField } from '../components/field';
import { FlashMessage } from '../components/flash-message';
import { OpenAnswerNav } from '../components/open-answer-nav';
import { OpenAnswerText } from '../components/open-answer-text';
import { Pagination } from '../components/pagination';
import { redirectWithFlash, takeFlash } from '../lib/flash.server';
import { handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { analysisTrail, pageHandle, pageMeta, type Trail } from '../lib/navigation';
import { questionnaireName, sourceLabel } from '../lib/open-answer-coding';
import { OPEN_ANSWERS_PAGE, sourceExportPath, sourcePath } from '../lib/open-answer-paths';
import { pagerLinks, readSourcePage, writeQuery } from '../lib/open-answers.server';
import { requireSession, verifyCsrf } from '../lib/session.server';
import { can, GROUPS, NotFoundError, SIZE_CLASSES } from '../lib/services.server';
import { parsePart, PART_LABELS } from '../../src/domain/open-answers.ts';
import { setQuote } from '../../src/services/open-answers/quote-service.ts';
import type { OpenAnswerSourceKey } from '../../src/services/open-answers/open-answer-service.ts';

type Data = Route.MetaArgs['loaderData'];

/** The source of the address; anything else than a number and a known part is not found. */
function keyOf(params: Params): OpenAnswerSourceKey {
  const part = parsePart(params.part);
  if (!part || !/^\d{1,3}$/.test(params.question ?? '')) {
    throw new NotFoundError(
      "Deze vraag bestaat niet. Het adres eindigt op een vraagnummer en 'antwoord' of 'toelichting'.",
    );
  }
  return { questionnaire: params.questionnaire ?? '', question: Number(params.question), part };
}

const trail = (data: Data | undefined, params: Params): Trail => [
  ...analysisTrail(params, data?.page.round.name, OPEN_ANSWERS_PAGE),
  // Named as on the coding pages: both questionnaires have a question 46.
  {
    label: data
      ? `${questionnaireName(data.page.source.questionnaire)} · ${sourceLabel(data.page.source).toLowerCase()}`
      : 'Vraag',
    to: data ? sourcePath(params.roundId ?? '', data.page.source) : '#',
  },
];

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const { flash, headers } = takeFlash(request, context);
  const roundId = params.roundId ?? '';
  const url = new URL(request.url);
  const { page, errors } = await handleErrors(async () =>
    readSourcePage(context.db, session.user, roundId, keyOf(params), url),
  );
  const path = sourcePath(roundId, page.source);
  const values = {
    grootte: page.query.filter.sizeClass ?? '',
    groep: page.query.filter.group ?? '',
    provincie: page.query.filter.province ?? '',
    band: page.query.band ?? '',
    zoek: url.searchParams.get('zoek') ?? '',
  };
  return data(
    {
      flash,
      page,
      errors,
      values,
      path,
      // The filter without the page, kept on the links between the source's pages.
      filterQuery: writeQuery(page.query),
      here: `${path}${writeQuery({ ...page.query, page: page.query.page })}`,
      filtered:
        values.grootte !== '' ||
        values.groep !== '' ||
        values.provincie !== '' ||
        values.band !== '',
      pager: pagerLinks(path, page.query, page.query.page, page.pageCount),
      mayCode: can(session.user, 'openAnswers.code'),
      mayQuote: can(session.user, 'openAnswers.quote'),
      mayExport: can(session.user, 'openAnswers.export'),
      options: {
        grootte: SIZE_CLASSES.map((c) => ({ value: c.id, label: c.label })),
        groep: GROUPS.map((g) => ({ value: g.id, label: g.label })),
        provincie: page.provinces.map((p) => ({ value: p.code, label: p.name })),
      },
    },
    { headers },
  );
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  const intent = readIntent(form, 'routes/open-answer-source.tsx');
  const roundId = params.roundId ?? '';
  const answerId = String(form.get('answer') ?? '');
  const outcome = await handleErrors(async () =>
    setQuote(context.db, session.user, roundId, keyOf(params), answerId, intent === 'quote'),
  );
  // Back to the same page, filter and answer: only this page's own query parameters.
  const url = new URL(request.url);
  const back = new URLSearchParams();
  for (const name of ['grootte', 'groep', 'provincie', 'band', 'zoek', 'pagina']) {
    const value = url.searchParams.get(name);
    if (value) back.set(name, value);
  }
  const query = back.toString();
  throw redirectWithFlash(
    `${url.pathname}${query ? `?${query}` : ''}#antwoord-${outcome.id}`,
    {
      text: outcome.quote
        ? 'Het antwoord is gemarkeerd als citaat voor het landelijk rapport. Het rapport noemt geen gemeente, alleen de provincie en grootte waar dat veilig kan.'
        : 'Het antwoord is geen citaat meer voor het landelijk rapport.',
    },
    context,
  );
}

export default function OpenAnswerSource({ loaderData }: Route.ComponentProps) {
  const { page, values, errors, options } = loaderData;
  const { source } = page;
  const roundId = page.round.id;
  const what = source.part === 'note' ? 'toelichtingen' : 'antwoorden';
  const one = source.part === 'note' ? 'toelichting' : 'antwoord';
  const own = page.namedScope === 'own';
  const municipalities = `${page.respondents} ${page.respondents === 1 ? 'gemeente' : 'gemeenten'}`;
  // A municipality reads only its own answer: say so, rather than '0 antwoorden van 1 gemeenten'.
  const countText = own
    ? page.total > 0
      ? `Het ${one} van uw gemeente`
      : page.query.search !== ''
        ? `Het ${one} van uw gemeente bevat ‘${page.query.search}’ niet`
        : source.part === 'note'
          ? 'Uw gemeente gaf bij deze vraag geen toelichting'
          : 'Uw gemeente heeft deze vraag niet beantwoord'
    : page.query.search !== ''
      ? `${page.total} ${page.total === 1 ? one : what} met ‘${page.query.search}’, van ${municipalities}`
      : `${page.total} ${page.total === 1 ? one : what} van ${municipalities}`;
  return (
    <div className="bfm-stack">
      <AnalysisHeading
        title={`${PART_LABELS[source.part]}: vraag ${source.question}`}
        round={page.round}
      />
      <Paragraph>
        <strong>
          {source.questionnaireName}, vraag {source.question}:
        </strong>{' '}
        {source.itemText}
        {source.basisfunctie ? ` (basisfunctie ${source.basisfunctie.name})` : ''}
      </Paragraph>
      <OpenAnswerNav
        roundId={roundId}
        source={source}
        current="answers"
        mayCode={loaderData.mayCode}
        query={loaderData.filterQuery}
      />
      <FlashMessage flash={loaderData.flash} />
      <Paragraph>
        {page.namedScope === 'all'
          ? 'U ziet de antwoorden met de naam van de gemeente.'
          : page.namedScope === 'province'
            ? 'U ziet de namen van de gemeenten in uw provincies; de andere antwoorden zijn anoniem.'
            : page.namedScope === 'own'
              ? 'U ziet alleen de antwoorden van uw eigen gemeente.'
              : 'De antwoorden zijn anoniem: zonder naam, met de provincie en grootte alleen waar die groep minstens 5 gemeenten telt. De naam van de gemeente in de tekst is vervangen door [gemeente].'}
      </Paragraph>

      {/* A municipality reads its own answer only: there is nothing to filter. */}
      {own ? null : (
        <section aria-labelledby="filter-kop" className="bfm-stack">
          <Heading2 id="filter-kop">Filteren en zoeken</Heading2>
          <ErrorSummary errors={errors} />
          <Form
            method="get"
            action={loaderData.path}
            className="bfm-round-filters"
            key={JSON.stringify(values)}
          >
            <SelectField
              name="provincie"
              label="Provincie"
              defaultValue={values.provincie}
              options={[{ value: '', label: 'alle provincies' }, ...options.provincie]}
              {...errorFor(errors, 'provincie')}
            />
            <SelectField
              name="grootte"
              label="Grootteklasse"
              defaultValue={values.grootte}
              options={[{ value: '', label: 'alle grootteklassen' }, ...options.grootte]}
              {...errorFor(errors, 'grootte')}
            />
            <SelectField
              name="groep"
              label="Groep (G4/G27/overig)"
              defaultValue={values.groep}
              options={[{ value: '', label: 'alle groepen' }, ...options.groep]}
              {...errorFor(errors, 'groep')}
            />
            {page.bands.length > 0 ? (
              <SelectField
                name="band"
                label={`Score op ${source.basisfunctie?.name ?? 'de basisfunctie'}`}
                defaultValue={values.band}
                options={[
                  { value: '', label: 'alle scores' },
                  ...page.bands.map((b) => ({ value: b.id, label: b.label })),
                ]}
                {...errorFor(errors, 'band')}
              />
            ) : null}
            <TextField
              name="zoek"
              type="search"
              label="Zoekwoorden"
              defaultValue={values.zoek}
              {...errorFor(errors, 'zoek')}
            />
            <div className="bfm-actions bfm-round-filter-actions">
              <Button type="submit" appearance="secondary-action-button">
                Toepassen
              </Button>
              {loaderData.filtered || values.zoek ? (
                <Link className="utrecht-link" to={loaderData.path}>
                  Filter en zoekwoorden wissen
                </Link>
              ) : null}
            </div>
          </Form>
        </section>
      )}

      <section aria-labelledby="antwoorden-kop" className="bfm-stack">
        <Heading2 id="antwoorden-kop">
          {source.part === 'note' ? 'Toelichtingen' : 'Antwoorden'}
        </Heading2>
        <Paragraph role="status">
          {countText}
          {page.pageCount > 1 ? ` (pagina ${page.query.page} van ${page.pageCount})` : ''}.
        </Paragraph>
        {page.withheld > 0 ? (
          <div className="utrecht-alert utrecht-alert--info">
            <Paragraph>
              {page.withheld} {page.withheld === 1 ? 'antwoord wordt' : 'antwoorden worden'} niet
              getoond: de selectie telt minder dan 5 gemeenten, en dan zou een anoniem antwoord toch
              naar een gemeente te herleiden zijn. Kies een ruimer filter (bijvoorbeeld alle
              grootteklassen of alle provincies) om ze te lezen.
            </Paragraph>
          </div>
        ) : null}
        {page.answers.length === 0 && page.withheld === 0 && !own ? (
          <Paragraph>
            {page.query.search !== ''
              ? 'Geen antwoorden gevonden. Probeer een ander woord, minder woorden of een ruimer filter.'
              : 'Er zijn (in deze selectie) geen antwoorden op deze vraag.'}
          </Paragraph>
        ) : null}
        <ol className="bfm-open-answers">
          {page.answers.map((answer) => (
            <li key={answer.id} id={`antwoord-${answer.id}`}>
              <Paragraph className="bfm-open-answer-origin">
                <strong>{answer.origin}</strong>
                {answer.band ? ` · score: ${answer.band.label}` : ''}
              </Paragraph>
              <OpenAnswerText segments={answer.segments} />
              {answer.themes.length > 0 || answer.quote ? (
                <ul className="bfm-open-answer-tags" aria-label="Thema’s en citaat">
                  {answer.themes.length > 0 ? (
                    <li className="bfm-open-answer-tags-label" aria-hidden="true">
                      Thema’s:
                    </li>
                  ) : null}
                  {answer.themes.map((theme) => (
                    <li key={theme.id} className="bfm-tag">
                      {theme.name}
                    </li>
                  ))}
                  {answer.quote ? <li className="bfm-tag">Citaat</li> : null}
                </ul>
              ) : null}
              {loaderData.mayQuote ? (
                <Form method="post" action={loaderData.here} className="bfm-open-answer-quote">
                  <CsrfInput />
                  <input type="hidden" name="answer" value={answer.id} />
                  <Button
                    type="submit"
                    name="intent"
                    value={answer.quote ? 'unquote' : 'quote'}
                    appearance="secondary-action-button"
                  >
                    {answer.quote ? 'Citaat verwijderen' : 'Markeer als citaat'}
                    <span className="bfm-visually-hidden">: antwoord van {answer.origin}</span>
                  </Button>
                </Form>
              ) : null}
            </li>
          ))}
        </ol>
        <Pagination label={`Pagina’s met ${what}`} {...loaderData.pager} />
      </section>

      {loaderData.mayExport ? (
        <section aria-labelledby="downloaden-kop" className="bfm-stack">
          <Heading2 id="downloaden-kop">Downloaden</Heading2>
          <Paragraph>
            De {what} van deze selectie (filter en zoekwoorden), met één kolom per thema van het
            codeboek (1 = genoemd, 0 = niet genoemd) en of het antwoord een citaat is.{' '}
            {page.namedScope === 'none'
              ? 'Anoniem, zoals u ze hier leest.'
              : 'Met de namen en de herkomst zoals u ze hier leest.'}
          </Paragraph>
          <ul className="utrecht-unordered-list">
            <li>
              <a
                className="utrecht-link"
                href={`${sourceExportPath(roundId, source, 'csv')}${loaderData.filterQuery}`}
                download
              >
                Gecodeerde {what} als CSV
              </a>
            </li>
            <li>
              <a
                className="utrecht-link"
                href={`${sourceExportPath(roundId, source, 'xlsx')}${loaderData.filterQuery}`}
                download
              >
                Gecodeerde {what} als Excel
              </a>
            </li>
          </ul>
        </section>
      ) : null}
    </div>
  );
}

/** The error of a field, as the field's props. */
function errorFor(errors: readonly { field: string; message: string }[], field: string) {
  const error = errors.find((e) => e.field === field);
  return error ? { error: error.message } : {};
}
