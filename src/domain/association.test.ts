import { describe, expect, it } from 'vitest';
import {
  computeChiSquare,
  computeCramersV,
  computeExpectedCounts,
  dropEmptyCategories,
  findSmallExpectedCounts,
} from './association.ts';

// 2×2, by hand:
//   counts [[10, 20], [30, 40]]; row totals 30, 70; column totals 40, 60; n = 100
//   E = [[30·40/100, 30·60/100], [70·40/100, 70·60/100]] = [[12, 18], [28, 42]]
//   χ² = 2²/12 + 2²/18 + 2²/28 + 2²/42 = 4 · (21 + 14 + 9 + 6)/252 = 200/252 = 50/63 ≈ 0.793651
//   df = 1 · 1 = 1
//   p: for df = 1, p = 2 · (1 − Φ(√χ²)); √(50/63) = 0.890871, Φ(0.890871) = 0.813499,
//      so p = 2 · 0.186501 = 0.373003
//   V = √(χ² / (100 · (2 − 1))) = √0.00793651 = 0.0890871
const TWO_BY_TWO = [
  [10, 20],
  [30, 40],
];

// 3×3, by hand:
//   counts [[10, 5, 5], [5, 10, 5], [5, 5, 10]]; every row and column total 20; n = 60
//   E = 20 · 20 / 60 = 20/3 in every cell
//   diagonal: (10 − 20/3)² = (10/3)² = 100/9, three times; off the diagonal:
//   (5 − 20/3)² = (5/3)² = 25/9, six times; Σ (O − E)² = 300/9 + 150/9 = 50
//   χ² = 50 / (20/3) = 7.5; df = 2 · 2 = 4
//   p: for df = 4 the survival function is e^(−x/2) · (1 + x/2) = e^(−3.75) · 4.75
//      = 0.0235177 · 4.75 = 0.111709
//   V = √(7.5 / (60 · (3 − 1))) = √0.0625 = 0.25
const THREE_BY_THREE = [
  [10, 5, 5],
  [5, 10, 5],
  [5, 5, 10],
];

describe('computeExpectedCounts', () => {
  it('multiplies the margins and divides by the total', () => {
    expect(computeExpectedCounts(TWO_BY_TWO)).toEqual([
      [12, 18],
      [28, 42],
    ]);
  });

  it('expects zero everywhere in an empty table', () => {
    expect(
      computeExpectedCounts([
        [0, 0],
        [0, 0],
      ]),
    ).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(computeExpectedCounts([])).toEqual([]);
  });

  it('refuses ragged rows and counts that are not counts', () => {
    expect(() => computeExpectedCounts([[1, 2], [3]])).toThrow(RangeError);
    expect(() => computeExpectedCounts([[1, -2]])).toThrow(/non-negative integer/);
    expect(() => computeExpectedCounts([[1.5, 2]])).toThrow(/non-negative integer/);
  });
});

describe('computeChiSquare', () => {
  it('matches the hand-computed 2×2 example', () => {
    const result = computeChiSquare(TWO_BY_TWO);
    expect(result?.statistic).toBeCloseTo(50 / 63, 12);
    expect(result?.degreesOfFreedom).toBe(1);
    expect(result?.pValue).toBeCloseTo(0.373003, 5);
    expect(result).toMatchObject({ n: 100, rows: 2, columns: 2 });
  });

  it('matches the hand-computed 3×3 example', () => {
    const result = computeChiSquare(THREE_BY_THREE);
    expect(result?.statistic).toBeCloseTo(7.5, 12);
    expect(result?.degreesOfFreedom).toBe(4);
    expect(result?.pValue).toBeCloseTo(Math.exp(-3.75) * 4.75, 10);
    expect(result?.pValue).toBeCloseTo(0.111709, 5);
  });

  it('gives χ² = 0 and p = 1 for a table of exact independence', () => {
    // Rows proportional to each other: E = O everywhere.
    expect(
      computeChiSquare([
        [1, 2],
        [2, 4],
      ]),
    ).toEqual({ statistic: 0, degreesOfFreedom: 1, pValue: 1, n: 9, rows: 2, columns: 2 });
  });

  it('leaves out a zero row and a zero column before counting the degrees of freedom', () => {
    // The 2×2 example with an empty middle row and an empty last column: the same test.
    const padded = [
      [10, 20, 0],
      [0, 0, 0],
      [30, 40, 0],
    ];
    const result = computeChiSquare(padded);
    expect(result?.statistic).toBeCloseTo(50 / 63, 12);
    expect(result?.degreesOfFreedom).toBe(1);
    expect(result).toMatchObject({ rows: 2, columns: 2, n: 100 });
  });

  it('gives no test for an empty table, a 1×k table, or one category left after dropping', () => {
    expect(computeChiSquare([])).toBeNull();
    expect(
      computeChiSquare([
        [0, 0],
        [0, 0],
      ]),
    ).toBeNull();
    expect(computeChiSquare([[5, 6, 7]])).toBeNull();
    expect(computeChiSquare([[5], [6], [7]])).toBeNull();
    // Two rows, but everybody in the first column.
    expect(
      computeChiSquare([
        [5, 0],
        [6, 0],
      ]),
    ).toBeNull();
  });

  it('gives a tiny p for a strong association in a large table', () => {
    const result = computeChiSquare([
      [200, 0],
      [0, 200],
    ]);
    // By hand: E = 100 everywhere, (O − E)²/E = 100²/100 = 100 per cell, χ² = 400.
    expect(result?.statistic).toBe(400);
    expect(result?.pValue).toBeLessThan(1e-10);
  });
});

