/**
 * End to end in Chromium (issue 11, decision 021): the coordinator sets a round to follow an
 * earlier one with prefill and opens it; the municipality finds its answers marked 'vorige
 * meting', cannot submit while they are unconfirmed (the error summary lists them), confirms
 * them with the keyboard, and then submits. Every page passes axe at 1280 and 390 px.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listInstrumentVersions, loadInstrument } from '../../src/instruments/index.ts';
import { storeAnswers } from '../../src/services/answer-store.ts';
import { createRound, loadRound } from '../../src/services/round-service.ts';
import { CAST_EMAILS, seedAccounts } from '../support/factories.ts';
import { expectAccessible, login, startTestApp, type TestApp } from './support/browser.ts';

let app: TestApp;
const ROUND = '/metingen/vervolg';
const AMSTERDAM = `${ROUND}/gemeenten/0363`;

beforeAll(async () => {
  app = await startTestApp();
  const db = app.handle.db;
  await seedAccounts(db, ['coordinator', 'municipality']);
  // The earlier round: Amsterdam answered every 3-point item of the questionnaire on volunteer
  // work ('goed voor elkaar' for all but the first, which was 'aandacht nodig').
  expect(listInstrumentVersions()).toContain('2009');
  const questionnaire = loadInstrument('2009').questionnaires.find(
    (q) => q.id === 'vrijwilligerswerk',
  );
  await createRound(db, { id: 'eerder', name: 'Meting 2009', status: 'closed' });
  await db.transaction(async (tx) => {
    await storeAnswers(
      tx,
      await loadRound(tx, 'eerder'),
      (questionnaire?.items ?? [])
        .filter((item) => item.kind === 'scale')
        .map((item, index) => ({
          municipalityCode: '0363',
          questionnaire: 'vrijwilligerswerk',
          question: item.number,
          points: index === 0 ? 1 : 3,
          options: null,
          text: null,
        })),
      [],
    );
  });
  await createRound(db, { id: 'vervolg', name: 'Vervolgmeting', status: 'concept' });
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

describe('prefilled follow-up', () => {
  it('the coordinator sets the previous round with prefill, and opens the round', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(ROUND);
    await page.getByRole('heading', { name: 'Vooraf invullen met de vorige meting' }).waitFor();
    await expectAccessibleAtBothWidths(page);
    await page.getByLabel('Vorige meting', { exact: true }).selectOption('eerder');
    await page
      .getByRole('checkbox', {
        name: 'Vragenlijsten bij het openen vooraf invullen met de vorige meting',
      })
      .check();
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('De vorige meting en het vooraf invullen zijn opgeslagen.').waitFor();
    await page.getByRole('button', { name: 'Meting openen' }).click();
    await page.getByText('De meting is geopend.').waitFor();
    await expect(page.getByText('Vorige meting: eerder, vooraf ingevuld').count()).resolves.toBe(1);
  });

  it('confirms one answer with Klopt nog without JavaScript', async () => {
    const page = await app.newPage({ javaScript: false });
    await login(page, CAST_EMAILS.municipality);
    await page.goto(`${AMSTERDAM}/vrijwilligerswerk/vertalen`);
    const second = page.locator('.bfm-item', { has: page.getByRole('group', { name: /^2\. / }) });
    await second.getByRole('checkbox', { name: /^Klopt nog/ }).check();
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await page.waitForURL(/opgeslagen=1$/);
    await expect(second.getByText('vorige meting', { exact: true }).count()).resolves.toBe(0);
    await expect(
      page
        .getByRole('group', { name: /^1\. / })
        .getByText('vorige meting', { exact: true })
        .count(),
    ).resolves.toBe(1);
  });

  it('marks prefilled answers, refuses to submit them unconfirmed, and accepts them once confirmed by keyboard', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.municipality);
    await page.goto(`${AMSTERDAM}/vrijwilligerswerk/vertalen`);
    const first = page.getByRole('group', { name: /^1\. / });
    await expect(first.getByText('vorige meting', { exact: true }).isVisible()).resolves.toBe(true);
    // The radio of the prefilled answer is checked, and the notice describes the group.
    await expect(first.getByRole('radio', { name: 'Nee', exact: true }).isChecked()).resolves.toBe(
      true,
    );
    await expect(first.getAttribute('aria-describedby')).resolves.toContain('q-1-vorige');
    await expectAccessibleAtBothWidths(page);

    // Submitting now is refused, and the summary names each unconfirmed question.
    await page.goto(`${AMSTERDAM}/vrijwilligerswerk/indienen`);
    await expect(
      page.getByText(/antwoorden uit de vorige meting zijn niet bevestigd/).count(),
    ).resolves.toBe(1);
    await page.getByRole('button', { name: 'Vragenlijst indienen' }).click();
    const summary = page.getByRole('alert');
    await summary
      .getByRole('link', { name: /^Vraag 1 komt uit de vorige meting en is nog niet bevestigd/ })
      .waitFor();
    await expect(summary.getByRole('link').count()).resolves.toBe(33);
    await expectAccessibleAtBothWidths(page);

    // The link leads to the question, which says what to do.
    await summary.getByRole('link', { name: /^Vraag 1 komt/ }).click();
    await page.waitForURL(/vertalen\?controle=1#q-1$/);
    await expectAccessibleAtBothWidths(page);

    // By keyboard: tick 'Klopt nog' on question 1, then confirm the rest of each page.
    await page
      .getByRole('checkbox', { name: /^Klopt nog/ })
      .first()
      .focus();
    await page.keyboard.press('Space');
    await expect(
      page
        .getByRole('checkbox', { name: /^Klopt nog/ })
        .first()
        .isChecked(),
    ).resolves.toBe(true);
    // Autosave confirms it, and the page drops the question's tag at once.
    await page
      .getByRole('group', { name: /^1\. / })
      .getByText('vorige meting', { exact: true })
      .waitFor({ state: 'detached' });
    for (const section of [
      'vertalen',
      'verbinden-en-makelen',
      'versterken',
      'verbreiden',
      'verankeren',
    ]) {
      await page.goto(`${AMSTERDAM}/vrijwilligerswerk/${section}`);
      const confirmAll = page.getByRole('button', {
        name: 'Alle vooraf ingevulde antwoorden in dit onderdeel bevestigen',
      });
      await confirmAll.focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/opgeslagen=/);
      // The page is loaded again from what is stored: no answer on it is unconfirmed (with
      // JavaScript the address may change a moment before the new page is drawn).
      await page.getByText('vorige meting', { exact: true }).first().waitFor({ state: 'detached' });
    }
    await page.goto(`${AMSTERDAM}/vrijwilligerswerk/indienen`);
    await expect(
      page.getByText('Alle vragen met drie antwoordmogelijkheden zijn beantwoord.').count(),
    ).resolves.toBe(1);
    await page.getByRole('button', { name: 'Vragenlijst indienen' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/rapport#vl-vrijwilligerswerk$/);
  });

  it('the logboek shows what was prefilled and who confirmed it', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(`${AMSTERDAM}/logboek`);
    await page
      .getByText(/vooraf ingevuld met de vorige meting/)
      .first()
      .waitFor();
    await expect(page.getByText(/uit meting eerder; nog te bevestigen/).count()).resolves.toBe(1);
    await expect(page.getByText(/^bevestigd: /).count()).resolves.toBe(34);
    await expectAccessibleAtBothWidths(page);
  });
});
