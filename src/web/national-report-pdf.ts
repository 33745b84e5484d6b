/**
 * The national report as a tagged PDF: the report page (/metingen/:roundId/analyse/rapport),
 * rendered in this process and printed by headless Chromium, as the municipality report is
 * (src/web/report-pdf.ts, decision 014).
 *
 * The page is rendered as a synthetic reader who sees exactly the figures of the version
 * asked for: an analyst for every figure, a municipality account for the small-cell
 * protected version. Neither is stored; only the renderer uses them (see page-renderer.ts).
 */
import type { Protection } from '../services/analysis-view-service.ts';
import type { StaffUser } from '../services/auth-service.ts';
import type { Database } from '../services/database.ts';
import {
  loadNationalReport,
  writeReportQuery,
  type NationalReportSource,
  type PreparedNationalReport,
} from '../services/national-report-service.ts';
import { listRoundMunicipalities } from '../services/report-files-service.ts';
import { createPageRenderer, municipalityReader, type PageRenderer } from './page-renderer.ts';
import { findChromium, hashReportData, openPdfPrinter, type PdfPrinter } from './report-pdf.ts';

/** The address of the national report page of a round. */
export function nationalReportPath(roundId: string): string {
  return `/metingen/${encodeURIComponent(roundId)}/analyse/rapport`;
}

/** An analyst, never stored: sees every figure and no municipality by name. */
const ANALYST_READER: StaffUser = {
  id: 0,
  email: 'rapport-landelijk@bfm.invalid',
  name: 'Landelijk rapport',
  role: 'analyst',
  municipalityCode: null,
  provinces: [],
};

/**
 * The reader the version is rendered for. The protected version is rendered as a
 * municipality account of the round (the first of its register): which one does not matter,
 * the national report shows no municipality's own figures.
 */
async function findReader(db: Database, roundId: string, protection: Protection) {
  if (protection === 'none') return ANALYST_READER;
  const [first] = await listRoundMunicipalities(db, roundId);
  return municipalityReader(first ?? { code: '0000', name: 'onbekend' });
}

export interface NationalReportPrinter extends NationalReportSource {
  close(): Promise<void>;
}

export interface NationalReportPrinterOptions {
  readonly db: Database;
  readonly env?: Record<string, string | undefined>;
  /** An already loaded renderer. */
  readonly renderer?: PageRenderer;
}

/** Prepares and prints national reports; one Chromium, started on the first print. */
export function createNationalReportPrinter(
  options: NationalReportPrinterOptions,
): NationalReportPrinter {
  let renderer: Promise<PageRenderer> | undefined = options.renderer
    ? Promise.resolve(options.renderer)
    : undefined;
  let printer: Promise<PdfPrinter> | undefined;
  return {
    async prepare(roundId, protection, filter): Promise<PreparedNationalReport> {
      renderer ??= createPageRenderer(options.db);
      const pages = await renderer;
      const reader = await findReader(options.db, roundId, protection);
      // A protected reader may not filter (the page ignores it); only staff versions filter.
      const shown = protection === 'none' ? filter : undefined;
      const path = `${nationalReportPath(roundId)}${writeReportQuery(shown)}`;
      // As for the municipality report: the hash is of the report's data as the reader sees
      // it and of the app's build, so an unchanged report is known without rendering it.
      const report = await loadNationalReport(
        options.db,
        { kind: 'user', user: reader },
        roundId,
        shown,
      );
      return {
        dataHash: hashReportData(pages.version, path, report),
        print: async () => {
          findChromium(options.env);
          printer ??= openPdfPrinter(options.env);
          const html = await pages.render(path, reader);
          try {
            return await (await printer).print(html);
          } catch (error) {
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

/**
 * The national report page as one self-contained HTML file (styles inline, no scripts), as
 * the reader of `protection` sees it.
 */
export async function renderNationalReportHtml(
  db: Database,
  roundId: string,
  protection: Protection,
  renderer?: PageRenderer,
): Promise<string> {
  const pages = renderer ?? (await createPageRenderer(db));
  return pages.render(nationalReportPath(roundId), await findReader(db, roundId, protection));
}
