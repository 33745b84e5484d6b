/**
 * Benchmark (issue 10): the server render of the analysis dashboard's pages under 50
 * concurrent readers (each opening the page every 2 to 6 seconds) over HTTP on loopback, on PGlite (data folder on disk), for the demo
 * round (441 municipalities, both questionnaires). Each reader is a signed-in coordinator,
 * analyst or municipality account fetching the page in a loop; p50 and p95 of the time to the
 * last byte (compressed, as a browser gets it) after one warm-up fetch per page (which draws
 * the charts into the chart cache). Target: p95 ≤ 150 ms. Also the download of every table in
 * one Excel workbook.
 *
 * Run it as `npm run bench:dashboard`, which sets NODE_ENV=production so that React renders
 * as in production (its development build checks every element); the server's own
 * production mode (which requires a public address) stays off.
 *
 * The server runs in this process, so the readers' fetches share its event loop: the figures
 * are an upper bound of what a separate client would see.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/client.ts';
import { DEMO_ROUND_ID, loadDemoRound } from '../src/services/demo-data.ts';
import { loadReferenceData } from '../src/services/reference-data.ts';
import { startWebServer } from '../src/web/server.ts';
import { CAST_EMAILS, seedAccounts, TEST_PASSWORD } from '../tests/support/factories.ts';
import { logIn, percentile } from './support.ts';

const READERS = Number(process.env.BFM_BENCH_READERS ?? 50);
const FETCHES_PER_READER = Number(process.env.BFM_BENCH_FETCHES ?? 4);
const CLOSED = process.env.BFM_BENCH_CLOSED === '1';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const BASE = `/metingen/${DEMO_ROUND_ID}/analyse`;
const PAGES: [string, string][] = [
  ['Respons', BASE],
  ['Basisfuncties', `${BASE}/basisfuncties`],
  ['Items', `${BASE}/items?vragenlijst=mantelzorg&basisfunctie=respijtzorg`],
  ['Meerkeuzevragen', `${BASE}/meerkeuze`],
  ['Samenvatting', `${BASE}/samenvatting`],
  ['Kaarten', `${BASE}/kaarten?basisfunctie=mantelzorg:respijtzorg`],
  ['Basisfuncties, filtered', `${BASE}/basisfuncties?groep=overig&provincie=PV27`],
];
const ROLES = ['coordinator', 'analyst', 'municipality'] as const;

const dir = await mkdtemp(join(tmpdir(), 'bfm-bench-dashboard-'));
const handle = await openDatabase({ dataDir: join(dir, 'data') });
try {
  await handle.migrate();
  await loadReferenceData(handle.db);
  await seedAccounts(handle.db);
  await loadDemoRound(handle.db);
  const server = await startWebServer({ handle, port: 0, production: false });
  try {
    const cookies = new Map<string, string>();
    for (const role of ROLES) {
      cookies.set(role, await logIn(server.url, CAST_EMAILS[role], TEST_PASSWORD));
    }
    const get = async (path: string, cookie: string) => {
      const t0 = performance.now();
      const response = await fetch(`${server.url}${path}`, {
        headers: { Cookie: cookie, 'Accept-Encoding': 'gzip, br' },
      });
      const body = await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
      return { ms: performance.now() - t0, bytes: body.byteLength };
    };
    process.stdout.write(
      `Dashboard pages, ${READERS} concurrent readers × ${FETCHES_PER_READER} fetches${CLOSED ? ' back to back' : ', each every 2–6 s'}, PGlite, Node ${process.version}\n`,
    );
    for (const [label, path] of PAGES) {
      for (const role of ROLES) await get(path, cookies.get(role) ?? '');
      const times: number[] = [];
      let bytes = 0;
      await Promise.all(
        Array.from({ length: READERS }, async (_, reader) => {
          const cookie = cookies.get(ROLES[reader % ROLES.length] ?? 'coordinator') ?? '';
          for (let i = 0; i < FETCHES_PER_READER; i += 1) {
            // Paced (as the editors benchmark's 'paced' scenario): a reader opens the page
            // every 2 to 6 seconds, as people read a page before the next; BFM_BENCH_CLOSED=1
            // fetches back to back instead (the throughput ceiling, mostly queueing).
            if (!CLOSED) await sleep(i === 0 ? Math.random() * 4000 : 2000 + Math.random() * 4000);
            const result = await get(path, cookie);
            times.push(result.ms);
            bytes = result.bytes;
          }
        }),
      );
      const sorted = times.sort((a, b) => a - b);
      process.stdout.write(
        `${label.padEnd(26)} p50 ${percentile(sorted, 50).toFixed(1).padStart(7)} ms  p95 ${percentile(sorted, 95).toFixed(1).padStart(7)} ms  ${Math.round(bytes / 1024)} kB\n`,
      );
    }
    const workbook: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      workbook.push((await get(`${BASE}/tabellen.xlsx`, cookies.get('coordinator') ?? '')).ms);
    }
    const sorted = workbook.sort((a, b) => a - b);
    process.stdout.write(
      `${'All tables, one .xlsx'.padEnd(26)} p50 ${percentile(sorted, 50).toFixed(1).padStart(7)} ms (one reader)\n`,
    );
  } finally {
    await server.close();
  }
} finally {
  await handle.close();
  await rm(dir, { recursive: true, force: true });
}
