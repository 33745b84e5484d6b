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
import { DEFAULT_SCORING_RULE } from '../../domain/scoring.ts';
import {
  BASE_OPTION,
  CHART_FONT_FAMILY,
  FONT_SIZE,
  GRID_LINE,
  PERCENT_AXIS,
  SMALL_FONT_SIZE,
  TEXT,
  TEXT_MUTED,
  textGraphic,
  WIDTH,
} from './chart-style.ts';
import { drawCached, renderChartSvg } from './echarts-svg.ts';

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

/** The band each answer stands for, in points order. */
const ANSWER_BANDS: readonly [BandKey, BandKey, BandKey] = ['aandacht', 'weg', 'goed'];

export const BAND_LABELS: Readonly<Record<BandKey, string>> = {
  goed: 'goed voor elkaar',
  weg: 'op de goede weg',
  aandacht: 'aandacht nodig',
  geen: 'geen cijfer',
};

/** The municipality's own answer or mark (theme `color.text`). */
export const OWN_MARKER_COLOUR = '#1a2427';

export { CHART_FONT_FAMILY } from './chart-style.ts';

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

/** A share's segment label: shown only where the segment is wide enough to hold it. */
function segmentLabel(text: string, share: number, minShare: number): string {
  return share >= minShare ? text : '';
}

interface LegendEntry {
  readonly label: string;
  readonly kind: 'swatch' | 'triangle';
  readonly fill: string;
  readonly stroke?: string;
}

const LEGEND_LINE = 20;

/**
 * A legend drawn as graphic elements, wrapped over as many lines as the width needs.
 * ECharts' own legend measures text with an estimate of its default font and overflowed the
 * drawing with the wider system fonts; here each entry's width is estimated generously
 * (0.58 em per character, enough for DejaVu Sans).
 */
function layoutLegend(entries: readonly LegendEntry[], top: number) {
  const elements: object[] = [];
  let x = 0;
  let line = 0;
  for (const entry of entries) {
    const width = 20 + entry.label.length * SMALL_FONT_SIZE * 0.58;
    if (x > 0 && x + width > WIDTH) {
      x = 0;
      line += 1;
    }
    const y = top + line * LEGEND_LINE;
    elements.push(
      entry.kind === 'swatch'
        ? {
            type: 'rect',
            silent: true,
            shape: { x: x + 0.5, y: y - 6, width: 15, height: 12 },
            style: { fill: entry.fill, stroke: entry.stroke ?? entry.fill, lineWidth: 1 },
          }
        : {
            type: 'polygon',
            silent: true,
            shape: {
              points: [
                [x + 2, y - 5],
                [x + 14, y - 5],
                [x + 8, y + 4],
              ],
            },
            style: { fill: entry.fill },
          },
      textGraphic(x + 20, y, entry.label, { fontSize: SMALL_FONT_SIZE }),
    );
    x += width + 14;
  }
  return { elements, height: (line + 1) * LEGEND_LINE };
}

const BAND_ORDER: readonly BandKey[] = ['geen', 'aandacht', 'weg', 'goed'];

/**
 * Per row, the basisfuncties 'goed voor elkaar', 'op de goede weg', 'aandacht nodig' and
 * without a mark, as one bar stacked to 100% with the count in each segment (an average may
 * be fractional: 2,4). Order from left to right as in the 2009 figures: no mark, attention,
 * on the way, goed (so the 'goed' share ends at the right edge). Labels stand above bars.
 */
export function renderBandSummaryChart(input: BandSummaryChartInput): string {
  return drawCached(`renderBandSummaryChart:${JSON.stringify(input)}`, () =>
    drawBandSummaryChart(input),
  );
}

function drawBandSummaryChart(input: BandSummaryChartInput): string {
  const rowHeight = 48;
  const top = 8;
  const rowsHeight = Math.max(input.rows.length, 1) * rowHeight;
  const legend = layoutLegend(
    BAND_ORDER.map((key) => ({
      label: BAND_LABELS[key],
      kind: 'swatch' as const,
      fill: BAND_COLOURS[key],
      ...(key === 'geen' ? { stroke: NO_MARK_OUTLINE } : {}),
    })),
    top + rowsHeight + 14,
  );
  const legendHeight = legend.height + 14;
  const height = top + rowsHeight + legendHeight;
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
      // An empty segment is left out rather than drawn zero wide.
      return total > 0 && row.counts[key] > 0 ? (row.counts[key] / total) * 100 : null;
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
      graphic: [
        ...legend.elements,
        ...(input.rows.length === 0 ? [textGraphic(left, top + 20, 'Geen gegevens')] : []),
      ],
      series,
    },
    { width: WIDTH, height, alt: input.alt },
  );
}

