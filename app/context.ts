import type { Database } from '../src/services/database.ts';
import type { Links } from '../src/services/links.ts';
import type { Mailer } from '../src/services/mail-service.ts';

/** What the web server hands to every loader and action. */
export interface WebContext {
  readonly db: Database;
  /** Per-request nonce for the Content-Security-Policy of inline scripts. */
  readonly nonce: string;
  /** The client's address, for login rate limiting. */
  readonly clientAddress: string;
  /** Whether cookies must carry the Secure attribute (HTTPS). */
  readonly secureCookies: boolean;
  readonly mailer: Mailer;
  /** Links in e-mail, under PUBLIC_URL (or the request's own origin). */
  readonly links: Links;
}

declare module 'react-router' {
  // Module augmentation: the interface must be declared, even without own members.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends WebContext {}
}
