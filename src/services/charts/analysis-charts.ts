/**
 * The charts of the national analysis (the dashboard and the printable national report):
 * shares 'goed voor elkaar' per basisfunctie or per group, item distributions stacked to
 * 100%, multiple-choice shares, counts of basisfuncties goed and choropleth maps by province
 * and by municipality. Each builder is pure and deterministic and returns an SVG string that
 * works without JavaScript.
 *
 * Keyboard: every bar row and every province is a focusable element (`tabindex="0"`) with an
 * accessible name that carries its figure and a `<title>` tooltip for the mouse; the root is
 * then a `role="group"` (an `img` may not hold focusable children). The app styles their
 * focus (`.bfm-chart-focus:focus-visible` in app/app.css). The municipality map is the
 * exception: 441 tab stops would bury the page, so it is one image and its table is the way
 * in by keyboard.
 *
 * Withheld figures (small-cell protection) are `null` with `suppressed: true`: the chart
 * writes 'onderdrukt' where the bar would be, never a bar of zero.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BOUNDARY_FOLDER, findBoundaryRegister, loadProvinceBorders } from '../geography.ts';
import {
  BASE_OPTION,
  CHART_FONT_FAMILY,
  PERCENT_AXIS,
  SMALL_FONT_SIZE,
  TEXT,
  TEXT_MUTED,
  textGraphic,
  WIDTH,
} from './chart-style.ts';
import { drawCached, escapeXml, renderChartSvg } from './echarts-svg.ts';
import {
  ANSWER_COLOURS,
  ANSWER_LABELS,
  BAND_COLOURS,
  BAND_LABELS,
  BAND_TEXT_COLOURS,
  NO_MARK_OUTLINE,
  type BandKey,
} from './report-charts.ts';

/** The word pages and charts use for a withheld figure. */
export const SUPPRESSED_TEXT = 'onderdrukt';

/** A number the Dutch way with at most one decimal: 34, 33,9. */
export function formatPercentValue(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return `${Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1).replace('.', ',')}%`;
}

function municipalities(count: number): string {
  return `${count} ${count === 1 ? 'gemeente' : 'gemeenten'}`;
}

export interface BarRow {
  readonly label: string;
  /** The percentage the bar shows, or null (withheld or no data). */
  readonly percent: number | null;
  /** A count shown after the percentage ('45% (120)'), when given. */
  readonly count?: number | null;
  /** The municipalities the figure rests on. */
  readonly respondents: number;
  readonly suppressed?: boolean;
}

export interface BarChartInput {
  readonly rows: readonly BarRow[];
  /** The alternative text (the chart's accessible name). */
  readonly alt: string;
  /** What the value means, in the focusable bar's name: "goed voor elkaar". */
  readonly valueLabel: string;
  readonly colour?: string;
}

/** What a bar row says to a screen reader and in its tooltip. */
function describeBarRow(row: BarRow, valueLabel: string): string {
  if (row.suppressed) return `${row.label}: ${SUPPRESSED_TEXT} (minder dan 5 gemeenten)`;
  if (row.percent === null) return `${row.label}: geen gegevens`;
  const count = row.count === undefined || row.count === null ? '' : `, ${row.count} van`;
  return `${row.label}: ${formatPercentValue(row.percent)} ${valueLabel} (${count ? count.slice(2) : ''}${count ? ' ' : ''}${municipalities(row.respondents)})`;
}

const FONT_ATTRIBUTE = ` font-family="${escapeXml(CHART_FONT_FAMILY)}"`;

/**
 * ECharts repeats the font stack on every text element (some 90 bytes each); a dashboard
 * page shows dozens of charts, and a page's SVG is sent twice (in the HTML and in the data
 * the browser hydrates). It is inherited, so it is set once on the root instead.
 */
function compactSvg(svg: string): string {
  return svg
    .replaceAll(FONT_ATTRIBUTE, '')
    .replaceAll(` font-family="${CHART_FONT_FAMILY}"`, '')
    .replace(/^<svg role="(\w+)"/, `<svg role="$1"${FONT_ATTRIBUTE}`);
}

/**
 * Focusable overlays, one per row band of a chart whose rows are laid out at fixed places
 * (grid with `outerBoundsMode: 'none'`), and the root turned into a group so they may be
 * focused. Transparent: the drawing underneath stays what it is.
 */
