/**
 * The authorization matrix: every page and form endpoint against every role, including a
 * municipality reaching for another municipality's data. Each case asserts allowed (200 or a
 * redirect after a successful post), a redirect to the login page, 403 or 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeRoundStatus, createRound } from '../../src/services/round-service.ts';
import { PASSWORD, startTestApp, type TestApp } from './support/browser.ts';

let app: TestApp;
const ROLES = [
  'anonymous',
  'coordinator',
  'advisor',
  'otherAdvisor',
  'municipality',
  'otherMunicipality',
  'analyst',
] as const;
type Role = (typeof ROLES)[number];
const EMAILS: Record<Exclude<Role, 'anonymous'>, string> = {
  coordinator: 'coordinator@example.nl',
  advisor: 'adviseur.nh@example.nl',
  otherAdvisor: 'adviseur.gr@example.nl',
  municipality: 'beleid@amsterdam.nl',
  otherMunicipality: 'beleid@groningen.nl',
  analyst: 'analist@example.nl',
};
const sessions = new Map<Role, { cookie: string; csrf: string }>();
let advisorId = 0;

beforeAll(async () => {
  app = await startTestApp();
  const coordinator = await app.createAccount({
    email: EMAILS.coordinator,
    name: 'Cora',
    role: 'coordinator',
  });
  advisorId = (
    await app.createAccount({
      email: EMAILS.advisor,
      name: 'Ada',
      role: 'advisor',
      provinces: ['PV27'],
    })
  ).id;
  await app.createAccount({
    email: EMAILS.otherAdvisor,
    name: 'Gert',
    role: 'advisor',
    provinces: ['PV20'],
  });
  await app.createAccount({
    email: EMAILS.municipality,
    name: 'Anna',
    role: 'municipality',
    municipalityCode: '0363',
  });
  await app.createAccount({
    email: EMAILS.otherMunicipality,
    name: 'Gijs',
    role: 'municipality',
    municipalityCode: '0014',
  });
  await app.createAccount({ email: EMAILS.analyst, name: 'Ali', role: 'analyst' });
  await createRound(app.handle.db, { id: 'r', name: 'Meting', status: 'concept' });
  await changeRoundStatus(app.handle.db, coordinator, 'r', 'open');
  for (const role of ROLES) {
    if (role === 'anonymous') {
      sessions.set(role, { cookie: '', csrf: '' });
      continue;
    }
    const response = await fetch(`${app.url}/inloggen`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: app.url },
      body: new URLSearchParams({ email: EMAILS[role], password: PASSWORD, terug: '/metingen' }),
    });
    const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? '';
    const page = await fetch(`${app.url}/metingen`, { headers: { Cookie: cookie } });
    const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    sessions.set(role, { cookie, csrf });
  }
});

afterAll(async () => {
  await app?.dispose();
});

type Expected = 200 | 302 | 'login' | 403 | 404;
const ALL = (value: Expected) =>
  Object.fromEntries(ROLES.map((r) => [r, value])) as Record<Role, Expected>;
const M = '/metingen/r/gemeenten/0363';

/** Pages about Amsterdam (PV27): the advisor of PV20 and Groningen may not see them. */
const municipalityPage: Record<Role, Expected> = {
  anonymous: 'login',
  coordinator: 200,
  advisor: 200,
  otherAdvisor: 403,
  municipality: 200,
  otherMunicipality: 404,
  analyst: 403,
};

const PAGES: [string, Record<Role, Expected>][] = [
  ['/', ALL(200)],
  ['/over', ALL(200)],
  ['/metingen', { ...ALL(200), anonymous: 'login' }],
  ['/metingen/r', { ...ALL(200), anonymous: 'login' }],
  ['/metingen/bestaat-niet', { ...ALL(404), anonymous: 'login' }],
  [
    '/metingen/r/kaart.svg',
    { ...ALL(403), anonymous: 'login', coordinator: 200, advisor: 200, otherAdvisor: 200 },
  ],
  [M, municipalityPage],
  [`${M}/mantelzorg/informatie`, municipalityPage],
  [`${M}/vrijwilligerswerk/algemeen`, municipalityPage],
  [`${M}/mantelzorg/indienen`, municipalityPage],
  [`${M}/mantelzorg/overzicht`, municipalityPage],
  [
    `${M}/mantelzorg/bestaat-niet`,
    { ...municipalityPage, coordinator: 404, advisor: 404, municipality: 404 },
  ],
  [`${M}/logboek`, { ...municipalityPage, municipality: 403 }],
  ['/postvak', { ...ALL(403), anonymous: 'login', coordinator: 200 }],
  ['/accounts', { ...ALL(403), anonymous: 'login', coordinator: 200 }],
  ['/accounts/{advisor}/provincies', { ...ALL(403), anonymous: 'login', coordinator: 200 }],
  ['/accounts/99999/provincies', { ...ALL(403), anonymous: 'login', coordinator: 404 }],
  ['/api-sleutels', { ...ALL(403), anonymous: 'login', coordinator: 200 }],
];

async function status(role: Role, path: string, init: RequestInit = {}): Promise<Expected> {
  const session = sessions.get(role);
  const response = await fetch(`${app.url}${path}`, {
    redirect: 'manual',
    ...init,
    headers: { Cookie: session?.cookie ?? '', Origin: app.url, ...(init.headers ?? {}) },
  });
  await response.arrayBuffer();
  if (response.status === 302 && response.headers.get('location')?.startsWith('/inloggen'))
    return 'login';
  return response.status as Expected;
}

