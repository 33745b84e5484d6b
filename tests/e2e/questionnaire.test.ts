/**
 * End to end in Chromium: the coordinator creates and opens a round; a municipality fills in
 * a questionnaire (with the keyboard only, and without JavaScript), an advisor edits the
 * same questionnaire at the same time and sees the conflict; the municipality submits and
 * sees its overview; the coordinator reopens it; the audit trail shows every change. Every
 * page visited passes axe (WCAG 2.1 A/AA).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAST_EMAILS, seedAccounts } from '../support/factories.ts';
import {
  expectAccessible,
  login,
  startTestApp,
  waitForAutosave,
  type TestApp,
} from './support/browser.ts';

let app: TestApp;
const ROUND = '/metingen/meting-2026';
const AMSTERDAM = `${ROUND}/gemeenten/0363`;

beforeAll(async () => {
  app = await startTestApp();
  // No round yet: the coordinator creates and opens it in the browser.
  await seedAccounts(app.handle.db);
});

afterAll(async () => {
  await app?.dispose();
});

async function checkRadio(page: Page, question: number, label: string) {
  await page
    .getByRole('group', { name: new RegExp(`^${question}\\. `) })
    .getByRole('radio', { name: label })
    .check();
}

describe('filling in together', () => {
  it('the login page shows an error summary linked to the field, and passes axe', async () => {
    const page = await app.newPage();
    await page.goto('/inloggen');
    await expectAccessible(page);
    await page.getByLabel('E-mailadres').fill('niet-bestaand@example.nl');
    await page.getByLabel('Wachtwoord').fill('verkeerd wachtwoord');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    const summary = page.getByRole('alert');
    await summary
      .getByRole('link', { name: 'Het e-mailadres of het wachtwoord klopt niet.' })
      .waitFor();
    await expect(page.getByLabel('E-mailadres').inputValue()).resolves.toBe(
      'niet-bestaand@example.nl',
    );
    await expectAccessible(page);
  });

  it('the coordinator creates a round, with field errors that keep what was typed, and opens it', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.coordinator);
    await page.goto('/metingen');
    await expectAccessible(page);
    await page.getByLabel('Naam', { exact: true }).fill('Meting 2026');
    await page.getByLabel('Korte naam').fill('meting 2026');
    await page.getByLabel('Opent op').fill('2026-11-01');
    await page.getByLabel('Sluit op').fill('2026-10-01');
    await page.getByRole('button', { name: 'Meting aanmaken' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      "Gebruik alleen letters, cijfers, '.', '_' of '-', zonder spaties.",
    );
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'De sluitingsdatum moet op of na de openingsdatum liggen.',
    );
    await expect(page.getByLabel('Naam', { exact: true }).inputValue()).resolves.toBe(
      'Meting 2026',
    );
    await expectAccessible(page);
    await page.getByLabel('Korte naam').fill('meting-2026');
    await page.getByLabel('Sluit op').fill('2026-12-31');
    await page.getByRole('button', { name: 'Meting aanmaken' }).click();
    await page.waitForURL(`**${ROUND}`);
    await page.getByRole('button', { name: 'Meting openen' }).click();
    await page.getByText('Status: open.').waitFor();
    await expectAccessible(page);
  });

  it('a municipality fills in a page with the keyboard only', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.municipality);
    await page.goto(`${AMSTERDAM}/mantelzorg/informatie`);
    await waitForAutosave(page);
    await expectAccessible(page);
    // Tab to the first radio button of question 17 and choose with the arrow keys.
    await page.getByRole('radio', { name: 'Nee' }).first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(
      page
        .getByRole('group', { name: /^17\. / })
        .getByRole('radio', { name: 'Ja, goed voor elkaar' })
        .isChecked(),
    ).resolves.toBe(true);
    // The note opens on request: Tab to 'Toelichting toevoegen', open it, Tab into the field.
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement?.textContent ?? ""')).resolves.toBe(
      'Toelichting toevoegen bij vraag 17',
    );
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Via het loket en de website.');
    await page
      .getByRole('group', { name: /^18\. / })
      .getByRole('checkbox')
      .first()
      .focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Opslaan', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**opgeslagen=**');
    await page.getByText(/^Uw antwoorden zijn opgeslagen/).waitFor();
    await expect(
      page.getByLabel('Toelichting bij vraag 17 (niet verplicht)').inputValue(),
    ).resolves.toBe('Via het loket en de website.');
    await expectAccessible(page);
  });

  it('saves automatically with JavaScript, and reports it', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.municipality);
    await page.goto(`${AMSTERDAM}/mantelzorg/educatie`);
    await waitForAutosave(page);
    await checkRadio(page, 32, 'Ja, goed voor elkaar');
    await page.getByLabel(/^36\. /).fill('Cursussen via het steunpunt.');
    await page.getByText(/Automatisch opgeslagen om/).waitFor();
    await expectAccessible(page);
    await page.reload();
    await expect(
      page
        .getByRole('group', { name: /^32\. / })
        .getByRole('radio', { name: 'Ja, goed voor elkaar' })
        .isChecked(),
    ).resolves.toBe(true);
    await expect(page.getByLabel(/^36\. /).inputValue()).resolves.toBe(
      'Cursussen via het steunpunt.',
    );
  });

  it('works without JavaScript', async () => {
    const page = await app.newPage({ javaScript: false });
    await login(page, CAST_EMAILS.municipality);
    await page.goto(`${AMSTERDAM}/mantelzorg/advies-en-begeleiding`);
    await checkRadio(page, 22, 'Ja, verbetering mogelijk');
    await page.getByRole('button', { name: 'Opslaan en verder' }).click();
    await page.waitForURL(`**${AMSTERDAM}/mantelzorg/emotionele-steun`);
    await page.goto(`${AMSTERDAM}/mantelzorg/advies-en-begeleiding`);
    await expect(
      page
        .getByRole('group', { name: /^22\. / })
        .getByRole('radio', { name: 'Ja, verbetering mogelijk' })
        .isChecked(),
    ).resolves.toBe(true);
  });

  it('shows a conflict with both values when the advisor saves over a newer answer', async () => {
    const advisor = await app.newPage();
    await login(advisor, CAST_EMAILS.advisor);
    await advisor.goto(`${AMSTERDAM}/mantelzorg/informatie`);
    await waitForAutosave(advisor);
    // Meanwhile the municipality changes question 17.
    const municipality = await app.newPage();
    await login(municipality, CAST_EMAILS.municipality);
    await municipality.goto(`${AMSTERDAM}/mantelzorg/informatie`);
    await waitForAutosave(municipality);
    await checkRadio(municipality, 17, 'Ja, verbetering mogelijk');
    await municipality.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await municipality.waitForURL('**opgeslagen=**');
    // The advisor, on the page loaded before, chooses 'Nee' and saves.
    await checkRadio(advisor, 17, 'Nee');
    await advisor.getByRole('button', { name: 'Opslaan', exact: true }).click();
    const summary = advisor.getByRole('alert');
    await expect(summary.textContent()).resolves.toContain(
      'Vraag 17: Anna Amsterdam heeft dit intussen ook gewijzigd. Kies welk antwoord blijft.',
    );
    await expect(advisor.locator('#q-17-conflict').textContent()).resolves.toContain(
      'Antwoord van Anna AmsterdamJa, verbetering mogelijk',
    );
    await expect(
      advisor
        .getByRole('group', { name: /^17\. / })
        .getByRole('radio', { name: 'Nee' })
        .isChecked(),
    ).resolves.toBe(true);
    await expectAccessible(advisor);
    // Nothing was overwritten, not by the save and not by an autosave afterwards.
    await advisor.waitForTimeout(1500);
    await municipality.reload();
    await expect(
      municipality
        .getByRole('group', { name: /^17\. / })
        .getByRole('radio', { name: 'Ja, verbetering mogelijk' })
        .isChecked(),
    ).resolves.toBe(true);
  });

  it('another municipality cannot reach these answers', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.otherMunicipality);
    const response = await page.goto(`${AMSTERDAM}/mantelzorg/informatie`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Pagina niet gevonden',
    );
  });

  it('submitting shows the unanswered items, then the overview; the coordinator reopens; the log has every change', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.municipality);
    await page.goto(`${AMSTERDAM}/vrijwilligerswerk/indienen`);
    await page.getByRole('button', { name: 'Vragenlijst indienen' }).click();
    const summary = page.getByRole('alert');
    await expect(
      summary.getByRole('link', { name: /^Vraag 1 is nog niet beantwoord/ }).getAttribute('href'),
    ).resolves.toBe(`${AMSTERDAM}/vrijwilligerswerk/vertalen?controle=1#q-1`);
    await expectAccessible(page);
    // The link lands on the item, which shows its own error there.
    await summary.getByRole('link', { name: /^Vraag 1 is nog niet beantwoord/ }).click();
    await page.waitForURL(`**/vrijwilligerswerk/vertalen?controle=1#q-1`);
    await expect(
      page
        .getByRole('group', { name: /^1\. / })
        .getByText('Vraag 1 is nog niet beantwoord.', {
          exact: false,
        })
        .count(),
    ).resolves.toBe(1);
    await expect(page.evaluate('document.activeElement?.id')).resolves.toBe('q-1');
    await expectAccessible(page);
    // Fill in every 3-point item of vrijwilligerswerk, page by page.
    for (const section of [
      'vertalen',
      'verbinden-en-makelen',
      'versterken',
      'verbreiden',
      'verankeren',
    ]) {
      await page.goto(`${AMSTERDAM}/vrijwilligerswerk/${section}`);
      for (const radio of await page.getByRole('radio', { name: 'Ja, goed voor elkaar' }).all())
        await radio.check();
      await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
      await page.waitForURL('**opgeslagen=**');
    }
    await page.goto(`${AMSTERDAM}/vrijwilligerswerk/indienen`);
    await page.getByRole('button', { name: 'Vragenlijst indienen' }).click();
    // Submitted: the report, at the questionnaire's part.
    await page.waitForURL(`**${AMSTERDAM}/rapport#vl-vrijwilligerswerk`);
    await page.getByRole('heading', { level: 3, name: 'Verbinden en makelen: 10,0' }).waitFor();
    await expect(page.locator('.bfm-report-basisfunctie').first().textContent()).resolves.toContain(
      'Cijfer 10,0, goed voor elkaar.',
    );
    await expectAccessible(page);
    // Submitted: the answers are shown as text, not as greyed-out controls.
    await page.goto(`${AMSTERDAM}/vrijwilligerswerk/vertalen`);
    await expect(page.getByRole('button', { name: 'Opslaan', exact: true }).count()).resolves.toBe(
      0,
    );
    await expect(page.getByRole('radio').count()).resolves.toBe(0);
    await expect(page.getByRole('region', { name: /^1\. / }).textContent()).resolves.toContain(
      'Antwoord: Ja, goed voor elkaar',
    );
    await expectAccessible(page);

    const coordinator = await app.newPage();
    await login(coordinator, CAST_EMAILS.coordinator);
    await coordinator.goto(AMSTERDAM);
    await expectAccessible(coordinator);
    await coordinator
      .getByRole('button', { name: 'Vragenlijst vrijwilligerswerk heropenen' })
      .click();
    await coordinator
      .getByRole('link', { name: 'Vragenlijst vrijwilligerswerk controleren en indienen' })
      .waitFor();
    await coordinator.goto(`${AMSTERDAM}/logboek`);
    const log = (await coordinator.getByRole('table').textContent()) ?? '';
    expect(log).toContain('Mantelzorg · Informatie · vraag 17');
    expect(log).toContain('Anna Amsterdam');
    expect(log).toContain('Vrijwilligerswerk · status van de vragenlijst');
    expect(log).toContain('Cora Coördinator');
    await expectAccessible(coordinator);
  });
});
