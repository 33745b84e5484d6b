/**
 * End to end: the cross-table page on the demo round, in Chromium with axe at 390 and 1280
 * pixels, with and without JavaScript and by keyboard. The page and its download carry the
 * numbers of the service (`bfm crosstab --json`); a municipality account gets the national
 * table with small cells withheld and no filter.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '../../src/services/api-token-service.ts';
import { crossTabulateQuestions, loadCrossTabView } from '../../src/services/crosstab-service.ts';
import { DEMO_ROUND_ID, loadDemoRound } from '../../src/services/demo-data.ts';
import { CAST_EMAILS, seedAccounts } from '../support/factories.ts';
import {
  expectAccessible,
  expectAccessibleWithoutJavaScript,
  login,
  startTestApp,
  type TestApp,
} from './support/browser.ts';

let app: TestApp;
let cast: Awaited<ReturnType<typeof seedAccounts>>;
const PAGE = `/metingen/${DEMO_ROUND_ID}/analyse/kruistabel`;

beforeAll(async () => {
  app = await startTestApp();
  await loadDemoRound(app.handle.db);
  cast = await seedAccounts(app.handle.db);
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

/** The table's cells as text, the header row first. */
async function readTable(page: Page, caption: RegExp): Promise<string[][]> {
  const table = page.getByRole('table', { name: caption });
  await table.waitFor();
  const rows = await table.locator('tr').all();
  return Promise.all(
    rows.map(async (row) =>
      (await row.locator('th, td').allTextContents()).map((text) => text.trim()),
    ),
  );
}

const nl = (value: number) => value.toLocaleString('nl-NL');

/** An API token of a cast member, issued by the coordinator. */
async function tokenFor(who: 'analyst' | 'municipality'): Promise<string> {
  const issued = await issueApiToken(app.handle.db, cast.coordinator, {
    name: `kruistabel ${who} ${Math.random()}`,
    email: CAST_EMAILS[who],
    days: 1,
  });
  if (!issued.ok) throw new Error('expected a token');
  return issued.token;
}

