/**
 * End to end: the product's own look and shell. The main pages pass axe at 1280 and at
 * 390 pixels wide and never scroll sideways on a phone; the menu marks the current page;
 * the breadcrumbs show the whole path; every page has a title of its own; focus is visible;
 * the 404 and 403 pages keep the menu; responses are compressed; there is a favicon; and a
 * missing static file is a plain 404 that logs nothing.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteMunicipalities } from '../../src/services/invitation-service.ts';
import { createMailer } from '../../src/services/mail-service.ts';
import { CAST_EMAILS, createStaff, TEST_LINKS } from '../support/factories.ts';
import { expectAccessible, login, startAppWithOpenRound } from './support/browser.ts';

let app: Awaited<ReturnType<typeof startAppWithOpenRound>>;

const ROUND = '/metingen/meting-2026';
const AMSTERDAM = `${ROUND}/gemeenten/0363`;

/** Pages for a logged-in coordinator, with tables and forms among them. */
const COORDINATOR_PAGES = [
  '/',
  '/metingen',
  ROUND,
  AMSTERDAM,
  `${AMSTERDAM}/mantelzorg/informatie`,
  `${AMSTERDAM}/vrijwilligerswerk/verbinden-en-makelen`,
  `${AMSTERDAM}/vrijwilligerswerk/indienen`,
  `${AMSTERDAM}/logboek`,
  '/accounts',
  '/postvak',
  '/api-sleutels',
  '/vergelijkingsgroepen',
  '/over',
];
const PUBLIC_PAGES = ['/', '/inloggen', '/wachtwoord-vergeten', '/over'];

beforeAll(async () => {
  app = await startAppWithOpenRound();
  // A long e-mail address in the accounts table, which must not make a phone scroll sideways.
  await createStaff(app.handle.db, {
    email: 'adviseur.noord-holland@provincie-noord-holland.example.nl',
    name: 'Ada Adviseur',
    role: 'advisor',
    provinces: ['PV27'],
  });
  // Mail in the outbox, with long links and addresses.
  const invited = await inviteMunicipalities(app.handle.db, createMailer(), app.cast.coordinator, {
    roundId: 'meting-2026',
    contacts:
      'GM0363;beleid@amsterdam.nl\nGM0014;beleid.en.onderzoek@gemeente-groningen.example.nl',
    links: TEST_LINKS,
  });
  expect(invited).toMatchObject({ ok: true, sent: 2 });
});

afterAll(async () => {
  await app?.dispose();
});

async function pageAt(width: number, signedIn: boolean): Promise<Page> {
  const page = await app.newPage();
  await page.setViewportSize({ width, height: 900 });
  if (signedIn) await login(page, CAST_EMAILS.coordinator);
  return page;
}

// The tests are type-checked without the DOM: code run in the browser is a string or casts
// to the little it uses.
interface ScrollBox {
  readonly scrollWidth: number;
  readonly clientWidth: number;
  readonly scrollLeft: number;
}
type Styled = { getComputedStyle(element: unknown): { borderBottomColor: string } };

/** How far the page scrolls sideways (0 or less: not at all). */
function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
}

