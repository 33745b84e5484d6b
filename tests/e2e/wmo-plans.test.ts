/**
 * End to end (issue 12, helper C): the municipality fills in its Wmo plan (a refused save
 * keeps what was typed and names each field), its advisor confirms it, and the coordinator
 * sets the round's target on the national page of the indicator (a target outside 0–100 is
 * refused on the field). Every page passes axe at 1280 and 390 pixels, with and without
 * JavaScript, and does not scroll sideways.
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
  app = await startAppWithOpenRound({ roundId: 'r', roundName: 'Meting' });
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

/** After a POST: axe only with JavaScript (the answer of a POST cannot be loaded again). */
async function checkAnswer(page: Page, javaScript: boolean): Promise<void> {
  if (javaScript) await expectAccessible(page);
  expect(await horizontalOverflow(page), page.url()).toBeLessThanOrEqual(0);
}

const PLAN = '/metingen/r/gemeenten/0363/wmo-plan';

const RUNS = [
  [1280, true],
  [390, true],
  [1280, false],
  [390, false],
] as const;

describe('the Wmo plan of a municipality', () => {
  for (const [width, javaScript] of RUNS) {
    it(`is filled in by the municipality and confirmed by the advisor at ${width}px ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
      const page = await app.newPage({ javaScript });
      await page.setViewportSize({ width, height: 900 });
      await login(page, CAST_EMAILS.municipality);
      await page.goto('/metingen/r/gemeenten/0363');
      await page
        .getByRole('link', { name: 'Wmo-beleidsplan: neemt het de basisfuncties op?' })
        .click();
      await page
        .getByRole('heading', { name: 'Wmo-beleidsplan van Amsterdam', level: 1 })
        .waitFor();
      await checkPage(page, javaScript);

      // A link without https://, and a period that ends before it begins: both named.
      const title = `Samen zorgen ${width} ${javaScript ? 'js' : 'html'}`;
      await page.getByRole('radio', { name: 'Ja, opgenomen' }).check();
      await page.getByLabel('Periode van (jaar)').fill('2015');
      await page.getByLabel('Periode tot en met (jaar)').fill('2012');
      await page.getByLabel('Titel van het plan').fill(title);
      await page.getByLabel('Link naar het plan').fill('www.amsterdam.nl/wmo');
      await page.getByRole('checkbox', { name: 'Mantelzorg: Respijtzorg' }).check();
      await page.getByRole('button', { name: 'Opslaan' }).click();
      const summary = page.getByRole('alert');
      await summary
        .getByRole('link', {
          name: 'Geef een volledige link die begint met https:// (of http://), of laat het veld leeg.',
        })
        .waitFor();
      await summary
        .getByRole('link', { name: /Het plan loopt tot een jaar vóór het begin/ })
        .waitFor();
      expect(await page.getByLabel('Titel van het plan').inputValue()).toBe(title);
      expect(
        await page.getByRole('checkbox', { name: 'Mantelzorg: Respijtzorg' }).isChecked(),
      ).toBe(true);
      await checkAnswer(page, javaScript);

      // Corrected with the keyboard, and saved.
      await page.getByLabel('Periode tot en met (jaar)').fill('2018');
      await page.getByLabel('Link naar het plan').fill('https://www.amsterdam.nl/wmo');
      await page.getByRole('button', { name: 'Opslaan' }).focus();
      await page.keyboard.press('Enter');
      await page.getByText('Het Wmo-beleidsplan is opgeslagen.').waitFor();
      await page.getByText('Nog niet bevestigd door de adviseur.').waitFor();
      await page.getByText(`: ${title}.`, { exact: false }).waitFor();
      // The municipality does not confirm its own plan.
      expect(await page.getByRole('button', { name: 'Stand bevestigen' }).count()).toBe(0);
      await checkPage(page, javaScript);

      // The advisor of Noord-Holland confirms it.
      const advisor = await app.newPage({ javaScript });
      await advisor.setViewportSize({ width, height: 900 });
      await login(advisor, CAST_EMAILS.advisor);
      await advisor.goto(PLAN);
      await advisor.getByRole('heading', { name: 'Wmo-beleidsplan van Amsterdam' }).waitFor();
      await checkPage(advisor, javaScript);
      await advisor.getByRole('button', { name: 'Stand bevestigen' }).click();
      await advisor.getByText('De stand van het Wmo-beleidsplan is bevestigd.').waitFor();
      await advisor.getByText(/Bevestigd door Ada Adviseur/).waitFor();
      await checkPage(advisor, javaScript);

      // The report shows the status against the target.
      await page.goto('/metingen/r/gemeenten/0363/rapport');
      const section = page.getByRole('region', { name: 'Wmo-beleidsplan' });
      await section
        .getByText(
          'Het Wmo-beleidsplan van Amsterdam neemt de basisfuncties op: Amsterdam draagt bij aan de landelijke doelstelling.',
          { exact: false },
        )
        .waitFor();
      await section.getByText(/Bevestigd door Ada Adviseur/).waitFor();
    });
  }
});

describe('the national indicator and its target', () => {
  for (const [index, [width, javaScript]] of RUNS.entries()) {
    it(`shows the share against the target and lets the coordinator set it at ${width}px ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
      const page = await app.newPage({ javaScript });
      await page.setViewportSize({ width, height: 900 });
      await login(page, CAST_EMAILS.coordinator);
      await page.goto('/metingen/r/analyse');
      await page
        .getByRole('navigation', { name: 'Onderdelen van de analyse' })
        .getByRole('link', { name: 'Wmo-beleidsplannen' })
        .click();
      await page.getByRole('heading', { name: /^Wmo-beleidsplannen/, level: 1 }).waitFor();
      await page
        .getByRole('table', { name: 'Wmo-beleidsplannen met de basisfuncties per provincie' })
        .waitFor();
      // Amsterdam, filled in by the tests above: 1 of 1 with a status.
      await page
        .getByRole('table', { name: 'Wmo-beleidsplannen met de basisfuncties per provincie' })
        .getByRole('row', { name: /Noord-Holland/ })
        .getByRole('cell', { name: '100', exact: true })
        .waitFor();
      await checkPage(page, javaScript);

      await page.getByLabel('Doelstelling (% van de Wmo-beleidsplannen)').fill('120');
      await page.getByRole('button', { name: 'Doelstelling opslaan' }).click();
      await page
        .getByRole('alert')
        .getByRole('link', {
          name: 'De doelstelling is een percentage van 0 tot en met 100, bijvoorbeeld 75. Vul een getal in dat daartussen ligt.',
        })
        .waitFor();
      expect(await page.getByLabel('Doelstelling (% van de Wmo-beleidsplannen)').inputValue()).toBe(
        '120',
      );
      await checkAnswer(page, javaScript);

      const target = 70 + index;
      await page.getByLabel('Doelstelling (% van de Wmo-beleidsplannen)').fill(String(target));
      await page.getByRole('button', { name: 'Doelstelling opslaan' }).click();
      await page.getByText(`De doelstelling is nu ${target}%.`).waitFor();
      await page
        .getByText(`De doelstelling is ${target}%: die is gehaald.`, { exact: false })
        .waitFor();
      await checkPage(page, javaScript);
    });
  }

  it('shows the analyst the counts and no target form or names', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.analyst);
    await page.goto('/metingen/r/analyse/wmo-plannen');
    await page.getByRole('heading', { name: /^Wmo-beleidsplannen/, level: 1 }).waitFor();
    expect(await page.getByLabel('Doelstelling (% van de Wmo-beleidsplannen)').count()).toBe(0);
    expect(await page.getByText('Amsterdam').count()).toBe(0);
    await expectAccessible(page);
  });
});