function addRowFocus(
  svg: string,
  rows: readonly { readonly name: string }[],
  layout: { readonly top: number; readonly rowHeight: number; readonly width: number },
): string {
  const overlays = rows
    .map((row, index) => {
      const name = escapeXml(row.name);
      const y = layout.top + index * layout.rowHeight;
      return `<rect class="bfm-chart-focus" tabindex="0" role="img" aria-label="${name}" x="1" y="${y + 1}" width="${layout.width - 2}" height="${layout.rowHeight - 2}" fill="transparent"><title>${name}</title></rect>`;
    })
    .join('');
  return compactSvg(
    svg
      .replace(/^<svg role="img"/, '<svg role="group"')
      .replace(/<\/svg>\s*$/, `${overlays}</svg>`),
  );
}

/**
 * Room for the row labels: about 7 units per character, between 64 and 230; longer labels
 * go on two lines (`fitLabel`).
 */
function labelWidth(labels: readonly string[]): number {
  const longest = Math.max(0, ...labels.map((label) => label.length));
  return Math.min(230, Math.max(64, 16 + Math.ceil(longest * 6.8)));
}

/**
 * A row label fitted to `width` on at most two lines, measured at 7 units per character (a
 * little wider than the font, so that no label runs off the left edge whatever the reader's
 * sans-serif). The full label stays in the row's accessible name and the table.
 */
export function fitLabel(label: string, width: number): string {
  const perLine = Math.max(4, Math.floor(width / 7));
  if (label.length <= perLine) return label;
  const words = label.split(' ');
  const takeLine = (): string => {
    let line = '';
    while (words.length > 0 && `${line} ${words[0]}`.trim().length <= perLine) {
      line = `${line} ${words.shift()}`.trim();
    }
    return line;
  };
  const first = takeLine();
  if (first === '') return `${label.slice(0, perLine - 1)}…`;
  const second = takeLine();
  if (words.length === 0) return `${first}\n${second}`;
  if (second === '') return `${first}\n${words.join(' ').slice(0, perLine - 1)}…`;
  return `${first}\n${second}…`;
}

/**
 * Horizontal bars of a percentage per row with the value at the end of each bar; a withheld
 * row says 'onderdrukt', a row without data 'geen gegevens'. Every row is focusable.
 */
export function renderBarChart(input: BarChartInput): string {
  return drawCached(`renderBarChart:${JSON.stringify(input)}`, () => drawBarChart(input));
}

function drawBarChart(input: BarChartInput): string {
  const rowHeight = 30;
  const top = 8;
  const bottom = 28;
  const left = labelWidth(input.rows.map((row) => row.label));
  const right = 72;
  const count = Math.max(input.rows.length, 1);
  const height = top + count * rowHeight + bottom;
  const notes = input.rows.flatMap((row, index) =>
    row.percent === null
      ? [
          textGraphic(
            left + 6,
            top + (index + 0.5) * rowHeight,
            row.suppressed ? SUPPRESSED_TEXT : 'geen gegevens',
            { fill: TEXT_MUTED, fontSize: SMALL_FONT_SIZE },
          ),
        ]
      : [],
  );
  const svg = renderChartSvg(
    {
      ...BASE_OPTION,
      grid: { left, right, top, bottom, outerBoundsMode: 'none' },
      xAxis: PERCENT_AXIS,
      yAxis: {
        type: 'category',
        inverse: true,
        data: input.rows.map((row) => fitLabel(row.label, left - 12)),
        axisTick: { show: false },
        axisLine: { lineStyle: { color: TEXT_MUTED } },
        axisLabel: {
          color: TEXT,
          fontSize: SMALL_FONT_SIZE,
          fontFamily: CHART_FONT_FAMILY,
          lineHeight: 13,
        },
      },
      graphic: [
        ...notes,
        ...(input.rows.length === 0 ? [textGraphic(left + 6, top + 15, 'Geen gegevens')] : []),
      ],
      series: [
        {
          type: 'bar',
          silent: true,
          barWidth: 16,
          itemStyle: { color: input.colour ?? BAND_COLOURS.goed },
          label: {
            show: true,
            position: 'right',
            color: TEXT,
            fontSize: SMALL_FONT_SIZE,
            fontFamily: CHART_FONT_FAMILY,
            formatter: (params: { dataIndex: number }) => {
              const row = input.rows[params.dataIndex];
              if (!row || row.percent === null) return '';
              const value = formatPercentValue(row.percent);
              return row.count === undefined || row.count === null
                ? value
                : `${value} (${row.count})`;
            },
          },
          data: input.rows.map((row) => row.percent),
        },
      ],
    },
    { width: WIDTH, height, alt: input.alt },
  );
  return addRowFocus(
    svg,
    input.rows.map((row) => ({ name: describeBarRow(row, input.valueLabel) })),
    { top, rowHeight, width: WIDTH },
  );
}

