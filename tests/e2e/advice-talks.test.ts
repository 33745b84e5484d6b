/**
 * End to end (issue 12, helper A): an advisor records an advice talk with Amsterdam from the
 * municipality page, is refused with an error summary that links to the fields (and keeps what
 * was typed), adds an action row, saves, finds the talk in the list and edits it. Every page
 * passes axe at 1280 and 390 pixels, with and without JavaScript, and does not scroll sideways.
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
  app = await startAppWithOpenRound({ roundId: 'r', roundName: 'Meting 2026' });
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

const ACTIVITY =
  'Aan huis, vrijwillig: oppas, bezoekservice, vrijwillige thuishulp, vervangende mantelzorg';

describe('recording an advice talk', () => {
  for (const [width, javaScript] of [
    [1280, true],
    [390, true],
    [1280, false],
    [390, false],
  ] as const) {
    it(`records, refuses, adds a row, saves and edits at ${width}px ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
      const page = await app.newPage({ javaScript });
      await page.setViewportSize({ width, height: 900 });
      await login(page, CAST_EMAILS.advisor);
      await page.goto('/metingen/r/gemeenten/0363');
      await page.getByRole('link', { name: 'Nieuw adviesgesprek over deze meting' }).click();
      await page.getByRole('heading', { name: 'Adviesgesprek met Amsterdam', level: 1 }).waitFor();
      await checkPage(page, javaScript);

      // A talk on 12 March with an action that has an owner but no description, and one that
      // is due before the talk.
      await page.getByLabel('Datum van het gesprek').fill('2027-03-12');
      await page.getByLabel('Deelnemers').fill('Ada Adviseur\nAnna Amsterdam');
      const respijt = page.getByRole('group', { name: /^Respijtzorg/ });
      await respijt.getByLabel('Besproken punten bij Respijtzorg').fill('Weinig respijtzorg.');
      const first = respijt.getByRole('group', { name: /^Actie 1 bij Respijtzorg/ });
      await first.getByLabel('Wie doet het?').fill('Wmo-team');
      await first.getByLabel('Streefdatum (niet verplicht)').fill('2027-03-01');
      await page.getByRole('button', { name: 'Gesprek opslaan', exact: true }).last().click();
      const summary = page.getByRole('alert');
      await summary
        .getByRole('link', { name: /Beschrijf wat er gedaan wordt bij deze actie \(Respijtzorg\)/ })
        .waitFor();
      await summary
        .getByRole('link', { name: /De streefdatum 1-3-2027 ligt vóór het gesprek/ })
        .waitFor();
      // What was typed is still there.
      expect(await page.getByLabel('Deelnemers').inputValue()).toBe('Ada Adviseur\nAnna Amsterdam');
      expect(await first.getByLabel('Wie doet het?').inputValue()).toBe('Wmo-team');
      if (javaScript) await expectAccessible(page);
      // The summary's link leads to the field.
      await summary.getByRole('link', { name: /Beschrijf wat er gedaan wordt/ }).click();
      expect(await page.evaluate('location.hash')).toBe(
        `#${await first.getByLabel('Wat wordt er gedaan?').getAttribute('id')}`,
      );

      // One more action row, without losing anything.
      await respijt.getByRole('button', { name: 'Actie toevoegen bij Respijtzorg' }).click();
      const second = page
        .getByRole('group', { name: /^Respijtzorg/ })
        .getByRole('group', { name: /^Actie 2 bij Respijtzorg/ });
      await second.waitFor();
      expect(await first.getByLabel('Wie doet het?').inputValue()).toBe('Wmo-team');

      await first.getByLabel('Wat wordt er gedaan?').fill(ACTIVITY);
      await first.getByLabel('Streefdatum (niet verplicht)').fill('2027-09-01');
      await second.getByLabel('Wat wordt er gedaan?').fill('Mantelzorgwaardering evalueren');
      await page.getByRole('button', { name: 'Gesprek opslaan', exact: true }).last().click();
      await page.getByText('Het adviesgesprek is vastgelegd.').waitFor();
      await page.getByRole('heading', { name: 'Respijtzorg', level: 3 }).waitFor();
      const actions = page.getByRole('table', { name: 'Afgesproken acties bij Respijtzorg' });
      await actions.getByRole('rowheader', { name: ACTIVITY }).waitFor();
      await actions.getByRole('rowheader', { name: 'Mantelzorgwaardering evalueren' }).waitFor();
      expect(await actions.getByRole('row').nth(1).innerText()).toContain('gepland');
      await checkPage(page, javaScript);
      const talkPath = new URL(page.url()).pathname;

      // The list, reached from the menu on a wide screen.
      if (width === 1280)
        await page
          .getByRole('navigation', { name: 'Hoofdmenu' })
          .getByRole('link', { name: 'Adviesgesprekken' })
          .click();
      else await page.goto('/gesprekken');
      await page.getByRole('heading', { name: 'Adviesgesprekken', level: 1 }).waitFor();
      await page.getByRole('link', { name: 'Amsterdam' }).first().waitFor();
      await checkPage(page, javaScript);

      // Editing: the summary changes, the actions are kept.
      await page.goto(`${talkPath}/bewerken`);
      await page.getByRole('heading', { name: 'Gesprek met Amsterdam bewerken' }).waitFor();
      await checkPage(page, javaScript);
      await page.getByLabel('Samenvatting (niet verplicht)').fill('Goed gesprek.');
      await page.getByRole('button', { name: 'Wijzigingen opslaan', exact: true }).last().click();
      await page.getByText('De wijzigingen in het adviesgesprek zijn opgeslagen.').waitFor();
      await page.getByText('Goed gesprek.').waitFor();
      await page
        .getByRole('table', { name: 'Afgesproken acties bij Respijtzorg' })
        .getByRole('rowheader', { name: ACTIVITY })
        .waitFor();
    });
  }
});