/** A 100%-stacked share, or null for an empty segment (left out rather than drawn 0 wide). */
function shareOf(value: number, total: number): number | null {
  return total > 0 && value > 0 ? (value / total) * 100 : null;
}

/**
 * Per item one bar of the group's answers stacked to 100% (Nee, Ja, verbetering mogelijk,
 * Ja, goed voor elkaar from left to right, as in figures 5–12 of the 2009 report), with the
 * percentage in each segment wide enough to hold it. The municipality's own answer is
 * marked three ways, so it reads in grey and without colour: a triangle above its segment,
 * a dark outline round the segment and its percentage in bold. An item without an own
 * answer says 'geen eigen antwoord' under its label.
 */
export function renderItemDistributionChart(input: ItemDistributionChartInput): string {
  return drawCached(`renderItemDistributionChart:${JSON.stringify(input)}`, () =>
    drawItemDistributionChart(input),
  );
}

function drawItemDistributionChart(input: ItemDistributionChartInput): string {
  const rowHeight = 36;
  const top = 34;
  const left = 136;
  const right = 16;
  const barWidth = 18;
  const count = Math.max(input.items.length, 1);
  const legend = layoutLegend(
    [
      ...ANSWER_LABELS.map((label, answer) => ({
        label,
        kind: 'swatch' as const,
        fill: ANSWER_COLOURS[answer] ?? TEXT,
      })),
      { label: 'eigen antwoord', kind: 'triangle' as const, fill: OWN_MARKER_COLOUR },
    ],
    top + count * rowHeight + 40,
  );
  const bottom = 40 + legend.height;
  const height = top + count * rowHeight + bottom;
  const totals = input.items.map(
    (item) => item.percentages[0] + item.percentages[1] + item.percentages[2],
  );
  const plotWidth = WIDTH - left - right;
  const answerSeries = ANSWER_LABELS.map((name, answer) => {
    const points = (answer + 1) as 1 | 2 | 3;
    return {
      type: 'bar' as const,
      name,
      stack: 'antwoorden',
      barWidth,
      silent: true,
      itemStyle: { color: ANSWER_COLOURS[answer], borderColor: '#ffffff', borderWidth: 1 },
      label: {
        show: true,
        position: 'inside' as const,
        color: BAND_TEXT_COLOURS[ANSWER_BANDS[answer] ?? 'goed'],
        fontSize: SMALL_FONT_SIZE,
        fontFamily: CHART_FONT_FAMILY,
        formatter: (params: { dataIndex: number }) => {
          const item = input.items[params.dataIndex];
          const total = totals[params.dataIndex] ?? 0;
          // The own segment's percentage is drawn in bold with its marks (below).
          if (!item || total <= 0 || item.own === points) return '';
          const value = item.percentages[answer] ?? 0;
          return segmentLabel(formatPercent(value), value / total, 0.09);
        },
      },
      data: input.items.map((item, index) =>
        shareOf(item.percentages[answer] ?? 0, totals[index] ?? 0),
      ),
    };
  });
  // The own answer's marks are graphics at computed places rather than styled data items
  // and a scatter series: ECharts builds a model per styled item, which made this chart the
  // slowest of the four. The grid is fixed (outerBoundsMode 'none'), so the places are exact.
  const ownMarks = input.items.flatMap((item, index) => {
    const total = totals[index] ?? 0;
    if (item.own === null || total <= 0) return [];
    const value = item.percentages[item.own - 1] ?? 0;
    const before = item.percentages.slice(0, item.own - 1).reduce((sum, v) => sum + v, 0);
    const x0 = left + (before / total) * plotWidth;
    const width = (value / total) * plotWidth;
    const centre = x0 + width / 2;
    const y = top + (index + 0.5) * rowHeight;
    const band = ANSWER_BANDS[item.own - 1] ?? 'goed';
    return [
      {
        type: 'rect',
        silent: true,
        z: 10,
        shape: {
          x: x0 + 1,
          y: y - barWidth / 2 + 1,
          width: Math.max(width - 2, 1),
          height: barWidth - 2,
        },
        style: { fill: 'none', stroke: OWN_MARKER_COLOUR, lineWidth: 2.5 },
      },
      {
        type: 'polygon',
        silent: true,
        z: 10,
        shape: {
          points: [
            [centre - 6, y - barWidth / 2 - 12],
            [centre + 6, y - barWidth / 2 - 12],
            [centre, y - barWidth / 2 - 3],
          ],
        },
        style: { fill: OWN_MARKER_COLOUR },
      },
      ...(value / total >= 0.09
        ? [
            {
              ...textGraphic(centre, y, formatPercent(value), {
                fontSize: SMALL_FONT_SIZE,
                fontWeight: 'bold',
                fill: BAND_TEXT_COLOURS[band],
              }),
              z: 11,
              style: {
                ...textGraphic(0, 0, formatPercent(value), {
                  fontSize: SMALL_FONT_SIZE,
                  fontWeight: 'bold',
                  fill: BAND_TEXT_COLOURS[band],
                }).style,
                align: 'center' as const,
              },
            },
          ]
        : []),
    ];
  });
  const labels = input.items.map((item) => item.label);
  return renderChartSvg(
    {
      ...BASE_OPTION,
      grid: { left, right, top, bottom, outerBoundsMode: 'none' },
      xAxis: PERCENT_AXIS,
      yAxis: {
        type: 'category',
        inverse: true,
        data: labels,
        axisTick: { show: false },
        axisLine: { lineStyle: { color: TEXT_MUTED } },
        axisLabel: {
          color: TEXT,
          fontSize: FONT_SIZE,
          fontFamily: CHART_FONT_FAMILY,
          width: left - 12,
          overflow: 'truncate',
          // An item without an own answer gets an empty second line, which lifts its label
          // to make room for 'geen eigen antwoord' in smaller type (a graphic below). Rich
          // text is not used, so braces in a label cannot be read as markup.
          formatter: (value: string, index: number) =>
            input.items[index]?.own === null ? `${value}\n ` : value,
          lineHeight: 16,
        },
      },
      graphic: [
        textGraphic(0, 12, input.groupLabel, { fontWeight: 'bold' }),
        ...ownMarks,
        ...input.items.flatMap((item, index) =>
          item.own === null
            ? [
                textGraphic(left - 8, top + (index + 0.5) * rowHeight + 8, 'geen eigen antwoord', {
                  fontSize: 11,
                  fill: TEXT_MUTED,
                  align: 'right',
                }),
              ]
            : [],
        ),
        ...legend.elements,
        ...(input.items.length === 0 ? [textGraphic(left, top + 18, 'Geen vragen')] : []),
      ],
      series: answerSeries,
    },
    { width: WIDTH, height, alt: input.alt },
  );
}

