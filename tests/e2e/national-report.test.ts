/**
 * The printable national report: the page for every role (axe at 1280 and 390 px, with and
 * without JavaScript, keyboard), the small-cell version for a municipality account, and the
 * tagged PDF, from the web app and from `bfm report --national`, checked with Poppler.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseRound, type NationalAnalysis } from '../../src/services/analysis-service.ts';
import { DEMO_ROUND_ID, loadDemoRound } from '../../src/services/demo-data.ts';
import { bfm } from '../support/cli.ts';
import { CAST_EMAILS, seedAccounts } from '../support/factories.ts';
import {
  expectAccessible,
  expectAccessibleWithoutJavaScript,
  login,
  startTestApp,
  type TestApp,
} from './support/browser.ts';

const PAGE = `/metingen/${DEMO_ROUND_ID}/analyse/rapport`;
const CHAPTERS = [
  '1 Onderzoeksopzet',
  '2 Basisfuncties vrijwilligerswerk',
  '3 Basisfuncties mantelzorg',
  '4 Conclusies',
];

/** A percentage as the page's tables print it: one decimal at most, decimal comma. */
const percent = (value: number) =>
  `${value.toLocaleString('nl-NL', { maximumFractionDigits: 1 })}%`;

let app: TestApp;
let reference: NationalAnalysis;

beforeAll(async () => {
  app = await startTestApp();
  await seedAccounts(app.handle.db);
  await loadDemoRound(app.handle.db);
  reference = await analyseRound(app.handle.db, DEMO_ROUND_ID);
}, 120_000);

afterAll(async () => {
  await app?.dispose();
});

describe('the national report page', () => {
  for (const javaScript of [true, false])
    for (const width of [1280, 390])
      it(`shows the chapters, figures and tables, accessibly (${width} px, ${javaScript ? 'with' : 'without'} JavaScript)`, async () => {
        const page = await app.newPage({ javaScript });
        await page.setViewportSize({ width, height: 900 });
        await login(page, CAST_EMAILS.analyst);
        await page.goto(PAGE);
        await page
          .getByRole('heading', { level: 1, name: `Landelijk rapport — ${reference.roundName}` })
          .waitFor();
        for (const chapter of CHAPTERS)
          await page.getByRole('heading', { level: 2, name: chapter }).waitFor();
        // The table of contents leads to the chapters.
        await page
          .getByRole('navigation', { name: 'Inhoud' })
          .getByRole('link', { name: '4 Conclusies' })
          .click();
        expect(new URL(page.url()).hash).toBe('#hoofdstuk-4');
        // Charts are server-side SVG, each with its accessible name.
        expect(await page.locator('.bfm-chart-svg svg[aria-label]').count()).toBeGreaterThan(40);
        // The national figure of Verbreiden, as bfm analyse --json gives it.
        const verbreiden = reference.basisfuncties.find((b) => b.basisfunctie === 'verbreiden')!;
        const row = page
          .getByRole('table', { name: /Tabel 3\. Basisfuncties vrijwilligerswerk/ })
          .getByRole('row', { name: /Verbreiden/ });
        await expect(row.getByRole('cell').nth(2).textContent()).resolves.toBe(
          percent(verbreiden.percentGoed!),
        );
        if (javaScript) await expectAccessible(page);
        else await expectAccessibleWithoutJavaScript(page);
        // Nothing scrolls sideways on a phone: wide tables scroll in their own box.
        const overflow = await page.evaluate(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        );
        expect(overflow).toBeLessThanOrEqual(0);
      }, 120_000);

  it('reaches a chart’s bars by keyboard, each with its figure as its name', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(PAGE);
    // The last tab stop before the first chart is the response table of chapter 1; the next
    // Tab lands on the first bar of figure 1, whose name carries its figure.
    await page.getByRole('region', { name: /Tabel 2\. Respons per provincie/ }).focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(
      "[document.activeElement?.getAttribute('class'), document.activeElement?.getAttribute('aria-label')]",
    );
    expect(focused).toEqual(['bfm-chart-focus', expect.stringMatching(/goed voor elkaar/)]);
  }, 60_000);

  it('shows a municipality account the small-cell version: the G4 are ‘onderdrukt’', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.municipality);
    await page.goto(PAGE);
    await page.getByText('Cijfers over minder dan 5 gemeenten zijn onderdrukt').waitFor();
    // No filter for a municipality account: the page says why.
    await page.getByText('Filteren kan niet met uw account').waitFor();
    const g4 = page
      .getByRole('table', { name: /naar G4, G27 en overige gemeenten$/ })
      .first()
      .getByRole('row', { name: /^G4/ });
    await expect(g4.getByRole('cell').first().textContent()).resolves.toBe('onderdrukt');
    await expectAccessible(page);
  }, 60_000);

  it('makes the report of part of the municipalities for staff, with the filter form', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.analyst);
    await page.goto(PAGE);
    await page.getByRole('combobox', { name: 'Provincie', exact: true }).selectOption('PV29');
    await page.getByRole('button', { name: 'Filter toepassen' }).click();
    await page.waitForURL(/provincie=PV29/);
    const zeeland = await analyseRound(app.handle.db, DEMO_ROUND_ID, {
      sizeClass: null,
      group: null,
      province: 'PV29',
    });
    await page.getByText(`Van de ${zeeland.respondents.municipalities} gemeenten`).waitFor();
    await expect(
      page.getByRole('link', { name: 'Download dit rapport als PDF' }).getAttribute('href'),
    ).resolves.toBe(`${PAGE}.pdf?provincie=PV29`);
    await expectAccessible(page);
  }, 60_000);

  it('answers 404 for a round that does not exist', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.analyst);
    const response = await page.goto('/metingen/bestaat-niet/analyse/rapport');
    expect(response?.status()).toBe(404);
  }, 60_000);
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

