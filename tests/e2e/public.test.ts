/**
 * End to end: publishing a round and the public view (issue 10, decision 018), in Chromium
 * with axe at 390 and 1280 pixels, with and without JavaScript. The coordinator publishes the
 * closed demo round (all 441 municipalities) through the round page; anyone then finds it
 * under /openbaar without logging in. The public page and files name no municipality, their
 * links use the configured public address, and anonymous visits write nothing.
 */
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/query.ts';
import { DEMO_ROUND_ID, loadDemoRound } from '../../src/services/demo-data.ts';
import { loadRound } from '../../src/services/round-service.ts';
import { CAST_EMAILS } from '../support/factories.ts';
import { ALLOWED_NAME_TOKENS, findMunicipalities } from '../support/municipality-scan.ts';
import {
  expectAccessible,
  expectAccessibleWithoutJavaScript,
  login,
  startAppWithOpenRound,
} from './support/browser.ts';

const PUBLIC_URL = 'https://monitor.example.nl';
let app: Awaited<ReturnType<typeof startAppWithOpenRound>>;

beforeAll(async () => {
  app = await startAppWithOpenRound({ server: { publicUrl: PUBLIC_URL } });
  await loadDemoRound(app.handle.db);
}, 120_000);

afterAll(async () => {
  await app?.dispose();
});

/** Runs the check at the phone and the desktop width; nothing may scroll sideways on a phone. */
async function atBothWidths(page: Page, check: (page: Page) => Promise<void>): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  await check(page);
  const widths = (await page.evaluate(
    '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
  )) as [number, number];
  expect(widths[0]).toBeLessThanOrEqual(widths[1]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await check(page);
}

/** The number of rows in every table of the application's schema. */
async function countRows(): Promise<Record<string, number>> {
  const tables = await queryRows<{ name: string }>(
    app.handle.db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await queryRows<{ n: number }>(
      app.handle.db,
      sql`select count(*)::int as n from ${sql.identifier(name)}`,
    );
    counts[name] = row?.n ?? -1;
  }
  return counts;
}

const ROUND_PAGE = `/metingen/${DEMO_ROUND_ID}`;
const PUBLIC_PAGE = `/openbaar/metingen/${DEMO_ROUND_ID}`;

