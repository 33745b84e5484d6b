/**
 * Benchmark: the public view of a published round (issue 10) over HTTP on loopback, on PGlite
 * (data folder on disk), for the demo round of 441 municipalities: the time to the last byte
 * of each public address under 50 concurrent anonymous readers (p50, p95), after one warm-up
 * request, and the cost of computing the open-data document once without its cache.
 *
 * Run with `npm run bench:public`. `benchPublic()` returns the figures for bench/run.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/client.ts';
import { DEMO_ROUND_ID, loadDemoRound } from '../src/services/demo-data.ts';
import {
  clearOpenDataCache,
  loadOpenData,
  publishRound,
} from '../src/services/publication-service.ts';
import { loadReferenceData } from '../src/services/reference-data.ts';
import { createLinks } from '../src/web/links.ts';
import { startWebServer } from '../src/web/server.ts';
import { percentile } from './support.ts';

const READERS = 50;
const REQUESTS_PER_READER = 4;

export interface PublicBenchResult {
  readonly label: string;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly kB: number;
}

export async function benchPublic(): Promise<{
  readonly documentColdMs: number;
  readonly pages: readonly PublicBenchResult[];
}> {
  const dir = await mkdtemp(join(tmpdir(), 'bfm-bench-public-'));
  const handle = await openDatabase({ dataDir: join(dir, 'data') });
  try {
    await handle.migrate();
    await loadReferenceData(handle.db);
    await loadDemoRound(handle.db);
    await publishRound(handle.db, { kind: 'cli', label: 'bench' }, DEMO_ROUND_ID);
    clearOpenDataCache();
    const t0 = performance.now();
    await loadOpenData(handle.db, createLinks('http://localhost'), DEMO_ROUND_ID);
    const documentColdMs = performance.now() - t0;
    // React in production mode (NODE_ENV), the server without its production checks.
    const server = await startWebServer({ handle, port: 0, production: false });
    try {
      const base = `/openbaar/metingen/${DEMO_ROUND_ID}`;
      const pages: PublicBenchResult[] = [];
      for (const [label, path] of [
        ['/openbaar', '/openbaar'],
        ['public round page', base],
        ['data.json', `${base}/data.json`],
        ['data.csv', `${base}/data.csv`],
      ] as const) {
        const fetchOnce = async () => {
          const started = performance.now();
          const response = await fetch(`${server.url}${path}`, {
            headers: { 'Accept-Encoding': 'gzip, br' },
          });
          const body = await response.arrayBuffer();
          if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
          return { ms: performance.now() - started, bytes: body.byteLength };
        };
        const warm = await fetchOnce();
        const times: number[] = [];
        await Promise.all(
          Array.from({ length: READERS }, async () => {
            for (let i = 0; i < REQUESTS_PER_READER; i += 1) times.push((await fetchOnce()).ms);
          }),
        );
        const sorted = times.sort((a, b) => a - b);
        pages.push({
          label,
          p50Ms: Math.round(percentile(sorted, 50) * 10) / 10,
          p95Ms: Math.round(percentile(sorted, 95) * 10) / 10,
          kB: Math.round(warm.bytes / 1024),
        });
      }
      return { documentColdMs: Math.round(documentColdMs * 10) / 10, pages };
    } finally {
      await server.close();
    }
  } finally {
    await handle.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export function formatPublicResults(result: Awaited<ReturnType<typeof benchPublic>>): string {
  return [
    `Public view on PGlite (data folder on disk), ${READERS} concurrent readers × ${REQUESTS_PER_READER}, Node ${process.version}`,
    `open-data document, computed without cache: ${result.documentColdMs} ms`,
    ...result.pages.map(
      (page) =>
        `${page.label.padEnd(20)} p50 ${page.p50Ms.toFixed(1).padStart(7)} ms  p95 ${page.p95Ms.toFixed(1).padStart(7)} ms  ${page.kB} kB`,
    ),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${formatPublicResults(await benchPublic())}\n`);
}
