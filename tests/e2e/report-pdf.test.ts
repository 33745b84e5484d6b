/**
 * The report as PDF, printed by the real Chromium: `bfm report` for one municipality of the
 * demo round, checked with Poppler (pdfinfo, pdftotext); a missing Chromium; the download in
 * the web app; and the coordinator's bulk-run page (axe, 1280 and 390 px, with and without
 * JavaScript).

 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readResponseVectors } from '../../src/db/repositories/answer-repository.ts';
import { scoreResponses } from '../../src/domain/municipality-marks.ts';
import { roundTo } from '../../src/domain/statistics.ts';
import { rationalToNumber } from '../../src/domain/rational.ts';
import { loadDemoRound, DEMO_ROUND_ID } from '../../src/services/demo-data.ts';
import { loadRound } from '../../src/services/round-service.ts';
import { createReportPrinter } from '../../src/web/report-pdf.ts';
import { bfm } from '../support/cli.ts';
import { CAST_EMAILS, seedAccounts } from '../support/factories.ts';
import {
  expectAccessible,
  expectAccessibleWithoutJavaScript,
  login,
  startTestApp,
  type TestApp,
} from './support/browser.ts';

let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bfm-pdf-'));
  env = { BFM_DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' };
  const started = await bfm(env, 'start', '--no-serve');
  expect(started.code).toBe(0);
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function pdfinfo(file: string): Record<string, string> {
  const text = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Object.fromEntries(
    text
      .split('\n')
      .filter((line) => line.includes(':'))
      .map((line) => [
        line.slice(0, line.indexOf(':')).trim(),
        line.slice(line.indexOf(':') + 1).trim(),
      ]),
  );
}

describe('bfm report --municipality --pdf', () => {
  it('writes a tagged A4 PDF with a title, and the municipality and its basisfuncties in the text', async () => {
    const file = join(dir, 'amsterdam.pdf');
    const result = await bfm(
      env,
      'report',
      '--round',
      DEMO_ROUND_ID,
      '--municipality',
      'GM0363',
      '--pdf',
      file,
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(`Rapport van Amsterdam (GM0363) geschreven naar ${file}.`);

    const info = pdfinfo(file);
    expect(info.Tagged).toBe('yes');
    expect(info['Page size']).toMatch(/^59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)$/);
    expect(info.Title).toContain('Amsterdam');

    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Amsterdam');
    expect(text).toMatch(/Pagina 1 van \d+/);
    // The handle of the in-process test database is the CLI's own folder; read it through a
    // printer-less route: the instrument of the round names every basisfunctie.
    const { openDatabase } = await import('../../src/db/client.ts');
    const handle = await openDatabase({ dataDir: env.BFM_DATA_DIR! });
    try {
      const loaded = await loadRound(handle.db, DEMO_ROUND_ID);
      const flat = text.replace(/\s+/g, ' ');
      // Every basisfunctie with its mark, one decimal with a comma, as its heading in the report.
      const vectors = (await readResponseVectors(handle.db, DEMO_ROUND_ID)).filter(
        (vector) => vector.municipalityCode === '0363',
      );
      for (const response of scoreResponses(loaded.instrument, vectors)) {
        const questionnaire = loaded.instrument.questionnaires.find(
          (q) => q.id === response.questionnaire,
        )!;
        response.marks.forEach((mark, b) => {
          const name = questionnaire.basisfuncties[b]!.name;
          const shown =
            mark.status === 'scored'
              ? roundTo(rationalToNumber(mark.mark), 1).toFixed(1).replace('.', ',')
              : 'geen cijfer';
          expect(flat, name).toContain(`${name}: ${shown}`);
        });
      }
    } finally {
      await handle.close();
    }
  }, 120_000);

  it('says that Chromium is missing and how to install it, and exits 2', async () => {
    const result = await bfm(
      { ...env, BFM_CHROMIUM: join(dir, 'geen-chromium') },
      'report',
      '--round',
      DEMO_ROUND_ID,
      '--all',
      '--out',
      join(dir, 'alle'),
    );
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "Chromium ontbreekt: de PDF kan niet gemaakt worden. Installeer Chromium, bijvoorbeeld met 'apt-get install chromium', of zet BFM_CHROMIUM op het pad van de browser. Het rapport als webpagina werkt wel.",
    });
  });
});

describe('the report printer without Chromium', () => {
  it('prepares the report and the hash of its data (a note changes it); only printing fails, with the clear message', async () => {
    const { openDatabase } = await import('../../src/db/client.ts');
    const handle = await openDatabase({ dataDir: 'memory://' });
    await handle.migrate();
    const { loadReferenceData } = await import('../../src/services/reference-data.ts');
    await loadReferenceData(handle.db);
    await loadDemoRound(handle.db);
    const printer = await createReportPrinter({
      db: handle.db,
      env: { BFM_CHROMIUM: join(dir, 'geen-chromium') },
    });
    try {
      const report = await printer.prepare(DEMO_ROUND_ID, '0014');
      expect(report.municipality.name).toBe('Groningen');
      expect(report.dataHash).toMatch(/^[0-9a-f]{64}$/);
      // The same data, the same hash: what lets a run skip unchanged reports.
      expect((await printer.prepare(DEMO_ROUND_ID, 'GM0014')).dataHash).toBe(report.dataHash);
      // A note in the report is a change of its data.
      const { coordinator } = await seedAccounts(handle.db, ['coordinator']);
      const { saveReportNote } = await import('../../src/services/report-note-service.ts');
      await saveReportNote(handle.db, coordinator, {
        roundId: DEMO_ROUND_ID,
        code: '0014',
        questionnaire: 'mantelzorg',
        basisfunctie: 'respijtzorg',
        text: 'Het aanbod wordt dit jaar uitgebreid.',
        baseVersion: 0,
      });
      expect((await printer.prepare(DEMO_ROUND_ID, '0014')).dataHash).not.toBe(report.dataHash);
      await expect(report.print()).rejects.toMatchObject({
        status: 503,
        message: expect.stringContaining('apt-get install chromium'),
      });
    } finally {
      await printer.close();
      await handle.close();
    }
  }, 120_000);
});

describe('in the web app', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    await seedAccounts(app.handle.db);
    await loadDemoRound(app.handle.db);
  }, 120_000);
  afterAll(async () => {
    await app?.dispose();
  });

  it('lets a municipality download its own report as PDF', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.municipality);
    await page.goto(`/metingen/${DEMO_ROUND_ID}/gemeenten/0363/rapport`);
    const link = page.getByRole('link', { name: 'Download dit rapport als PDF' });
    const response = await page.request.get((await link.getAttribute('href')) ?? '');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect(response.headers()['content-disposition']).toBe(
      `attachment; filename="rapport-${DEMO_ROUND_ID}-GM0363.pdf"`,
    );
    expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);

  for (const javaScript of [true, false])
    for (const width of [1280, 390])
      it(`shows the coordinator the bulk-run page (${width} px, ${javaScript ? 'with' : 'without'} JavaScript)`, async () => {
        const page = await app.newPage({ javaScript });
        await page.setViewportSize({ width, height: 900 });
        await login(page, CAST_EMAILS.coordinator);
        await page.goto(`/metingen/${DEMO_ROUND_ID}`);
        await page.getByRole('link', { name: 'Rapporten van alle gemeenten als PDF' }).click();
        await page
          .getByRole('heading', { level: 1, name: 'Rapporten van alle gemeenten' })
          .waitFor();
        if (javaScript) await expectAccessible(page);
        else await expectAccessibleWithoutJavaScript(page);
        // This test app runs no job queue: starting says so, in Dutch (bfm serve runs one).
        await page.getByRole('button', { name: 'Rapporten maken' }).click();
        await page.getByText('Deze server draait geen achtergrondtaken').first().waitFor();
        // The error page after a POST cannot be loaded again for axe without JavaScript.
        if (javaScript) await expectAccessible(page);
      }, 60_000);
});
