/**
 * End to end: the coordinator imports answers on the page of a round, without JavaScript and
 * at phone width with the keyboard: errors with their lines, a preview of what changes, all
 * or nothing after confirmation, exactly what was previewed, and an override with a reason
 * for submitted questionnaires.
 */
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/query.ts';
import { CAST_EMAILS, type CastWithRound } from '../support/factories.ts';
import {
  expectAccessible,
  expectAccessibleWithoutJavaScript,
  login,
  startAppWithOpenRound,
  type TestApp,
} from './support/browser.ts';

let app: TestApp & CastWithRound<'coordinator'>;
const ROUND = '/metingen/meting-2026';
const HEADER = 'meting,gemeentecode,vragenlijst,vraag,antwoord';

beforeAll(async () => {
  app = await startAppWithOpenRound({ members: ['coordinator'] });
});

afterAll(async () => {
  await app?.dispose();
});

async function upload(page: Page, name: string, lines: string[]) {
  await page.getByLabel('Bestand', { exact: true }).setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(`${[HEADER, ...lines].join('\n')}\n`),
  });
  await page.getByRole('button', { name: 'Voorvertoning bekijken' }).click();
}

async function points(code: string, question: number) {
  const rows = await queryRows<{ points: number | null; updated_by: number | null }>(
    app.handle.db,
    sql`select points, updated_by from answers where round_id = 'meting-2026'
        and municipality_code = ${code} and questionnaire = 'mantelzorg' and question = ${question}`,
  );
  return rows[0];
}

