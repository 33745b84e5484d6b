/**
 * End to end: the coordinator creates an advisor's account and assigns provinces (with the
 * keyboard only), the advisor chooses a password and then sees only those provinces; the
 * coordinator issues an API token, which works until it is revoked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAST_EMAILS, readOutbox } from '../support/factories.ts';
import {
  expectAccessible,
  login,
  PASSWORD,
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

describe('accounts', () => {
  it('creates an advisor, keeps what was typed on an error, and assigns provinces', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.coordinator);
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Accounts' })
      .click();
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    await expectAccessible(page);

    await page.getByLabel('Naam', { exact: true }).fill('Ada Adviseur');
    await page.getByLabel('E-mailadres').fill('ada@@example');
    await page.getByLabel('Rol').selectOption('advisor');
    await page.getByRole('checkbox', { name: 'Utrecht' }).check();
    await page.getByRole('button', { name: 'Account aanmaken' }).click();
    const summary = page.getByRole('alert');
    await summary.getByRole('link', { name: /Vul een geldig e-mailadres in/ }).waitFor();
    expect(await page.getByLabel('Naam', { exact: true }).inputValue()).toBe('Ada Adviseur');
    expect(await page.getByRole('checkbox', { name: 'Utrecht' }).isChecked()).toBe(true);
    await expect
      .poll(() => page.getByLabel('E-mailadres').getAttribute('aria-describedby'))
      .toBe('email-fout');
    await expectAccessible(page);

    await page.getByLabel('E-mailadres').fill('ada@example.nl');
    await page.getByRole('button', { name: 'Account aanmaken' }).click();
    await page.getByText('Het account voor ada@example.nl is aangemaakt.').waitFor();
    // The accounts table (the audit trail below names the account too).
    const accounts = page.getByRole('table', { name: 'Alle accounts' });
    const row = accounts.getByRole('row', { name: /ada@example\.nl/ });
    await row.getByText('Utrecht').waitFor();

    // Change the provinces with the keyboard only.
    await row.getByRole('link', { name: 'Provincies van Ada Adviseur wijzigen' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Provincies van Ada Adviseur' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('checkbox', { name: 'Noord-Holland' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('checkbox', { name: 'Utrecht' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Provincies opslaan' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    await page
      .getByRole('table', { name: 'Alle accounts' })
      .getByRole('row', { name: /ada@example\.nl/ })
      .getByText('Noord-Holland')
      .waitFor();
    // The change is in the accounts' audit trail, with the old and the new provinces by name.
    const logged = page
      .getByRole('table', { name: /Nieuwe accounts, provincies van adviseurs/ })
      .getByRole('row', { name: /Provincies van ada@example\.nl/ });
    await logged.getByRole('cell', { name: 'Utrecht', exact: true }).waitFor();
    await logged.getByRole('cell', { name: 'Noord-Holland', exact: true }).waitFor();

    // The advisor chooses a password with the link from the welcome mail.
    const mail = (await readOutbox(app.handle.db)).find((m) => m.to === 'ada@example.nl');
    const link = /http:\/\/\S+\/wachtwoord-herstellen\/[\w-]+/.exec(mail?.body ?? '')?.[0];
    const advisor = await app.newPage();
    await advisor.goto(link as string);
    await advisor.getByLabel('Nieuw wachtwoord', { exact: true }).fill('een wachtwoord van ada');
    await advisor.getByLabel('Herhaal het nieuwe wachtwoord').fill('een wachtwoord van ada');
    await advisor.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await advisor.getByText('Uw wachtwoord is gewijzigd.').waitFor();
    await login(advisor, 'ada@example.nl', 'een wachtwoord van ada');
    await advisor.goto('/metingen/r');
    await advisor.getByRole('link', { name: 'Amsterdam' }).waitFor();
    expect(await advisor.getByRole('link', { name: 'Utrecht' }).count()).toBe(0);
    expect(await advisor.getByRole('link', { name: 'Accounts' }).count()).toBe(0);

    // So is the audit trail of Amsterdam, and not that of Utrecht.
    await advisor.goto('/metingen/r/gemeenten/0363/logboek');
    await advisor.getByRole('heading', { name: 'Logboek: Amsterdam' }).waitFor();
    const utrecht = await advisor.goto('/metingen/r/gemeenten/0344/logboek');
    expect(utrecht?.status()).toBe(403);
  });
});

describe('API tokens', () => {
  it('shows a new token once; it works until the coordinator revokes it', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.coordinator);
    await page.goto('/api-sleutels');
    await page.getByRole('heading', { name: 'API-sleutels', level: 1 }).waitFor();
    await expectAccessible(page);

    await page.getByLabel('Naam', { exact: true }).fill('Dashboard');
    await page.getByLabel('Account (e-mailadres)').fill(CAST_EMAILS.coordinator);
    await page.getByLabel('Geldig (dagen)').fill('1000');
    await page.getByRole('button', { name: 'Sleutel aanmaken' }).click();
    await page
      .getByRole('alert')
      .getByRole('link', { name: 'Een sleutel is hoogstens 730 dagen geldig.' })
      .waitFor();
    expect(await page.getByLabel('Naam', { exact: true }).inputValue()).toBe('Dashboard');
    await expectAccessible(page);

    await page.getByLabel('Geldig (dagen)').fill('30');
    await page.getByRole('button', { name: 'Sleutel aanmaken' }).click();
    const shown = page.getByRole('status').locator('code');
    const token = (await shown.textContent()) ?? '';
    expect(token).toMatch(/^bfm_[\w-]{43}$/);
    await expectAccessible(page);

    const me = await fetch(`${app.url}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: CAST_EMAILS.coordinator, role: 'coordinator' });

    await page.goto('/api-sleutels');
    expect(await page.getByText(token).count()).toBe(0);
    await page.getByRole('button', { name: 'Sleutel ‘Dashboard’ intrekken' }).click();
    await page.getByRole('cell', { name: 'ingetrokken' }).waitFor();
    const after = await fetch(`${app.url}/api/me`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });
});

describe('disabling an account', () => {
  it('asks for confirmation, ends the colleague’s session at once, and lets them back in when re-enabled', async () => {
    // The analyst is signed in in another browser.
    const analyst = await app.newPage({ javaScript: false });
    await login(analyst, CAST_EMAILS.analyst);
    await analyst.goto('/metingen');
    await analyst.getByRole('heading', { level: 1 }).waitFor();

    const page = await app.newPage();
    await login(page, CAST_EMAILS.coordinator);
    await page.goto('/accounts');
    const row = page
      .getByRole('table', { name: 'Alle accounts' })
      .getByRole('row', { name: new RegExp(CAST_EMAILS.analyst.replace('.', '\\.')) });
    // With the keyboard only.
    await row.getByRole('link', { name: 'Ali Analist blokkeren' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Ali Analist blokkeren?', level: 1 }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Ja, blokkeer het account' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(`Het account van ${CAST_EMAILS.analyst} is geblokkeerd.`).waitFor();
    await row.getByRole('cell', { name: /^geblokkeerd/ }).waitFor();
    await expectAccessible(page);

    // The analyst's next request finds no session; logging in again fails like a wrong password.
    await analyst.goto('/metingen');
    await analyst.waitForURL('**/inloggen?**');
    await analyst.getByLabel('E-mailadres').fill(CAST_EMAILS.analyst);
    await analyst.getByLabel('Wachtwoord').fill(PASSWORD);
    await analyst.getByRole('button', { name: 'Inloggen' }).click();
    await analyst
      .getByRole('alert')
      .getByText('Het e-mailadres of het wachtwoord klopt niet.')
      .waitFor();

    await row.getByRole('link', { name: 'Ali Analist weer toelaten' }).click();
    await page.getByRole('button', { name: 'Ja, laat het account weer toe' }).click();
    await page.getByText(`Het account van ${CAST_EMAILS.analyst} kan weer inloggen.`).waitFor();
    await login(analyst, CAST_EMAILS.analyst);
    await analyst.goto('/metingen');
    await analyst.getByRole('heading', { name: 'Metingen', level: 1 }).waitFor();
  });
});
