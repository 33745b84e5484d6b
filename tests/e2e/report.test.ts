/**
 * End to end: the municipality report on the demo round, with and without JavaScript, at the
 * desktop and the phone width, with axe; who sees it; and what a municipality account sees of
 * small groups.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoRound, DEMO_ROUND_ID } from '../../src/services/demo-data.ts';
import { CAST_EMAILS } from '../support/factories.ts';
import {
  expectAccessible,
  expectAccessibleWithoutJavaScript,
  login,
  startAppWithOpenRound,
} from './support/browser.ts';

let app: Awaited<ReturnType<typeof startAppWithOpenRound>>;
const REPORT = `/metingen/${DEMO_ROUND_ID}/gemeenten/0363/rapport`;

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

describe('the municipality report', () => {
  for (const javaScript of [false, true]) {
    it(`shows marks, what lifts them, comparisons and charts with tables (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const page = await app.newPage({ javaScript });
      await login(page, CAST_EMAILS.municipality);
      await page.goto(REPORT);
      await page.getByRole('heading', { level: 1, name: 'Rapport Amsterdam' }).waitFor();
      // A table of contents, a summary per questionnaire, and every basisfunctie with its mark.
      await page.getByRole('navigation', { name: 'Inhoud' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Samenvatting' }).waitFor();
      const headings = await page.getByRole('heading', { level: 3 }).allTextContents();
      expect(headings.some((h) => /^Verbinden en makelen: (\d+,\d|geen cijfer)$/.test(h))).toBe(
        true,
      );
      // Every chart is an image with a text alternative and has a data table beside it.
      const charts = page.locator('figure.bfm-chart svg[role="img"]');
      expect(await charts.count()).toBeGreaterThan(10);
      const labels = (await page.evaluate(
        "[...document.querySelectorAll('figure.bfm-chart svg[role=\"img\"]')].map((svg) => svg.getAttribute('aria-label') ?? '')",
      )) as string[];
      for (const label of labels) expect(label.length).toBeGreaterThan(20);
      expect(await page.locator('figure.bfm-chart:not(:has(table))').count()).toBe(0);
      // What lifts each basisfunctie over the bar, in words.
      await expect(page.locator('.bfm-report-lift').first().textContent()).resolves.toMatch(
        /goed voor elkaar|te weinig vragen/,
      );
      // The comparison table per basisfunctie names the groups.
      const comparison = page.getByRole('table', { name: 'Vergelijking: Verbinden en makelen' });
      for (const group of ['Alle gemeenten', 'G4', 'Provincie Noord-Holland', 'Buurgemeenten'])
        await comparison.getByRole('rowheader', { name: group }).waitFor();
      await checkBothWidths(page, javaScript);
    });
  }

  it('is not there for another municipality or an analyst', async () => {
    const page = await app.newPage({ javaScript: false });
    await login(page, CAST_EMAILS.otherMunicipality);
    const response = await page.goto(REPORT);
    expect(response?.status()).toBe(404);
    const analyst = await app.newPage({ javaScript: false });
    await login(analyst, CAST_EMAILS.analyst);
    expect((await analyst.goto(REPORT))?.status()).toBe(403);
  });

  it('hides the figure of the G4 (four municipalities) from a municipality, not from the coordinator', async () => {
    const page = await app.newPage({ javaScript: false });
    await login(page, CAST_EMAILS.municipality);
    await page.goto(REPORT);
    const row = page
      .getByRole('table', { name: 'Vergelijking: Verbinden en makelen' })
      .getByRole('row', { name: /^G4/ });
    await expect(row.textContent()).resolves.toContain('Niet getoond');
    const coordinator = await app.newPage({ javaScript: false });
    await login(coordinator, CAST_EMAILS.coordinator);
    await coordinator.goto(REPORT);
    const shown = coordinator
      .getByRole('table', { name: 'Vergelijking: Verbinden en makelen' })
      .getByRole('row', { name: /^G4/ });
    await expect(shown.textContent()).resolves.toMatch(/%/);
  });
});
