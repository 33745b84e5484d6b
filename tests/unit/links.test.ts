/** The links in e-mail lead to real routes of the web app. */
import { describe, expect, it } from 'vitest';
import routes from '../../app/routes.ts';
import { createLinks } from '../../src/web/links.ts';

function matchesARoute(pathname: string): boolean {
  return routes.some((route) => {
    if (!route.path) return false;
    const pattern = route.path
      .split('/')
      .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment))
      .join('/');
    return new RegExp(`^/${pattern}$`).test(pathname);
  });
}

describe('createLinks', () => {
  const links = createLinks('https://monitor.example.nl/');

  it('builds links under the public address, on routes that exist', () => {
    for (const link of [
      links.invitation('abc_-1'),
      links.passwordReset('xyz'),
      links.municipality('2026', '0363'),
      // Issue 12, helper B: the digest mail's links (links.talk is helper A's page).
      links.action(12),
      links.actions(),
      links.settings(),
    ]) {
      const url = new URL(link);
      expect(url.origin).toBe('https://monitor.example.nl');
      expect(matchesARoute(url.pathname), link).toBe(true);
    }
  });

  it('escapes what goes into a path', () => {
    expect(links.municipality('meting 2026', '0363')).toBe(
      'https://monitor.example.nl/metingen/meting%202026/gemeenten/0363',
    );
  });
});
