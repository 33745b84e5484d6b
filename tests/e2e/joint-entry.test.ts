/**
 * Joint entry in the browser, with and without JavaScript: an advisor edits a page while the
 * coordinator saves the same items. A part only the colleague changed is kept; a part both
 * changed is shown with both versions, and the advisor keeps their own answer or takes the
 * other one over. Nothing of the colleague's answer is ever lost.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadQuestionnaire,
  saveAnswers,
  type QuestionnaireKey,
} from '../../src/services/questionnaire-service.ts';
import { CAST_EMAILS, type Cast } from '../support/factories.ts';
import {
  expectAccessible,
  login,
  startAppWithOpenRound,
  waitForAutosave,
} from './support/browser.ts';

let app: Awaited<ReturnType<typeof startAppWithOpenRound>>;
let cast: Cast;
const ROUND = 'samen';

beforeAll(async () => {
  app = await startAppWithOpenRound({ roundId: ROUND, roundName: 'Samen invullen' });
  cast = app.cast;
});

afterAll(async () => {
  await app?.dispose();
});

const keyOf = (code: string): QuestionnaireKey => ({
  roundId: ROUND,
  municipalityCode: code,
  questionnaire: 'mantelzorg',
});
const pathOf = (code: string) => `/metingen/${ROUND}/gemeenten/${code}/mantelzorg/informatie`;

/** The coordinator saves an item through the service, as a colleague in another browser. */
async function colleagueSaves(code: string, question: number, value: string, note = '') {
  const stored = await storedAnswer(code, question);
  const result = await saveAnswers(app.handle.db, cast.coordinator, keyOf(code), [
    { question, value, note, baseRevision: stored?.revision ?? 0 },
  ]);
  expect(result).toMatchObject({ ok: true, conflicts: [] });
}

async function storedAnswer(code: string, question: number) {
  const context = await loadQuestionnaire(app.handle.db, cast.coordinator, keyOf(code));
  return context.answers.get(question);
}

function radio(page: Page, question: number, label: string) {
  return page
    .getByRole('group', { name: new RegExp(`^${question}\\. `) })
    .getByRole('radio', { name: label });
}

async function advisorOn(code: string, javaScript: boolean): Promise<Page> {
  const page = await app.newPage({ javaScript });
  await login(page, CAST_EMAILS.advisor);
  await page.goto(pathOf(code));
  // With JavaScript, wait until the page saves itself before changing anything.
  if (javaScript) await waitForAutosave(page);
  return page;
}

describe.each([
  ['without JavaScript', false, ['0358', '0361', '0362']],
  ['with JavaScript', true, ['0364', '0365', '0366']],
] as const)('joint entry %s', (_label, javaScript, [noteOnly, bothPoints, takeOver]) => {
  it('keeps the colleague’s note when they changed only the note', async () => {
    await colleagueSaves(noteOnly, 17, '1');
    const advisor = await advisorOn(noteOnly, javaScript);
    await colleagueSaves(noteOnly, 17, '1', 'Zie de beleidsnota 2009.');
    await radio(advisor, 17, 'Ja, goed voor elkaar').check();
    await radio(advisor, 19, 'Ja, verbetering mogelijk').check();
    if (javaScript) {
      await advisor.getByText(/Automatisch opgeslagen om/).waitFor();
      // The page takes over the note the colleague saved, so the next save keeps it too.
      await expect(
        advisor.getByLabel('Toelichting bij vraag 17 (niet verplicht)').inputValue(),
      ).resolves.toBe('Zie de beleidsnota 2009.');
      // The progress per page follows the save.
      await advisor
        .getByRole('navigation', { name: 'Voortgang per onderdeel' })
        .getByText(/2 van 3 vragen beantwoord/)
        .waitFor();
    } else {
      await advisor.getByRole('button', { name: 'Opslaan', exact: true }).click();
      await advisor.waitForURL('**opgeslagen=**');
      await expect(advisor.locator('#toelichting-17').inputValue()).resolves.toBe(
        'Zie de beleidsnota 2009.',
      );
    }
    await expect(storedAnswer(noteOnly, 17)).resolves.toMatchObject({
      points: 3,
      note: 'Zie de beleidsnota 2009.',
      updatedBy: 'Ada Adviseur',
    });
    if (javaScript) await expectAccessible(advisor);
  });

  it('shows both answers when both changed the points, and keeps mine when I choose so', async () => {
    await colleagueSaves(bothPoints, 17, '1');
    const advisor = await advisorOn(bothPoints, javaScript);
    await colleagueSaves(bothPoints, 17, '2');
    await radio(advisor, 17, 'Ja, goed voor elkaar').check();
    if (!javaScript) await advisor.getByRole('button', { name: 'Opslaan', exact: true }).click();
    const notice = advisor.locator('#q-17-conflict');
    await notice.getByText('Antwoord van Cora Coördinator').waitFor();
    await expect(notice.textContent()).resolves.toMatch(
      /Antwoord van Cora CoördinatorJa, verbetering mogelijkUw antwoordJa, goed voor elkaar/,
    );
    if (!javaScript)
      await expect(advisor.getByRole('alert').textContent()).resolves.toContain(
        'Vraag 17: Cora Coördinator heeft dit intussen ook gewijzigd. Kies welk antwoord blijft.',
      );
    // What I chose is still on the page, and nothing was overwritten, not by an autosave either.
    await expect(radio(advisor, 17, 'Ja, goed voor elkaar').isChecked()).resolves.toBe(true);
    if (javaScript) await advisor.waitForTimeout(1500);
    await expect(storedAnswer(bothPoints, 17)).resolves.toMatchObject({ points: 2 });
    if (javaScript) await expectAccessible(advisor);
    await advisor.getByRole('button', { name: 'Mijn antwoord bewaren (vraag 17)' }).click();
    await advisor.waitForURL('**opgeslagen=**');
    await expect.poll(() => advisor.locator('#q-17-conflict').count()).toBe(0);
    await expect(radio(advisor, 17, 'Ja, goed voor elkaar').isChecked()).resolves.toBe(true);
    await expect(storedAnswer(bothPoints, 17)).resolves.toMatchObject({
      points: 3,
      updatedBy: 'Ada Adviseur',
    });
  });

  it('takes the other answer over', async () => {
    await colleagueSaves(takeOver, 17, '1');
    const advisor = await advisorOn(takeOver, javaScript);
    await colleagueSaves(takeOver, 17, '2');
    await radio(advisor, 17, 'Ja, goed voor elkaar').check();
    if (!javaScript) await advisor.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await advisor.locator('#q-17-conflict').waitFor();
    await advisor.getByRole('button', { name: 'Neem dit antwoord over (vraag 17)' }).click();
    await advisor.waitForURL('**opgeslagen=**');
    await expect.poll(() => radio(advisor, 17, 'Ja, verbetering mogelijk').isChecked()).toBe(true);
    await expect(storedAnswer(takeOver, 17)).resolves.toMatchObject({
      points: 2,
      updatedBy: 'Cora Coördinator',
    });
    if (javaScript) await expectAccessible(advisor);
  });
});
