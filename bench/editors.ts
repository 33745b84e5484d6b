/**
 * Benchmark (issues 3 and 8): saving answers with many concurrent editors over HTTP on
 * loopback, on PGlite and, when BFM_BENCH_DATABASE_URL (or BFM_TEST_DATABASE_URL) is set, on
 * PostgreSQL. The server runs in a child process (bench/editors-server.ts) so that the load
 * generator does not share its event loop; its memory is sampled at the start, every minute
 * and at the end of each scenario.
 *
 * Each editor is a municipality account with its own session; each save is a form post of a
 * questionnaire page in which one answer changed (or a PATCH of the JSON API). Scenarios:
 *
 *   - paced: each editor saves every 2 to 6 seconds (uniformly), as autosave does while people
 *     type; the targets refer to this one: p99 ≤ 250 ms on PGlite, ≤ 100 ms on PostgreSQL,
 *     0 errors, and memory that does not grow over 10 minutes (`--duration 600`);
 *   - closed: each editor saves again the moment the previous save returns (closed loop); it
 *     shows the throughput ceiling, and its latencies are mostly queueing;
 *   - api: paced, through the JSON API with a bearer token per editor;
 *   - joint: pairs of editors on one questionnaire over the API (one writes the note of an
 *     item, the other its points, each from the revision of their own last save), so nearly
 *     every save goes through the three-way merge.
 *
 * Options: --editors N (200), --duration SECONDS per scenario (30; 600 for the memory check),
 * --scenarios paced,closed,api,joint (all), --databases pglite,postgres (both when a server is
 * configured). Example: `npm run bench:editors -- --duration 600 --scenarios paced`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { PASSWORD, type ParentMessage, type ServerMessage } from './editors-server.ts';
import { logIn, percentile } from './support.ts';

const { values: options } = parseArgs({
  options: {
    editors: { type: 'string', default: '200' },
    duration: { type: 'string', default: '30' },
    scenarios: { type: 'string', default: 'paced,closed,api,joint' },
    databases: { type: 'string', default: 'pglite,postgres' },
  },
});
const EDITORS = Number(options.editors);
const DURATION_MS = Number(options.duration) * 1000;
const SCENARIOS = options.scenarios.split(',');
const PAUSE = { minMs: 2000, maxMs: 6000 };
const JOINT_QUESTION = 19;

interface MemorySample {
  readonly atSeconds: number;
  readonly rssMb: number;
  readonly heapMb: number;
}

interface Result {
  readonly database: string;
  readonly scenario: string;
  readonly editors: number;
  readonly saves: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly savesPerSecond: number;
  readonly errors: number;
  /** What the failed saves answered: an HTTP status, or the error of a failed request. */
  readonly errorKinds: Readonly<Record<string, number>>;
  readonly memory: readonly MemorySample[];
}

interface Editor {
  readonly code: string;
  readonly email: string;
  readonly token: string;
  cookie: string;
  csrf: string;
  revision: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pause = () => PAUSE.minMs + Math.random() * (PAUSE.maxMs - PAUSE.minMs);
const round1 = (n: number) => Math.round(n * 10) / 10;

/** The server process and its IPC channel. */
class ServerProcess {
  private readonly waiting: {
    resolve: (message: ServerMessage) => void;
    reject: (error: Error) => void;
  }[] = [];
  private readonly child: ChildProcess;
  constructor(child: ChildProcess) {
    this.child = child;
    child.on('message', (message: ServerMessage) => this.waiting.shift()?.resolve(message));
    // One listener for the whole run: whoever still waits learns that the server is gone.
    child.once('exit', (code) => {
      for (const waiter of this.waiting.splice(0)) {
        waiter.reject(new Error(`server exited (${code})`));
      }
    });
  }
  next(): Promise<ServerMessage> {
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }
  async memory(): Promise<{ rssMb: number; heapMb: number }> {
    this.child.send({ type: 'memory' } satisfies ParentMessage);
    const message = await this.next();
    if (message.type !== 'memory') throw new Error('unexpected message');
    return message;
  }
  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.send({ type: 'stop' } satisfies ParentMessage);
    await exited;
  }
}

