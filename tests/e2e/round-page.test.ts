/**
 * End to end: the coordinator's round page at the scale of a national round (441
 * municipalities, a mix of statuses), without JavaScript: filtering, searching, sorting and
 * paging through the address, axe at 1280 and 390 pixels, and the map's links.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAST_EMAILS } from '../support/factories.ts';
import { seedRoundMix } from '../support/round-mix.ts';
import {
  expectAccessibleWithoutJavaScript as expectAccessible,
  login,
  startAppWithOpenRound,
} from './support/browser.ts';

let app: Awaited<ReturnType<typeof startAppWithOpenRound>>;
const ROUND = '/metingen/meting-2026';

beforeAll(async () => {
  app = await startAppWithOpenRound();
  await seedRoundMix(app.handle.db, app.cast, app.roundId);
});

afterAll(async () => {
  await app?.dispose();
});

/** Runs axe at the desktop and the phone width, and leaves the page at the desktop width. */
async function expectAccessibleAtBothWidths(page: Page): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(page);
  // Nothing sticks out sideways on a phone: wide tables scroll in their own box.
  const widths = (await page.evaluate(
    '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
  )) as [number, number];
  expect(widths[0]).toBeLessThanOrEqual(widths[1]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await expectAccessible(page);
}

const table = (page: Page) =>
  page.getByRole('table', { name: 'Stand per gemeente en vragenlijst' });
const resultCount = (page: Page) => page.locator('#gemeenten-aantal').textContent();
const firstMunicipality = (page: Page) => table(page).getByRole('rowheader').first().textContent();

