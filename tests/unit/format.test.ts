import { describe, expect, it } from 'vitest';
import {
  describeBands,
  formatCount,
  formatDate,
  formatDateTime,
  formatMark,
} from '../../app/lib/format.ts';

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

describe('counts, marks and bands', () => {
  it.each([
    [0, '0 gemeenten'],
    [1, '1 gemeente'],
    [2, '2 gemeenten'],
    [441, '441 gemeenten'],
    [1200, '1.200 gemeenten'],
  ])('formatCount(%d) is %s', (count, expected) => {
    expect(formatCount(count, 'gemeente', 'gemeenten')).toBe(expected);
  });

  it.each([
    [5, '5,0'],
    [4.375, '4,4'],
    [10, '10,0'],
    [0, '0,0'],
    [6.666666666666667, '6,7'],
    [3.3333333333333335, '3,3'],
    [5.625, '5,6'],
  ])('formatMark(%d) is %s', (mark, expected) => {
    expect(formatMark(mark)).toBe(expected);
  });

  it('explains the bands of the 2009 instrument, highest first', () => {
    expect(
      describeBands([
        { label: 'aandacht nodig', from: 0 },
        { label: 'op de goede weg', from: 5 },
        { label: 'goed voor elkaar', from: 6 },
      ]),
    ).toEqual([
      '6 of hoger: goed voor elkaar',
      '5 tot 6: op de goede weg',
      'lager dan 5: aandacht nodig',
    ]);
  });

  it('explains a single band', () => {
    expect(describeBands([{ label: 'alles', from: 0 }])).toEqual(['0 of hoger: alles']);
  });
});