async function run(label: string, database: string): Promise<Result[]> {
  const child = fork(new URL('./editors-server.ts', import.meta.url), [database, String(EDITORS)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const server = new ServerProcess(child);
  const ready = await server.next();
  if (ready.type !== 'ready') throw new Error('server did not start');
  const { url } = ready;
  const results: Result[] = [];
  try {
    const editors: Editor[] = [];
    // Logging in is deliberately slow (argon2); a few at a time.
    for (let start = 0; start < ready.editors.length; start += 10) {
      editors.push(
        ...(await Promise.all(
          ready.editors.slice(start, start + 10).map(async (editor) => {
            const cookie = await logIn(url, editor.email, PASSWORD);
            const page = await fetch(
              `${url}/metingen/bench/gemeenten/${editor.code}/mantelzorg/informatie`,
              {
                headers: { Cookie: cookie },
              },
            );
            const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1];
            if (!csrf) throw new Error('no CSRF token on the page');
            return { ...editor, cookie, csrf, revision: 0 };
          }),
        )),
      );
    }
    // Warm-up, not measured: the server compiles PGlite's WebAssembly with TurboFan and its
    // own code with the JIT during its first saves; without this, the first scenario carried
    // tens of seconds of that start-up in its tail.
    for (let round = 0; round < 3; round += 1) {
      await Promise.all(editors.map((editor) => save(url, editor, 'form')));
      await Promise.all(editors.map((editor) => save(url, editor, 'api')));
    }
    for (const scenario of SCENARIOS) {
      const result = await runScenario(
        label,
        scenario,
        url,
        editors,
        ready.coordinatorToken,
        server,
      );
      print(result);
      results.push(result);
    }
  } finally {
    await server.stop();
  }
  return results;
}

/** One save of question 17 by an editor, through the form or the API; returns the outcome. */
async function save(url: string, editor: Editor, channel: 'form' | 'api'): Promise<Outcome> {
  const points = (editor.revision % 3) + 1;
  const path = `/metingen/bench/gemeenten/${editor.code}/mantelzorg/informatie`;
  const response =
    channel === 'form'
      ? await fetch(`${url}${path}`, {
          method: 'POST',
          redirect: 'manual',
          headers: {
            Cookie: editor.cookie,
            'Content-Type': 'application/x-www-form-urlencoded',
            Origin: url,
          },
          body: new URLSearchParams({
            csrf: editor.csrf,
            na: 'blijf',
            'q-17': String(points),
            'rev-17': String(editor.revision),
            'toelichting-17': '',
          }),
        })
      : await fetch(
          `${url}/api/rounds/bench/municipalities/${editor.code}/questionnaires/mantelzorg/answers`,
          {
            method: 'PATCH',
            headers: {
              Authorization: `Bearer ${editor.token}`,
              'Content-Type': 'application/json',
            },
            body: JSON.stringify({
              answers: [{ question: 17, value: points, baseRevision: editor.revision }],
            }),
          },
        );
  await response.arrayBuffer();
  const ok = response.status === (channel === 'form' ? 302 : 200);
  if (ok) editor.revision += 1;
  return ok ? true : `HTTP ${response.status}`;
}

/** true, or what went wrong. */
type Outcome = true | string;

async function runScenario(
  label: string,
  scenario: string,
  url: string,
  editors: Editor[],
  coordinatorToken: string,
  server: ServerProcess,
): Promise<Result> {
  const latencies: number[] = [];
  let errors = 0;
  const errorKinds: Record<string, number> = {};
  const started = performance.now();
  const deadline = started + DURATION_MS;
  const memory: MemorySample[] = [];
  const sample = async () =>
    memory.push({
      atSeconds: Math.round((performance.now() - started) / 1000),
      ...(await server.memory()),
    });
  await sample();
  const sampler = setInterval(() => void sample(), 60_000);
  const timed = async (work: () => Promise<Outcome>) => {
    const t0 = performance.now();
    const outcome = await work().catch((error: unknown) => String((error as Error).cause ?? error));
    latencies.push(performance.now() - t0);
    if (outcome !== true) {
      errors += 1;
      errorKinds[outcome] = (errorKinds[outcome] ?? 0) + 1;
    }
  };
  try {
    if (scenario === 'joint') {
      await runJoint(url, editors, coordinatorToken, deadline, timed);
    } else {
      const channel = scenario === 'api' ? 'api' : 'form';
      const paced = scenario !== 'closed';
      await Promise.all(
        editors.map(async (editor, index) => {
          // Spread the first saves over a pause, as people do not start in step.
          if (paced) await sleep((index / editors.length) * PAUSE.maxMs);
          while (performance.now() < deadline) {
            await timed(() => save(url, editor, channel));
            if (paced) await sleep(pause());
          }
        }),
      );
    }
  } finally {
    clearInterval(sampler);
  }
  await sample();
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    database: label,
    scenario,
    editors: scenario === 'joint' ? Math.floor(editors.length / 2) * 2 : editors.length,
    saves: latencies.length,
    p50Ms: round1(percentile(sorted, 50)),
    p95Ms: round1(percentile(sorted, 95)),
    p99Ms: round1(percentile(sorted, 99)),
    maxMs: round1(sorted[sorted.length - 1] ?? 0),
    savesPerSecond: Math.round(latencies.length / seconds),
    errors,
    errorKinds,
    memory: memory.map((m) => ({ ...m, rssMb: Math.round(m.rssMb), heapMb: Math.round(m.heapMb) })),
  };
}