describe('the round page of a national round, without JavaScript', () => {
  it('shows the response over the invited municipalities and 50 municipalities a page', async () => {
    const page = await app.newPage({ javaScript: false });
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(ROUND);
    const response = page.getByRole('table', { name: /Respons per gemeente/ });
    await expect(response.getByRole('row', { name: /uitgenodigd 104 82%/ }).count()).resolves.toBe(
      1,
    );
    await expect(
      response.getByRole('row', { name: /niet uitgenodigd 314 telt niet mee/ }).count(),
    ).resolves.toBe(1);
    await page
      .getByText('Percentages van de 127 gemeenten in de meting: 126 uitgenodigd en 1 zonder')
      .waitFor();
    await expect(resultCount(page)).resolves.toBe('441 gemeenten, pagina 1 van 9');
    await expect(table(page).getByRole('row').count()).resolves.toBe(51);
    await expect(firstMunicipality(page)).resolves.toBe('Appingedam');
    await expectAccessibleAtBothWidths(page);
  });

  it('filters by status, province and questionnaire with a GET form', async () => {
    const page = await app.newPage({ javaScript: false });
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(ROUND);
    await page.getByLabel('Stand', { exact: true }).selectOption({ label: 'uitgenodigd' });
    await page.getByLabel('Provincie', { exact: true }).selectOption({ label: 'Groningen' });
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.waitForURL(/stand=invited&provincie=PV20/);
    // Groningen: 25 invited, 13 of them in the mix with another status.
    await expect(resultCount(page)).resolves.toBe('12 gemeenten gevonden');
    const statuses = await table(page).getByRole('row').allTextContents();
    expect(statuses.slice(1).every((row) => row.includes('uitgenodigd'))).toBe(true);
    await expect(page.getByLabel('Stand', { exact: true }).inputValue()).resolves.toBe('invited');
    await expectAccessibleAtBothWidths(page);

    await page.getByLabel('Stand', { exact: true }).selectOption({ label: 'alle standen' });
    await page.getByLabel('Provincie', { exact: true }).selectOption({ label: 'Utrecht' });
    await page
      .getByLabel('Vragenlijst', { exact: true })
      .selectOption({ label: 'vrijwilligerswerk: ingediend' });
    await page.getByRole('button', { name: 'Filteren' }).click();
    await expect(resultCount(page)).resolves.toBe('4 gemeenten gevonden');
    // The counts per questionnaire follow the filters and say so.
    const counts = page.getByRole('table', { name: /de gevonden gemeenten/ });
    await expect(
      counts.getByRole('row', { name: /Vrijwilligerswerk/ }).textContent(),
    ).resolves.toBe('Vrijwilligerswerk004');

    await page.getByRole('link', { name: 'Filters wissen' }).click();
    await expect(resultCount(page)).resolves.toBe('441 gemeenten, pagina 1 van 9');
  });

  it('searches names without regard to case or accents, and says when nothing is found', async () => {
    const page = await app.newPage({ javaScript: false });
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(ROUND);
    await page.getByLabel('Zoek op naam of code').fill('SKARSTERLAN');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await expect(resultCount(page)).resolves.toBe('1 gemeente gevonden');
    await expect(firstMunicipality(page)).resolves.toBe('Skarsterlân');
    await page.getByLabel('Zoek op naam of code').fill('Atlantis');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await expect(resultCount(page)).resolves.toBe('0 gemeenten gevonden');
    await page.getByText('Geen gemeenten gevonden. Pas de zoekterm of de filters aan.').waitFor();
    await expectAccessible(page);
  });

  it('sorts with column headers that are links with aria-sort, and pages', async () => {
    const page = await app.newPage({ javaScript: false });
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(ROUND);
    // The header of the column whose sort link has this name.
    const header = (name: string) =>
      table(page)
        .getByRole('columnheader')
        .filter({ has: page.getByRole('link', { name, exact: true }) });
    await expect(header('Code (sorteer aflopend)').getAttribute('aria-sort')).resolves.toBe(
      'ascending',
    );
    await table(page).getByRole('link', { name: 'Gemeente (sorteer oplopend)' }).click();
    await expect(firstMunicipality(page)).resolves.toBe("'s-Gravenhage");
    await expect(header('Gemeente (sorteer aflopend)').getAttribute('aria-sort')).resolves.toBe(
      'ascending',
    );
    await expect(header('Code (sorteer oplopend)').getAttribute('aria-sort')).resolves.toBeNull();
    await table(page).getByRole('link', { name: 'Gemeente (sorteer aflopend)' }).click();
    await expect(firstMunicipality(page)).resolves.toBe('Zwolle');
    await expect(header('Gemeente (sorteer oplopend)').getAttribute('aria-sort')).resolves.toBe(
      'descending',
    );

    // Newest change first on the first click: the last ones recorded were Marum and
    // Stadskanaal declining.
    await table(page).getByRole('link', { name: 'Laatste wijziging (sorteer aflopend)' }).click();
    expect(['Marum', 'Stadskanaal']).toContain(await firstMunicipality(page));
    const lastChange = await table(page)
      .getByRole('row')
      .nth(1)
      .getByRole('cell')
      .nth(3)
      .textContent();
    expect(lastChange).toMatch(/^\d{1,2}-\d{1,2}-\d{4}, \d{2}:\d{2}:\d{2}$/);

    await table(page).getByRole('link', { name: 'Stand (sorteer oplopend)' }).click();
    const pagination = page.getByRole('navigation', { name: "Pagina's met gemeenten" });
    await pagination.getByRole('link', { name: 'Pagina 9' }).click();
    await expect(resultCount(page)).resolves.toBe('441 gemeenten, pagina 9 van 9');
    await expect(table(page).getByRole('row').count()).resolves.toBe(42);
    // Sorted by status, the last page ends with those that declined.
    await expect(table(page).getByRole('rowheader').last().textContent()).resolves.toBe(
      'Stadskanaal',
    );
    await expect(
      pagination.getByRole('link', { name: 'Pagina 9' }).getAttribute('aria-current'),
    ).resolves.toBe('page');
    await expect(pagination.getByRole('link', { name: 'Volgende pagina' }).count()).resolves.toBe(
      0,
    );
    await expectAccessibleAtBothWidths(page);
    await pagination.getByRole('link', { name: 'Vorige pagina' }).click();
    await expect(resultCount(page)).resolves.toBe('441 gemeenten, pagina 8 van 9');
    expect(new URL(page.url()).searchParams.get('sorteer')).toBe('stand');
  });

  it('opens a municipality from the map', async () => {
    const page = await app.newPage({ javaScript: false });
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(ROUND);
    // The map is for the mouse (hidden from assistive technology; the table is the route
    // there), so it is found by its link rather than by role.
    await page
      .getByRole('figure', { name: /Kaart van de respons/ })
      .locator(`a[href="${ROUND}/gemeenten/0171"]`)
      .click();
    await page.waitForURL(`**${ROUND}/gemeenten/0171`);
    await page.getByRole('heading', { name: 'Noordoostpolder – Meting 2026' }).waitFor();
  });

  it('shows an advisor the municipalities of their province only', async () => {
    const page = await app.newPage({ javaScript: false });
    await login(page, CAST_EMAILS.advisor);
    await page.goto(ROUND);
    await expect(resultCount(page)).resolves.toBe('60 gemeenten, pagina 1 van 2');
    await expect(
      page.getByLabel('Provincie', { exact: true }).locator('option').allTextContents(),
    ).resolves.toEqual(['alle provincies', 'Noord-Holland']);
    await page.getByText('Percentages van de 60 uitgenodigde gemeenten die u ziet.').waitFor();
    await expect(page.getByRole('link', { name: 'Gemeenten uitnodigen' }).count()).resolves.toBe(0);
    await expectAccessible(page);
  });
});