export interface ShareChartInput {
  /** Per basisfunctie or per group: the percentage 'goed voor elkaar'. */
  readonly rows: readonly BarRow[];
  readonly alt: string;
}

/**
 * The percentage 'goed voor elkaar' per basisfunctie (report figures 3 and 4) or per group
 * of a breakdown (figures 10 and 11, bijlage figures A and B), as horizontal bars.
 */
export function renderShareChart(input: ShareChartInput): string {
  return renderBarChart({ ...input, valueLabel: 'goed voor elkaar' });
}

export interface ChoiceChartInput {
  /** Per option: the percentage of the respondents that chose it, and their count. */
  readonly rows: readonly BarRow[];
  readonly alt: string;
}

/** The options of a multiple-choice question as bars of the share that chose them. */
export function renderChoiceChart(input: ChoiceChartInput): string {
  return renderBarChart({ ...input, valueLabel: 'gekozen', colour: BAND_COLOURS.weg });
}

export interface CountGoedChartInput {
  /** counts[k]: respondents with k official basisfuncties goed; null when withheld. */
  readonly counts: readonly (number | null)[];
  readonly respondents: number;
  readonly alt: string;
}

/** Tabel C as bars: the share of respondents with 0, 1, … basisfuncties 'goed voor elkaar'. */
export function renderCountGoedChart(input: CountGoedChartInput): string {
  return renderBarChart({
    rows: input.counts.map((count, k) => ({
      label: `${k} ${k === 1 ? 'basisfunctie' : 'basisfuncties'}`,
      percent:
        count === null || input.respondents === 0
          ? null
          : Math.round((1000 * count) / input.respondents) / 10,
      count,
      respondents: input.respondents,
      suppressed: count === null,
    })),
    alt: input.alt,
    valueLabel: 'van de gemeenten',
    colour: BAND_COLOURS.weg,
  });
}

export interface ItemStackInput {
  readonly items: readonly {
    readonly label: string;
    /** Percentages of the answers 1, 2 and 3 points; null when withheld. */
    readonly percentages: readonly (number | null)[] | null;
    readonly answered: number;
    readonly suppressed?: boolean;
  }[];
  readonly alt: string;
}

/**
 * Per item one bar stacked to 100% of its answers, 'Nee', 'Ja, verbetering mogelijk' and
 * 'Ja, goed voor elkaar' from left to right in the answer colours (figures 5–9, 12 and
 * 14–21 of the 2009 report), with the percentage in each segment wide enough to hold it.
 */
export function renderItemStackChart(input: ItemStackInput): string {
  return drawCached(`renderItemStackChart:${JSON.stringify(input)}`, () =>
    drawItemStackChart(input),
  );
}