describe('the shell at 1280 and 390 pixels', () => {
  for (const width of [1280, 390]) {
    it(`passes axe at ${width}px${width === 390 ? ', without sideways scrolling' : ''}, with a title of its own on every page`, async () => {
      const titles = new Map<string, string>();
      for (const [signedIn, paths] of [
        [false, PUBLIC_PAGES],
        [true, COORDINATOR_PAGES],
      ] as const) {
        const page = await pageAt(width, signedIn);
        for (const path of paths) {
          await page.goto(path);
          await expectAccessible(page);
          if (width === 390) expect(await horizontalOverflow(page), path).toBeLessThanOrEqual(0);
          const title = await page.title();
          expect(title, path).toMatch(/Basisfunctiemonitor$/);
          // The start page and /over look the same logged in or out: one title each.
          const key = `${signedIn && path !== '/' && path !== '/over' ? 'in' : 'out'} ${path}`;
          titles.set(key, title);
        }
      }
      const all = [...titles.values()];
      expect(new Set(all).size, all.join('\n')).toBe(all.length);
    });
  }

  it('keeps the page from scrolling sideways at 390px on forms with errors', async () => {
    const page = await pageAt(390, true);
    await page.goto('/metingen');
    await page.getByRole('button', { name: 'Meting aanmaken' }).click();
    await page.getByRole('alert').waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectAccessible(page);
    await page.goto('/accounts');
    await page.getByRole('button', { name: 'Account aanmaken' }).click();
    await page.getByRole('alert').waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectAccessible(page);
  });

  it('puts labels above select boxes and text areas', async () => {
    const page = await pageAt(390, true);
    await page.goto('/metingen');
    for (const label of ['Instrumentversie', 'Register van gemeenten (peildatum)']) {
      const labelBox = await page.getByText(label, { exact: true }).boundingBox();
      const selectBox = await page.getByLabel(label).boundingBox();
      expect(selectBox!.y, label).toBeGreaterThanOrEqual(labelBox!.y + labelBox!.height);
    }
    await page.goto(`${ROUND}/uitnodigen`);
    const label = await page.getByText('Contactpersonen', { exact: true }).boundingBox();
    const textarea = await page.getByLabel('Contactpersonen').boundingBox();
    expect(textarea!.y).toBeGreaterThanOrEqual(label!.y + label!.height);
  });

  it('lets a wide table scroll in its own region, which takes keyboard focus', async () => {
    const page = await pageAt(390, true);
    await page.goto(ROUND);
    const region = page.getByRole('region', { name: 'Stand per gemeente en vragenlijst' });
    const scrolls = await region.evaluate((element) => {
      const box = element as unknown as ScrollBox;
      return box.scrollWidth > box.clientWidth;
    });
    expect(scrolls).toBe(true);
    await region.focus();
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => region.evaluate((element) => (element as unknown as ScrollBox).scrollLeft))
      .toBeGreaterThan(0);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });
});

describe('menu and breadcrumbs', () => {
  it('marks the current page in the main menu, which has the outbox for the coordinator', async () => {
    const page = await pageAt(1280, true);
    await page.goto('/accounts');
    const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
    const accounts = menu.getByRole('link', { name: 'Accounts' });
    expect(await accounts.getAttribute('aria-current')).toBe('page');
    expect(await menu.getByRole('link', { name: 'Metingen' }).getAttribute('aria-current')).toBe(
      null,
    );
    // The visual marker: a bar under the current item, none under the others.
    const bar = (name: string) =>
      menu
        .getByRole('link', { name })
        .evaluate(
          (link) => (globalThis as unknown as Styled).getComputedStyle(link).borderBottomColor,
        );
    expect(await bar('Accounts')).not.toBe(await bar('Metingen'));

    await menu.getByRole('link', { name: 'Postvak' }).click();
    await page.getByRole('heading', { name: 'Verstuurde e-mail', level: 1 }).waitFor();
    expect(await menu.getByRole('link', { name: 'Postvak' }).getAttribute('aria-current')).toBe(
      'page',
    );
    await page.goto(AMSTERDAM);
    // Below Metingen: the menu item says so, but the page is not the list itself.
    expect(await menu.getByRole('link', { name: 'Metingen' }).getAttribute('aria-current')).toBe(
      'true',
    );
  });

  it('shows the whole path on a deep page, with names from the data, and the title says it', async () => {
    const page = await pageAt(1280, true);
    await page.goto(`${AMSTERDAM}/mantelzorg/informatie`);
    const crumbs = page.getByRole('navigation', { name: 'Kruimelpad' }).getByRole('link');
    expect(await crumbs.allTextContents()).toEqual([
      'Home',
      'Metingen',
      'Meting 2026',
      'Amsterdam',
      'Mantelzorg',
      'Informatie',
    ]);
    expect(await crumbs.last().getAttribute('aria-current')).toBe('page');
    expect(await page.title()).toBe(
      'Informatie – Mantelzorg – Amsterdam – Meting 2026 – Basisfunctiemonitor',
    );
    await crumbs.getByText('Meting 2026').click();
    await page.getByRole('heading', { name: 'Meting 2026', level: 1 }).waitFor();
    expect(
      await page
        .getByRole('navigation', { name: 'Kruimelpad' })
        .getByRole('link')
        .allTextContents(),
    ).toEqual(['Home', 'Metingen', 'Meting 2026']);
  });
});