describe('the national report as PDF', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bfm-national-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is downloaded from the page as a tagged A4 PDF with the chapters and the figures of the analysis', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(PAGE);
    const link = page.getByRole('link', { name: 'Download dit rapport als PDF' });
    const response = await page.request.get((await link.getAttribute('href')) ?? '');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect(response.headers()['content-disposition']).toBe(
      `attachment; filename="landelijk-rapport-${DEMO_ROUND_ID}.pdf"`,
    );
    const file = join(dir, 'landelijk.pdf');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(file, await response.body());

    const info = pdfinfo(file);
    expect(info.Tagged).toBe('yes');
    expect(info['Page size']).toMatch(/\(A4\)$/);
    expect(Number(info.Pages)).toBeGreaterThan(20);
    expect(info.Title).toContain('Landelijk rapport');

    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const chapter of CHAPTERS) expect(text).toContain(chapter);
    expect(text).toMatch(/Pagina 1 van \d+/);
    // Figures of bfm analyse --json: the response, Pearson's R and tabel C.
    expect(text).toContain(`Van de ${reference.respondents.municipalities} gemeenten`);
    expect(text).toContain(
      `Pearson’s R is ${reference.pearsonR!.toLocaleString('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`,
    );
    const verankeren = reference.basisfuncties.find((b) => b.basisfunctie === 'verankeren')!;
    expect(text).toContain(percent(verankeren.percentGoed!));
  }, 180_000);

  it('is written by bfm report --national, as PDF and as HTML', async () => {
    const env = { BFM_DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' };
    expect((await bfm(env, 'start', '--no-serve')).code).toBe(0);
    const pdf = join(dir, 'cli.pdf');
    const html = join(dir, 'cli.html');
    const result = await bfm(
      env,
      'report',
      '--round',
      DEMO_ROUND_ID,
      '--national',
      '--pdf',
      pdf,
      '--html',
      html,
    );
    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: `Landelijk rapport van ${DEMO_ROUND_ID} (HTML) geschreven naar ${html}.\nLandelijk rapport van ${DEMO_ROUND_ID} (PDF) geschreven naar ${pdf}.`,
    });
    expect(pdfinfo(pdf).Tagged).toBe('yes');
    const { readFile } = await import('node:fs/promises');
    const page = await readFile(html, 'utf8');
    expect(page).toContain('<html lang="nl"');
    expect(page).not.toContain('<script');
    for (const chapter of ['Onderzoeksopzet', 'Conclusies']) expect(page).toContain(chapter);
  }, 180_000);
});