function drawItemStackChart(input: ItemStackInput): string {
  const rowHeight = 34;
  const top = 8;
  const left = labelWidth(input.items.map((item) => item.label));
  // Room for half the '100%' under the axis's right end.
  const right = 20;
  const count = Math.max(input.items.length, 1);
  const legendTop = top + count * rowHeight + 36;
  // Each entry as wide as its label (0.6 em per character is generous for the system fonts).
  const offsets = ANSWER_LABELS.map((_, answer) =>
    ANSWER_LABELS.slice(0, answer).reduce((x, label) => x + 34 + label.length * 7.2, 0),
  );
  const legend = ANSWER_LABELS.map((label, answer) => {
    const x = offsets[answer] ?? 0;
    return [
      {
        type: 'rect',
        silent: true,
        shape: { x: x + 0.5, y: legendTop - 6, width: 15, height: 12 },
        style: { fill: ANSWER_COLOURS[answer] },
      },
      textGraphic(x + 20, legendTop, label, { fontSize: SMALL_FONT_SIZE }),
    ];
  }).flat();
  const height = legendTop + 16;
  const bottom = height - top - count * rowHeight;
  const series = ANSWER_LABELS.map((name, answer) => ({
    type: 'bar' as const,
    name,
    stack: 'antwoorden',
    barWidth: 18,
    silent: true,
    itemStyle: { color: ANSWER_COLOURS[answer], borderColor: '#ffffff', borderWidth: 1 },
    label: {
      show: true,
      position: 'inside' as const,
      color: BAND_TEXT_COLOURS[(['aandacht', 'weg', 'goed'] as const)[answer] ?? 'goed'],
      fontSize: SMALL_FONT_SIZE,
      fontFamily: CHART_FONT_FAMILY,
      formatter: (params: { value: unknown }) =>
        typeof params.value === 'number' && params.value >= 9 ? `${Math.round(params.value)}%` : '',
    },
    data: input.items.map((item) => {
      const value = item.percentages?.[answer];
      return value === null || value === undefined || value <= 0 ? null : value;
    }),
  }));
  const notes = input.items.flatMap((item, index) =>
    item.percentages === null || item.percentages.every((value) => value === null)
      ? [
          textGraphic(
            left + 6,
            top + (index + 0.5) * rowHeight,
            item.suppressed ? SUPPRESSED_TEXT : 'geen antwoorden',
            { fill: TEXT_MUTED, fontSize: SMALL_FONT_SIZE },
          ),
        ]
      : [],
  );
  const svg = renderChartSvg(
    {
      ...BASE_OPTION,
      grid: { left, right, top, bottom, outerBoundsMode: 'none' },
      xAxis: PERCENT_AXIS,
      yAxis: {
        type: 'category',
        inverse: true,
        data: input.items.map((item) => fitLabel(item.label, left - 12)),
        axisTick: { show: false },
        axisLine: { lineStyle: { color: TEXT_MUTED } },
        axisLabel: {
          color: TEXT,
          fontSize: SMALL_FONT_SIZE,
          fontFamily: CHART_FONT_FAMILY,
          lineHeight: 13,
        },
      },
      graphic: [...notes, ...legend],
      series,
    },
    { width: WIDTH, height, alt: input.alt },
  );
  return addRowFocus(
    svg,
    input.items.map((item) => ({
      name:
        item.suppressed || item.percentages === null
          ? `${item.label}: ${item.suppressed ? SUPPRESSED_TEXT : 'geen antwoorden'}`
          : `${item.label}: ${ANSWER_LABELS.map(
              (label, answer) => `${label} ${formatPercentValue(item.percentages?.[answer] ?? 0)}`,
            ).join(', ')} (${municipalities(item.answered)})`,
    })),
    { top, rowHeight, width: WIDTH },
  );
}

// ---------------------------------------------------------------------------------------
// Maps, drawn by hand from the boundaries of the round's register: an SVG path per area gives each province its
// own focusable element with a name, which ECharts' map series cannot.

interface Feature {
  readonly properties: Readonly<Record<string, unknown>>;
  readonly geometry:
    | { readonly type: 'Polygon'; readonly coordinates: number[][][] }
    | { readonly type: 'MultiPolygon'; readonly coordinates: number[][][][] };
}

interface Projected {
  readonly width: number;
  readonly height: number;
  readonly paths: ReadonlyMap<string, string>;
  /** Lines drawn over the areas (province borders), or '' when the areas carry their own. */
  readonly borders: string;
}

const MAP_WIDTH = 400;
const projections = new Map<string, Projected>();

/**
 * Projects a GeoJSON file of the Netherlands to SVG paths keyed by `key` (a plate carrée
 * with the longitude scaled by cos 52.2°, close enough to the RD projection at this size),
 * once per file and key: reference data that does not change while the app runs. Features
 * with the same key become one path (the municipalities of a province), and `borderLines`
 * (longitude/latitude) are projected the same way into one path of lines.
 */
