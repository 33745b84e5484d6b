/**
 * End to end: the regional view and the naming consent, in Chromium with axe at 1280 and 390
 * pixels, with and without JavaScript. A municipality sees its neighbours only in counts until
 * they consent; the coordinator composes a region by hand and sees every member by name.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeAnswers } from '../../src/services/answer-store.ts';
import { setNamedConsent } from '../../src/services/consent-service.ts';
import { loadRound } from '../../src/services/round-service.ts';
import { CAST_EMAILS, createStaff } from '../support/factories.ts';
import {
  expectAccessible,
  expectAccessibleWithoutJavaScript,
  login,
  startAppWithOpenRound,
} from './support/browser.ts';

let app: Awaited<ReturnType<typeof startAppWithOpenRound>>;
const ROUND = '/metingen/meting-2026';

/** Mantelzorg 'Informatie' (items 17, 19, 20) answered with the same points throughout. */
async function answerInformatie(code: string, points: number): Promise<void> {
  const loaded = await loadRound(app.handle.db, app.roundId);
  await app.handle.db.transaction((tx) =>
    storeAnswers(
      tx,
      loaded,
      [17, 19, 20].map((question) => ({
        municipalityCode: code,
        questionnaire: 'mantelzorg',
        question,
        points,
        options: null,
        text: null,
      })),
      [],
    ),
  );
}

beforeAll(async () => {
  app = await startAppWithOpenRound();
  await answerInformatie('0363', 3); // Amsterdam: goed voor elkaar
  await answerInformatie('0362', 3); // Amstelveen: goed voor elkaar
  await answerInformatie('0384', 1); // Diemen: aandacht nodig
  // Amstelveen's own account, to give its consent: the test is about a consenting neighbour.
  const amstelveen = await createStaff(app.handle.db, {
    role: 'municipality',
    municipalityCode: '0362',
  });
  await setNamedConsent(app.handle.db, amstelveen, '0362', true);
});

afterAll(async () => {
  await app?.dispose();
});

/** Runs axe at the phone and the desktop width; nothing may scroll sideways on a phone. */
async function expectAccessibleAtBothWidths(
  page: Page,
  check: (page: Page) => Promise<void>,
): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  await check(page);
  const widths = (await page.evaluate(
    '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
  )) as [number, number];
  expect(widths[0]).toBeLessThanOrEqual(widths[1]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await check(page);
}

