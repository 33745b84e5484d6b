/**
 * End to end (issue 13, helper B): making a codebook and coding open answers with the keyboard
 * only (Tab, Space, Enter; no mouse), at 1280 and 390 pixels, and the agreement page after two
 * coders. Every page passes axe.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeAnswers } from '../../src/services/answer-store.ts';
import { issueApiToken } from '../../src/services/api-token-service.ts';
import { findCodebook } from '../../src/services/open-answers/codebook-service.ts';
import { codeAnswer, readMyCodings } from '../../src/services/open-answers/coding-service.ts';
import {
  computeAnswerId,
  type OpenAnswerSourceKey,
} from '../../src/services/open-answers/open-answer-service.ts';
import { loadRound } from '../../src/services/round-service.ts';
import { CAST_EMAILS } from '../support/factories.ts';
import { ALLOWED_NAME_TOKENS, findMunicipalities } from '../support/municipality-scan.ts';
import { expectAccessible, login, startAppWithOpenRound } from './support/browser.ts';

let app: Awaited<ReturnType<typeof startAppWithOpenRound>>;

const CODES = ['0003', '0005', '0009', '0010', '0014', '0017', '0018', '0050'];
const TEXTS = [
  'Wij zoeken een goede interne structuur voor het vrijwilligerswerk.',
  'Er zijn geen signalen ontvangen.',
  'De makelaarsfunctie staat op de agenda.',
  'Vrijwilligers worden ondersteund door het steunpunt.',
  'Wij zoeken nog naar een structuur.',
  'Geen signalen.',
  'Het staat op de agenda van de raad.',
  'Het steunpunt helpt vrijwilligers.',
];

const base = (key: OpenAnswerSourceKey) =>
  `/metingen/${app.roundId}/analyse/open-antwoorden/${key.questionnaire}/${key.question}/antwoord`;

beforeAll(async () => {
  app = await startAppWithOpenRound({ roundId: 'r' });
  const loaded = await loadRound(app.handle.db, app.roundId);
  await app.handle.db.transaction((tx) =>
    storeAnswers(
      tx,
      loaded,
      [47, 11].flatMap((question) =>
        CODES.map((code, i) => ({
          municipalityCode: code,
          questionnaire: 'vrijwilligerswerk',
          question,
          points: null,
          options: null,
          text: TEXTS[i] ?? '',
        })),
      ),
      [],
    ),
  );
});

afterAll(async () => {
  await app?.dispose();
});

/** Whether an element has the focus (run in the browser). */
const isFocused = (element: unknown) =>
  element ===
  (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement;

/** Presses Tab until the element has the focus (the keyboard's only way to get there). */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate(isFocused)) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
}

async function checkPage(page: Page): Promise<void> {
  await expectAccessible(page);
  expect(await horizontalOverflow(page), page.url()).toBeLessThanOrEqual(0);
}