describe('computeCramersV', () => {
  it('matches the hand-computed examples', () => {
    expect(computeCramersV(TWO_BY_TWO)).toBeCloseTo(0.0890871, 6);
    expect(computeCramersV(THREE_BY_THREE)).toBeCloseTo(0.25, 12);
  });

  it('is 1 for a perfect association and 0 for independence', () => {
    expect(
      computeCramersV([
        [7, 0, 0],
        [0, 3, 0],
        [0, 0, 9],
      ]),
    ).toBeCloseTo(1, 12);
    expect(
      computeCramersV([
        [1, 2],
        [2, 4],
      ]),
    ).toBe(0);
  });

  it('uses the smaller dimension of a rectangular table', () => {
    // 2×3 by hand: rows [[10, 0, 10], [0, 10, 10]], totals 20, 20; columns 10, 10, 20; n = 40
    // E = [[5, 5, 10], [5, 5, 10]]; χ² = 25/5 · 4 + 0 + 0 = 20; V = √(20 / (40 · 1)) = √0.5
    expect(
      computeCramersV([
        [10, 0, 10],
        [0, 10, 10],
      ]),
    ).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it('is null when no test is possible', () => {
    expect(computeCramersV([[1, 2, 3]])).toBeNull();
    expect(computeCramersV([])).toBeNull();
  });
});

describe('findSmallExpectedCounts', () => {
  it('warns when more than 20% of the expected counts are under 5', () => {
    // E = 2 in every cell: 4 of 4 under 5.
    expect(
      findSmallExpectedCounts([
        [3, 1],
        [1, 3],
      ]),
    ).toEqual({ cells: 4, below5: 4, below1: 0, smallest: 2, tooSmall: true });
  });

  it('warns when any expected count is under 1', () => {
    // 3×3 by hand: row totals 100, 100, 2; column totals 101, 100, 1; n = 202
    // Under 1: E(1, 3) = E(2, 3) = 100 · 1/202, E(3, 2) = 2 · 100/202, E(3, 3) = 2 · 1/202;
    // E(3, 1) = 2 · 101/202 = 1 is not under 1.
    const result = findSmallExpectedCounts([
      [50, 50, 0],
      [50, 49, 1],
      [1, 1, 0],
    ]);
    expect(result.below1).toBe(4);
    expect(result.tooSmall).toBe(true);
  });

  it('allows up to 20% of the expected counts under 5, none under 1', () => {
    // Identical rows, so E = O. [[48, 48, 4], [48, 48, 4]]: under 5: 2 of 6 cells (33%).
    expect(
      findSmallExpectedCounts([
        [48, 48, 4],
        [48, 48, 4],
      ]).tooSmall,
    ).toBe(true);
    // Two small cells in ten (20%, not more): fine. Rows 100, 100; last column 8, E = 4.
    const fine = findSmallExpectedCounts([
      [23, 23, 23, 27, 4],
      [23, 23, 23, 27, 4],
    ]);
    expect(fine).toMatchObject({ cells: 10, below5: 2, below1: 0, tooSmall: false });
    // The 3×3 example: E = 20/3 everywhere, nothing to warn about.
    expect(findSmallExpectedCounts(THREE_BY_THREE).tooSmall).toBe(false);
  });

  it('counts over the table without empty rows and columns, and says nothing of an empty one', () => {
    expect(
      findSmallExpectedCounts([
        [10, 20, 0],
        [0, 0, 0],
        [30, 40, 0],
      ]),
    ).toEqual({ cells: 4, below5: 0, below1: 0, smallest: 12, tooSmall: false });
    expect(findSmallExpectedCounts([])).toEqual({
      cells: 0,
      below5: 0,
      below1: 0,
      smallest: null,
      tooSmall: false,
    });
  });
});

describe('dropEmptyCategories', () => {
  it('leaves out rows and columns of zeros only', () => {
    expect(
      dropEmptyCategories([
        [1, 0, 2],
        [0, 0, 0],
        [3, 0, 4],
      ]),
    ).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
});
