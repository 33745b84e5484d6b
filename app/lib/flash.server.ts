/**
 * Flash messages for POST-redirect-GET: a form that did something redirects, and the page it
 * lands on says once what happened. The message travels in a short-lived cookie, so a refresh
 * or the back button shows the page without it and without posting the form again. It is
 * only ever shown as text, so a visitor who forges one deceives no one but themselves.
 */
import { redirect } from 'react-router';
import { readCookie } from './session.server';

export const FLASH_COOKIE = 'bfm_flash';

/** What a form did, in Dutch: one sentence and, optionally, a few details. */
export interface Flash {
  readonly text: string;
  readonly details?: readonly string[];
}

// Cookies hold about 4 kB; what does not fit is summarised by the caller's text anyway.
const MAX_DETAILS = 10;
const MAX_COOKIE_VALUE = 3_000;

function cookie(value: string, maxAge: number, secure: boolean): string {
  return [
    `${FLASH_COOKIE}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${maxAge}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

function encode(flash: Flash): string {
  const details = flash.details ?? [];
  const shown = details.slice(0, MAX_DETAILS);
  if (details.length > shown.length) shown.push(`en ${details.length - shown.length} meer`);
  const value = Buffer.from(JSON.stringify({ text: flash.text, details: shown })).toString(
    'base64url',
  );
  return value.length <= MAX_COOKIE_VALUE
    ? value
    : Buffer.from(JSON.stringify({ text: flash.text })).toString('base64url');
}

/**
 * A redirect that carries a flash message to the next page.
 *
 * @example throw redirectWithFlash('/metingen/2026', { text: 'De meting is gesloten.' }, context);
 */
export function redirectWithFlash(
  to: string,
  flash: Flash,
  context: { readonly secureCookies: boolean },
): Response {
  return redirect(to, {
    headers: { 'Set-Cookie': cookie(encode(flash), 120, context.secureCookies) },
  });
}

/**
 * The flash message of the request, if any, with the header that removes it: pass it on in
 * the loader's answer (and export `headers` from the route) so it is shown once.
 */
export function takeFlash(
  request: Request,
  context: { readonly secureCookies: boolean },
): { flash: Flash | null; headers: HeadersInit } {
  const value = readCookie(request, FLASH_COOKIE);
  if (!value) return { flash: null, headers: {} };
  const headers = { 'Set-Cookie': cookie('', 0, context.secureCookies) };
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown;
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      typeof (parsed as Flash).text === 'string'
    ) {
      const details = (parsed as { details?: unknown }).details;
      return {
        flash: {
          text: (parsed as Flash).text,
          details: Array.isArray(details) ? details.filter((d) => typeof d === 'string') : [],
        },
        headers,
      };
    }
  } catch {
    // A damaged cookie is dropped like an empty one.
  }
  return { flash: null, headers };
}
