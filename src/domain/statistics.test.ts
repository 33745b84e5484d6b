import { describe, expect, it } from 'vitest';
import {
  columnTotals,
  countCategories,
  crossTabulate,
  pearsonCorrelation,
  pearsonFromTable,
  percentage,
  roundTo,
  rowPercentages,
  rowTotals,
} from './statistics.ts';

describe('roundTo', () => {
  it.each([
    [33.947, 1, 33.9],
    [33.95, 1, 34],
    [0.125, 2, 0.13],
    [2.5, 0, 3],
    [-2.5, 0, -3],
    [1.005, 2, 1.01],
    [0, 3, 0],
  ])('roundTo(%d, %i) = %d', (value, decimals, expected) => {
    expect(roundTo(value, decimals)).toBe(expected);
  });
  it('rejects bad decimals', () => {
    expect(() => roundTo(1, -1)).toThrow(RangeError);
    expect(() => roundTo(1, 1.5)).toThrow(RangeError);
  });
});

describe('percentage', () => {
  it.each([
    [129, 380, 1, 33.9],
    [191, 382, 1, 50],
    [1, 3, 0, 33],
    [0, 5, 1, 0],
    [5, 5, 1, 100],
  ])('%i of %i', (part, whole, decimals, expected) => {
    expect(percentage(part, whole, decimals)).toBe(expected);
  });
  it('is undefined (null) for an empty whole', () => {
    expect(percentage(0, 0)).toBeNull();
  });
  it('rejects impossible shares', () => {
    expect(() => percentage(6, 5)).toThrow(RangeError);
    expect(() => percentage(-1, 5)).toThrow(RangeError);
  });
});

describe('pearsonCorrelation', () => {
  it('is 1 and −1 for perfect linear relations', () => {
    expect(pearsonCorrelation([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearsonCorrelation([1, 2, 3], [6, 4, 2])).toBeCloseTo(-1, 12);
  });
  it('matches a hand computation', () => {
    // x̄ = 2, ȳ = 13/3; Σdxdy = 5, Σdx² = 2, Σdy² = 38/3 → r = 5 / √(76/3) = 0.99339…
    expect(pearsonCorrelation([1, 2, 3], [2, 4, 7])).toBeCloseTo(0.993399, 6);
  });
  it('is undefined (null) without variance or with fewer than two pairs', () => {
    expect(pearsonCorrelation([], [])).toBeNull();
    expect(pearsonCorrelation([1], [1])).toBeNull();
    expect(pearsonCorrelation([2, 2, 2], [1, 2, 3])).toBeNull();
  });
  it('rejects unpaired input', () => {
    expect(() => pearsonCorrelation([1, 2], [1])).toThrow(RangeError);
  });
  it('computes from a table of counts', () => {
    expect(
      pearsonFromTable([
        [1, 0],
        [0, 1],
      ]),
    ).toBeCloseTo(1, 12);
    expect(
      pearsonFromTable([
        [0, 1],
        [1, 0],
      ]),
    ).toBeCloseTo(-1, 12);
    expect(
      pearsonFromTable([
        [2, 0],
        [0, 0],
      ]),
    ).toBeNull();
  });
});

describe('tables', () => {
  it('counts categories and ignores others', () => {
    expect(countCategories([1, 3, 3, 2, 9], [1, 2, 3])).toEqual([1, 1, 2]);
    expect(countCategories([], [1, 2])).toEqual([0, 0]);
  });
  it('cross-tabulates pairs', () => {
    const pairs: [number, number][] = [
      [1, 2],
      [1, 2],
      [3, 1],
      [4, 4],
    ];
    expect(crossTabulate(pairs, [1, 2, 3], [1, 2, 3])).toEqual([
      [0, 2, 0],
      [0, 0, 0],
      [1, 0, 0],
    ]);
  });
  it('gives row percentages, with null for an empty row', () => {
    expect(
      rowPercentages(
        [
          [3, 1, 0],
          [0, 0, 0],
          [0, 133, 24],
        ],
        0,
      ),
    ).toEqual([
      [75, 25, 0],
      [null, null, null],
      [0, 85, 15],
    ]);
  });
  it('totals rows and columns', () => {
    expect(
      rowTotals([
        [1, 2],
        [3, 4],
      ]),
    ).toEqual([3, 7]);
    expect(
      columnTotals([
        [1, 2],
        [3, 4],
      ]),
    ).toEqual([4, 6]);
    expect(columnTotals([])).toEqual([]);
  });
});
