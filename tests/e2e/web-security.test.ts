/**
 * Web security of issue 8: links only on PUBLIC_URL (item 7), body size limits (9), the return
 * path after login (10), trusted proxies (11), no caching of personal pages (12) and errors
 * that never leak internals (13). Plain HTTP against the real server: what a browser would
 * never send is exactly what an attacker does.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { readdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_DIR, startWebServer, type RunningServer } from '../../src/web/server.ts';
import { issueApiToken } from '../../src/services/api-token-service.ts';
import {
  CAST_EMAILS,
  readOutbox,
  TEST_PASSWORD,
  type CastWithRound,
} from '../support/factories.ts';
import { startAppWithOpenRound, type TestApp } from './support/browser.ts';

const PUBLIC_URL = 'https://monitor.example.nl';
const ROUND = '/metingen/meting-2026';
const SECTION = `${ROUND}/gemeenten/0363/mantelzorg/informatie`;
/** What must never be in an answer: a stack frame, an error name, an absolute path. */
const LEAKS = [/^\s*at .+:\d+:\d+/m, /\w*Error:/, /\/work\//, /node_modules/, /file:\/\//];

let app: TestApp & CastWithRound<'coordinator' | 'advisor' | 'municipality' | 'otherMunicipality'>;
/** Servers on the same database with other settings, closed at the end. */
const servers: RunningServer[] = [];

beforeAll(async () => {
  app = await startAppWithOpenRound({
    members: ['coordinator', 'advisor', 'municipality', 'otherMunicipality'],
    server: { publicUrl: PUBLIC_URL },
  });
});

afterAll(async () => {
  for (const server of servers) await server.close();
  await app?.dispose();
});

async function startServer(
  options: Parameters<typeof startWebServer>[0] extends infer O
    ? Omit<O, 'handle' | 'port'>
    : never,
): Promise<RunningServer> {
  const server = await startWebServer({ ...options, handle: app.handle, port: 0 });
  servers.push(server);
  return server;
}

interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** One HTTP request with headers a browser would not let us set (Host, a broken Origin). */
function send(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    const body = options.body === undefined ? undefined : Buffer.from(options.body);
    const request = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: options.method ?? 'GET',
        headers: {
          ...(body ? { 'Content-Length': String(body.length) } : {}),
          ...options.headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

/** Logs in over HTTP; the session cookie and the CSRF token of a page. */
async function logIn(email: string, base = app.url): Promise<{ cookie: string; csrf: string }> {
  const response = await send(base, '/inloggen', {
    method: 'POST',
    headers: FORM,
    body: new URLSearchParams({ email, password: TEST_PASSWORD, terug: '/metingen' }).toString(),
  });
  expect(response.status).toBe(302);
  const cookie = String(response.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
  const page = await send(base, '/metingen', { headers: { Cookie: cookie } });
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  return { cookie, csrf };
}

function expectNoLeak(response: RawResponse, label: string): void {
  for (const leak of LEAKS) expect(response.body, `${label}: ${leak}`).not.toMatch(leak);
}

describe('links in e-mail are built on PUBLIC_URL, never on the request (item 7)', () => {
  const HOSTILE = {
    Host: 'evil.example',
    'X-Forwarded-Host': 'evil.example',
    'X-Forwarded-Proto': 'https',
  };

  it('a password-reset link goes to PUBLIC_URL whatever Host and X-Forwarded-Host say', async () => {
    const before = (await readOutbox(app.handle.db)).length;
    const response = await send(app.url, '/wachtwoord-vergeten', {
      method: 'POST',
      headers: { ...FORM, ...HOSTILE },
      body: new URLSearchParams({ email: CAST_EMAILS.advisor }).toString(),
    });
    expect(response.status).toBe(200);
    const outbox = await readOutbox(app.handle.db);
    expect(outbox).toHaveLength(before + 1);
    const mail = outbox[0]?.body ?? '';
    expect(mail).toContain(`${PUBLIC_URL}/wachtwoord-herstellen/`);
    expect(mail).not.toContain('evil.example');
  });

  it('an invitation link goes to the configured address whatever Host says', async () => {
    // Without PUBLIC_URL, in development: the old code built the link on the Host header.
    const server = await startServer({ production: false });
    const { cookie, csrf } = await logIn(CAST_EMAILS.coordinator, server.url);
    const response = await send(server.url, `${ROUND}/uitnodigen`, {
      method: 'POST',
      headers: { ...FORM, ...HOSTILE, Cookie: cookie },
      body: new URLSearchParams({
        csrf,
        intent: 'invite',
        contacts: 'GM0344;wmo@utrecht.example.nl',
      }).toString(),
    });
    expect(response.status).toBeLessThan(400);
    const [mail] = await readOutbox(app.handle.db);
    expect(mail?.to).toBe('wmo@utrecht.example.nl');
    expect(mail?.body).toContain(`${server.url}/uitnodiging/`);
    expect(mail?.body).not.toContain('evil.example');
  });

  it('in development without PUBLIC_URL, links go to the listening address, not to Host', async () => {
    const server = await startServer({ production: false });
    await send(server.url, '/wachtwoord-vergeten', {
      method: 'POST',
      headers: { ...FORM, ...HOSTILE },
      body: new URLSearchParams({ email: CAST_EMAILS.advisor }).toString(),
    });
    const [mail] = await readOutbox(app.handle.db);
    expect(mail?.body).toContain(`${server.url}/wachtwoord-herstellen/`);
    expect(mail?.body).not.toContain('evil.example');
  });

  it('the server refuses to start in production without PUBLIC_URL, with a Dutch message', async () => {
    await expect(startServer({ production: true })).rejects.toThrow(
      /PUBLIC_URL ontbreekt.*bijvoorbeeld PUBLIC_URL=https:\/\/monitor\.example\.nl/s,
    );
  });
});

describe('body size limits (item 9)', () => {
  it('an anonymous 300 MB login post is cut off with 413 before it is read', async () => {
    const total = 300 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const url = new URL(app.url);
    const result = await new Promise<{
      status: number;
      body: string;
      sent: number;
      closed: boolean;
    }>((resolve, reject) => {
      let sent = 0;
      let answered: { status: number; body: string } | undefined;
      const request = httpRequest({
        host: url.hostname,
        port: url.port,
        path: '/inloggen',
        method: 'POST',
        headers: { ...FORM, 'Content-Length': String(total) },
      });
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (data: Buffer) => chunks.push(data));
        response.on('end', () => {
          answered = {
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
          };
        });
      });
      // The server closes the connection: the rest of the body is never taken in.
      request.on('close', () =>
        answered
          ? resolve({ ...answered, sent, closed: true })
          : reject(new Error(`closed without an answer after ${sent} bytes`)),
      );
      request.on('error', () => undefined);
      const pump = () => {
        while (sent < total && !request.destroyed && !answered) {
          sent += chunk.length;
          if (!request.write(chunk)) {
            request.once('drain', pump);
            return;
          }
        }
      };
      pump();
    });
    expect(result.status).toBe(413);
    expect(result.body).toContain('Het verzoek is te groot');
    expect(result.closed).toBe(true);
    // Far less than the 300 MB announced: what fits in the socket buffers, plus at most 1 MB
    // the server reads and throws away so that the answer is not lost (measured: 4 to 37 MB,
    // depending on how fast the client writes before the answer arrives).
    expect(result.sent).toBeLessThan(total / 3);
  });

  it('a body sent in chunks without a length is refused with 411', async () => {
    const url = new URL(app.url);
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: '/inloggen',
          method: 'POST',
          headers: { ...FORM, 'Transfer-Encoding': 'chunked' },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      request.write('email=a');
    });
    expect(status).toBe(411);
  });
});

