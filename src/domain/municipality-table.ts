/**
 * The table of municipalities on a round's page, at the scale of a national round: search,
 * filters, sorting and paging over rows already in memory (441 municipalities at most, so a
 * round's rows are loaded once and selected here, with no I/O).
 */

/** One municipality as the table knows it. */
export interface TableRow {
  /** CBS code without prefix, e.g. `0363`. */
  readonly code: string;
  readonly name: string;
  readonly provinceCode: string;
  /** The response category (see src/services/participation-service.ts). */
  readonly category: string;
  /** Per questionnaire id: 'not-started', 'in-progress' or 'submitted'. */
  readonly statuses: Readonly<Record<string, string>>;
  /** ISO time of the latest change to its answers or statuses, or null when there was none. */
  readonly lastChange: string | null;
}

export const SORT_KEYS = ['code', 'name', 'status', 'changed'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

export interface TableSelection {
  /** Part of a name or a code; case, accents and punctuation do not matter. Empty: all. */
  readonly search: string;
  readonly category: string | null;
  readonly provinceCode: string | null;
  /** Only municipalities whose questionnaire `id` has this status. */
  readonly questionnaire: { readonly id: string; readonly status: string } | null;
  readonly sort: SortKey;
  readonly direction: SortDirection;
  /** 1-based; beyond the last page means the last page. */
  readonly page: number;
  readonly pageSize: number;
}

export interface SelectedRows<T extends TableRow> {
  /** The rows of the page. */
  readonly rows: readonly T[];
  /** Every row that matches the filters, in order (for counts over the selection). */
  readonly matching: readonly T[];
  /** The page shown, after clamping to the pages there are. */
  readonly page: number;
  /** At least 1, also when nothing matches. */
  readonly pageCount: number;
}

/**
 * Text as the search compares it: lower case, without accents, with every run of
 * punctuation or spaces as one space.
 *
 * @example
 * foldForSearch('Súdwest-Fryslân'); // 'sudwest fryslan'
 * foldForSearch("'s-Gravenhage");   // 's gravenhage'
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A CBS code in a search ('363', '0363', 'GM0363'), or null when the text is no code. */
function codeInSearch(search: string): string | null {
  const match = /^(?:gm)?\s*(\d{1,4})$/i.exec(search.trim());
  return match ? (match[1] as string).padStart(4, '0') : null;
}

/** Whether a row matches the search: part of its name, or its code. */
export function matchesSearch(row: Pick<TableRow, 'code' | 'name'>, search: string): boolean {
  const folded = foldForSearch(search);
  if (folded === '') return true;
  const code = codeInSearch(search);
  if (code !== null) return row.code === code;
  return foldForSearch(row.name).includes(folded);
}

const byName = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });

/**
 * Compares two rows by the sort key, ascending; ties fall back to the CBS code so the order
 * is always the same. Rows without a change count as the oldest.
 */
function compareRows(a: TableRow, b: TableRow, sort: SortKey, statusOrder: readonly string[]) {
  let result = 0;
  switch (sort) {
    case 'name':
      result = byName.compare(a.name, b.name);
      break;
    case 'status':
      result = rank(statusOrder, a.category) - rank(statusOrder, b.category);
      break;
    case 'changed':
      result = (a.lastChange ?? '').localeCompare(b.lastChange ?? '');
      break;
    case 'code':
      result = a.code.localeCompare(b.code);
      break;
  }
  return result;
}

function rank(order: readonly string[], category: string): number {
  const index = order.indexOf(category);
  return index === -1 ? order.length : index;
}

/**
 * Filters, sorts and pages the rows.
 *
 * @param statusOrder the categories in the order 'sort by status' ascending puts them
 * @example
 * selectRows(rows, { search: 'sudwest', category: null, provinceCode: null, questionnaire: null,
 *   sort: 'code', direction: 'asc', page: 1, pageSize: 50 }, CATEGORY_ORDER);
 */
