/**
 * The response map (figure 2 of the 2009 report): the 2009 municipalities coloured by their
 * response category, rendered on the server by ECharts as SVG. Pages always show the same
 * numbers as a table next to it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as echarts from 'echarts';
import type { Executor } from '../db/client.ts';
import type { StaffUser } from './auth-service.ts';
import type { ResponseCategory } from './participation-service.ts';
import { assertCan } from './permissions.ts';
import { loadRoundOverview } from './round-overview-service.ts';

/** Colours per category; distinguishable in lightness as well as hue. */
export const CATEGORY_COLOURS: Record<ResponseCategory, string> = {
  submitted: '#1b5e20',
  'in-progress': '#66bb6a',
  'not-started': '#e0e0e0',
  later: '#f9a825',
  declined: '#6a1b9a',
};

const GEOMETRY = fileURLToPath(
  new URL('../../data/municipalities/municipalities_2009.geojson', import.meta.url),
);
let registered = false;

function registerGeometry(): void {
  if (registered) return;
  echarts.registerMap('gemeenten-2009', JSON.parse(readFileSync(GEOMETRY, 'utf8')));
  registered = true;
}

/**
 * Renders the map of the Netherlands with each municipality (by CBS code) in the colour of
 * its category; municipalities not listed stay grey-white.
 */
export function renderResponseMap(
  rows: readonly { code: string; category: ResponseCategory }[],
  size = { width: 480, height: 560 },
): string {
  registerGeometry();
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: size.width,
    height: size.height,
  });
  try {
    chart.setOption({
      animation: false,
      series: [
        {
          type: 'map',
          map: 'gemeenten-2009',
          nameProperty: 'gm_code',
          left: 4,
          right: 4,
          top: 4,
          bottom: 4,
          label: { show: false },
          emphasis: { disabled: true },
          select: { disabled: true },
          itemStyle: { areaColor: '#fafafa', borderColor: '#ffffff', borderWidth: 0.4 },
          data: rows.map((row) => ({
            name: `GM${row.code}`,
            value: 1,
            itemStyle: { areaColor: CATEGORY_COLOURS[row.category] },
          })),
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
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
  );
}
