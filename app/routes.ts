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
  route('api-sleutels', 'routes/api-tokens.tsx'),
  route('api/*', 'routes/api.ts'),
  route('metingen', 'routes/rounds.tsx'),
  route('metingen/:roundId', 'routes/round.tsx'),
  route('metingen/:roundId/kaart.svg', 'routes/round-map.tsx'),
  route('metingen/:roundId/uitnodigen', 'routes/round-invite.tsx'),
  route('metingen/:roundId/importeren', 'routes/round-import.tsx'),
  route('metingen/:roundId/bevestigen/:handeling', 'routes/round-confirm.tsx'),
  route('metingen/:roundId/gemeenten/:code', 'routes/municipality.tsx'),
  route('metingen/:roundId/gemeenten/:code/logboek', 'routes/audit.tsx'),
  route('metingen/:roundId/gemeenten/:code/logboek.csv', 'routes/audit-csv.ts'),
  route('metingen/:roundId/gemeenten/:code/:questionnaire/overzicht', 'routes/overview.tsx'),
  route('metingen/:roundId/gemeenten/:code/:questionnaire/indienen', 'routes/submit.tsx'),
  route('metingen/:roundId/gemeenten/:code/:questionnaire/:section', 'routes/section.tsx'),
  route(
    'metingen/:roundId/gemeenten/:code/:questionnaire/:section/autosave',
    'routes/autosave.tsx',
  ),
  // Last: any other address gets the 404 page with the menu of whoever is logged in.
  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig;
