/**
 * End to end: a municipality composes, changes and deletes its own comparison groups, and the
 * municipality and its advisor write the note of a basisfunctie in the report, where a stale
 * save never overwrites the other's text. Every page passes axe at 1280 and 390 pixels, with
 * and without JavaScript, and works with the keyboard.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAST_EMAILS } from '../support/factories.ts';
import {
  expectAccessible,
  expectAccessibleWithoutJavaScript,
  login,
  startAppWithOpenRound,
  type TestApp,
} from './support/browser.ts';

let app: TestApp;

beforeAll(async () => {
  app = await startAppWithOpenRound({ roundId: 'r' });
});

afterAll(async () => {
  await app?.dispose();
});

/** How far the page scrolls sideways (0 or less: not at all). */
function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
}

async function checkPage(page: Page, javaScript: boolean): Promise<void> {
  if (javaScript) await expectAccessible(page);
  else await expectAccessibleWithoutJavaScript(page);
  expect(await horizontalOverflow(page), page.url()).toBeLessThanOrEqual(0);
}

const NOTE = '/metingen/r/gemeenten/0363/rapport/notitie/mantelzorg/respijtzorg';
const REPORT_ANCHOR = '/metingen/r/gemeenten/0363/rapport#bf-mantelzorg-respijtzorg';

