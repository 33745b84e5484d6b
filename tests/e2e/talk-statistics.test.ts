/**
 * End to end (issue 12, helper D): the national view of the advice talks on the demo data,
 * for an analyst (counts only, no names) with and without JavaScript, and the report section
 * of the later round with the actions agreed since demo-2009, accessible at 390 and 1280 px
 * and in the PDF.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FOLLOW_UP_ROUND_ID, loadDemoRounds } from '../../src/services/demo-data.ts';
import { DEMO_TALKS } from '../../src/services/demo-improvement.ts';
import { CAST_EMAILS } from '../support/factories.ts';
import {
  expectAccessible,
  expectAccessibleWithoutJavaScript,
  login,
  startAppWithOpenRound,
} from './support/browser.ts';

let app: Awaited<ReturnType<typeof startAppWithOpenRound>>;

beforeAll(async () => {
  app = await startAppWithOpenRound();
  await loadDemoRounds(app.handle.db);
}, 180_000);

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

describe('the national view of the advice talks', () => {
  for (const javaScript of [true, false]) {
    it(`shows an analyst the counts and the caveat, never a name (${javaScript ? 'with' : 'without'} JavaScript)`, async () => {
      const page = await app.newPage({ javaScript });
      await login(page, CAST_EMAILS.analyst);
      await page.goto(`/metingen/${DEMO_FOLLOW_UP_ROUND_ID}/analyse`);
      await page
        .getByRole('navigation', { name: 'Onderdelen van de analyse' })
        .getByRole('link', { name: 'Adviesgesprekken' })
        .click();
      await page.waitForURL(`**/metingen/${DEMO_FOLLOW_UP_ROUND_ID}/analyse/gesprekken`);
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).innerText())
        .toContain('Adviesgesprekken');
      const main = await page.locator('main').innerText();
      expect(main).toContain('Dit is geen bewijs van een effect.');
      const perProvince = page.getByRole('table', {
        name: 'Aantal adviesgesprekken (gemeenten) per provincie en meting',
      });
      await expect
        .poll(() => perProvince.getByRole('row', { name: /Totaal/ }).innerText())
        .toContain(`${DEMO_TALKS.length} (${DEMO_TALKS.length})`);
      await expect
        .poll(() =>
          page
            .getByRole('table', {
              name: 'Gemeenten waarvan het cijfer steeg, met en zonder adviesgesprek',
            })
            .getByRole('row')
            .count(),
        )
        .toBeGreaterThan(10);
      expect(main).toContain('Respijtzorg');
      // The questionnaire is named as a word, not by its id ('mantelzorg').
      const actionCounts = page.getByRole('table', { name: /^Afgesproken acties over/ });
      expect(
        await actionCounts.getByRole('cell', { name: 'Mantelzorg', exact: true }).count(),
      ).toBeGreaterThan(0);
      expect(
        await actionCounts.getByRole('cell', { name: 'mantelzorg', exact: true }).count(),
      ).toBe(0);
      // Not 'Utrecht' or 'Groningen': provinces of the same name are rows of the table.
      for (const name of ['Amsterdam', 'Delfzijl', 'Eemsdelta', 'Zaanstad']) {
        expect(main).not.toContain(name);
      }
      await checkBothWidths(page, javaScript);
      await page.close();
    });
  }
});

describe('the report of the later round', () => {
  it('shows Eemsdelta the actions agreed with its predecessors and the change of the mark', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.coordinator);
    const response = await page.goto(`/metingen/${DEMO_FOLLOW_UP_ROUND_ID}/gemeenten/1979/rapport`);
    expect(response?.status()).toBe(200);
    const section = page.getByRole('region', { name: /Afspraken sinds/ });
    await expect
      .poll(() => section.innerText())
      .toMatch(
        /Afgesproken: respijtzorg via vrijwillige thuishulp \(gedaan\)\. Cijfer van \d,\d naar \d,\d\./,
      );
    expect(await section.innerText()).toContain('Adviesgesprek van 15-3-2010 met Delfzijl');
    await checkBothWidths(page, true);
    // The PDF is the same page printed: the section is in it.
    const pdf = await page.request.get(
      `/metingen/${DEMO_FOLLOW_UP_ROUND_ID}/gemeenten/1979/rapport.pdf`,
    );
    expect(pdf.status()).toBe(200);
    const dir = await mkdtemp(join(tmpdir(), 'bfm-follow-up-'));
    try {
      const file = join(dir, 'eemsdelta.pdf');
      await writeFile(file, await pdf.body());
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(
        /\s+/g,
        ' ',
      );
      expect(text).toMatch(
        /Afgesproken: respijtzorg via vrijwillige thuishulp \(gedaan\)\. Cijfer van \d,\d naar \d,\d\./,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    await page.close();
  });

  it("lists the Wmo plan in the contents and gives a dropped action's reason without a stray full stop", async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.municipality);
    await page.goto(`/metingen/${DEMO_FOLLOW_UP_ROUND_ID}/gemeenten/0363/rapport`);
    await page
      .getByRole('navigation', { name: 'Inhoud' })
      .getByRole('link', { name: 'Wmo-beleidsplan' })
      .click();
    expect(await page.evaluate('location.hash')).toBe('#wmo-plan');
    const section = page.getByRole('region', { name: /Afspraken sinds/ });
    expect(await section.innerText()).toContain(
      'Beursvloer organiseren: vervallen (Geen budget na de bezuinigingen van 2011); door',
    );
    await page.close();
  });
});
