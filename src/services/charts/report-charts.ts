/**
 * The charts of the municipality report, drawn on the server by ECharts as SVG in the style
 * of the 2009 report ('Goed voor elkaar met de basisfuncties'): horizontal bars, stacked to
 * 100%, in three answer colours. Each function is pure and deterministic (the same input
 * gives the same bytes), so a report can be cached and compared. The page shows each chart
 * with a one-sentence summary and a data table; the chart itself is one image with its
 * alternative text (`role="img"`, `aria-label` and `<title>`).
 *
 * Sizes: the drawings are 480 units wide and scale with their container (`width="100%"`).
 * Text is 12–13 units, so about 10 px on a 390 px phone and 12–16 px on an A4 page; the page
 * should cap the width on a wide screen (e.g. `max-inline-size: 36rem`).
 */
import type { EChartsOption } from 'echarts';
import { DEFAULT_SCORING_RULE } from '../../domain/scoring.ts';
import { renderChartSvg } from './echarts-svg.ts';

/**
 * The colours of the three answers and of the bands they stand for, after the 2009 report
 * (lila 'nee', blue 'in ontwikkeling', green 'goed voor elkaar'). Each fill has at least 3:1
 * contrast against white (WCAG 1.4.11) and the three differ in lightness by about 15 CIE L*
 * (goed 29.5, weg 44.8, aandacht 60.3), so they stay apart in grey print and for colour-blind
 * readers; segments are separated by a white line, so each borders white. 'Geen cijfer' is
 * an outlined light grey: its outline (the theme's border colour) carries the contrast.
 */
export const BAND_COLOURS = {
  goed: '#14502a',
  weg: '#2b6cb0',
  aandacht: '#ab80cc',
  geen: '#edf0f0',
} as const;

export type BandKey = keyof typeof BAND_COLOURS;

/** Outline of 'geen cijfer' segments and swatches (theme `color.border`, 4.7:1 on white). */
export const NO_MARK_OUTLINE = '#667679';

/** Text colour on each band's fill, each at least 4.5:1. */
export const BAND_TEXT_COLOURS: Readonly<Record<BandKey, string>> = {
  goed: '#ffffff',
  weg: '#ffffff',
  aandacht: '#1a2427',
  geen: '#1a2427',
};

/** The answers of the 3-point scale in points order (1, 2, 3) with their colours. */
export const ANSWER_COLOURS: readonly [string, string, string] = [
  BAND_COLOURS.aandacht,
  BAND_COLOURS.weg,
  BAND_COLOURS.goed,
];

export const ANSWER_LABELS: readonly [string, string, string] = [
  'Nee',
  'Ja, verbetering mogelijk',
  'Ja, goed voor elkaar',
];

/** The answers in a few words, beside each bar of the item chart. */
const SHORT_ANSWER_LABELS: readonly [string, string, string] = [
  'nee',
  'verbetering mogelijk',
  'goed voor elkaar',
];

export const BAND_LABELS: Readonly<Record<BandKey, string>> = {
  goed: 'goed voor elkaar',
  weg: 'op de goede weg',
  aandacht: 'aandacht nodig',
  geen: 'geen cijfer',
};

/** The municipality's own answer or mark (theme `color.text`). */
export const OWN_MARKER_COLOUR = '#1a2427';

/** The theme's font stack (`font-family.sans` in app/theme/tokens.json). */
export const CHART_FONT_FAMILY =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', Arial, sans-serif";

const TEXT = '#1a2427';
const TEXT_MUTED = '#4a595c';
const GRID_LINE = '#c8d3d4';
const WIDTH = 480;
const FONT_SIZE = 13;
const SMALL_FONT_SIZE = 12;

export interface BandCounts {
  readonly goed: number;
  readonly weg: number;
  readonly aandacht: number;
  readonly geen: number;
}

export interface BandSummaryChartInput {
  readonly rows: readonly { readonly label: string; readonly counts: BandCounts }[];
  readonly alt: string;
}

export interface ItemDistributionChartInput {
  readonly items: readonly {
    readonly label: string;
    /** Percentages of the group answering 1, 2 and 3 points (Nee, verbetering, goed). */
    readonly percentages: readonly [number, number, number];
    /** The municipality's own answer in points, or null when it gave none. */
    readonly own: 1 | 2 | 3 | null;
  }[];
  readonly groupLabel: string;
  readonly alt: string;
}

export interface MarkDistributionChartInput {
  readonly marks: readonly number[];
  readonly own: number | null;
  /** The mark from which a basisfunctie is 'goed voor elkaar' (6). */
  readonly bar: number;
  readonly groupLabel: string;
  readonly alt: string;
}

export interface ComparisonChartInput {
  /** Percentage 'goed voor elkaar' per group; null when the group's figure is not shown. */
  readonly rows: readonly { readonly label: string; readonly percentGoed: number | null }[];
  readonly ownMark: number | null;
  readonly alt: string;
}

