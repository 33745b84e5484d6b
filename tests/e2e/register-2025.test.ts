/**
 * End to end in Chromium (issue 11, decision 022): the coordinator creates a round on the
 * 2025 register in the web app; its page names the register, lists and maps the 342
 * municipalities of 2025, and the region page finds Eemsdelta's 2025 neighbours. Every page
 * passes axe at 1280 and at 390 pixels wide.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAST_EMAILS, seedAccounts } from '../support/factories.ts';
import { expectAccessible, login, startTestApp, type TestApp } from './support/browser.ts';

let app: TestApp;
const ROUND = '/metingen/vervolg-2026';

beforeAll(async () => {
  app = await startTestApp();
  await seedAccounts(app.handle.db, ['coordinator']);
});

afterAll(async () => {
  await app?.dispose();
});

async function expectAccessibleAtBothWidths(page: Page): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await expectAccessible(page);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('a round on the 2025 register', () => {
  it('the coordinator chooses the 2025 register when creating a round', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.coordinator);
    await page.goto('/metingen');
    const register = page.getByLabel('Register van gemeenten (peildatum)');
    await expect(register.locator('option').allTextContents()).resolves.toEqual([
      'Gemeenten per 1 januari 2009 (441 gemeenten)',
      'Gemeenten per 1 januari 2025 (342 gemeenten)',
    ]);
    await expectAccessibleAtBothWidths(page);
    await page.getByLabel('Naam', { exact: true }).fill('Vervolgmeting 2026');
    await page.getByLabel('Korte naam').fill('vervolg-2026');
    await register.selectOption('2025');
    await page.getByLabel('Opent op').fill('2026-03-01');
    await page.getByLabel('Sluit op').fill('2026-05-01');
    await page.getByRole('button', { name: 'Meting aanmaken' }).click();
    await page.waitForURL(`**${ROUND}`);
  });

  it('its page names the register and lists and maps the 342 municipalities of 2025', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(ROUND);
    await page.getByText('Register: Gemeenten per 1 januari 2025 (342 gemeenten).').waitFor();
    await page
      .getByText(/^342 gemeenten/)
      .first()
      .waitFor();
    const caption = await page.locator('figure.bfm-round-map figcaption').textContent();
    expect(caption).toContain('gemeentegrenzen 2025');
    // One linked area per municipality of 2025: Eemsdelta is there, Appingedam (2009) is not.
    const areas = page.locator('figure.bfm-round-map svg a');
    await expect(areas.count()).resolves.toBe(342);
    await expect(
      page.locator(`figure.bfm-round-map svg a[href="${ROUND}/gemeenten/1979"]`).count(),
    ).resolves.toBe(1);
    await expect(
      page.locator(`figure.bfm-round-map svg a[href="${ROUND}/gemeenten/0003"]`).count(),
    ).resolves.toBe(0);
    await page.getByLabel('Zoek op naam of code').fill('Eemsdelta');
    await page.getByLabel('Zoek op naam of code').press('Enter');
    await page.getByRole('link', { name: 'Eemsdelta' }).first().waitFor();
    await expectAccessibleAtBothWidths(page);
  });

  it("the region page finds Eemsdelta's neighbours on the 2025 boundaries", async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(`${ROUND}/regio?rond=1979`);
    await expect(page.locator('main').textContent()).resolves.toContain('gemeentegrenzen 2025');
    const tables = (await page.locator('main table').allTextContents()).join(' ');
    for (const name of ['Eemsdelta', 'Groningen', 'Het Hogeland', 'Midden-Groningen', 'Oldambt'])
      expect(tables).toContain(name);
    // Delfzijl was a municipality of 2009; it is part of Eemsdelta now.
    expect(tables).not.toContain('Delfzijl');
    await expectAccessibleAtBothWidths(page);
  });
});
