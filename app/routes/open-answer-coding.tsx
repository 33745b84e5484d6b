/**
 * Coding the open answers of one question (issue 13, helper B): the coder's OWN coding of each
 * answer, never the other coder's (they code independently; the agreement page compares them).
 * The answers are those of the reading page (`readOpenAnswers`), with its filters, search and
 * paging, as the viewer may read them.
 *
 * Each answer is a form of its own: a fieldset with one checkbox per theme and 'Codering
 * opslaan'. Without JavaScript it posts and the page comes back with the answer's message; with
 * JavaScript it saves in place (a fetcher), focus stays on the button and the message is
 * announced by the answer's live region. A stale save (another tab) is refused (409) and
 * overwrites nothing.
 */
import {
  Button,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormLabel,
  Checkbox,
  Heading2,
  Paragraph,
} from '@utrecht/component-library-react';
import { data, Form, Link, useActionData, useFetcher, type Params } from 'react-router';
import type { Route } from './+types/open-answer-coding';
import { AnalysisHeading } from '../components/analysis-layout';
import { CsrfInput } from '../components/csrf-input';
import { ErrorSummary } from '../components/error-summary';
import { SelectField, TextField } from '../components/field';
import { OpenAnswerNav } from '../components/open-answer-nav';
import { handleErrors } from '../lib/http.server';
import { readIntent } from '../lib/intents.server';
import { pageHandle, pageMeta } from '../lib/navigation';
import { sourceLabel, sourceTrail } from '../lib/open-answer-coding';
import { readReadingQuery, readSourceKey } from '../lib/open-answer-coding.server';
import { sourcePath } from '../lib/open-answer-paths';
import { requireSession, verifyCsrf } from '../lib/session.server';
import { GROUPS, listProvinces, SIZE_CLASSES } from '../../src/domain/register.ts';
import { httpStatusOf } from '../../src/services/errors.ts';
import { assertCan, can } from '../../src/services/permissions.ts';
import { codeAnswer, readMyCodings } from '../../src/services/open-answers/coding-service.ts';
import {
  DEFAULT_PAGE_SIZE,
  readOpenAnswers,
} from '../../src/services/open-answers/open-answer-service.ts';
import { loadRound } from '../../src/services/round-service.ts';

type Data = Route.MetaArgs['loaderData'];

const trail = (loaderData: Data | undefined, params: Params) =>
  sourceTrail(params, loaderData?.page.round.name, 'coding');

export const handle = pageHandle(trail);

export function meta({ loaderData, params }: Route.MetaArgs) {
  return pageMeta(trail(loaderData, params));
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const session = await requireSession(request, context);
  const key = readSourceKey(params);
  const roundId = params.roundId ?? '';
  return handleErrors(async () => {
    // Coding is for the coordinator and the analysts: others hear 403 before anything loads.
    assertCan(session.user, 'openAnswers.code');
    const loaded = await loadRound(context.db, roundId);
    const query = readReadingQuery(new URL(request.url), listProvinces(loaded.municipalities));
    const page = await readOpenAnswers(context.db, session.user, roundId, key, {
      filter: query.filter,
      band: query.band,
      search: query.search,
      page: query.page,
      pageSize: DEFAULT_PAGE_SIZE,
    });
    const mine = await readMyCodings(context.db, session.user, roundId, key);
    return {
      key,
      page,
      query,
      codebook: mine.codebook,
      progress: { coded: mine.coded, total: mine.total },
      mine: Object.fromEntries(
        page.answers.map((answer) => [
          answer.id,
          mine.codings.get(answer.id) ?? { themeIds: [], revision: 0 },
        ]),
      ),
      pageSize: DEFAULT_PAGE_SIZE,
      mayCode: can(session.user, 'openAnswers.code'),
    };
  });
}