function projectGeometry(
  file: string,
  key: string,
  borderLines: readonly (readonly (readonly [number, number])[])[] = [],
): Projected {
  const known = projections.get(`${file}:${key}`);
  if (known) return known;
  const path = join(BOUNDARY_FOLDER, file);
  const collection = JSON.parse(readFileSync(path, 'utf8')) as { features: Feature[] };
  const scaleX = Math.cos((52.2 * Math.PI) / 180);
  const rings = (feature: Feature) =>
    feature.geometry.type === 'Polygon'
      ? feature.geometry.coordinates
      : feature.geometry.coordinates.flat();
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const feature of collection.features) {
    for (const ring of rings(feature)) {
      for (const [lon = 0, lat = 0] of ring) {
        minX = Math.min(minX, lon * scaleX);
        maxX = Math.max(maxX, lon * scaleX);
        minY = Math.min(minY, -lat);
        maxY = Math.max(maxY, -lat);
      }
    }
  }
  const margin = 4;
  const scale = (MAP_WIDTH - 2 * margin) / (maxX - minX);
  const height = Math.ceil((maxY - minY) * scale + 2 * margin);
  const point = ([lon = 0, lat = 0]: readonly number[]) =>
    `${((lon * scaleX - minX) * scale + margin).toFixed(1)} ${((-lat - minY) * scale + margin).toFixed(1)}`;
  const paths = new Map<string, string>();
  for (const feature of collection.features) {
    const d = rings(feature)
      .map((ring) => `M${ring.map(point).join('L')}Z`)
      .join('');
    const id = String(feature.properties[key]);
    paths.set(id, (paths.get(id) ?? '') + d);
  }
  const borders = borderLines.map((line) => `M${line.map(point).join('L')}`).join('');
  const projected = { width: MAP_WIDTH, height, paths, borders };
  projections.set(`${file}:${key}`, projected);
  return projected;
}

/**
 * The provinces of a register as projected areas. 2009 ships its own province boundaries;
 * for a later register a province is the union of its municipalities' areas, with the
 * borders between provinces drawn over them (see loadProvinceBorders).
 */
function projectProvinces(registerId: string): Projected {
  const boundaryRegister = findBoundaryRegister(registerId);
  if (boundaryRegister === '2009')
    return projectGeometry('provinces_2009.geojson', 'province_code');
  return projectGeometry(
    `municipalities_${boundaryRegister}.geojson`,
    'province_code',
    loadProvinceBorders(boundaryRegister),
  );
}

/**
 * Sequential classes of the share 'goed voor elkaar' for the maps, light to dark (ColorBrewer
 * Greens, safe for colour-blind readers and distinct in grey); each class differs in
 * lightness, and the table beside the map carries the exact figures.
 */
export const SHARE_CLASSES: readonly { readonly from: number; readonly colour: string }[] = [
  { from: 0, colour: '#edf8e9' },
  { from: 20, colour: '#bae4b3' },
  { from: 40, colour: '#74c476' },
  { from: 60, colour: '#31a354' },
  { from: 80, colour: '#006d2c' },
];

/** Withheld or without data: hatched by a lighter grey with the theme's border. */
export const NO_DATA_COLOUR = '#d9dede';

/** The class colour of a percentage. */
export function findShareColour(percent: number | null): string {
  if (percent === null) return NO_DATA_COLOUR;
  let colour = SHARE_CLASSES[0]?.colour ?? NO_DATA_COLOUR;
  for (const shareClass of SHARE_CLASSES)
    if (percent >= shareClass.from) colour = shareClass.colour;
  return colour;
}

/** The legend entries of the share map, in order. */
export function listShareLegend(): { readonly label: string; readonly colour: string }[] {
  return [
    ...SHARE_CLASSES.map((shareClass, index) => {
      const next = SHARE_CLASSES[index + 1];
      return {
        label: next ? `${shareClass.from} tot ${next.from}%` : `${shareClass.from}% of meer`,
        colour: shareClass.colour,
      };
    }),
    { label: `${SUPPRESSED_TEXT} of geen gegevens`, colour: NO_DATA_COLOUR },
  ];
}

