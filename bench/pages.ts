/**
 * Benchmark: the pages people open most, over HTTP on loopback, on PGlite (data folder on
 * disk), for a national round of 441 municipalities with a realistic mix of statuses
 * (tests/support/round-mix.ts). Each page is fetched 50 times in a row by one signed-in user;
 * reports p50 and p99 of the time to the last byte of the HTML (compressed, as a browser
 * gets it).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/client.ts';
import { loadReferenceData } from '../src/services/reference-data.ts';
import { startWebServer } from '../src/web/server.ts';
import { CAST_EMAILS, openRound, seedAccounts, TEST_PASSWORD } from '../tests/support/factories.ts';
import { seedRoundMix } from '../tests/support/round-mix.ts';
import { logIn, percentile } from './support.ts';

const RUNS = 50;
const ROUND = '/metingen/meting-2026';
const PAGES: [string, keyof typeof CAST_EMAILS, string][] = [
  ['home, coordinator', 'coordinator', '/'],
  ['home, advisor', 'advisor', '/'],
  ['round page, first 50 of 441', 'coordinator', ROUND],
  ['round page, searched and filtered', 'coordinator', `${ROUND}?zoek=a&provincie=PV27`],
  [
    'round page, by last change, page 5',
    'coordinator',
    `${ROUND}?sorteer=wijziging&volgorde=af&pagina=5`,
  ],
  ['questionnaire page', 'advisor', `${ROUND}/gemeenten/0358/mantelzorg/informatie`],
  ['municipality page', 'municipality', `${ROUND}/gemeenten/0363`],
  ['logboek', 'coordinator', `${ROUND}/gemeenten/0358/logboek`],
];

const dir = await mkdtemp(join(tmpdir(), 'bfm-bench-pages-'));
const handle = await openDatabase({ dataDir: join(dir, 'data') });
try {
  await handle.migrate();
  await loadReferenceData(handle.db);
  const cast = await seedAccounts(handle.db);
  await openRound(handle.db, cast.coordinator);
  await seedRoundMix(handle.db, cast, 'meting-2026');
  const server = await startWebServer({ handle, port: 0 });
  try {
    const cookies = new Map<string, string>();
    process.stdout.write(`Pages on PGlite (data folder on disk), Node ${process.version}\n`);
    for (const [label, who, path] of PAGES) {
      const cookie = cookies.get(who) ?? (await logIn(server.url, CAST_EMAILS[who], TEST_PASSWORD));
      cookies.set(who, cookie);
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < RUNS; i += 1) {
        const t0 = performance.now();
        const response = await fetch(`${server.url}${path}`, {
          headers: { Cookie: cookie, 'Accept-Encoding': 'gzip, br' },
        });
        const body = await response.arrayBuffer();
        times.push(performance.now() - t0);
        if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
        bytes = body.byteLength;
      }
      const sorted = times.sort((a, b) => a - b);
      process.stdout.write(
        `${label.padEnd(38)} p50 ${percentile(sorted, 50).toFixed(1).padStart(6)} ms  p99 ${percentile(sorted, 99).toFixed(1).padStart(6)} ms  ${Math.round(bytes / 1024)} kB\n`,
      );
    }
  } finally {
    await server.close();
  }
} finally {
  await handle.close();
  await rm(dir, { recursive: true, force: true });
}
