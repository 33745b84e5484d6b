/** End to end: forgotten password → link in the outbox → new password → log in with it. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAST_EMAILS, readOutbox, seedAccounts } from '../support/factories.ts';
import { expectAccessible, login, startTestApp, type TestApp } from './support/browser.ts';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
  await seedAccounts(app.handle.db);
});

afterAll(async () => {
  await app?.dispose();
});

describe('password reset', () => {
  it('sends a single-use link that sets a new password and ends other sessions', async () => {
    const other = await app.newPage();
    await login(other, CAST_EMAILS.advisor);

    const page = await app.newPage();
    await page.goto('/inloggen');
    await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
    await page.getByRole('heading', { name: 'Wachtwoord vergeten' }).waitFor();
    await page.getByLabel('E-mailadres').fill('onbekend@example.nl');
    await page.getByRole('button', { name: 'Stuur mij een link' }).click();
    await page.getByText('Als er een account is met dit e-mailadres').waitFor();
    await expectAccessible(page);
    expect(await readOutbox(app.handle.db)).toHaveLength(0);

    await page.getByLabel('E-mailadres').fill(CAST_EMAILS.advisor);
    await page.getByRole('button', { name: 'Stuur mij een link' }).click();
    await expect.poll(async () => (await readOutbox(app.handle.db)).length).toBe(1);
    const [mail] = await readOutbox(app.handle.db);
    const link = /http:\/\/\S+\/wachtwoord-herstellen\/[\w-]+/.exec(mail?.body ?? '')?.[0];
    expect(link).toBeDefined();

    await page.goto(link as string);
    await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('een nieuw lang wachtwoord');
    await page.getByLabel('Herhaal het nieuwe wachtwoord').fill('iets anders');
    await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await page.getByRole('alert').getByText('De twee wachtwoorden zijn niet gelijk.').waitFor();
    await expectAccessible(page);
    await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('een nieuw lang wachtwoord');
    await page.getByLabel('Herhaal het nieuwe wachtwoord').fill('een nieuw lang wachtwoord');
    await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await page.getByText('Uw wachtwoord is gewijzigd.').waitFor();

    const sessions = (await app.handle.db.execute(
      sql`select count(*)::int as n from sessions`,
    )) as unknown as { rows: { n: number }[] };
    expect(sessions.rows[0]?.n).toBe(0);
    await login(page, CAST_EMAILS.advisor, 'een nieuw lang wachtwoord');
    await page.getByRole('button', { name: 'Uitloggen' }).waitFor();

    const again = await app.newPage();
    await again.goto(link as string);
    await again.getByText('Deze link is verlopen of al gebruikt.').waitFor();
  });
});
