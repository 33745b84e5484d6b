/**
 * The authorization matrix of the web app: every route of app/routes.ts and every form intent
 * of app/lib/intents.server.ts, against every role, including a municipality reaching for
 * another municipality's data. The expected answers come from the permission table
 * (tests/e2e/support/matrix.ts); the test fails when a route or intent has no case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import routes from '../../app/routes.ts';
import { FORM_INTENTS } from '../../app/lib/intents.server.ts';
import { createTalk } from '../../src/services/advice-talk-service.ts';
import { issueApiToken } from '../../src/services/api-token-service.ts';
import { copyInstrumentVersion } from '../../src/services/instrument-service.ts';
import { codebooks, outboxMessages, peerSets, wmoPlans } from '../../src/db/schema.ts';
import { savePeerSetFromForm } from '../../src/services/peer-set-service.ts';
import { publishRound } from '../../src/services/publication-service.ts';
import { createRound } from '../../src/services/round-service.ts';
import {
  CAST_EMAILS,
  createStaff,
  openRound,
  seedAccounts,
  TEST_PASSWORD,
} from '../support/factories.ts';
import { createTalk as createTestTalk } from '../support/talk-factories.ts';
import { startTestApp, type TestApp } from './support/browser.ts';
// Issue 13 (helper A): an open answer to quote.
import { seedQuotableAnswer } from './support/open-answers.ts';
import {
  AMSTERDAM,
  expectedOutcome,
  PERSONAS,
  type Need,
  type Outcome,
  type Persona,
} from './support/matrix.ts';

let app: TestApp;
interface Session {
  readonly cookie: string;
  readonly csrf: string;
  /** The persona's own comparison groups: one to open, one to delete. */
  readonly ownPeerSet?: number;
  readonly sparePeerSet?: number;
}
const sessions = new Map<Persona, Session>();
let advisorId = 0;
let tokenId = 0;
/** An account that the access forms disable and enable, so no persona loses its session. */
let targetId = 0;
/** A comparison group of the target account: someone else's for every persona. */
let foreignPeerSetId = 0;
/** Issue 12: Amsterdam's talks (A: talkId, recorded through the service; B: a talk with its action, written straight into the tables) and a mail with an attachment. */
let talkId = 0;
let actionId = 0;
let mailId = 0;
/** Issue 13 (helper A): the pseudonym of Zutphen's open answer to question 47. */
let quoteId = '';

