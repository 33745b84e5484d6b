/**
 * What the open-answer pages load (issue 13, helper A): the query of the address read with the
 * service's parser, problems as field errors for the error summary, and the links of the
 * filter form and the pager. A filter the service refuses (a band the item lacks) is shown as
 * a problem and the page read without it, never an error page.
 */
import type { FieldError } from '../components/error-summary';
import { writeFilterParams } from '../../src/domain/analysis-filter.ts';
import { listPageNumbers } from '../../src/domain/municipality-table.ts';
import { UserInputError } from '../../src/services/errors.ts';
import type { StaffUser } from '../../src/services/auth-service.ts';
import { listProvinces } from '../../src/domain/register.ts';
import {
  readOpenAnswers,
  type OpenAnswerQuery,
  type OpenAnswerSourceKey,
} from '../../src/services/open-answers/open-answer-service.ts';
import {
  PAGE_PARAMS,
  parseOpenAnswerParams,
} from '../../src/services/open-answers/open-answer-query.ts';
import { loadRound } from '../../src/services/round-service.ts';

/** The database, as the services take it. */
type Executor = Parameters<typeof readOpenAnswers>[0];

/** The field of the filter form each query parameter belongs to (for the error summary). */
const FIELD_OF: Readonly<Record<string, string>> = {
  grootte: 'grootte',
  groep: 'groep',
  provincie: 'provincie',
  band: 'band',
  zoek: 'zoek',
  pagina: 'zoek',
};

/** Reads the address's query against the round's provinces. */
export async function readPageQuery(
  executor: Executor,
  roundId: string,
  url: URL,
): Promise<{ query: OpenAnswerQuery; errors: FieldError[] }> {
  const loaded = await loadRound(executor, roundId);
  const { query, problems } = parseOpenAnswerParams(
    url.searchParams,
    listProvinces(loaded.municipalities),
    PAGE_PARAMS,
  );
  return {
    query,
    errors: problems.map((p) => ({ field: FIELD_OF[p.param] ?? 'zoek', message: p.message })),
  };
}

/**
 * Reads one source's page; a band or page the service refuses becomes a problem on the form
 * and the page is read without that band, from page 1.
 */
export async function readSourcePage(
  executor: Executor,
  user: StaffUser,
  roundId: string,
  key: OpenAnswerSourceKey,
  url: URL,
) {
  const { query, errors } = await readPageQuery(executor, roundId, url);
  try {
    return { page: await readOpenAnswers(executor, user, roundId, key, query), errors };
  } catch (error) {
    if (!(error instanceof UserInputError)) throw error;
    const page = await readOpenAnswers(executor, user, roundId, key, {
      ...query,
      band: null,
      page: 1,
    });
    return { page, errors: [...errors, { field: 'band', message: error.message }] };
  }
}

/** The query string of a query (filter, band, search, page), with its '?', or ''. */
export function writeQuery(
  query: Pick<OpenAnswerQuery, 'filter' | 'band' | 'search'> & { page?: number },
): string {
  const params = writeFilterParams(query.filter);
  if (query.band) params.set('band', query.band);
  if (query.search) params.set('zoek', query.search);
  if (query.page && query.page > 1) params.set('pagina', String(query.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The pager's links for a list of `pageCount` pages. */
export function pagerLinks(
  path: string,
  query: Pick<OpenAnswerQuery, 'filter' | 'band' | 'search'>,
  current: number,
  pageCount: number,
) {
  const href = (page: number) => `${path}${writeQuery({ ...query, page })}`;
  return {
    current,
    pages: listPageNumbers(current, pageCount).map((page) => ({
      page,
      href: page === 'gap' ? '' : href(page),
    })),
    previous: current > 1 ? href(current - 1) : null,
    next: current < pageCount ? href(current + 1) : null,
  };
}