describe('the return path after login stays on this app (item 10)', () => {
  it.each([
    '/\\evil.example',
    '/\t/evil.example',
    '//evil.example',
    '/%2F%2Fevil.example',
    'https://evil.example',
    'javascript:alert(1)',
  ])('login with terug=%j goes to /metingen', async (terug) => {
    const response = await send(app.url, '/inloggen', {
      method: 'POST',
      headers: FORM,
      body: new URLSearchParams({
        email: CAST_EMAILS.advisor,
        password: TEST_PASSWORD,
        terug,
      }).toString(),
    });
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/metingen');
  });

  it('a signed-in visit to /inloggen?terug=/%5Cevil.example stays here', async () => {
    const { cookie } = await logIn(CAST_EMAILS.advisor);
    for (const query of ['/%5Cevil.example', '/%09/evil.example', '%2F%2Fevil.example']) {
      const response = await send(app.url, `/inloggen?terug=${query}`, {
        headers: { Cookie: cookie },
      });
      expect(response.status, query).toBe(302);
      expect(response.headers.location, query).toBe('/metingen');
    }
  });
});

describe('trusted proxies (item 11)', () => {
  /** Every stored login attempt, as text: which client address the limiter counted. */
  async function recordedAttempts(): Promise<string> {
    const result = (await app.handle.db.execute(sql`select * from login_attempts`)) as unknown as {
      rows: unknown[];
    };
    return JSON.stringify(result.rows);
  }

  async function failLogin(base: string, forwardedFor: string): Promise<void> {
    const response = await send(base, '/inloggen', {
      method: 'POST',
      headers: { ...FORM, 'X-Forwarded-For': forwardedFor },
      body: new URLSearchParams({
        email: 'niemand@example.nl',
        password: 'fout fout fout',
      }).toString(),
    });
    expect(response.status).toBe(400);
  }

  it('by default, X-Forwarded-For does not change the address the login limiter counts', async () => {
    await failLogin(app.url, '203.0.113.7');
    await failLogin(app.url, '203.0.113.8');
    expect(await recordedAttempts()).not.toContain('203.0.113.');
  });

  it('behind one proxy hop, the address the proxy adds counts, not the one the client wrote', async () => {
    const server = await startServer({ trustProxy: 1 });
    // The client wrote 203.0.113.9; the proxy (here: the loopback client) appended 198.51.100.1.
    await failLogin(server.url, '203.0.113.9, 198.51.100.1');
    const recorded = await recordedAttempts();
    expect(recorded).toContain('198.51.100.1');
    expect(recorded).not.toContain('203.0.113.9');
  });

  it('with the proxy addresses configured, a client that is no such proxy cannot choose its address', async () => {
    const server = await startServer({ trustProxy: ['10.9.9.9'] });
    await failLogin(server.url, '203.0.113.10');
    expect(await recordedAttempts()).not.toContain('203.0.113.10');
  });
});

