/**
 * The web server: Express in front of the React Router build, with the security headers,
 * the per-request CSP nonce, the request guards (src/web/request-guards.ts: malformed
 * addresses, body size, same-origin form posts, no caching of pages), compression, and one
 * database handle shared by all requests (PGlite allows one process per data folder).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { constants as zlib } from 'node:zlib';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { ServerBuild } from 'react-router';
import type { Logger } from 'pino';
import type { Env, TrustProxy } from '../config/env.ts';
import type { DatabaseHandle } from '../services/database.ts';
import { checkHealth } from '../services/health-service.ts';
import { createMailer, type Mailer } from '../services/mail-service.ts';
import type { ReportRunQueue } from '../services/report-files-service.ts';
import { createLinks } from './links.ts';
import { createReportPrinter, type ReportPrinter } from './report-pdf.ts';
import { createNationalReportPrinter } from './national-report-pdf.ts';
import { createRequestHandler } from './request-handler.ts';
import { assertPublicUrlConfigured, listeningUrl, resolvePublicUrl } from './public-url.ts';
import {
  checkMultipartBody,
  checkSameOrigin,
  handleFinalError,
  limitBodySize,
  preventCaching,
  refusePostsWithoutAction,
  rejectMalformedRequests,
  requireFormBody,
} from './request-guards.ts';

export const BUILD_DIR = fileURLToPath(new URL('../../build/', import.meta.url));

export interface WebServerOptions {
  readonly handle: DatabaseHandle;
  readonly port: number;
  readonly host?: string;
  readonly logger?: Logger;
  /**
   * Behind a TLS-terminating proxy: the proxies whose X-Forwarded-* headers are believed (a
   * hop count or their addresses, BFM_TRUST_PROXY); default none.
   */
  readonly trustProxy?: TrustProxy;
  /** Outgoing mail; default: the outbox in the database. */
  readonly mailer?: Mailer;
  /**
   * The public address for links in e-mail and the origin forms must come from. Required in
   * production; otherwise it defaults to the listening address. Never taken from a request.
   */
  readonly publicUrl?: string | undefined;
  /** Production mode: requires `publicUrl`; default: NODE_ENV is 'production'. */
  readonly production?: boolean;
  /** The job queue for the bulk run of reports (`bfm serve` passes its job runner). */
  readonly reportQueue?: ReportRunQueue;
  /** The default rule for combining predecessors in trends (BFM_COMBINATION_RULE, decision 019). */
  readonly combinationRule?: Env['BFM_COMBINATION_RULE'];
}

export interface RunningServer {
  readonly url: string;
  /**
   * Stops accepting connections and waits for the requests in flight, up to the grace period;
   * connections still open after it are cut.
   */
  close(graceMs?: number): Promise<void>;
}

/** How long a stopping server waits for requests in flight (under the usual 30 s SIGKILL). */
export const SHUTDOWN_GRACE_MS = 25_000;

function securityHeaders(request: Request, response: Response, next: NextFunction): void {
  const nonce = randomBytes(16).toString('base64');
  response.locals.nonce = nonce;
  response.setHeader(
    'Content-Security-Policy',
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "object-src 'none'",
    ].join('; '),
  );
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Referrer-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  if (request.secure)
    response.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  next();
}

/**
 * Compresses responses (brotli or gzip, as the browser accepts) of the types worth it.
 * Every write is flushed, so the streamed server rendering still reaches the browser
 * piece by piece instead of waiting in the compressor.
 */
const compress = compression({
  flush: zlib.Z_SYNC_FLUSH,
  brotli: { flush: zlib.BROTLI_OPERATION_FLUSH },
});

/** Files that would be served from build/client, at the top level or under /assets/. */
const STATIC_FILE =
  /^\/(?:assets\/.*|[^/]+\.(?:ico|png|svg|jpe?g|gif|webp|avif|css|js|mjs|map|txt|xml|json|webmanifest|woff2?|ttf|otf))$/i;

/**
 * A missing static file (an unknown /favicon.png, an old /assets/ file) is a plain 404 here,
 * not a page: React Router would render the 404 page, and log the miss, for every such
 * request browsers and robots make.
 */
function missingStaticFile(request: Request, response: Response, next: NextFunction): void {
  if ((request.method !== 'GET' && request.method !== 'HEAD') || !STATIC_FILE.test(request.path))
    return next();
  response.status(404).type('text/plain').send('Niet gevonden.');
}

/**
 * GET /gezondheid (and /healthz, the name tools expect): 200 when the database answers,
 * 503 when it does not. For load balancers and monitoring: no session, no writes, never cached,
 * and ahead of compression and the app so it stays cheap.
 */
