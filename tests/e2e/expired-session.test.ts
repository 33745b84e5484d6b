/**
 * End to end: the session expires while a municipality is filling in a page. Saving sends
 * them to the login page; after logging in they are back on the same page with everything
 * they typed, and saving then stores it.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadQuestionnaire } from '../../src/services/questionnaire-service.ts';
import type { StaffUser } from '../../src/services/auth-service.ts';
import { CAST_EMAILS } from '../support/factories.ts';
import {
  expectAccessible,
  login,
  waitForAutosave,
  PASSWORD,
  startAppWithOpenRound,
  type TestApp,
} from './support/browser.ts';

let app: TestApp;
let amsterdam: StaffUser;
const PAGE = '/metingen/meting-2026/gemeenten/0363/mantelzorg/respijtzorg';

beforeAll(async () => {
  const started = await startAppWithOpenRound();
  app = started;
  amsterdam = started.cast.municipality;
});

afterAll(async () => {
  await app?.dispose();
});

describe('an expired session', () => {
  // Without JavaScript, the strictest case. (axe needs JavaScript; these pages are checked in
  // the other browser tests.)
  it('loses nothing that was typed', async () => {
    const page = await app.newPage({ javaScript: false });
    await login(page, CAST_EMAILS.municipality);
    await page.goto(PAGE);
    await page
      .getByRole('group', { name: /^42\. / })
      .getByRole('radio', { name: 'Ja, goed voor elkaar' })
      .check();
    await page.getByRole('checkbox', { name: 'Vrijwillige oppas' }).check();
    await page.getByLabel(/^46\. /).fill('Logeerhuis in de regio, samen met de buurgemeenten.');
    // The session expires on the server while the page is open (its row stays a day, so the
    // form can be kept for its own account).
    await app.handle.db.execute(sql`update sessions set expires_at = now() - interval '1 minute'`);
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();

    await page.waitForURL('**/inloggen?**');
    await page.getByText('Uw antwoorden zijn bewaard').waitFor();
    await page.getByLabel('E-mailadres').fill(CAST_EMAILS.municipality);
    await page.getByLabel('Wachtwoord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();

    await page.waitForURL(`**${PAGE}`);
    await page.getByText('Wat u had ingevuld staat hieronder weer klaar').waitFor();
    await expect(
      page
        .getByRole('group', { name: /^42\. / })
        .getByRole('radio', { name: 'Ja, goed voor elkaar' })
        .isChecked(),
    ).resolves.toBe(true);
    await expect(
      page.getByRole('checkbox', { name: 'Vrijwillige oppas' }).isChecked(),
    ).resolves.toBe(true);
    await expect(page.getByLabel(/^46\. /).inputValue()).resolves.toBe(
      'Logeerhuis in de regio, samen met de buurgemeenten.',
    );
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await page.waitForURL('**opgeslagen=**');

    const stored = await loadQuestionnaire(app.handle.db, amsterdam, {
      roundId: 'meting-2026',
      municipalityCode: '0363',
      questionnaire: 'mantelzorg',
    });
    expect(stored.answers.get(42)?.points).toBe(3);
    expect(stored.answers.get(43)?.options).toEqual(['vrijwillige-oppas']);
    expect(stored.answers.get(46)?.text).toBe(
      'Logeerhuis in de regio, samen met de buurgemeenten.',
    );
    // The kept form is handed back once only.
    await page.goto(PAGE);
    await expect(
      page.getByText('Wat u had ingevuld staat hieronder weer klaar').count(),
    ).resolves.toBe(0);
  });
});

describe('a lost connection, with JavaScript', () => {
  it('keeps what was typed in the browser until it can be saved, also in a new tab', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.municipality);
    const SECOND = '/metingen/meting-2026/gemeenten/0363/mantelzorg/educatie';
    await page.goto(SECOND);
    await waitForAutosave(page);
    // The network fails for every save from this tab.
    await page.route('**/autosave', (route) => route.abort('internetdisconnected'));
    await page
      .getByRole('group', { name: /^32\. / })
      .getByRole('radio', { name: 'Ja, verbetering mogelijk' })
      .check();
    await page.getByLabel(/^36\. /).fill('Cursussen in de bibliotheek.');
    await page.getByText(/Niet opgeslagen: geen verbinding/).waitFor();
    const browserContext = page.context();
    await page.close();

    // A new tab in the same browser, with the connection back: the draft is offered.
    const tab = await browserContext.newPage();
    await tab.goto(SECOND);
    await waitForAutosave(tab);
    const notice = tab.getByRole('region', { name: 'Niet opgeslagen antwoorden' });
    await notice.waitFor();
    await expect(tab.getByLabel(/^36\. /).inputValue()).resolves.toBe('');
    await expectAccessible(tab);
    await notice.getByRole('button', { name: 'Antwoorden terugzetten' }).click();
    await expect(tab.getByLabel(/^36\. /).inputValue()).resolves.toBe(
      'Cursussen in de bibliotheek.',
    );
    await tab.getByText(/Automatisch opgeslagen om/).waitFor();
    const stored = await loadQuestionnaire(app.handle.db, amsterdam, {
      roundId: 'meting-2026',
      municipalityCode: '0363',
      questionnaire: 'mantelzorg',
    });
    expect(stored.answers.get(32)?.points).toBe(2);
    expect(stored.answers.get(36)?.text).toBe('Cursussen in de bibliotheek.');

    // Saved, so the draft is gone: no offer on the next visit.
    await tab.reload();
    await tab.getByRole('button', { name: 'Opslaan', exact: true }).waitFor();
    await expect(
      tab.getByRole('region', { name: 'Niet opgeslagen antwoorden' }).count(),
    ).resolves.toBe(0);
  });

  it('offers nothing, and keeps nothing, when the draft was discarded', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.municipality);
    const THIRD = '/metingen/meting-2026/gemeenten/0363/mantelzorg/informatie';
    await page.goto(THIRD);
    await waitForAutosave(page);
    await page.route('**/autosave', (route) => route.abort('internetdisconnected'));
    await page.getByLabel(/^21\. /).fill('Een folder.');
    await page.getByText(/Niet opgeslagen: geen verbinding/).waitFor();
    await page.unroute('**/autosave');
    await page.reload();
    await page
      .getByRole('region', { name: 'Niet opgeslagen antwoorden' })
      .getByRole('button', { name: 'Weggooien' })
      .click();
    await page.reload();
    await page.getByRole('button', { name: 'Opslaan', exact: true }).waitFor();
    await expect(
      page.getByRole('region', { name: 'Niet opgeslagen antwoorden' }).count(),
    ).resolves.toBe(0);
    await expect(page.getByLabel(/^21\. /).inputValue()).resolves.toBe('');
  });
});
