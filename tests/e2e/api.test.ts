/**
 * The JSON API over HTTP: the OpenAPI document, the API half of the authorization matrix
 * (every operation against every role, a revoked token and no token), 400 with field errors,
 * conflicts between two editors, and submitting and reopening.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_OPERATIONS } from '../../app/lib/api/index.server.ts';
import { createTalk } from '../../src/services/advice-talk-service.ts';
import { issueApiToken, revokeApiToken } from '../../src/services/api-token-service.ts';
import type { StaffUser } from '../../src/services/auth-service.ts';
import { codebooks, wmoPlans } from '../../src/db/schema.ts';
// Issue 13 (helper A): an open answer to quote.
import { seedQuotableAnswer } from './support/open-answers.ts';
import { CAST_EMAILS } from '../support/factories.ts';
import { createTalk as createTestTalk } from '../support/talk-factories.ts';
import { startAppWithOpenRound, type TestApp } from './support/browser.ts';
import { AMSTERDAM, expectedOutcome } from './support/matrix.ts';

let app: TestApp;
const ROLES = [
  'anonymous',
  'revoked',
  'coordinator',
  'advisor',
  'otherAdvisor',
  'municipality',
  'otherMunicipality',
  'analyst',
] as const;
type Role = (typeof ROLES)[number];
const tokens = new Map<Role, string>();
let advisorId = 0;
/** Issue 12 (helper A): an advice talk with Amsterdam about round r. */
let talkId = 0;
/** Issue 13 (helper A): the pseudonym of Zutphen's open answer to question 47 of round r. */
let quoteId = '';

async function tokenFor(coordinator: StaffUser, email: string, name = 'test'): Promise<string> {
  const issued = await issueApiToken(app.handle.db, coordinator, { name, email, days: 30 });
  if (!issued.ok) throw new Error(JSON.stringify(issued.issues));
  return issued.token;
}

beforeAll(async () => {
  const started = await startAppWithOpenRound({ roundId: 'r', roundName: 'Meting' });
  app = started;
  const { coordinator } = started.cast;
  advisorId = started.cast.advisor.id;
  // Issue 13 (helper B): a codebook for question 47, so making one is refused (409) and a
  // stale change of its themes too, whichever allowed role comes first.
  await app.handle.db
    .insert(codebooks)
    .values({ roundId: 'r', questionnaire: 'vrijwilligerswerk', question: 47, part: 'text' });
  // Issue 12 (helper C): Amsterdam's Wmo plan, for the save and confirmation cases.
  await app.handle.db
    .insert(wmoPlans)
    .values({ roundId: 'r', municipalityCode: '0363', included: 'ja', updatedByName: 'test' });
  for (const member of [
    'coordinator',
    'advisor',
    'otherAdvisor',
    'municipality',
    'otherMunicipality',
    'analyst',
  ] as const) {
    tokens.set(member, await tokenFor(coordinator, CAST_EMAILS[member]));
  }
  const revoked = await issueApiToken(app.handle.db, coordinator, {
    name: 'oud',
    email: CAST_EMAILS.coordinator,
    days: 30,
  });
  if (!revoked.ok) throw new Error('expected a token');
  await revokeApiToken(app.handle.db, coordinator, revoked.id);
  tokens.set('revoked', revoked.token);
  // Issue 12 (helper B): Amsterdam's talk 1 with action 1, the first in a fresh database.
  const testTalk = await createTestTalk(app.handle.db, {
    roundId: 'r',
    municipalityCode: '0363',
    by: started.cast.advisor,
  });
  if (testTalk.id !== 1 || testTalk.actionIds[0] !== 1)
    throw new Error('expected talk 1, action 1');
  const talk = await createTalk(app.handle.db, coordinator, {
    roundId: 'r',
    municipalityCode: '0363',
    heldOn: '2027-03-12',
    participants: 'Ada Adviseur, Anna Amsterdam',
  });
  if (!talk.ok) throw new Error('expected a talk');
  talkId = talk.id;
  quoteId = await seedQuotableAnswer(app.handle.db, 'r');
});

afterAll(async () => {
  await app?.dispose();
});

