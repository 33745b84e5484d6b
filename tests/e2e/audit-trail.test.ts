/**
 * End to end: the logboek after real saves reads as people speak (answers by their labels,
 * questions by number and text, never JSON); filtering works without JavaScript, with Dutch
 * messages for bad dates; an empty trail says so; the coordinator downloads the filtered
 * trail as CSV (formulas neutralized), the advisor gets no link and no file. Every page
 * passes axe at 1280 and at 390 pixels wide.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setParticipation } from '../../src/services/participation-service.ts';
import { saveAnswers } from '../../src/services/questionnaire-service.ts';
import { CAST_EMAILS, type Cast } from '../support/factories.ts';
import { expectAccessible, login, openNote, startAppWithOpenRound } from './support/browser.ts';

let app: Awaited<ReturnType<typeof startAppWithOpenRound>>;
let cast: Cast;
const AMSTERDAM = '/metingen/r/gemeenten/0363';
const LOGBOEK = `${AMSTERDAM}/logboek`;
const QUESTION_17 =
  'Mantelzorg · Informatie · vraag 17: Zorgt de gemeente voor informatieverstrekking aan mantelzorgers (zelf of via …';

beforeAll(async () => {
  app = await startAppWithOpenRound({ roundId: 'r' });
  cast = app.cast;
});

afterAll(async () => {
  await app?.dispose();
});

/**
 * axe at a desktop and at a phone width. axe runs in the page, so a page without JavaScript
 * is checked as the same address, with the same session, in a page with JavaScript.
 */
async function expectAccessibleAtBothWidths(page: Page, { javaScript = true } = {}): Promise<void> {
  const context = javaScript
    ? null
    : await app.browser.newContext({
        baseURL: app.url,
        locale: 'nl-NL',
        storageState: await page.context().storageState(),
      });
  const checked = context ? await context.newPage() : page;
  if (context) await checked.goto(page.url());
  for (const width of [1280, 390]) {
    await checked.setViewportSize({ width, height: 900 });
    await expectAccessible(checked);
  }
  await checked.setViewportSize({ width: 1280, height: 900 });
  await context?.close();
}

async function trailText(page: Page): Promise<string> {
  return (
    (await page.getByRole('table', { name: /Wijzigingen in het logboek/ }).textContent()) ?? ''
  );
}

