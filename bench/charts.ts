/**
 * Issue 9: the render time of each chart of the municipality report (ECharts, server-side
 * SVG), p50 and p95 over 200 renders after a warm-up, with inputs of a full report's size:
 * 4 summary rows, 12 items, the marks of 441 municipalities, 6 comparison groups. A report
 * draws some 30 charts, so the last lines give a report's worth (one summary and a third each
 * of the others), drawn anew and again from the cache. Drawing runs clear the cache first.
 *
 * Run on its own with `npm run bench:charts`; `npm run bench` runs it too.
 */
import {
  renderBandSummaryChart,
  renderComparisonChart,
  renderItemDistributionChart,
  renderMarkDistributionChart,
} from '../src/services/charts/report-charts.ts';
import { clearChartCache } from '../src/services/charts/echarts-svg.ts';

export interface ChartFigure {
  readonly chart: string;
  readonly runs: number;
  readonly firstMs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  /** Mean CPU time per render (user + system): steadier than wall time on a busy machine. */
  readonly cpuMs: number;
  readonly bytes: number;
}

export interface ChartResults {
  readonly charts: readonly ChartFigure[];
  /** Wall time of 30 charts as a report draws them. */
  readonly reportMs: ChartFigure;
  /** The same, drawn before: from the cache of finished SVG. */
  readonly reportCachedMs: ChartFigure;
}

const RUNS = 200;
const WARM_UP = 20;

// A fixed pseudo-random sequence, so every run draws the same charts.
function createRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const random = createRandom(9);
const percentages = (): [number, number, number] => {
  const a = Math.round(random() * 60);
  const b = Math.round(random() * (100 - a));
  return [a, b, 100 - a - b];
};

function buildInputs(variant: number) {
  return {
    band: {
      alt: 'Samenvatting van de basisfuncties',
      rows: [
        {
          label: 'Gemeente – vrijwilligerswerk',
          counts: { goed: 2, weg: 1, aandacht: 1, geen: 1 },
        },
        {
          label: 'Landelijk gemiddelde – vrijwilligerswerk',
          counts: { goed: 1.7, weg: 1.4, aandacht: 1.6, geen: 0.3 },
        },
        { label: 'Gemeente – mantelzorg', counts: { goed: 4, weg: 2, aandacht: 2, geen: 0 } },
        {
          label: 'Landelijk gemiddelde – mantelzorg',
          counts: { goed: 3.1, weg: 2.2, aandacht: 2.5, geen: 0.2 },
        },
      ],
    },
    items: {
      alt: 'Antwoorden per vraag',
      groupLabel: 'Alle gemeenten (n = 441)',
      items: Array.from({ length: 12 }, (_, index) => ({
        label: `Vraag ${index + 1 + variant}`,
        percentages: percentages(),
        own: ([1, 2, 3, null] as const)[(index + variant) % 4] ?? null,
      })),
    },
    marks: {
      alt: 'Cijfers van alle gemeenten',
      marks: Array.from({ length: 441 }, () => Math.round(random() * 100) / 10),
      own: (variant % 100) / 10,
      bar: 6,
      groupLabel: 'Alle gemeenten (n = 441)',
    },
    comparison: {
      alt: "Percentage 'goed voor elkaar' per groep",
      ownMark: 5 + (variant % 10) / 10,
      rows: [
        { label: 'Landelijk', percentGoed: 34 },
        { label: 'Grootteklasse 20.000–50.000', percentGoed: 31 },
        { label: 'Overige gemeenten', percentGoed: 30 },
        { label: 'Noord-Holland', percentGoed: 22 },
        { label: 'Buurgemeenten', percentGoed: variant % 2 === 0 ? null : 40 },
        { label: 'Eigen vergelijkingsgroep', percentGoed: null },
      ],
    },
  };
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] as number;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

function measure(
  chart: string,
  draw: (variant: number) => string,
  runs = RUNS,
  cached = false,
): ChartFigure {
  let start = performance.now();
  const svg = draw(0);
  const firstMs = performance.now() - start;
  for (let run = 1; run <= WARM_UP; run += 1) draw(run);
  const samples: number[] = [];
  const cpuBefore = process.cpuUsage();
  // Each run draws a slightly different chart, as a bulk run does: nothing can be reused.
  for (let run = 0; run < runs; run += 1) {
    if (!cached) clearChartCache();
    start = performance.now();
    draw(WARM_UP + 1 + run);
    samples.push(performance.now() - start);
  }
  const cpu = process.cpuUsage(cpuBefore);
  samples.sort((a, b) => a - b);
  return {
    chart,
    runs,
    firstMs: round(firstMs),
    p50Ms: round(quantile(samples, 0.5)),
    p95Ms: round(quantile(samples, 0.95)),
    cpuMs: round((cpu.user + cpu.system) / 1000 / runs),
    bytes: svg.length,
  };
}

export function benchCharts(): ChartResults {
  const inputs = Array.from({ length: RUNS + WARM_UP + 1 }, (_, variant) => buildInputs(variant));
  const at = (variant: number) => inputs[variant % inputs.length] as ReturnType<typeof buildInputs>;
  const charts = [
    measure('band summary (4 rows)', (v) => renderBandSummaryChart(at(v).band)),
    measure('item distribution (12 items)', (v) => renderItemDistributionChart(at(v).items)),
    measure('mark distribution (441 marks)', (v) => renderMarkDistributionChart(at(v).marks)),
    measure('comparison (6 groups)', (v) => renderComparisonChart(at(v).comparison)),
  ];
  const reportMs = measure(
    "30 charts, a report's worth",
    (v) => {
      // Thirty different charts: consecutive variants differ in every chart.
      let last = renderBandSummaryChart(at(v).band);
      for (let i = 0; i < 29; i += 1) {
        const input = at(v + i);
        const kind = i % 3;
        last =
          kind === 0
            ? renderItemDistributionChart(input.items)
            : kind === 1
              ? renderMarkDistributionChart(input.marks)
              : renderComparisonChart(input.comparison);
      }
      return last;
    },
    40,
  );
  // The same report again (a page opened twice): every chart from the cache.
  const reportCachedMs = measure(
    '30 charts again, from the cache',
    () => {
      const input = at(0);
      let last = renderBandSummaryChart(input.band);
      for (let i = 0; i < 29; i += 1) {
        const kind = i % 3;
        last =
          kind === 0
            ? renderItemDistributionChart(input.items)
            : kind === 1
              ? renderMarkDistributionChart(input.marks)
              : renderComparisonChart(input.comparison);
      }
      return last;
    },
    RUNS,
    true,
  );
  return { charts, reportMs, reportCachedMs };
}

export function formatChartResults(results: ChartResults): string {
  const line = (figure: ChartFigure) =>
    `${figure.chart.padEnd(36)} p50 ${String(figure.p50Ms).padStart(7)} ms  p95 ${String(figure.p95Ms).padStart(7)} ms  CPU ${String(figure.cpuMs).padStart(7)} ms  first ${String(figure.firstMs).padStart(7)} ms  (${figure.runs} runs${figure.bytes ? `, ${Math.round(figure.bytes / 100) / 10} kB` : ''})`;
  return [
    'Report charts (ECharts server-side SVG)',
    ...results.charts.map(line),
    line({ ...results.reportMs, bytes: 0 }),
    line({ ...results.reportCachedMs, bytes: 0 }),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${formatChartResults(benchCharts())}\n`);
}
