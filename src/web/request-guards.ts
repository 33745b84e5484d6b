/**
 * Middleware that refuses malformed or oversized requests before they reach React Router, and
 * the final error handler. Whatever comes in, the answer is a short Dutch message with a 4xx
 * status, never a stack trace, an absolute path or the library's own error page.
 */
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { matchRoutes, type RouteObject, type ServerBuild } from 'react-router';
import { findBodyLimit } from './body-limits.ts';

/** Control characters (NUL included) that no address of the app contains. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

const METHODS_WITHOUT_BODY = new Set(['GET', 'HEAD', 'OPTIONS']);

const FORM_TYPE = /^application\/x-www-form-urlencoded\b/i;
const MULTIPART_TYPE = /^multipart\/form-data\s*;.*\bboundary=/i;

function isApi(request: Request): boolean {
  return request.path === '/api' || request.path.startsWith('/api/');
}

/** What is read and thrown away of a refused body, at most, before the connection is cut. */
const DISCARD_BYTES = 1024 * 1024;
const DISCARD_MS = 2_000;

/**
 * Answers with a Dutch message: JSON `{ message }` for the API (its clients read JSON), plain
 * text otherwise. `close` ends the connection after the answer, so that the body the client
 * is still sending is never taken in. Not at once: a socket closed with unread data in it is
 * reset, and the client may lose the answer. So up to DISCARD_BYTES, or DISCARD_MS, of the
 * body is read and thrown away first, giving the client time to read the answer.
 */
export function refuse(
  request: Request,
  response: Response,
  status: number,
  message: string,
  close = false,
): void {
  if (close) closeAfterAnswer(request, response);
  response.setHeader('Cache-Control', 'no-store');
  if (isApi(request)) response.status(status).json({ message });
  else response.status(status).type('text/plain; charset=utf-8').send(`${message}\n`);
}

function closeAfterAnswer(request: Request, response: Response): void {
  // `Connection: close` keeps the client from sending its next request on this connection.
  response.setHeader('Connection', 'close');
  const socket = request.socket as typeof request.socket & { destroySoon?: () => void };
  // Node would destroy the socket right after the answer; end it instead (the answer goes
  // out, then FIN), read and throw away a little more of the body, and only then destroy it.
  socket.destroySoon = () => {
    socket.end();
    let discarded = 0;
    const cut = () => {
      clearTimeout(timer);
      socket.destroy();
    };
    const timer = setTimeout(cut, DISCARD_MS);
    timer.unref();
    request.on('data', (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > DISCARD_BYTES) cut();
    });
    request.once('end', cut);
    socket.once('close', () => clearTimeout(timer));
  };
}

