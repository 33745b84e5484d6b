/**
 * Benchmark (issue 3): saving answers with 50 concurrent editors over HTTP on loopback, on
 * PGlite and, when BFM_BENCH_DATABASE_URL (or BFM_TEST_DATABASE_URL) is set, on PostgreSQL.
 * Each editor is a municipality account with its own session; each save is a form post of a
 * questionnaire page in which one answer changed. A third scenario saves the same change
 * through the JSON API with a bearer token per editor. Reports p50/p99 latency and throughput.
 *
 * Targets: p99 ≤ 100 ms on PGlite, ≤ 50 ms on PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../src/db/client.ts';
import { issueApiToken } from '../src/services/api-token-service.ts';
import { createUser } from '../src/services/auth-service.ts';
import { loadReferenceData, readRegister2009 } from '../src/services/reference-data.ts';
import { createRound } from '../src/services/round-service.ts';
import { startWebServer } from '../src/web/server.ts';
import { logIn, percentile } from './support.ts';

const EDITORS = 50;
/**
 * Two ways of editing: 'paced', where each editor saves about every two seconds (autosave
 * after typing, the way people fill in a form), and 'closed', where every editor saves again
 * the moment the previous save returns (a stress test: latency then mostly measures queueing).
 */
const SCENARIOS = [
  { name: 'paced', saves: 15, pauseMs: 2000, channel: 'form' },
  { name: 'closed', saves: 20, pauseMs: 0, channel: 'form' },
  { name: 'api', saves: 15, pauseMs: 2000, channel: 'api' },
] as const;
/**
 * 'joint': 25 questionnaires, each edited by two people at once over the API (the
 * municipality writes the note of an item, the coordinator its points), each from the
 * revision of their own last save. Nearly every save starts from a revision the other has
 * moved on from, so it goes through the three-way merge with a lookup of its base revision.
 */
const JOINT = { pairs: 25, saves: 15, pauseMs: 2000, question: 19 } as const;
const PASSWORD = 'benchmark wachtwoord 2026';