async function logIn(persona: Persona): Promise<Session> {
  if (persona === 'anonymous') return { cookie: '', csrf: '' };
  const response = await fetch(`${app.url}/inloggen`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: app.url },
    body: new URLSearchParams({
      email: CAST_EMAILS[persona],
      password: TEST_PASSWORD,
      terug: '/metingen',
    }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? '';
  const page = await fetch(`${app.url}/metingen`, { headers: { Cookie: cookie } });
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  return { cookie, csrf };
}

beforeAll(async () => {
  app = await startTestApp();
  const cast = await seedAccounts(app.handle.db);
  advisorId = cast.advisor.id;
  targetId = (
    await createStaff(app.handle.db, {
      role: 'analyst',
      name: 'Doel Analist',
      email: 'doel@example.nl',
    })
  ).id;
  await openRound(app.handle.db, cast.coordinator, 'r', 'Meting');
  // Issue 12 (helper C): Amsterdam's Wmo plan, as the plan form posts it (so a save changes
  // nothing and a confirmation has something to confirm).
  await app.handle.db
    .insert(wmoPlans)
    .values({ roundId: 'r', municipalityCode: '0363', included: 'ja', updatedByName: 'test' });
  // Issue 13 (helper B): a codebook for question 47 of round r, so making one is refused (409)
  // and a stale change of its themes too, whoever of the allowed roles comes first.
  await app.handle.db
    .insert(codebooks)
    .values({ roundId: 'r', questionnaire: 'vrijwilligerswerk', question: 47, part: 'text' });
  // A closed, published round (without answers) for the public pages.
  await createRound(app.handle.db, { id: 'p', name: 'Gepubliceerd', status: 'closed' });
  await publishRound(app.handle.db, { kind: 'cli', label: 'test' }, 'p');
  // A concept instrument version for the editor's pages (no round uses it, so it stays open).
  await copyInstrumentVersion(
    app.handle.db,
    { kind: 'cli', label: 'test' },
    { from: '2009', version: 'concept', name: 'Concept' },
  );
  const token = await issueApiToken(app.handle.db, cast.coordinator, {
    name: 'in te trekken',
    email: CAST_EMAILS.analyst,
    days: 5,
  });
  if (!token.ok) throw new Error('expected a token');
  tokenId = token.id;
  // Written directly: the target is an analyst, who has no sets of their own in the app.
  const [foreign] = await app.handle.db
    .insert(peerSets)
    .values({ ownerUserId: targetId, name: 'Van een ander', kind: 'size', criterion: 'lt-20000' })
    .returning({ id: peerSets.id });
  foreignPeerSetId = foreign?.id ?? 0;
  const testTalk = await createTestTalk(app.handle.db, {
    roundId: 'r',
    municipalityCode: '0363',
    by: cast.advisor,
  });
  actionId = testTalk.actionIds[0] ?? 0;
  const [mail] = await app.handle.db
    .insert(outboxMessages)
    .values({
      to: 'anna@example.nl',
      subject: 'Uitnodiging',
      body: 'Tot dan.',
      attachments: [{ filename: 'adviesgesprek.ics', contentType: 'text/calendar', content: 'X' }],
    })
    .returning({ id: outboxMessages.id });
  mailId = mail?.id ?? 0;
  const talk = await createTalk(app.handle.db, cast.coordinator, {
    roundId: 'r',
    municipalityCode: '0363',
    heldOn: '2027-03-12',
    participants: 'Ada Adviseur, Anna Amsterdam',
    topics: [
      {
        questionnaire: 'mantelzorg',
        basisfunctie: 'respijtzorg',
        points: 'Respijtzorg aan huis.',
        actions: [{ description: 'Vrijwillige thuishulp uitbreiden', dueOn: '2027-09-01' }],
      },
    ],
  });
  if (!talk.ok) throw new Error('expected a talk');
  talkId = talk.id;
  quoteId = await seedQuotableAnswer(app.handle.db, 'r');
  for (const persona of PERSONAS) {
    const session = await logIn(persona);
    const user = persona === 'anonymous' || persona === 'analyst' ? null : cast[persona];
    const create = async (name: string) => {
      if (!user) return undefined;
      const saved = await savePeerSetFromForm(app.handle.db, user, {
        name,
        kind: 'province',
        province: 'PV27',
      });
      if (!saved.ok) throw new Error('expected a peer set');
      return saved.id;
    };
    const own = await create('Eigen groep');
    const spare = await create('Te verwijderen groep');
    sessions.set(persona, {
      ...session,
      ...(own ? { ownPeerSet: own } : {}),
      ...(spare ? { sparePeerSet: spare } : {}),
    });
  }
});

afterAll(async () => {
  await app?.dispose();
});

const M = '/metingen/r/gemeenten/0363';
/** Issue 13 (helper B): the open answers of question 47, and an item that is no open question. */
const OA = '/metingen/r/analyse/open-antwoorden/vrijwilligerswerk/47/antwoord';
const OA_NOT_OPEN = '/metingen/r/analyse/open-antwoorden/vrijwilligerswerk/1/antwoord';

interface Case {
  readonly path: string;
  readonly need: Need;
  /** The answer when allowed (default 200 for pages). */
  readonly allowed?: Outcome;
  /** When the case is about Amsterdam's data. */
  readonly about?: typeof AMSTERDAM;
  /** What an anonymous caller gets when the case is not public (default: the login page). */
  readonly anonymous?: Outcome;
  /** The answer for signed-in callers that do not depend on permissions (e.g. a redirect). */
  readonly signedIn?: Outcome;
  /** Every role with a scope is allowed; the service narrows what it gets (matrix.ts). */
  readonly narrowed?: boolean;
}

/** At least one GET case per route module in app/routes.ts. */
const PAGE_CASES: Record<string, readonly Case[]> = {
  'routes/home.tsx': [{ path: '/', need: 'public' }],
  'routes/login.tsx': [{ path: '/inloggen', need: 'public', signedIn: 302 }],
  'routes/logout.tsx': [{ path: '/uitloggen', need: 'public', allowed: 302 }],
  'routes/forgot-password.tsx': [{ path: '/wachtwoord-vergeten', need: 'public' }],
  'routes/reset-password.tsx': [{ path: '/wachtwoord-herstellen/onbekend', need: 'public' }],
  'routes/about.tsx': [{ path: '/over', need: 'public' }],
  'routes/not-found.tsx': [{ path: '/bestaat-niet', need: 'public', allowed: 404 }],
  'routes/invitation.tsx': [{ path: '/uitnodiging/onbekend', need: 'public' }],
  'routes/outbox.tsx': [{ path: '/postvak', need: 'outbox.read' }],
  // Issue 12 (helper B): actions, the invitation to a talk, the weekly digest, attachments.
  'routes/actions.tsx': [{ path: '/acties', need: 'talks.read', narrowed: true }],
  'routes/action.tsx': [
    // Another province's advisor and another municipality get 404, the analyst 403.
    { path: '/acties/{action}', need: 'talks.read', about: AMSTERDAM },
    { path: '/acties/99999', need: 'talks.read', allowed: 404, narrowed: true },
    { path: '/acties/abc', need: 'talks.read', allowed: 404, narrowed: true },
  ],
  'routes/talk-invitation.tsx': [
    { path: '/gesprekken/{talk}/uitnodiging', need: 'talks.record', about: AMSTERDAM },
    { path: '/gesprekken/99999/uitnodiging', need: 'talks.record', allowed: 404, narrowed: true },
  ],
  'routes/talk-calendar.ts': [
    { path: '/gesprekken/{talk}/uitnodiging.ics', need: 'talks.read', about: AMSTERDAM },
  ],
  'routes/settings.tsx': [{ path: '/instellingen', need: 'digest.manage' }],
  'routes/outbox-attachment.ts': [
    { path: '/postvak/{mail}/bijlagen/0', need: 'outbox.read' },
    { path: '/postvak/{mail}/bijlagen/3', need: 'outbox.read', allowed: 404 },
  ],
  'routes/accounts.tsx': [{ path: '/accounts', need: 'accounts.manage' }],
  'routes/account-provinces.tsx': [
    { path: '/accounts/{advisor}/provincies', need: 'accounts.manage' },
    { path: '/accounts/99999/provincies', need: 'accounts.manage', allowed: 404 },
  ],
  'routes/account-access.tsx': [
    { path: '/accounts/{target}/toegang', need: 'accounts.manage' },
    { path: '/accounts/99999/toegang', need: 'accounts.manage', allowed: 404 },
  ],
  'routes/api-tokens.tsx': [{ path: '/api-sleutels', need: 'apiTokens.manage' }],
  // Instrument versions (issue 11): everyone but municipalities reads, the coordinator edits.
  'routes/instruments.tsx': [{ path: '/instrumenten', need: 'instrument.view' }],
  'routes/instrument-new.tsx': [{ path: '/instrumenten/nieuw', need: 'instrument.edit' }],
  'routes/instrument.tsx': [
    { path: '/instrumenten/2009', need: 'instrument.view' },
    { path: '/instrumenten/concept', need: 'instrument.view' },
    { path: '/instrumenten/onbekend', need: 'instrument.view', allowed: 404 },
  ],
  'routes/instrument-preview.tsx': [
    { path: '/instrumenten/concept/voorbeeld?vragenlijst=mantelzorg', need: 'instrument.view' },
  ],
  'routes/instrument-diff.tsx': [
    { path: '/instrumenten/concept/verschillen', need: 'instrument.view' },
    // 2009 derives from nothing: there is nothing to compare with.
    { path: '/instrumenten/2009/verschillen', need: 'instrument.view', allowed: 404 },
  ],
  'routes/instrument-item.tsx': [
    { path: '/instrumenten/concept/mantelzorg/vragen/12', need: 'instrument.edit' },
    { path: '/instrumenten/concept/mantelzorg/vragen/nieuw?na=3', need: 'instrument.edit' },
    // A bundled version is never edited: the coordinator hears to make a new version.
    { path: '/instrumenten/2009/mantelzorg/vragen/12', need: 'instrument.edit', allowed: 409 },
  ],
  'routes/instrument-basisfunctie.tsx': [
    {
      path: '/instrumenten/concept/mantelzorg/basisfuncties/respijtzorg',
      need: 'instrument.edit',
    },
  ],
  // The JSON API has its own matrix over every operation (tests/e2e/api.test.ts).
  'routes/api.ts': [{ path: '/api/openapi.json', need: 'public' }],
  'routes/peer-sets.tsx': [{ path: '/vergelijkingsgroepen', need: 'peerSets.manage' }],
  'routes/peer-set.tsx': [
    { path: '/vergelijkingsgroepen/nieuw', need: 'peerSets.manage' },
    { path: '/vergelijkingsgroepen/{ownPeerSet}', need: 'peerSets.manage' },
    // Another user's set is not there for anyone else, whatever their role.
    { path: '/vergelijkingsgroepen/{foreignPeerSet}', need: 'peerSets.manage', allowed: 404 },
    { path: '/vergelijkingsgroepen/abc', need: 'peerSets.manage', allowed: 404 },
  ],
  'routes/peer-set-delete.tsx': [
    { path: '/vergelijkingsgroepen/{ownPeerSet}/verwijderen', need: 'peerSets.manage' },
    {
      path: '/vergelijkingsgroepen/{foreignPeerSet}/verwijderen',
      need: 'peerSets.manage',
      allowed: 404,
    },
  ],
  'routes/rounds.tsx': [{ path: '/metingen', need: 'rounds.read' }],
  'routes/round.tsx': [
    { path: '/metingen/r', need: 'rounds.read' },
    // Query parameters that make no sense fall back to their defaults.
    { path: '/metingen/r?stand=kapot&pagina=-1&sorteer=x&provincie=PV99', need: 'rounds.read' },
    { path: '/metingen/bestaat-niet', need: 'rounds.read', allowed: 404 },
  ],
  'routes/round-invite.tsx': [
    { path: '/metingen/r/uitnodigen', need: 'round.invite' },
    { path: '/metingen/r/uitnodigen?namen=Amsterdam&provincie=PV24', need: 'round.invite' },
  ],
  'routes/round-import.tsx': [
    { path: '/metingen/r/importeren', need: 'round.import' },
    // An upload that does not exist (any more): the page says so.
    {
      path: '/metingen/r/importeren?bestand=bestaat-niet-meer-0000',
      need: 'round.import',
      allowed: 404,
    },
    { path: '/metingen/bestaat-niet/importeren', need: 'round.import', allowed: 404 },
  ],
  'routes/round-confirm.tsx': [
    { path: '/metingen/r/bevestigen/sluiten', need: 'round.changeStatus' },
    { path: '/metingen/r/bevestigen/heropenen', need: 'round.changeStatus' },
    { path: '/metingen/r/bevestigen/herinneren', need: 'round.remind' },
    { path: '/metingen/r/bevestigen/publiceren', need: 'round.publish' },
    { path: '/metingen/r/bevestigen/publicatie-intrekken', need: 'round.publish' },
    { path: '/metingen/bestaat-niet/bevestigen/publiceren', need: 'round.publish', allowed: 404 },
    { path: '/metingen/r/bevestigen/onbekend', need: 'signed-in', allowed: 404 },
  ],
  // Public pages (issue 10): open to everyone, signed in or not; an unpublished round (r is
  // open) is not there for anyone, whatever their role.
  'routes/public-rounds.tsx': [{ path: '/openbaar', need: 'public' }],
  'routes/public-round.tsx': [
    { path: '/openbaar/metingen/p', need: 'public' },
    { path: '/openbaar/metingen/r', need: 'public', allowed: 404 },
    { path: '/openbaar/metingen/bestaat-niet', need: 'public', allowed: 404 },
  ],
  'routes/public-data.ts': [
    { path: '/openbaar/metingen/p/data.json', need: 'public' },
    { path: '/openbaar/metingen/p/data.csv', need: 'public' },
    { path: '/openbaar/metingen/p/metadata.json', need: 'public' },
    { path: '/openbaar/metingen/p/anders.txt', need: 'public', allowed: 404 },
    { path: '/openbaar/metingen/r/data.json', need: 'public', allowed: 404 },
    { path: '/openbaar/metingen/r/data.csv', need: 'public', allowed: 404 },
  ],
  'routes/round-map.tsx': [{ path: '/metingen/r/kaart.svg', need: 'round.viewMap' }],
  // Every role but the analyst; the page names only the members the user may see.
  'routes/region.tsx': [
    { path: '/metingen/r/regio', need: 'region.read' },
    { path: '/metingen/r/regio?rond=0363', need: 'region.read' },
    { path: '/metingen/r/regio?provincie=PV27&gemeenten=0363&gemeenten=0362', need: 'region.read' },
    // An unknown code: the form says which codes it knows.
    { path: '/metingen/r/regio?rond=9999', need: 'region.read', allowed: 400 },
    { path: '/metingen/bestaat-niet/regio', need: 'region.read', allowed: 404 },
  ],
  // The analysis dashboard (issue 10): every role reads it; what it shows differs per role.
  'routes/analysis.tsx': [
    { path: '/metingen/r/analyse', need: 'analysis.read' },
    // A filter a municipality may not use is ignored, not refused; an unknown value is named.
    { path: '/metingen/r/analyse?provincie=PV24&groep=G4', need: 'analysis.read' },
    { path: '/metingen/r/analyse?grootte=kapot', need: 'analysis.read' },
    { path: '/metingen/bestaat-niet/analyse', need: 'analysis.read', allowed: 404 },
  ],
  'routes/analysis-basisfuncties.tsx': [
    { path: '/metingen/r/analyse/basisfuncties', need: 'analysis.read' },
  ],
  'routes/analysis-items.tsx': [
    {
      path: '/metingen/r/analyse/items?vragenlijst=mantelzorg&basisfunctie=informatie',
      need: 'analysis.read',
    },
    { path: '/metingen/r/analyse/items?basisfunctie=bestaat-niet', need: 'analysis.read' },
  ],
  'routes/analysis-choices.tsx': [{ path: '/metingen/r/analyse/meerkeuze', need: 'analysis.read' }],
  'routes/analysis-summary.tsx': [
    { path: '/metingen/r/analyse/samenvatting', need: 'analysis.read' },
  ],
  // The map by municipality is drawn only for who may see municipalities by name.
  'routes/analysis-maps.tsx': [
    {
      path: '/metingen/r/analyse/kaarten?basisfunctie=mantelzorg:respijtzorg',
      need: 'analysis.read',
    },
  ],
  'routes/analysis-table.ts': [
    { path: '/metingen/r/analyse/tabellen/respons.csv', need: 'analysis.exportTables' },
    { path: '/metingen/r/analyse/tabellen/aantal-goed.xlsx', need: 'analysis.exportTables' },
    {
      path: '/metingen/r/analyse/tabellen/bestaat-niet.csv',
      need: 'analysis.exportTables',
      allowed: 404,
    },
    {
      path: '/metingen/r/analyse/tabellen/respons.pdf',
      need: 'analysis.exportTables',
      allowed: 404,
    },
  ],
  'routes/analysis-workbook.ts': [
    { path: '/metingen/r/analyse/tabellen.xlsx', need: 'analysis.exportTables' },
  ],
  // Issue 11 (helper D): the national trend; 'r' follows no round, so the page asks for one.
  'routes/analysis-trend.tsx': [
    { path: '/metingen/r/analyse/ontwikkeling', need: 'analysis.read' },
    {
      path: '/metingen/r/analyse/ontwikkeling?van=p&regel=grootste-voorganger&provincie=PV27',
      need: 'analysis.read',
    },
    { path: '/metingen/r/analyse/ontwikkeling?regel=kapot', need: 'analysis.read', allowed: 400 },
    { path: '/metingen/bestaat-niet/analyse/ontwikkeling', need: 'analysis.read', allowed: 404 },
  ],
  // Issue 12 (helper D): the talk statistics name no municipality, so every analysis reader.
  'routes/analysis-talks.tsx': [
    { path: '/metingen/r/analyse/gesprekken', need: 'analysis.read' },
    { path: '/metingen/bestaat-niet/analyse/gesprekken', need: 'analysis.read', allowed: 404 },
  ],
  // Every role; municipality accounts get the national table under the small-cell rule.
  'routes/analysis-crosstab.tsx': [
    { path: '/metingen/r/analyse/kruistabel', need: 'analysis.read' },
    {
      path: '/metingen/r/analyse/kruistabel?rij=mantelzorg.15&kolom=vrijwilligerswerk.aantal-goed&weergave=rij',
      need: 'analysis.read',
    },
    // A filter: applied for staff, ignored (and said so) for municipality accounts.
    {
      path: '/metingen/r/analyse/kruistabel?rij=mantelzorg.17&kolom=mantelzorg.19&provincie=PV27',
      need: 'analysis.read',
    },
    // An unknown question: the form says how questions are named.
    {
      path: '/metingen/r/analyse/kruistabel?rij=mantelzorg.17&kolom=bestaat-niet',
      need: 'analysis.read',
      allowed: 400,
    },
    { path: '/metingen/bestaat-niet/analyse/kruistabel', need: 'analysis.read', allowed: 404 },
  ],
  'routes/analysis-crosstab-file.ts': [
    {
      path: '/metingen/r/analyse/kruistabel.csv?rij=mantelzorg.17&kolom=mantelzorg.19',
      need: 'analysis.exportTables',
    },
    {
      path: '/metingen/r/analyse/kruistabel.xlsx?rij=mantelzorg.17&kolom=vrijwilligerswerk.3',
      need: 'analysis.exportTables',
    },
    // Without the two questions there is nothing to download.
    { path: '/metingen/r/analyse/kruistabel.csv', need: 'analysis.exportTables', allowed: 400 },
  ],
  'routes/municipality.tsx': [{ path: M, need: 'questionnaire.read', about: AMSTERDAM }],
  // Rendered on the spot in Chromium (nothing is stored yet for round r).
  'routes/report-pdf.ts': [{ path: `${M}/rapport.pdf`, need: 'report.read', about: AMSTERDAM }],
  // Every role; a municipality account gets the small-cell version (as the public).
  'routes/national-report.tsx': [
    { path: '/metingen/r/analyse/rapport', need: 'analysis.read' },
    { path: '/metingen/bestaat-niet/analyse/rapport', need: 'analysis.read', allowed: 404 },
  ],
  'routes/national-report-pdf.ts': [
    { path: '/metingen/r/analyse/rapport.pdf', need: 'analysis.read' },
    { path: '/metingen/bestaat-niet/analyse/rapport.pdf', need: 'analysis.read', allowed: 404 },
  ],
  'routes/report-runs.tsx': [
    { path: '/metingen/r/rapporten', need: 'report.bulkRun' },
    { path: '/metingen/bestaat-niet/rapporten', need: 'report.bulkRun', allowed: 404 },
  ],
  'routes/audit.tsx': [
    { path: `${M}/logboek`, need: 'audit.read', about: AMSTERDAM },
    // Filters that are not valid: the form comes back with a message on the field.
    { path: `${M}/logboek?van=31-02-2026`, need: 'audit.read', about: AMSTERDAM, allowed: 400 },
  ],
  'routes/audit-csv.ts': [
    { path: `${M}/logboek.csv`, need: 'audit.export', about: AMSTERDAM },
    { path: `${M}/logboek.csv?tot=gisteren`, need: 'audit.export', about: AMSTERDAM, allowed: 400 },
  ],
  'routes/report-note.tsx': [
    { path: `${M}/rapport/notitie/mantelzorg/respijtzorg`, need: 'notes.write', about: AMSTERDAM },
    {
      path: `${M}/rapport/notitie/mantelzorg/bestaat-niet`,
      need: 'notes.write',
      about: AMSTERDAM,
      allowed: 404,
    },
  ],
  // The old overview leads to the questionnaire's part of the report.
  'routes/municipality-settings.tsx': [
    { path: `${M}/instellingen`, need: 'consent.set', about: AMSTERDAM },
  ],
  'routes/overview.tsx': [
    {
      path: `${M}/mantelzorg/overzicht`,
      need: 'questionnaire.read',
      about: AMSTERDAM,
      allowed: 302,
    },
  ],
  // Issue 11 (helper D): one municipality's trend, with the rights of its report.
  'routes/municipality-trend.tsx': [
    { path: `${M}/ontwikkeling`, need: 'report.read', about: AMSTERDAM },
    { path: `${M}/ontwikkeling?regel=aandeel-goed`, need: 'report.read', about: AMSTERDAM },
  ],
  'routes/report.tsx': [
    { path: `${M}/rapport`, need: 'report.read', about: AMSTERDAM },
    // Someone else's (or an unknown) peer set: as if it did not exist.
    { path: `${M}/rapport?vergelijk=999999`, need: 'report.read', about: AMSTERDAM, allowed: 404 },
  ],
  'routes/submit.tsx': [
    { path: `${M}/mantelzorg/indienen`, need: 'questionnaire.read', about: AMSTERDAM },
  ],
  'routes/section.tsx': [
    { path: `${M}/mantelzorg/informatie`, need: 'questionnaire.read', about: AMSTERDAM },
    { path: `${M}/vrijwilligerswerk/algemeen`, need: 'questionnaire.read', about: AMSTERDAM },
    {
      path: `${M}/mantelzorg/bestaat-niet`,
      need: 'questionnaire.read',
      about: AMSTERDAM,
      allowed: 404,
    },
  ],
  // The answers export: the coordinator every municipality, an advisor their provinces' rows.
  'routes/analysis-export.tsx': [
    { path: '/metingen/r/analyse/export', need: 'analysis.exportAnswers', narrowed: true },
    // An unknown filter value: the page says which values there are.
    {
      path: '/metingen/r/analyse/export?grootte=reus',
      need: 'analysis.exportAnswers',
      narrowed: true,
      allowed: 400,
    },
    {
      path: '/metingen/bestaat-niet/analyse/export',
      need: 'analysis.exportAnswers',
      narrowed: true,
      allowed: 404,
    },
  ],
  'routes/analysis-export-file.ts': [
    {
      path: '/metingen/r/analyse/export/r-mantelzorg.csv',
      need: 'analysis.exportAnswers',
      narrowed: true,
    },
    {
      path: '/metingen/r/analyse/export/r-mantelzorg.xlsx',
      need: 'analysis.exportAnswers',
      narrowed: true,
    },
    {
      path: '/metingen/r/analyse/export/r-mantelzorg.sps',
      need: 'analysis.exportAnswers',
      narrowed: true,
    },
    {
      path: '/metingen/r/analyse/export/r-vrijwilligerswerk.dat',
      need: 'analysis.exportAnswers',
      narrowed: true,
    },
    {
      path: '/metingen/r/analyse/export/r-mantelzorg.csv?provincie=PV24&groep=overig',
      need: 'analysis.exportAnswers',
      narrowed: true,
    },
    {
      path: '/metingen/r/analyse/export/r-sport.csv',
      need: 'analysis.exportAnswers',
      narrowed: true,
      allowed: 404,
    },
  ],
  // Issue 12 (helper A): advice talks. The list and the chooser narrow to what the user may
  // read or record; a talk outside an advisor's provinces is not there for them (404).
  'routes/talks.tsx': [
    { path: '/gesprekken', need: 'talks.read', narrowed: true },
    {
      path: '/gesprekken?meting=r&provincie=PV27&gemeente=0363',
      need: 'talks.read',
      narrowed: true,
    },
  ],
  'routes/talk-new.tsx': [
    { path: '/gesprekken/nieuw', need: 'talks.record', narrowed: true },
    { path: '/gesprekken/nieuw?meting=r', need: 'talks.record', narrowed: true },
    { path: '/gesprekken/nieuw?meting=r&gemeente=0363', need: 'talks.record', about: AMSTERDAM },
    {
      path: '/gesprekken/nieuw?meting=r&gemeente=9999',
      need: 'talks.record',
      narrowed: true,
      allowed: 404,
    },
  ],
  'routes/talk.tsx': [
    { path: '/gesprekken/{talk}', need: 'talks.read', about: AMSTERDAM },
    { path: '/gesprekken/999999', need: 'talks.read', narrowed: true, allowed: 404 },
    { path: '/gesprekken/abc', need: 'talks.read', narrowed: true, allowed: 404 },
  ],
  'routes/talk-edit.tsx': [
    { path: '/gesprekken/{talk}/bewerken', need: 'talks.record', about: AMSTERDAM },
    { path: '/gesprekken/999999/bewerken', need: 'talks.record', narrowed: true, allowed: 404 },
  ],
  // Autosave answers POST only.
  'routes/autosave.tsx': [
    { path: `${M}/mantelzorg/informatie/autosave`, need: 'public', allowed: 405 },
  ],
  // Issue 12 (helper C): the Wmo plan (hidden from an advisor of another province), the
  // national indicator (counts only) and the import (the coordinator).
  'routes/wmo-plan.tsx': [{ path: `${M}/wmo-plan`, need: 'wmoPlan.read', about: AMSTERDAM }],
  'routes/analysis-wmo-plans.tsx': [
    { path: '/metingen/r/analyse/wmo-plannen', need: 'analysis.read' },
    { path: '/metingen/bestaat-niet/analyse/wmo-plannen', need: 'analysis.read', allowed: 404 },
  ],
  'routes/wmo-plan-import.tsx': [
    { path: '/metingen/r/wmo-plannen/importeren', need: 'wmoPlan.import' },
  ], // Issue 13 (helper A): every role reads the open answers (the service decides the names);
  // an unknown round, question or part, or the open answers of a closed item, is not found.
  'routes/open-answers.tsx': [
    { path: '/metingen/r/analyse/open-antwoorden', need: 'openAnswers.read' },
    { path: '/metingen/r/analyse/open-antwoorden?zoek=vrijwilligers', need: 'openAnswers.read' },
    {
      path: '/metingen/bestaat-niet/analyse/open-antwoorden',
      need: 'openAnswers.read',
      allowed: 404,
    },
  ],
  'routes/open-answer-source.tsx': [
    {
      path: '/metingen/r/analyse/open-antwoorden/vrijwilligerswerk/47/antwoord',
      need: 'openAnswers.read',
    },
    {
      path: '/metingen/r/analyse/open-antwoorden/vrijwilligerswerk/1/toelichting?provincie=PV25',
      need: 'openAnswers.read',
    },
    {
      path: '/metingen/r/analyse/open-antwoorden/vrijwilligerswerk/99/antwoord',
      need: 'openAnswers.read',
      allowed: 404,
    },
    {
      path: '/metingen/r/analyse/open-antwoorden/vrijwilligerswerk/1/antwoord',
      need: 'openAnswers.read',
      allowed: 404,
    },
    {
      path: '/metingen/r/analyse/open-antwoorden/vrijwilligerswerk/47/iets',
      need: 'openAnswers.read',
      allowed: 404,
    },
  ],
  // Issue 13 (helper B): the codebook with its counts (everyone who reads open answers), coding
  // and the agreement (coordinator and analysts).
  'routes/open-answer-codebook.tsx': [
    { path: `${OA}/codeboek`, need: 'openAnswers.read' },
    { path: `${OA}/codeboek?uitsplitsing=groep`, need: 'openAnswers.read' },
    { path: `${OA_NOT_OPEN}/codeboek`, need: 'openAnswers.read', allowed: 404 },
  ],
  'routes/open-answer-coding.tsx': [
    { path: `${OA}/coderen`, need: 'openAnswers.code' },
    { path: `${OA}/coderen?zoek=vrijwilligers&provincie=PV27`, need: 'openAnswers.code' },
  ],
  'routes/open-answer-agreement.tsx': [{ path: `${OA}/overeenstemming`, need: 'openAnswers.code' }],
  // Issue 13 (helper C): the coded answers of an open question as files; an advisor's file
  // names only their provinces (the service narrows), a municipality account gets 403.
  'routes/open-answer-export-file.ts': [
    {
      path: '/metingen/r/analyse/open-antwoorden/vrijwilligerswerk/46/antwoord/export.csv',
      need: 'openAnswers.export',
    },
    {
      path: '/metingen/r/analyse/open-antwoorden/vrijwilligerswerk/46/antwoord/export.xlsx?provincie=PV27',
      need: 'openAnswers.export',
    },
    // Vraag 1 is no open question (its notes can be read, its answers not).
    {
      path: '/metingen/r/analyse/open-antwoorden/vrijwilligerswerk/1/antwoord/export.csv',
      need: 'openAnswers.export',
      allowed: 404,
    },
  ],
};

/** A form case: what it needs comes from FORM_INTENTS itself. */
interface FormCase extends Omit<Case, 'need'> {
  readonly fields: (persona: Persona) => Record<string, string>;
  /** Log in again for this case (it ends the session it uses). */
  readonly freshSession?: boolean;
}

/** One case per form intent of app/lib/intents.server.ts. */
const FORM_CASES: Record<string, Record<string, FormCase>> = {
  'routes/login.tsx': {
    // An empty password is refused before any attempt is counted.
    // Signed in, the login page sends you on.
    login: { path: '/inloggen', allowed: 400, signedIn: 302, fields: () => ({ email: 'x' }) },
  },
  'routes/logout.tsx': {
    logout: {
      path: '/uitloggen',
      allowed: 302,
      anonymous: 302,
      freshSession: true,
      fields: () => ({}),
    },
  },
  'routes/forgot-password.tsx': {
    request: {
      path: '/wachtwoord-vergeten',
      fields: (p) => ({ email: `vergeten.${p}@example.nl` }),
    },
  },
  'routes/reset-password.tsx': {
    reset: {
      path: '/wachtwoord-herstellen/onbekend',
      allowed: 400,
      fields: () => ({ password: 'een nieuw lang wachtwoord', confirmation: 'x' }),
    },
  },
  'routes/invitation.tsx': {
    accept: {
      path: '/uitnodiging/onbekend',
      allowed: 400,
      fields: () => ({ name: 'X', password: 'een lang wachtwoord!', confirmation: 'x' }),
    },
  },
  'routes/accounts.tsx': {
    create: {
      path: '/accounts',
      allowed: 302,
      fields: (p) => ({ name: 'X', email: `nieuw.${p}@example.nl`, role: 'analyst' }),
    },
  },
  'routes/account-provinces.tsx': {
    assign: {
      path: '/accounts/{advisor}/provincies',
      allowed: 302,
      fields: () => ({ provinces: 'PV27' }),
    },
  },
  'routes/account-access.tsx': {
    disable: {
      path: '/accounts/{target}/toegang',
      allowed: 302,
      fields: () => ({ intent: 'disable' }),
    },
    enable: {
      path: '/accounts/{target}/toegang',
      allowed: 302,
      fields: () => ({ intent: 'enable' }),
    },
  },
  'routes/api-tokens.tsx': {
    issue: {
      path: '/api-sleutels',
      fields: () => ({ intent: 'issue', name: 'X', email: CAST_EMAILS.coordinator, days: '5' }),
    },
    revoke: {
      path: '/api-sleutels',
      allowed: 302,
      fields: () => ({ intent: 'revoke', id: String(tokenId) }),
    },
  },
  'routes/peer-set.tsx': {
    save: {
      path: '/vergelijkingsgroepen/nieuw',
      allowed: 302,
      fields: (p) => ({
        intent: 'save',
        name: `Groep van ${p}`,
        kind: 'size',
        sizeClass: 'lt-20000',
      }),
    },
  },
  'routes/peer-set-delete.tsx': {
    delete: {
      path: '/vergelijkingsgroepen/{sparePeerSet}/verwijderen',
      allowed: 302,
      fields: () => ({ intent: 'delete' }),
    },
  },
  'routes/report-note.tsx': {
    // The same text each time: the first save writes it, later ones change nothing.
    save: {
      path: `${M}/rapport/notitie/mantelzorg/respijtzorg`,
      about: AMSTERDAM,
      allowed: 302,
      fields: () => ({ intent: 'save', text: 'Vaste notitie.', baseVersion: '0' }),
    },
  },
  // Issue 12 (helper B). The same status each time: the first save changes it, later ones
  // find it so already (no conflict, whatever version they name).
  'routes/action.tsx': {
    status: {
      path: '/acties/{action}',
      about: AMSTERDAM,
      allowed: 302,
      fields: () => ({ intent: 'status', status: 'in_progress', reden: '', versie: '1' }),
    },
    comment: {
      path: '/acties/{action}',
      about: AMSTERDAM,
      allowed: 302,
      fields: (p) => ({ intent: 'comment', opmerking: `Opmerking van ${p}.` }),
    },
  },
  'routes/talk-invitation.tsx': {
    send: {
      path: '/gesprekken/{talk}/uitnodiging',
      about: AMSTERDAM,
      allowed: 302,
      fields: () => ({ intent: 'send', ontvangers: 'anna@example.nl', bericht: '' }),
    },
  },
  'routes/settings.tsx': {
    digest: {
      path: '/instellingen',
      allowed: 302,
      fields: () => ({ intent: 'digest', overzicht: 'aan' }),
    },
  },
  'routes/rounds.tsx': {
    create: {
      path: '/metingen',
      allowed: 302,
      fields: (p) => ({
        id: `nieuw-${p}`,
        name: 'Nieuw',
        instrumentVersion: '2009',
        registerId: '2009',
        opensOn: '2026-01-01',
        closesOn: '2026-02-01',
      }),
    },
  },
  'routes/round.tsx': {
    // The round is open already: opening it again changes nothing.
    status: {
      path: '/metingen/r',
      allowed: 302,
      fields: () => ({ intent: 'status', status: 'open' }),
    },
    // Issue 11 (prefilled follow-up): the setting is only for a round in preparation, so on
    // the closed round 'p' the coordinator hears 409 and changes nothing; others hear 403.
    prefill: {
      path: '/metingen/p',
      allowed: 409,
      fields: () => ({ intent: 'prefill', vorige: 'r', vooraf: 'ja' }),
    },
  },
  'routes/round-confirm.tsx': {
    // Confirming 'open' for a round that is open already changes nothing.
    status: {
      path: '/metingen/r/bevestigen/heropenen',
      allowed: 302,
      fields: () => ({ intent: 'status', status: 'open' }),
    },
    remind: {
      path: '/metingen/r/bevestigen/herinneren',
      allowed: 302,
      fields: () => ({ intent: 'remind' }),
    },
    // Round r is open: allowed callers hear that only a closed round can be published.
    publish: {
      path: '/metingen/r/bevestigen/publiceren',
      allowed: 400,
      fields: () => ({ intent: 'publish' }),
    },
    // Not published: withdrawing changes nothing.
    unpublish: {
      path: '/metingen/r/bevestigen/publicatie-intrekken',
      allowed: 302,
      fields: () => ({ intent: 'unpublish' }),
    },
  },
  'routes/round-invite.tsx': {
    invite: {
      path: '/metingen/r/uitnodigen',
      allowed: 302,
      fields: (p) => ({ intent: 'invite', contacts: `GM0363;uitnodiging.${p}@example.nl` }),
    },
    'invite-chosen': {
      path: '/metingen/r/uitnodigen?namen=GM0034',
      allowed: 302,
      fields: (p) => ({
        intent: 'invite-chosen',
        kies: '0034',
        'email-0034': `gekozen.${p}@example.nl`,
      }),
    },
  },
  'routes/round-import.tsx': {
    // Without a file: allowed callers hear which file to choose.
    upload: {
      path: '/metingen/r/importeren',
      allowed: 400,
      fields: () => ({ intent: 'upload' }),
    },
    // An upload that does not exist: allowed callers hear it is gone.
    import: {
      path: '/metingen/r/importeren',
      allowed: 404,
      fields: () => ({ intent: 'import', bestand: 'onbekend', vingerafdruk: 'x' }),
    },
  },
  'routes/instruments.tsx': {
    // Without a file: allowed callers hear which file to choose; nothing is stored.
    upload: { path: '/instrumenten', allowed: 400, fields: () => ({ intent: 'upload' }) },
  },
  'routes/instrument-new.tsx': {
    copy: {
      path: '/instrumenten/nieuw',
      allowed: 302,
      fields: (p) => ({ intent: 'copy', from: '2009', version: `kopie-${p}`, name: 'Kopie' }),
    },
  },
  'routes/instrument.tsx': {
    // An item that does not exist: allowed callers hear so, nothing changes.
    remove: {
      path: '/instrumenten/concept',
      allowed: 404,
      fields: () => ({
        intent: 'remove',
        questionnaire: 'mantelzorg',
        number: '999',
        revision: '1',
      }),
    },
  },
  'routes/instrument-item.tsx': {
    // Without a revision: allowed callers hear to reload the page, nothing changes.
    save: {
      path: '/instrumenten/concept/mantelzorg/vragen/12',
      allowed: 400,
      fields: () => ({ intent: 'save', text: 'X', kind: 'scale', mapping: 'new' }),
    },
  },
  'routes/instrument-basisfunctie.tsx': {
    save: {
      path: '/instrumenten/concept/mantelzorg/basisfuncties/respijtzorg',
      allowed: 400,
      fields: () => ({ intent: 'save', name: 'X' }),
    },
  },
  'routes/report-runs.tsx': {
    // The test app runs no job queue (bfm serve does): the page says the run cannot start here.
    start: { path: '/metingen/r/rapporten', allowed: 503, fields: () => ({ intent: 'start' }) },
  },
  'routes/municipality.tsx': {
    participation: {
      path: M,
      about: AMSTERDAM,
      allowed: 302,
      fields: () => ({ intent: 'participation', status: 'takes-part' }),
    },
    // Not submitted: allowed callers hear that there is nothing to reopen.
    reopen: {
      path: M,
      about: AMSTERDAM,
      allowed: 409,
      fields: () => ({ intent: 'reopen', questionnaire: 'mantelzorg' }),
    },
  },
  'routes/municipality-settings.tsx': {
    // Turning the naming consent off, which it already is: only Amsterdam itself may.
    consent: {
      path: `${M}/instellingen`,
      about: AMSTERDAM,
      allowed: 302,
      fields: () => ({ intent: 'consent' }),
    },
  },
  'routes/submit.tsx': {
    // Unanswered items: allowed callers get the list of what is missing.
    submit: {
      path: `${M}/vrijwilligerswerk/indienen`,
      about: AMSTERDAM,
      allowed: 400,
      fields: () => ({}),
    },
  },
  'routes/section.tsx': {
    // The same value each time: the first write wins, later ones change nothing.
    save: {
      path: `${M}/mantelzorg/informatie`,
      about: AMSTERDAM,
      allowed: 302,
      fields: () => ({ 'q-17': '2', 'rev-17': '0', na: 'blijf' }),
    },
  },
  // Issue 12 (helper A): without participants allowed callers hear what to fill in and
  // nothing is stored; an advisor of another province hears that Amsterdam is not there.
  'routes/talk-new.tsx': {
    save: {
      path: '/gesprekken/nieuw?meting=r&gemeente=0363',
      about: AMSTERDAM,
      allowed: 400,
      fields: () => ({
        intent: 'save',
        datum: '2027-03-12',
        'onderwerp-0': 'mantelzorg:respijtzorg',
      }),
    },
  },
  'routes/talk-edit.tsx': {
    save: {
      path: '/gesprekken/{talk}/bewerken',
      about: AMSTERDAM,
      allowed: 400,
      fields: () => ({ intent: 'save', baseVersion: '1', datum: '2027-03-12' }),
    },
  },
  'routes/autosave.tsx': {
    save: {
      path: `${M}/mantelzorg/informatie/autosave`,
      about: AMSTERDAM,
      anonymous: 401,
      fields: () => ({ 'q-18': 'aanbod', 'rev-18': '0', items: '18' }),
    },
  },
  // Issue 12 (helper C). The plan as stored: saving it changes nothing; the first confirmation
  // confirms, later ones change nothing; the target as it is; an import without a file.
  'routes/wmo-plan.tsx': {
    save: {
      path: `${M}/wmo-plan`,
      about: AMSTERDAM,
      allowed: 302,
      fields: () => ({
        intent: 'save',
        included: 'ja',
        periodFrom: '',
        periodTo: '',
        title: '',
        url: '',
        baseVersion: '1',
      }),
    },
    confirm: {
      path: `${M}/wmo-plan`,
      about: AMSTERDAM,
      allowed: 302,
      fields: () => ({ intent: 'confirm', baseVersion: '1' }),
    },
  },
  'routes/analysis-wmo-plans.tsx': {
    target: {
      path: '/metingen/r/analyse/wmo-plannen',
      allowed: 302,
      fields: () => ({ intent: 'target', target: '75' }),
    },
  },
  'routes/wmo-plan-import.tsx': {
    import: {
      path: '/metingen/r/wmo-plannen/importeren',
      allowed: 400,
      fields: () => ({ intent: 'import' }),
    },
  }, // Issue 13 (helper A): quoting Zutphen's answer and removing the quote come back to the page.
  'routes/open-answer-source.tsx': {
    quote: {
      path: '/metingen/r/analyse/open-antwoorden/vrijwilligerswerk/47/antwoord?zoek=structuur',
      allowed: 302,
      fields: () => ({ intent: 'quote', answer: quoteId }),
    },
    unquote: {
      path: '/metingen/r/analyse/open-antwoorden/vrijwilligerswerk/47/antwoord',
      allowed: 302,
      fields: () => ({ intent: 'unquote', answer: quoteId }),
    },
  },
  // Issue 13 (helper B): the codebook exists and version 0 is stale, so every change by an
  // allowed role is a 409 that writes nothing; the answer id is nobody's (404).
  'routes/open-answer-codebook.tsx': {
    create: { path: `${OA}/codeboek`, allowed: 409, fields: () => ({ intent: 'create' }) },
    add: {
      path: `${OA}/codeboek`,
      allowed: 409,
      fields: () => ({ intent: 'add', naam: 'Structuur', omschrijving: '', baseVersion: '0' }),
    },
    update: {
      path: `${OA}/codeboek`,
      allowed: 409,
      fields: () => ({ intent: 'update', themeId: '1', 'naam-1': 'Structuur', baseVersion: '0' }),
    },
    move: {
      path: `${OA}/codeboek`,
      allowed: 409,
      fields: () => ({ intent: 'move', themeId: '1', direction: 'up', baseVersion: '0' }),
    },
    remove: {
      path: `${OA}/codeboek`,
      allowed: 409,
      fields: () => ({ intent: 'remove', themeId: '1', baseVersion: '0' }),
    },
  },
  'routes/open-answer-coding.tsx': {
    code: {
      path: `${OA}/coderen`,
      allowed: 404,
      fields: () => ({ intent: 'code', answerId: 'ffffffffffffffff', baseRevision: '0' }),
    },
  },
  'routes/open-answer-agreement.tsx': {
    settle: {
      path: `${OA}/overeenstemming`,
      allowed: 404,
      fields: () => ({ intent: 'settle', answerId: 'ffffffffffffffff' }),
    },
  },
};

function expected(persona: Persona, c: Case): Outcome {
  if (persona !== 'anonymous' && c.signedIn !== undefined) return c.signedIn;
  return expectedOutcome(persona, c.need, {
    allowed: c.allowed ?? 200,
    ...(c.about ? { about: c.about } : {}),
    ...(c.anonymous !== undefined ? { anonymous: c.anonymous } : {}),
    ...(c.narrowed ? { narrowed: true } : {}),
  });
}

async function status(session: Session, path: string, init: RequestInit = {}): Promise<Outcome> {
  // Someone without sets of their own (the analyst) asks for a set that does not exist.
  const url = path
    .replace('{advisor}', String(advisorId))
    .replace('{target}', String(targetId))
    .replace('{ownPeerSet}', String(session.ownPeerSet ?? 99999))
    .replace('{sparePeerSet}', String(session.sparePeerSet ?? 99999))
    .replace('{foreignPeerSet}', String(foreignPeerSetId))
    .replace('{talk}', String(talkId))
    .replace('{action}', String(actionId))
    .replace('{mail}', String(mailId))
    .replace('{quote}', quoteId);
  const response = await fetch(`${app.url}${url}`, {
    redirect: 'manual',
    ...init,
    headers: { Cookie: session.cookie, Origin: app.url, ...(init.headers ?? {}) },
  });
  await response.arrayBuffer();
  if (response.status === 302 && response.headers.get('location')?.startsWith('/inloggen'))
    return 'login';
  return response.status;
}

function post(session: Session, path: string, fields: Record<string, string>, csrf = true) {
  return status(session, path, {
    method: 'POST',
    body: new URLSearchParams({ ...fields, ...(csrf ? { csrf: session.csrf } : {}) }),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
}

function routeFiles(): string[] {
  // A module may serve more than one address (kruistabel.csv and .xlsx): one entry each.
  return [...new Set(routes.map((route) => route.file))].sort();
}

describe('authorization matrix: pages', () => {
  it('has a case for every route in app/routes.ts', () => {
    expect(Object.keys(PAGE_CASES).sort()).toEqual(routeFiles());
  });
  const cases = Object.values(PAGE_CASES)
    .flat()
    .flatMap((c) => PERSONAS.map((persona) => [c.path, persona, expected(persona, c), c] as const));
  it.each(cases)('GET %s as %s → %s', async (path, persona, outcome) => {
    expect(await status(sessions.get(persona) as Session, path)).toBe(outcome);
  });
});

describe('authorization matrix: forms', () => {
  it('has a case for every form intent in app/lib/intents.server.ts', () => {
    const declared = Object.entries(FORM_INTENTS).flatMap(([file, intents]) =>
      Object.keys(intents).map((intent) => `${file} ${intent}`),
    );
    const covered = Object.entries(FORM_CASES).flatMap(([file, intents]) =>
      Object.keys(intents).map((intent) => `${file} ${intent}`),
    );
    expect(covered.sort()).toEqual(declared.sort());
  });
  const cases = Object.entries(FORM_CASES).flatMap(([file, intents]) =>
    Object.entries(intents).flatMap(([intent, formCase]) => {
      const need = (FORM_INTENTS as Record<string, Record<string, Need>>)[file]?.[intent];
      const c = { ...formCase, need: need ?? 'public' };
      return PERSONAS.map(
        (persona) => [`${file} ${intent}`, persona, expected(persona, c), c] as const,
      );
    }),
  );
  it.each(cases)('POST %s as %s → %s', async (_name, persona, outcome, c) => {
    const session = c.freshSession ? await logIn(persona) : (sessions.get(persona) as Session);
    expect(await post(session, c.path, c.fields(persona))).toBe(outcome);
  });

  it('refuses a form without the CSRF token', async () => {
    const coordinator = sessions.get('coordinator') as Session;
    expect(
      await post(coordinator, '/metingen/r', { intent: 'status', status: 'closed' }, false),
    ).toBe(403);
    const municipality = sessions.get('municipality') as Session;
    expect(
      await post(municipality, `${M}/mantelzorg/informatie`, { 'q-17': '1', 'rev-17': '1' }, false),
    ).toBe(403);
  });

  // Issue 12 (helper A): 'Actie toevoegen' echoes the form back without saving; it is still
  // refused for whoever may not record a talk with this municipality.
  it("refuses 'Actie toevoegen' on a talk form to whoever may not record the talk", async () => {
    const fields = { intent: 'save', 'onderwerp-0': 'mantelzorg:respijtzorg', toevoegen: '0' };
    const path = '/gesprekken/nieuw?meting=r&gemeente=0363';
    expect(await post(sessions.get('advisor') as Session, path, fields)).toBe(200);
    expect(await post(sessions.get('otherAdvisor') as Session, path, fields)).toBe(404);
    expect(await post(sessions.get('municipality') as Session, path, fields)).toBe(403);
    expect(await post(sessions.get('analyst') as Session, path, fields)).toBe(403);
    const edit = `/gesprekken/${talkId}/bewerken`;
    expect(await post(sessions.get('otherAdvisor') as Session, edit, fields)).toBe(404);
    expect(await post(sessions.get('municipality') as Session, edit, fields)).toBe(403);
  });

  it('refuses an intent the page does not know', async () => {
    const coordinator = sessions.get('coordinator') as Session;
    expect(await post(coordinator, '/metingen/r', { intent: 'verwijderen' })).toBe(400);
  });

  it('refuses a form posted from another site', async () => {
    const session = sessions.get('coordinator') as Session;
    const response = await fetch(`${app.url}/metingen/r`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        Cookie: session.cookie,
        Origin: 'https://kwaadwillend.example',
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ csrf: session.csrf, intent: 'status', status: 'closed' }),
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