describe('personal pages are never cached (item 12)', () => {
  it('pages and API answers carry Cache-Control: no-store; static assets keep their caching', async () => {
    const { cookie } = await logIn(CAST_EMAILS.coordinator);
    for (const path of [
      '/metingen',
      ROUND,
      `${ROUND}/gemeenten/0363`,
      '/postvak',
      '/inloggen',
      '/wachtwoord-herstellen/onbekend',
    ]) {
      const response = await send(app.url, path, { headers: { Cookie: cookie } });
      expect(response.headers['cache-control'], path).toBe('no-store');
    }
    const map = await send(app.url, `${ROUND}/kaart.svg`, { headers: { Cookie: cookie } });
    expect(map.headers['cache-control']).toBe('private, no-store');
    const api = await send(app.url, '/api/rounds');
    expect(api.headers['cache-control']).toBe('no-store');
    const asset = readdirSync(`${BUILD_DIR}client/assets`).find((name) => name.endsWith('.js'));
    const cached = await send(app.url, `/assets/${asset}`);
    expect(cached.status).toBe(200);
    expect(cached.headers['cache-control']).toContain('max-age=31536000');
  });
});

describe('errors never leak internals (item 13)', () => {
  it('a malformed Origin gets a Dutch 400, not a 500 with a stack trace', async () => {
    const response = await send(app.url, '/inloggen', {
      method: 'POST',
      headers: { ...FORM, Origin: 'http://[' },
      body: 'email=a',
    });
    expect(response.status).toBe(400);
    expect(response.body).toContain('ongeldige Origin-header');
    expectNoLeak(response, 'Origin');
  });

  it('a malformed address gets a Dutch 400', async () => {
    const response = await send(app.url, '/%E0%A4%A');
    expect(response.status).toBe(400);
    expect(response.body).toContain('Dit adres is ongeldig');
    expectNoLeak(response, 'address');
  });

  it('a post without a body gets a Dutch 400', async () => {
    const response = await send(app.url, '/inloggen', { method: 'POST' });
    expect(response.status).toBe(400);
    expect(response.body).toContain('Dit verzoek bevat geen formulier');
  });

  it('a NUL byte in the path gets a Dutch 400', async () => {
    const response = await send(app.url, '/metingen/%00');
    expect(response.status).toBe(400);
    expect(response.body).toContain('stuurteken');
  });

  it('a NUL byte in a form field gets a Dutch 400, not a failed save', async () => {
    const { cookie } = await logIn(CAST_EMAILS.municipality);
    const page = await send(app.url, SECTION, { headers: { Cookie: cookie } });
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const question = /name="rev-(\d+)"/.exec(page.body)?.[1];
    expect(question).toBeDefined();
    const response = await send(app.url, SECTION, {
      method: 'POST',
      headers: { ...FORM, Cookie: cookie },
      body: new URLSearchParams({
        csrf,
        [`rev-${question}`]: '0',
        [`toelichting-${question}`]: 'een toelichting\u0000met een NUL-teken',
      }).toString(),
    });
    expect(response.status).toBe(400);
    expect(response.body).toContain('NUL-teken');
    expectNoLeak(response, 'NUL field');
  });

  it('the same-origin check compares with PUBLIC_URL, not with the Host header', async () => {
    const response = await send(app.url, '/inloggen', {
      method: 'POST',
      headers: { ...FORM, Host: 'evil.example', Origin: 'http://evil.example' },
      body: new URLSearchParams({ email: CAST_EMAILS.advisor, password: TEST_PASSWORD }).toString(),
    });
    expect(response.status).toBe(403);
    const allowed = await send(app.url, '/inloggen', {
      method: 'POST',
      headers: { ...FORM, Origin: PUBLIC_URL },
      body: new URLSearchParams({ email: CAST_EMAILS.advisor, password: TEST_PASSWORD }).toString(),
    });
    expect(allowed.status).toBe(302);
  });

  it('a municipality that exists reads the same as one that does not, for a municipality account', async () => {
    const { cookie } = await logIn(CAST_EMAILS.municipality);
    const withoutNonce = (body: string) =>
      body.replace(/nonce="[^"]*"/g, '').replace(/"nonce":"[^"]*"/g, '');
    // Amsterdam's account reaches for Groningen (exists) and for 9999 (does not).
    for (const [suffix, status] of [
      ['', 404],
      ['/mantelzorg/informatie', 404],
      ['/mantelzorg/overzicht', 404],
      ['/mantelzorg/indienen', 404],
      // The audit trail is not for municipalities at all: 403 before anything is looked up.
      ['/logboek', 403],
    ] as const) {
      const existing = await send(app.url, `${ROUND}/gemeenten/0014${suffix}`, {
        headers: { Cookie: cookie },
      });
      const unknown = await send(app.url, `${ROUND}/gemeenten/9999${suffix}`, {
        headers: { Cookie: cookie },
      });
      expect(existing.status, suffix).toBe(status);
      expect(unknown.status, suffix).toBe(status);
      expect(withoutNonce(existing.body).replaceAll('0014', 'CODE'), suffix).toBe(
        withoutNonce(unknown.body).replaceAll('9999', 'CODE'),
      );
    }
  });

  it('the API answers a municipality token the same for a municipality that exists and one that does not', async () => {
    const issued = await issueApiToken(app.handle.db, app.cast.coordinator, {
      name: 'test',
      email: CAST_EMAILS.municipality,
      days: 30,
    });
    if (!issued.ok) throw new Error(JSON.stringify(issued.issues));
    const headers = { Authorization: `Bearer ${issued.token}` };
    for (const suffix of ['/questionnaires/mantelzorg', '/questionnaires/mantelzorg/overview']) {
      const base = '/api/rounds/meting-2026/municipalities';
      const existing = await send(app.url, `${base}/0014${suffix}`, { headers });
      const unknown = await send(app.url, `${base}/9999${suffix}`, { headers });
      expect(existing.status, suffix).toBe(404);
      expect(unknown.status, suffix).toBe(404);
      expect(existing.body, suffix).toBe(unknown.body);
    }
  });
});