function drawLegend(
  entries: readonly { readonly label: string; readonly colour: string; readonly stroke?: string }[],
  top: number,
): { svg: string; height: number } {
  const lineHeight = 20;
  const svg = entries
    .map((entry, index) => {
      const y = top + index * lineHeight;
      return `<rect x="4.5" y="${y + 0.5}" width="15" height="12" fill="${entry.colour}" stroke="${entry.stroke ?? NO_MARK_OUTLINE}" stroke-width="1"/><text x="26" y="${y + 10}" font-size="${SMALL_FONT_SIZE}" font-family="${escapeXml(CHART_FONT_FAMILY)}" fill="${TEXT}">${escapeXml(entry.label)}</text>`;
    })
    .join('');
  return { svg, height: entries.length * lineHeight + 4 };
}

export interface ProvinceChoroplethInput {
  readonly provinces: readonly {
    /** Province code, PV20 … PV31. */
    readonly code: string;
    readonly name: string;
    readonly percent: number | null;
    readonly respondents: number;
    readonly suppressed?: boolean;
  }[];
  readonly alt: string;
  /** What the percentage means, in each province's name: "goed voor elkaar". */
  readonly valueLabel: string;
  /** The register whose boundaries are drawn: the round's (default 2009). */
  readonly registerId?: string;
}

/**
 * The 12 provinces of the register, each in the class colour of its percentage, focusable
 * with its figure as its name; withheld provinces in grey. The legend stands below the map.
 */
export function renderProvinceChoropleth(input: ProvinceChoroplethInput): string {
  return drawCached(`renderProvinceChoropleth:${JSON.stringify(input)}`, () => {
    const map = projectProvinces(input.registerId ?? '2009');
    // Areas made of municipalities carry a stroke in their own colour, which hides the seams
    // between the municipalities; the province borders are drawn over them.
    const stroke = (fill: string) =>
      map.borders ? `stroke="${fill}" stroke-width="0.5"` : 'stroke="#ffffff" stroke-width="1"';
    const legend = drawLegend(listShareLegend(), map.height + 8);
    const byCode = new Map(input.provinces.map((province) => [province.code, province]));
    const areas = [...map.paths.entries()]
      .map(([code, d]) => {
        const province = byCode.get(code);
        if (!province) {
          return `<path d="${d}" fill="${NO_DATA_COLOUR}" ${stroke(NO_DATA_COLOUR)}/>`;
        }
        const name = escapeXml(
          province.suppressed
            ? `${province.name}: ${SUPPRESSED_TEXT} (minder dan 5 gemeenten)`
            : province.percent === null
              ? `${province.name}: geen gegevens`
              : `${province.name}: ${formatPercentValue(province.percent)} ${input.valueLabel} (${municipalities(province.respondents)})`,
        );
        const fill = findShareColour(province.percent);
        return `<path class="bfm-chart-focus" tabindex="0" role="img" aria-label="${name}" d="${d}" fill="${fill}" ${stroke(fill)}><title>${name}</title></path>`;
      })
      .join('');
    const borders = map.borders
      ? `<path d="${map.borders}" fill="none" stroke="#ffffff" stroke-width="1" pointer-events="none"/>`
      : '';
    const height = map.height + 8 + legend.height;
    const alt = escapeXml(input.alt);
    return `<svg role="group" aria-label="${alt}" width="100%" viewBox="0 0 ${map.width} ${height}" xmlns="http://www.w3.org/2000/svg"><title>${alt}</title>${areas}${borders}${legend.svg}</svg>`;
  });
}

export interface MunicipalityChoroplethInput {
  /** The municipalities the viewer may see by name; the others are drawn grey, unnamed. */
  readonly municipalities: readonly {
    readonly code: string;
    readonly name: string;
    /** The band of its mark, or null: no mark. */
    readonly band: Exclude<BandKey, 'geen'> | null;
  }[];
  readonly alt: string;
  /** The register whose boundaries are drawn: the round's (default 2009). */
  readonly registerId?: string;
}

/** Areas not shown by name. */
const HIDDEN_COLOUR = '#f4f6f6';

/**
 * The municipalities of the register (441 in 2009, 342 in 2025), each listed one in the
 * colour of the band of its mark for the basisfunctie; the others light grey without a
 * name. One image: the table beside it is the keyboard's and the screen reader's way to the
 * same figures.
 */
