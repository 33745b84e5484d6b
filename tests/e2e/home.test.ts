/**
 * End to end: the home page of each role starts from the work, passes axe at 1280 and 390
 * pixels, and its links lead to the work.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAST_EMAILS } from '../support/factories.ts';
import { seedRoundMix } from '../support/round-mix.ts';
import { expectAccessible, login, startAppWithOpenRound } from './support/browser.ts';

let app: Awaited<ReturnType<typeof startAppWithOpenRound>>;

beforeAll(async () => {
  app = await startAppWithOpenRound();
  await seedRoundMix(app.handle.db, app.cast, app.roundId);
});

afterAll(async () => {
  await app?.dispose();
});

async function expectAccessibleAtBothWidths(page: Page): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await expectAccessible(page);
}

describe('the home page', () => {
  it('shows the coordinator the open rounds and what needs action', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.coordinator);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Open metingen' }).waitFor();
    await page
      .getByText('6 van de 127 gemeenten in de meting hebben beide vragenlijsten ingediend (5%).')
      .waitFor();
    await expect(
      page.getByRole('region', { name: 'Onlangs ingediend' }).getByRole('listitem').count(),
    ).resolves.toBe(5);
    await expectAccessibleAtBothWidths(page);
    await page
      .getByRole('link', { name: '104 gemeenten hebben de uitnodiging nog niet gebruikt' })
      .click();
    await page.waitForURL('**/metingen/meting-2026?stand=invited#gemeenten');
    await page.getByText('104 gemeenten gevonden, pagina 1 van 3').waitFor();
  });

  it('shows an advisor the municipalities of their provinces and what needs attention', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.advisor);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Uw gemeenten in Meting 2026' }).waitFor();
    await page.getByText('Nog niet begonnen (57):').waitFor();
    await page.getByText('Bezig (2):').waitFor();
    const overview = page.getByRole('table', { name: 'Stand van uw 60 gemeenten' });
    await expect(overview.getByRole('row', { name: /Aalsmeer/ }).textContent()).resolves.toBe(
      'Aalsmeeringediendingediendbeide vragenlijsten ingediend',
    );
    await expectAccessibleAtBothWidths(page);
    await page.getByRole('listitem').getByRole('link', { name: 'Alkmaar' }).click();
    await page.getByRole('heading', { name: 'Alkmaar – Meting 2026' }).waitFor();
  });

  it('shows a municipality its questionnaires with the next step', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.otherMunicipality);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Meting 2026 – Groningen' }).waitFor();
    await page
      .getByRole('link', { name: 'Beginnen bij Vertalen van maatschappelijke ontwikkelingen' })
      .waitFor();
    await expectAccessibleAtBothWidths(page);
    await page.getByRole('link', { name: 'Verder invullen bij Visie en beleid' }).click();
    await page.waitForURL('**/metingen/meting-2026/gemeenten/0014/mantelzorg/visie-en-beleid');
  });

  it('shows the analyst the rounds with their response counts', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.analyst);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Metingen' }).waitFor();
    await page.getByRole('listitem').getByText('uitgenodigd: 104').waitFor();
    await expect(page.getByText('Amsterdam').count()).resolves.toBe(0);
    await expectAccessibleAtBothWidths(page);
  });

  it('explains the monitor to visitors who are not signed in', async () => {
    const page = await app.newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Zo werkt het' }).waitFor();
    await expectAccessibleAtBothWidths(page);
  });
});
