/**
 * End to end: the trend pages (issue 11) in Chromium with axe at 390 and 1280 pixels, with and
 * without JavaScript and by keyboard. A follow-up round on the 2025 register follows the demo
 * round of 2009; the pages carry the service's figures.
 */
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rounds } from '../../src/db/schema.ts';
import { storeAnswers } from '../../src/services/answer-store.ts';
import {
  DEMO_ROUND_ID,
  generateSyntheticAnswers,
  loadDemoRound,
} from '../../src/services/demo-data.ts';
import { createRound, loadRound } from '../../src/services/round-service.ts';
import { compareRounds, loadMunicipalityTrend } from '../../src/services/trend-service.ts';
import { issueApiToken } from '../../src/services/api-token-service.ts';
import { CAST_EMAILS, seedAccounts, type Cast } from '../support/factories.ts';
import {
  expectAccessible,
  expectAccessibleWithoutJavaScript,
  login,
  startTestApp,
  type TestApp,
} from './support/browser.ts';

let app: TestApp;
let cast: Cast;
const LATER = 'vervolg-2025';
const PAGE = `/metingen/${LATER}/analyse/ontwikkeling`;

beforeAll(async () => {
  app = await startTestApp();
  await loadDemoRound(app.handle.db);
  cast = await seedAccounts(app.handle.db);
  await app.handle.db.transaction(async (tx) => {
    await createRound(tx, {
      id: LATER,
      name: 'Vervolgmeting 2025',
      registerId: '2025',
      synthetic: true,
    });
    await tx.update(rounds).set({ previousRoundId: DEMO_ROUND_ID }).where(eq(rounds.id, LATER));
    const loaded = await loadRound(tx, LATER);
    await storeAnswers(
      tx,
      loaded,
      generateSyntheticAnswers(loaded.instrument, loaded.municipalities, { seed: 2025 }),
      [],
    );
  });
}, 180_000);

afterAll(async () => {
  await app?.dispose();
});

/** Runs the check at the phone and the desktop width; nothing may scroll sideways on a phone. */
async function atBothWidths(page: Page, check: (page: Page) => Promise<void>): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  await check(page);
  const widths = (await page.evaluate(
    '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
  )) as [number, number];
  expect(widths[0]).toBeLessThanOrEqual(widths[1]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await check(page);
}

async function readTable(page: Page, caption: string | RegExp): Promise<string[][]> {
  const table = page.getByRole('table', { name: caption });
  await table.waitFor();
  const rows = await table.locator('tr').all();
  return Promise.all(
    rows.map(async (row) =>
      (await row.locator('th, td').allTextContents()).map((text) => text.trim()),
    ),
  );
}

const percent = (value: number | null) =>
  value === null ? '–' : `${Number.isInteger(value) ? value : value.toFixed(1).replace('.', ',')}%`;

describe('the national trend page', () => {
  it("shows an analyst the service's figures and transition tables, without JavaScript", async () => {
    const page = await app.newPage({ javaScript: false });
    await login(page, CAST_EMAILS.analyst);
    await page.goto(PAGE);
    await atBothWidths(page, expectAccessibleWithoutJavaScript);
    const reference = await compareRounds(app.handle.db, DEMO_ROUND_ID, LATER);
    const shares = await readTable(page, /per basisfunctie, eerder en nu/);
    reference.basisfuncties.forEach((bf, i) => {
      expect(shares[i + 1]).toEqual([
        bf.name,
        bf.questionnaire,
        percent(bf.from.percentGoed),
        String(bf.from.respondents),
        percent(bf.to.percentGoed),
        String(bf.to.respondents),
      ]);
    });
    const respijt = reference.basisfuncties.find((b) => b.basisfunctie === 'respijtzorg')!;
    const table = await readTable(page, /^Respijtzorg: gemeenten van klasse eerder/);
    expect(table[0]).toEqual([
      'Eerder \\ nu',
      'aandacht nodig',
      'op de goede weg',
      'goed voor elkaar',
      'geen cijfer',
    ]);
    reference.bands.forEach((from, r) =>
      expect(table[r + 1]?.slice(1)).toEqual(
        reference.bands.map((to) => String(respijt.transitions[from]?.[to])),
      ),
    );
    // The earlier round, the rule and the filter by form, still without JavaScript.
    await page.getByLabel('Voorgangers samennemen als').selectOption('grootste-voorganger');
    await page.getByLabel('Provincie').selectOption('PV20');
    await page.getByRole('button', { name: 'Ontwikkeling tonen' }).click();
    await page.waitForURL(/regel=grootste-voorganger/);
    await expect(
      page.getByText('Voorgangers samengenomen als: cijfer van de grootste voorganger.').count(),
    ).resolves.toBe(1);
  });

  it('works by keyboard with JavaScript for the coordinator', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(`/metingen/${LATER}/analyse`);
    await page.getByRole('link', { name: 'Ontwikkeling' }).click();
    await page.waitForURL(/\/analyse\/ontwikkeling/);
    await page.getByLabel('Voorgangers samennemen als').focus();
    await page.keyboard.press('ArrowDown');
    let found = false;
    for (let i = 0; i < 10 && !found; i += 1) {
      await page.keyboard.press('Tab');
      found =
        (await page.evaluate('document.activeElement && document.activeElement.textContent')) ===
        'Ontwikkeling tonen';
    }
    expect(found).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/regel=aandeel-goed/);
    await atBothWidths(page, expectAccessible);
  });

  it('gives a municipality account no filter and withholds small cells', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.municipality);
    await page.goto(`${PAGE}?provincie=PV20`);
    await expect(page.getByLabel('Provincie').count()).resolves.toBe(0);
    await expect(
      page.getByText('Het filter in het adres is niet toegepast', { exact: false }).count(),
    ).resolves.toBe(1);
    const reference = await compareRounds(app.handle.db, DEMO_ROUND_ID, LATER);
    const respijt = reference.basisfuncties.find((b) => b.basisfunctie === 'respijtzorg')!;
    const table = await readTable(page, /^Respijtzorg: gemeenten van klasse eerder/);
    reference.bands.forEach((from, r) =>
      reference.bands.forEach((to, c) => {
        const count = respijt.transitions[from]?.[to] ?? 0;
        const shown = table[r + 1]?.[c + 1];
        if (count > 0 && count < 5) expect(shown).toBe('onderdrukt');
        else if (shown !== 'onderdrukt') expect(shown).toBe(String(count));
      }),
    );
    await atBothWidths(page, expectAccessible);
  });
});