/** The smallest of 1, 2, 5, 10, 20, 50 … that is at least `value`. */
function findRoundStep(value: number): number {
  for (let power = 1; ; power *= 10) {
    for (const step of [1, 2, 5]) {
      if (step * power >= value) return step * power;
    }
  }
}

/** How many marks fall in each bin of one point: [0, 1), [1, 2) … [9, 10] (10 in the last). */
export function countMarksPerBin(marks: readonly number[]): number[] {
  const bins = Array.from({ length: 10 }, () => 0);
  for (const mark of marks) {
    if (!Number.isFinite(mark)) continue;
    const bin = Math.min(9, Math.max(0, Math.floor(mark)));
    bins[bin] = (bins[bin] ?? 0) + 1;
  }
  return bins;
}

/**
 * The group's marks as a histogram in bins of one point, each bin in the colour of its band;
 * the 'goed voor elkaar' zone from the bar up is shaded and its edge drawn as a dashed line
 * labelled 'goed voor elkaar'; the municipality's own mark is a solid line with a triangle
 * and 'eigen cijfer 6,3' above the plot.
 */
export function renderMarkDistributionChart(input: MarkDistributionChartInput): string {
  return drawCached(`renderMarkDistributionChart:${JSON.stringify(input)}`, () =>
    drawMarkDistributionChart(input),
  );
}

