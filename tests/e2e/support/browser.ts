/**
 * Browser test support: Debian's Chromium driven by playwright-core, an in-process web
 * server on a fresh database, axe-core for WCAG 2.1 A/AA, and a login() fixture.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../../src/db/client.ts';
import { loadReferenceData } from '../../../src/services/reference-data.ts';
import {
  startWebServer,
  type RunningServer,
  type WebServerOptions,
} from '../../../src/web/server.ts';
import {
  seedCastWithOpenRound,
  TEST_PASSWORD,
  type Cast,
  type CastWithRound,
} from '../../support/factories.ts';

export const CHROMIUM = process.env.BFM_CHROMIUM ?? '/usr/bin/chromium';
export const browserAvailable = existsSync(CHROMIUM);

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export interface TestApp {
  readonly url: string;
  readonly handle: DatabaseHandle;
  readonly browser: Browser;
  /** A fresh browser context (its own cookies), optionally without JavaScript. */
  newPage(options?: { javaScript?: boolean }): Promise<Page>;
  dispose(): Promise<void>;
}

/** The password of every account the factories create (tests/support/factories.ts). */
export const PASSWORD = TEST_PASSWORD;

/** Server settings a test is about (PUBLIC_URL, trusted proxies, production mode). */
export type TestServerOptions = Partial<
  Pick<WebServerOptions, 'publicUrl' | 'trustProxy' | 'production'>
>;

export async function startTestApp(serverOptions: TestServerOptions = {}): Promise<TestApp> {
  const dir = await mkdtemp(join(tmpdir(), 'bfm-e2e-'));
  const handle = await openDatabase({ dataDir: join(dir, 'data') });
  await handle.migrate();
  await loadReferenceData(handle.db);
  const server: RunningServer = await startWebServer({ ...serverOptions, handle, port: 0 });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const contexts: BrowserContext[] = [];
  return {
    url: server.url,
    handle,
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({
        javaScriptEnabled: options.javaScript ?? true,
        baseURL: server.url,
        locale: 'nl-NL',
      });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => {
        throw error;
      });
      return page;
    },
    async dispose() {
      for (const context of contexts) await context.close();
      await browser.close();
      await server.close();
      await handle.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Logs in through the login form. */
export async function login(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto('/inloggen');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/inloggen'));
}

/** Opens the note (toelichting) of an item on a questionnaire page: it is folded away until wanted. */
export async function openNote(page: Page, question: number): Promise<void> {
  const details = page.locator(`details:has(#toelichting-${question})`);
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
}

/** Waits until a questionnaire page saves itself (JavaScript has taken over the form). */
export async function waitForAutosave(page: Page): Promise<void> {
  await page.locator('form[data-autosave="aan"]').waitFor();
}

/** Runs axe-core on the page and fails on any WCAG 2.1 A/AA violation. */
export async function expectAccessible(page: Page): Promise<void> {
  await page.evaluate(axeSource);
  // Evaluated as a string: the callback runs in the browser, where axe and document exist.
  const result = (await page.evaluate(
    "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })",
  )) as { violations: { id: string; help: string; nodes: { target: string[] }[] }[] };
  const summary = result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/**
 * A test app with the cast (tests/support/factories.ts; `members` limits it, the coordinator
 * is always there) and an open round, 'meting-2026' (Meting 2026) unless named otherwise.
 */
export async function startAppWithOpenRound<K extends keyof Cast = keyof Cast>(
  options: {
    members?: readonly K[];
    roundId?: string;
    roundName?: string;
    server?: TestServerOptions;
  } = {},
): Promise<TestApp & CastWithRound<K>> {
  const app = await startTestApp(options.server);
  try {
    return { ...app, ...(await seedCastWithOpenRound(app.handle.db, options)) };
  } catch (error) {
    await app.dispose();
    throw error;
  }
}

/**
 * Runs axe-core on what a page without JavaScript shows: axe cannot run in such a page (its
 * timers never fire), so the same address is opened in a fresh context with the same
 * cookies, viewport and JavaScript, where the hydrated page has the same markup. Only for
 * pages reached with GET, which can be loaded again.
 */
export async function expectAccessibleWithoutJavaScript(page: Page): Promise<void> {
  const browser = page.context().browser();
  if (!browser) throw new Error('the page has no browser');
  const context = await browser.newContext({
    storageState: await page.context().storageState(),
    viewport: page.viewportSize(),
    locale: 'nl-NL',
  });
  try {
    const checked = await context.newPage();
    checked.on('pageerror', (error) => {
      throw error;
    });
    await checked.goto(page.url());
    await expectAccessible(checked);
  } finally {
    await context.close();
  }
}
