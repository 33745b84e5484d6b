/**
 * What the coding pages of an open-answer source share (issue 13, helper B): reading the source
 * from the address, the reading query (filters, band, search, page) and the breadcrumbs.
 */
import { data, type Params } from 'react-router';
import { parseFilterParams, type AnalysisFilter } from '../../src/domain/analysis-filter.ts';
import { parsePart } from '../../src/domain/open-answers.ts';
import type { OpenAnswerSourceKey } from '../../src/services/open-answers/open-answer-service.ts';

/**
 * The source of the address: `:questionnaire/:question/:part` with part `antwoord` or
 * `toelichting`.
 *
 * @throws {Response} 404 for a part or question number that cannot exist
 */
export function readSourceKey(params: Params): OpenAnswerSourceKey {
  const part = parsePart(params.part);
  const question = Number(params.question);
  if (!part || !Number.isInteger(question) || question < 1 || question > 32767) {
    throw data(
      {
        message:
          'Deze pagina bestaat niet. Het adres eindigt op een vraagnummer en ‘antwoord’ of ‘toelichting’; kies de vraag in het overzicht van de open antwoorden.',
      },
      { status: 404 },
    );
  }
  return { questionnaire: params.questionnaire ?? '', question, part };
}

/** The reading query of a page: the dashboard's filters, the band, the search and the page. */
export interface ReadingQuery {
  readonly filter: AnalysisFilter;
  readonly band: string | null;
  readonly search: string;
  readonly page: number;
  /** The query string to keep between pages and after saving ('' or '?…'). */
  readonly queryString: string;
  readonly problems: readonly { readonly param: string; readonly message: string }[];
}

export function readReadingQuery(
  url: URL,
  provinces: readonly { readonly code: string; readonly name: string }[],
): ReadingQuery {
  const { filter, problems } = parseFilterParams(url.searchParams, provinces);
  const band = url.searchParams.get('band')?.trim() || null;
  const search = (url.searchParams.get('zoek') ?? '').slice(0, 200);
  const pageValue = Number(url.searchParams.get('pagina') ?? '1');
  const page = Number.isInteger(pageValue) && pageValue >= 1 ? pageValue : 1;
  const kept = new URLSearchParams();
  for (const name of ['grootte', 'groep', 'provincie', 'band', 'zoek', 'pagina']) {
    const value = url.searchParams.get(name);
    if (value) kept.set(name, value);
  }
  const queryString = kept.size > 0 ? `?${kept.toString()}` : '';
  return { filter, band, search, page, queryString, problems };
}
