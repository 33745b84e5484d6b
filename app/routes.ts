import { index, route, type RouteConfig } from '@react-router/dev/routes';

export default [
  index('routes/home.tsx'),
  route('inloggen', 'routes/login.tsx'),
  route('uitloggen', 'routes/logout.tsx'),
  route('wachtwoord-vergeten', 'routes/forgot-password.tsx'),
  route('wachtwoord-herstellen/:token', 'routes/reset-password.tsx'),
  route('over', 'routes/about.tsx'),
  route('uitnodiging/:token', 'routes/invitation.tsx'),
  route('postvak', 'routes/outbox.tsx'),
  route('accounts', 'routes/accounts.tsx'),
  route('accounts/:userId/provincies', 'routes/account-provinces.tsx'),
  route('accounts/:userId/toegang', 'routes/account-access.tsx'),
  route('api-sleutels', 'routes/api-tokens.tsx'),
  route('api/*', 'routes/api.ts'),
  route('vergelijkingsgroepen', 'routes/peer-sets.tsx'),
  route('vergelijkingsgroepen/:setId', 'routes/peer-set.tsx'),
  route('vergelijkingsgroepen/:setId/verwijderen', 'routes/peer-set-delete.tsx'),
  route('metingen', 'routes/rounds.tsx'),
  route('metingen/:roundId', 'routes/round.tsx'),
  route('metingen/:roundId/kaart.svg', 'routes/round-map.tsx'),
  route('metingen/:roundId/regio', 'routes/region.tsx'),
  route('metingen/:roundId/uitnodigen', 'routes/round-invite.tsx'),
  route('metingen/:roundId/importeren', 'routes/round-import.tsx'),
  route('metingen/:roundId/bevestigen/:handeling', 'routes/round-confirm.tsx'),
  route('metingen/:roundId/rapporten', 'routes/report-runs.tsx'),
  // The analysis dashboard (issue 10, helper A).
  route('metingen/:roundId/analyse', 'routes/analysis.tsx'),
  route('metingen/:roundId/analyse/basisfuncties', 'routes/analysis-basisfuncties.tsx'),
  route('metingen/:roundId/analyse/items', 'routes/analysis-items.tsx'),
  route('metingen/:roundId/analyse/meerkeuze', 'routes/analysis-choices.tsx'),
  route('metingen/:roundId/analyse/samenvatting', 'routes/analysis-summary.tsx'),
  route('metingen/:roundId/analyse/kaarten', 'routes/analysis-maps.tsx'),
  route('metingen/:roundId/analyse/tabellen.xlsx', 'routes/analysis-workbook.ts'),
  route('metingen/:roundId/analyse/tabellen/:file', 'routes/analysis-table.ts'),
  // The printable national report (issue 10, helper E).
  route('metingen/:roundId/analyse/rapport', 'routes/national-report.tsx'),
  route('metingen/:roundId/analyse/rapport.pdf', 'routes/national-report-pdf.ts'),
  route('metingen/:roundId/analyse/kruistabel', 'routes/analysis-crosstab.tsx'),
  route('metingen/:roundId/analyse/kruistabel.csv', 'routes/analysis-crosstab-file.ts', {
    id: 'routes/analysis-crosstab-file-csv',
  }),
  route('metingen/:roundId/analyse/kruistabel.xlsx', 'routes/analysis-crosstab-file.ts', {
    id: 'routes/analysis-crosstab-file-xlsx',
  }),
  route('metingen/:roundId/analyse/export', 'routes/analysis-export.tsx'),
  // Issue 11 (helper D): the national trend and one municipality's trend.
  route('metingen/:roundId/analyse/ontwikkeling', 'routes/analysis-trend.tsx'),
  route('metingen/:roundId/gemeenten/:code/ontwikkeling', 'routes/municipality-trend.tsx'),
  route('metingen/:roundId/analyse/export/:file', 'routes/analysis-export-file.ts'),
  route('metingen/:roundId/gemeenten/:code', 'routes/municipality.tsx'),
  route('metingen/:roundId/gemeenten/:code/rapport', 'routes/report.tsx'),
  route('metingen/:roundId/gemeenten/:code/rapport.pdf', 'routes/report-pdf.ts'),
  route('metingen/:roundId/gemeenten/:code/logboek', 'routes/audit.tsx'),
  route('metingen/:roundId/gemeenten/:code/instellingen', 'routes/municipality-settings.tsx'),
  route('metingen/:roundId/gemeenten/:code/logboek.csv', 'routes/audit-csv.ts'),
  route(
    'metingen/:roundId/gemeenten/:code/rapport/notitie/:questionnaire/:basisfunctie',
    'routes/report-note.tsx',
  ),
  route('metingen/:roundId/gemeenten/:code/:questionnaire/overzicht', 'routes/overview.tsx'),
  route('metingen/:roundId/gemeenten/:code/:questionnaire/indienen', 'routes/submit.tsx'),
  route('metingen/:roundId/gemeenten/:code/:questionnaire/:section', 'routes/section.tsx'),
  route(
    'metingen/:roundId/gemeenten/:code/:questionnaire/:section/autosave',
    'routes/autosave.tsx',
  ),
  // Instrument versions: list, copy, editor, preview and diff (issue 11, helper B).
  route('instrumenten', 'routes/instruments.tsx'),
  route('instrumenten/nieuw', 'routes/instrument-new.tsx'),
  route('instrumenten/:version', 'routes/instrument.tsx'),
  route('instrumenten/:version/voorbeeld', 'routes/instrument-preview.tsx'),
  route('instrumenten/:version/verschillen', 'routes/instrument-diff.tsx'),
  route('instrumenten/:version/:questionnaire/vragen/:number', 'routes/instrument-item.tsx'),
  route(
    'instrumenten/:version/:questionnaire/basisfuncties/:basisfunctie',
    'routes/instrument-basisfunctie.tsx',
  ),
  // Issue 12 (helper A): advice talks.
  route('gesprekken', 'routes/talks.tsx'),
  route('gesprekken/nieuw', 'routes/talk-new.tsx'),
  route('gesprekken/:talkId', 'routes/talk.tsx'),
  route('gesprekken/:talkId/bewerken', 'routes/talk-edit.tsx'),
  // Issue 12 (helper B): following up actions, inviting to a talk, the weekly digest.
  route('acties', 'routes/actions.tsx'),
  route('acties/:actionId', 'routes/action.tsx'),
  route('gesprekken/:talkId/uitnodiging', 'routes/talk-invitation.tsx'),
  route('gesprekken/:talkId/uitnodiging.ics', 'routes/talk-calendar.ts'),
  route('instellingen', 'routes/settings.tsx'),
  route('postvak/:messageId/bijlagen/:index', 'routes/outbox-attachment.ts'),
  // Issue 12 (helper D): the national view of the advice talks.
  route('metingen/:roundId/analyse/gesprekken', 'routes/analysis-talks.tsx'),
  // Issue 12 (helper C): the Wmo plan per municipality, the national indicator against the
  // target, and the bulk import of plan statuses.
  route('metingen/:roundId/gemeenten/:code/wmo-plan', 'routes/wmo-plan.tsx'),
  route('metingen/:roundId/analyse/wmo-plannen', 'routes/analysis-wmo-plans.tsx'),
  // Issue 13, helper B: the codebook with its counts, coding, and the coders' agreement.
  route(
    'metingen/:roundId/analyse/open-antwoorden/:questionnaire/:question/:part/codeboek',
    'routes/open-answer-codebook.tsx',
  ),
  route(
    'metingen/:roundId/analyse/open-antwoorden/:questionnaire/:question/:part/coderen',
    'routes/open-answer-coding.tsx',
  ),
  route(
    'metingen/:roundId/analyse/open-antwoorden/:questionnaire/:question/:part/overeenstemming',
    'routes/open-answer-agreement.tsx',
  ),
  route('metingen/:roundId/wmo-plannen/importeren', 'routes/wmo-plan-import.tsx'),
  // Issue 13 (helper A): the open answers and notes of a round, read, searched and quoted.
  route('metingen/:roundId/analyse/open-antwoorden', 'routes/open-answers.tsx'),
  route(
    'metingen/:roundId/analyse/open-antwoorden/:questionnaire/:question/:part',
    'routes/open-answer-source.tsx',
  ),
  // Public, without login (issue 10, helper D): published rounds and their open data.
  route('openbaar', 'routes/public-rounds.tsx'),
  route('openbaar/metingen/:roundId', 'routes/public-round.tsx'),
  route('openbaar/metingen/:roundId/:bestand', 'routes/public-data.ts'),
  // Issue 13 (helper C): the coded answers of one open question (or one item's notes) as files.
  route(
    'metingen/:roundId/analyse/open-antwoorden/:questionnaire/:question/:part/export.csv',
    'routes/open-answer-export-file.ts',
    { id: 'routes/open-answer-export-file-csv' },
  ),
  route(
    'metingen/:roundId/analyse/open-antwoorden/:questionnaire/:question/:part/export.xlsx',
    'routes/open-answer-export-file.ts',
    { id: 'routes/open-answer-export-file-xlsx' },
  ),
  // Last: any other address gets the 404 page with the menu of whoever is logged in.
  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig;