describe('the logboek', () => {
  it('shows real saves in words: the answer, the question and what changed', async () => {
    // The municipality saves question 17 on its page, without JavaScript.
    const municipality = await app.newPage({ javaScript: false });
    await login(municipality, CAST_EMAILS.municipality);
    await municipality.goto(`${AMSTERDAM}/mantelzorg/informatie`);
    await municipality
      .getByRole('group', { name: /^17\. / })
      .getByRole('radio', { name: 'Ja, goed voor elkaar' })
      .check();
    await openNote(municipality, 17);
    await municipality
      .getByLabel('Toelichting bij vraag 17 (niet verplicht)')
      .fill('Via het Wmo-loket');
    await municipality.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await municipality.waitForURL('**opgeslagen=**');
    // The advisor changes only the toelichting; an open answer looks like a formula.
    const key = { roundId: 'r', municipalityCode: '0363', questionnaire: 'mantelzorg' };
    await saveAnswers(app.handle.db, cast.advisor, key, [
      { question: 17, value: '3', note: 'Via het Wmo-loket en de website', baseRevision: 1 },
      { question: 21, value: '=1+1', note: '', baseRevision: 0 },
    ]);
    await setParticipation(app.handle.db, cast.coordinator, {
      roundId: 'r',
      municipalityCode: '0363',
      form: { status: 'later', reason: 'geen-tijd', reasonText: 'na de zomer' },
    });

    const coordinator = await app.newPage();
    await login(coordinator, CAST_EMAILS.coordinator);
    await coordinator.goto(LOGBOEK);
    await coordinator.getByRole('heading', { name: 'Logboek: Amsterdam', level: 1 }).waitFor();
    await coordinator.getByText('4 wijzigingen, nieuwste eerst.').waitFor();
    const rows = coordinator.getByRole('table').getByRole('row');
    // The municipality's save: no answer before, the label and the toelichting after.
    const first = rows.filter({ hasText: 'Anna Amsterdam' });
    await expect(first.textContent()).resolves.toContain(QUESTION_17);
    await expect(first.getByRole('cell').nth(3).textContent()).resolves.toBe('geen antwoord');
    await expect(first.getByRole('cell').nth(4).innerText()).resolves.toBe(
      'Ja, goed voor elkaar\nToelichting: Via het Wmo-loket',
    );
    // The advisor's change of the toelichting shows just that.
    const note = rows.filter({ hasText: 'Ada Adviseur' }).filter({ hasText: 'vraag 17' });
    await expect(note.getByRole('cell').nth(3).textContent()).resolves.toBe(
      'Toelichting: Via het Wmo-loket',
    );
    await expect(note.getByRole('cell').nth(4).textContent()).resolves.toBe(
      'Toelichting: Via het Wmo-loket en de website',
    );
    const text = await trailText(coordinator);
    expect(text).toContain('doet later mee – reden: geen tijd – na de zomer');
    expect(text).not.toContain('{');
    expect(await coordinator.locator('main').textContent()).not.toMatch(/[{}]/);
    await expectAccessibleAtBothWidths(coordinator);
  });

  it('filters by person, questionnaire and date without JavaScript', async () => {
    const page = await app.newPage({ javaScript: false });
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(LOGBOEK);
    await page.getByLabel('Wie').selectOption({ label: 'Ada Adviseur' });
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.waitForURL(new RegExp(`/logboek\\?wie=${cast.advisor.id}&`));
    await page.getByText('2 wijzigingen die aan deze filters voldoen, nieuwste eerst.').waitFor();
    expect(await trailText(page)).not.toContain('Anna Amsterdam');
    // The form shows the filter in use.
    await expect(page.getByLabel('Wie').inputValue()).resolves.toBe(String(cast.advisor.id));
    await expectAccessibleAtBothWidths(page, { javaScript: false });

    // A date that does not exist: a message on the field and in the summary, no 500.
    await page.getByLabel('Vanaf (dag-maand-jaar)').fill('31-2-2026');
    const response = page.waitForResponse((r) => r.url().includes('van='));
    await page.getByRole('button', { name: 'Filteren' }).click();
    expect((await response).status()).toBe(400);
    const message =
      "Vul bij 'vanaf' een bestaande datum in als dag-maand-jaar, bijvoorbeeld 1-3-2026.";
    await page.getByRole('alert').getByRole('link', { name: message }).waitFor();
    await expect(
      page.getByLabel('Vanaf (dag-maand-jaar)').getAttribute('aria-describedby'),
    ).resolves.toBe('van-fout');
    await expect(page.getByLabel('Vanaf (dag-maand-jaar)').inputValue()).resolves.toBe('31-2-2026');
    await expectAccessibleAtBothWidths(page, { javaScript: false });

    // Today, in Dutch time, includes everything so far; a day far ahead nothing.
    const today = new Date().toLocaleDateString('nl-NL', { timeZone: 'Europe/Amsterdam' });
    await page.getByLabel('Vanaf (dag-maand-jaar)').fill(today);
    await page.getByLabel('Tot en met (dag-maand-jaar)').fill(today);
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.getByText('2 wijzigingen die aan deze filters voldoen, nieuwste eerst.').waitFor();
    await page.getByLabel('Vanaf (dag-maand-jaar)').fill('1-1-2099');
    await page.getByLabel('Tot en met (dag-maand-jaar)').fill('');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.getByText('Geen wijzigingen die aan deze filters voldoen.').waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    await expectAccessibleAtBothWidths(page, { javaScript: false });

    // By questionnaire: nothing was changed in vrijwilligerswerk.
    await page.getByRole('link', { name: 'Alle filters wissen' }).click();
    await page.getByText('4 wijzigingen, nieuwste eerst.').waitFor();
    await page.getByLabel('Vragenlijst').selectOption({ label: 'Vrijwilligerswerk' });
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.getByText('Geen wijzigingen die aan deze filters voldoen.').waitFor();
    await page.getByLabel('Vragenlijst').selectOption({ label: 'Mantelzorg' });
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.getByText('3 wijzigingen die aan deze filters voldoen, nieuwste eerst.').waitFor();
  });

  it('says so when nothing has changed yet', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.coordinator);
    await page.goto('/metingen/r/gemeenten/0014/logboek');
    await page.getByText('Er zijn nog geen wijzigingen.').waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    // Nothing to download either.
    expect(await page.getByRole('link', { name: /downloaden/ }).count()).toBe(0);
    await expectAccessibleAtBothWidths(page);
  });
});

describe('the CSV download', () => {
  it('gives the coordinator the filtered trail as a file Excel opens', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(`${LOGBOEK}?vragenlijst=mantelzorg`);
    const link = page.getByRole('link', { name: 'Deze wijzigingen downloaden (CSV, voor Excel)' });
    expect(await link.getAttribute('href')).toBe(`${LOGBOEK}.csv?vragenlijst=mantelzorg`);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^logboek-amsterdam-r-\d{4}-\d{2}-\d{2}\.csv$/);
    const content = await readFile((await download.path()) as string, 'utf8');
    const lines = content.split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFWanneer (Nederlandse tijd);Wie;Soort;Vragenlijst;Vraag;Wat;Oude waarde;Nieuwe waarde',
    );
    expect(content).toContain(
      `;Anna Amsterdam;Antwoord;mantelzorg;17;${QUESTION_17};geen antwoord;"Ja, goed voor elkaar\nToelichting: Via het Wmo-loket"\r\n`,
    );
    // An answer that looks like a formula stays text.
    expect(content).toMatch(/;mantelzorg;21;[^\r\n]*;geen antwoord;'=1\+1\r\n/);
    // Filtered: the participation is not in it.
    expect(content).not.toContain('Deelname');

    const response = await page.request.get(`${LOGBOEK}.csv`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers()['content-disposition']).toMatch(
      /^attachment; filename="logboek-amsterdam-r-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(response.headers()['cache-control']).toBe('private, no-store');
    expect((await response.text()).split('\r\n').filter(Boolean)).toHaveLength(5);
  });

  it('is not offered to the advisor, who may not download it either', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.advisor);
    await page.goto(LOGBOEK);
    await page.getByText('4 wijzigingen, nieuwste eerst.').waitFor();
    expect(await page.getByRole('link', { name: /downloaden/ }).count()).toBe(0);
    const response = await page.request.get(`${LOGBOEK}.csv`);
    expect(response.status()).toBe(403);
    await expectAccessibleAtBothWidths(page);
  });
});
