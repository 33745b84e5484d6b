/**
 * End to end: inviting municipalities by province and by name, confirming reminders and
 * closing and reopening a round, all without JavaScript; a refresh or a second submission
 * after success sends nothing again.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAST_EMAILS, readOutbox } from '../support/factories.ts';
import {
  expectAccessible,
  expectAccessibleWithoutJavaScript,
  login,
  startAppWithOpenRound,
} from './support/browser.ts';

let app: Awaited<ReturnType<typeof startAppWithOpenRound>>;
const ROUND = '/metingen/meting-2026';

beforeAll(async () => {
  app = await startAppWithOpenRound();
});

afterAll(async () => {
  await app?.dispose();
});

const outboxSize = async () => (await readOutbox(app.handle.db)).length;
const flash = (page: Page) => page.getByRole('status').first().textContent();

describe('inviting municipalities', () => {
  it('by province, with an e-mail field per municipality, all or nothing, once', async () => {
    const page = await app.newPage({ javaScript: false });
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(ROUND);
    await page.getByRole('link', { name: 'Gemeenten uitnodigen' }).click();
    await page.getByLabel('En/of alle gemeenten van een provincie').selectOption({
      label: 'Flevoland',
    });
    await page.getByRole('button', { name: 'Gemeenten kiezen' }).click();
    await page.getByText('U koos 6 gemeenten.').waitFor();
    await expectAccessibleWithoutJavaScript(page);
    for (const [name, code] of [
      ['Almere', '0034'],
      ['Dronten', '0303'],
      ['Noordoostpolder', '0171'],
      ['Urk', '0184'],
      ['Zeewolde', '0050'],
    ])
      await page.getByLabel(`E-mailadres van ${name}`).fill(`wmo@gm${code}.example.nl`);
    // Lelystad's address is missing: nothing is sent, the summary links to its field.
    await page.getByRole('button', { name: 'Uitnodigingen versturen' }).click();
    const summary = page.getByRole('alert');
    await summary.getByRole('link', { name: 'Lelystad: vul het e-mailadres in.' }).waitFor();
    expect(await outboxSize()).toBe(0);
    await expect(page.getByLabel('E-mailadres van Almere').inputValue()).resolves.toBe(
      'wmo@gm0034.example.nl',
    );
    await expect(
      page.getByLabel('E-mailadres van Lelystad').getAttribute('aria-describedby'),
    ).resolves.toBe('email-0995-fout');

    await page.getByLabel('E-mailadres van Lelystad').fill('wmo@gm0995.example.nl');
    await page.getByRole('button', { name: 'Uitnodigingen versturen' }).click();
    await expect(flash(page)).resolves.toBe(
      '6 uitnodigingen verstuurd aan Almere, Dronten, Lelystad, Noordoostpolder, Urk en Zeewolde.',
    );
    expect(await outboxSize()).toBe(6);
    // Emptied: no chosen municipalities are left on the page.
    await expect(page.getByText(/U koos/).count()).resolves.toBe(0);
    await expectAccessibleWithoutJavaScript(page);

    // A refresh shows the page again, without the message and without sending.
    await page.reload();
    await expect(page.getByRole('status').count()).resolves.toBe(0);
    expect(await outboxSize()).toBe(6);

    // Choosing the same municipalities again and sending the corrected form again: nothing is
    // sent twice. (Back cannot show the refused first attempt: pages are Cache-Control:
    // no-store, so the browser would have to post it again, after asking.)
    await page.getByLabel('En/of alle gemeenten van een provincie').selectOption({
      label: 'Flevoland',
    });
    await page.getByRole('button', { name: 'Gemeenten kiezen' }).click();
    await page.getByText('U koos 6 gemeenten.').waitFor();
    expect(await outboxSize()).toBe(6);
    await page.getByLabel('E-mailadres van Lelystad').fill('wmo@gm0995.example.nl');
    for (const name of ['Almere', 'Dronten', 'Lelystad', 'Noordoostpolder', 'Urk', 'Zeewolde'])
      await page.getByRole('checkbox', { name }).check();
    await page.getByRole('button', { name: 'Uitnodigingen versturen' }).click();
    await expect(flash(page)).resolves.toContain('Er zijn geen uitnodigingen verstuurd.');
    await page
      .getByText('Almere had al een geldige uitnodiging voor dit adres (wmo@gm0034.example.nl).')
      .waitFor();
    expect(await outboxSize()).toBe(6);
  });

  it('by name, with the known address filled in', async () => {
    const page = await app.newPage({ javaScript: false });
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(`${ROUND}/uitnodigen`);
    await page.getByLabel('Op naam of CBS-code').fill('maastricht, GM0014, Bergen');
    await page.getByRole('button', { name: 'Gemeenten kiezen' }).click();
    await page
      .getByRole('alert')
      .getByRole('link', {
        name: /'Bergen' past bij meer gemeenten \(Bergen \(L\.\), Bergen \(NH\.\)/,
      })
      .waitFor();
    // Groningen's account gives its address.
    await expect(page.getByLabel('E-mailadres van Groningen').inputValue()).resolves.toBe(
      'beleid@groningen.nl',
    );
    await expect(page.getByLabel('E-mailadres van Maastricht').inputValue()).resolves.toBe('');
    await page.getByLabel('E-mailadres van Maastricht').fill('wmo@maastricht.example.nl');
    await page.getByRole('button', { name: 'Uitnodigingen versturen' }).click();
    await expect(flash(page)).resolves.toBe(
      '2 uitnodigingen verstuurd aan Groningen en Maastricht.',
    );
    const groningen = (await readOutbox(app.handle.db)).find((m) => m.to === 'beleid@groningen.nl');
    expect(groningen?.body).toContain('U heeft al een account.');
  });

  it('with JavaScript too: the choice, the message and an emptied form', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(`${ROUND}/uitnodigen`);
    await page.getByLabel('Op naam of CBS-code').fill('Utrecht');
    await page.getByRole('button', { name: 'Gemeenten kiezen' }).click();
    await page.getByLabel('E-mailadres van Utrecht').fill('wmo@utrecht.example.nl');
    await page.getByRole('button', { name: 'Uitnodigingen versturen' }).click();
    await page.getByRole('status').getByText('1 uitnodiging verstuurd aan Utrecht.').waitFor();
    await expect(page.getByLabel('Op naam of CBS-code').inputValue()).resolves.toBe('');
    await expectAccessible(page);
  });
});

describe('confirmations', () => {
  it('asks before sending reminders, and reminds nobody twice', async () => {
    const page = await app.newPage({ javaScript: false });
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(ROUND);
    const before = await outboxSize();
    await page.getByRole('link', { name: 'Herinneringen sturen' }).click();
    await page.getByRole('heading', { name: 'Herinneringen sturen?' }).waitFor();
    await page
      .getByText(/Weet u zeker dat u 9 herinneringen wilt sturen aan 9 gemeenten/)
      .waitFor();
    await expectAccessibleWithoutJavaScript(page);
    await page.getByRole('link', { name: 'Annuleren' }).click();
    await page.waitForURL(`**${ROUND}`);
    expect(await outboxSize()).toBe(before);

    // A second tab keeps the confirmation open, as a stale page or a double click would.
    const stale = await app.newPage({ javaScript: false });
    await login(stale, CAST_EMAILS.coordinator);
    await stale.goto(`${ROUND}/bevestigen/herinneren`);

    await page.getByRole('link', { name: 'Herinneringen sturen' }).click();
    await page.getByRole('button', { name: 'Ja, stuur de herinneringen' }).click();
    await page.waitForURL(`**${ROUND}`);
    await expect(flash(page)).resolves.toBe('9 herinneringen verstuurd aan 9 gemeenten.');
    expect(await outboxSize()).toBe(before + 9);
    await page.reload();
    await expect(page.getByText('9 herinneringen verstuurd').count()).resolves.toBe(0);
    expect(await outboxSize()).toBe(before + 9);

    // Confirming again on the stale page: everyone was just reminded.
    await stale.getByRole('button', { name: 'Ja, stuur de herinneringen' }).click();
    await expect(flash(stale)).resolves.toContain('Er zijn geen herinneringen verstuurd.');
    await stale.getByText(/9 adressen zijn overgeslagen/).waitFor();
    expect(await outboxSize()).toBe(before + 9);
    await page.getByRole('link', { name: 'Herinneringen sturen' }).click();
    await page.getByText(/Er is op dit moment niemand om te herinneren/).waitFor();
    await expect(
      page.getByRole('button', { name: 'Ja, stuur de herinneringen' }).count(),
    ).resolves.toBe(0);
  });

  it('asks before closing and before reopening the round', async () => {
    const page = await app.newPage({ javaScript: false });
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(ROUND);
    await page.getByRole('link', { name: 'Meting sluiten' }).click();
    await page.getByRole('heading', { name: 'Meting sluiten?' }).waitFor();
    await page
      .getByText('Weet u zeker dat u Meting 2026 wilt sluiten?', { exact: false })
      .waitFor();
    await expectAccessibleWithoutJavaScript(page);
    await page.getByRole('link', { name: 'Annuleren' }).click();
    await page.getByText('Status: open.').waitFor();

    await page.getByRole('link', { name: 'Meting sluiten' }).click();
    await page.getByRole('button', { name: 'Ja, sluit de meting' }).click();
    await page.getByText('Status: gesloten.').waitFor();
    await expect(flash(page)).resolves.toBe('De meting is gesloten.');

    await page.getByRole('link', { name: 'Meting heropenen' }).click();
    await page.getByRole('heading', { name: 'Meting heropenen?' }).waitFor();
    await page.getByRole('button', { name: 'Ja, heropen de meting' }).click();
    await page.getByText('Status: open.').waitFor();
    await expect(flash(page)).resolves.toBe('De meting is heropend.');
  });
});
