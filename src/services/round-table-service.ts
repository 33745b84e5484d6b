/**
 * The table of municipalities on a round's page, driven by the query string so that every
 * filter, sort and page is a link or a GET form that works without JavaScript. The query
 * parameters are Dutch, as the addresses of the web app are; a value that makes no sense
 * falls back to its default instead of failing.
 */
import { z } from 'zod';
import {
  selectRows,
  type SortDirection,
  type SortKey,
  type TableRow,
} from '../domain/municipality-table.ts';
import { CATEGORY_PROGRESS_ORDER, RESPONSE_CATEGORIES } from './participation-service.ts';
import type { ResponseStatus } from './questionnaire-service.ts';
import type { MunicipalityStatus, RoundOverview } from './round-overview-service.ts';

export const TABLE_PAGE_SIZE = 50;

const RESPONSE_STATUSES = ['not-started', 'in-progress', 'submitted'] as const;

/** The sort keys as they appear in the address, and what they sort by. */
export const TABLE_SORTS = {
  code: 'code',
  naam: 'name',
  stand: 'status',
  wijziging: 'changed',
} as const satisfies Record<string, SortKey>;
export type TableSort = keyof typeof TABLE_SORTS;

export const RoundTableQuerySchema = z.object({
  /** Part of a name, or a code. */
  zoek: z.string().trim().max(100).catch(''),
  /** A response category. */
  stand: z.enum(RESPONSE_CATEGORIES).nullable().catch(null),
  /** A province code, e.g. PV27. */
  provincie: z
    .string()
    .regex(/^PV\d{2}$/)
    .nullable()
    .catch(null),
  /** A questionnaire and its status, e.g. `mantelzorg:submitted`. */
  vragenlijst: z
    .string()
    .regex(new RegExp(`^[a-z-]+:(${RESPONSE_STATUSES.join('|')})$`))
    .nullable()
    .catch(null),
  sorteer: z.enum(Object.keys(TABLE_SORTS) as [TableSort, ...TableSort[]]).catch('code'),
  /** 'op' ascending, 'af' descending. */
  volgorde: z.enum(['op', 'af']).catch('op'),
  pagina: z.coerce.number().int().min(1).catch(1),
});
export type RoundTableQuery = z.infer<typeof RoundTableQuerySchema>;

export const DEFAULT_TABLE_QUERY: RoundTableQuery = RoundTableQuerySchema.parse({});

/**
 * Reads the table's query parameters; anything missing or wrong gets its default.
 *
 * @example readRoundTableQuery(new URLSearchParams('stand=kapot&pagina=-3')); // the defaults
 */
export function readRoundTableQuery(params: URLSearchParams): RoundTableQuery {
  return RoundTableQuerySchema.parse(Object.fromEntries(params));
}

/**
 * The query string of a table query with some parameters changed, leaving out defaults;
 * '' when everything is default.
 *
 * @example writeRoundTableQuery(DEFAULT_TABLE_QUERY, { stand: 'invited' }); // '?stand=invited'
 */
export function writeRoundTableQuery(
  query: RoundTableQuery,
  change: Partial<RoundTableQuery> = {},
): string {
  const merged = { ...query, ...change };
  const params = new URLSearchParams();
  for (const key of Object.keys(DEFAULT_TABLE_QUERY) as (keyof RoundTableQuery)[]) {
    const value = merged[key];
    if (value !== null && value !== DEFAULT_TABLE_QUERY[key]) params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

export interface RoundTable {
  /** The query as applied: unknown provinces or questionnaires are dropped, the page clamped. */
  readonly query: RoundTableQuery;
  /** The rows of the page. */
  readonly rows: readonly MunicipalityStatus[];
  /** Rows that match the filters, over all pages. */
  readonly total: number;
  readonly pageCount: number;
  readonly pageSize: number;
  /** Per questionnaire: the municipalities per status among those that match the filters. */
  readonly counts: Readonly<Record<string, Readonly<Record<ResponseStatus, number>>>>;
  /** The provinces of the rows the user sees, by name, for the province filter. */
  readonly provinces: readonly { readonly code: string; readonly name: string }[];
}

/**
 * Filters, sorts and pages the municipalities of a round overview. The overview already
 * holds only the municipalities the user may see by name (none for analysts).
 */
export function selectRoundTable(overview: RoundOverview, query: RoundTableQuery): RoundTable {
  const provinces = [
    ...new Map(
      overview.rows.map((row) => [row.municipality.provinceCode, row.municipality.provinceName]),
    ),
  ]
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  const questionnaireIds = overview.loaded.instrument.questionnaires.map((q) => q.id);
  const [questionnaireId, questionnaireStatus] = query.vragenlijst?.split(':') ?? [];
  const applied: RoundTableQuery = {
    ...query,
    provincie: provinces.some((p) => p.code === query.provincie) ? query.provincie : null,
    vragenlijst:
      questionnaireId && questionnaireIds.includes(questionnaireId) ? query.vragenlijst : null,
  };
  const byCode = new Map(overview.rows.map((row) => [row.municipality.code, row]));
  const tableRows: TableRow[] = overview.rows.map((row) => ({
    code: row.municipality.code,
    name: row.municipality.name,
    provinceCode: row.municipality.provinceCode,
    category: row.category,
    statuses: row.statuses,
    lastChange: row.lastChange?.toISOString() ?? null,
  }));
  const selected = selectRows(
    tableRows,
    {
      search: applied.zoek,
      category: applied.stand,
      provinceCode: applied.provincie,
      questionnaire:
        applied.vragenlijst && questionnaireId && questionnaireStatus
          ? { id: questionnaireId, status: questionnaireStatus }
          : null,
      sort: TABLE_SORTS[applied.sorteer],
      direction: (applied.volgorde === 'af' ? 'desc' : 'asc') satisfies SortDirection,
      page: applied.pagina,
      pageSize: TABLE_PAGE_SIZE,
    },
    CATEGORY_PROGRESS_ORDER,
  );
  const counts = Object.fromEntries(
    questionnaireIds.map((id) => [
      id,
      Object.fromEntries(RESPONSE_STATUSES.map((status) => [status, 0])) as Record<
        ResponseStatus,
        number
      >,
    ]),
  );
  for (const row of selected.matching)
    for (const id of questionnaireIds) {
      const status = row.statuses[id] as ResponseStatus | undefined;
      if (status && counts[id]) counts[id][status] += 1;
    }
  return {
    query: { ...applied, pagina: selected.page },
    rows: selected.rows.map((row) => byCode.get(row.code) as MunicipalityStatus),
    total: selected.matching.length,
    pageCount: selected.pageCount,
    pageSize: TABLE_PAGE_SIZE,
    counts,
    provinces,
  };
}