/** 'joint': two editors per questionnaire (the municipality and the coordinator), merging. */
async function runJoint(
  url: string,
  editors: readonly Editor[],
  coordinatorToken: string,
  deadline: number,
  timed: (work: () => Promise<Outcome>) => Promise<void>,
): Promise<void> {
  const pairs = editors.slice(0, Math.floor(editors.length / 2));
  const patch = async (code: string, token: string, base: number, answer: object) => {
    const response = await fetch(
      `${url}/api/rounds/bench/municipalities/${code}/questionnaires/mantelzorg/answers`,
      {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          answers: [{ question: JOINT_QUESTION, baseRevision: base, ...answer }],
        }),
      },
    );
    const body = (await response.json()) as { answers?: { answer: { revision: number } | null }[] };
    return {
      ok: response.status === 200,
      status: response.status,
      revision: body.answers?.[0]?.answer?.revision ?? base,
    };
  };
  await Promise.all(
    pairs.flatMap((editor, index) =>
      (['note', 'points'] as const).map(async (role, r) => {
        await sleep(((index * 2 + r) / (pairs.length * 2)) * PAUSE.maxMs);
        let base = 0;
        for (let i = 0; performance.now() < deadline; i += 1) {
          await timed(async () => {
            const saved =
              role === 'note'
                ? await patch(editor.code, editor.token, base, { note: `Toelichting ${i}` })
                : await patch(editor.code, coordinatorToken, base, { value: (i % 3) + 1 });
            base = saved.revision;
            return saved.ok ? true : `HTTP ${saved.status}`;
          });
          await sleep(pause());
        }
      }),
    ),
  );
}

function print(r: Result): void {
  const first = r.memory[0];
  const last = r.memory[r.memory.length - 1];
  const growth =
    first && last
      ? `memory RSS ${first.rssMb} → ${last.rssMb} MB (${last.rssMb - first.rssMb >= 0 ? '+' : ''}${last.rssMb - first.rssMb}), heap ${first.heapMb} → ${last.heapMb} MB`
      : '';
  process.stdout.write(
    `${r.database.padEnd(12)} ${r.scenario.padEnd(7)} ${r.editors} editors, ${r.saves} saves: p50 ${r.p50Ms} ms, p95 ${r.p95Ms} ms, p99 ${r.p99Ms} ms, max ${r.maxMs} ms, ${r.savesPerSecond} saves/s, ${r.errors} errors${r.errors > 0 ? ` (${JSON.stringify(r.errorKinds)})` : ''}; ${growth}\n`,
  );
  if (r.memory.length > 2) {
    process.stdout.write(
      `             memory by minute (RSS/heap MB): ${r.memory.map((m) => `${m.atSeconds}s ${m.rssMb}/${m.heapMb}`).join(', ')}\n`,
    );
  }
}

async function main() {
  const databases = options.databases.split(',');
  process.stdout.write(
    `Editors benchmark: ${EDITORS} editors, ${DURATION_MS / 1000} s per scenario (${SCENARIOS.join(', ')}); targets for paced: p99 ≤ 250 ms on PGlite, ≤ 100 ms on PostgreSQL, 0 errors, no memory growth\n`,
  );
  if (databases.includes('pglite')) {
    const dir = await mkdtemp(join(tmpdir(), 'bfm-bench-editors-'));
    try {
      await run('PGlite', join(dir, 'data'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const serverUrl = process.env.BFM_BENCH_DATABASE_URL ?? process.env.BFM_TEST_DATABASE_URL;
  if (!databases.includes('postgres')) return;
  if (!serverUrl) {
    console.warn(
      'PostgreSQL skipped: set BFM_BENCH_DATABASE_URL (see docs/testing.md for a local server).',
    );
    return;
  }
  const name = `bfm_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    await run('PostgreSQL', url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
