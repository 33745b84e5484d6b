/**
 * The response map (figure 2 of the 2009 report): the municipalities of the round's register
 * coloured by their response category, rendered on the server by ECharts as SVG. Pages always show the same
 * numbers as a table next to it.
 */
import { readFileSync } from 'node:fs';
import * as echarts from 'echarts';
import { findBoundaryRegister, locateBoundaryFile, type BoundaryRegister } from './geography.ts';
import { escapeXml } from './charts/echarts-svg.ts';
import type { Executor } from '../db/client.ts';
import type { StaffUser } from './auth-service.ts';
import { CATEGORY_LABELS, type ResponseCategory } from './participation-service.ts';
import { assertCan } from './permissions.ts';
import { loadRoundOverview, type RoundOverview } from './round-overview-service.ts';

/**
 * Colours per category; distinguishable in lightness as well as hue, so also in grey and for
 * colour-blind readers (CIE L*: declined 30, submitted 35, invited 58 in blue, in progress 69,
 * later 75, not started 89, not invited 98). Municipalities the user does not see are drawn
 * like 'not invited', without a link.
 */
export const CATEGORY_COLOURS: Record<ResponseCategory, string> = {
  submitted: '#1b5e20',
  'in-progress': '#66bb6a',
  'not-started': '#e0e0e0',
  invited: '#4292c6',
  later: '#f9a825',
  declined: '#6a1b9a',
  'not-invited': '#fafafa',
};

/** One municipality on the map. */
export interface MapRow {
  readonly code: string;
  readonly category: ResponseCategory;
  /** Shown as the tooltip of its area when the map has links. */
  readonly title?: string;
}

export interface MapOptions {
  readonly width?: number;
  readonly height?: number;
  /**
   * The address each municipality's area links to. The links are for the mouse: they leave
   * the tab order (the table beside the map reaches the same pages) and the map is hidden
   * from assistive technology by the page that shows it.
   */
  readonly href?: (code: string) => string;
  /** The register whose boundaries are drawn: the round's (default 2009). */
  readonly registerId?: string;
}

const registered = new Set<BoundaryRegister>();
const geometries = new Map<BoundaryRegister, MunicipalityGeometry>();

/** A register's boundaries as GeoJSON (read once; reference data that does not change). */
export interface MunicipalityGeometry {
  readonly type: 'FeatureCollection';
  readonly features: readonly {
    readonly type: 'Feature';
    readonly properties: { readonly gm_code: string; readonly code: string };
  }[];
}

export function readMunicipalityGeometry(registerId = '2009'): MunicipalityGeometry {
  const boundaryRegister = findBoundaryRegister(registerId);
  let geometry = geometries.get(boundaryRegister);
  if (!geometry) {
    geometry = JSON.parse(
      readFileSync(locateBoundaryFile(boundaryRegister, 'geojson'), 'utf8'),
    ) as MunicipalityGeometry;
    geometries.set(boundaryRegister, geometry);
  }
  return geometry;
}

/** Registers a register's boundaries with ECharts once; returns the map's name. */
function registerGeometry(registerId: string): string {
  const boundaryRegister = findBoundaryRegister(registerId);
  const name = `gemeenten-${boundaryRegister}`;
  if (!registered.has(boundaryRegister)) {
    echarts.registerMap(name, readMunicipalityGeometry(boundaryRegister) as never);
    registered.add(boundaryRegister);
  }
  return name;
}

// Drawing 441 areas takes ECharts some 25 ms; the same map (same rows, same links) is asked
// for on every visit of a round page until a status changes. A small cache of finished SVG,
// keyed by everything that goes into it, saves that. It holds derived output only, so each
// app instance may keep its own.
const MAP_CACHE_SIZE = 20;
const mapCache = new Map<string, string>();

/**
 * Renders the map of the Netherlands with each municipality (by CBS code) in the colour of
 * its category; municipalities not listed stay grey-white.
 */
