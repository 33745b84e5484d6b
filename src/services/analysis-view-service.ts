/**
 * The national analysis as a viewer may see it (decision 015): the one source of figures for
 * the dashboard, the table downloads, the printable national report, the public view and the
 * JSON API.
 *
 * - The coordinator, advisors and analysts see every figure and may filter.
 * - Municipality accounts and the public see the national figures and the three breakdowns
 *   with small cells withheld (`protectAnalysis`), and may not filter: a filter makes new
 *   small groups, and two filtered views can be subtracted from each other.
 */
import { EMPTY_FILTER, isFilterEmpty, type AnalysisFilter } from '../domain/analysis-filter.ts';
import {
  exposeAnalysis,
  protectAnalysis,
  type ProtectedAnalysis,
} from '../domain/disclosure-control.ts';
import type { Executor } from '../db/client.ts';
import { analyseLoadedRound, type NationalAnalysis } from './analysis-service.ts';
import type { StaffUser } from './auth-service.ts';
import { assertCan, can } from './permissions.ts';
import { loadRound } from './round-service.ts';
import { listProvinces } from '../domain/register.ts';

export type AnalysisViewer =
  { readonly kind: 'user'; readonly user: StaffUser } | { readonly kind: 'public' };

export type Protection = 'none' | 'small-cells';

export interface AnalysisView extends ProtectedAnalysis {
  readonly roundName: string;
  readonly synthetic: boolean;
  readonly register: NationalAnalysis['register'];
  readonly roundStatus: 'concept' | 'open' | 'closed';
  /** The filter applied: always empty when `filterable` is false. */
  readonly filter: AnalysisFilter;
  /** Whether this viewer may filter (and so whether a requested filter was applied). */
  readonly filterable: boolean;
  /** True when a filter was asked for but this viewer may not filter, so it was ignored. */
  readonly filterIgnored: boolean;
  readonly protection: Protection;
  /** Which municipalities the viewer may see by name in the analysis. */
  readonly namedScope: 'all' | 'province' | 'none';
  /** The provinces of an advisor (for `namedScope: 'province'`); empty otherwise. */
  readonly namedProvinces: readonly string[];
  /** The provinces of the round's register, for filter forms and maps. */
  readonly provinces: readonly { readonly code: string; readonly name: string }[];
}

/** How the analysis is shown to a viewer: the rules of decision 015 in one place. */
export function describeViewerRights(viewer: AnalysisViewer): {
  protection: Protection;
  filterable: boolean;
  namedScope: AnalysisView['namedScope'];
  namedProvinces: readonly string[];
} {
  if (viewer.kind === 'public') {
    return { protection: 'small-cells', filterable: false, namedScope: 'none', namedProvinces: [] };
  }
  const { user } = viewer;
  const small = user.role === 'municipality';
  const namedScope = can(user, 'analysis.namedMunicipalities')
    ? 'all'
    : user.role === 'advisor'
      ? 'province'
      : 'none';
  return {
    protection: small ? 'small-cells' : 'none',
    filterable: !small,
    namedScope,
    namedProvinces: namedScope === 'province' ? user.provinces : [],
  };
}

/**
 * The analysis of a round as the viewer may see it.
 *
 * @throws {ForbiddenError} when a user's role may not read the analysis
 * @throws {NotFoundError} when the round does not exist
 */
export async function loadAnalysisView(
  executor: Executor,
  viewer: AnalysisViewer,
  roundId: string,
  requested: AnalysisFilter = EMPTY_FILTER,
): Promise<AnalysisView> {
  if (viewer.kind === 'user') assertCan(viewer.user, 'analysis.read');
  const rights = describeViewerRights(viewer);
  const filter = rights.filterable ? requested : EMPTY_FILTER;
  const loaded = await loadRound(executor, roundId);
  const analysis = await analyseLoadedRound(executor, loaded, filter);
  const { roundName, synthetic, register, ...figures } = analysis;
  const shown =
    rights.protection === 'small-cells' ? protectAnalysis(figures) : exposeAnalysis(figures);
  const provinces = listProvinces(loaded.municipalities);
  return {
    ...shown,
    roundName,
    synthetic,
    register,
    roundStatus: loaded.round.status,
    filter,
    filterable: rights.filterable,
    filterIgnored: !rights.filterable && !isFilterEmpty(requested),
    protection: rights.protection,
    namedScope: rights.namedScope,
    namedProvinces: rights.namedProvinces,
    provinces,
  };
}