describe('focus', () => {
  it('shows a focus ring on a link, a text box and a button reached with the keyboard', async () => {
    const page = await pageAt(1280, false);
    await page.goto('/inloggen');
    const focusStyle = () =>
      page.evaluate(`(() => {
        const element = document.activeElement;
        const style = getComputedStyle(element);
        return {
          name: element.textContent.trim() || element.getAttribute('name'),
          outlineStyle: style.outlineStyle,
          outlineWidth: Number.parseFloat(style.outlineWidth),
          outlineColor: style.outlineColor,
          boxShadow: style.boxShadow,
        };
      })()`) as Promise<{
        name: string;
        outlineStyle: string;
        outlineWidth: number;
        outlineColor: string;
        boxShadow: string;
      }>;
    await page.keyboard.press('Tab'); // the skip link
    await page.keyboard.press('Tab'); // the product's name, a plain link
    const link = await focusStyle();
    expect(link.name).toBe('Basisfunctiemonitor');
    expect(link.outlineStyle).toBe('solid');
    expect(link.outlineWidth).toBeGreaterThanOrEqual(2);
    expect(link.outlineColor).toBe('rgb(26, 36, 39)');
    expect(link.boxShadow).toContain('rgb(255, 255, 255)');

    await page.getByLabel('E-mailadres').focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const textbox = await focusStyle();
    expect(textbox.name).toBe('email');
    expect(textbox.outlineStyle).toBe('solid');
    expect(textbox.outlineWidth).toBeGreaterThanOrEqual(2);

    await page.getByLabel('Wachtwoord').focus();
    await page.keyboard.press('Tab');
    const button = await focusStyle();
    expect(button.name).toBe('Inloggen');
    expect(button.outlineStyle).toBe('solid');
    expect(button.outlineWidth).toBeGreaterThanOrEqual(2);
  });
});

describe('error pages', () => {
  it('a page that does not exist: 404, a title, a plain message, and the menu', async () => {
    const page = await pageAt(1280, true);
    const response = await page.goto('/bestaat-niet');
    expect(response?.status()).toBe(404);
    await page.getByRole('heading', { name: 'Pagina niet gevonden', level: 1 }).waitFor();
    expect(await page.title()).toBe('Pagina niet gevonden – Basisfunctiemonitor');
    await page.getByText('Deze pagina bestaat niet.').waitFor();
    await page.getByRole('link', { name: 'Naar de startpagina' }).waitFor();
    const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await menu.getByRole('link', { name: 'Metingen' }).waitFor();
    await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
    const text = await page.locator('main').textContent();
    expect(text).not.toMatch(/Error|node_modules|bestaat-niet|\.tsx?:\d+/);
    await expectAccessible(page);
  });

  it('no access: 403, a title, and the menu of whoever is logged in', async () => {
    const page = await app.newPage();
    await login(page, CAST_EMAILS.analyst);
    const response = await page.goto('/postvak');
    expect(response?.status()).toBe(403);
    await page.getByRole('heading', { name: 'Geen toegang', level: 1 }).waitFor();
    expect(await page.title()).toBe('Geen toegang – Basisfunctiemonitor');
    const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await menu.getByRole('link', { name: 'Metingen' }).waitFor();
    expect(await menu.getByRole('link', { name: 'Postvak' }).count()).toBe(0);
    await expectAccessible(page);
  });
});

describe('assets', () => {
  it('compresses pages and assets, and keeps the page streamed', async () => {
    const page = await pageAt(1280, false);
    await page.goto('/');
    const html = await page.request.get('/', { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(html.headers()['content-encoding']).toMatch(/^(br|gzip)$/);
    expect(html.headers()['transfer-encoding']).toBe('chunked');
    expect(await html.text()).toContain('</html>');
    const stylesheet = await page.locator('link[rel="stylesheet"]').first().getAttribute('href');
    const css = await page.request.get(stylesheet!, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(css.headers()['content-encoding']).toBe('gzip');
  });

  it('serves a favicon, SVG and ICO, linked from every page', async () => {
    const page = await pageAt(1280, false);
    await page.goto('/');
    const icons = await Promise.all(
      (await page.locator('link[rel="icon"]').all()).map((link) => link.getAttribute('href')),
    );
    expect(icons).toEqual(['/favicon.ico', '/favicon.svg']);
    const ico = await page.request.get('/favicon.ico');
    expect(ico.status()).toBe(200);
    expect(ico.headers()['content-type']).toMatch(/^image\//);
    const svg = await page.request.get('/favicon.svg');
    expect(svg.status()).toBe(200);
    expect(await svg.text()).toContain('#0b5b61');
  });

  it('answers a missing static file with a plain 404 and logs nothing', async () => {
    const page = await pageAt(1280, false);
    for (const path of ['/favicon.png', '/apple-touch-icon.png', '/assets/bestaat-niet.js']) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(404);
      expect(response.headers()['content-type'], path).toMatch(/^text\/plain/);
      expect(await response.text(), path).toBe('Niet gevonden.');
    }
    // tests/support/setup.ts spies on console.error, where React Router logs.
    expect(console.error).not.toHaveBeenCalled();
  });
});