export function renderResponseMap(rows: readonly MapRow[], options: MapOptions = {}): string {
  const key = JSON.stringify([
    findBoundaryRegister(options.registerId ?? '2009'),
    options.width,
    options.height,
    options.href?.('{code}'),
    rows.map((row) => [row.code, row.category, row.title]),
  ]);
  const cached = mapCache.get(key);
  if (cached !== undefined) {
    // Most recently used last, so the oldest is the first to go.
    mapCache.delete(key);
    mapCache.set(key, cached);
    return cached;
  }
  const svg = drawResponseMap(rows, options);
  mapCache.set(key, svg);
  if (mapCache.size > MAP_CACHE_SIZE) mapCache.delete(mapCache.keys().next().value as string);
  return svg;
}

function drawResponseMap(rows: readonly MapRow[], options: MapOptions): string {
  const map = registerGeometry(options.registerId ?? '2009');
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: options.width ?? 480,
    height: options.height ?? 560,
  });
  try {
    chart.setOption({
      animation: false,
      series: [
        {
          type: 'map',
          map,
          nameProperty: 'gm_code',
          left: 4,
          right: 4,
          top: 4,
          bottom: 4,
          label: { show: false },
          emphasis: { disabled: true },
          select: { disabled: true },
          itemStyle: {
            areaColor: CATEGORY_COLOURS['not-invited'],
            borderColor: '#9e9e9e',
            borderWidth: 0.3,
          },
          data: rows.map((row) => ({
            name: `GM${row.code}`,
            value: 1,
            itemStyle: { areaColor: CATEGORY_COLOURS[row.category] },
          })),
        },
      ],
    });
    return finishSvg(chart.renderToSVGString(), rows, options.href);
  } finally {
    chart.dispose();
  }
}

/**
 * Makes ECharts' SVG fit for a page with a strict Content-Security-Policy and, with `href`,
 * wraps each municipality's area in a link with a tooltip. ECharts marks every area with the
 * index of its data item (`ecmeta_data_index`, its server-side rendering metadata): the data
 * are the rows in order, so index i is rows[i]; areas without a row (municipalities the user
 * does not see) get no link.
 */
export function finishSvg(
  svg: string,
  rows: readonly Pick<MapRow, 'code' | 'title'>[],
  href: ((code: string) => string) | undefined,
): string {
  // The hover rule is an inline style sheet, which the Content-Security-Policy refuses;
  // app.css styles the links instead.
  let result = svg.replace(/<style[\s\S]*?<\/style>/g, '').replace(/ class="zr\d+-cls-\d+"/g, '');
  if (href) {
    result = result.replace(
      /<path ([^>]*?)ecmeta_data_index="(\d+)"([^>]*)><\/path>/g,
      (path, before: string, index: string, after: string) => {
        const row = rows[Number(index)];
        if (!row) return path;
        const title = row.title ? `<title>${escapeXml(row.title)}</title>` : '';
        return `<a href="${escapeXml(href(row.code))}" tabindex="-1"><path ${before}${after}>${title}</path></a>`;
      },
    );
  }
  return result.replace(/ ecmeta_[a-z_]+="[^"]*"/g, '');
}

/**
 * The response map of a round as SVG, for the municipalities the user may see by name.
 *
 * @throws {NotFoundError} for an unknown round
 * @throws {ForbiddenError} for roles that do not see the map (municipalities, analysts)
 */
export async function loadResponseMap(
  executor: Executor,
  user: StaffUser,
  roundId: string,
): Promise<string> {
  assertCan(user, 'round.viewMap');
  const overview = await loadRoundOverview(executor, user, roundId);
  return renderResponseMap(
    overview.rows.map((row) => ({ code: row.municipality.code, category: row.category })),
    { registerId: overview.loaded.round.registerId },
  );
}

/**
 * The response map for the round's page: every municipality the user sees in the colour of
 * its category, its area a link to `href(code)` with its name and category as tooltip.
 *
 * @throws {ForbiddenError} for roles that do not see the map (municipalities, analysts)
 */
export function drawOverviewMap(
  user: StaffUser,
  overview: RoundOverview,
  href: (code: string) => string,
): string {
  assertCan(user, 'round.viewMap');
  return renderResponseMap(
    overview.rows.map((row) => ({
      code: row.municipality.code,
      category: row.category,
      title: `${row.municipality.name}: ${CATEGORY_LABELS[row.category]}`,
    })),
    { href, registerId: overview.loaded.round.registerId },
  );
}