describe('importing answers in the web app', () => {
  it('without JavaScript: every error with its line, then a preview, then all or nothing', async () => {
    const page = await app.newPage({ javaScript: false });
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(ROUND);
    await page.getByRole('link', { name: 'Antwoorden importeren uit een bestand' }).click();
    await expectAccessibleWithoutJavaScript(page);

    await upload(page, 'fout.csv', [
      'meting-2026,GM0363,mantelzorg,17,3',
      'meting-2026,GM9999,mantelzorg,17,3',
    ]);
    await page.getByRole('heading', { name: '‘fout.csv’ kan niet worden geïmporteerd' }).waitFor();
    const errors = page.getByRole('table', { name: 'Fouten per regel' });
    await expect(errors.getByRole('row').nth(1).textContent()).resolves.toContain(
      "3onbekende gemeente 'GM9999'",
    );
    await expectAccessibleWithoutJavaScript(page);
    expect(await points('0363', 17)).toBeUndefined();

    await upload(page, 'goed.csv', [
      'meting-2026,GM0363,mantelzorg,17,3',
      ',GM0014,mantelzorg,19,1',
    ]);
    await page.getByRole('heading', { name: 'Voorvertoning van ‘goed.csv’' }).waitFor();
    await page.getByText('2 gemeenten: Amsterdam en Groningen.').waitFor();
    await page.getByText('Mantelzorg: 2 wijzigingen.').waitFor();
    const changes = page.getByRole('table', { name: 'Alle wijzigingen' });
    await expect(changes.getByRole('row').nth(1).textContent()).resolves.toBe(
      'AmsterdamMantelzorg17geen antwoordJa, goed voor elkaar',
    );
    await expectAccessibleWithoutJavaScript(page);
    // Nothing is written by the preview.
    expect(await points('0363', 17)).toBeUndefined();

    await page.getByRole('button', { name: '2 wijzigingen importeren' }).click();
    await page.waitForURL(`**${ROUND}`);
    await expect(page.getByRole('status').first().textContent()).resolves.toBe(
      '‘goed.csv’ is geïmporteerd: 2 regels; 2 nieuw, 0 gewijzigd, 0 gewist, 0 ongewijzigd.',
    );
    expect(await points('0363', 17)).toEqual({ points: 3, updated_by: app.cast.coordinator.id });
  });

  it('refuses a file over 10 MB with the limit on the file field, keeping nothing', async () => {
    const page = await app.newPage({ javaScript: false });
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(`${ROUND}/importeren`);
    await page.getByLabel('Bestand', { exact: true }).setInputFiles({
      name: 'groot.csv',
      mimeType: 'text/csv',
      buffer: Buffer.alloc(11 * 1024 * 1024, 'x'),
    });
    await page.getByRole('button', { name: 'Voorvertoning bekijken' }).click();
    await page
      .getByRole('alert')
      .getByRole('link', { name: 'Het bestand is 11 MB; het maximum is 10 MB.', exact: false })
      .waitFor();
    const kept = await queryRows<{ n: number }>(
      app.handle.db,
      sql`select count(*)::int as n from import_uploads where file_name = 'groot.csv'`,
    );
    expect(kept[0]?.n).toBe(0);
  });

  it('imports exactly what was previewed: a change in between is refused', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(`${ROUND}/importeren`);
    await upload(page, 'later.csv', ['meting-2026,GM0363,mantelzorg,20,2']);
    await page.getByRole('heading', { name: 'Voorvertoning van ‘later.csv’' }).waitFor();
    // Meanwhile another upload of the same answer is imported.
    const other = await app.newPage({ javaScript: false });
    await login(other, CAST_EMAILS.coordinator);
    await other.goto(`${ROUND}/importeren`);
    await upload(other, 'eerder.csv', ['meting-2026,GM0363,mantelzorg,20,3']);
    await other.getByRole('button', { name: '1 wijziging importeren' }).click();
    await other.waitForURL(`**${ROUND}`);

    await page.getByRole('button', { name: '1 wijziging importeren' }).click();
    await page
      .getByRole('alert')
      .getByText('De gegevens zijn veranderd sinds de voorvertoning')
      .waitFor();
    expect((await points('0363', 20))?.points).toBe(3);
    // The page shows the new preview: 3 → 2. With JavaScript the loader reloads after the
    // refused action, so the table changes a moment after the message appears.
    const changes = page.getByRole('table', { name: 'Alle wijzigingen' });
    await changes.getByRole('row').nth(1).getByText('Ja, goed voor elkaar').waitFor();
    await expect(
      page.getByRole('table', { name: 'Alle wijzigingen' }).getByRole('row').nth(1).textContent(),
    ).resolves.toBe('AmsterdamMantelzorg20Ja, goed voor elkaarJa, verbetering mogelijk');
  });

  it('at phone width, by keyboard: a submitted questionnaire needs the override and a reason', async () => {
    await app.handle.db.execute(
      sql`update responses set submitted_at = now() where round_id = 'meting-2026'
          and municipality_code = '0363' and questionnaire = 'mantelzorg'`,
    );
    const page = await app.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(`${ROUND}/importeren`);
    await upload(page, 'correctie.csv', ['meting-2026,GM0363,mantelzorg,17,1']);
    await page.getByText('Deze import wijzigt antwoorden die al vastliggen').waitFor();
    await page.getByText('Amsterdam: Mantelzorg is al ingediend.').waitFor();
    await expectAccessible(page);

    // Confirming without the override is refused, and nothing changes.
    await page.getByRole('button', { name: '1 wijziging importeren' }).click();
    await page
      .getByRole('alert')
      .getByText('De import wijzigt antwoorden die al vastliggen')
      .waitFor();
    expect((await points('0363', 17))?.points).toBe(3);

    await page.getByLabel('Ik wil deze antwoorden toch wijzigen').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement?.id')).resolves.toBe('reden');
    await page.keyboard.type('De gemeente leverde een correctie aan.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**${ROUND}`);
    expect((await points('0363', 17))?.points).toBe(1);
    await page.goto(`${ROUND}/gemeenten/0363/logboek`);
    await page
      .getByText('De gemeente leverde een correctie aan.', { exact: false })
      .first()
      .waitFor();
  });
});