/** The decoded path, or undefined when its percent-encoding is broken (`/%E0%A4%A`). */
function decodePath(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/**
 * Refuses an address that is not valid percent-encoding, a path with a control character and
 * a query with a NUL byte (a search field may hold a tab, never a NUL), and an `Origin` header that is not an address.
 */
export function rejectMalformedRequests(
  request: Request,
  response: Response,
  next: NextFunction,
): void {
  const raw = request.originalUrl;
  const query = raw.indexOf('?');
  const path = decodePath(query === -1 ? raw : raw.slice(0, query));
  const search = query === -1 ? '' : decodePath(raw.slice(query + 1).replaceAll('+', ' '));
  if (path === undefined || search === undefined) {
    refuse(
      request,
      response,
      400,
      'Dit adres is ongeldig: het bevat een onjuiste %-code. Controleer het adres en probeer het opnieuw.',
    );
    return;
  }
  if (CONTROL_CHARACTERS.test(path) || search.includes('\u0000')) {
    refuse(
      request,
      response,
      400,
      'Dit adres is ongeldig: het bevat een stuurteken (zoals %00). Controleer het adres en probeer het opnieuw.',
    );
    return;
  }
  const origin = request.get('origin');
  if (origin !== undefined && origin !== 'null' && !URL.canParse(origin)) {
    refuse(
      request,
      response,
      400,
      'Het verzoek heeft een ongeldige Origin-header. Verstuur het formulier opnieuw vanaf de website zelf.',
    );
    return;
  }
  next();
}

/**
 * Refuses state-changing requests sent from another site (a second line behind CSRF tokens):
 * the `Origin` a browser sends must be one of `allowedOrigins()` (the public address, and in
 * development the listening address). The `Host` header is never trusted: a client chooses it.
 */
export function checkSameOrigin(allowedOrigins: () => ReadonlySet<string>): RequestHandler {
  return (request, response, next) => {
    if (METHODS_WITHOUT_BODY.has(request.method)) return next();
    const origin = request.get('origin');
    if (origin === undefined) return next();
    const parsed = URL.canParse(origin) ? new URL(origin).origin : 'null';
    if (!allowedOrigins().has(parsed)) {
      refuse(request, response, 403, 'Verzoek van een andere website geweigerd.');
      return;
    }
    next();
  };
}

/**
 * Limits the size of request bodies per path (src/web/body-limits.ts). The limit is applied
 * to the declared `Content-Length`, before any byte of the body is read: a larger body gets
 * 413 and the connection is closed, so the rest is never received. Node's HTTP parser never
 * hands over more than the declared length, so what is read is bounded too. A body sent in
 * chunks without a length is refused with 411: browsers always send the length of a form.
 */
export function limitBodySize(request: Request, response: Response, next: NextFunction): void {
  if (METHODS_WITHOUT_BODY.has(request.method)) return next();
  const declared = request.get('content-length');
  if (declared === undefined) {
    if (request.get('transfer-encoding') !== undefined) {
      refuse(
        request,
        response,
        411,
        'Stuur de lengte van het verzoek mee (de header Content-Length); een verzoek in delen zonder lengte wordt niet aangenomen.',
        true,
      );
      return;
    }
    return next();
  }
  const limit = findBodyLimit(request.path);
  if (!/^\d+$/.test(declared) || Number(declared) > limit) {
    refuse(
      request,
      response,
      413,
      `Het verzoek is te groot: hier mag het hoogstens ${formatBytes(limit)} zijn. Verstuur minder tekst of een kleiner bestand.`,
      true,
    );
    return;
  }
  next();
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Math.round(bytes / (1024 * 1024))} MB`
    : `${Math.round(bytes / 1024)} kB`;
}

/**
 * A form post to a page must be a form: without a body or with another type, React Router's
 * `formData()` would throw and the page would answer 500. The JSON API checks its own bodies.
 */
export function requireFormBody(request: Request, response: Response, next: NextFunction): void {
  if (METHODS_WITHOUT_BODY.has(request.method) || isApi(request)) return next();
  const type = request.get('content-type') ?? '';
  if (FORM_TYPE.test(type) || MULTIPART_TYPE.test(type)) return next();
  refuse(
    request,
    response,
    400,
    'Dit verzoek bevat geen formulier. Laad de pagina opnieuw en verstuur het formulier nog eens.',
  );
}

/** The build's flat route manifest as the tree matchRoutes reads; `handle` says whether it has an action. */
function routeTree(build: ServerBuild, parentId?: string): RouteObject[] {
  const children = Object.values(build.routes).filter(
    (route) => route !== undefined && route.parentId === parentId,
  );
  return children.map((route) => {
    const { id, path, index, caseSensitive, module } = route as NonNullable<typeof route>;
    const handle = { hasAction: typeof module.action === 'function' };
    return index
      ? { id, path, index: true, caseSensitive, handle }
      : { id, path, caseSensitive, handle, children: routeTree(build, id) };
  });
}

/**
 * A post to a page that has no form gets a Dutch 405 here. React Router would answer it with
 * an English internal message in the page ("You made a POST request … but did not provide an
 * `action`") and log it as an error.
 */
export function refusePostsWithoutAction(build: ServerBuild): RequestHandler {
  const tree = routeTree(build);
  return (request, response, next) => {
    if (METHODS_WITHOUT_BODY.has(request.method)) return next();
    // Scripts post to the same path plus `.data` (`/_root.data` for the home page).
    const path = request.path.replace(/\.data$/, '').replace(/^\/_root$/, '/');
    const matches = matchRoutes(tree, path) ?? [];
    if (matches.some((match) => (match.route.handle as { hasAction: boolean }).hasAction))
      return next();
    response.setHeader('Allow', 'GET, HEAD');
    refuse(request, response, 405, 'Op deze pagina kan niets worden verstuurd.');
  };
}

/**
 * A multipart form (autosave, file uploads) that cannot be parsed would make the action's
 * `formData()` throw, a 500. It is read here, within the size limit already checked, and
 * parsed once; a broken one gets a Dutch 400, a sound one is handed on as read
 * (`response.locals.body`, src/web/request-handler.ts).
 */
export async function checkMultipartBody(
  request: Request,
  response: Response,
  next: NextFunction,
): Promise<void> {
  const type = request.get('content-type') ?? '';
  if (METHODS_WITHOUT_BODY.has(request.method) || isApi(request) || !MULTIPART_TYPE.test(type))
    return next();
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of request) chunks.push(chunk as Buffer);
  } catch {
    // The client went away while sending; there is nobody to answer.
    return;
  }
  const body = Buffer.concat(chunks);
  try {
    await new Response(body, { headers: { 'Content-Type': type } }).formData();
  } catch {
    refuse(
      request,
      response,
      400,
      'Het formulier is onvolledig of beschadigd aangekomen. Laad de pagina opnieuw en verstuur het formulier nog eens.',
    );
    return;
  }
  response.locals.body = body;
  next();
}

/**
 * Pages and API answers are personal (names, CSRF tokens, answers): no browser or proxy may
 * keep them. Responses that set their own Cache-Control keep it; static files are served
 * before this middleware and keep their long caching.
 */
export function preventCaching(_request: Request, response: Response, next: NextFunction): void {
  const writeHead = response.writeHead;
  response.writeHead = function writeHeadWithoutCaching(
    this: Response,
    ...args: Parameters<typeof writeHead>
  ) {
    if (!this.hasHeader('Cache-Control')) this.setHeader('Cache-Control', 'no-store');
    return writeHead.apply(this, args);
  } as typeof writeHead;
  next();
}

/**
 * The last handler: an error that got this far becomes a Dutch message with the status the
 * error carries when it is a client error (Express's own 400 for a broken address), else 500.
 * The error is logged, never shown.
 */
export function handleFinalError(logger: Logger | undefined): ErrorRequestHandler {
  return (error: unknown, request, response, _next) => {
    const given = (error as { status?: unknown } | null)?.status;
    const status =
      typeof given === 'number' && given >= 400 && given < 500 && given !== 404 ? given : 500;
    if (status === 500) logger?.error({ err: error, path: request.path }, 'request failed');
    if (response.headersSent) {
      response.destroy();
      return;
    }
    refuse(
      request,
      response,
      status,
      status === 500
        ? 'Er ging iets mis. Probeer het later opnieuw. Blijft het misgaan, neem dan contact op met de landelijk coördinator.'
        : 'Dit verzoek is ongeldig. Controleer het adres en de gegevens en probeer het opnieuw.',
    );
  };
}