describe('importing plan statuses in the web app', () => {
  for (const [width, javaScript] of [
    [1280, true],
    [390, false],
  ] as const) {
    it(`refuses a bad file with every error and its line, then imports a good one, at ${width}px ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
      const page = await app.newPage({ javaScript });
      await page.setViewportSize({ width, height: 900 });
      await login(page, CAST_EMAILS.coordinator);
      await page.goto('/metingen/r/analyse/wmo-plannen');
      await page
        .getByRole('link', {
          name: 'De stand van de Wmo-beleidsplannen importeren uit een spreadsheet',
        })
        .click();
      await page
        .getByRole('heading', { name: 'Wmo-beleidsplannen importeren', level: 1 })
        .waitFor();
      await checkPage(page, javaScript);

      await page.getByLabel('Bestand').setInputFiles({
        name: 'plannen.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          'gemeentecode,opgenomen,periode,titel,url\n0014,ja,2012-2015,,\n9999,soms,,,\n',
        ),
      });
      await page.getByRole('button', { name: 'Importeren' }).click();
      await page
        .getByRole('alert')
        .getByText(/2 fouten gevonden\. Er is niets opgeslagen/)
        .waitFor();
      const errors = page.getByRole('table', { name: 'Fouten per regel' });
      await errors.getByRole('row', { name: /^3 onbekende gemeente '9999'/ }).waitFor();
      await errors
        .getByRole('row', { name: "3 'opgenomen' is 'soms'. Vul ja, gedeeltelijk of nee in." })
        .waitFor();
      await checkAnswer(page, javaScript);

      await page.getByLabel('Bestand').setInputFiles({
        name: 'plannen.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          'gemeentecode,opgenomen,periode,titel,url\n0014,nee,2012-2015,,\n0003,gedeeltelijk,,,\n',
        ),
      });
      await page.getByRole('button', { name: 'Importeren' }).click();
      await page.getByText(/‘plannen\.csv’ is geïmporteerd: 2 gemeenten/).waitFor();
      await page.getByRole('heading', { name: /^Wmo-beleidsplannen/, level: 1 }).waitFor();
      await checkPage(page, javaScript);
    });
  }
});
