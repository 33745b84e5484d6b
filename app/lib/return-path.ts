/**
 * Where the login page sends someone back to (`/inloggen?terug=…`): only a path of this app.
 * Browsers forgive a lot in an address: `/\evil.example` and `/%09/evil.example` become
 * `//evil.example`, a protocol-relative address of another site. So the value is resolved the
 * way a browser would, against a base of our own, and kept only when it stays on that origin.
 */

/** Where to go when the return path is missing or refused. */
export const DEFAULT_RETURN_PATH = '/metingen';

// Any origin will do: only whether the value leaves it matters.
const BASE = 'https://bfm.invalid';

// eslint-disable-next-line no-control-regex
const CONTROL_OR_BACKSLASH = /[\u0000-\u001f\u007f\\]/;

/**
 * The return path when it is a path on this app, otherwise DEFAULT_RETURN_PATH.
 *
 * Refused: absolute and protocol-relative addresses, backslashes and control characters
 * (also percent-encoded), and any path that a browser would resolve to another origin.
 *
 * @example safeReturnPath('/metingen/m-2026?pagina=2') // '/metingen/m-2026?pagina=2'
 * @example safeReturnPath('/%5Cevil.example') // '/metingen'
 */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//')) return DEFAULT_RETURN_PATH;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return DEFAULT_RETURN_PATH;
  }
  if (CONTROL_OR_BACKSLASH.test(value) || CONTROL_OR_BACKSLASH.test(decoded))
    return DEFAULT_RETURN_PATH;
  if (decoded.startsWith('//')) return DEFAULT_RETURN_PATH;
  const resolved = new URL(value, BASE);
  if (resolved.origin !== BASE || !resolved.pathname.startsWith('/')) return DEFAULT_RETURN_PATH;
  if (resolved.pathname.startsWith('//')) return DEFAULT_RETURN_PATH;
  // What the browser will be sent to: the path as resolved, not the raw value.
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
