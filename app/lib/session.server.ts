/**
 * Sessions in the web app: the cookie carries a random token; the session lives in the
 * database (src/services/auth-service.ts). Every form that changes something carries the
 * session's CSRF token, checked here.
 */
import { timingSafeEqual } from 'node:crypto';
import { data, redirect, type AppLoadContext } from 'react-router';
import { readSession, SESSION_DAYS, type StaffSession } from '../../src/services/auth-service.ts';

export const SESSION_COOKIE = 'bfm_session';
export const PENDING_COOKIE = 'bfm_pending';

export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get('Cookie') ?? '';
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeCookie(rest.join('='));
  }
  return undefined;
}

/** A cookie value with broken percent-encoding is no cookie of ours: treated as absent. */
function decodeCookie(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

export function sessionToken(request: Request): string | undefined {
  return readCookie(request, SESSION_COOKIE);
}

export function sessionCookie(token: string, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${encodeURIComponent(token)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${SESSION_DAYS * 86_400}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function pendingCookie(id: string | null, secure: boolean): string {
  return [
    `${PENDING_COOKIE}=${id ?? ''}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${id ? 86_400 : 0}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearSessionCookie(secure: boolean): string {
  return [
    `${SESSION_COOKIE}=`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    'Max-Age=0',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

// Per request, the session is read once: an action typically checks it and then loads its
// page, which requires it again, and every query counts on a path editors hit every few
// seconds. Keyed by the Request object, so it lives exactly as long as the request.
const sessionsOfRequests = new WeakMap<Request, Promise<StaffSession | null>>();

export async function getSession(
  request: Request,
  context: AppLoadContext,
): Promise<StaffSession | null> {
  // The page renderer's synthetic session comes first: it never comes from HTTP (see
  // WebContext.renderAs), and a renderer has no cookie to read.
  if (context.renderAs) return context.renderAs;
  let session = sessionsOfRequests.get(request);
  if (!session) {
    session = readSession(context.db, sessionToken(request));
    sessionsOfRequests.set(request, session);
  }
  return session;
}

/** The signed-in session, or a redirect to the login page that comes back here afterwards. */
export async function requireSession(
  request: Request,
  context: AppLoadContext,
): Promise<StaffSession> {
  const session = await getSession(request, context);
  if (!session) {
    const url = new URL(request.url);
    throw redirect(`/inloggen?terug=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return session;
}

/** Rejects a form without the session's CSRF token (HTTP 403). */
export function verifyCsrf(formData: FormData, session: StaffSession): void {
  const sent = Buffer.from(String(formData.get('csrf') ?? ''));
  const expected = Buffer.from(session.csrfToken);
  if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
    throw data(
      {
        message:
          'Het formulier is verlopen of ongeldig. Laad de pagina opnieuw en probeer het nog eens.',
      },
      { status: 403 },
    );
  }
}
