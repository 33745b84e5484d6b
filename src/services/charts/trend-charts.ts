/**
 * The trend charts (issue 11), drawn on the server as SVG like the other analysis charts:
 * the share 'goed voor elkaar' per basisfunctie in two rounds (paired bars), and one
 * basisfunctie's mark over the rounds (a small line chart). Each page shows the data table
 * and a one-sentence summary with the chart.
 */
import {
  BASE_OPTION,
  CHART_FONT_FAMILY,
  GRID_LINE,
  PERCENT_AXIS,
  SMALL_FONT_SIZE,
  TEXT,
  TEXT_MUTED,
  WIDTH,
  textGraphic,
} from './chart-style.ts';
import { drawCached, renderChartSvg } from './echarts-svg.ts';
import { BAND_COLOURS } from './report-charts.ts';
import { fitLabel, formatPercentValue } from './analysis-charts.ts';

export interface TrendBarRow {
  readonly label: string;
  /** Percentage 'goed voor elkaar' in the earlier round; null when withheld or none. */
  readonly from: number | null;
  readonly to: number | null;
}

export interface TrendBarChartInput {
  readonly rows: readonly TrendBarRow[];
  readonly fromLabel: string;
  readonly toLabel: string;
  readonly alt: string;
}

/** Paired horizontal bars: per row the earlier percentage (light) above the later (dark). */
export function renderTrendBarChart(input: TrendBarChartInput): string {
  return drawCached(`renderTrendBarChart:${JSON.stringify(input)}`, () => {
    const rowHeight = 40;
    // The legend stands its two entries one under the other: side by side, the server's
    // estimate of the text width fell short and a long first name ran into the second entry.
    const top = 52;
    const bottom = 28;
    const left = Math.min(
      200,
      Math.max(80, 16 + Math.ceil(Math.max(...input.rows.map((r) => r.label.length), 0) * 6.8)),
    );
    const height = top + Math.max(input.rows.length, 1) * rowHeight + bottom;
    const label = {
      show: true,
      position: 'right' as const,
      color: TEXT,
      fontSize: SMALL_FONT_SIZE,
      fontFamily: CHART_FONT_FAMILY,
      formatter: (params: { value: unknown }) =>
        typeof params.value === 'number' ? formatPercentValue(params.value) : '–',
    };
    return renderChartSvg(
      {
        ...BASE_OPTION,
        legend: {
          top: 4,
          left,
          orient: 'vertical',
          itemGap: 6,
          itemWidth: 14,
          itemHeight: 10,
          textStyle: { color: TEXT, fontSize: SMALL_FONT_SIZE, fontFamily: CHART_FONT_FAMILY },
          data: [input.fromLabel, input.toLabel],
        },
        grid: { left, right: 60, top, bottom, outerBoundsMode: 'none' },
        xAxis: PERCENT_AXIS,
        yAxis: {
          type: 'category',
          inverse: true,
          data: input.rows.map((row) => fitLabel(row.label, left - 12)),
          axisTick: { show: false },
          axisLine: { lineStyle: { color: TEXT_MUTED } },
          axisLabel: { color: TEXT, fontSize: SMALL_FONT_SIZE, lineHeight: 13 },
        },
        graphic: input.rows.length === 0 ? [textGraphic(left + 6, top + 15, 'Geen gegevens')] : [],
        series: [
          {
            name: input.fromLabel,
            type: 'bar',
            silent: true,
            barWidth: 11,
            barGap: '20%',
            itemStyle: { color: BAND_COLOURS.aandacht },
            label,
            data: input.rows.map((row) => row.from),
          },
          {
            name: input.toLabel,
            type: 'bar',
            silent: true,
            barWidth: 11,
            itemStyle: { color: BAND_COLOURS.goed },
            label,
            data: input.rows.map((row) => row.to),
          },
        ],
      },
      { width: WIDTH, height, alt: input.alt },
    );
  });
}

export interface TrendLineChartInput {
  /** One point per round, oldest first. */
  readonly points: readonly { readonly label: string; readonly mark: number | null }[];
  /** The lower bounds of the bands above the first (5 and 6), drawn as dashed lines. */
  readonly thresholds: readonly number[];
  readonly alt: string;
}

/** A small line chart of a mark (0–10) over the rounds; a round without a mark is a gap. */
export function renderTrendLineChart(input: TrendLineChartInput): string {
  return drawCached(`renderTrendLineChart:${JSON.stringify(input)}`, () =>
    renderChartSvg(
      {
        ...BASE_OPTION,
        grid: { left: 36, right: 24, top: 16, bottom: 40, outerBoundsMode: 'none' },
        xAxis: {
          type: 'category',
          data: input.points.map((p) => fitLabel(p.label, 120)),
          axisTick: { show: false },
          axisLine: { lineStyle: { color: TEXT_MUTED } },
          axisLabel: { color: TEXT, fontSize: SMALL_FONT_SIZE, interval: 0 },
        },
        yAxis: {
          type: 'value',
          min: 0,
          max: 10,
          interval: 2,
          axisLabel: { color: TEXT_MUTED, fontSize: SMALL_FONT_SIZE },
          splitLine: { lineStyle: { color: GRID_LINE } },
        },
        series: [
          {
            type: 'line',
            silent: true,
            connectNulls: false,
            symbol: 'circle',
            symbolSize: 8,
            lineStyle: { color: BAND_COLOURS.goed, width: 2 },
            itemStyle: { color: BAND_COLOURS.goed },
            label: {
              show: true,
              position: 'top',
              color: TEXT,
              fontSize: SMALL_FONT_SIZE,
              formatter: (params: { value: unknown }) =>
                typeof params.value === 'number' ? params.value.toFixed(1).replace('.', ',') : '',
            },
            markLine: {
              silent: true,
              symbol: 'none',
              label: { show: false },
              lineStyle: { color: TEXT_MUTED, type: 'dashed', width: 1 },
              data: input.thresholds.map((y) => ({ yAxis: y })),
            },
            data: input.points.map((p) => (p.mark === null ? null : Math.round(p.mark * 10) / 10)),
          },
        ],
      },
      { width: 320, height: 180, alt: input.alt },
    ),
  );
}
