/**
 * End to end: the page with the answers export on the demo round, with and without
 * JavaScript, at the phone and the desktop width, with axe; its download links give the files
 * of the export service; an advisor's files hold their provinces; an analyst hears why not.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ROUND_ID, loadDemoRound } from '../../src/services/demo-data.ts';
import { issueApiToken } from '../../src/services/api-token-service.ts';
import {
  toAnswerObjects,
  writeAnswersCsv,
  writeSpssSyntax,
} from '../../src/services/export/answer-formats.ts';
import { exportRoundAnswers } from '../../src/services/export/answers-export.ts';
import { CAST_EMAILS } from '../support/factories.ts';
import {
  expectAccessible,
  expectAccessibleWithoutJavaScript,
  login,
  startAppWithOpenRound,
} from './support/browser.ts';

let app: Awaited<ReturnType<typeof startAppWithOpenRound>>;
const PAGE = `/metingen/${DEMO_ROUND_ID}/analyse/export`;

beforeAll(async () => {
  app = await startAppWithOpenRound();
  await loadDemoRound(app.handle.db);
}, 120_000);

afterAll(async () => {
  await app?.dispose();
});

async function checkBothWidths(page: Page, javaScript: boolean): Promise<void> {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const widths = (await page.evaluate(
      '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
    )) as [number, number];
    expect(widths[0], `no sideways scrolling at ${width} px`).toBeLessThanOrEqual(widths[1]);
    if (javaScript) await expectAccessible(page);
    else await expectAccessibleWithoutJavaScript(page);
  }
}

/** Clicks a download link and returns the file's name and text. */
async function download(page: Page, name: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name, exact: true }).click(),
  ]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

describe('the answers export page', () => {
  for (const javaScript of [false, true]) {
    it(`offers every file per questionnaire, downloads them and shows the codebook (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const [, mantelzorg] = await exportRoundAnswers(app.handle.db, DEMO_ROUND_ID);
      const page = await app.newPage({ javaScript });
      await login(page, CAST_EMAILS.coordinator);
      await page.goto(PAGE);
      await page.getByRole('heading', { level: 1, name: 'Antwoorden downloaden' }).waitFor();
      await page.getByText('Synthetische gegevens:').waitFor();
      await page
        .getByRole('region', { name: 'Basisfuncties lokale ondersteuning mantelzorg' })
        .getByText(`${mantelzorg?.rows.length} gemeenten hebben deze vragenlijst ingevuld.`)
        .waitFor();
      const csv = await download(page, 'CSV van Basisfuncties lokale ondersteuning mantelzorg');
      expect(csv.name).toBe(`${DEMO_ROUND_ID}-mantelzorg.csv`);
      expect(csv.text).toBe(writeAnswersCsv(mantelzorg as never));
      const syntax = await download(
        page,
        'SPSS-syntax van Basisfuncties lokale ondersteuning mantelzorg',
      );
      expect(syntax.name).toBe(`${DEMO_ROUND_ID}-mantelzorg.sps`);
      expect(syntax.text).toBe(
        writeSpssSyntax(mantelzorg as never, `${DEMO_ROUND_ID}-mantelzorg.dat`),
      );
      const excel = page.getByRole('link', {
        name: 'Excel van Basisfuncties lokale ondersteuning vrijwilligerswerk',
      });
      expect(await excel.getAttribute('href')).toBe(
        `${PAGE}/${DEMO_ROUND_ID}-vrijwilligerswerk.xlsx`,
      );
      // The codebook opens by keyboard, without JavaScript too (details/summary).
      await page
        .locator('summary', { hasText: 'Codeboek Basisfuncties lokale ondersteuning mantelzorg' })
        .focus();
      await page.keyboard.press('Enter');
      await page
        .getByRole('table', { name: 'Codeboek Basisfuncties lokale ondersteuning mantelzorg' })
        .getByRole('rowheader', { name: 'vraag_17', exact: true })
        .waitFor();
      await checkBothWidths(page, javaScript);
    });
  }

  it('gives an advisor the rows of their provinces and says so', async () => {
    const page = await app.newPage({ javaScript: false });
    await login(page, CAST_EMAILS.advisor);
    await page.goto(PAGE);
    await page.getByText('alleen de gemeenten van uw provincie: Noord-Holland').waitFor();
    const csv = await download(page, 'CSV van Basisfuncties lokale ondersteuning mantelzorg');
    const rows = csv.text.trim().split('\r\n').slice(1);
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) expect(row.split(';')[2]).toBe('27');
  });

  it('filters the files by province with the form, without JavaScript', async () => {
    const page = await app.newPage({ javaScript: false });
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(PAGE);
    await page.getByLabel('Provincie').selectOption('PV24');
    await page.getByRole('button', { name: 'Filter toepassen' }).click();
    await page.getByText('Met het filter: alleen gemeenten in Flevoland.').waitFor();
    expect(new URL(page.url()).searchParams.get('provincie')).toBe('PV24');
    const csv = await download(page, 'CSV van Basisfuncties lokale ondersteuning mantelzorg');
    const rows = csv.text.trim().split('\r\n').slice(1);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.split(';')[2]).toBe('24');
    await expectAccessibleWithoutJavaScript(page);
    await page.getByRole('link', { name: 'Filter wissen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Antwoorden downloaden' }).waitFor();
    expect(new URL(page.url()).search).toBe('');
  });

  it('tells an analyst why not, with 403', async () => {
    const page = await app.newPage({ javaScript: false });
    await login(page, CAST_EMAILS.analyst);
    const response = await page.goto(PAGE);
    expect(response?.status()).toBe(403);
    await page
      .getByText('Alleen de coördinator en de adviseurs downloaden de antwoorden per gemeente.')
      .waitFor();
    await expectAccessibleWithoutJavaScript(page);
  });

  it('gives the same rows as JSON through the API', async () => {
    const [vrijwilligerswerk] = await exportRoundAnswers(app.handle.db, DEMO_ROUND_ID);
    const token = await issueApiToken(app.handle.db, app.cast.coordinator, {
      name: 'onderzoek',
      email: CAST_EMAILS.coordinator,
      days: 1,
    });
    if (!token.ok) throw new Error('expected a token');
    const response = await fetch(
      `${app.url}/api/rounds/${DEMO_ROUND_ID}/answers?questionnaire=vrijwilligerswerk`,
      { headers: { Authorization: `Bearer ${token.token}` } },
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { rows: unknown[]; synthetic: boolean };
    expect(body.synthetic).toBe(true);
    expect(body.rows).toEqual(toAnswerObjects(vrijwilligerswerk as never));
    const missing = await fetch(`${app.url}/api/rounds/${DEMO_ROUND_ID}/answers`, {
      headers: { Authorization: `Bearer ${token.token}` },
    });
    expect(missing.status).toBe(400);
  });
});
