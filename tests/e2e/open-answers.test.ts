/**
 * End to end (issue 13, helper A): an analyst reads, filters, searches, pages and quotes the
 * open answers of a round by keyboard only (Tab, Enter, Space and typing; no mouse clicks), at
 * 1280 and 390 pixels, with and without JavaScript. Every page passes axe and does not scroll
 * sideways, the search words are marked with <mark>, and the analyst's pages hold no
 * municipality name or code.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerValue } from '../../src/db/repositories/answer-repository.ts';
import { storeAnswers } from '../../src/services/answer-store.ts';
import { loadRound } from '../../src/services/round-service.ts';
import { CAST_EMAILS, seedAccounts } from '../support/factories.ts';
import { ALLOWED_NAME_TOKENS, findMunicipalities } from '../support/municipality-scan.ts';
import { createOpenAnswerRound, OPEN_ROUND } from '../support/open-answer-round.ts';
import {
  expectAccessible,
  expectAccessibleWithoutJavaScript,
  login,
  startTestApp,
  type TestApp,
} from './support/browser.ts';

let app: TestApp;
let register: { code: string; name: string }[] = [];
/** Vrijwilligerswerk 38: 30 answers, so the list has two pages of 25. */
const PAGED = 30;

beforeAll(async () => {
  app = await startTestApp();
  await seedAccounts(app.handle.db, ['coordinator', 'analyst', 'municipality']);
  await createOpenAnswerRound(app.handle.db);
  const loaded = await loadRound(app.handle.db, OPEN_ROUND);
  register = loaded.municipalities.map((m) => ({ code: m.code, name: m.name }));
  const values: AnswerValue[] = loaded.municipalities.slice(100, 100 + PAGED).map((m, i) => ({
    municipalityCode: m.code,
    questionnaire: 'vrijwilligerswerk',
    question: 38,
    points: null,
    options: null,
    text: `Wij waarderen de inzet met een jaarlijkse avond (${i + 1}).`,
  }));
  await app.handle.db.transaction((tx) => storeAnswers(tx, loaded, values, []));
}, 180_000);

afterAll(async () => {
  await app?.dispose();
});

const BASE = `/metingen/${OPEN_ROUND}/analyse/open-antwoorden`;

