/**
 * End to end: the coordinator records that a municipality declines (with a reason) and sees
 * the response overview with its table and the map.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAST_EMAILS } from '../support/factories.ts';
import { expectAccessible, login, startAppWithOpenRound, type TestApp } from './support/browser.ts';

let app: TestApp;

beforeAll(async () => {
  app = await startAppWithOpenRound();
});

afterAll(async () => {
  await app?.dispose();
});

describe('response tracking', () => {
  it('records a declined municipality with its reason and shows the overview and the map', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.coordinator);
    await page.goto('/metingen/meting-2026/gemeenten/0014');
    await page
      .getByRole('group', { name: 'Doet Groningen mee?' })
      .getByRole('radio', { name: 'Doet niet mee' })
      .check();
    await page.getByRole('radio', { name: 'anders' }).check();
    await page.getByRole('button', { name: 'Deelname opslaan' }).click();
    await page
      .getByRole('alert')
      .getByRole('link', { name: "Beschrijf de reden bij 'anders'." })
      .waitFor();
    await expect(page.getByRole('radio', { name: 'Doet niet mee' }).isChecked()).resolves.toBe(
      true,
    );
    await expectAccessible(page);
    await page.getByLabel('Toelichting op de reden').fill('Doet dit jaar eigen onderzoek');
    await page.getByRole('button', { name: 'Deelname opslaan' }).click();
    // Saved: the error summary of the first attempt is gone.
    await page.getByRole('alert').waitFor({ state: 'detached' });

    await page.goto('/metingen/meting-2026');
    const overview = page.getByRole('table', { name: /Respons per gemeente/ });
    await expect(
      overview.getByRole('row', { name: /doet niet mee/ }).textContent(),
    ).resolves.toContain('1');
    await expect(
      page.getByRole('table', { name: 'Redenen om later of niet mee te doen' }).textContent(),
    ).resolves.toContain('anders1');
    // The map is drawn in the page, its caption says how to reach the same pages by keyboard.
    const map = page.getByRole('figure', { name: /Kaart van de respons per gemeente/ });
    await map.waitFor();
    await expect(
      map.locator('a[href="/metingen/meting-2026/gemeenten/0014"] path').getAttribute('fill'),
    ).resolves.toBe('#6a1b9a');
    await expectAccessible(page);
    const svg = await page.request.get('/metingen/meting-2026/kaart.svg');
    expect(svg.headers()['content-type']).toContain('image/svg+xml');
  });
});