interface Result {
  readonly database: string;
  readonly scenario: string;
  readonly editors: number;
  readonly saves: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly savesPerSecond: number;
  readonly failures: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function run(label: string, handle: DatabaseHandle): Promise<Result[]> {
  await handle.migrate();
  await loadReferenceData(handle.db);
  await createRound(handle.db, { id: 'bench', name: 'Benchmark', status: 'open' });
  const codes = readRegister2009()
    .slice(0, EDITORS)
    .map((m) => m.code);
  for (const code of codes) {
    await createUser(
      handle.db,
      {
        email: `gemeente${code}@bench.invalid`,
        name: `Gemeente ${code}`,
        password: PASSWORD,
        role: 'municipality',
        municipalityCode: code,
      },
      'bench',
    );
  }
  const coordinator = await createUser(
    handle.db,
    { email: 'coordinator@bench.invalid', name: 'Bench', password: PASSWORD, role: 'coordinator' },
    'bench',
  );
  const server = await startWebServer({ handle, port: 0 });
  try {
    const editors = await Promise.all(
      codes.map(async (code) => {
        const cookie = await logIn(server.url, `gemeente${code}@bench.invalid`, PASSWORD);
        const page = await fetch(
          `${server.url}/metingen/bench/gemeenten/${code}/mantelzorg/informatie`,
          { headers: { Cookie: cookie } },
        );
        const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1];
        if (!csrf) throw new Error('no CSRF token on the page');
        const issued = await issueApiToken(handle.db, coordinator, {
          name: 'bench',
          email: `gemeente${code}@bench.invalid`,
          days: 1,
        });
        if (!issued.ok) throw new Error('no API token');
        return { code, cookie, csrf, token: issued.token };
      }),
    );
    const results: Result[] = [];
    const revisions = new Map(editors.map((editor) => [editor.code, 0]));
    for (const scenario of SCENARIOS) {
      const latencies: number[] = [];
      let failures = 0;
      const started = performance.now();
      await Promise.all(
        editors.map(async (editor, index) => {
          // Spread the editors' first saves over the pause, as people do not start in step.
          if (scenario.pauseMs > 0) await sleep((index / editors.length) * scenario.pauseMs);
          for (let i = 0; i < scenario.saves; i += 1) {
            const revision = revisions.get(editor.code) ?? 0;
            const points = (revision % 3) + 1;
            const t0 = performance.now();
            const response =
              scenario.channel === 'form'
                ? await fetch(
                    `${server.url}/metingen/bench/gemeenten/${editor.code}/mantelzorg/informatie`,
                    {
                      method: 'POST',
                      redirect: 'manual',
                      headers: {
                        Cookie: editor.cookie,
                        'Content-Type': 'application/x-www-form-urlencoded',
                        Origin: server.url,
                      },
                      body: new URLSearchParams({
                        csrf: editor.csrf,
                        na: 'blijf',
                        'q-17': String(points),
                        'rev-17': String(revision),
                        'toelichting-17': '',
                      }),
                    },
                  )
                : await fetch(
                    `${server.url}/api/rounds/bench/municipalities/${editor.code}/questionnaires/mantelzorg/answers`,
                    {
                      method: 'PATCH',
                      headers: {
                        Authorization: `Bearer ${editor.token}`,
                        'Content-Type': 'application/json',
                      },
                      body: JSON.stringify({
                        answers: [{ question: 17, value: points, baseRevision: revision }],
                      }),
                    },
                  );
            await response.arrayBuffer();
            latencies.push(performance.now() - t0);
            if (response.status !== (scenario.channel === 'form' ? 302 : 200)) failures += 1;
            revisions.set(editor.code, revision + 1);
            if (scenario.pauseMs > 0) await sleep(scenario.pauseMs * (0.75 + Math.random() * 0.5));
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const sorted = [...latencies].sort((a, b) => a - b);
      results.push({
        database: label,
        scenario: scenario.name,
        editors: EDITORS,
        saves: latencies.length,
        p50Ms: Math.round(percentile(sorted, 50) * 10) / 10,
        p99Ms: Math.round(percentile(sorted, 99) * 10) / 10,
        maxMs: Math.round((sorted[sorted.length - 1] ?? 0) * 10) / 10,
        savesPerSecond: Math.round(latencies.length / seconds),
        failures,
      });
      print(results[results.length - 1] as Result);
    }
    results.push(await runJoint(label, server.url, editors, await coordinatorToken()));
    print(results[results.length - 1] as Result);
    return results;
  } finally {
    await server.close();
  }

  async function coordinatorToken(): Promise<string> {
    const issued = await issueApiToken(handle.db, coordinator, {
      name: 'bench',
      email: 'coordinator@bench.invalid',
      days: 1,
    });
    if (!issued.ok) throw new Error('no API token');
    return issued.token;
  }
}

/** The 'joint' scenario: two editors per questionnaire, merging on every save. */
async function runJoint(
  label: string,
  url: string,
  editors: readonly { code: string; token: string }[],
  coordinatorToken: string,
): Promise<Result> {
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const pairs = editors.slice(0, JOINT.pairs);
  const save = async (code: string, token: string, base: number, answer: object) => {
    const t0 = performance.now();
    const response = await fetch(
      `${url}/api/rounds/bench/municipalities/${code}/questionnaires/mantelzorg/answers`,
      {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          answers: [{ question: JOINT.question, baseRevision: base, ...answer }],
        }),
      },
    );
    const body = (await response.json()) as {
      answers?: { answer: { revision: number } | null }[];
    };
    latencies.push(performance.now() - t0);
    if (response.status !== 200) failures += 1;
    return body.answers?.[0]?.answer?.revision ?? base;
  };
  await Promise.all(
    pairs.flatMap((editor, index) => {
      const writer = async (role: 'note' | 'points') => {
        await sleep(((index * 2 + (role === 'note' ? 0 : 1)) / (pairs.length * 2)) * JOINT.pauseMs);
        let base = 0;
        for (let i = 0; i < JOINT.saves; i += 1) {
          base =
            role === 'note'
              ? await save(editor.code, editor.token, base, { note: `Toelichting ${i}` })
              : await save(editor.code, coordinatorToken, base, { value: (i % 3) + 1 });
          await sleep(JOINT.pauseMs * (0.75 + Math.random() * 0.5));
        }
      };
      return [writer('note'), writer('points')];
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    database: label,
    scenario: 'joint',
    editors: pairs.length * 2,
    saves: latencies.length,
    p50Ms: Math.round(percentile(sorted, 50) * 10) / 10,
    p99Ms: Math.round(percentile(sorted, 99) * 10) / 10,
    maxMs: Math.round((sorted[sorted.length - 1] ?? 0) * 10) / 10,
    savesPerSecond: Math.round(latencies.length / seconds),
    failures,
  };
}

async function main() {
  const results: Result[] = [];
  const dir = await mkdtemp(join(tmpdir(), 'bfm-bench-editors-'));
  try {
    const pglite = await openDatabase({ dataDir: join(dir, 'data') });
    try {
      results.push(...(await run('PGlite (data folder on disk)', pglite)));
    } finally {
      await pglite.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const serverUrl = process.env.BFM_BENCH_DATABASE_URL ?? process.env.BFM_TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `bfm_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const postgres = await openDatabase({ databaseUrl: url.toString() });
    try {
      results.push(...(await run('PostgreSQL (loopback)', postgres)));
    } finally {
      await postgres.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  } else {
    console.warn(
      'PostgreSQL skipped: set BFM_BENCH_DATABASE_URL (see docs/testing.md for a local server).',
    );
  }
}

function print(r: Result): void {
  {
    process.stdout.write(
      `${r.database.padEnd(30)} ${r.scenario.padEnd(7)} ${r.editors} editors, ${r.saves} saves: p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, max ${r.maxMs} ms, ${r.savesPerSecond} saves/s, ${r.failures} failed\n`,
    );
  }
}

await main();