const BASE_OPTION = {
  textStyle: { fontFamily: CHART_FONT_FAMILY, fontSize: FONT_SIZE, color: TEXT },
  tooltip: { show: false },
} satisfies EChartsOption;

/** A number the Dutch way with at most one decimal: 2, 2,4. */
function formatCount(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1).replace('.', ',');
}

/** A percentage without decimals: 34%. */
function formatPercent(value: number): string {
  return `${Math.round(value)}%`;
}

/** A mark with one decimal and a decimal comma, as the report prints it: 6,3. */
function formatMark(value: number): string {
  return (Math.round(value * 10) / 10).toFixed(1).replace('.', ',');
}

/** The band a mark falls in, by the default scoring rule's bounds. */
function findBandKey(mark: number): Exclude<BandKey, 'geen'> {
  const [, weg, goed] = DEFAULT_SCORING_RULE.bands;
  if (goed && mark >= goed.from) return 'goed';
  if (weg && mark >= weg.from) return 'weg';
  return 'aandacht';
}

/** A text element of ECharts' `graphic` component, in chart coordinates. */
function textGraphic(
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

/** A share's segment label: shown only where the segment is wide enough to hold it. */
function segmentLabel(text: string, share: number, minShare: number): string {
  return share >= minShare ? text : '';
}

const BAND_ORDER: readonly BandKey[] = ['geen', 'aandacht', 'weg', 'goed'];

/**
 * Per row, the basisfuncties 'goed voor elkaar', 'op de goede weg', 'aandacht nodig' and
 * without a mark, as one bar stacked to 100% with the count in each segment (an average may
 * be fractional: 2,4). Order from left to right as in the 2009 figures: no mark, attention,
 * on the way, goed (so the 'goed' share ends at the right edge). Labels stand above bars.
 */
export function renderBandSummaryChart(input: BandSummaryChartInput): string {
  const rowHeight = 48;
  const top = 8;
  const legendHeight = 56;
  const height = top + Math.max(input.rows.length, 1) * rowHeight + legendHeight;
  const left = 4;
  const right = 12;
  const totals = input.rows.map((row) => BAND_ORDER.reduce((sum, key) => sum + row.counts[key], 0));
  const series = BAND_ORDER.map((key) => ({
    type: 'bar' as const,
    name: BAND_LABELS[key],
    stack: 'banden',
    barWidth: 22,
    silent: true,
    itemStyle: {
      color: BAND_COLOURS[key],
      borderColor: key === 'geen' ? NO_MARK_OUTLINE : '#ffffff',
      borderWidth: 1,
    },
    label: {
      show: true,
      position: 'inside' as const,
      color: BAND_TEXT_COLOURS[key],
      fontSize: SMALL_FONT_SIZE,
      fontFamily: CHART_FONT_FAMILY,
      formatter: (params: { dataIndex: number }) => {
        const row = input.rows[params.dataIndex];
        const total = totals[params.dataIndex] ?? 0;
        if (!row || total <= 0) return '';
        return segmentLabel(formatCount(row.counts[key]), row.counts[key] / total, 0.05);
      },
    },
    data: input.rows.map((row, index) => {
      const total = totals[index] ?? 0;
      return total > 0 ? (row.counts[key] / total) * 100 : 0;
    }),
  }));
  return renderChartSvg(
    {
      ...BASE_OPTION,
      grid: {
        left,
        right,
        top,
        bottom: legendHeight,
        outerBoundsMode: 'none',
      },
      xAxis: { type: 'value', min: 0, max: 100, show: false },
      yAxis: {
        type: 'category',
        inverse: true,
        data: input.rows.map((row) => row.label),
        axisLine: { show: false },
        axisTick: { show: false },
        axisLabel: {
          inside: true,
          align: 'left',
          verticalAlign: 'bottom',
          margin: 0,
          padding: [0, 0, 15, 0],
          color: TEXT,
          fontSize: FONT_SIZE,
          fontFamily: CHART_FONT_FAMILY,
        },
      },
      legend: {
        bottom: 4,
        left: 0,
        right: 0,
        itemWidth: 16,
        itemHeight: 12,
        itemGap: 14,
        selectedMode: false,
        textStyle: { fontSize: SMALL_FONT_SIZE, color: TEXT, fontFamily: CHART_FONT_FAMILY },
        data: BAND_ORDER.map((key) => BAND_LABELS[key]),
      },
      graphic: input.rows.length === 0 ? [textGraphic(left, top + 20, 'Geen gegevens')] : [],
      series,
    },
    { width: WIDTH, height, alt: input.alt },
  );
}

/**
 * Per item, the answers of the group as one bar stacked to 100% (Nee, Ja verbetering
 * mogelijk, Ja goed voor elkaar: the 2009 report's item figures), with the municipality's own
 * answer marked: a dark outline around its segment and, right of the bar, its answer in
 * words, so the marking does not depend on colour.
 */
export function renderItemDistributionChart(input: ItemDistributionChartInput): string {
  const rowHeight = 34;
  const top = 8;
  const legendHeight = 44;
  const labelWidth = 60;
  const ownWidth = 150;
  const height = top + Math.max(input.items.length, 1) * rowHeight + legendHeight;
  const series = ANSWER_LABELS.map((label, answer) => ({
    type: 'bar' as const,
    name: label,
    stack: 'antwoorden',
    barWidth: 18,
    silent: true,
    // The series colour is what the legend shows; each bar only adds the own-answer outline.
    itemStyle: { color: ANSWER_COLOURS[answer] },
    label: {
      show: true,
      position: 'inside' as const,
      color: answer === 0 ? TEXT : '#ffffff',
      fontSize: SMALL_FONT_SIZE - 1,
      fontFamily: CHART_FONT_FAMILY,
      formatter: (params: { value: unknown }) => {
        const value = Number(params.value);
        return segmentLabel(formatPercent(value), value / 100, 0.12);
      },
    },
    data: input.items.map((item) => {
      const own = item.own === answer + 1;
      return {
        value: item.percentages[answer] ?? 0,
        itemStyle: {
          color: ANSWER_COLOURS[answer],
          borderColor: own ? OWN_MARKER_COLOUR : '#ffffff',
          borderWidth: own ? 2.5 : 1,
        },
      };
    }),
  }));
  const ownTexts = input.items.map((item, index) =>
    textGraphic(
      WIDTH - ownWidth + 8,
      top + index * rowHeight + rowHeight / 2,
      item.own === null
        ? 'geen antwoord'
        : `◆ ${SHORT_ANSWER_LABELS[item.own - 1] ?? ''}`,
      { fontSize: SMALL_FONT_SIZE - 1, fill: item.own === null ? TEXT_MUTED : TEXT },
    ),
  );
  return renderChartSvg(
    {
      ...BASE_OPTION,
      grid: {
        left: labelWidth,
        right: ownWidth,
        top,
        bottom: legendHeight,
        outerBoundsMode: 'none',
      },
      xAxis: { type: 'value', min: 0, max: 100, show: false },
      yAxis: {
        type: 'category',
        inverse: true,
        data: input.items.map((item) => item.label),
        axisLine: { show: false },
        axisTick: { show: false },
        axisLabel: {
          color: TEXT,
          fontSize: SMALL_FONT_SIZE,
          fontFamily: CHART_FONT_FAMILY,
          margin: 6,
        },
      },
      legend: {
        bottom: 4,
        left: 0,
        right: 0,
        itemWidth: 16,
        itemHeight: 12,
        itemGap: 18,
        selectedMode: false,
        textStyle: { fontSize: SMALL_FONT_SIZE - 1, color: TEXT, fontFamily: CHART_FONT_FAMILY },
        data: [...ANSWER_LABELS],
      },
      graphic: [
        ...ownTexts,
        textGraphic(WIDTH - ownWidth + 8, top - 2, 'eigen antwoord', {
          fontSize: SMALL_FONT_SIZE - 2,
          fill: TEXT_MUTED,
        }),
        ...(input.items.length === 0 ? [textGraphic(labelWidth, top + 20, 'Geen gegevens')] : []),
      ],
      series,
    },
    { width: WIDTH, height: Math.max(height, top + legendHeight + rowHeight), alt: input.alt },
  );
}

/**
 * The distribution of the group's marks, one bar per mark point (0–1, 1–2, … 9–10), the
 * bars from 6 up in the 'goed' colour, a dashed line at the bar labelled 'goed voor elkaar',
 * and the municipality's own mark as a dark line with its value above.
 */
export function renderMarkDistributionChart(input: MarkDistributionChartInput): string {
  const height = 200;
  const grid = { left: 34, right: 12, top: 36, bottom: 40 };
  const counts = Array.from({ length: 10 }, () => 0);
  for (const mark of input.marks) {
    const bin = Math.min(9, Math.max(0, Math.floor(mark)));
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  const plotLeft = grid.left;
  const plotWidth = WIDTH - grid.left - grid.right;
  const xOf = (value: number) => plotLeft + (Math.min(10, Math.max(0, value)) / 10) * plotWidth;
  const markLines: object[] = [
    {
      xAxis: input.bar,
      lineStyle: { color: BAND_COLOURS.goed, type: 'dashed', width: 1.5 },
      label: { show: false },
    },
  ];
  // The labels of both lines stand above the plot, each on its own row, turned towards the
  // middle so they never run off the drawing.
  const lineLabels = [
    textGraphic(xOf(input.bar) + 4, 10, `goed voor elkaar vanaf ${formatCount(input.bar)}`, {
      fontSize: SMALL_FONT_SIZE - 1,
      fill: BAND_COLOURS.goed,
    }),
  ];
  if (input.own !== null) {
    markLines.push({
      xAxis: input.own,
      lineStyle: { color: OWN_MARKER_COLOUR, type: 'solid', width: 2.5 },
      label: { show: false },
    });
    const x = xOf(input.own);
    const right = input.own > 5;
    lineLabels.push(
      textGraphic(right ? x - 4 : x + 4, 26, `eigen cijfer ${formatMark(input.own)}`, {
        fontSize: SMALL_FONT_SIZE,
        fontWeight: 'bold',
        fill: OWN_MARKER_COLOUR,
        align: right ? 'right' : 'left',
      }),
    );
  }
  return renderChartSvg(
    {
      ...BASE_OPTION,
      grid: { ...grid, outerBoundsMode: 'none' },
      xAxis: {
        type: 'value',
        min: 0,
        max: 10,
        interval: 1,
        name: `cijfer (${input.groupLabel})`,
        nameLocation: 'middle',
        nameGap: 24,
        nameTextStyle: {
          color: TEXT_MUTED,
          fontSize: SMALL_FONT_SIZE,
          fontFamily: CHART_FONT_FAMILY,
        },
        axisLine: { lineStyle: { color: TEXT_MUTED } },
        axisLabel: { color: TEXT, fontSize: SMALL_FONT_SIZE, fontFamily: CHART_FONT_FAMILY },
        splitLine: { show: false },
      },
      yAxis: {
        type: 'value',
        min: 0,
        minInterval: 1,
        splitNumber: 3,
        axisLabel: {
          color: TEXT_MUTED,
          fontSize: SMALL_FONT_SIZE - 1,
          fontFamily: CHART_FONT_FAMILY,
        },
        splitLine: { lineStyle: { color: GRID_LINE } },
      },
      series: [
        {
          type: 'bar',
          silent: true,
          barCategoryGap: '8%',
          barWidth: '80%',
          data: counts.map((count, bin) => ({
            value: [bin + 0.5, count],
            itemStyle: {
              color: BAND_COLOURS[findBandKey(bin + 0.5)],
              borderColor: '#ffffff',
              borderWidth: 1,
            },
          })),
          markLine: { silent: true, symbol: 'none', animation: false, data: markLines },
        },
      ],
      graphic: [
        ...lineLabels,
        ...(input.marks.length === 0
          ? [textGraphic(grid.left + 8, height / 2, 'Geen cijfers')]
          : []),
      ],
    },
    { width: WIDTH, height, alt: input.alt },
  );
}

/**
 * The share 'goed voor elkaar' in each comparison group as a horizontal bar with its
 * percentage; a group whose figure is not shown reads 'niet getoond' instead of a bar.
 */
export function renderComparisonChart(input: ComparisonChartInput): string {
  const rowHeight = 30;
  const top = 8;
  const bottom = 12;
  const labelWidth = 170;
  const height = top + Math.max(input.rows.length, 1) * rowHeight + bottom;
  const hidden = input.rows.flatMap((row, index) =>
    row.percentGoed === null
      ? [
          textGraphic(labelWidth + 6, top + index * rowHeight + rowHeight / 2, 'niet getoond', {
            fill: TEXT_MUTED,
            fontSize: SMALL_FONT_SIZE,
          }),
        ]
      : [],
  );
  return renderChartSvg(
    {
      ...BASE_OPTION,
      grid: { left: labelWidth, right: 48, top, bottom, outerBoundsMode: 'none' },
      xAxis: { type: 'value', min: 0, max: 100, show: false },
      yAxis: {
        type: 'category',
        inverse: true,
        data: input.rows.map((row) => row.label),
        axisLine: { show: false },
        axisTick: { show: false },
        axisLabel: {
          color: TEXT,
          fontSize: SMALL_FONT_SIZE,
          fontFamily: CHART_FONT_FAMILY,
          width: labelWidth - 10,
          overflow: 'truncate',
        },
      },
      series: [
        {
          type: 'bar',
          silent: true,
          barWidth: 16,
          itemStyle: { color: BAND_COLOURS.goed },
          label: {
            show: true,
            position: 'right',
            color: TEXT,
            fontSize: SMALL_FONT_SIZE,
            fontFamily: CHART_FONT_FAMILY,
            formatter: (params: { value: unknown }) =>
              params.value === null || params.value === undefined
                ? ''
                : formatPercent(Number(params.value)),
          },
          data: input.rows.map((row) => row.percentGoed),
        },
      ],
      graphic: hidden,
    },
    { width: WIDTH, height, alt: input.alt },
  );
}