describe('authorization matrix: pages', () => {
  const cases = PAGES.flatMap(([path, expected]) =>
    ROLES.map((role) => [path, role, expected[role]] as const),
  );
  it.each(cases)('GET %s as %s → %s', async (path, role, expected) => {
    expect(await status(role, path.replace('{advisor}', String(advisorId)))).toBe(expected);
  });
});

function post(role: Role, path: string, fields: Record<string, string>, withCsrf = true) {
  const body = new URLSearchParams({
    ...fields,
    ...(withCsrf ? { csrf: sessions.get(role)?.csrf ?? '' } : {}),
  });
  return status(role, path, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
}

describe('authorization matrix: forms', () => {
  const saveExpected: Record<Role, Expected> = {
    ...municipalityPage,
    anonymous: 'login',
    coordinator: 302,
    advisor: 302,
    municipality: 302,
  };
  it.each(ROLES.map((role) => [role, saveExpected[role]] as const))(
    'saving an Amsterdam page as %s → %s',
    async (role, expected) => {
      expect(
        await post(role, `${M}/mantelzorg/informatie`, { 'q-17': '2', 'rev-17': '0', na: 'blijf' }),
      ).toBe(expected);
    },
  );

  const coordinatorOnly: Record<Role, Expected> = { ...ALL(403), anonymous: 'login' };
  it.each(
    ROLES.filter((r) => r !== 'coordinator').map((role) => [role, coordinatorOnly[role]] as const),
  )('creating a round as %s → %s', async (role, expected) => {
    expect(
      await post(role, '/metingen', {
        id: 'x',
        name: 'X',
        instrumentVersion: '2009',
        registerId: '2009',
        opensOn: '2026-01-01',
        closesOn: '2026-02-01',
      }),
    ).toBe(expected);
  });
  it.each(
    ROLES.filter((r) => r !== 'coordinator').map((role) => [role, coordinatorOnly[role]] as const),
  )('opening or closing a round as %s → %s', async (role, expected) => {
    expect(await post(role, '/metingen/r', { intent: 'status', status: 'closed' })).toBe(expected);
  });
  it.each(
    ROLES.filter((r) => r !== 'coordinator').map((role) => [role, coordinatorOnly[role]] as const),
  )('inviting municipalities as %s → %s', async (role, expected) => {
    expect(
      await post(role, '/metingen/r', { intent: 'invite', contacts: 'GM0363;x@example.nl' }),
    ).toBe(expected);
  });

  it.each(
    ROLES.filter((r) => r !== 'coordinator').map((role) => [role, coordinatorOnly[role]] as const),
  )('creating an account as %s → %s', async (role, expected) => {
    expect(
      await post(role, '/accounts', { name: 'X', email: `x.${role}@example.nl`, role: 'analyst' }),
    ).toBe(expected);
  });
  it.each(
    ROLES.filter((r) => r !== 'coordinator').map((role) => [role, coordinatorOnly[role]] as const),
  )('assigning provinces as %s → %s', async (role, expected) => {
    expect(await post(role, `/accounts/${advisorId}/provincies`, { provinces: 'PV20' })).toBe(
      expected,
    );
  });
  it.each(
    ROLES.filter((r) => r !== 'coordinator').map((role) => [role, coordinatorOnly[role]] as const),
  )('issuing or revoking an API token as %s → %s', async (role, expected) => {
    expect(
      await post(role, '/api-sleutels', {
        intent: 'issue',
        name: 'X',
        email: EMAILS.coordinator,
        days: '5',
      }),
    ).toBe(expected);
    expect(await post(role, '/api-sleutels', { intent: 'revoke', id: '1' })).toBe(expected);
  });
  it('lets the coordinator do all of these', async () => {
    expect(
      await post('coordinator', '/accounts', {
        name: 'X',
        email: 'x.coordinator@example.nl',
        role: 'analyst',
      }),
    ).toBe(302);
    expect(
      await post('coordinator', `/accounts/${advisorId}/provincies`, { provinces: 'PV27' }),
    ).toBe(302);
    expect(
      await post('coordinator', '/api-sleutels', {
        intent: 'issue',
        name: 'X',
        email: EMAILS.coordinator,
        days: '5',
      }),
    ).toBe(200);
    expect(await post('coordinator', '/api-sleutels', { intent: 'revoke', id: '1' })).toBe(302);
    expect(await post('coordinator', '/api-sleutels', { intent: 'revoke', id: '999' })).toBe(404);
  });

  it('refuses a form without the CSRF token', async () => {
    expect(
      await post('coordinator', '/metingen/r', { intent: 'status', status: 'closed' }, false),
    ).toBe(403);
    expect(
      await post(
        'municipality',
        `${M}/mantelzorg/informatie`,
        { 'q-17': '1', 'rev-17': '1' },
        false,
      ),
    ).toBe(403);
  });

  it('refuses a form posted from another site', async () => {
    const session = sessions.get('coordinator');
    const response = await fetch(`${app.url}/metingen/r`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        Cookie: session?.cookie ?? '',
        Origin: 'https://kwaadwillend.example',
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ csrf: session?.csrf ?? '', intent: 'status', status: 'closed' }),
    });
    expect(response.status).toBe(403);
  });

  it('sends security headers', async () => {
    const response = await fetch(`${app.url}/`);
    expect(response.headers.get('content-security-policy')).toMatch(
      /script-src 'self' 'nonce-[^']+'/,
    );
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});