describe('the regional view', () => {
  it('shows a municipality its neighbours, naming only those that consented (no JavaScript)', async () => {
    const page = await app.newPage({ javaScript: false });
    await login(page, CAST_EMAILS.municipality);
    await page.goto(`${ROUND}/gemeenten/0363`);
    await page.getByRole('link', { name: 'Regionale vergelijking met de buurgemeenten' }).click();
    await page
      .getByRole('heading', {
        level: 1,
        name: 'Regionale vergelijking: Amsterdam en buurgemeenten',
      })
      .waitFor();
    const table = page.getByRole('table', { name: /Wie heeft welke basisfunctie.*mantelzorg/ });
    await expect(
      table.getByRole('row', { name: /^Informatie Amsterdam en Amstelveen/ }).count(),
    ).resolves.toBe(1);
    await page
      .getByText(
        'Amsterdam en Amstelveen hebben ‘Informatie’ goed voor elkaar en kunnen een andere gemeente in de regio helpen, waar deze basisfunctie nog niet goed voor elkaar is.',
      )
      .waitFor();
    // Diemen did not consent, and Amsterdam may not read its answers.
    // (Its name is only among the choices of the form.)
    await expect(page.getByRole('table').filter({ hasText: 'Diemen' }).count()).resolves.toBe(0);
    await expect(page.getByRole('listitem').filter({ hasText: 'Diemen' }).count()).resolves.toBe(0);
    await page.getByRole('table', { name: 'Gemeenten op de kaart' }).waitFor();
    await expect(page.locator('figure svg').count()).resolves.toBe(1);
    await expectAccessibleAtBothWidths(page, expectAccessibleWithoutJavaScript);
  });

  it('lets the coordinator compose a region by province and names every member (JavaScript)', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(`${ROUND}/regio`);
    await page.getByLabel(/kies eerst een provincie/).selectOption({ label: 'Noord-Holland' });
    await page.getByRole('button', { name: 'Gemeenten van de provincie tonen' }).click();
    await page.waitForURL(/provincie=PV27/);
    for (const name of ['Amsterdam', 'Amstelveen', 'Diemen']) {
      await page.getByRole('checkbox', { name, exact: true }).check();
    }
    await page.getByRole('button', { name: 'Samengestelde regio tonen' }).click();
    await page.waitForURL(/gemeenten=/);
    await page
      .getByText(
        'Amstelveen en Amsterdam hebben ‘Informatie’ goed voor elkaar en kunnen Diemen helpen, waar deze basisfunctie aandacht nodig heeft.',
      )
      .waitFor();
    await page.getByText('De regio telt 3 gemeenten.').waitFor();
    await expectAccessibleAtBothWidths(page, expectAccessible);
    // Colour the map by one basisfunctie: the same region, the table says each member's band.
    await page.getByLabel('Kleur de kaart naar').selectOption({ label: 'Informatie (mantelzorg)' });
    await page.getByRole('button', { name: 'Kaart kleuren' }).click();
    await page.waitForURL(/kleur=mantelzorg.informatie/);
    // The URL changes as the navigation commits; wait for the rendered row, not just the URL.
    const onMap = page.getByRole('table', { name: 'Gemeenten op de kaart' });
    const diemen = onMap.getByRole('row', { name: /^Diemen Noord-Holland 0 aandacht nodig$/ });
    await diemen.waitFor();
    await expect(diemen.count()).resolves.toBe(1);
    await expectAccessible(page);
  });

  it('tells the user which code it does not know', async () => {
    const page = await app.newPage({ javaScript: false });
    await login(page, CAST_EMAILS.advisor);
    const response = await page.goto(`${ROUND}/regio?rond=9999`);
    expect(response?.status()).toBe(400);
    await page
      .getByText(/De gemeente met code 9999 hoort niet bij deze meting/)
      .first()
      .waitFor();
  });
});

describe('the naming consent', () => {
  it('is set by the municipality on its settings page, with a confirmation (no JavaScript)', async () => {
    const page = await app.newPage({ javaScript: false });
    await login(page, CAST_EMAILS.municipality);
    await page.goto(`${ROUND}/gemeenten/0363`);
    await page.getByRole('link', { name: /Instellingen: naam tonen/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Instellingen van Amsterdam' }).waitFor();
    const box = page.getByRole('checkbox', { name: /Andere gemeenten mogen zien/ });
    await expect(box.isChecked()).resolves.toBe(false);
    await expectAccessibleAtBothWidths(page, expectAccessibleWithoutJavaScript);
    await box.check();
    await page.getByRole('button', { name: 'Keuze opslaan' }).click();
    await page
      .getByRole('status')
      .getByText(/Opgeslagen: andere gemeenten zien uw gemeente bij naam/)
      .waitFor();
    await expect(box.isChecked()).resolves.toBe(true);
  });

  it('can be turned off again with JavaScript', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.municipality);
    await page.goto(`${ROUND}/gemeenten/0363/instellingen`);
    const box = page.getByRole('checkbox', { name: /Andere gemeenten mogen zien/ });
    await box.uncheck();
    await page.getByRole('button', { name: 'Keuze opslaan' }).click();
    await page
      .getByRole('status')
      .getByText(/alleen in aantallen/)
      .waitFor();
    await expect(box.isChecked()).resolves.toBe(false);
    await expectAccessibleAtBothWidths(page, expectAccessible);
  });
});