export function selectRows<T extends TableRow>(
  rows: readonly T[],
  selection: TableSelection,
  statusOrder: readonly string[],
): SelectedRows<T> {
  const { questionnaire } = selection;
  const matching = rows
    .filter(
      (row) =>
        matchesSearch(row, selection.search) &&
        (selection.category === null || row.category === selection.category) &&
        (selection.provinceCode === null || row.provinceCode === selection.provinceCode) &&
        (questionnaire === null || row.statuses[questionnaire.id] === questionnaire.status),
    )
    .sort((a, b) => {
      const order = compareRows(a, b, selection.sort, statusOrder);
      const directed = selection.direction === 'desc' ? -order : order;
      return directed !== 0 ? directed : a.code.localeCompare(b.code);
    });
  const { page, pageCount, start, end } = paginate(
    matching.length,
    selection.page,
    selection.pageSize,
  );
  return { rows: matching.slice(start, end), matching, page, pageCount };
}

/**
 * The page to show and its slice: a page beyond the last is the last, one before the first is
 * the first; with nothing to show there is one empty page.
 *
 * @example paginate(441, 9, 50); // { page: 9, pageCount: 9, start: 400, end: 441 }
 */
export function paginate(
  total: number,
  page: number,
  pageSize: number,
): { page: number; pageCount: number; start: number; end: number } {
  const size = Math.max(1, Math.floor(pageSize));
  const pageCount = Math.max(1, Math.ceil(total / size));
  const clamped = Math.min(pageCount, Math.max(1, Math.floor(page) || 1));
  const start = (clamped - 1) * size;
  return { page: clamped, pageCount, start, end: Math.min(total, start + size) };
}

/**
 * The page numbers a pagination shows: the first, the last, and the current one with its
 * neighbours, with 'gap' where numbers are left out.
 *
 * @example listPageNumbers(5, 9); // [1, 'gap', 4, 5, 6, 'gap', 9]
 */
export function listPageNumbers(current: number, pageCount: number): (number | 'gap')[] {
  const shown = new Set([1, pageCount, current - 1, current, current + 1]);
  const numbers = [...shown].filter((n) => n >= 1 && n <= pageCount).sort((a, b) => a - b);
  const result: (number | 'gap')[] = [];
  numbers.forEach((n, index) => {
    const previous = numbers[index - 1];
    // A gap of one number is shown as that number: '1 2 3' reads better than '1 … 3'.
    if (previous !== undefined && n - previous === 2) result.push(n - 1);
    else if (previous !== undefined && n - previous > 2) result.push('gap');
    result.push(n);
  });
  return result;
}

export interface NameMatch<T> {
  /** The municipalities found, in the order the terms were given, without doubles. */
  readonly found: readonly T[];
  /** One message per term that matched no municipality or more than one. */
  readonly problems: readonly string[];
}

/**
 * Finds municipalities by the names or codes the user typed, separated by commas, semicolons
 * or new lines: a code, an exact name (ignoring case, accents and punctuation) or a part of
 * a name that only one municipality has.
 *
 * @example
 * matchMunicipalityNames('amsterdam, sudwest, GM0014', register).found.map((m) => m.code);
 * // ['0363', '1900', '0014']
 */
export function matchMunicipalityNames<T extends Pick<TableRow, 'code' | 'name'>>(
  text: string,
  municipalities: readonly T[],
): NameMatch<T> {
  const found: T[] = [];
  const problems: string[] = [];
  const terms = text
    .split(/[,;\n]/)
    .map((term) => term.trim())
    .filter((term) => foldForSearch(term) !== '');
  for (const term of terms) {
    const code = codeInSearch(term);
    const folded = foldForSearch(term);
    const exact = municipalities.filter((m) =>
      code !== null ? m.code === code : foldForSearch(m.name) === folded,
    );
    const candidates =
      exact.length > 0 || code !== null
        ? exact
        : municipalities.filter((m) => matchesSearch(m, term));
    if (candidates.length === 1) {
      const municipality = candidates[0] as T;
      if (!found.includes(municipality)) found.push(municipality);
    } else if (candidates.length === 0) {
      problems.push(`'${term}' is geen gemeente in het register van deze meting.`);
    } else {
      // Names that start with the term first: 'Bergen' suggests Bergen (L.) before Haaksbergen.
      const starts = (m: T) => foldForSearch(m.name).startsWith(folded);
      const names = [...candidates]
        .sort((a, b) => Number(starts(b)) - Number(starts(a)) || byName.compare(a.name, b.name))
        .slice(0, 5)
        .map((m) => m.name);
      const more = candidates.length > 5 ? ` en ${candidates.length - 5} andere` : '';
      problems.push(
        `'${term}' past bij meer gemeenten (${names.join(', ')}${more}); typ de hele naam.`,
      );
    }
  }
  return { found, problems };
}