describe('the municipality trend page', () => {
  it("shows Eemsdelta's predecessors side by side and the change in words", async () => {
    const page = await app.newPage({ javaScript: false });
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(`/metingen/${LATER}/gemeenten/1979/ontwikkeling`);
    await atBothWidths(page, expectAccessibleWithoutJavaScript);
    const trend = await loadMunicipalityTrend(app.handle.db, LATER, '1979');
    const respijt = trend.basisfuncties.find((b) => b.basisfunctie === 'respijtzorg')!;
    await expect(page.getByText(`${respijt.change}.`, { exact: true }).count()).resolves.toBe(1);
    const predecessors = await readTable(page, /^Respijtzorg: de cijfers van de voorgangers/);
    expect(predecessors.slice(1, 4).map((row) => row[0])).toEqual([
      'Appingedam',
      'Delfzijl',
      'Loppersum',
    ]);
    expect(predecessors[4]?.[0]).toBe('Samen (gewogen gemiddeld cijfer (naar inwoners))');
  });

  it('lets a municipality read its own trend, by keyboard, and not another one', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.municipality);
    await page.goto(`/metingen/${LATER}/gemeenten/0363`);
    await page
      .getByRole('link', { name: 'Ontwikkeling van de cijfers sinds eerdere metingen' })
      .click();
    await page.waitForURL(/0363\/ontwikkeling/);
    const marks = await readTable(page, 'Respijtzorg: cijfer per meting');
    expect(marks.map((row) => row[0])).toEqual([
      'Meting',
      'Demonstratiemeting 2009 (synthetische gegevens)',
      'Vervolgmeting 2025',
    ]);
    await page.getByLabel('Voorgangers samennemen als').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/regel=aandeel-goed/);
    await atBothWidths(page, expectAccessible);
    const other = await page.goto(`/metingen/${LATER}/gemeenten/0014/ontwikkeling`);
    expect(other?.status()).toBe(404);
  });
});

describe("the merged municipality's report", () => {
  it('shows the predecessors side by side with the combined baseline', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.coordinator);
    await page.goto(`/metingen/${LATER}/gemeenten/1979/rapport`);
    const table = await readTable(page, /^Cijfers van de voorgangers in/);
    expect(table[0]?.slice(1)).toEqual([
      'Appingedam (geheel)',
      'Delfzijl (geheel)',
      'Loppersum (geheel)',
      'Samen',
    ]);
    expect(table).toHaveLength(15); // header + 14 basisfuncties
    await atBothWidths(page, expectAccessible);
  });
});

describe('the trend API', () => {
  it('gives the coordinator the figures of the service (and so of bfm compare --json)', async () => {
    const issued = await issueApiToken(app.handle.db, cast.coordinator, {
      name: 'trend',
      email: CAST_EMAILS.coordinator,
      days: 1,
    });
    if (!issued.ok) throw new Error('expected a token');
    const response = await fetch(`${app.url}/api/rounds/${LATER}/comparison?rule=aandeel-goed`, {
      headers: { Authorization: `Bearer ${issued.token}` },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    const service = await compareRounds(app.handle.db, DEMO_ROUND_ID, LATER, {
      rule: 'aandeel-goed',
    });
    const { basisfuncties, ...rest } = JSON.parse(JSON.stringify(service)) as typeof service;
    expect(body).toMatchObject({ ...rest, protection: 'none', filterable: true });
    expect(body.basisfuncties).toEqual(basisfuncties.map((bf) => ({ ...bf, suppressed: false })));
    const refused = await fetch(`${app.url}/api/rounds/${LATER}/comparison?rule=gemiddeld`, {
      headers: { Authorization: `Bearer ${issued.token}` },
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toContain(
      "Onbekende regel 'gemiddeld'",
    );
  });
});
