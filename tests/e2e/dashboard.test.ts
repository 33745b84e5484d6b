/**
 * End to end: the analysis dashboard on the demo round (all 441 municipalities), every page
 * with axe at the phone and desktop width, with and without JavaScript; a chart reached by
 * keyboard; the filter there and back; and what a municipality account sees.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ROUND_ID, loadDemoRound } from '../../src/services/demo-data.ts';
import { CAST_EMAILS } from '../support/factories.ts';
import {
  expectAccessible,
  expectAccessibleWithoutJavaScript,
  login,
  startAppWithOpenRound,
} from './support/browser.ts';

let app: Awaited<ReturnType<typeof startAppWithOpenRound>>;
const BASE = `/metingen/${DEMO_ROUND_ID}/analyse`;
const PAGES = [
  { path: '', heading: 'Respons' },
  { path: '/basisfuncties', heading: 'Basisfuncties' },
  // With the charts per province, drawn on request.
  { path: '/basisfuncties?grafieken=provincie', heading: 'Basisfuncties' },
  { path: '/items', heading: 'Items' },
  { path: '/meerkeuze', heading: 'Meerkeuzevragen' },
  { path: '/samenvatting', heading: 'Samenvatting' },
  { path: '/kaarten', heading: 'Kaarten' },
];

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
    expect(widths[0], `no sideways scrolling at ${width} px on ${page.url()}`).toBeLessThanOrEqual(
      widths[1],
    );
    if (javaScript) await expectAccessible(page);
    else await expectAccessibleWithoutJavaScript(page);
  }
}

describe('the analysis dashboard', () => {
  for (const javaScript of [false, true]) {
    it(`shows every page with its charts and tables, accessible (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const page = await app.newPage({ javaScript });
      await login(page, CAST_EMAILS.coordinator);
      // The round's page leads to the analysis.
      await page.goto(`/metingen/${DEMO_ROUND_ID}`);
      await page.getByRole('link', { name: /^Analyse/ }).click();
      await page.waitForURL((url) => url.pathname === BASE);
      for (const { path, heading } of PAGES) {
        await page.goto(`${BASE}${path}`);
        await page.getByRole('heading', { level: 1, name: new RegExp(`^${heading}`) }).waitFor();
        // The sub-navigation marks the page it is on.
        const current = page
          .getByRole('navigation', { name: 'Onderdelen van de analyse' })
          .locator('[aria-current="page"]');
        expect(await current.textContent()).toBe(heading);
        // Synthetic data say so; staff get the filter form.
        await page.getByText('Synthetische demonstratiemeting:').waitFor();
        await page.getByRole('button', { name: 'Filter toepassen' }).waitFor();
        // Every chart is a server-drawn SVG with a summary sentence and focusable figures.
        const charts = page.locator('figure.bfm-chart svg');
        expect(await charts.count(), `charts on ${path}`).toBeGreaterThan(0);
        expect(await page.locator('figure.bfm-chart figcaption').first().textContent()).toMatch(
          /\.$/,
        );
        // Every table has its downloads.
        expect(await page.getByRole('link', { name: /^CSV/ }).count()).toBeGreaterThan(0);
        await checkBothWidths(page, javaScript);
      }
    });
  }

  it('lets the keyboard reach the bars of a chart, each named with its figure', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.analyst);
    await page.goto(`${BASE}/samenvatting`);
    let name: string | null = null;
    for (let press = 0; press < 80 && name === null; press += 1) {
      await page.keyboard.press('Tab');
      name = (await page.evaluate(
        "document.activeElement?.classList.contains('bfm-chart-focus') ? document.activeElement.getAttribute('aria-label') : null",
      )) as string | null;
    }
    expect(name).toMatch(
      /^0 basisfuncties: \d+(,\d)?% van de gemeenten \(\d+ van \d+ gemeenten\)$/,
    );
    // The next Tab goes to the next bar of the same chart.
    await page.keyboard.press('Tab');
    expect(await page.evaluate("document.activeElement?.getAttribute('aria-label')")).toMatch(
      /^1 basisfunctie: /,
    );
  });

  it('applies a filter to every page and clears it again', async () => {
    const page = await app.newPage({ javaScript: false });
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(`${BASE}/basisfuncties`);
    await page.getByRole('combobox', { name: 'Groep (G4/G27/overig)' }).selectOption('G27');
    await page.getByRole('combobox', { name: 'Provincie' }).selectOption('PV27');
    await page.getByRole('button', { name: 'Filter toepassen' }).click();
    await page.waitForURL((url) => url.searchParams.get('groep') === 'G27');
    await page.getByText('Gefilterd: G27-gemeenten in Noord-Holland.').waitFor();
    expect(await page.getByRole('combobox', { name: 'Groep (G4/G27/overig)' }).inputValue()).toBe(
      'G27',
    );
    // The other pages and the downloads carry the filter.
    await page.getByRole('link', { name: 'Samenvatting' }).click();
    await page.waitForURL((url) => url.pathname === `${BASE}/samenvatting`);
    expect(new URL(page.url()).search).toBe('?groep=G27&provincie=PV27');
    await page.getByText('Gefilterd: G27-gemeenten in Noord-Holland.').waitFor();
    const csv = await page.getByRole('link', { name: /^CSV/ }).first().getAttribute('href');
    expect(csv).toContain('?groep=G27&provincie=PV27');
    const response = await page.request.get(csv ?? '');
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain('Filter: G27-gemeenten in Noord-Holland.');
    await page.getByRole('link', { name: 'Filter wissen' }).click();
    await page.waitForURL((url) => url.search === '');
    await page.getByText('Alle gemeenten van de meting.').waitFor();
  });

  it('shows a municipality account withheld cells as "onderdrukt" and no filter', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.municipality);
    await page.goto(`${BASE}/basisfuncties?groep=G4`);
    await page.getByText('Het filter in het adres is niet toegepast.').waitFor();
    expect(await page.getByRole('button', { name: 'Filter toepassen' }).count()).toBe(0);
    await page.getByText(/Cijfers over minder dan 5 gemeenten zijn onderdrukt/).waitFor();
    // The G4 (4 municipalities) row: withheld, not 0.
    const g4 = page.getByRole('row', { name: /^G4 4 / }).first();
    expect(await g4.textContent()).toContain('onderdrukt');
    // No map by municipality for a municipality account.
    await page.goto(`${BASE}/kaarten`);
    await page.getByRole('heading', { level: 2, name: /per provincie$/ }).waitFor();
    expect(await page.getByRole('heading', { level: 2, name: /per gemeente$/ }).count()).toBe(0);
    await expectAccessible(page);
  });

  it('shows the coordinator the map by municipality with its table', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(`${BASE}/kaarten`);
    await page
      .getByRole('combobox', { name: 'Basisfunctie' })
      .selectOption('mantelzorg:respijtzorg');
    await page.getByRole('button', { name: 'Kaart tonen' }).click();
    await page
      .getByRole('heading', { level: 2, name: 'Respijtzorg (mantelzorg) per gemeente' })
      .waitFor();
    await page.getByRole('rowheader', { name: 'Amsterdam' }).waitFor();
    // The provinces on the map are focusable, each named with its figure.
    const province = page.locator('path.bfm-chart-focus[aria-label^="Noord-Holland: "]');
    await province.focus();
    expect(await province.getAttribute('aria-label')).toMatch(
      /% 'goed voor elkaar' \(\d+ gemeenten\)$/,
    );
  });
});
