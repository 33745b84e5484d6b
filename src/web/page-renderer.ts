/**
 * Renders a page of the web app in this process, without an HTTP port or a login: the React
 * Router server build's request handler is called with a fetch Request and a load context
 * whose session is a synthetic one for the given user (`renderAs`, see app/context.ts). Used
 * to print the report as PDF, by the CLI, the bulk job and the PDF download.
 *
 * Safe because `renderAs` is set only here, in code that runs on the server: the HTTP server
 * builds its own load context (src/web/server.ts) without it, and nothing a visitor sends can
 * put a value there. The synthetic session is never stored, so it cannot be reused either.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequestHandler, type AppLoadContext, type ServerBuild } from 'react-router';
import type { StaffSession, StaffUser } from '../services/auth-service.ts';
import type { Database } from '../services/database.ts';
import { createMailer } from '../services/mail-service.ts';
import { createLinks } from './links.ts';
import { BUILD_DIR } from './server.ts';

/** The address the renderer's requests are made on; never fetched. */
const RENDER_ORIGIN = 'http://bfm.invalid';

export interface PageRenderer {
  /**
   * The page at `path` as `user` sees it: its HTML with the app's style sheets inlined and
   * its scripts removed, ready to print.
   *
   * @throws {Error} when the page does not answer 200 (with its status)
   */
  render(path: string, user: StaffUser): Promise<string>;
  /** A hash of the built app: what a page looks like for the same data changes with it. */
  readonly version: string;
}

/** A failed render: the page's own status (404 for an unknown municipality, 403 …). */
export class PageRenderError extends Error {
  readonly pageStatus: number;
  constructor(pageStatus: number, path: string) {
    super(`De pagina ${path} gaf status ${pageStatus}.`);
    this.name = 'PageRenderError';
    this.pageStatus = pageStatus;
  }
}

/**
 * Loads the built app (build/, made by `react-router build`) and returns its renderer.
 *
 * @throws {Error} when the web app has not been built
 */
export async function createPageRenderer(db: Database): Promise<PageRenderer> {
  const serverBuild = `${BUILD_DIR}server/index.js`;
  if (!existsSync(serverBuild)) {
    throw new Error("De webapplicatie is nog niet gebouwd. Voer 'npm run build' uit.");
  }
  const build = (await import(serverBuild)) as ServerBuild;
  // The server build names every hashed client asset (style sheets included), so its bytes
  // change whenever a page, a component or the CSS does.
  const version = createHash('sha256')
    .update(await readFile(serverBuild))
    .digest('hex');
  const handleRequest = createRequestHandler(build, 'production');
  const styles = new Map<string, string>();
  const mailer = createMailer();
  const links = createLinks(RENDER_ORIGIN);

  async function inlineStyles(html: string): Promise<string> {
    const pattern = /<link\b[^>]*\brel="stylesheet"[^>]*\bhref="(\/[^"]+)"[^>]*\/?>/g;
    const hrefs = [...html.matchAll(pattern)].map((match) => match[1]!);
    for (const href of hrefs) {
      if (!styles.has(href)) {
        // The built files are immutable while the process runs: read once.
        const file = `${BUILD_DIR}client${decodeURIComponent(href.split('?')[0]!)}`;
        styles.set(href, await readFile(file, 'utf8'));
      }
    }
    return html.replace(pattern, (_tag, href: string) => `<style>${styles.get(href)}</style>`);
  }

  return {
    version,
    async render(path, user) {
      const session: StaffSession = {
        user,
        // Forms are not printed; a fixed token keeps the HTML, and so its hash, stable.
        csrfToken: 'pdf',
        expiresAt: new Date(Date.now() + 60_000),
      };
      const context: AppLoadContext = {
        db,
        nonce: randomBytes(16).toString('base64'),
        clientAddress: 'renderer',
        secureCookies: false,
        mailer,
        links,
        renderAs: session,
      };
      const response = await handleRequest(new Request(`${RENDER_ORIGIN}${path}`), context);
      if (response.status !== 200) throw new PageRenderError(response.status, path);
      return inlineStyles(removeScripts(await response.text()));
    },
  };
}

/**
 * The HTML without scripts, module preloads and nonces: a printed page runs no code, and the
 * nonce changes per request, which would change the report's hash.
 */
export function removeScripts(html: string): string {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<link\b[^>]*\brel="modulepreload"[^>]*\/?>/g, '')
    .replace(/\snonce="[^"]*"/g, '');
}

/** A municipality account of the municipality, never stored: the reader a report is made for. */
export function municipalityReader(municipality: { code: string; name: string }): StaffUser {
  return {
    id: 0,
    email: `rapport-${municipality.code}@bfm.invalid`,
    name: `Gemeente ${municipality.name}`,
    role: 'municipality',
    municipalityCode: municipality.code,
    provinces: [],
  };
}