export function renderMunicipalityChoropleth(input: MunicipalityChoroplethInput): string {
  return drawCached(`renderMunicipalityChoropleth:${JSON.stringify(input)}`, () => {
    const map = projectGeometry(
      `municipalities_${findBoundaryRegister(input.registerId ?? '2009')}.geojson`,
      'code',
    );
    const byCode = new Map(input.municipalities.map((m) => [m.code, m]));
    const areas = [...map.paths.entries()]
      .map(([code, d]) => {
        const municipality = byCode.get(code);
        if (!municipality) {
          return `<path d="${d}" fill="${HIDDEN_COLOUR}" stroke="#b8c2c3" stroke-width="0.3"/>`;
        }
        const band = municipality.band ?? 'geen';
        const title = escapeXml(`${municipality.name}: ${BAND_LABELS[band]}`);
        return `<path d="${d}" fill="${BAND_COLOURS[band]}" stroke="#ffffff" stroke-width="0.3"><title>${title}</title></path>`;
      })
      .join('');
    const legend = drawLegend(
      [
        ...(['goed', 'weg', 'aandacht', 'geen'] as const).map((band) => ({
          label: BAND_LABELS[band],
          colour: BAND_COLOURS[band],
        })),
        { label: 'niet bij naam te zien', colour: HIDDEN_COLOUR },
      ],
      map.height + 8,
    );
    const height = map.height + 8 + legend.height;
    const alt = escapeXml(input.alt);
    return `<svg role="img" aria-label="${alt}" width="100%" viewBox="0 0 ${map.width} ${height}" xmlns="http://www.w3.org/2000/svg"><title>${alt}</title>${areas}${legend.svg}</svg>`;
  });
}

// ---------------------------------------------------------------------------------------
// One-sentence summaries, generated from the numbers, for the text beside each chart.

/**
 * The highest and lowest of a set of percentages, in one sentence; withheld rows are named
 * as such.
 *
 * @example summarizeBars(rows, 'goed voor elkaar')
 * // "Het hoogst: Informatie (62% goed voor elkaar); het laagst: Vervoer (21%)."
 */
export function summarizeBars(rows: readonly BarRow[], valueLabel: string): string {
  const shown = rows.filter(
    (row): row is BarRow & { percent: number } => row.percent !== null && !row.suppressed,
  );
  const withheld = rows.filter((row) => row.suppressed).length;
  const tail =
    withheld > 0
      ? ` ${withheld} ${withheld === 1 ? 'cijfer is' : 'cijfers zijn'} ${SUPPRESSED_TEXT} omdat ${withheld === 1 ? 'het' : 'ze'} op minder dan 5 gemeenten ${withheld === 1 ? 'rust' : 'rusten'} of anders te herleiden ${withheld === 1 ? 'is' : 'zijn'}.`
      : '';
  if (shown.length === 0) return `Er zijn geen cijfers te tonen.${tail}`;
  const sorted = [...shown].sort((a, b) => b.percent - a.percent);
  const high = sorted[0] as BarRow & { percent: number };
  const low = sorted[sorted.length - 1] as BarRow & { percent: number };
  if (sorted.length === 1 || high.percent === low.percent) {
    return `${sorted.length === 1 ? high.label : 'Alle'}: ${formatPercentValue(high.percent)} ${valueLabel}.${tail}`;
  }
  return `Het hoogst: ${high.label} (${formatPercentValue(high.percent)} ${valueLabel}); het laagst: ${low.label} (${formatPercentValue(low.percent)}).${tail}`;
}

/**
 * Of a set of items, which has the largest share 'Ja, goed voor elkaar' and which the
 * largest share 'Nee'.
 */
export function summarizeItems(items: ItemStackInput['items']): string {
  const shown = items.filter((item) => item.percentages && item.percentages[2] != null);
  if (shown.length === 0) return 'Er zijn geen verdelingen te tonen.';
  const goed = [...shown].sort((a, b) => (b.percentages?.[2] ?? 0) - (a.percentages?.[2] ?? 0))[0];
  const nee = [...shown].sort((a, b) => (b.percentages?.[0] ?? 0) - (a.percentages?.[0] ?? 0))[0];
  return `Het vaakst 'Ja, goed voor elkaar' is ${goed?.label} (${formatPercentValue(goed?.percentages?.[2] ?? 0)}), het vaakst 'Nee' ${nee?.label} (${formatPercentValue(nee?.percentages?.[0] ?? 0)}).`;
}
