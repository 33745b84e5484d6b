/**
 * End to end (issue 11, decision 020): the coordinator makes a new instrument version from
 * 2009, edits an item by keyboard (keeping what was typed on an error), and reads the preview
 * and the diff. Every page passes axe at 1280 and 390 pixels and does not scroll sideways; the
 * editor also works without JavaScript. An advisor reads the versions but gets no edit links.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAST_EMAILS, seedAccounts } from '../support/factories.ts';
import {
  expectAccessible,
  expectAccessibleWithoutJavaScript,
  login,
  startTestApp,
  type TestApp,
} from './support/browser.ts';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
  await seedAccounts(app.handle.db, ['coordinator', 'advisor']);
});

afterAll(async () => {
  await app?.dispose();
});

function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
}

async function checkPage(page: Page, javaScript: boolean): Promise<void> {
  if (javaScript) await expectAccessible(page);
  else await expectAccessibleWithoutJavaScript(page);
  expect(await horizontalOverflow(page), page.url()).toBeLessThanOrEqual(0);
}

const MANTELZORG = 'Basisfuncties lokale ondersteuning mantelzorg';
const NEW_TEXT = 'Evalueert uw gemeente haar mantelzorgbeleid ten minste eens per vier jaar?';
const HELP = 'Bijvoorbeeld in een evaluatie van het beleid voor het sociaal domein.';

describe('instrument editor', () => {
  for (const [width, javaScript] of [
    [1280, true],
    [390, true],
    [390, false],
  ] as const) {
    it(`makes a version, edits an item by keyboard and shows the preview and the diff at ${width}px ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
      const version = `v${width}${javaScript ? 'js' : 'html'}`;
      const page = await app.newPage({ javaScript });
      await page.setViewportSize({ width, height: 900 });
      await login(page, CAST_EMAILS.coordinator);
      if (width === 1280)
        await page
          .getByRole('navigation', { name: 'Hoofdmenu' })
          .getByRole('link', { name: 'Instrumenten' })
          .click();
      else await page.goto('/instrumenten');
      await page.getByRole('heading', { name: 'Instrumenten', level: 1 }).waitFor();
      await checkPage(page, javaScript);

      await page.getByRole('link', { name: 'Nieuwe versie' }).click();
      await page.getByRole('heading', { name: 'Nieuwe instrumentversie', level: 1 }).waitFor();
      await checkPage(page, javaScript);
      await page.getByLabel('Uitgaan van versie').selectOption('2009');
      await page.getByLabel('Versienummer').fill(version);
      await page.getByLabel('Naam', { exact: true }).fill(`Vervolgmeting ${version}`);
      await page.getByRole('button', { name: 'Versie maken' }).click();
      await page
        .getByRole('heading', { name: `Versie ${version}: Vervolgmeting ${version}`, level: 1 })
        .waitFor();
      await page.getByText(`Versie ${version} is gemaakt als kopie van 2009.`).waitFor();
      await checkPage(page, javaScript);

      // By keyboard: the link, the text, the help text, the mapping, the button.
      const link = page
        .locator('#mantelzorg')
        .getByRole('link', { name: 'Vraag 12 wijzigen', exact: true });
      await link.focus();
      await page.keyboard.press('Enter');
      await page
        .getByRole('heading', { name: `Vraag 12 van ${MANTELZORG} wijzigen`, level: 1 })
        .waitFor();
      await checkPage(page, javaScript);
      await page.getByLabel('Vraagtekst').focus();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Delete');
      await page.keyboard.press('Tab');
      await page.keyboard.type(HELP);
      await page.getByRole('radio', { name: 'zelfde vraag' }).focus();
      await page.keyboard.press('ArrowDown');
      expect(await page.getByRole('radio', { name: 'anders geformuleerd' }).isChecked()).toBe(true);
      await page.getByRole('button', { name: 'Vraag opslaan' }).focus();
      await page.keyboard.press('Enter');
      // Without a text: the summary names it, the help text and the mapping are kept.
      await page.getByRole('alert').getByRole('link', { name: 'Vul de vraagtekst in.' }).waitFor();
      expect(await page.getByLabel('Toelichting bij de vraag (niet verplicht)').inputValue()).toBe(
        HELP,
      );
      expect(await page.getByRole('radio', { name: 'anders geformuleerd' }).isChecked()).toBe(true);
      if (javaScript) await expectAccessible(page);
      await page.getByLabel('Vraagtekst').focus();
      await page.keyboard.type(NEW_TEXT);
      await page.getByRole('button', { name: 'Vraag opslaan' }).focus();
      await page.keyboard.press('Enter');
      await page.getByText('Vraag 12 is opgeslagen.').waitFor();
      const row = page.locator('#mantelzorg tr', { hasText: NEW_TEXT });
      expect(await row.innerText()).toContain('anders geformuleerd (vraag 12)');

      await page.getByRole('link', { name: `Voorbeeld: ${MANTELZORG}` }).click();
      await page
        .getByRole('heading', { name: `Voorbeeld: ${MANTELZORG} (versie ${version})`, level: 1 })
        .waitFor();
      await page.getByRole('group', { name: `12. ${NEW_TEXT}` }).waitFor();
      await page.getByText(HELP).waitFor();
      await checkPage(page, javaScript);

      await page.goto(`/instrumenten/${version}/verschillen`);
      await page
        .getByRole('heading', {
          name: `Verschillen tussen versie ${version} en versie 2009`,
          level: 1,
        })
        .waitFor();
      const changed = page.locator('tr', { hasText: NEW_TEXT });
      expect(await changed.innerText()).toContain('gewijzigd: tekst, toelichting');
      expect(await changed.innerText()).toContain(
        'Heeft uw gemeente in haar beleid beschreven of en op welke wijze het mantelzorgbeleid',
      );
      await checkPage(page, javaScript);
      await page.close();
    });
  }

  it('shows an advisor the versions without edit links, and refuses the editor', async () => {
    const page = await app.newPage();
    await page.setViewportSize({ width: 390, height: 900 });
    await login(page, CAST_EMAILS.advisor);
    await page.goto('/instrumenten/2009');
    await page.getByRole('heading', { name: /^Versie 2009:/, level: 1 }).waitFor();
    expect(await page.getByRole('link', { name: 'Vraag 12 wijzigen' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Nieuwe versie op basis van 2009' }).count()).toBe(
      0,
    );
    await checkPage(page, true);
    const response = await page.goto('/instrumenten/nieuw');
    expect(response?.status()).toBe(403);
    await page
      .getByText('Alleen de landelijk coördinator maakt en wijzigt instrumentversies.')
      .waitFor();
    await page.close();
  });
});