describe('publishing and the public view', () => {
  it('is not public before the coordinator publishes it', async () => {
    const response = await fetch(`${app.url}${PUBLIC_PAGE}/data.json`);
    expect(response.status).toBe(404);
    const list = await (await fetch(`${app.url}/openbaar`)).text();
    expect(list).toContain('Er zijn nog geen metingen gepubliceerd.');
  });

  it('lets the coordinator publish the closed round on its page, after confirming (JavaScript)', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(ROUND_PAGE);
    await expect.poll(() => page.getByText('Niet openbaar gepubliceerd.').count()).toBe(1);
    await page.getByRole('link', { name: 'Publiceren' }).click();
    await page.waitForURL(`**${ROUND_PAGE}/bevestigen/publiceren`);
    await page.getByRole('heading', { level: 1, name: 'Meting publiceren?' }).waitFor();
    await atBothWidths(page, expectAccessible);
    await page.getByRole('button', { name: 'Ja, publiceer de meting' }).click();
    await page.waitForURL(`**${ROUND_PAGE}`);
    await page.getByText('De meting is gepubliceerd: de uitkomsten zijn nu openbaar.').waitFor();
    await page.getByText(/^Gepubliceerd op /).waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Bekijk de openbare pagina' }).click();
    await page.waitForURL(`**${PUBLIC_PAGE}`);
    await page.getByRole('heading', { level: 1, name: /landelijke uitkomsten/ }).waitFor();
  });

  it('shows the published round to anyone without logging in (no JavaScript)', async () => {
    const page = await app.newPage({ javaScript: false });
    await page.goto('/');
    await page.getByRole('link', { name: 'Openbare resultaten', exact: true }).click();
    await page.waitForURL('**/openbaar');
    await atBothWidths(page, expectAccessibleWithoutJavaScript);
    await page.getByRole('link', { name: /Demonstratiemeting 2009/ }).click();
    await page.waitForURL(`**${PUBLIC_PAGE}`);
    await page.getByText(/synthetische demonstratiemeting/).waitFor();
    // The charts are SVG from the server, each with its summary and table.
    expect(await page.locator('.bfm-chart-svg svg').count()).toBe(4);
    await page
      .getByRole('table', {
        name: /Percentage gemeenten dat de basisfunctie goed voor elkaar heeft: mantelzorg/,
      })
      .waitFor();
    await page.getByRole('table', { name: /naar provincie.*vrijwilligerswerk/ }).waitFor();
    // The G4 are 4 municipalities: their cells are withheld, and say so.
    await page
      .getByRole('row', { name: /^G4 onderdrukt/ })
      .first()
      .waitFor();
    await page
      .getByRole('heading', { level: 2, name: 'Over de gegevens en onderdrukte cijfers' })
      .waitFor();
    await atBothWidths(page, expectAccessibleWithoutJavaScript);
  });

  it('reaches the charts by keyboard (JavaScript)', async () => {
    const page = await app.newPage();
    await page.goto(PUBLIC_PAGE);
    await atBothWidths(page, expectAccessible);
    // Every bar of the national chart is a tab stop that says its figure.
    const bar = page.locator('.bfm-chart-svg [tabindex="0"]').first();
    await bar.focus();
    expect(await page.evaluate('document.activeElement.getAttribute("aria-label")')).toMatch(
      /goed voor elkaar|onderdrukt|geen gegevens/,
    );
  });

  it('serves data.json, data.csv and metadata.json with links on the configured public address', async () => {
    const json = (await (await fetch(`${app.url}${PUBLIC_PAGE}/data.json`)).json()) as {
      metadata: Record<string, unknown>;
      basisfuncties: unknown[];
    };
    expect(json.metadata['dcat:landingPage']).toBe(`${PUBLIC_URL}${PUBLIC_PAGE}`);
    expect(JSON.stringify(json)).not.toContain(app.url);
    expect(json.basisfuncties.length).toBeGreaterThan(0);
    const csv = await fetch(`${app.url}${PUBLIC_PAGE}/data.csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    // Decoded keeping the byte order mark, which Dutch Excel needs to read UTF-8.
    const bytes = await csv.arrayBuffer();
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).split('\r\n')[0]).toBe(
      '\uFEFFtabel;vragenlijst;onderwerp;indeling;groep;maat;waarde;respondenten;onderdrukt',
    );
    const metadata = await fetch(`${app.url}${PUBLIC_PAGE}/metadata.json`);
    expect(metadata.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    expect(((await metadata.json()) as Record<string, unknown>)['dct:license']).toBe(
      'http://creativecommons.org/publicdomain/zero/1.0/',
    );
  });

  it('names no municipality of the register in the public page, data.json or data.csv', async () => {
    const loaded = await loadRound(app.handle.db, DEMO_ROUND_ID);
    const texts: Record<string, string> = {};
    for (const path of [
      PUBLIC_PAGE,
      `${PUBLIC_PAGE}/data.json`,
      `${PUBLIC_PAGE}/data.csv`,
      '/openbaar',
    ])
      texts[path] = await (await fetch(`${app.url}${path}`)).text();
    // The page's visible text and its accessible names (chart bars, maps), without markup: class
    // names such as 'utrecht-link' (the design system) are not text about a municipality.
    const page = await app.newPage({ javaScript: false });
    await page.goto(PUBLIC_PAGE);
    texts.visible = await page.evaluate(
      "document.body.innerText + ' ' + [...document.querySelectorAll('[aria-label], title')].map((e) => e.getAttribute('aria-label') ?? e.textContent).join(' ')",
    );
    const pageHtml = texts[PUBLIC_PAGE] ?? '';
    delete texts[PUBLIC_PAGE];
    const found = findMunicipalities(texts, loaded.municipalities);
    expect(found.codes).toEqual([]);
    // Only names that are also province names may occur (whichever provinces the page shows).
    expect(found.names.filter((name) => !ALLOWED_NAME_TOKENS.includes(name))).toEqual([]);
    // And the codes do not hide in the markup (the loader's data is in the page as JSON): as a
    // quoted string or with its GM prefix. (Bare digits are no test here: the charts' SVG
    // coordinates such as 10.0395 hold every four-digit run sooner or later.)
    const hidden = loaded.municipalities.filter(
      (m) =>
        pageHtml.includes(`"${m.code}"`) ||
        pageHtml.includes(`\\"${m.code}\\"`) ||
        pageHtml.toUpperCase().includes(`GM${m.code}`),
    );
    expect(hidden.map((m) => m.code)).toEqual([]);
  });

  it('writes nothing for anonymous visitors: every table keeps its rows', async () => {
    const before = await countRows();
    for (const path of [
      '/openbaar',
      PUBLIC_PAGE,
      `${PUBLIC_PAGE}/data.json`,
      `${PUBLIC_PAGE}/data.csv`,
      `${PUBLIC_PAGE}/metadata.json`,
      '/openbaar/metingen/meting-2026',
      '/api/public/rounds',
      `/api/public/rounds/${DEMO_ROUND_ID}`,
    ]) {
      const response = await fetch(`${app.url}${path}`, { redirect: 'manual' });
      await response.arrayBuffer();
      expect(response.headers.get('set-cookie')).toBeNull();
    }
    expect(await countRows()).toEqual(before);
  });

  it('lets the coordinator withdraw the publication (no JavaScript)', async () => {
    const page = await app.newPage({ javaScript: false });
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(ROUND_PAGE);
    await page.getByRole('link', { name: 'Publicatie intrekken' }).click();
    await page.waitForURL(`**${ROUND_PAGE}/bevestigen/publicatie-intrekken`);
    await atBothWidths(page, expectAccessibleWithoutJavaScript);
    await page.getByRole('button', { name: 'Ja, trek de publicatie in' }).click();
    await page.waitForURL(`**${ROUND_PAGE}`);
    await page.getByText('De publicatie is ingetrokken.').waitFor();
    expect((await fetch(`${app.url}${PUBLIC_PAGE}`)).status).toBe(404);
  });
});
