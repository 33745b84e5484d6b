/**
 * The addresses services put in e-mail, on the web app's own routes (app/routes.ts). Built
 * once per server from the public address, so services never assemble a path themselves.
 */
import type { Links } from '../services/links.ts';

/** Links under `baseUrl` (no trailing slash needed). */
export function createLinks(baseUrl: string): Links {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    invitation: (token) => `${base}/uitnodiging/${encodeURIComponent(token)}`,
    passwordReset: (token) => `${base}/wachtwoord-herstellen/${encodeURIComponent(token)}`,
    municipality: (roundId, code) =>
      `${base}/metingen/${encodeURIComponent(roundId)}/gemeenten/${encodeURIComponent(code)}`,
    publicRound: (roundId) => `${base}/openbaar/metingen/${encodeURIComponent(roundId)}`,
    talk: (talkId) => `${base}/gesprekken/${talkId}`,
    action: (actionId) => `${base}/acties/${actionId}`,
    actions: () => `${base}/acties`,
    settings: () => `${base}/instellingen`,
  };
}