describe('coding open answers by keyboard', () => {
  for (const [width, question] of [
    [1280, 47],
    [390, 11],
  ] as const) {
    it(`makes a codebook and codes answers with Tab, Space and Enter at ${width}px`, async () => {
      const key: OpenAnswerSourceKey = {
        questionnaire: 'vrijwilligerswerk',
        question,
        part: 'text',
      };
      const page = await app.newPage();
      await page.setViewportSize({ width, height: 900 });
      await login(page, CAST_EMAILS.analyst);
      await page.goto(`${base(key)}/codeboek`);
      await page.getByText('Deze vraag heeft nog geen codeboek.').waitFor();
      await checkPage(page);

      await tabTo(page, page.getByRole('button', { name: 'Codeboek maken' }));
      await page.keyboard.press('Enter');
      await page.getByText('Het codeboek is gemaakt.').waitFor();

      for (const [name, description] of [
        ['Structuur', 'Zoekt een interne structuur'],
        ['Agenda', 'Staat op de agenda'],
      ] as const) {
        await tabTo(page, page.getByLabel('Naam van het nieuwe thema'));
        await page.keyboard.type(name);
        await tabTo(page, page.getByLabel('Omschrijving', { exact: true }).last());
        await page.keyboard.type(description);
        await tabTo(page, page.getByRole('button', { name: 'Thema toevoegen' }));
        await page.keyboard.press('Enter');
        await page.getByText(`Het thema ‘${name}’ is toegevoegd.`).waitFor();
        // The form is empty again for the next theme (it kept the typed name after a
        // client-side redirect, so a second Enter met 'Er is al een thema').
        expect(await page.getByLabel('Naam van het nieuwe thema').inputValue()).toBe('');
      }
      // Nothing is coded yet: the page says where to code instead of tables of zeros.
      await page
        .getByText('Nog geen van de 8 antwoorden is gecodeerd.', { exact: false })
        .waitFor();
      expect(await page.getByRole('table').count()).toBe(0);
      // The trail names the questionnaire: both questionnaires have questions 11 and 47.
      await page
        .getByRole('navigation', { name: 'Kruimelpad' })
        .getByRole('link', { name: `Vrijwilligerswerk · vraag ${question} (open antwoord)` })
        .waitFor();
      // A duplicate name is refused in Dutch, and what was typed stays.
      await tabTo(page, page.getByLabel('Naam van het nieuwe thema'));
      await page.keyboard.type('agenda');
      await tabTo(page, page.getByRole('button', { name: 'Thema toevoegen' }));
      await page.keyboard.press('Enter');
      await page
        .getByRole('alert')
        .getByRole('link', { name: /Er is al een thema ‘Agenda’/ })
        .waitFor();
      expect(await page.getByLabel('Naam van het nieuwe thema').inputValue()).toBe('agenda');
      await checkPage(page);

      // To the coding page through the question's navigation, by keyboard.
      await tabTo(
        page,
        page.getByRole('navigation', { name: 'Onderdelen van deze vraag' }).getByRole('link', {
          name: 'Coderen',
        }),
      );
      await page.keyboard.press('Enter');
      await page.getByText('0 van 8 antwoorden gecodeerd door u.').waitFor();
      await checkPage(page);

      const first = page.getByRole('article').first();
      await tabTo(page, first.getByRole('checkbox', { name: 'Structuur' }));
      await page.keyboard.press('Space');
      const save = first.getByRole('button', { name: 'Codering opslaan' });
      await tabTo(page, save);
      await page.keyboard.press('Enter');
      await first.getByRole('status').getByText('Codering opgeslagen: 1 thema.').waitFor();
      // Saved in place: the focus stays at the answer's button.
      expect(await save.evaluate(isFocused)).toBe(true);

      const second = page.getByRole('article').nth(1);
      await tabTo(page, second.getByRole('checkbox', { name: 'Agenda' }));
      await page.keyboard.press('Space');
      const saveSecond = second.getByRole('button', { name: 'Codering opslaan' });
      await tabTo(page, saveSecond);
      await page.keyboard.press('Space');
      await second.getByRole('status').getByText('Codering opgeslagen: 1 thema.').waitFor();
      await checkPage(page);

      await page.reload();
      await page.getByText('2 van 8 antwoorden gecodeerd door u.').waitFor();
      expect(
        await page
          .getByRole('article')
          .first()
          .getByRole('checkbox', { name: 'Structuur' })
          .isChecked(),
      ).toBe(true);
    });
  }

  it('codes without JavaScript: the page comes back at the answer with its message', async () => {
    const key: OpenAnswerSourceKey = {
      questionnaire: 'vrijwilligerswerk',
      question: 47,
      part: 'text',
    };
    const page = await app.newPage({ javaScript: false });
    await page.setViewportSize({ width: 390, height: 900 });
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(`${base(key)}/coderen?zoek=structuur`);
    await page.getByText('0 van 8 antwoorden gecodeerd door u.').waitFor();
    // The search marks the word it found.
    expect(await page.locator('mark').first().textContent()).toMatch(/structuur/i);
    const first = page.getByRole('article').first();
    const id = (await first.getAttribute('id')) ?? '';
    await tabTo(page, first.getByRole('checkbox', { name: 'Structuur' }));
    await page.keyboard.press('Space');
    await tabTo(page, first.getByRole('button', { name: 'Codering opslaan' }));
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.hash === `#${id}` && url.search === '?zoek=structuur');
    await page
      .locator(`#${id}`)
      .getByRole('status')
      .getByText('Codering opgeslagen: 1 thema.')
      .waitFor();
    await page.getByText('1 van 8 antwoorden gecodeerd door u.').waitFor();
  });

  it('refuses a stale save from another tab without overwriting, in Dutch', async () => {
    const key: OpenAnswerSourceKey = {
      questionnaire: 'vrijwilligerswerk',
      question: 47,
      part: 'text',
    };
    const page = await app.newPage();
    await login(page, CAST_EMAILS.analyst);
    await page.goto(`${base(key)}/coderen`);
    const third = page.getByRole('article').nth(2);
    await third.getByRole('checkbox', { name: 'Agenda' }).waitFor();
    // The same coder saves the same answer elsewhere first.
    const loaded = await loadRound(app.handle.db, app.roundId);
    const codebook = await findCodebook(app.handle.db, app.roundId, key);
    const answerId = (await third.getAttribute('id'))?.replace('antwoord-', '') ?? '';
    const structuur = codebook?.themes.find((t) => t.name === 'Structuur')?.id ?? 0;
    await codeAnswer(app.handle.db, app.cast.analyst, app.roundId, key, answerId, [structuur], 0);
    expect(loaded.round.id).toBe(app.roundId);

    await tabTo(page, third.getByRole('checkbox', { name: 'Agenda' }));
    await page.keyboard.press('Space');
    await tabTo(page, third.getByRole('button', { name: 'Codering opslaan' }));
    await page.keyboard.press('Enter');
    await third
      .getByRole('status')
      .getByText(/intussen gewijzigd/)
      .waitFor();
  });
});

