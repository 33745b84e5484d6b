/**
 * The dashboard's filter: a subset of the register's municipalities by size class, group and
 * province (one value each, combined with AND). The analysis of a filtered round is the
 * analysis of those municipalities only, computed the same way as the national one.
 */
import {
  classifyGroup,
  classifySize,
  GROUPS,
  SIZE_CLASSES,
  type Municipality,
} from './register.ts';

export interface AnalysisFilter {
  /** A size class id of `SIZE_CLASSES`, or null for every size. */
  readonly sizeClass: string | null;
  /** A group id of `GROUPS` (G4, G27, overig), or null for every group. */
  readonly group: string | null;
  /** A province code such as `PV27`, or null for every province. */
  readonly province: string | null;
}

export const EMPTY_FILTER: AnalysisFilter = { sizeClass: null, group: null, province: null };

/** The query parameters of the dashboard pages, in Dutch as the addresses are. */
export const FILTER_PARAMS = {
  sizeClass: 'grootte',
  group: 'groep',
  province: 'provincie',
} as const;

/**
 * Whether the filter selects anything less than the whole register.
 *
 * @example isFilterEmpty(EMPTY_FILTER) // true
 */
export function isFilterEmpty(filter: AnalysisFilter): boolean {
  return filter.sizeClass === null && filter.group === null && filter.province === null;
}

/**
 * The municipalities that pass the filter, in register order.
 *
 * @example applyFilter(register, { sizeClass: null, group: 'G4', province: null }).length // 4
 */
export function applyFilter<T extends Municipality>(
  municipalities: readonly T[],
  filter: AnalysisFilter,
): T[] {
  return municipalities.filter(
    (m) =>
      (filter.sizeClass === null || classifySize(m.population) === filter.sizeClass) &&
      (filter.group === null || classifyGroup(m) === filter.group) &&
      (filter.province === null || m.provinceCode === filter.province),
  );
}

export interface FilterProblem {
  readonly param: string;
  readonly message: string;
}

/**
 * Reads the filter from query parameters. An empty value means 'all'. Unknown values are
 * reported in Dutch (with the valid choices) rather than silently ignored, so a mistyped
 * address does not show national figures under a filtered heading.
 *
 * @param provinces the province codes of the round's register, with their names
 * @example parseFilterParams(new URLSearchParams('groep=G4'), []) // { filter: { …, group: 'G4' }, problems: [] }
 */
export function parseFilterParams(
  params: URLSearchParams,
  provinces: readonly { readonly code: string; readonly name: string }[],
): { filter: AnalysisFilter; problems: FilterProblem[] } {
  const problems: FilterProblem[] = [];
  const read = (param: string, valid: readonly string[], what: string): string | null => {
    const value = params.get(param)?.trim() ?? '';
    if (value === '') return null;
    if (valid.includes(value)) return value;
    problems.push({
      param,
      message: `Onbekende ${what} '${value}'. Kies uit: ${valid.join(', ')}.`,
    });
    return null;
  };
  const filter: AnalysisFilter = {
    sizeClass: read(
      FILTER_PARAMS.sizeClass,
      SIZE_CLASSES.map((c) => c.id),
      'grootteklasse',
    ),
    group: read(
      FILTER_PARAMS.group,
      GROUPS.map((g) => g.id),
      'groep',
    ),
    province: read(
      FILTER_PARAMS.province,
      provinces.map((p) => p.code),
      'provincie',
    ),
  };
  return { filter, problems };
}

/**
 * The filter as query parameters (only the parts that are set), for links between pages.
 *
 * @example writeFilterParams({ sizeClass: null, group: 'G4', province: null }).toString() // 'groep=G4'
 */
export function writeFilterParams(filter: AnalysisFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.sizeClass !== null) params.set(FILTER_PARAMS.sizeClass, filter.sizeClass);
  if (filter.group !== null) params.set(FILTER_PARAMS.group, filter.group);
  if (filter.province !== null) params.set(FILTER_PARAMS.province, filter.province);
  return params;
}

/**
 * The filter in Dutch words, for headings and file notes; null when nothing is filtered.
 *
 * @example describeFilter({ sizeClass: 'lt-20000', group: null, province: 'PV27' }, provinces)
 *   // 'gemeenten met < 20.000 inwoners in Noord-Holland'
 */
export function describeFilter(
  filter: AnalysisFilter,
  provinces: readonly { readonly code: string; readonly name: string }[],
): string | null {
  if (isFilterEmpty(filter)) return null;
  const parts: string[] = [];
  const group = GROUPS.find((g) => g.id === filter.group);
  parts.push(
    group
      ? group.id === 'overig'
        ? 'overige gemeenten (niet G4 of G27)'
        : `${group.label}-gemeenten`
      : 'gemeenten',
  );
  const size = SIZE_CLASSES.find((c) => c.id === filter.sizeClass);
  if (size) parts.push(size.id === 'onbekend' ? 'van onbekende grootte' : `met ${size.label}`);
  const province = provinces.find((p) => p.code === filter.province);
  if (province) parts.push(`in ${province.name}`);
  else if (filter.province) parts.push(`in ${filter.province}`);
  return parts.join(' ');
}
