/**
 * No anonymous writes (issue 8): requests without a real session change nothing in the
 * database. Before, 300 anonymous posts to a questionnaire address each kept up to 200,000
 * characters in pending_forms for a day. The one write an anonymous caller may cause is a
 * login rate-limit counter: one row per key, updated in place.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/query.ts';
import { startAppWithOpenRound, type TestApp } from './support/browser.ts';

let app: TestApp;

beforeAll(async () => {
  app = await startAppWithOpenRound();
});

afterAll(async () => {
  await app?.dispose();
});

/** The number of rows in every table of the application's schema. */
async function countRows(): Promise<Record<string, number>> {
  const tables = await queryRows<{ name: string }>(
    app.handle.db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await queryRows<{ n: number }>(
      app.handle.db,
      sql`select count(*)::int as n from ${sql.identifier(name)}`,
    );
    counts[name] = row?.n ?? -1;
  }
  return counts;
}

function post(path: string, body: Record<string, string>, cookie?: string) {
  return fetch(`${app.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: app.url,
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(body),
  });
}

const random = () => randomBytes(32).toString('base64url');

describe('anonymous requests', () => {
  it('leave every table unchanged: 300 posts to questionnaire pages and the public forms', async () => {
    const before = await countRows();
    expect(before.pending_forms).toBe(0);
    const filler = { 'toelichting-42': 'x'.repeat(20_000), 'q-42': '3', 'rev-42': '0' };
    const cookies = [
      undefined, // no cookie at all
      'bfm_session=vervalst', // a forged cookie
      `bfm_session=${random()}`, // a well-formed session id that does not exist
    ];
    for (let i = 0; i < 300; i += 1) {
      const path =
        i % 2 === 0
          ? `/metingen/${random()}/gemeenten/x/y/z`
          : '/metingen/meting-2026/gemeenten/0363/mantelzorg/respijtzorg';
      const response = await post(path, filler, cookies[i % 3]);
      await response.arrayBuffer();
      expect(response.status).toBe(302);
      expect(response.headers.get('set-cookie') ?? '').not.toMatch(/bfm_pending=[^;]/);
      expect(response.headers.get('location')).not.toMatch(/verlopen/);
    }
    // The other public forms, with unknown addresses and tokens.
    for (let i = 0; i < 10; i += 1) {
      await (await post('/wachtwoord-vergeten', { email: `${random()}@example.nl` })).arrayBuffer();
      await (
        await post(`/wachtwoord-herstellen/${random()}`, {
          password: 'kastanje fietsbel regenjas',
          confirmation: 'kastanje fietsbel regenjas',
        })
      ).arrayBuffer();
      await (
        await post(`/uitnodiging/${random()}`, {
          name: 'X',
          password: 'kastanje fietsbel regenjas',
          confirmation: 'kastanje fietsbel regenjas',
        })
      ).arrayBuffer();
      await (
        await post('/metingen/meting-2026/gemeenten/0363/mantelzorg/respijtzorg/autosave', filler)
      ).arrayBuffer();
      const api = await fetch(`${app.url}/api/me`, {
        headers: { Authorization: `Bearer bfm_${random()}` },
      });
      await api.arrayBuffer();
      expect(api.status).toBe(401);
    }
    expect(await countRows()).toEqual(before);
  });

  it('count failed logins in one row per key, never one row per attempt', async () => {
    const before = (await countRows()).login_attempts ?? 0;
    for (let i = 0; i < 12; i += 1) {
      const response = await post('/inloggen', {
        email: `gok${i % 3}@example.nl`,
        password: 'niet het goede wachtwoord',
        terug: '/metingen',
      });
      await response.arrayBuffer();
    }
    // Three accounts from one address: three pairs, three accounts and the address.
    expect(((await countRows()).login_attempts ?? 0) - before).toBe(7);
  });
});