function drawMarkDistributionChart(input: MarkDistributionChartInput): string {
  const height = 280;
  const left = 48;
  const right = 16;
  const top = 62;
  const bottom = 48;
  const plotWidth = WIDTH - left - right;
  const bins = countMarksPerBin(input.marks);
  const highest = Math.max(...bins, 1);
  // Room above the tallest bar for its count and the zone's label; four steps of a round
  // size (1, 2, 5 × 10ⁿ) on the axis.
  const yStep = findRoundStep((highest * 1.3) / 4);
  const yMax = yStep * 4;
  const barLineX = left + (Math.min(Math.max(input.bar, 0), 10) / 10) * plotWidth;
  const ownX =
    input.own === null ? null : left + (Math.min(Math.max(input.own, 0), 10) / 10) * plotWidth;
  const ownText =
    input.own === null ? 'geen eigen cijfer' : `eigen cijfer ${formatMark(input.own)}`;
  // The own label stands above the plot, centred on its line but kept inside the drawing.
  const ownLabelX = ownX === null ? left : Math.min(Math.max(ownX, left + 40), WIDTH - right - 40);
  return renderChartSvg(
    {
      ...BASE_OPTION,
      grid: { left, right, top, bottom, outerBoundsMode: 'none' },
      // The bins stand on a hidden category axis: ECharts widens a value axis that carries
      // bars to fit them, which would shift the marks against the ticks. The visible value
      // axis carries no series, so 0–10 spans the plot exactly and the lines drawn at
      // computed places below meet its ticks.
      xAxis: [
        { type: 'category', data: bins.map((_, bin) => String(bin)), show: false },
        {
          type: 'value',
          position: 'bottom',
          min: 0,
          max: 10,
          interval: 1,
          name: 'cijfer',
          nameLocation: 'middle',
          nameGap: 26,
          nameTextStyle: {
            color: TEXT_MUTED,
            fontSize: SMALL_FONT_SIZE,
            fontFamily: CHART_FONT_FAMILY,
          },
          axisLine: { lineStyle: { color: TEXT_MUTED } },
          axisTick: { lineStyle: { color: TEXT_MUTED } },
          axisLabel: {
            color: TEXT_MUTED,
            fontSize: SMALL_FONT_SIZE,
            fontFamily: CHART_FONT_FAMILY,
          },
          splitLine: { show: false },
        },
      ],
      yAxis: {
        type: 'value',
        min: 0,
        max: yMax,
        interval: yStep,
        name: 'gemeenten',
        nameLocation: 'middle',
        nameGap: 34,
        nameRotate: 90,
        nameTextStyle: {
          color: TEXT_MUTED,
          fontSize: SMALL_FONT_SIZE,
          fontFamily: CHART_FONT_FAMILY,
        },
        axisLine: { show: true, lineStyle: { color: TEXT_MUTED } },
        axisTick: { show: true, lineStyle: { color: TEXT_MUTED } },
        axisLabel: { color: TEXT_MUTED, fontSize: SMALL_FONT_SIZE, fontFamily: CHART_FONT_FAMILY },
        splitLine: { lineStyle: { color: GRID_LINE } },
      },
      graphic: [
        textGraphic(0, 12, input.groupLabel, { fontWeight: 'bold' }),
        // The 'goed voor elkaar' zone, decorative: its edge is the dashed line below.
        {
          type: 'rect',
          silent: true,
          z: -1,
          shape: {
            x: barLineX,
            y: top,
            width: left + plotWidth - barLineX,
            height: height - top - bottom,
          },
          style: { fill: '#e5f3e9' },
        },
        {
          type: 'line',
          silent: true,
          z: 10,
          shape: { x1: barLineX, y1: top - 6, x2: barLineX, y2: height - bottom },
          style: { stroke: BAND_COLOURS.goed, lineWidth: 2, lineDash: [6, 4] },
        },
        textGraphic(barLineX + 6, top + 11, 'goed voor elkaar', {
          fontSize: SMALL_FONT_SIZE,
          fill: BAND_COLOURS.goed,
          fontWeight: 'bold',
        }),
        ...(ownX === null
          ? [textGraphic(left, 36, ownText, { fontWeight: 'bold' })]
          : [
              {
                type: 'line',
                silent: true,
                z: 11,
                shape: { x1: ownX, y1: top - 14, x2: ownX, y2: height - bottom },
                style: { stroke: OWN_MARKER_COLOUR, lineWidth: 3 },
              },
              {
                type: 'polygon',
                silent: true,
                z: 11,
                shape: {
                  points: [
                    [ownX - 7, top - 20],
                    [ownX + 7, top - 20],
                    [ownX, top - 10],
                  ],
                },
                style: { fill: OWN_MARKER_COLOUR },
              },
              {
                ...textGraphic(ownLabelX, 36, ownText, { fontWeight: 'bold' }),
                style: {
                  ...textGraphic(0, 0, ownText, { fontWeight: 'bold' }).style,
                  align: 'center' as const,
                },
              },
            ]),
        ...(input.marks.length === 0
          ? [
              textGraphic(left + 8, height - bottom - 16, 'geen cijfers in deze groep', {
                fill: TEXT_MUTED,
              }),
            ]
          : []),
      ],
      // One series per band, stacked so that each bin has one slot; a bin belongs to one.
      series: (['aandacht', 'weg', 'goed'] as const).map((band) => ({
        type: 'bar' as const,
        stack: 'cijfers',
        silent: true,
        barWidth: plotWidth / 10 - 6,
        itemStyle: { color: BAND_COLOURS[band], borderColor: '#ffffff', borderWidth: 1 },
        label: {
          show: true,
          position: 'top' as const,
          color: TEXT,
          fontSize: SMALL_FONT_SIZE,
          fontFamily: CHART_FONT_FAMILY,
        },
        data: bins.map((binCount, bin) =>
          binCount > 0 && findBandKey(bin) === band ? binCount : null,
        ),
      })),
    },
    { width: WIDTH, height, alt: input.alt },
  );
}