describe('malformed input on every kind of route (item 13)', () => {
  const ROUTES = [
    '/',
    '/inloggen',
    '/wachtwoord-vergeten',
    '/wachtwoord-herstellen/onbekend',
    '/uitnodiging/onbekend',
    '/metingen',
    ROUND,
    `${ROUND}/uitnodigen`,
    `${ROUND}/gemeenten/0363`,
    `${ROUND}/gemeenten/0363/logboek`,
    SECTION,
    `${SECTION}/autosave`,
    `${ROUND}/gemeenten/0363/mantelzorg/indienen`,
    '/accounts',
    '/api-sleutels',
    '/postvak',
    '/api/rounds',
    '/api/rounds/meting-2026/municipalities/0363/questionnaires/mantelzorg/answers',
  ];
  type Input = {
    readonly label: string;
    readonly suffix?: string;
    readonly method?: string;
    readonly headers?: Record<string, string>;
    readonly body?: string;
  };
  const INPUTS: readonly Input[] = [
    { label: 'broken percent-encoding', suffix: '/%E0%A4%A' },
    { label: 'NUL in the path', suffix: '/%00' },
    { label: 'NUL in the query', suffix: '?terug=%00' },
    { label: 'post without a body', method: 'POST' },
    { label: 'post as text', method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'x' },
    {
      label: 'multipart without boundary',
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data' },
      body: 'x',
    },
    {
      label: 'malformed multipart',
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=abc' },
      body: '--abc\r\nrommel zonder einde',
    },
    {
      label: 'malformed Origin',
      method: 'POST',
      headers: { ...FORM, Origin: 'http://[' },
      body: 'a=b',
    },
    {
      label: 'foreign Origin',
      method: 'POST',
      headers: { ...FORM, Origin: 'https://evil.example' },
      body: 'a=b',
    },
    { label: 'NUL in a field', method: 'POST', headers: FORM, body: 'intent=save&a=%00' },
    {
      label: 'malformed JSON',
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"a":',
    },
    { label: 'too large', method: 'POST', headers: { ...FORM, 'Content-Length': '999999999' } },
  ];
  const REFUSED = [400, 401, 403, 404, 405, 411, 413];
  let server: RunningServer;
  let cookie = '';

  beforeAll(async () => {
    // Production mode: what a real server shows.
    server = await startServer({ production: true, publicUrl: PUBLIC_URL });
    cookie = (await logIn(CAST_EMAILS.coordinator, server.url)).cookie;
  });

  it.each(INPUTS.map((input) => [input.label, input] as const))(
    '%s: refused with a 4xx and no stack trace, error name or path, on every route',
    async (_label, input) => {
      const results: string[] = [];
      for (const route of ROUTES) {
        const response = await send(server.url, `${route}${input.suffix ?? ''}`, {
          method: input.method ?? 'GET',
          headers: { Cookie: cookie, ...input.headers },
          ...(input.body === undefined ? {} : { body: input.body }),
        });
        if (!REFUSED.includes(response.status)) results.push(`${route}: ${response.status}`);
        expectNoLeak(response, `${input.label} on ${route}`);
      }
      expect(results).toEqual([]);
    },
  );

  it('a malformed session cookie is no session, not a 500', async () => {
    for (const route of ['/', '/metingen', '/inloggen']) {
      const response = await send(server.url, route, {
        headers: { Cookie: 'bfm_session=%E0%A4%A' },
      });
      expect(response.status, route).toBeLessThan(500);
      expectNoLeak(response, route);
    }
  });
});