describe('comparison groups', () => {
  for (const [width, javaScript] of [
    [1280, true],
    [390, true],
    [1280, false],
    [390, false],
  ] as const) {
    it(`composes, changes and deletes a group at ${width}px ${javaScript ? 'with' : 'without'} JavaScript, keeping what was typed on an error`, async () => {
      const page = await app.newPage({ javaScript });
      await page.setViewportSize({ width, height: 900 });
      await login(page, CAST_EMAILS.municipality);
      if (width === 1280)
        await page
          .getByRole('navigation', { name: 'Hoofdmenu' })
          .getByRole('link', { name: 'Vergelijkingsgroepen' })
          .click();
      else await page.goto('/vergelijkingsgroepen');
      await page.getByRole('heading', { name: 'Vergelijkingsgroepen', level: 1 }).waitFor();
      await page.getByText('U heeft nog geen vergelijkingsgroepen.').waitFor();
      await checkPage(page, javaScript);

      await page.getByRole('link', { name: 'Nieuwe vergelijkingsgroep' }).click();
      await page.getByRole('heading', { name: 'Nieuwe vergelijkingsgroep', level: 1 }).waitFor();
      await checkPage(page, javaScript);

      // By hand, without a name or a municipality: both are named, the choice is kept.
      await page.getByRole('radio', { name: 'Zelf gekozen gemeenten' }).check();
      await page.getByRole('button', { name: 'Vergelijkingsgroep opslaan' }).click();
      const summary = page.getByRole('alert');
      await summary.getByRole('link', { name: /Geef de vergelijkingsgroep een naam/ }).waitFor();
      await summary
        .getByRole('link', { name: 'Kies minstens 1 gemeente voor de groep.' })
        .waitFor();
      expect(await page.getByRole('radio', { name: 'Zelf gekozen gemeenten' }).isChecked()).toBe(
        true,
      );
      // axe cannot run without JavaScript, nor load a POST's answer again: the same markup is
      // checked in the runs with JavaScript.
      if (javaScript) await expectAccessible(page);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

      // Open a province and tick two municipalities with the keyboard.
      await page.getByLabel('Naam', { exact: true }).fill('Rond Amsterdam');
      await page.getByText('Noord-Holland (', { exact: false }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('checkbox', { name: 'Amstelveen' }).focus();
      await page.keyboard.press('Space');
      await page.getByRole('checkbox', { name: 'Ouder-Amstel' }).focus();
      await page.keyboard.press('Space');
      await page.getByRole('button', { name: 'Vergelijkingsgroep opslaan' }).focus();
      await page.keyboard.press('Enter');
      await page.getByText('De vergelijkingsgroep ‘Rond Amsterdam’ is aangemaakt.').waitFor();
      const table = page.getByRole('table', { name: 'Uw vergelijkingsgroepen' });
      await table
        .getByRole('row', { name: /Rond Amsterdam/ })
        .getByText('2 gekozen gemeenten')
        .waitFor();
      await checkPage(page, javaScript);

      // Change it into a group by size: the chosen province opens by itself on the way.
      await page.getByRole('link', { name: '‘Rond Amsterdam’ wijzigen' }).click();
      await page.getByRole('heading', { name: '‘Rond Amsterdam’ wijzigen', level: 1 }).waitFor();
      expect(await page.getByRole('checkbox', { name: 'Amstelveen' }).isChecked()).toBe(true);
      await checkPage(page, javaScript);
      await page.getByLabel('Naam', { exact: true }).fill('Even groot');
      await page.getByRole('radio', { name: 'Op grootte (inwonertal)' }).check();
      await page.getByLabel('Grootteklasse').selectOption({ label: '≥ 250.000 inwoners' });
      await page.getByRole('button', { name: 'Vergelijkingsgroep opslaan' }).click();
      await page.getByText('De vergelijkingsgroep ‘Even groot’ is opgeslagen.').waitFor();
      await table
        .getByRole('row', { name: /Even groot/ })
        .getByText('Gemeenten met ≥ 250.000 inwoners')
        .waitFor();

      // Delete it after the confirmation step.
      await page.getByRole('link', { name: '‘Even groot’ verwijderen' }).click();
      await page.getByRole('heading', { name: '‘Even groot’ verwijderen?', level: 1 }).waitFor();
      await checkPage(page, javaScript);
      await page.getByRole('button', { name: 'Ja, verwijder de groep' }).click();
      await page.getByText('De vergelijkingsgroep ‘Even groot’ is verwijderd.').waitFor();
      await page.getByText('U heeft nog geen vergelijkingsgroepen.').waitFor();
    });
  }

  it('shows another user’s group to nobody: the address answers 404', async () => {
    const owner = await app.newPage();
    await login(owner, CAST_EMAILS.advisor);
    await owner.goto('/vergelijkingsgroepen/nieuw');
    await owner.getByLabel('Naam', { exact: true }).fill('Van Ada');
    await owner.getByRole('radio', { name: 'Op provincie' }).check();
    await owner.getByLabel('Provincie', { exact: true }).selectOption({ label: 'Groningen' });
    await owner.getByRole('button', { name: 'Vergelijkingsgroep opslaan' }).click();
    await owner.getByText('De vergelijkingsgroep ‘Van Ada’ is aangemaakt.').waitFor();
    const href = await owner.getByRole('link', { name: '‘Van Ada’ wijzigen' }).getAttribute('href');

    const other = await app.newPage();
    await login(other, CAST_EMAILS.municipality);
    const response = await other.goto(href ?? '');
    expect(response?.status()).toBe(404);
    await other
      .getByText(/Deze vergelijkingsgroep bestaat niet \(meer\), of is van iemand anders/)
      .waitFor();
  });
});

describe('the note of a basisfunctie', () => {
  for (const [width, javaScript] of [
    [1280, true],
    [390, false],
  ] as const) {
    it(`is written and removed at ${width}px ${javaScript ? 'with' : 'without'} JavaScript, and returns to the report`, async () => {
      const page = await app.newPage({ javaScript });
      await page.setViewportSize({ width, height: 900 });
      await login(page, CAST_EMAILS.advisor);
      await page.goto(NOTE);
      await page.getByRole('heading', { name: 'Notitie bij Respijtzorg', level: 1 }).waitFor();
      await page.getByText('Hoogstens 2000 tekens.', { exact: false }).waitFor();
      await checkPage(page, javaScript);

      // Too long: refused, and the text stays.
      const tooLong = 'x'.repeat(2001);
      await page.getByLabel('Notitie', { exact: true }).fill(tooLong);
      await page.getByRole('button', { name: 'Notitie opslaan' }).click();
      await page
        .getByRole('alert')
        .getByRole('link', { name: /hoogstens 2000 tekens/ })
        .waitFor();
      expect(await page.getByLabel('Notitie', { exact: true }).inputValue()).toBe(tooLong);

      await page
        .getByLabel('Notitie', { exact: true })
        .fill(`Het loket opende pas in het najaar (${width}).`);
      await page.getByLabel('Notitie', { exact: true }).focus();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => `${url.pathname}${url.hash}` === REPORT_ANCHOR);

      await page.goto(NOTE);
      expect(await page.getByLabel('Notitie', { exact: true }).inputValue()).toBe(
        `Het loket opende pas in het najaar (${width}).`,
      );
      await page.getByText('Laatst gewijzigd door Ada Adviseur').waitFor();

      // Empty: the note is removed.
      await page.getByLabel('Notitie', { exact: true }).fill('');
      await page.getByRole('button', { name: 'Notitie opslaan' }).click();
      await page.waitForURL((url) => `${url.pathname}${url.hash}` === REPORT_ANCHOR);
      await page.goto(NOTE);
      expect(await page.getByLabel('Notitie', { exact: true }).inputValue()).toBe('');
      expect(await page.getByText('Laatst gewijzigd door').count()).toBe(0);
    });
  }

  for (const javaScript of [true, false]) {
    it(`never overwrites a colleague's text unseen (${javaScript ? 'with' : 'without'} JavaScript)`, async () => {
      const path = `/metingen/r/gemeenten/0363/rapport/notitie/mantelzorg/${javaScript ? 'informatie' : 'educatie'}`;
      const anna = await app.newPage({ javaScript });
      await login(anna, CAST_EMAILS.municipality);
      await anna.goto(path);
      const ada = await app.newPage({ javaScript });
      await login(ada, CAST_EMAILS.advisor);
      await ada.goto(path);

      await ada.getByLabel('Notitie', { exact: true }).fill('Tekst van Ada.');
      await ada.getByRole('button', { name: 'Notitie opslaan' }).click();
      await ada.waitForURL(/\/rapport#bf-mantelzorg-/);

      await anna.getByLabel('Notitie', { exact: true }).fill('Tekst van Anna.');
      await anna.getByRole('button', { name: 'Notitie opslaan' }).click();
      await anna
        .getByRole('alert')
        .getByRole('link', { name: /Ada Adviseur heeft deze notitie intussen gewijzigd/ })
        .waitFor();
      await anna.getByRole('heading', { name: 'De tekst van Ada Adviseur' }).waitFor();
      await anna.getByText('Tekst van Ada.').waitFor();
      expect(await anna.getByLabel('Notitie', { exact: true }).inputValue()).toBe(
        'Tekst van Anna.',
      );
      if (javaScript) await expectAccessible(anna);
      expect(await horizontalOverflow(anna)).toBeLessThanOrEqual(0);

      // Having seen Ada's text, Anna saves hers on purpose.
      await anna.getByLabel('Notitie', { exact: true }).fill('Tekst van Anna, na overleg met Ada.');
      await anna.getByRole('button', { name: 'Notitie opslaan' }).click();
      await anna.waitForURL(/\/rapport#bf-mantelzorg-/);
      await ada.goto(path);
      expect(await ada.getByLabel('Notitie', { exact: true }).inputValue()).toBe(
        'Tekst van Anna, na overleg met Ada.',
      );
      await ada.getByText('Laatst gewijzigd door Anna Amsterdam').waitFor();
    });
  }

  it('is not there for the advisor of another province, nor another municipality', async () => {
    for (const [email, status] of [
      [CAST_EMAILS.otherAdvisor, 403],
      [CAST_EMAILS.otherMunicipality, 404],
      [CAST_EMAILS.analyst, 403],
    ] as const) {
      const page = await app.newPage();
      await login(page, email);
      expect((await page.goto(NOTE))?.status(), email).toBe(status);
    }
  });
});
