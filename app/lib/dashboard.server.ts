/**
 * What every page of the analysis dashboard loads: the session, the analysis as the user may
 * see it with the filter of the address, and the layout's data (heading, sub-navigation,
 * filter form, protection note). See app/components/analysis-layout.tsx.
 */
import type { AppLoadContext, Params } from 'react-router';
import { handleErrors } from './http.server';
import { requireSession } from './session.server';
import {
  can,
  GROUPS,
  loadDashboard,
  mayExportAnswers,
  SIZE_CLASSES,
  type Dashboard,
} from './services.server';
import type { StaffUser } from '../../src/services/auth-service.ts';
import type { AnalysisLayoutData } from '../components/analysis-layout';

export interface DashboardPage {
  readonly user: StaffUser;
  readonly dashboard: Dashboard;
  readonly layout: AnalysisLayoutData;
  /** `/metingen/:roundId/analyse`. */
  readonly base: string;
}

/** The dashboard's first address segment after /analyse for each page ('' for Respons). */
export type DashboardPageId =
  '' | 'basisfuncties' | 'items' | 'meerkeuze' | 'samenvatting' | 'kaarten' | 'rapport';

/**
 * Loads the dashboard for a page. `keep` are the page's own query parameters (a chosen
 * questionnaire or basisfunctie), kept as hidden fields when the filter form is sent.
 */
export async function loadDashboardPage(
  request: Request,
  context: AppLoadContext,
  params: Params,
  page: DashboardPageId,
  keep: Readonly<Record<string, string>> = {},
): Promise<DashboardPage> {
  const session = await requireSession(request, context);
  const url = new URL(request.url);
  const roundId = params.roundId ?? '';
  const dashboard = await handleErrors(() =>
    loadDashboard(context.db, session.user, roundId, url.searchParams),
  );
  const { view } = dashboard;
  const base = `/metingen/${encodeURIComponent(roundId)}/analyse`;
  const path = page === '' ? base : `${base}/${page}`;
  const ownQuery = new URLSearchParams(keep).toString();
  return {
    user: session.user,
    dashboard,
    base,
    layout: {
      round: {
        id: roundId,
        name: view.roundName,
        synthetic: view.synthetic,
        statusOpen: view.roundStatus !== 'closed',
      },
      base,
      current: page,
      query: dashboard.query,
      filter: {
        filterable: view.filterable,
        ignored: view.filterIgnored,
        text: dashboard.filterText,
        problems: dashboard.filterProblems.map((problem) => problem.message),
        action: path,
        clearHref: `${path}${ownQuery ? `?${ownQuery}` : ''}`,
        hidden: keep,
        values: {
          grootte: view.filter.sizeClass ?? '',
          groep: view.filter.group ?? '',
          provincie: view.filter.province ?? '',
        },
        options: {
          grootte: SIZE_CLASSES.map((c) => ({ value: c.id, label: c.label })),
          groep: GROUPS.map((g) => ({ value: g.id, label: g.label })),
          provincie: view.provinces.map((p) => ({ value: p.code, label: p.name })),
        },
      },
      protection: view.protection,
      suppressedCount: view.suppressedCount,
      downloads: can(session.user, 'analysis.exportTables')
        ? { workbookHref: `${base}/tabellen.xlsx${dashboard.query}` }
        : null,
      hiddenPages: mayExportAnswers(session.user) ? [] : ['export'],
    },
  };
}

/** The links to download one table: CSV and Excel, with the filter of the page. */
export function tableDownloads(
  page: Pick<DashboardPage, 'base' | 'dashboard' | 'user'>,
  tableId: string,
): { readonly csv: string; readonly xlsx: string } | null {
  if (!can(page.user, 'analysis.exportTables')) return null;
  const file = `${page.base}/tabellen/${encodeURIComponent(tableId)}`;
  return { csv: `${file}.csv${page.dashboard.query}`, xlsx: `${file}.xlsx${page.dashboard.query}` };
}

/**
 * The page with its own query parameters (a chosen basisfunctie) kept in the filter form as
 * hidden fields and in 'Filter wissen', once the loader knows which are valid.
 */
export function keepParams(
  page: DashboardPage,
  keep: Readonly<Record<string, string>>,
): DashboardPage {
  const own = new URLSearchParams(keep).toString();
  return {
    ...page,
    layout: {
      ...page.layout,
      filter: {
        ...page.layout.filter,
        hidden: keep,
        clearHref: `${page.layout.filter.action}${own ? `?${own}` : ''}`,
      },
    },
  };
}
