/**
 * End to end: the demo follow-up round (decision 023) appears next to demo-2009 in the round
 * list, and its pages (the round, its analysis, Eemsdelta's report) work on the 2025 register,
 * accessible at the phone and desktop width. The trend pages are tested by the trend helper.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_FOLLOW_UP_ROUND_ID,
  DEMO_FOLLOW_UP_ROUND_NAME,
  DEMO_ROUND_NAME,
  loadDemoRounds,
} from '../../src/services/demo-data.ts';
import { CAST_EMAILS } from '../support/factories.ts';
import { expectAccessible, login, startAppWithOpenRound } from './support/browser.ts';

let app: Awaited<ReturnType<typeof startAppWithOpenRound>>;

beforeAll(async () => {
  app = await startAppWithOpenRound();
  await loadDemoRounds(app.handle.db);
}, 180_000);

afterAll(async () => {
  await app?.dispose();
});

async function checkBothWidths(page: Page): Promise<void> {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const widths = (await page.evaluate(
      '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
    )) as [number, number];
    expect(widths[0], `no sideways scrolling at ${width} px on ${page.url()}`).toBeLessThanOrEqual(
      widths[1],
    );
    await expectAccessible(page);
  }
}

describe('the demo follow-up round', () => {
  it('is listed next to the 2009 demo round, and its pages on the 2025 register are accessible', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.coordinator);
    await page.goto('/metingen');
    await expect.poll(() => page.getByText(DEMO_ROUND_NAME).count()).toBeGreaterThan(0);
    await page.getByRole('link', { name: DEMO_FOLLOW_UP_ROUND_NAME }).first().click();
    await page.waitForURL(`**/metingen/${DEMO_FOLLOW_UP_ROUND_ID}`);
    await checkBothWidths(page);
    expect(await page.locator('body').innerText()).toMatch(/synthetisch/i);

    const analysis = await page.goto(`/metingen/${DEMO_FOLLOW_UP_ROUND_ID}/analyse`);
    expect(analysis?.status()).toBe(200);
    // 292 of the 342 municipalities of 2025 answered (decision 023).
    expect(await page.locator('main').innerText()).toContain('342');
    await checkBothWidths(page);

    const eemsdelta = await page.goto(
      `/metingen/${DEMO_FOLLOW_UP_ROUND_ID}/gemeenten/1979/rapport`,
    );
    expect(eemsdelta?.status()).toBe(200);
    expect(await page.locator('h1').innerText()).toContain('Eemsdelta');
    await checkBothWidths(page);
    await page.close();
  });
});