/** Moves the focus with Tab (forward) until it reaches the element, as a keyboard user would. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < 250; presses += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluateHandle('document.activeElement');
    const reached = await target.evaluate((element, active) => element === active, focused);
    await focused.dispose();
    if (reached) return;
  }
  throw new Error(`Tab never reached ${target.toString()} on ${page.url()}`);
}

async function checkPage(page: Page, javaScript: boolean): Promise<void> {
  if (javaScript) await expectAccessible(page);
  else await expectAccessibleWithoutJavaScript(page);
  const overflow = (await page.evaluate(
    'document.documentElement.scrollWidth - window.innerWidth',
  )) as number;
  expect(overflow, `no sideways scrolling on ${page.url()}`).toBeLessThanOrEqual(0);
  // The analyst never receives a municipality name or code, anywhere in the page.
  const found = findMunicipalities({ html: await page.content() }, register);
  expect(found.names.filter((name) => !ALLOWED_NAME_TOKENS.includes(name))).toEqual([]);
  expect(found.codes).toEqual([]);
}

const RUNS = [
  [1280, true],
  [390, true],
  [1280, false],
  [390, false],
] as const;

describe('reading the open answers', () => {
  for (const [width, javaScript] of RUNS) {
    it(`an analyst reads, filters, searches, pages and quotes by keyboard at ${width}px ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
      const page = await app.newPage({ javaScript });
      await page.setViewportSize({ width, height: 900 });
      await login(page, CAST_EMAILS.analyst);
      await page.goto(BASE);
      await page.getByRole('heading', { name: /^Open antwoorden/, level: 1 }).waitFor();
      await checkPage(page, javaScript);

      // The round-wide search, with the stem: 'vrijwilligers' also finds 'vrijwilliger'.
      await tabTo(page, page.getByRole('searchbox', { name: 'Zoekwoorden' }));
      await page.keyboard.type('vrijwilligers');
      await page.keyboard.press('Enter');
      await page.getByText(/antwoorden gevonden met ‘vrijwilligers’/).waitFor();
      const marks = await page.locator('.bfm-open-answers mark').allTextContents();
      expect(marks).toContain('vrijwilliger');
      expect(marks).toContain('vrijwilligers');
      await checkPage(page, javaScript);

      // One question: its answers, anonymised.
      await tabTo(page, page.getByRole('link', { name: /^47\. Heeft u verder nog opmerkingen/ }));
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: /^Open antwoord: vraag 47/, level: 1 }).waitFor();
      await page.getByText('9 antwoorden van').waitFor();
      await page
        .getByText('[gemeente] werkt samen met de vrijwilligerscentrale', { exact: false })
        .waitFor();
      await checkPage(page, javaScript);

      // Filter on Gelderland (type-ahead in the select), then search within it.
      await tabTo(page, page.getByRole('combobox', { name: 'Provincie' }));
      await page.keyboard.type('Gelderland');
      await tabTo(page, page.getByRole('searchbox', { name: 'Zoekwoorden' }));
      await page.keyboard.type('structuur');
      await tabTo(page, page.getByRole('button', { name: 'Toepassen' }));
      await page.keyboard.press('Enter');
      await page.getByText('2 antwoorden met ‘structuur’, van', { exact: false }).waitFor();
      expect(page.url()).toContain('provincie=PV25');
      expect(await page.locator('.bfm-open-answers mark').allTextContents()).toEqual([
        'structuur',
        'structuur',
      ]);
      await checkPage(page, javaScript);

      // Quote the first answer with Space, and take the quote back with Enter.
      await tabTo(page, page.getByRole('button', { name: /^Markeer als citaat/ }).first());
      await page.keyboard.press('Space');
      await page.getByText('Het antwoord is gemarkeerd als citaat', { exact: false }).waitFor();
      expect(page.url()).toContain('zoek=structuur');
      expect(page.url()).toContain('provincie=PV25');
      await checkPage(page, javaScript);
      await tabTo(page, page.getByRole('button', { name: /^Citaat verwijderen/ }));
      await page.keyboard.press('Enter');
      await page.getByText('Het antwoord is geen citaat meer', { exact: false }).waitFor();
      expect(await page.getByRole('button', { name: /^Citaat verwijderen/ }).count()).toBe(0);

      // A list of two pages.
      await page.goto(`${BASE}/vrijwilligerswerk/38/antwoord`);
      await page.getByText(`${PAGED} antwoorden van`, { exact: false }).waitFor();
      expect(await page.locator('.bfm-open-answers > li').count()).toBe(25);
      await checkPage(page, javaScript);
      await tabTo(page, page.getByRole('link', { name: 'Volgende pagina' }));
      await page.keyboard.press('Enter');
      await page.getByText('(pagina 2 van 2)', { exact: false }).waitFor();
      expect(await page.locator('.bfm-open-answers > li').count()).toBe(PAGED - 25);
      await checkPage(page, javaScript);
    });
  }

  it('shows a municipality its own answer in words of its own, without filters that mean nothing to it', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.municipality);
    await page.goto(`${BASE}/vrijwilligerswerk/47/antwoord`);
    await page.getByText('Het antwoord van uw gemeente.').waitFor();
    await page.getByText('In Amsterdam zoeken we vrijwilligers voor de buurthuizen.').waitFor();
    expect(await page.getByRole('combobox', { name: 'Provincie' }).count()).toBe(0);
    await expectAccessible(page);
    // Amsterdam gave no answer to question 11.
    await page.goto(`${BASE}/vrijwilligerswerk/11/antwoord`);
    await page.getByText('Uw gemeente heeft deze vraag niet beantwoord.').waitFor();
    expect(await page.getByText('van 1 gemeenten').count()).toBe(0);
    await page.close();
  });

  it('shows a filter problem in Dutch in the error summary, and a 404 page for an unknown question', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.analyst);
    await page.goto(`${BASE}/vrijwilligerswerk/47/antwoord?band=paars&provincie=PV99`);
    const summary = page.getByRole('alert');
    await summary.getByRole('link', { name: /Onbekende provincie 'PV99'/ }).waitFor();
    await summary
      .getByRole('link', { name: /Deze vraag hoort niet bij een basisfunctie/ })
      .waitFor();
    await expectAccessible(page);
    const response = await page.goto(`${BASE}/vrijwilligerswerk/99/antwoord`);
    expect(response?.status()).toBe(404);
    await page.getByText('Vraag 99 bestaat niet', { exact: false }).waitFor();
  });
});
