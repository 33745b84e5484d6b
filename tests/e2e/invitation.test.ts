/**
 * End to end: the coordinator invites a municipality, the invitation arrives in the outbox,
 * and a named person creates their account with the link and lands on their municipality.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAST_EMAILS } from '../support/factories.ts';
import {
  expectAccessible,
  login,
  PASSWORD,
  startAppWithOpenRound,
  type TestApp,
} from './support/browser.ts';

let app: TestApp;

beforeAll(async () => {
  // Only the coordinator: the invitation creates Amsterdam's account, at the address the
  // cast's Amsterdam account would have.
  app = await startAppWithOpenRound({ members: ['coordinator'] });
});

afterAll(async () => {
  await app?.dispose();
});

describe('invitations', () => {
  it('the coordinator invites; the municipality creates its account with the personal link', async () => {
    const coordinator = await app.newPage();
    await login(coordinator, CAST_EMAILS.coordinator);
    await coordinator.goto('/metingen/meting-2026');
    await coordinator.getByRole('link', { name: 'Gemeenten uitnodigen' }).click();
    await coordinator
      .getByLabel('Contactpersonen')
      .fill('GM0363;beleid@amsterdam.nl\nGM9999;fout@example.nl');
    await coordinator.getByRole('button', { name: 'Uitnodigingen uit de lijst versturen' }).click();
    await coordinator
      .getByRole('alert')
      .getByRole('link', { name: /regel 2: gemeentecode 'GM9999'/ })
      .waitFor();
    await expect(coordinator.getByLabel('Contactpersonen').inputValue()).resolves.toContain(
      'GM0363;beleid@amsterdam.nl',
    );
    await expectAccessible(coordinator);
    await coordinator.getByLabel('Contactpersonen').fill('GM0363;beleid@amsterdam.nl');
    await coordinator.getByRole('button', { name: 'Uitnodigingen uit de lijst versturen' }).click();
    await coordinator
      .getByRole('status')
      .getByText('1 uitnodiging verstuurd aan Amsterdam.')
      .waitFor();
    // The form is emptied after sending.
    await expect(coordinator.getByLabel('Contactpersonen').inputValue()).resolves.toBe('');
    await coordinator.getByRole('main').getByRole('link', { name: 'Meting 2026' }).click();
    await coordinator.getByRole('link', { name: 'Verstuurde e-mail bekijken' }).click();
    await coordinator
      .getByRole('heading', { name: 'Uitnodiging: Meting 2026 – Amsterdam' })
      .waitFor();
    await expectAccessible(coordinator);
    const body = (await coordinator.locator('pre').first().textContent()) ?? '';
    const link = /http:\/\/[^\s]+\/uitnodiging\/[\w-]+/.exec(body)?.[0];
    expect(link).toBeDefined();

    const municipality = await app.newPage();
    await municipality.goto(link as string);
    await municipality.getByRole('heading', { name: 'Account aanmaken voor Amsterdam' }).waitFor();
    await expectAccessible(municipality);
    await municipality.getByLabel('Uw naam').fill('Anna Amsterdam');
    await municipality.getByLabel('Wachtwoord', { exact: true }).fill('kort');
    await municipality.getByLabel('Herhaal het wachtwoord').fill('kort');
    await municipality.getByRole('button', { name: 'Account aanmaken' }).click();
    await municipality
      .getByRole('alert')
      .getByText('Kies een wachtwoord van minstens 12 tekens.')
      .waitFor();
    await expect(municipality.getByLabel('Uw naam').inputValue()).resolves.toBe('Anna Amsterdam');
    await municipality.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD);
    await municipality.getByLabel('Herhaal het wachtwoord').fill(PASSWORD);
    await municipality.getByRole('button', { name: 'Account aanmaken' }).click();
    await municipality.waitForURL('**/metingen/meting-2026/gemeenten/0363');
    await municipality.getByRole('heading', { name: 'Amsterdam – Meting 2026' }).waitFor();
    await expectAccessible(municipality);

    const reused = await app.newPage();
    await reused.goto(link as string);
    await reused.getByText('Deze uitnodigingslink is al gebruikt.').waitFor();
  });
});
