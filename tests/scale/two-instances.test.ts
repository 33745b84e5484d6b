/**
 * Scale-out: two app instances, each its own `bfm serve` process, on one PostgreSQL database.
 * Nothing that matters may live in one process's memory: a session made on one instance works
 * on the other, the login limiter counts across both, editors on different instances get the
 * conflict, and a background job runs once. PostgreSQL only (PGlite is one process by design).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.ts';
import { queryRows } from '../../src/db/query.ts';
import { loginAttempts, outboxMessages } from '../../src/db/schema.ts';
import { issueApiToken } from '../../src/services/api-token-service.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { startAppProcess, type AppProcess } from '../support/app-process.ts';
import { createTestEnvironment, type TestEnvironment } from '../support/database.ts';
import {
  CAST_EMAILS,
  createStaff,
  seedCastWithOpenRound,
  TEST_PASSWORD,
  type Cast,
} from '../support/factories.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

let environment: TestEnvironment;
let handle: DatabaseHandle;
let sink: SmtpSink;
let cast: Pick<Cast, keyof Cast>;
let a: AppProcess;
let b: AppProcess;

beforeAll(async () => {
  environment = await createTestEnvironment();
  const databaseUrl = environment.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('the scale test runs on PostgreSQL only');
  handle = await openDatabase({ databaseUrl });
  await handle.migrate();
  await loadReferenceData(handle.db);
  ({ cast } = await seedCastWithOpenRound(handle.db, { roundId: 'r' }));
  sink = await startSmtpSink();
  const env = { ...environment.env, SMTP_URL: sink.url };
  // One after the other, as a rolling deployment starts them.
  a = await startAppProcess(env);
  b = await startAppProcess(env);
}, 180_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await sink?.close();
  await handle?.close();
  await environment?.dispose();
});

/** Posts a form without following the redirect. */
function postForm(url: string, fields: Record<string, string>, cookie?: string) {
  return fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

function logIn(app: AppProcess, email: string, password: string) {
  return postForm(`${app.url}/inloggen`, { email, password });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('two app instances on one PostgreSQL', () => {
  it('both report healthy', async () => {
    for (const app of [a, b]) {
      const response = await fetch(`${app.url}/gezondheid`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
    }
  });

  it('keeps a session made on one instance valid on the other', async () => {
    const login = await logIn(a, CAST_EMAILS.coordinator, TEST_PASSWORD);
    expect(login.status).toBe(302);
    const cookie = /bfm_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0];
    expect(cookie).toBeDefined();

    const elsewhere = await fetch(`${b.url}/postvak`, {
      headers: { Cookie: cookie! },
      redirect: 'manual',
    });
    expect(elsewhere.status).toBe(200);
    expect(await elsewhere.text()).toContain('Verstuurde e-mail');
    // Without the cookie the same page sends one to the login page: the session did the work.
    const anonymous = await fetch(`${b.url}/postvak`, { redirect: 'manual' });
    expect(anonymous.status).toBe(302);
  });

  it('counts failed logins across both instances, as on one', async () => {
    /** Wrong passwords until the limiter answers 429; how many were let through. */
    const countUntilLimited = async (email: string, apps: AppProcess[]) => {
      for (let attempt = 0; attempt < 20; attempt++) {
        const response = await logIn(apps[attempt % apps.length]!, email, 'fout wachtwoord 123');
        if (response.status === 429) return attempt;
        expect(response.status).toBe(400);
      }
      return Infinity;
    };
    const onOne = await countUntilLimited(CAST_EMAILS.otherAdvisor, [a]);
    // The limiter also counts per address, and both runs come from 127.0.0.1: start the second
    // run from a clean slate, as a later window would.
    await handle.db.delete(loginAttempts);
    const acrossTwo = await countUntilLimited(CAST_EMAILS.otherAdvisor, [a, b]);
    expect(onOne).toBeLessThan(20);
    expect(acrossTwo).toBe(onOne);
  });

  it('detects a conflict between editors saving on different instances', async () => {
    const token = async (email: string) => {
      const issued = await issueApiToken(handle.db, cast.coordinator, {
        name: 'schaal',
        email,
        days: 1,
      });
      if (!issued.ok) throw new Error('expected a token');
      return issued.token;
    };
    const save = async (app: AppProcess, bearer: string, value: number) =>
      fetch(`${app.url}/api/rounds/r/municipalities/0363/questionnaires/mantelzorg/answers`, {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ answers: [{ question: 22, value, baseRevision: 0 }] }),
      });
    const [municipality, advisor] = [
      await token(CAST_EMAILS.municipality),
      await token(CAST_EMAILS.advisor),
    ];
    // Both read the item before anyone answered it (revision 0), then save through
    // different instances.
    const first = await save(a, municipality, 3);
    expect(first.status).toBe(200);
    const second = await save(b, advisor, 1);
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({
      saved: 0,
      conflicts: [{ question: 22, theirs: { points: 3 } }],
    });
  });

  it('delivers each queued mail exactly once with both instances running workers', async () => {
    const count = 12;
    const emails: string[] = [];
    for (let i = 0; i < count; i++) {
      const email = `collega.${i}@example.nl`;
      await createStaff(handle.db, { role: 'analyst', email });
      emails.push(email);
    }
    // Requested alternately through both instances; delivered by whichever worker claims it.
    for (const [i, email] of emails.entries()) {
      const response = await postForm(`${(i % 2 ? b : a).url}/wachtwoord-vergeten`, { email });
      expect(response.status).toBe(200);
    }
    await waitFor(async () => sink.received.length >= count);
    // Both workers keep polling for a while: nothing may come twice.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const recipients = sink.received.flatMap((m) => m.to).sort();
    expect(recipients).toEqual([...emails].sort());
    const rows = await handle.db.select().from(outboxMessages);
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(rows.map(() => ['sent', 1]));

    // The hourly housekeeping is scheduled once, however many instances registered it.
    const schedules = await queryRows<{ count: number }>(
      handle.db,
      sql`select count(*)::int as count from pgboss.schedule where name = 'housekeeping'`,
    );
    expect(schedules).toEqual([{ count: 1 }]);
  });
});
