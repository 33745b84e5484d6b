/**
 * Where a page is: its breadcrumb trail and, from the same trail, its document title.
 *
 * The routes are flat (routes.ts), so every page route exports `handle = pageHandle(trail)`
 * with its whole trail, built from its loader data, and `meta` from the same trail. The root
 * layout shows the trail of the deepest match (app/components/breadcrumbs.tsx).
 */
import type { Params } from 'react-router';

export const APP_NAME = 'Basisfunctiemonitor';

export interface Crumb {
  readonly label: string;
  readonly to: string;
  /** False for a crumb that only lists (Metingen) and would make the title long. */
  readonly inTitle?: boolean;
}

export type Trail = readonly Crumb[];

export interface PageHandle {
  readonly breadcrumbs: (match: { loaderData: unknown; params: Params }) => Trail;
}

export const HOME: Crumb = { label: 'Home', to: '/' };
/** The user's own comparison groups (app/routes/peer-sets.tsx). */
export const PEER_SETS: Crumb = { label: 'Vergelijkingsgroepen', to: '/vergelijkingsgroepen' };
/** The instrument versions (app/routes/instruments.tsx). */
/** Advice talks (issue 12, helper A). */
export const TALKS: Crumb = { label: 'Adviesgesprekken', to: '/gesprekken' };

export const INSTRUMENTS: Crumb = { label: 'Instrumenten', to: '/instrumenten' };
/** The public pages of published rounds (app/routes/public-rounds.tsx). */
export const PUBLIC_TRAIL: Trail = [HOME, { label: 'Openbare resultaten', to: '/openbaar' }];
const ROUNDS: Crumb = { label: 'Metingen', to: '/metingen', inTitle: false };

/** The handle of a page route: its trail from its loader data and parameters. */
export function pageHandle<Data>(trail: (data: Data | undefined, params: Params) => Trail) {
  return {
    breadcrumbs: ({ loaderData, params }) => trail(loaderData as Data | undefined, params),
  } satisfies PageHandle;
}

export function isPageHandle(handle: unknown): handle is PageHandle {
  return (
    typeof handle === 'object' &&
    handle !== null &&
    typeof (handle as { breadcrumbs?: unknown }).breadcrumbs === 'function'
  );
}

/**
 * The document title: the page first, then where it is, then the product, e.g.
 * `Informatie – Vrijwilligerswerk – Amsterdam – Meting 2026 – Basisfunctiemonitor`.
 */
export function documentTitle(trail: Trail): string {
  const current = trail.at(-1);
  if (!current || current === HOME) return APP_NAME;
  const above = trail.slice(1, -1).filter((crumb) => crumb.inTitle !== false);
  return [current, ...above.reverse()]
    .map((crumb) => crumb.label)
    .concat(APP_NAME)
    .join(' – ');
}

/** The meta of a page: its title from its trail. */
export function pageMeta(trail: Trail) {
  return [{ title: documentTitle(trail) }];
}

export function roundsTrail(): Trail {
  return [HOME, { ...ROUNDS, inTitle: true }];
}

export function roundTrail(params: Params, roundName: string | undefined): Trail {
  return [
    HOME,
    ROUNDS,
    { label: roundName ?? 'Meting', to: `/metingen/${encodeURIComponent(params.roundId ?? '')}` },
  ];
}

export function municipalityPath(params: Params): string {
  return `/metingen/${encodeURIComponent(params.roundId ?? '')}/gemeenten/${encodeURIComponent(params.code ?? '')}`;
}

export function municipalityTrail(
  params: Params,
  names: { roundName: string | undefined; municipality: string | undefined },
): Trail {
  return [
    ...roundTrail(params, names.roundName),
    { label: names.municipality ?? 'Gemeente', to: municipalityPath(params) },
  ];
}

/** `vrijwilligerswerk` → `Vrijwilligerswerk`: the short name of a questionnaire. */
export function questionnaireLabel(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}

/** A questionnaire has no page of its own: its crumb leads to its part of the municipality page. */
export function questionnaireTrail(
  params: Params,
  names: { roundName: string | undefined; municipality: string | undefined },
): Trail {
  const id = params.questionnaire ?? '';
  return [
    ...municipalityTrail(params, names),
    { label: questionnaireLabel(id), to: `${municipalityPath(params)}#vl-${id}` },
  ];
}

/** A page of the analysis dashboard: the round's trail, 'Analyse' and the page. */
export function analysisTrail(
  params: Params,
  roundName: string | undefined,
  page: { readonly label: string; readonly path: string } | null,
): Trail {
  const base = `/metingen/${encodeURIComponent(params.roundId ?? '')}/analyse`;
  return [
    ...roundTrail(params, roundName),
    { label: 'Analyse', to: base },
    ...(page ? [{ label: page.label, to: `${base}/${page.path}` }] : []),
  ];
}
