import { afterAll, beforeAll, it } from 'vitest';
import { loadDemoRound, DEMO_ROUND_ID } from '../../src/services/demo-data.ts';
import { CAST_EMAILS } from '../support/factories.ts';
import { login, startAppWithOpenRound } from './support/browser.ts';

let app: Awaited<ReturnType<typeof startAppWithOpenRound>>;
beforeAll(async () => {
  app = await startAppWithOpenRound();
  await loadDemoRound(app.handle.db);
}, 120_000);
afterAll(async () => app?.dispose());

it('shots', async () => {
  for (const width of [1280, 390]) {
    const page = await app.newPage({ javaScript: true });
    await page.setViewportSize({ width, height: 900 });
    await login(page, CAST_EMAILS.municipality);
    await page.goto(`/metingen/${DEMO_ROUND_ID}/gemeenten/0363/rapport`);
    const h = (await page.evaluate('document.documentElement.scrollHeight')) as number;
    for (let y = 0, i = 0; y < Math.min(h, 4800); y += 2400, i += 1)
      await page.screenshot({ path: `/tmp/shots/rep-${width}-${String(i).padStart(2, '0')}.png`, fullPage: true, clip: { x: 0, y, width, height: Math.min(2400, h - y) } });
    await page.locator('section[aria-labelledby="aanbod-gebruik"]').screenshot({ path: `/tmp/shots/offer-${width}.png` });
    await page.locator('section[aria-labelledby="aandacht-mantelzorg"]').screenshot({ path: `/tmp/shots/attention-${width}.png` });
    await page.goto(`/metingen/${DEMO_ROUND_ID}/regio?rond=0363`);
    await page.screenshot({ path: `/tmp/shots/region-${width}.png`, fullPage: true });
  }
  const res = await (await app.newPage()).context().request; void res;
}, 120_000);
