/**
 * End to end (issue 12, helper B): the municipality finds its overdue action on the home page,
 * updates its status (a dropped action needs a reason, the form says so and keeps the choice)
 * and comments on it; the advisor invites to the talk, and the coordinator finds the
 * invitation with its iCalendar file in the outbox; the municipality switches its weekly
 * digest off. Every page passes axe at 1280 and 390 pixels, with and without JavaScript, and
 * the forms work with the keyboard.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDutchIsoDate } from '../../src/services/dutch-time.ts';
import { CAST_EMAILS, readOutbox } from '../support/factories.ts';
import { createTalk } from '../support/talk-factories.ts';
import {
  expectAccessible,
  expectAccessibleWithoutJavaScript,
  login,
  startAppWithOpenRound,
  type TestApp,
} from './support/browser.ts';
import type { CastWithRound } from '../support/factories.ts';

let app: TestApp & CastWithRound;

beforeAll(async () => {
  app = await startAppWithOpenRound({ roundId: 'r' });
});

afterAll(async () => {
  await app?.dispose();
});

function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
}

async function checkPage(page: Page, javaScript: boolean): Promise<void> {
  if (javaScript) await expectAccessible(page);
  else await expectAccessibleWithoutJavaScript(page);
  expect(await horizontalOverflow(page), page.url()).toBeLessThanOrEqual(0);
}

const RUNS = [
  [1280, true],
  [390, true],
  [1280, false],
  [390, false],
] as const;

describe('following up an action as the municipality', () => {
  for (const [width, javaScript] of RUNS) {
    it(`updates the status and comments at ${width}px ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
      const description = `Respijtzorg via thuishulp (${width}, ${javaScript ? 'js' : 'geen js'})`;
      const overdue = toDutchIsoDate(new Date(Date.now() - 10 * 86_400_000));
      const talk = await createTalk(app.handle.db, {
        roundId: 'r',
        municipalityCode: '0363',
        by: app.cast.advisor,
        actions: [{ description, dueOn: overdue }],
      });
      const page = await app.newPage({ javaScript });
      await page.setViewportSize({ width, height: 900 });
      await login(page, CAST_EMAILS.municipality);
      await page.goto('/');
      const reminders = page.getByRole('region', { name: /Verlopen acties/ });
      await reminders.getByRole('link', { name: description }).waitFor();
      await checkPage(page, javaScript);

      await reminders.getByRole('link', { name: description }).click();
      await page.getByRole('heading', { name: `Actie: ${description}`, level: 1 }).waitFor();
      await page.getByText('(verlopen)').waitFor();
      await checkPage(page, javaScript);

      // Dropped without a reason: refused, tied to the field, the choice kept.
      await page.getByRole('radio', { name: 'vervallen' }).check();
      await page.getByRole('button', { name: 'Status opslaan' }).click();
      const summary = page.getByRole('alert');
      await summary.getByRole('link', { name: /Geef aan waarom de actie vervalt/ }).click();
      expect(await page.getByRole('radio', { name: 'vervallen' }).isChecked()).toBe(true);
      if (javaScript) await expectAccessible(page);

      // With the reason, by keyboard: type it and submit with Enter on the button.
      await page
        .getByRole('textbox', { name: 'Toelichting' })
        .fill('Opgenomen in het beleidsplan.');
      await page.getByRole('textbox', { name: 'Toelichting' }).press('Tab');
      await page.keyboard.press('Enter');
      await page.getByText('De status is bijgewerkt: vervallen.').waitFor();
      await page.getByText('vervallen: Opgenomen in het beleidsplan.').waitFor();

      // An empty comment is refused; a real one is shown with its author.
      await page.getByRole('button', { name: 'Opmerking plaatsen' }).click();
      await page
        .getByRole('alert')
        .getByRole('link', { name: 'Schrijf een opmerking voordat u haar plaatst.' })
        .waitFor();
      await page
        .getByRole('textbox', { name: 'Nieuwe opmerking' })
        .fill('Besproken in het college.');
      await page.getByRole('button', { name: 'Opmerking plaatsen' }).click();
      await page.getByText('Uw opmerking is geplaatst.').waitFor();
      await page.getByText('Besproken in het college.').waitFor();
      // The posted comment is not left in the box to be posted twice (with JavaScript the
      // redirect used to keep the form and what was typed in it).
      expect(await page.getByRole('textbox', { name: 'Nieuwe opmerking' }).inputValue()).toBe('');
      await checkPage(page, javaScript);

      // No longer open: not on the list of open actions.
      await page.goto('/acties');
      await page.getByRole('heading', { name: 'Open acties', level: 1 }).waitFor();
      expect(await page.getByRole('link', { name: description }).count()).toBe(0);
      await checkPage(page, javaScript);
      expect(talk.actionIds).toHaveLength(1);
      await page.context().close();
    });
  }
});

describe('inviting to a talk and the weekly digest setting', () => {
  for (const [width, javaScript] of RUNS) {
    it(`sends an invitation with its calendar file and switches the digest off at ${width}px ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
      const talk = await createTalk(app.handle.db, {
        roundId: 'r',
        municipalityCode: '0363',
        by: app.cast.advisor,
        location: `Stadhuis (${width}, ${javaScript})`,
      });
      const advisor = await app.newPage({ javaScript });
      await advisor.setViewportSize({ width, height: 900 });
      await login(advisor, CAST_EMAILS.advisor);
      await advisor.goto(`/gesprekken/${talk.id}/uitnodiging`);
      await advisor
        .getByRole('heading', {
          name: 'Uitnodiging voor het adviesgesprek met Amsterdam',
          level: 1,
        })
        .waitFor();
      await checkPage(advisor, javaScript);
      const recipients = advisor.getByRole('textbox', { name: 'E-mailadressen van de ontvangers' });
      expect(await recipients.inputValue()).toBe(CAST_EMAILS.municipality);
      await recipients.fill(`${CAST_EMAILS.municipality}, geen-adres`);
      await advisor.getByRole('button', { name: 'Uitnodiging versturen' }).click();
      await advisor
        .getByRole('alert')
        .getByRole('link', { name: /‘geen-adres’ is geen e-mailadres/ })
        .waitFor();
      expect(await recipients.inputValue()).toBe(`${CAST_EMAILS.municipality}, geen-adres`);
      await recipients.fill(CAST_EMAILS.municipality);
      await advisor
        .getByRole('textbox', { name: 'Bericht (niet verplicht)' })
        .fill('Graag tot dan.');
      await advisor.getByRole('button', { name: 'Uitnodiging versturen' }).click();
      await advisor.getByText(/De uitnodiging is in het postvak gezet/).waitFor();
      await checkPage(advisor, javaScript);
      await advisor.context().close();

      const [mail] = await readOutbox(app.handle.db);
      expect(mail?.to).toBe(CAST_EMAILS.municipality);
      const coordinator = await app.newPage({ javaScript });
      await coordinator.setViewportSize({ width, height: 900 });
      await login(coordinator, CAST_EMAILS.coordinator);
      await coordinator.goto('/postvak');
      const article = coordinator
        .getByRole('article')
        .filter({ hasText: `Stadhuis (${width}, ${javaScript})` });
      const link = article.getByRole('link', { name: 'adviesgesprek.ics' });
      const response = await coordinator.request.get(
        new URL((await link.getAttribute('href')) ?? '', app.url).href,
      );
      expect(response.headers()['content-type']).toBe(
        'text/calendar; charset=utf-8; method=REQUEST',
      );
      expect(await response.text()).toMatch(
        /^BEGIN:VCALENDAR\r\n[\s\S]*METHOD:REQUEST[\s\S]*END:VCALENDAR\r\n$/,
      );
      await checkPage(coordinator, javaScript);
      await coordinator.context().close();

      const municipality = await app.newPage({ javaScript });
      await municipality.setViewportSize({ width, height: 900 });
      await login(municipality, CAST_EMAILS.municipality);
      await municipality.getByRole('link', { name: 'Mijn instellingen' }).click();
      await municipality.getByRole('heading', { name: 'Mijn instellingen', level: 1 }).waitFor();
      await checkPage(municipality, javaScript);
      await municipality.getByRole('radio', { name: 'Nee, geen wekelijks overzicht' }).check();
      await municipality.getByRole('button', { name: 'Keuze opslaan' }).click();
      await municipality.getByText('Opgeslagen: u krijgt geen wekelijks overzicht meer.').waitFor();
      expect(
        await municipality
          .getByRole('radio', { name: 'Nee, geen wekelijks overzicht' })
          .isChecked(),
      ).toBe(true);
      await municipality
        .getByRole('radio', { name: 'Ja, stuur mij het wekelijkse overzicht' })
        .check();
      await municipality.getByRole('button', { name: 'Keuze opslaan' }).click();
      await municipality.getByText(/Opgeslagen: u krijgt elke maandag/).waitFor();
      await municipality.context().close();
    });
  }
});