describe('the cross-table page', () => {
  it('crosses two questions of two questionnaires for an analyst, without JavaScript', async () => {
    const page = await app.newPage({ javaScript: false });
    await login(page, CAST_EMAILS.analyst);
    await page.goto(PAGE);
    await atBothWidths(page, expectAccessibleWithoutJavaScript);
    await page.getByLabel('Vraag in de rijen').selectOption('mantelzorg.15');
    await page.getByLabel('Vraag in de kolommen').selectOption('vrijwilligerswerk.aantal-goed');
    await page.getByRole('button', { name: 'Kruistabel tonen' }).click();
    await page.waitForURL(/rij=mantelzorg\.15/);

    const reference = await crossTabulateQuestions(app.handle.db, DEMO_ROUND_ID, {
      row: 'mantelzorg.15',
      column: 'vrijwilligerswerk.aantal-goed',
    });
    const counts = await readTable(page, /^Aantallen:/);
    expect(counts[0]).toEqual(['Vraag 15', '0', '1', '2', '3', '4', '5', 'Totaal']);
    reference.counts.forEach((cells, r) =>
      expect(counts[r + 1]).toEqual([
        reference.row.categories[r]!.label,
        ...cells.map(nl),
        nl(reference.rowTotals[r]!),
      ]),
    );
    expect(counts.at(-1)).toEqual([
      'Totaal',
      ...reference.columnTotals.map(nl),
      nl(reference.total),
    ]);
    await expect(page.getByText(/samenhang tussen de twee vragen/).count()).resolves.toBe(1);
    await atBothWidths(page, expectAccessibleWithoutJavaScript);

    await page.getByRole('link', { name: 'Rijpercentages' }).click();
    await page.waitForURL(/weergave=rij/);
    const percentages = await readTable(page, /^Rijpercentages:/);
    const first = reference.rowPercentages[0]![0]!;
    expect(percentages[1]![1]).toBe(
      `${first.toLocaleString('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`,
    );
    await expectAccessibleWithoutJavaScript(page);

    // The download carries the same counts.
    const href = await page.getByRole('link', { name: 'Kruistabel als CSV' }).getAttribute('href');
    const response = await page.request.get(href ?? '');
    expect(response.status()).toBe(200);
    const csv = await response.text();
    expect(csv).toContain('SYNTHETISCHE GEGEVENS');
    const firstRow = reference.counts[0]!.join(';');
    expect(csv).toContain(
      `${reference.row.categories[0]!.label};${firstRow};${reference.rowTotals[0]}`,
    );
    const xlsx = await page.request.get(
      (await page
        .getByRole('link', { name: 'Kruistabel als Excel-bestand' })
        .getAttribute('href')) ?? '',
    );
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
  });

  it('filters for the coordinator and works by keyboard, with JavaScript', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(PAGE);
    await page.getByLabel('Vraag in de rijen').selectOption('mantelzorg.17');
    await page.getByLabel('Vraag in de kolommen').selectOption('mantelzorg.19');
    await page.getByLabel('Provincie').selectOption('PV24');
    // From the province to the button by keyboard, and Enter.
    await page.getByLabel('Provincie').focus();
    await page.keyboard.press('Tab');
    await expect(
      page.evaluate('document.activeElement && document.activeElement.textContent'),
    ).resolves.toBe('Kruistabel tonen');
    await page.keyboard.press('Enter');
    await page.waitForURL(/provincie=PV24/);

    const reference = await crossTabulateQuestions(
      app.handle.db,
      DEMO_ROUND_ID,
      { row: 'mantelzorg.17', column: 'mantelzorg.19' },
      { sizeClass: null, group: null, province: 'PV24' },
    );
    const counts = await readTable(page, /^Aantallen:/);
    expect(counts.at(-1)?.at(-1)).toBe(nl(reference.total));
    await expect(
      page.getByText(`${reference.total} gemeenten beantwoordden beide vragen (Flevoland)`).count(),
    ).resolves.toBe(1);

    // The column percentages by keyboard: Tab until the link has focus, then Enter.
    let found = false;
    for (let i = 0; i < 40 && !found; i += 1) {
      await page.keyboard.press('Tab');
      found =
        (await page.evaluate('document.activeElement && document.activeElement.textContent')) ===
        'Kolompercentages';
    }
    expect(found).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/weergave=kolom/);
    await readTable(page, /^Kolompercentages:/);
    // The table's scroll box is reachable by keyboard too (its region has tabindex 0).
    await expect(
      page.getByRole('region', { name: /^Kolompercentages:/ }).getAttribute('tabindex'),
    ).resolves.toBe('0');
    await atBothWidths(page, expectAccessible);
  });

  it('shows a municipality account the national table with small cells withheld', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.municipality);
    await page.goto(`${PAGE}?rij=mantelzorg.15&kolom=vrijwilligerswerk.aantal-goed&provincie=PV24`);
    await expect(page.getByLabel('Provincie').count()).resolves.toBe(0);
    await expect(
      page.getByText('Het filter in het adres is niet toegepast', { exact: false }).count(),
    ).resolves.toBe(1);
    const counts = await readTable(page, /^Aantallen:/);
    const reference = await crossTabulateQuestions(app.handle.db, DEMO_ROUND_ID, {
      row: 'mantelzorg.15',
      column: 'vrijwilligerswerk.aantal-goed',
    });
    // National: the same total; every cell of 1 to 4 says 'weggelaten'.
    expect(counts.at(-1)?.at(-1)).toBe(nl(reference.total));
    reference.counts.forEach((cells, r) =>
      cells.forEach((count, c) => {
        const shown = counts[r + 1]![c + 1];
        if (count > 0 && count < 5) expect(shown).toBe('weggelaten');
        else if (shown !== 'weggelaten') expect(shown).toBe(nl(count));
      }),
    );
    await expect(page.getByText(/De toets wordt niet getoond/).count()).resolves.toBe(1);
    await atBothWidths(page, expectAccessible);
    // Whole multiple-choice questions are not offered.
    await expect(
      page.getByLabel('Vraag in de rijen').locator('option[value="mantelzorg.18"]').count(),
    ).resolves.toBe(0);
    // Asked for by address anyway, such a table is withheld and the page says why.
    await page.goto(`${PAGE}?rij=mantelzorg.18&kolom=mantelzorg.17`);
    await page
      .getByText('Een kruistabel met een hele meerkeuzevraag wordt voor gemeenten')
      .waitFor();
    await expect(page.getByRole('table').count()).resolves.toBe(0);
    await expectAccessible(page);
  });

  it('answers the API with the view of the service, for staff and for a municipality', async () => {
    for (const who of ['analyst', 'municipality'] as const) {
      const token = await tokenFor(who);
      const query = { row: 'mantelzorg.15', column: 'vrijwilligerswerk.aantal-goed' };
      const response = await fetch(
        `${app.url}/api/rounds/${DEMO_ROUND_ID}/crosstab?row=${query.row}&column=${query.column}&groep=G27`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      expect(response.status).toBe(200);
      const view = await loadCrossTabView(
        app.handle.db,
        { kind: 'user', user: cast[who] },
        DEMO_ROUND_ID,
        query,
        { sizeClass: null, group: 'G27', province: null },
      );
      expect(await response.json()).toEqual(JSON.parse(JSON.stringify(view)));
    }
    const missing = await fetch(
      `${app.url}/api/rounds/${DEMO_ROUND_ID}/crosstab?row=mantelzorg.17`,
      { headers: { Authorization: `Bearer ${await tokenFor('analyst')}` } },
    );
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { errors: unknown }).errors).toEqual([
      { field: 'column', message: 'Kies de vraag in de kolommen.' },
    ]);
  });
});
