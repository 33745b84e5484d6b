/** Links are built on the configured address, never on the request (issue 8, item 7). */
import { describe, expect, it } from 'vitest';
import { assertPublicUrlConfigured, listeningUrl, resolvePublicUrl } from './public-url.ts';

describe('the public address', () => {
  it('refuses to start in production without PUBLIC_URL, naming the variable and an example', () => {
    expect(() => assertPublicUrlConfigured(undefined, true)).toThrow(
      /PUBLIC_URL ontbreekt.*PUBLIC_URL=https:\/\/monitor\.example\.nl/s,
    );
    expect(() => assertPublicUrlConfigured('https://monitor.example.nl', true)).not.toThrow();
    expect(() => assertPublicUrlConfigured(undefined, false)).not.toThrow();
  });

  it('is the configured address, without a trailing slash', () => {
    expect(resolvePublicUrl('https://monitor.example.nl/', '127.0.0.1', 3000)).toBe(
      'https://monitor.example.nl',
    );
    expect(resolvePublicUrl('https://example.nl/monitor/', '127.0.0.1', 3000)).toBe(
      'https://example.nl/monitor',
    );
  });

  it('defaults in development to the listening address', () => {
    expect(resolvePublicUrl(undefined, '127.0.0.1', 4321)).toBe('http://127.0.0.1:4321');
    expect(resolvePublicUrl(undefined, '0.0.0.0', 3000)).toBe('http://localhost:3000');
    expect(listeningUrl('::1', 3000)).toBe('http://[::1]:3000');
  });
});
