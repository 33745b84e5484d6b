import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from '../../app/lib/format.ts';

describe('dates on pages', () => {
  it.each([
    ['2026-01-15T12:00:00Z', '15-1-2026, 13:00:00'], // winter: UTC+1
    ['2026-07-15T12:00:00Z', '15-7-2026, 14:00:00'], // summer: UTC+2
    ['2026-03-29T00:59:59Z', '29-3-2026, 01:59:59'], // the last second before the clocks change
    ['2026-03-29T01:00:00Z', '29-3-2026, 03:00:00'],
  ])('formatDateTime(%s) is %s in Dutch time', (iso, expected) => {
    expect(formatDateTime(iso)).toBe(expected);
  });

  it('formats a date in Dutch time, and a missing one as a dash', () => {
    expect(formatDate('2026-12-31T23:30:00Z')).toBe('1-1-2027');
    expect(formatDate(null)).toBe('–');
  });
});
