/**
 * End to end: the session expires while a municipality is filling in a page. Saving sends
 * them to the login page; after logging in they are back on the same page with everything
 * they typed, and saving then stores it.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadQuestionnaire } from '../../src/services/questionnaire-service.ts';
import { changeRoundStatus, createRound } from '../../src/services/round-service.ts';
import type { StaffUser } from '../../src/services/auth-service.ts';
import { login, PASSWORD, startTestApp, type TestApp } from './support/browser.ts';

let app: TestApp;
let amsterdam: StaffUser;
const PAGE = '/metingen/meting-2026/gemeenten/0363/mantelzorg/respijtzorg';

beforeAll(async () => {
  app = await startTestApp();
  const coordinator = await app.createAccount({
    email: 'coordinator@example.nl',
    name: 'Cora',
    role: 'coordinator',
  });
  amsterdam = await app.createAccount({
    email: 'beleid@amsterdam.nl',
    name: 'Anna Amsterdam',
    role: 'municipality',
    municipalityCode: '0363',
  });
  await createRound(app.handle.db, { id: 'meting-2026', name: 'Meting 2026', status: 'concept' });
  await changeRoundStatus(app.handle.db, coordinator, 'meting-2026', 'open');
});

afterAll(async () => {
  await app?.dispose();
});

describe('an expired session', () => {
  // Without JavaScript, the strictest case. (axe needs JavaScript; these pages are checked in
  // the other browser tests.)
  it('loses nothing that was typed', async () => {
    const page = await app.newPage({ javaScript: false });
    await login(page, 'beleid@amsterdam.nl');
    await page.goto(PAGE);
    await page
      .getByRole('group', { name: /^42\. / })
      .getByRole('radio', { name: 'Ja, goed voor elkaar' })
      .check();
    await page.getByRole('checkbox', { name: 'Vrijwillige oppas' }).check();
    await page.getByLabel(/^46\. /).fill('Logeerhuis in de regio, samen met de buurgemeenten.');
    // The session ends on the server (expiry, or logged out elsewhere) while the page is open.
    await app.handle.db.execute(sql`delete from sessions`);
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();

    await page.waitForURL('**/inloggen?**');
    await page.getByText('Uw antwoorden zijn bewaard').waitFor();
    await page.getByLabel('E-mailadres').fill('beleid@amsterdam.nl');
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