describe('the agreement page', () => {
  it('shows kappa per theme and the disagreements after two coders, and settles one', async () => {
    const key: OpenAnswerSourceKey = {
      questionnaire: 'vrijwilligerswerk',
      question: 47,
      part: 'text',
    };
    const loaded = await loadRound(app.handle.db, app.roundId);
    const codebook = await findCodebook(app.handle.db, app.roundId, key);
    const id = (name: string) => codebook?.themes.find((t) => t.name === name)?.id ?? 0;
    // The coordinator codes every answer: Structuur for 'structuur', Agenda for 'agenda' (one
    // answer was coded already, without JavaScript: that coding is saved again from its revision).
    const mine = await readMyCodings(app.handle.db, app.cast.coordinator, app.roundId, key);
    for (const [i, code] of CODES.entries()) {
      const text = (TEXTS[i] ?? '').toLowerCase();
      const themes = [
        ...(text.includes('structuur') ? [id('Structuur')] : []),
        ...(text.includes('agenda') ? [id('Agenda')] : []),
      ];
      await codeAnswer(
        app.handle.db,
        app.cast.coordinator,
        app.roundId,
        key,
        computeAnswerId(loaded.round.answerKeySalt, key, code),
        themes,
        mine.codings.get(computeAnswerId(loaded.round.answerKeySalt, key, code))?.revision ?? 0,
      );
    }
    for (const width of [1280, 390]) {
      const page = await app.newPage();
      await page.setViewportSize({ width, height: 900 });
      await login(page, CAST_EMAILS.analyst);
      await page.goto(`${base(key)}/overeenstemming`);
      const table = page.getByRole('table', { name: 'Overeenstemming per thema (Cohen’s kappa)' });
      await table.getByRole('rowheader', { name: 'Structuur' }).waitFor();
      // Kappa with two decimals: rounded to one, 0,96 read '1' (perfect) beside disagreements.
      for (const kappa of await table.locator('tbody tr td:first-of-type').allInnerTexts())
        expect(kappa).toMatch(/^(-?\d,\d\d|–)$/);
      await checkPage(page);
      if (width === 390) continue;
      const settle = page.getByRole('button', { name: 'Besluit opslaan' }).first();
      await tabTo(page, settle);
      await page.keyboard.press('Enter');
      await page.getByText('Het besluit over de codering is opgeslagen.').waitFor();
      await checkPage(page);
    }
  });
});

