/**
 * Secret tokens in links, cookies and API keys. The token goes to the user once (in a mail, a
 * cookie or on screen); the database keeps only its SHA-256 hash, so a copy of the database
 * cannot be used to log in, accept an invitation or reset a password.
 */
import { createHash, randomBytes } from 'node:crypto';

/**
 * A new random token: `bytes` random bytes (256 bits by default) in base64url, after `prefix`.
 *
 * @example
 * generateSecretToken();           // 'k3J…' (43 characters)
 * generateSecretToken(32, 'bfm_'); // 'bfm_k3J…'
 */
export function generateSecretToken(bytes = 32, prefix = ''): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

/** The SHA-256 hash (hex) under which a token is stored and looked up. */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