function addHealthCheck(app: express.Express, handle: DatabaseHandle): void {
  app.get(['/gezondheid', '/healthz'], async (_request, response) => {
    const report = await checkHealth(handle.db);
    response
      .status(report.status === 'ok' ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json(report);
  });
}

/**
 * Closes the server gracefully: no new connections, idle keep-alive connections closed, the
 * requests in flight answered; whatever is still open after graceMs is cut.
 */
function closeGracefully(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
    deadline.unref();
    server.close((error) => {
      clearTimeout(deadline);
      if (error) reject(error);
      else resolve();
    });
    // Keep-alive connections waiting for a next request would hold close() open until they
    // time out; a connection busy with a request is left alone and closed after its response.
    server.closeIdleConnections();
  });
}

/**
 * Starts the web server on the built application (build/, made by `react-router build`).
 *
 * @throws {Error} when the application has not been built
 */
export async function startWebServer(options: WebServerOptions): Promise<RunningServer> {
  const serverBuild = `${BUILD_DIR}server/index.js`;
  if (!existsSync(serverBuild)) {
    throw new Error(
      "De webapplicatie is nog niet gebouwd. Voer 'npm run build' uit (npm start doet dat vanzelf).",
    );
  }
  const production = options.production ?? process.env.NODE_ENV === 'production';
  assertPublicUrlConfigured(options.publicUrl, production);
  const build = (await import(serverBuild)) as ServerBuild;
  const mailer = options.mailer ?? createMailer();
  const app = express();
  app.disable('x-powered-by');
  // Express's own default, spelled out: with `true`, anyone could choose their address.
  app.set('trust proxy', options.trustProxy ?? false);
  // Set once the server listens (the port may be chosen by the system); no request comes earlier.
  let publicUrl = '';
  let allowedOrigins: ReadonlySet<string> = new Set();
  app.use(securityHeaders);
  app.use(rejectMalformedRequests);
  addHealthCheck(app, options.handle);
  app.use(limitBodySize);
  app.use(checkSameOrigin(() => allowedOrigins));
  app.use(compress);
  app.use(
    '/assets',
    express.static(`${BUILD_DIR}client/assets`, { immutable: true, maxAge: '1y' }),
  );
  app.use(express.static(`${BUILD_DIR}client`, { maxAge: '1h', index: false }));
  app.use(missingStaticFile);
  app.use(refusePostsWithoutAction(build));
  app.use(requireFormBody);
  app.use(checkMultipartBody);
  app.use(preventCaching);
  let links = createLinks('http://localhost');
  // The PDF download's printer: loaded on the first download, one Chromium for the server's
  // lifetime, closed with it.
  let printer: Promise<ReportPrinter> | undefined;
  const reportSource = {
    prepare: async (roundId: string, code: string) => {
      printer ??= createReportPrinter({ db: options.handle.db });
      return (await printer).prepare(roundId, code);
    },
  };
  // The national report's PDF: its own printer, also loaded on the first download.
  const nationalReports = createNationalReportPrinter({ db: options.handle.db });
  // React Router refuses an action whose Origin differs from the request's own address, which
  // it builds from the Host header. checkSameOrigin has already admitted only the public (and
  // in development the listening) origin, so those hosts are what React Router may accept.
  const allowedActionOrigins: string[] = [];
  app.all(
    '/{*path}',
    createRequestHandler({
      build: { ...build, allowedActionOrigins },
      mode: production ? 'production' : 'development',
      getLoadContext: (request, response) => ({
        db: options.handle.db,
        nonce: response.locals.nonce as string,
        clientAddress: request.ip ?? 'onbekend',
        secureCookies: request.secure,
        mailer,
        links,
        reportSource,
        nationalReportSource: nationalReports,
        ...(options.reportQueue ? { reportQueue: options.reportQueue } : {}),
        ...(options.combinationRule ? { combinationRule: options.combinationRule } : {}),
      }),
    }),
  );
  app.use(handleFinalError(options.logger));
  const host = options.host ?? '127.0.0.1';
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(options.port, host, () => {
      const address = listening.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      publicUrl = resolvePublicUrl(options.publicUrl, host, port);
      links = createLinks(publicUrl);
      // In development the listening address works as well as the configured public one.
      const origins = [publicUrl, ...(production ? [] : [listeningUrl(host, port)])];
      allowedOrigins = new Set(origins.map((origin) => new URL(origin).origin));
      allowedActionOrigins.push(...origins.map((origin) => new URL(origin).host));
      resolve(listening);
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${host}:${port}`;
  options.logger?.info({ url, publicUrl }, 'web server listening');
  return {
    url,
    close: async (graceMs = SHUTDOWN_GRACE_MS) => {
      await closeGracefully(server, graceMs);
      const open = printer;
      printer = undefined;
      if (open) await (await open).close();
      await nationalReports.close();
    },
  };
}