export interface SaveResult {
  readonly answerId: string;
  readonly ok: boolean;
  readonly message: string;
  readonly revision?: number;
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await requireSession(request, context);
  const form = await request.formData();
  verifyCsrf(form, session);
  readIntent(form, 'routes/open-answer-coding.tsx');
  const key = readSourceKey(params);
  const answerId = String(form.get('answerId') ?? '');
  const themeIds = form.getAll('themes').map(Number);
  const baseRevision = Number(form.get('baseRevision') ?? 'NaN');
  try {
    if (!Number.isInteger(baseRevision) || baseRevision < 0) {
      return data(
        {
          answerId,
          ok: false,
          message: 'Laad de pagina opnieuw: de versie van uw codering ontbreekt.',
        } satisfies SaveResult,
        { status: 400 },
      );
    }
    const saved = await codeAnswer(
      context.db,
      session.user,
      params.roundId ?? '',
      key,
      answerId,
      themeIds,
      baseRevision,
    );
    const count = saved.themeIds.length;
    return {
      answerId,
      ok: true,
      revision: saved.revision,
      message: saved.changed
        ? `Codering opgeslagen: ${count === 0 ? 'geen thema' : `${count} ${count === 1 ? 'thema' : 'thema’s'}`}.`
        : 'Deze codering was al zo opgeslagen.',
    } satisfies SaveResult;
  } catch (error) {
    const status = httpStatusOf(error);
    if (status === 400 || status === 409) {
      return data({ answerId, ok: false, message: (error as Error).message } satisfies SaveResult, {
        status,
      });
    }
    return handleErrors(() => Promise.reject(error));
  }
}

type Answer = Data['page']['answers'][number];

function CodingForm({
  answer,
  themes,
  coding,
  fallback,
  here,
}: {
  /** The page's address with its query, which the form posts to. */
  here: string;
  answer: Answer;
  themes: readonly { id: number; name: string; description: string }[];
  coding: { themeIds: readonly number[]; revision: number };
  /** The page's own action result (without JavaScript), when it is about this answer. */
  fallback: SaveResult | undefined;
}) {
  const fetcher = useFetcher<SaveResult>();
  const result = fetcher.data ?? fallback;
  const revision = result?.ok && result.revision !== undefined ? result.revision : coding.revision;
  const legendId = `codering-${answer.id}-titel`;
  return (
    <fetcher.Form
      method="post"
      action={`${here}#antwoord-${answer.id}`}
      className="bfm-form"
      preventScrollReset
    >
      <CsrfInput />
      <input type="hidden" name="intent" value="code" />
      <input type="hidden" name="answerId" value={answer.id} />
      <input type="hidden" name="baseRevision" value={revision} />
      <Fieldset aria-labelledby={legendId}>
        <FieldsetLegend id={legendId}>Thema’s van dit antwoord</FieldsetLegend>
        {themes.map((theme) => (
          <FormField key={theme.id} type="checkbox">
            <Checkbox
              id={`thema-${answer.id}-${theme.id}`}
              name="themes"
              value={String(theme.id)}
              defaultChecked={coding.themeIds.includes(theme.id)}
            />
            <FormLabel htmlFor={`thema-${answer.id}-${theme.id}`} type="checkbox">
              {theme.name}
            </FormLabel>
          </FormField>
        ))}
      </Fieldset>
      <div className="bfm-actions">
        <Button
          type="submit"
          appearance="primary-action-button"
          aria-describedby={`status-${answer.id}`}
        >
          Codering opslaan
        </Button>
      </div>
      <p
        id={`status-${answer.id}`}
        role="status"
        className={
          result && !result.ok ? 'bfm-coding-status bfm-coding-status--error' : 'bfm-coding-status'
        }
      >
        {result?.message ?? ''}
      </p>
    </fetcher.Form>
  );
}

