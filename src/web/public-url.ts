/**
 * The public address of the web app: every link in e-mail is built on it and form posts are
 * accepted only from its origin. It comes from configuration, never from a request: the Host
 * and X-Forwarded-Host headers are chosen by the client, so a link built from them could send
 * a password-reset token to another site.
 */

import { EnvironmentError } from '../config/env.ts';

/** The server cannot start with this configuration; the message says what to set. */
export class PublicUrlError extends EnvironmentError {
  constructor(message: string) {
    super(message);
    this.name = 'PublicUrlError';
  }
}

/**
 * Checks before listening that production mode has a public address.
 *
 * @throws {PublicUrlError} in production without `PUBLIC_URL`
 */
export function assertPublicUrlConfigured(
  publicUrl: string | undefined,
  production: boolean,
): void {
  if (production && !publicUrl)
    throw new PublicUrlError(
      'PUBLIC_URL ontbreekt. In productie (NODE_ENV=production) worden links in e-mail alleen ' +
        'op het ingestelde adres gebouwd, nooit op het adres uit het verzoek. Stel het adres in ' +
        'waarop mensen de monitor bereiken, bijvoorbeeld PUBLIC_URL=https://monitor.example.nl, ' +
        'of start met NODE_ENV=development om lokaal te proberen.',
    );
}

/**
 * The public address: the configured one, or in development the address the server listens
 * on (an unspecified address such as 0.0.0.0 becomes localhost, which a browser can open).
 *
 * @example resolvePublicUrl(undefined, '0.0.0.0', 3000) // 'http://localhost:3000'
 */
export function resolvePublicUrl(
  publicUrl: string | undefined,
  host: string,
  port: number,
): string {
  if (publicUrl) return new URL(publicUrl).href.replace(/\/+$/, '');
  return listeningUrl(host, port);
}

/** http://HOST:PORT of the listening socket, with IPv6 in brackets. */
export function listeningUrl(host: string, port: number): string {
  const name = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${name.includes(':') ? `[${name}]` : name}:${port}`;
}
