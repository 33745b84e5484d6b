/**
 * Reads the query of the open-answer pages and API operations from address parameters: the
 * dashboard's filter (`grootte`, `groep`, `provincie`), the band (`band`), the search words and
 * the page. Problems come back in Dutch, one per parameter, instead of an error page, so a
 * mistyped address tells what to fix.
 */
import { z } from 'zod';
import { parseFilterParams, type FilterProblem } from '../../domain/analysis-filter.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type OpenAnswerQuery } from './open-answer-service.ts';

/** The longest search the pages accept: a few words, not a text. */
export const MAX_SEARCH_LENGTH = 200;

/** Names of the parameters: Dutch in the web app's addresses, English in the API. */
export interface OpenAnswerParamNames {
  readonly search: string;
  readonly page: string;
  readonly pageSize: string | null;
}

export const PAGE_PARAMS: OpenAnswerParamNames = { search: 'zoek', page: 'pagina', pageSize: null };
export const API_PARAMS: OpenAnswerParamNames = {
  search: 'search',
  page: 'page',
  pageSize: 'pageSize',
};

const PositiveIntSchema = z
  .string()
  .regex(/^\d{1,6}$/)
  .transform(Number);

/**
 * Reads a query. The band is checked against the instrument by the service (it knows the
 * item); here only its form.
 *
 * @example parseOpenAnswerParams(new URLSearchParams('zoek=vrijwilligers'), [], PAGE_PARAMS).query.search // 'vrijwilligers'
 */
export function parseOpenAnswerParams(
  params: URLSearchParams,
  provinces: readonly { readonly code: string; readonly name: string }[],
  names: OpenAnswerParamNames = PAGE_PARAMS,
): { query: OpenAnswerQuery; problems: FilterProblem[] } {
  const { filter, problems } = parseFilterParams(params, provinces);
  const search = (params.get(names.search) ?? '').trim();
  let safeSearch = search;
  if (search.length > MAX_SEARCH_LENGTH) {
    problems.push({
      param: names.search,
      message: `Zoek met hoogstens ${MAX_SEARCH_LENGTH} tekens; uw zoekopdracht telt er ${search.length}.`,
    });
    safeSearch = '';
  }
  const readInt = (name: string, fallback: number, max: number, what: string): number => {
    const raw = (params.get(name) ?? '').trim();
    if (raw === '') return fallback;
    const parsed = PositiveIntSchema.safeParse(raw);
    if (!parsed.success || parsed.data < 1 || parsed.data > max) {
      problems.push({
        param: name,
        message: `${what} '${raw}' kan niet: kies een geheel getal van 1 tot en met ${max}.`,
      });
      return fallback;
    }
    return parsed.data;
  };
  const page = readInt(names.page, 1, 100_000, 'Pagina');
  const pageSize = names.pageSize
    ? readInt(names.pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, 'Paginagrootte')
    : DEFAULT_PAGE_SIZE;
  const band = (params.get('band') ?? '').trim();
  return {
    query: { filter, band: band === '' ? null : band, search: safeSearch, page, pageSize },
    problems,
  };
}
