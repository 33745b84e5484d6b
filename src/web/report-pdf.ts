/**
 * The report as a tagged PDF: the report page, rendered in this process as the municipality
 * itself (src/web/page-renderer.ts), printed by headless Chromium (playwright-core).
 *
 * The PDF's structure comes from the page: real headings (and the PDF outline from them),
 * table headers, the charts' alternative text, the language from <html lang="nl">, the title
 * in the metadata from <title>. Chromium adds the tags (`tagged: true`), A4 pages and the
 * page numbers in the footer.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Database } from '../services/database.ts';
import { UnavailableError } from '../services/errors.ts';
import { reportPagePath } from '../services/links.ts';
import { findRoundMunicipality, type PreparedReport } from '../services/report-files-service.ts';
import { loadMunicipalityReport } from '../services/report-service.ts';
import { createPageRenderer, municipalityReader, type PageRenderer } from './page-renderer.ts';

/** Where Debian and Ubuntu install Chromium; BFM_CHROMIUM comes first. */
const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export const CHROMIUM_MISSING =
  "Chromium ontbreekt: de PDF kan niet gemaakt worden. Installeer Chromium, bijvoorbeeld met 'apt-get install chromium', of zet BFM_CHROMIUM op het pad van de browser. Het rapport als webpagina werkt wel.";

/**
 * Changes whenever the PDF would look different for the same HTML (the print settings below),
 * so stored PDFs of an older layout are rendered again.
 */
const PRINT_VERSION = 'a4-footer-1';

/**
 * The Chromium to print with: BFM_CHROMIUM, else the usual Debian paths.
 *
 * @throws {UnavailableError} when none exists, saying how to install it
 */
export function findChromium(env: Record<string, string | undefined> = process.env): string {
  const given = env.BFM_CHROMIUM;
  const candidates = given ? [given] : CHROMIUM_PATHS;
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new UnavailableError(CHROMIUM_MISSING);
  return found;
}

/** Page numbers in Dutch; Chromium fills in the spans by their class. */
const FOOTER = `<div style="width:100%;font-size:8pt;font-family:sans-serif;color:#333;text-align:center;">Pagina <span class="pageNumber"></span> van <span class="totalPages"></span></div>`;

/** How many reports a page prints before it is replaced by a fresh one. */
const PAGE_REUSE = 50;

export interface PdfPrinter {
  /** Prints a complete HTML document (styles inline, no scripts) as a tagged A4 PDF. */
  print(html: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

/**
 * Starts one Chromium for a run of prints; each print gets its own page, so several may run
 * at once.
 *
 * @throws {UnavailableError} when Chromium is missing
 */
export async function openPdfPrinter(
  env: Record<string, string | undefined> = process.env,
): Promise<PdfPrinter> {
  const executablePath = findChromium(env);
  const browser: Browser = await chromium.launch({
    executablePath,
    // Within a container there is often no user namespace for Chromium's sandbox; the pages
    // printed are our own, without scripts, and are never fetched from the network.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
  // Pages are kept and reused, one per print in progress: a new page per report cost more
  // than a third of the print time (340 → 210 ms a report, measured on the demo round).
  // A reused page's renderer grows (to some 380 MB after 200 reports), so each page is
  // replaced after PAGE_REUSE prints.
  const idle: { page: Page; prints: number }[] = [];
  return {
    async print(html) {
      let slot = idle.pop();
      if (!slot) {
        const fresh = await context.newPage();
        await fresh.emulateMedia({ media: 'print' });
        slot = { page: fresh, prints: 0 };
      }
      const { page } = slot;
      slot.prints += 1;
      let reusable = false;
      try {
        await page.setContent(html, { waitUntil: 'load' });
        const pdf = await page.pdf({
          // The page size of the style sheet (@page { size: A4 }), exactly 210 × 297 mm;
          // Chromium's own 'A4' format rounds to whole hundredths of an inch.
          preferCSSPageSize: true,
          format: 'A4',
          tagged: true,
          outline: true,
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate: FOOTER,
          margin: { top: '18mm', bottom: '20mm', left: '16mm', right: '16mm' },
        });
        reusable = slot.prints < PAGE_REUSE;
        return new Uint8Array(pdf);
      } finally {
        // A page that failed is not trusted with the next report.
        if (reusable) idle.push(slot);
        else await page.close().catch(() => {});
      }
    },
    close: () => browser.close(),
  };
}

/** The hash of a report: the print settings, the app's build, the page and its data. */
export function hashReportData(buildVersion: string, path: string, data: unknown): string {
  return createHash('sha256')
    .update(PRINT_VERSION)
    .update('\0')
    .update(buildVersion)
    .update('\0')
    .update(path)
    .update('\0')
    .update(JSON.stringify(data))
    .digest('hex');
}

export interface ReportPrinter {
  /**
   * The report of a municipality as that municipality sees it: its hash, and a function that
   * prints it (Chromium is started on the first print).
   *
   * @throws {NotFoundError} for a round or municipality that does not exist
   */
  prepare(roundId: string, municipalityCode: string): Promise<PreparedReport>;
  close(): Promise<void>;
}

export interface ReportPrinterOptions {
  readonly db: Database;
  readonly env?: Record<string, string | undefined>;
  /** The page to print; default the report page (reportPagePath). */
  readonly pagePath?: (roundId: string, municipalityCode: string) => string;
  /** An already loaded renderer (the web server shares its own). */
  readonly renderer?: PageRenderer;
}

/** Prepares and prints reports; one Chromium for the printer's lifetime. */
export async function createReportPrinter(options: ReportPrinterOptions): Promise<ReportPrinter> {
  const renderer = options.renderer ?? (await createPageRenderer(options.db));
  const pagePath = options.pagePath ?? reportPagePath;
  let printer: Promise<PdfPrinter> | undefined;
  return {
    async prepare(roundId, municipalityCode) {
      const municipality = await findRoundMunicipality(options.db, roundId, municipalityCode);
      const reader = municipalityReader(municipality);
      const path = pagePath(roundId, municipality.code);
      // The hash is of the report's data as the municipality sees it and of the app's build,
      // not of the printed page: deciding that a report is unchanged then costs a query, not
      // a render (a resumed run of 441 unchanged reports went from 160 s to a few seconds).
      const report = await loadMunicipalityReport(options.db, reader, roundId, municipality.code);
      return {
        municipality,
        dataHash: hashReportData(renderer.version, path, report),
        print: async () => {
          // Checked before starting, so a missing Chromium is the clear error, every time.
          findChromium(options.env);
          printer ??= openPdfPrinter(options.env);
          const html = await renderer.render(path, reader);
          try {
            return await (await printer).print(html);
          } catch (error) {
            // A browser that failed to start is not kept: the next print tries again.
            if (!(await printer.then(() => true).catch(() => false))) printer = undefined;
            throw error;
          }
        },
      };
    },
    async close() {
      const open = printer;
      printer = undefined;
      if (open) await (await open).close();
    },
  };
}
