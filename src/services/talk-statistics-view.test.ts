import { describe, expect, it } from 'vitest';
import { showRise } from './talk-statistics-view.ts';

describe('showRise', () => {
  it('writes the count, the base and the percentage the Dutch way', () => {
    expect(showRise({ municipalities: 16, rose: 6, percentRose: 37.5, suppressed: false })).toBe(
      '6 van 16 (37,5%)',
    );
  });
  it("says 'onderdrukt' for a withheld group and '–' for an empty one", () => {
    expect(showRise({ municipalities: 3, rose: null, percentRose: null, suppressed: true })).toBe(
      'onderdrukt',
    );
    expect(showRise({ municipalities: 0, rose: 0, percentRose: null, suppressed: false })).toBe(
      '–',
    );
  });
});
