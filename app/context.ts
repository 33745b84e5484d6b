import type { StaffSession } from '../src/services/auth-service.ts';
import type { Database } from '../src/services/database.ts';
import type { Links } from '../src/services/links.ts';
import type { NationalReportSource } from '../src/services/national-report-service.ts';
import type { ReportRunQueue, ReportSource } from '../src/services/report-files-service.ts';
import type { Mailer } from '../src/services/mail-service.ts';
import type { CombinationRule } from '../src/domain/combination.ts';

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
  /**
   * A synthetic session to render a page as (the report PDF is printed as the municipality
   * itself). Only the in-process page renderer (src/web/page-renderer.ts) sets it: the HTTP
   * server builds its load context without it, and nothing of a request (cookie, header,
   * body) reaches this field, so no visitor can ever render as someone else.
   */
  readonly renderAs?: StaffSession;
  /**
   * Renders reports as PDF for the download (src/web/report-pdf.ts, built on this server's
   * own app); absent in the renderer's own context, which prints no PDFs.
   */
  readonly reportSource?: ReportSource;
  /** Renders the national report as PDF (src/web/national-report-pdf.ts); as reportSource. */
  readonly nationalReportSource?: NationalReportSource;
  /** Enqueues the bulk run of reports; absent when this server runs no job queue. */
  readonly reportQueue?: ReportRunQueue;
  /** The default rule for combining predecessors in trends (BFM_COMBINATION_RULE); absent: its default. */
  readonly combinationRule?: CombinationRule;
}

declare module 'react-router' {
  // Module augmentation: the interface must be declared, even without own members.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends WebContext {}
}
