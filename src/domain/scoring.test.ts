import { describe, expect, it } from 'vitest';
import type { ScoringRule } from './instrument.ts';
import { createRational } from './rational.ts';
import {
  computeMark,
  computeMarkFromPoints,
  DEFAULT_SCORING_RULE,
  findItemBand,
  sumPoints,
} from './scoring.ts';

describe('computeMark: footnote 2 of the 2009 report', () => {
  it('gemeente X: ten items averaging 2 points is a 5, not goed', () => {
    const result = computeMarkFromPoints([2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    expect(result.mark).toEqual(createRational(5));
    expect(result.goed).toBe(false);
    expect(result.band?.id).toBe('op-de-goede-weg');
  });

  it('gemeente Y: 2 × 1, 4 × 2 and 4 × 3 points is a 6, goed', () => {
    const result = computeMarkFromPoints([1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
    expect(result.totals).toEqual({ sum: 22, answered: 10, total: 10 });
    expect(result.mark).toEqual(createRational(6));
    expect(result.goed).toBe(true);
    expect(result.band?.id).toBe('goed-voor-elkaar');
  });
});

// Hand-computed: mark = 10 × (sum − n) / (2n). The bar of 6 needs sum ≥ 2.2n and the bar of 5
// needs sum ≥ 2n; each row gives the sums on both sides of each bar and the exact mark.
const boundaries: [n: number, sum: number, mark: [number, number], band: string][] = [
  [3, 5, [10, 3], 'aandacht-nodig'], // 3.33
  [3, 6, [5, 1], 'op-de-goede-weg'], // exactly 5
  [3, 7, [20, 3], 'goed-voor-elkaar'], // 6.67: the lowest goed for 3 items
  [5, 9, [4, 1], 'aandacht-nodig'],
  [5, 10, [5, 1], 'op-de-goede-weg'],
  [5, 11, [6, 1], 'goed-voor-elkaar'], // exactly 6
  [6, 11, [25, 6], 'aandacht-nodig'], // 4.17
  [6, 12, [5, 1], 'op-de-goede-weg'],
  [6, 13, [35, 6], 'op-de-goede-weg'], // 5.83
  [6, 14, [20, 3], 'goed-voor-elkaar'], // 6.67
  [7, 13, [30, 7], 'aandacht-nodig'], // 4.29
  [7, 14, [5, 1], 'op-de-goede-weg'],
  [7, 15, [40, 7], 'op-de-goede-weg'], // 5.71
  [7, 16, [45, 7], 'goed-voor-elkaar'], // 6.43
  [8, 15, [35, 8], 'aandacht-nodig'], // 4.375
  [8, 16, [5, 1], 'op-de-goede-weg'],
  [8, 17, [45, 8], 'op-de-goede-weg'], // 5.625
  [8, 18, [25, 4], 'goed-voor-elkaar'], // 6.25
  [10, 19, [9, 2], 'aandacht-nodig'], // 4.5
  [10, 20, [5, 1], 'op-de-goede-weg'],
  [10, 21, [11, 2], 'op-de-goede-weg'], // 5.5
  [10, 22, [6, 1], 'goed-voor-elkaar'],
];

describe('computeMark: every bar boundary', () => {
  it.each(boundaries)('n = %i, sum = %i', (n, sum, [num, den], band) => {
    const result = computeMark({ sum, answered: n, total: n });
    expect(result.mark).toEqual(createRational(num, den));
    expect(result.band?.id).toBe(band);
    expect(result.goed).toBe(band === 'goed-voor-elkaar');
  });

  it('the extremes are 0 and 10', () => {
    expect(computeMarkFromPoints([1, 1, 1]).mark).toEqual(createRational(0));
    expect(computeMarkFromPoints([3, 3, 3]).mark).toEqual(createRational(10));
  });
});

describe('computeMark: unanswered items', () => {
  it('leaves unanswered items out and rescales over the answered ones', () => {
    // 8 of 10 answered, 4 × 3 and 4 × 2 = 20 → 10 × (20 − 8) / 16 = 7.5
    const result = computeMarkFromPoints([3, 3, 3, 3, 2, 2, 2, 2, null, null]);
    expect(result.totals).toEqual({ sum: 20, answered: 8, total: 10 });
    expect(result.mark).toEqual(createRational(15, 2));
  });

  it.each([
    [3, 2, 'scored'],
    [3, 1, 'insufficient'],
    [5, 4, 'scored'],
    [5, 3, 'insufficient'],
    [6, 4, 'scored'], // exactly two thirds
    [6, 3, 'insufficient'],
    [10, 7, 'scored'],
    [10, 6, 'insufficient'],
  ])('n = %i with %i answered is %s', (total, answered, status) => {
    const result = computeMark({ sum: 2 * answered, answered, total });
    expect(result.status).toBe(status);
    if (status === 'insufficient') {
      expect(result.mark).toBeNull();
      expect(result.goed).toBe(false);
    }
  });

  it('nothing answered is insufficient', () => {
    expect(computeMarkFromPoints([null, null, null]).status).toBe('insufficient');
  });
});

describe('computeMark: configurable bands', () => {
  const rule: ScoringRule = {
    bands: [
      { id: 'laag', label: 'laag', from: 0 },
      { id: 'midden', label: 'midden', from: 5.5 },
      { id: 'hoog', label: 'hoog', from: 7 },
    ],
    goedBand: 'hoog',
    minAnswered: [1, 2],
  };

  it('uses the bands and bar of the rule', () => {
    expect(computeMark({ sum: 21, answered: 10, total: 10 }, rule).band?.id).toBe('midden'); // 5.5
    expect(computeMark({ sum: 20, answered: 10, total: 10 }, rule).band?.id).toBe('laag'); // 5
    expect(computeMark({ sum: 24, answered: 10, total: 10 }, rule).goed).toBe(true); // 7
    expect(computeMark({ sum: 10, answered: 5, total: 10 }, rule).status).toBe('scored'); // half answered
  });

  it('the default rule is the 2009 one', () => {
    expect(DEFAULT_SCORING_RULE.bands.map((b) => b.from)).toEqual([0, 5, 6]);
    expect(DEFAULT_SCORING_RULE.minAnswered).toEqual([2, 3]);
  });
});

describe('computeMark: bad input', () => {
  it.each([
    [{ sum: 0, answered: 0, total: 0 }, /at least one item/],
    [{ sum: 4, answered: 1, total: 3 }, /impossible/],
    [{ sum: 10, answered: 3, total: 3 }, /impossible/],
    [{ sum: 8, answered: 4, total: 3 }, /outside/],
  ])('%o throws', (totals, message) => {
    expect(() => computeMark(totals)).toThrow(message);
  });

  it('rejects item points outside 1..3', () => {
    expect(() => sumPoints([1, 4])).toThrow(RangeError);
    expect(() => sumPoints([0])).toThrow(RangeError);
    expect(() => sumPoints([1.5])).toThrow(RangeError);
  });

  it('sums an empty list to zero', () => {
    expect(sumPoints([])).toEqual({ sum: 0, answered: 0, total: 0 });
  });
});

describe('findItemBand', () => {
  const scale = [
    { points: 1, label: 'Nee', band: 'aandacht-nodig' },
    { points: 2, label: 'Ja, verbetering mogelijk', band: 'op-de-goede-weg' },
    { points: 3, label: 'Ja, goed voor elkaar', band: 'goed-voor-elkaar' },
  ];
  it.each([
    [1, 'aandacht-nodig'],
    [2, 'op-de-goede-weg'],
    [3, 'goed-voor-elkaar'],
  ])('%i point(s) means %s', (points, band) => {
    expect(findItemBand(points, scale)).toBe(band);
  });
  it('throws for points the scale lacks', () => {
    expect(() => findItemBand(4, scale)).toThrow(RangeError);
  });
});