describe('the analyst never receives a municipality name or code', () => {
  it('in the coding, codebook and agreement pages, and in the coding API', async () => {
    const key: OpenAnswerSourceKey = {
      questionnaire: 'vrijwilligerswerk',
      question: 47,
      part: 'text',
    };
    const loaded = await loadRound(app.handle.db, app.roundId);
    const municipalities = loaded.municipalities.map((m) => ({ code: m.code, name: m.name }));
    const texts: Record<string, string> = {};
    const page = await app.newPage();
    await login(page, CAST_EMAILS.analyst);
    for (const sub of ['codeboek?uitsplitsing=groep', 'coderen', 'overeenstemming']) {
      await page.goto(`${base(key)}/${sub}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      // With codings now: the codebook page draws its chart, the others list answers.
      await checkPage(page);
      texts[`page ${sub}`] = await page.content();
    }
    const issued = await issueApiToken(app.handle.db, app.cast.coordinator, {
      name: 'analist',
      email: CAST_EMAILS.analyst,
      days: 1,
    });
    if (!issued.ok) throw new Error('expected a token');
    const api = `/api/rounds/${app.roundId}/open-answers/vrijwilligerswerk/47/text`;
    for (const path of ['codebook?breakdown=province', 'codings/mine', 'agreement']) {
      const response = await fetch(`${app.url}${api}/${path}`, {
        headers: { Authorization: `Bearer ${issued.token}` },
      });
      expect(response.status).toBe(200);
      texts[`api ${path}`] = await response.text();
    }
    // The agreement lists disagreements (answer texts with their origin): there is something
    // to leak, and nothing leaks.
    expect(texts['api agreement']).toMatch(/"disagreements":\[\{/);
    const found = findMunicipalities(texts, municipalities);
    // Groningen is also a province, which an anonymised origin may name.
    expect(found.names.filter((name) => !ALLOWED_NAME_TOKENS.includes(name))).toEqual([]);
    expect(found.codes).toEqual([]);
  });
});

/** The parts of the coding API's answers this test reads. */
interface ApiBody {
  readonly codebook: { readonly version: number; readonly themes: { id: number; name: string }[] };
  readonly theme: { readonly id: number };
  readonly message: string;
  readonly errors: unknown;
  readonly codings: { answerId: string; revision: number }[];
  readonly national: { readonly counts: (number | null)[] };
}

describe('coding over the API', () => {
  it('adds and moves a theme, codes by pseudonym, refuses stale changes (409), settles and removes', async () => {
    const key: OpenAnswerSourceKey = {
      questionnaire: 'vrijwilligerswerk',
      question: 11,
      part: 'text',
    };
    const loaded = await loadRound(app.handle.db, app.roundId);
    const issued = await issueApiToken(app.handle.db, app.cast.coordinator, {
      name: 'analist-api',
      email: CAST_EMAILS.analyst,
      days: 1,
    });
    if (!issued.ok) throw new Error('expected a token');
    const api = `${app.url}/api/rounds/${app.roundId}/open-answers/vrijwilligerswerk/11/text`;
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${api}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${issued.token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as ApiBody };
    };
    const before = await call('GET', '/codebook?breakdown=size');
    expect(before.status).toBe(200);
    const version = before.body.codebook.version;
    expect(before.body.codebook.themes.map((t) => t.name)).toEqual(['Structuur', 'Agenda']);

    const added = await call('POST', '/codebook/themes', {
      name: 'Signalen',
      description: 'Geen signalen',
      baseVersion: version,
    });
    expect(added.status).toBe(201);
    const signalen = added.body.theme.id;
    const stale = await call('POST', '/codebook/themes', { name: 'Ander', baseVersion: version });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/intussen gewijzigd/);
    const duplicate = await call('POST', '/codebook/themes', {
      name: 'SIGNALEN',
      baseVersion: version + 1,
    });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.errors).toEqual([
      {
        field: 'name',
        message:
          'Er is al een thema ‘Signalen’ in dit codeboek. Kies een andere naam, of pas dat thema aan.',
      },
    ]);
    const moved = await call('PUT', `/codebook/themes/${signalen}`, {
      name: 'Signalen',
      description: 'Geen signalen van misbruik',
      baseVersion: version + 1,
      move: 'up',
    });
    expect(moved.status).toBe(200);
    expect(moved.body.codebook.themes.map((t) => t.name)).toEqual([
      'Structuur',
      'Signalen',
      'Agenda',
    ]);

    const answerId = computeAnswerId(loaded.round.answerKeySalt, key, '0005');
    const mine = await call('GET', '/codings/mine');
    const revision = mine.body.codings.find((c) => c.answerId === answerId)?.revision ?? 0;
    const coded = await call('PUT', `/answers/${answerId}/coding`, {
      themeIds: [signalen],
      baseRevision: revision,
    });
    expect(coded.status).toBe(200);
    expect(coded.body).toEqual({ themeIds: [signalen], revision: revision + 1, changed: true });
    const again = await call('PUT', `/answers/${answerId}/coding`, {
      themeIds: [],
      baseRevision: revision,
    });
    expect(again.status).toBe(409);

    const settled = await call('PUT', `/answers/${answerId}/settlement`, { themeIds: [signalen] });
    expect(settled.status).toBe(200);
    const counts = await call('GET', '/codebook');
    expect(counts.body.national.counts[1]).toBe(1);

    const removed = await call(
      'DELETE',
      `/codebook/themes/${signalen}?baseVersion=${moved.body.codebook.version}`,
    );
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ codingsTouched: 1, settlementsTouched: 1 });
  });
});