export default function OpenAnswerCoding({ loaderData }: Route.ComponentProps) {
  const { page, key, codebook, progress, query } = loaderData;
  const actionData = useActionData<typeof action>() as SaveResult | undefined;
  const label = sourceLabel(key);
  const roundId = page.round.id;
  const here = sourcePath(roundId, key, 'coding');
  const pageLink = (n: number) => {
    const params = new URLSearchParams(query.queryString.replace(/^\?/, ''));
    params.set('pagina', String(n));
    return `${here}?${params.toString()}`;
  };
  return (
    <div className="bfm-stack">
      <AnalysisHeading title={`Coderen: ${label.toLowerCase()}`} round={page.round} />
      <OpenAnswerNav
        roundId={roundId}
        source={key}
        current="coding"
        mayCode={loaderData.mayCode}
        query={query.queryString}
      />
      <ErrorSummary
        errors={query.problems.map((p) => ({ field: `filter-${p.param}`, message: p.message }))}
      />
      <Paragraph>
        {page.source.questionnaireName}, vraag {key.question}: {page.source.itemText}
      </Paragraph>
      <Paragraph>
        <strong>
          {progress.coded} van {progress.total} antwoorden gecodeerd door u.
        </strong>{' '}
        U ziet hier alleen uw eigen codering: een tweede codeur codeert dezelfde antwoorden los van
        u, en op de pagina Overeenstemming worden jullie coderingen vergeleken.
      </Paragraph>
      <Form method="get" className="bfm-form bfm-filter-form">
        <TextField name="zoek" label="Zoeken in de antwoorden" defaultValue={query.search} />
        <SelectField
          name="provincie"
          label="Provincie"
          options={[
            { value: '', label: 'Alle provincies' },
            ...page.provinces.map((p) => ({ value: p.code, label: p.name })),
          ]}
          defaultValue={query.filter.province ?? ''}
        />
        <SelectField
          name="grootte"
          label="Grootteklasse"
          options={[
            { value: '', label: 'Alle grootteklassen' },
            ...SIZE_CLASSES.map((s) => ({ value: s.id, label: s.label })),
          ]}
          defaultValue={query.filter.sizeClass ?? ''}
        />
        <SelectField
          name="groep"
          label="Groep"
          options={[
            { value: '', label: 'Alle groepen' },
            ...GROUPS.map((g) => ({ value: g.id, label: g.label })),
          ]}
          defaultValue={query.filter.group ?? ''}
        />
        {page.bands.length > 0 ? (
          <SelectField
            name="band"
            label={`Score op ${page.source.basisfunctie?.name ?? 'de basisfunctie'}`}
            options={[
              { value: '', label: 'Alle scores' },
              ...page.bands.map((b) => ({ value: b.id, label: b.label })),
            ]}
            defaultValue={query.band ?? ''}
          />
        ) : null}
        <div className="bfm-actions">
          <Button type="submit" appearance="secondary-action-button">
            Antwoorden tonen
          </Button>
        </div>
      </Form>
      {!codebook || codebook.themes.length === 0 ? (
        <Paragraph>
          Er zijn nog geen thema’s om mee te coderen.{' '}
          <Link className="utrecht-link" to={sourcePath(roundId, key, 'codebook')}>
            Maak eerst het codeboek
          </Link>
          .
        </Paragraph>
      ) : (
        <section aria-labelledby="antwoorden" className="bfm-stack">
          <Heading2 id="antwoorden">
            {page.total} {page.total === 1 ? 'antwoord' : 'antwoorden'}
            {page.pageCount > 1 ? `, pagina ${query.page} van ${page.pageCount}` : ''}
          </Heading2>
          {page.withheld > 0 ? (
            <Paragraph>
              {page.withheld} antwoorden worden niet getoond: de selectie telt minder dan 5
              gemeenten. Kies een ruimere selectie.
            </Paragraph>
          ) : null}
          <ol className="bfm-answer-list bfm-answer-list-numbered">
            {page.answers.map((answer, index) => (
              <li key={answer.id}>
                <article
                  id={`antwoord-${answer.id}`}
                  aria-labelledby={`antwoord-${answer.id}-titel`}
                  className="bfm-answer bfm-stack"
                >
                  <h3 id={`antwoord-${answer.id}-titel`} className="utrecht-heading-3">
                    Antwoord {(query.page - 1) * loaderData.pageSize + index + 1}: {answer.origin}
                  </h3>
                  <blockquote className="bfm-quote">
                    <p className="utrecht-paragraph">
                      {answer.segments.map((segment, i) =>
                        segment.match ? <mark key={i}>{segment.text}</mark> : segment.text,
                      )}
                    </p>
                  </blockquote>
                  <CodingForm
                    answer={answer}
                    themes={codebook.themes}
                    coding={loaderData.mine[answer.id] ?? { themeIds: [], revision: 0 }}
                    fallback={actionData?.answerId === answer.id ? actionData : undefined}
                    here={`${here}${query.queryString}`}
                  />
                </article>
              </li>
            ))}
          </ol>
          {page.pageCount > 1 ? (
            <nav aria-label="Pagina’s" className="bfm-actions">
              {query.page > 1 ? (
                <Link className="utrecht-link" to={pageLink(query.page - 1)}>
                  Vorige pagina
                </Link>
              ) : null}
              {query.page < page.pageCount ? (
                <Link className="utrecht-link" to={pageLink(query.page + 1)}>
                  Volgende pagina
                </Link>
              ) : null}
            </nav>
          ) : null}
        </section>
      )}
    </div>
  );
}
