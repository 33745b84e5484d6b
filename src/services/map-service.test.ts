import { describe, expect, it } from 'vitest';
import { CATEGORY_COLOURS, renderResponseMap } from './map-service.ts';

describe('renderResponseMap', () => {
  const rows = [
    { code: '0363', category: 'submitted' as const, title: 'Amsterdam: ingediend' },
    { code: '0014', category: 'declined' as const, title: 'Groningen: doet niet mee' },
  ];

  it('colours each municipality by its category and links it when asked', () => {
    const svg = renderResponseMap(rows, { href: (code) => `/gemeenten/${code}` });
    expect(svg).toContain(CATEGORY_COLOURS.submitted);
    expect(svg).toContain(CATEGORY_COLOURS.declined);
    expect(svg).toContain('<a href="/gemeenten/0363" tabindex="-1">');
    expect(svg).toContain('<title>Amsterdam: ingediend</title>');
    expect(svg).not.toContain('<style');
  });

  it('draws a changed status again, and gives the same map for the same rows', () => {
    const first = renderResponseMap(rows);
    expect(renderResponseMap([...rows])).toBe(first);
    const changed = renderResponseMap([{ ...rows[0]!, category: 'later' }, rows[1]!]);
    expect(changed).not.toBe(first);
    expect(changed).toContain(CATEGORY_COLOURS.later);
    expect(renderResponseMap(rows, { href: (code) => `/x/${code}` })).not.toBe(first);
  });
});
