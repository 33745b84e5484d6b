/** The return path after login never leaves the app (the open redirect of issue 8, item 10). */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETURN_PATH, safeReturnPath } from '../../app/lib/return-path.ts';

describe('safeReturnPath keeps the login redirect on this app', () => {
  // Each value as the login page receives it: already decoded once from the query string.
  it.each([
    ['backslash after the slash (/%5Cevil.example)', '/\\evil.example'],
    ['tab after the slash (/%09/evil.example)', '/\t/evil.example'],
    ['newline after the slash', '/\n/evil.example'],
    ['carriage return', '/\r//evil.example'],
    ['NUL byte', '/\u0000/evil.example'],
    ['protocol-relative', '//evil.example'],
    ['protocol-relative with path', '//evil.example/metingen'],
    ['backslash protocol-relative', '\\\\evil.example'],
    ['slash and backslash', '/\\/evil.example'],
    ['absolute https', 'https://evil.example'],
    ['absolute http', 'http://evil.example/metingen'],
    ['javascript: scheme', 'javascript:alert(1)'],
    ['data: scheme', 'data:text/html,<script>alert(1)</script>'],
    ['encoded slashes (/%2F%2Fevil.example)', '/%2F%2Fevil.example'],
    ['encoded slash and backslash', '/%2F%5Cevil.example'],
    ['encoded tab', '/%09/evil.example'],
    ['broken percent-encoding', '/%E0%A4%A'],
    ['relative path', 'metingen'],
    ['empty', ''],
    ['missing', null],
  ])('refuses %s', (_label, value) => {
    const result = safeReturnPath(value);
    expect(result).toBe(DEFAULT_RETURN_PATH);
    expect(new URL(result, 'https://monitor.example.nl').origin).toBe('https://monitor.example.nl');
  });

  it.each([
    ['/metingen', '/metingen'],
    ['/metingen/meting-2026?pagina=2&zoek=noord', '/metingen/meting-2026?pagina=2&zoek=noord'],
    ['/metingen/meting-2026/gemeenten/0363#inhoud', '/metingen/meting-2026/gemeenten/0363#inhoud'],
    ['/metingen/../postvak', '/postvak'],
    ['/', '/'],
    // Paths on this origin, however odd: the browser stays here.
    ['/@evil.example', '/@evil.example'],
    ['/%255Cevil.example', '/%255Cevil.example'],
  ])('keeps the path of this app %s', (value, expected) => {
    expect(safeReturnPath(value)).toBe(expected);
  });
});
