/**
 * What the report's charts and the analysis charts share: the theme's font stack, text and grid
 * colours, sizes, the 0–100% axis, the base option and the text element of ECharts' `graphic`
 * component. One place, so the two families of charts look alike.
 */
import type { EChartsOption } from 'echarts';

/** The theme's font stack (`font-family.sans` in app/theme/tokens.json). */
export const CHART_FONT_FAMILY =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', Arial, sans-serif";

export const TEXT = '#1a2427';
export const TEXT_MUTED = '#4a595c';
export const GRID_LINE = '#c8d3d4';
export const WIDTH = 480;
export const FONT_SIZE = 13;
export const SMALL_FONT_SIZE = 12;

/** The 0–100% value axis of the bar charts, with a grid line every 25%. */
export const PERCENT_AXIS = {
  type: 'value',
  min: 0,
  max: 100,
  interval: 25,
  axisLabel: {
    formatter: (value: number) => `${value}%`,
    color: TEXT_MUTED,
    fontSize: SMALL_FONT_SIZE,
    fontFamily: CHART_FONT_FAMILY,
  },
  splitLine: { lineStyle: { color: GRID_LINE } },
} as const;

export const BASE_OPTION = {
  textStyle: { fontFamily: CHART_FONT_FAMILY, fontSize: FONT_SIZE, color: TEXT },
  tooltip: { show: false },
} satisfies EChartsOption;

/** A text element of ECharts' `graphic` component, in chart coordinates. */
export function textGraphic(
  x: number,
  y: number,
  text: string,
  style: { fontSize?: number; fontWeight?: 'bold'; fill?: string; align?: 'left' | 'right' } = {},
) {
  return {
    type: 'text' as const,
    x,
    y,
    silent: true,
    style: {
      text,
      fill: style.fill ?? TEXT,
      fontFamily: CHART_FONT_FAMILY,
      fontSize: style.fontSize ?? FONT_SIZE,
      fontWeight: style.fontWeight ?? 'normal',
      align: style.align ?? 'left',
      verticalAlign: 'middle' as const,
    },
  };
}
