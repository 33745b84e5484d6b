/**
 * The open answers in the national report and as files (issue 13, helper C): the section 'Uit
 * de open antwoorden' with its anonymised quotes (axe at 1280 and 390 px, by keyboard, in the
 * PDF through Poppler), and the coded answers downloaded over HTTP per role.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRound } from '../../src/services/round-service.ts';
import { CAST_EMAILS, type Cast } from '../support/factories.ts';
import { ALLOWED_NAME_TOKENS, findMunicipalities } from '../support/municipality-scan.ts';
import { seedCodedOpenAnswers, TEXTS } from '../support/open-answer-fixture.ts';
import { expectAccessible, login, startAppWithOpenRound, type TestApp } from './support/browser.ts';

let app: TestApp & { cast: Cast; roundId: string };
let register: { code: string; name: string }[];

const GELDERLAND_MIDDLE = 'een gemeente in Gelderland met 20.000–50.000 inwoners';
const ZUTPHEN_QUOTE =
  'In [gemeente] zoeken we nog naar een goede interne structuur voor de vrijwilligers.';

function scan(text: string) {
  const found = findMunicipalities({ text }, register);
  return { names: found.names.filter((n) => !ALLOWED_NAME_TOKENS.includes(n)), codes: found.codes };
}

beforeAll(async () => {
  app = (await startAppWithOpenRound()) as typeof app;
  await seedCodedOpenAnswers(app.handle.db, app.roundId, {
    first: app.cast.coordinator,
    second: app.cast.analyst,
  });
  register = (await loadRound(app.handle.db, app.roundId)).municipalities.map((m) => ({
    code: m.code,
    name: m.name,
  }));
}, 120_000);

afterAll(async () => {
  await app?.dispose();
});

const reportPath = () => `/metingen/${app.roundId}/analyse/rapport`;
const filePath = (format: 'csv' | 'xlsx') =>
  `/metingen/${app.roundId}/analyse/open-antwoorden/vrijwilligerswerk/46/antwoord/export.${format}`;

describe("the national report's open answers", () => {
  for (const width of [1280, 390])
    it(`show the theme counts and the quotes anonymised, accessibly (${width} px)`, async () => {
      const page = await app.newPage();
      await page.setViewportSize({ width, height: 900 });
      // The coordinator sees every name elsewhere; the report is published, so not here.
      await login(page, CAST_EMAILS.coordinator);
      await page.goto(reportPath());
      const section = page.locator('section[aria-labelledby="open-antwoorden"]');
      await section.getByRole('heading', { level: 2, name: 'Uit de open antwoorden' }).waitFor();
      await section.getByText(`«${ZUTPHEN_QUOTE}»`).waitFor();
      const text = await section.innerText();
      expect(text).toContain(ZUTPHEN_QUOTE);
      expect(text).toContain(`— ${GELDERLAND_MIDDLE}`);
      expect(text).toContain('— een gemeente in Flevoland');
      expect(text).toContain('Interne structuur');
      expect(scan(text)).toEqual({ names: [], codes: [] });
      await expectAccessible(page);
      // The table of contents leads there by keyboard.
      const toc = page.getByRole('link', { name: 'Uit de open antwoorden' });
      await toc.focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/#open-antwoorden$/);
      await page.close();
    });

  it('are in the PDF, anonymised', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.analyst);
    await page.goto(reportPath());
    const link = page.getByRole('link', { name: 'Download dit rapport als PDF' });
    const response = await page.request.get((await link.getAttribute('href')) ?? '');
    expect(response.status()).toBe(200);
    const dir = await mkdtemp(join(tmpdir(), 'bfm-open-pdf-'));
    try {
      const file = join(dir, 'landelijk.pdf');
      await writeFile(file, await response.body());
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(
        /\s+/g,
        ' ',
      );
      expect(text).toContain('Uit de open antwoorden');
      expect(text).toContain(ZUTPHEN_QUOTE);
      expect(text).toContain(GELDERLAND_MIDDLE);
      expect(text).not.toContain('Zutphen');
      expect(text).not.toContain('Lelystad');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    await page.close();
  });
});

describe('the coded answers over HTTP', () => {
  it('give the analyst a file without codes or names, linked from the report', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.analyst);
    await page.goto(reportPath());
    const csvLink = page.getByRole('link', { name: /^CSV/ });
    expect(await csvLink.getAttribute('href')).toBe(filePath('csv'));
    const csv = await page.request.get(filePath('csv'));
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    const body = await csv.text();
    expect(body.split('\r\n')[0]).toMatch(/^\uFEFF?herkomst;/);
    expect(body).toContain(GELDERLAND_MIDDLE);
    expect(scan(body)).toEqual({ names: [], codes: [] });
    const xlsx = await page.request.get(filePath('xlsx'));
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-disposition']).toBe(
      `attachment; filename="${app.roundId}-vrijwilligerswerk-vraag-46-antwoord.xlsx"`,
    );
    await page.close();
  });

  it('give the coordinator the names, and refuse a municipality account', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.coordinator);
    const body = await (await page.request.get(filePath('csv'))).text();
    expect(body.split('\r\n')[0]).toMatch(/^\uFEFF?gemeentecode;gemeente;herkomst;/);
    expect(body).toContain(TEXTS.Zutphen);
    // The reading page links the files of its own selection (filter and search words).
    const reading = filePath('csv').replace(/\/export\.csv$/, '');
    await page.goto(`${reading}?provincie=PV25&zoek=vrijwilligers`);
    const csvLink = page.getByRole('link', { name: 'Gecodeerde antwoorden als CSV' });
    expect(await csvLink.getAttribute('href')).toBe(
      `${filePath('csv')}?provincie=PV25&zoek=vrijwilligers`,
    );
    const xlsxLink = page.getByRole('link', { name: 'Gecodeerde antwoorden als Excel' });
    expect(await xlsxLink.getAttribute('href')).toBe(
      `${filePath('xlsx')}?provincie=PV25&zoek=vrijwilligers`,
    );
    expect((await page.request.get(`${filePath('csv')}?provincie=PV25`)).status()).toBe(200);
    await page.close();

    const own = await app.newPage();
    await login(own, CAST_EMAILS.municipality);
    expect((await own.request.get(filePath('csv'))).status()).toBe(403);
    await own.goto(reportPath());
    // No download links for who may not download.
    expect(await own.getByRole('link', { name: /^CSV/ }).count()).toBe(0);
    await own.goto(filePath('csv').replace(/\/export\.csv$/, ''));
    expect(await own.getByRole('link', { name: /als CSV/ }).count()).toBe(0);
    await own.close();
  });
});