/**
 * The percentage 'goed voor elkaar' in each comparison group as a horizontal bar with its
 * value at the end; a group whose figure is not shown (too few municipalities) says
 * 'niet getoond' instead of drawing a bar of zero. The own mark stands above the bars.
 */
export function renderComparisonChart(input: ComparisonChartInput): string {
  return drawCached(`renderComparisonChart:${JSON.stringify(input)}`, () =>
    drawComparisonChart(input),
  );
}

function drawComparisonChart(input: ComparisonChartInput): string {
  const rowHeight = 32;
  const top = 40;
  const bottom = 32;
  const left = 172;
  const right = 44;
  const count = Math.max(input.rows.length, 1);
  const height = top + count * rowHeight + bottom;
  const ownText =
    input.ownMark === null
      ? 'Eigen cijfer: geen'
      : `Eigen cijfer: ${formatMark(input.ownMark)} (${BAND_LABELS[findBandKey(input.ownMark)]})`;
  const hidden = input.rows.flatMap((row, index) =>
    row.percentGoed === null
      ? [
          textGraphic(left + 6, top + (index + 0.5) * rowHeight, 'niet getoond', {
            fill: TEXT_MUTED,
            fontSize: SMALL_FONT_SIZE,
          }),
        ]
      : [],
  );
  return renderChartSvg(
    {
      ...BASE_OPTION,
      grid: { left, right, top, bottom, outerBoundsMode: 'none' },
      xAxis: PERCENT_AXIS,
      yAxis: {
        type: 'category',
        inverse: true,
        data: input.rows.map((row) => row.label),
        axisTick: { show: false },
        axisLine: { lineStyle: { color: TEXT_MUTED } },
        axisLabel: {
          color: TEXT,
          fontSize: FONT_SIZE,
          fontFamily: CHART_FONT_FAMILY,
          width: left - 12,
          overflow: 'break',
          lineHeight: 14,
        },
      },
      graphic: [
        textGraphic(0, 12, ownText, { fontWeight: 'bold' }),
        textGraphic(0, 30, "% gemeenten met 'goed voor elkaar'", {
          fontSize: SMALL_FONT_SIZE,
          fill: TEXT_MUTED,
        }),
        ...hidden,
      ],
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
              typeof params.value === 'number' ? formatPercent(params.value) : '',
          },
          data: input.rows.map((row) => (row.percentGoed === null ? null : row.percentGoed)),
        },
      ],
    },
    { width: WIDTH, height, alt: input.alt },
  );
}