async function call(
  role: Role | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const token = role ? tokens.get(role) : undefined;
  const response = await fetch(`${app.url}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const Q = '/api/rounds/r/municipalities/0363/questionnaires';
/** Issue 13 (helper B): the open answers of question 47 of vrijwilligerswerk. */
const OA = '/api/rounds/r/open-answers/vrijwilligerswerk/47/text';

interface MatrixCase {
  readonly method: string;
  readonly path: string;
  readonly body?: (role: Role) => unknown;
  /** The status when the permission table allows the caller. */
  readonly allowed: number;
  /** When the operation is about Amsterdam's data. */
  readonly about?: typeof AMSTERDAM;
  /** Every role with a scope is allowed; the service narrows what it gets (matrix.ts). */
  readonly narrowed?: boolean;
}

/** One case per operation; the test below fails when an operation has none. */
const MATRIX: Record<string, MatrixCase> = {
  // Issue 12 (helper B): actions and the invitation; another province or municipality 404.
  listActions: { method: 'GET', path: '/api/actions', allowed: 200, narrowed: true },
  getAction: { method: 'GET', path: '/api/actions/1', allowed: 200, about: AMSTERDAM },
  // The same status each time: the first call changes it, later ones find it so already.
  updateActionStatus: {
    method: 'PUT',
    path: '/api/actions/1/status',
    body: () => ({ status: 'in_progress', baseVersion: 1 }),
    allowed: 200,
    about: AMSTERDAM,
  },
  addActionComment: {
    method: 'POST',
    path: '/api/actions/1/comments',
    body: (role) => ({ text: `Opmerking van ${role}.` }),
    allowed: 201,
    about: AMSTERDAM,
  },
  sendTalkInvitation: {
    method: 'POST',
    path: '/api/talks/1/invitation',
    body: () => ({ recipients: ['anna@example.nl'] }),
    allowed: 200,
    about: AMSTERDAM,
  },
  getOpenApiDocument: { method: 'GET', path: '/api/openapi.json', allowed: 200 },
  getCurrentAccount: { method: 'GET', path: '/api/me', allowed: 200 },
  getMunicipalityReport: {
    method: 'GET',
    path: '/api/rounds/r/municipalities/0363/report',
    allowed: 200,
    about: AMSTERDAM,
  },
  listAccounts: { method: 'GET', path: '/api/accounts', allowed: 200 },
  createAccount: {
    method: 'POST',
    path: '/api/accounts',
    body: (role) => ({ name: `Nieuw ${role}`, email: `nieuw.${role}@example.nl`, role: 'analyst' }),
    allowed: 201,
  },
  setAdvisorProvinces: {
    method: 'PUT',
    path: '/api/accounts/{advisor}/provinces',
    body: () => ({ provinces: ['PV27'] }),
    allowed: 200,
  },
  listRounds: { method: 'GET', path: '/api/rounds', allowed: 200 },
  createRound: {
    method: 'POST',
    path: '/api/rounds',
    body: () => ({
      id: 'nieuw',
      name: 'Nieuwe meting',
      instrumentVersion: '2009',
      registerId: '2009',
      opensOn: '2026-01-01',
      closesOn: '2026-03-01',
    }),
    allowed: 201,
  },
  getRound: { method: 'GET', path: '/api/rounds/r', allowed: 200 },
  setRoundStatus: {
    method: 'PUT',
    path: '/api/rounds/r/status',
    body: () => ({ status: 'open' }),
    allowed: 200,
  },
  // Issue 11: the round 'r' is open, so prefill can no longer be switched on: the
  // coordinator hears 409 and nothing changes.
  setRoundPrefill: {
    method: 'PUT',
    path: '/api/rounds/r/prefill',
    body: () => ({ previousRoundId: null, prefill: true }),
    allowed: 409,
  },
  getRoundAnalysis: { method: 'GET', path: '/api/rounds/r/analysis', allowed: 200 },
  // Issue 11 (helper D): 'r' follows no round and is compared with itself: refused as input.
  getRoundComparison: {
    method: 'GET',
    path: '/api/rounds/r/comparison?from=r&rule=aandeel-goed',
    allowed: 400,
  },
  // Issue 12 (helper D): counts only, for every role that reads the analysis.
  getTalkStatistics: { method: 'GET', path: '/api/rounds/r/talk-statistics', allowed: 200 },
  // Issue 12 (helper C): the Wmo plans. Amsterdam's plan is saved as stored (no change), the
  // confirmation confirms it once, the target stays 75, and the import has a bad row.
  getWmoPlanIndicator: { method: 'GET', path: '/api/rounds/r/wmo-plans', allowed: 200 },
  setWmoPlanTarget: {
    method: 'PUT',
    path: '/api/rounds/r/wmo-plans/target',
    body: () => ({ target: 75 }),
    allowed: 200,
  },
  getWmoPlan: {
    method: 'GET',
    path: '/api/rounds/r/municipalities/0363/wmo-plan',
    allowed: 200,
    about: AMSTERDAM,
  },
  saveWmoPlan: {
    method: 'PUT',
    path: '/api/rounds/r/municipalities/0363/wmo-plan',
    body: () => ({ included: 'ja', baseVersion: 1 }),
    allowed: 200,
    about: AMSTERDAM,
  },
  confirmWmoPlan: {
    method: 'POST',
    path: '/api/rounds/r/municipalities/0363/wmo-plan/confirmation',
    body: () => ({ baseVersion: 1 }),
    allowed: 200,
    about: AMSTERDAM,
  },
  importWmoPlans: {
    method: 'POST',
    path: '/api/rounds/r/wmo-plans/import',
    body: () => ({
      fileName: 'plannen.csv',
      content: Buffer.from('gemeentecode,opgenomen,periode,titel,url\n0363,soms,,,\n').toString(
        'base64',
      ),
    }),
    allowed: 400,
  },
  // Issue 13 (helper A): every role reads the open answers (the service decides the names);
  // the coordinator and analysts quote (the same state each time: 200, changed or not).
  listOpenAnswerSources: { method: 'GET', path: '/api/rounds/r/open-answers', allowed: 200 },
  searchOpenAnswers: {
    method: 'GET',
    path: '/api/rounds/r/open-answers/search?search=vrijwilligers',
    allowed: 200,
  },
  getOpenAnswers: {
    method: 'GET',
    path: '/api/rounds/r/open-answers/vrijwilligerswerk/47/antwoord?provincie=PV25',
    allowed: 200,
  },
  setOpenAnswerQuote: {
    method: 'PUT',
    path: '/api/rounds/r/open-answers/vrijwilligerswerk/47/antwoord/{quote}/quote',
    body: () => ({ quote: true }),
    allowed: 200,
  },
  getMunicipalityTrend: {
    method: 'GET',
    path: '/api/rounds/r/municipalities/0363/trend',
    allowed: 200,
    about: AMSTERDAM,
  },
  getCrossTab: {
    method: 'GET',
    path: '/api/rounds/r/crosstab?row=mantelzorg.17&column=vrijwilligerswerk.aantal-goed',
    allowed: 200,
  },
  // An advisor gets the rows of their provinces.
  getRoundAnswers: {
    method: 'GET',
    path: '/api/rounds/r/answers?questionnaire=mantelzorg',
    allowed: 200,
    narrowed: true,
  },
  inviteMunicipalities: {
    method: 'POST',
    path: '/api/rounds/r/invitations',
    body: () => ({ contacts: [{ municipalityCode: '0363', email: 'nieuw@amsterdam.nl' }] }),
    allowed: 201,
  },
  sendReminders: { method: 'POST', path: '/api/rounds/r/reminders', allowed: 200 },
  // The same value every time: the preview lists one change or none, nothing is written.
  previewImport: {
    method: 'POST',
    path: '/api/rounds/r/imports/preview',
    body: () => ({
      fileName: 'antwoorden.csv',
      content: Buffer.from(
        'meting,gemeentecode,vragenlijst,vraag,antwoord\nr,GM0363,mantelzorg,17,3\n',
      ).toString('base64'),
    }),
    allowed: 200,
  },
  // An upload that does not exist: allowed callers hear it is gone.
  importAnswers: {
    method: 'POST',
    path: '/api/rounds/r/imports',
    body: () => ({ uploadId: 'bestaat-niet', fingerprint: 'x' }),
    allowed: 404,
  },
  setParticipation: {
    method: 'PUT',
    path: '/api/rounds/r/municipalities/0363/participation',
    body: () => ({ status: 'takes-part' }),
    allowed: 200,
    about: AMSTERDAM,
  },
  getAuditTrail: {
    method: 'GET',
    path: '/api/rounds/r/municipalities/0363/audit',
    allowed: 200,
    about: AMSTERDAM,
  },
  getQuestionnaire: { method: 'GET', path: `${Q}/mantelzorg`, allowed: 200, about: AMSTERDAM },
  saveAnswers: {
    method: 'PATCH',
    path: `${Q}/mantelzorg/answers`,
    // The same value each time: the first write wins, later ones change nothing (no conflict).
    body: () => ({ answers: [{ question: 17, value: 2, baseRevision: 0 }] }),
    allowed: 200,
    about: AMSTERDAM,
  },
  submitQuestionnaire: {
    method: 'POST',
    path: `${Q}/vrijwilligerswerk/submit`,
    // Unanswered items: allowed callers get 400 with the missing items, nothing changes.
    allowed: 400,
    about: AMSTERDAM,
  },
  reopenQuestionnaire: {
    method: 'POST',
    path: `${Q}/vrijwilligerswerk/reopen`,
    // Not submitted: allowed callers hear there is nothing to reopen.
    allowed: 409,
    about: AMSTERDAM,
  },
  // Round r is open: allowed callers hear that only a closed round can be published.
  publishRound: { method: 'POST', path: '/api/rounds/r/publication', allowed: 400 },
  // Not published: withdrawing changes nothing.
  unpublishRound: { method: 'DELETE', path: '/api/rounds/r/publication', allowed: 200 },
  listPublishedRounds: { method: 'GET', path: '/api/public/rounds', allowed: 200 },
  // Public, but round r is not published: as if it did not exist, for everyone.
  getOpenData: { method: 'GET', path: '/api/public/rounds/r', allowed: 404 },
  listInstruments: { method: 'GET', path: '/api/instruments', allowed: 200 },
  getInstrument: { method: 'GET', path: '/api/instruments/2009', allowed: 200 },
  // An invalid definition: allowed callers get 400 with the problems, nothing is stored.
  addInstrument: {
    method: 'POST',
    path: '/api/instruments',
    body: () => ({ definition: { version: 'fout' } }),
    allowed: 400,
  },
  // Issue 12 (helper A): advice talks. Without participants allowed callers hear what to fill
  // in and nothing is stored; an advisor of another province hears 404 first.
  listTalks: { method: 'GET', path: '/api/talks?round=r', allowed: 200, narrowed: true },
  getTalk: { method: 'GET', path: '/api/talks/{talk}', allowed: 200, about: AMSTERDAM },
  createTalk: {
    method: 'POST',
    path: '/api/talks',
    body: () => ({
      roundId: 'r',
      municipalityCode: '0363',
      heldOn: '2027-03-12',
      participants: '',
    }),
    allowed: 400,
    about: AMSTERDAM,
  },
  updateTalk: {
    method: 'PUT',
    path: '/api/talks/{talk}',
    body: () => ({ baseVersion: 1, heldOn: '2027-03-12', participants: '' }),
    allowed: 400,
    about: AMSTERDAM,
  },
  getQuestionnaireOverview: {
    method: 'GET',
    path: `${Q}/mantelzorg/overview`,
    allowed: 200,
    about: AMSTERDAM,
  },
  // Issue 13 (helper B): codebooks, coding and agreement of open answers. Changes from a stale
  // version are a 409 that writes nothing; the answer id is nobody's (404).
  getCodebook: { method: 'GET', path: `${OA}/codebook?breakdown=group`, allowed: 200 },
  createCodebook: { method: 'POST', path: `${OA}/codebook`, allowed: 409 },
  addTheme: {
    method: 'POST',
    path: `${OA}/codebook/themes`,
    body: () => ({ name: 'Structuur', baseVersion: 99 }),
    allowed: 409,
  },
  updateTheme: {
    method: 'PUT',
    path: `${OA}/codebook/themes/1`,
    body: () => ({ name: 'Structuur', baseVersion: 99 }),
    allowed: 409,
  },
  removeTheme: { method: 'DELETE', path: `${OA}/codebook/themes/1?baseVersion=99`, allowed: 409 },
  codeOpenAnswer: {
    method: 'PUT',
    path: `${OA}/answers/ffffffffffffffff/coding`,
    body: () => ({ themeIds: [], baseRevision: 0 }),
    allowed: 404,
  },
  getMyCodings: { method: 'GET', path: `${OA}/codings/mine`, allowed: 200 },
  getCodingAgreement: { method: 'GET', path: `${OA}/agreement`, allowed: 200 },
  settleOpenAnswer: {
    method: 'PUT',
    path: `${OA}/answers/ffffffffffffffff/settlement`,
    body: () => ({ themeIds: [] }),
    allowed: 404,
  },
  // Issue 13 (helper C): the coded answers of an open question; a municipality account 403.
  getCodedOpenAnswers: {
    method: 'GET',
    path: '/api/rounds/r/open-answers/vrijwilligerswerk/46/antwoord/coded',
    allowed: 200,
  },
};

/** What a caller gets, from the operation's permission in the permission table. */
function expectedStatus(operationId: string, role: Role): number {
  const operation = API_OPERATIONS.find((op) => op.operationId === operationId);
  const c = MATRIX[operationId] as MatrixCase;
  if (operation?.public) return c.allowed;
  if (role === 'revoked') return 401;
  const outcome = expectedOutcome(role, operation?.permission ?? 'signed-in', {
    allowed: c.allowed,
    anonymous: 401,
    ...(c.about ? { about: c.about } : {}),
    ...(c.narrowed ? { narrowed: true } : {}),
  });
  return outcome as number;
}

describe('OpenAPI document', () => {
  it('describes every operation; public ones have security: [], the others the bearer scheme', async () => {
    const { status, body } = await call(null, 'GET', '/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    expect(body.components).toMatchObject({
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
    });
    const paths = body.paths as Record<string, Record<string, Record<string, unknown>>>;
    const documented = Object.entries(paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    );
    expect(documented.map((d) => d.op.operationId).sort()).toEqual(
      API_OPERATIONS.map((op) => op.operationId).sort(),
    );
    for (const { op } of documented) {
      const isPublic = API_OPERATIONS.find((o) => o.operationId === op.operationId)?.public;
      expect(op.security).toEqual(isPublic ? [] : [{ bearerAuth: [] }]);
    }
    const save = paths[
      `${'/api/rounds/{roundId}/municipalities/{code}/questionnaires/{questionnaire}'}/answers`
    ]?.patch as { requestBody: { content: Record<string, { schema: { properties: object } }> } };
    expect(
      Object.keys(save.requestBody.content['application/json']?.schema.properties ?? {}),
    ).toEqual(['answers']);
  });
});

describe('authorization matrix: API', () => {
  it('has a case for every operation', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(API_OPERATIONS.map((op) => op.operationId).sort());
  });
  const cases = Object.keys(MATRIX).flatMap((id) =>
    ROLES.map((role) => [id, role, expectedStatus(id, role)] as const),
  );
  it.each(cases)('%s as %s → %s', async (id, role, expected) => {
    const c = MATRIX[id] as MatrixCase;
    const path = c.path
      .replace('{advisor}', String(advisorId))
      .replace('{talk}', String(talkId))
      .replace('{quote}', quoteId);
    const result = await call(
      role === 'anonymous' ? null : role,
      c.method,
      path,
      c.body ? c.body(role) : undefined,
    );
    expect(result.status, JSON.stringify(result.body)).toBe(expected);
    if (expected >= 400) expect(typeof result.body.message).toBe('string');
  });

  it('shows a municipality only its own row in a round, and analysts none', async () => {
    const own = await call('municipality', 'GET', '/api/rounds/r');
    expect((own.body.municipalities as { code: string }[]).map((m) => m.code)).toEqual(['0363']);
    const analyst = await call('analyst', 'GET', '/api/rounds/r');
    expect(analyst.body.municipalities).toEqual([]);
    expect(analyst.body.total).toBeGreaterThan(400);
  });
});

describe('the analysis over the API (decision 015)', () => {
  it('withholds small cells from a municipality and ignores its filter; staff filter', async () => {
    const own = await call('municipality', 'GET', '/api/rounds/r/analysis?groep=G4');
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      protection: 'small-cells',
      filterable: false,
      filterIgnored: true,
      filter: { sizeClass: null, group: null, province: null },
    });
    // No figure resting on 1 to 4 municipalities is shown.
    type Share = { respondents: number; suppressed: boolean; percentGoed: number | null };
    const shares = (['bySizeClass', 'byGroup', 'byProvince'] as const).flatMap((key) =>
      (own.body[key] as { basisfuncties: Share[] }[]).flatMap((g) => g.basisfuncties),
    );
    expect(shares.length).toBeGreaterThan(0);
    for (const share of shares) {
      if (share.respondents > 0 && share.respondents < 5)
        expect(share).toMatchObject({ suppressed: true, percentGoed: null });
    }
    const analyst = await call('analyst', 'GET', '/api/rounds/r');
    expect(analyst.body.municipalities).toEqual([]);
    expect(analyst.body.total).toBeGreaterThan(400);
  });
});

describe('bad input', () => {
  it('answers 400 with Dutch field errors and creates nothing', async () => {
    const result = await call('coordinator', 'POST', '/api/rounds', {
      id: 'met spatie',
      name: '',
      instrumentVersion: '2009',
      registerId: '2009',
      opensOn: '2026-05-01',
      closesOn: '2026-04-01',
    });
    expect(result.status).toBe(400);
    expect(result.body.errors).toEqual([
      { field: 'name', message: 'Vul de naam van de meting in, bijvoorbeeld Nulmeting 2009.' },
      {
        field: 'id',
        message: "Gebruik alleen letters, cijfers, '.', '_' of '-', zonder spaties.",
      },
      { field: 'closesOn', message: 'De sluitingsdatum moet op of na de openingsdatum liggen.' },
    ]);
    const rounds = await call('coordinator', 'GET', '/api/rounds');
    expect((rounds.body.rounds as { id: string }[]).map((r) => r.id)).not.toContain('met spatie');
  });

  it('saves nothing when one answer of several is invalid', async () => {
    const result = await call('municipality', 'PATCH', `${Q}/mantelzorg/answers`, {
      answers: [
        { question: 19, value: 3, baseRevision: 0 },
        { question: 20, value: 7, baseRevision: 0 },
        { question: 21, value: 'x', baseRevision: 'nul' },
      ],
    });
    expect(result.status).toBe(400);
    expect(result.body.errors).toEqual([
      {
        field: 'answers.2.baseRevision',
        message: 'Geef de revisie die u las (0 voor een onbeantwoorde vraag).',
      },
    ]);
    const second = await call('municipality', 'PATCH', `${Q}/mantelzorg/answers`, {
      answers: [
        { question: 19, value: 3, baseRevision: 0 },
        { question: 20, value: 7, baseRevision: 0 },
      ],
    });
    expect(second.status).toBe(400);
    expect(second.body.errors).toEqual([
      { field: 'answers.1.value', message: 'Kies bij vraag 20 één van de drie antwoorden.' },
    ]);
    const read = await call('municipality', 'GET', `${Q}/mantelzorg`);
    const items = read.body.items as { question: number; answer: unknown }[];
    expect(items.find((i) => i.question === 19)?.answer).toBeNull();
  });

  it('explains a body that is not JSON, an unknown address and a wrong method', async () => {
    const response = await fetch(`${app.url}/api/rounds`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${tokens.get('coordinator')}`,
        'Content-Type': 'application/json',
      },
      body: '{"id": ',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      message: 'De inhoud van het verzoek is geen geldige JSON.',
      errors: [],
    });
    const form = await fetch(`${app.url}/api/rounds`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokens.get('coordinator')}` },
      body: new URLSearchParams({ id: 'x' }),
    });
    expect(form.status).toBe(400);
    expect(((await form.json()) as { message: string }).message).toContain('application/json');
    expect((await call('coordinator', 'GET', '/api/bestaat-niet')).status).toBe(404);
    const wrong = await call('coordinator', 'DELETE', '/api/rounds');
    expect(wrong.status).toBe(405);
    expect((await call('coordinator', 'GET', '/api/rounds/bestaat-niet')).status).toBe(404);
    expect(
      (await call('coordinator', 'PUT', '/api/rounds/bestaat-niet/status', { status: 'open' }))
        .status,
    ).toBe(404);
  });
});

describe('editing together over the API', () => {
  it('reports a conflict with both values and never overwrites silently', async () => {
    const read = async (role: Role) =>
      (
        (await call(role, 'GET', `${Q}/mantelzorg`)).body.items as {
          question: number;
          answer: { revision: number; points: number } | null;
        }[]
      ).find((i) => i.question === 22)?.answer?.revision ?? 0;
    const seenByMunicipality = await read('municipality');
    const seenByAdvisor = await read('advisor');
    const first = await call('municipality', 'PATCH', `${Q}/mantelzorg/answers`, {
      answers: [
        { question: 22, value: 3, note: 'goed geregeld', baseRevision: seenByMunicipality },
      ],
    });
    expect(first).toMatchObject({ status: 200, body: { saved: 1, conflicts: [] } });
    // The answer tells the new revision: the base of the next save.
    expect(first.body.answers).toEqual([
      {
        question: 22,
        answer: expect.objectContaining({
          points: 3,
          note: 'goed geregeld',
          revision: seenByMunicipality + 1,
        }),
      },
    ]);
    const second = await call('advisor', 'PATCH', `${Q}/mantelzorg/answers`, {
      answers: [
        { question: 22, value: 1, baseRevision: seenByAdvisor },
        { question: 24, value: 2, baseRevision: 0 },
      ],
    });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      saved: 1,
      conflicts: [
        { question: 22, theirs: { points: 3, note: 'goed geregeld', updatedBy: 'Anna Amsterdam' } },
      ],
    });
    const after = await call('coordinator', 'GET', `${Q}/mantelzorg`);
    const items = after.body.items as { question: number; answer: { points: number } | null }[];
    expect(items.find((i) => i.question === 22)?.answer?.points).toBe(3);
    expect(items.find((i) => i.question === 24)?.answer?.points).toBe(2);
  });

  it('submits when complete, is read-only afterwards, and the coordinator reopens it', async () => {
    const read = await call('municipality', 'GET', `${Q}/vrijwilligerswerk`);
    const scale = (read.body.items as { question: number; kind: string }[]).filter(
      (i) => i.kind === 'scale',
    );
    const missing = await call('municipality', 'POST', `${Q}/vrijwilligerswerk/submit`);
    expect(missing.status).toBe(400);
    expect((missing.body.errors as unknown[]).length).toBe(scale.length);
    expect((missing.body.errors as { field: string }[])[0]?.field).toBe(
      `questions.${scale[0]?.question}`,
    );
    const saved = await call('municipality', 'PATCH', `${Q}/vrijwilligerswerk/answers`, {
      answers: scale.map((i) => ({ question: i.question, value: 3, baseRevision: 0 })),
    });
    expect(saved.body.saved).toBe(scale.length);
    expect((await call('municipality', 'POST', `${Q}/vrijwilligerswerk/submit`)).status).toBe(200);
    const locked = await call('advisor', 'PATCH', `${Q}/vrijwilligerswerk/answers`, {
      answers: [{ question: scale[0]?.question, value: 1, baseRevision: 1 }],
    });
    expect(locked.status).toBe(409);
    expect(locked.body.message).toBe(
      'Deze vragenlijst is ingediend en kan niet meer worden gewijzigd.',
    );
    const overview = await call('municipality', 'GET', `${Q}/vrijwilligerswerk/overview`);
    expect(overview.body.submitted).toBe(true);
    expect(
      (overview.body.basisfuncties as { mark: number | null }[]).every((b) => b.mark === 10),
    ).toBe(true);
    expect((await call('coordinator', 'POST', `${Q}/vrijwilligerswerk/reopen`)).status).toBe(200);
    const trail = await call('coordinator', 'GET', '/api/rounds/r/municipalities/0363/audit');
    const actions = (trail.body.events as { action: string; newValue: unknown }[]).map(
      (e) => `${e.action}:${JSON.stringify(e.newValue)}`,
    );
    expect(actions.slice(0, 2)).toEqual([
      'status.changed:"in-progress"',
      'status.changed:"submitted"',
    ]);
  });
});

describe('instrument versions over the API', () => {
  it('adds a version from its definition, returns it, and refuses it twice or with a bad mapping', async () => {
    const { readFile } = await import('node:fs/promises');
    const example = JSON.parse(
      await readFile(new URL('../../examples/instrument-2026.json', import.meta.url), 'utf8'),
    ) as Record<string, unknown>;
    const bad = structuredClone(example) as {
      version: string;
      questionnaires: { items: { previous: unknown }[] }[];
    };
    bad.version = 'api-fout';
    const item = bad.questionnaires[1]?.items[11];
    if (item) item.previous = { number: 99, change: 'same' };
    const refused = await call('coordinator', 'POST', '/api/instruments', { definition: bad });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      {
        field: 'definition',
        message:
          "vragenlijst 'mantelzorg', vraag 12: verwijst naar vraag 99, maar die bestaat niet in vragenlijst 'mantelzorg' van versie 2009",
      },
    ]);
    const added = await call('coordinator', 'POST', '/api/instruments', { definition: example });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ version: '2026', derivedFrom: '2009', frozen: false });
    const read = await call('analyst', 'GET', '/api/instruments/2026');
    expect(read.body.definition).toEqual(example);
    const listed = await call('advisor', 'GET', '/api/instruments');
    expect((listed.body.instruments as { version: string }[]).map((v) => v.version)).toEqual([
      '2009',
      '2026',
    ]);
    const again = await call('coordinator', 'POST', '/api/instruments', { definition: example });
    expect(again.status).toBe(409);
    expect((await call('municipality', 'GET', '/api/instruments/2026')).status).toBe(403);
  });
});

describe('advice talks over the API (issue 12, helper A)', () => {
  const ACTIVITY = 'Huishoudelijke hulp';
  const talk = {
    roundId: 'r',
    municipalityCode: '0363',
    heldOn: '2027-05-10',
    participants: 'Ada Adviseur',
    topics: [
      {
        questionnaire: 'mantelzorg',
        basisfunctie: 'praktische-hulp',
        points: 'Hulp in huis.',
        actions: [{ activity: ACTIVITY, owner: 'Wmo-team', dueOn: '2027-08-01' }],
      },
    ],
  };

  it('records a talk, shows it to the municipality, and refuses a stale change (409) and bad input (400) without storing', async () => {
    const created = await call('advisor', 'POST', '/api/talks', talk);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      version: 1,
      municipality: { code: '0363', provinceCode: 'PV27' },
      topics: [
        {
          basisfunctie: 'praktische-hulp',
          name: 'Praktische hulp',
          actions: [{ description: ACTIVITY, activity: ACTIVITY, status: 'planned' }],
        },
      ],
    });
    const id = created.body.id as number;
    const own = await call('municipality', 'GET', `/api/talks/${id}`);
    expect(own.status).toBe(200);
    const listed = await call('municipality', 'GET', '/api/talks');
    expect((listed.body as unknown as { id: number }[]).map((t) => t.id)).toContain(id);
    expect((await call('otherAdvisor', 'GET', `/api/talks/${id}`)).status).toBe(404);

    const changed = await call('coordinator', 'PUT', `/api/talks/${id}`, {
      baseVersion: 1,
      heldOn: '2027-05-10',
      participants: 'Ada Adviseur, Cora Coördinator',
    });
    expect(changed.status).toBe(200);
    // Actions not mentioned are kept.
    expect(changed.body).toMatchObject({
      version: 2,
      topics: [{ actions: [{ activity: ACTIVITY }] }],
    });
    const stale = await call('advisor', 'PUT', `/api/talks/${id}`, {
      baseVersion: 1,
      heldOn: '2027-05-10',
      participants: 'Oud',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/Cora Coördinator heeft dit gesprek intussen gewijzigd/);

    const refused = await call('advisor', 'POST', '/api/talks', {
      ...talk,
      topics: [
        {
          questionnaire: 'mantelzorg',
          basisfunctie: 'praktische-hulp',
          actions: [{ description: 'Te vroeg', dueOn: '2027-05-09' }, { owner: 'Niemand' }],
        },
      ],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      {
        field: 'topics.0.actions.0.dueOn',
        message:
          'De streefdatum 9-5-2027 ligt vóór het gesprek van 10-5-2027. Kies een datum op of na de dag van het gesprek.',
      },
      {
        field: 'topics.0.actions.1.description',
        message:
          'Beschrijf wat er gedaan wordt bij deze actie (Praktische hulp), of maak de hele rij leeg.',
      },
    ]);
    const after = await call('coordinator', 'GET', '/api/talks?municipality=0363');
    expect((after.body as unknown as unknown[]).length).toBe(
      (listed.body as unknown as unknown[]).length,
    );
  });
});
