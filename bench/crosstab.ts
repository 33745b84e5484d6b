/**
 * Benchmark: cross-tables on the demo round (441 municipalities, both questionnaires), on
 * PGlite in a data folder on disk:
 *
 *   1. the service (`crossTabulateQuestions`) for three kinds of pairs;
 *   2. the page `/metingen/ID/analyse/kruistabel` rendered on the server, under 50 concurrent
 *      readers on loopback (10 waves, 500 requests), for an analyst (every figure) and a
 *      municipality account (small cells withheld): p50 and p95 to the last byte;
 *   3. its CSV and Excel downloads.
 *
 * Run with `npm run bench:crosstab`; `benchCrossTab()` gives the figures to bench/run.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/client.ts';
import { crossTabulateQuestions } from '../src/services/crosstab-service.ts';
import { DEMO_ROUND_ID, loadDemoRound } from '../src/services/demo-data.ts';
import { loadReferenceData } from '../src/services/reference-data.ts';
import { startWebServer } from '../src/web/server.ts';
import { CAST_EMAILS, seedAccounts, TEST_PASSWORD } from '../tests/support/factories.ts';
import { logIn, percentile } from './support.ts';

const READERS = 50;
const WAVES = 10;
const PAIRS = [
  ['3-point × 3-point', 'mantelzorg.17', 'mantelzorg.19'],
  [
    'single choice × count goed (two questionnaires)',
    'mantelzorg.15',
    'vrijwilligerswerk.aantal-goed',
  ],
  ['multiple choice × band', 'mantelzorg.18', 'mantelzorg.band.informatie'],
] as const;
const QUERY = '?rij=mantelzorg.15&kolom=vrijwilligerswerk.aantal-goed';

export interface CrossTabBenchResult {
  readonly service: { readonly label: string; readonly medianMs: number }[];
  readonly pages: { readonly label: string; readonly p50Ms: number; readonly p95Ms: number }[];
  readonly downloads: { readonly label: string; readonly medianMs: number }[];
}

async function time(run: () => Promise<unknown>, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return percentile(
    times.sort((a, b) => a - b),
    50,
  );
}

export async function benchCrossTab(): Promise<CrossTabBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'bfm-bench-crosstab-'));
  const handle = await openDatabase({ dataDir: join(dir, 'data') });
  try {
    await handle.migrate();
    await loadReferenceData(handle.db);
    await loadDemoRound(handle.db);
    await seedAccounts(handle.db, ['coordinator', 'analyst', 'municipality']);
    const service = [];
    for (const [label, row, column] of PAIRS) {
      await crossTabulateQuestions(handle.db, DEMO_ROUND_ID, { row, column });
      service.push({
        label,
        medianMs: await time(
          () => crossTabulateQuestions(handle.db, DEMO_ROUND_ID, { row, column }),
          30,
        ),
      });
    }
    // React in production mode, as `bfm serve` runs it; no PUBLIC_URL needed on loopback.
    const server = await startWebServer({ handle, port: 0, production: false });
    try {
      const page = `${server.url}/metingen/${DEMO_ROUND_ID}/analyse/kruistabel`;
      const pages = [];
      for (const who of ['analyst', 'municipality'] as const) {
        const cookie = await logIn(server.url, CAST_EMAILS[who], TEST_PASSWORD);
        const fetchPage = async () => {
          const t0 = performance.now();
          const response = await fetch(`${page}${QUERY}`, {
            headers: { Cookie: cookie, 'Accept-Encoding': 'gzip, br' },
          });
          await response.arrayBuffer();
          if (response.status !== 200) throw new Error(`${who}: ${response.status}`);
          return performance.now() - t0;
        };
        await fetchPage();
        const times: number[] = [];
        for (let wave = 0; wave < WAVES; wave += 1) {
          times.push(...(await Promise.all(Array.from({ length: READERS }, fetchPage))));
        }
        const sorted = times.sort((a, b) => a - b);
        pages.push({
          label: `page, ${who}, ${READERS} concurrent readers`,
          p50Ms: percentile(sorted, 50),
          p95Ms: percentile(sorted, 95),
        });
      }
      const cookie = await logIn(server.url, CAST_EMAILS.coordinator, TEST_PASSWORD);
      const downloads = [];
      for (const format of ['csv', 'xlsx']) {
        downloads.push({
          label: `download .${format}`,
          medianMs: await time(async () => {
            const response = await fetch(`${page}.${format}${QUERY}`, {
              headers: { Cookie: cookie },
            });
            await response.arrayBuffer();
          }, 20),
        });
      }
      return { service, pages, downloads };
    } finally {
      await server.close();
    }
  } finally {
    await handle.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export function formatCrossTabResults(result: CrossTabBenchResult): string {
  return [
    'Cross-tables on the demo round (441 municipalities), PGlite',
    ...result.service.map((s) => `  service, ${s.label.padEnd(48)} ${s.medianMs.toFixed(1)} ms`),
    ...result.pages.map(
      (p) => `  ${p.label.padEnd(57)} p50 ${p.p50Ms.toFixed(1)} ms  p95 ${p.p95Ms.toFixed(1)} ms`,
    ),
    ...result.downloads.map((d) => `  ${d.label.padEnd(57)} ${d.medianMs.toFixed(1)} ms`),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${formatCrossTabResults(await benchCrossTab())}\n`);
}
