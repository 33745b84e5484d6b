/**
 * Draws an ECharts option as a static SVG string for a page with a strict
 * Content-Security-Policy and for the tagged PDF: no style sheet, no style attributes, no
 * event handlers, no ECharts metadata; an accessible name and a title; and a viewBox with
 * `width="100%"` so the drawing scales to its container (a 390 px phone, an A4 page).
 */
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';

export interface ChartFrame {
  /** Width of the drawing in viewBox units (CSS pixels at scale 1). */
  readonly width: number;
  readonly height: number;
  /** The alternative text: the SVG's aria-label and its <title>. */
  readonly alt: string;
}

/** Escapes text for XML content and double-quoted attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/**
 * Renders `option` to SVG and makes it fit for the report (see the module comment).
 *
 * One chart instance is made per drawing: an instance reused with `setOption(…, true)`
 * keeps state between drawings (ids, the text-measurement cache of its painter), and a
 * fresh one costs well under a millisecond, so reuse would buy nothing and risk output that
 * depends on what was drawn before.
 */
export function renderChartSvg(option: EChartsOption, frame: ChartFrame): string {
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: frame.width,
    height: frame.height,
  });
  try {
    chart.setOption({ animation: false, ...option });
    return finishChartSvg(chart.renderToSVGString(), frame);
  } finally {
    chart.dispose();
  }
}

// ECharts spends 4–10 ms on a chart (CPU profile: its option model, axes and layout, spread
// over many functions; a fresh instance costs under a millisecond, so reusing one does not
// help). A report page draws some 30 charts and is opened again and again while its data do
// not change, so finished SVG is kept, keyed by everything that goes into it, as the round
// map is (map-service.ts). It holds derived output only, so each app instance keeps its own.
const CACHE_SIZE = 512;
const cache = new Map<string, string>();

/**
 * `draw()` for `key`, from the cache when the same key was drawn before. The key must hold
 * the whole input of the drawing (the chart's name and its input as JSON).
 */
export function drawCached(key: string, draw: () => string): string {
  const cached = cache.get(key);
  if (cached !== undefined) {
    // Most recently used last, so the oldest is the first to go.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const svg = draw();
  cache.set(key, svg);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return svg;
}

/** Empties the cache (benchmarks measure drawing, not the cache). */
export function clearChartCache(): void {
  cache.clear();
}

// The presentation attributes SVG has for the properties ECharts writes in style attributes.
const STYLE_TO_ATTRIBUTE: Readonly<Record<string, string>> = {
  'font-size': 'font-size',
  'font-family': 'font-family',
  'font-weight': 'font-weight',
  'font-style': 'font-style',
};

/**
 * Turns `style="font-size:12px;font-family:…"` into presentation attributes: a strict
 * `style-src` refuses style attributes, and text would then fall back to the browser's
 * default font and size. Properties without a presentation attribute are dropped.
 */
function replaceStyleAttribute(_match: string, declarations: string): string {
  const attributes: string[] = [];
  for (const declaration of declarations.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim();
    const attribute = STYLE_TO_ATTRIBUTE[property];
    if (!attribute) continue;
    let value = declaration.slice(colon + 1).trim();
    if (property === 'font-size') value = value.replace(/px$/, '');
    attributes.push(` ${attribute}="${value}"`);
  }
  return attributes.join('');
}

/**
 * Makes ECharts' SVG static, self-describing and scalable.
 *
 * - the hover rules are an inline style sheet, which the Content-Security-Policy refuses
 *   (and a static chart does not hover): removed with the classes that point at them;
 * - `ecmeta_*` attributes are ECharts' server-side metadata for hydration: removed;
 * - style attributes become presentation attributes;
 * - the root gets `role="img"`, the alternative text as `aria-label` and `<title>`, and
 *   `width="100%"` without a height, so the viewBox's aspect ratio sets the height.
 */
export function finishChartSvg(svg: string, frame: ChartFrame): string {
  const alt = escapeXml(frame.alt);
  return svg
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/ class="zr\d+-cls-\d+"/g, '')
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
    .replace(/ style="([^"]*)"/g, replaceStyleAttribute)
    .replace(/\n+/g, '\n')
    .replace(
      /^<svg width="[\d.]+" height="[\d.]+"/,
      `<svg role="img" aria-label="${alt}" width="100%"`,
    )
    .replace(/(<svg [^>]*>)/, `$1<title>${alt}</title>`);
}
