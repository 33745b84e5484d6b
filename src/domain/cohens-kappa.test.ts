import { describe, expect, it } from 'vitest';
import {
  binaryKappa,
  cohensKappa,
  interpretKappa,
  kappaFromBinaryTable,
  kappaFromTable,
} from './cohens-kappa.ts';

describe('kappaFromTable', () => {
  it('computes the textbook example (50 answers: 20 yes-yes, 5 yes-no, 10 no-yes, 15 no-no)', () => {
    // pₒ = (20 + 15) / 50 = 0.7
    // A says yes 25/50 = 0.5, B says yes 30/50 = 0.6
    // pₑ = 0.5 × 0.6 + 0.5 × 0.4 = 0.5
    // κ = (0.7 − 0.5) / (1 − 0.5) = 0.4
    const result = kappaFromTable([
      [20, 5],
      [10, 15],
    ]);
    expect(result.n).toBe(50);
    expect(result.observed).toBeCloseTo(0.7, 12);
    expect(result.expected).toBeCloseTo(0.5, 12);
    expect(result.kappa).toBeCloseTo(0.4, 12);
    expect(result.reason).toBeNull();
  });

  it('computes three categories by hand', () => {
    // rows A, columns B: [[8, 1, 1], [2, 7, 1], [1, 2, 7]]; n = 30, diagonal 8 + 7 + 7 = 22
    // pₒ = 22/30; row totals 10, 10, 10; column totals 11, 10, 9
    // pₑ = (10×11 + 10×10 + 10×9) / 900 = 300/900 = 1/3
    // κ = (22/30 − 1/3) / (2/3) = (12/30) / (20/30) = 0.6
    const result = kappaFromTable([
      [8, 1, 1],
      [2, 7, 1],
      [1, 2, 7],
    ]);
    expect(result.n).toBe(30);
    expect(result.observed).toBeCloseTo(22 / 30, 12);
    expect(result.expected).toBeCloseTo(1 / 3, 12);
    expect(result.kappa).toBeCloseTo(0.6, 12);
  });

  it('gives perfect agreement κ = 1', () => {
    expect(
      kappaFromTable([
        [4, 0],
        [0, 6],
      ]).kappa,
    ).toBe(1);
  });

  it('gives κ = 0 when agreement is what chance gives', () => {
    // pₒ = 0.5, pₑ = 0.5 × 0.5 + 0.5 × 0.5 = 0.5
    expect(
      kappaFromTable([
        [1, 1],
        [1, 1],
      ]).kappa,
    ).toBe(0);
  });

  it('gives a negative κ for systematic disagreement', () => {
    // pₒ = 0, pₑ = 0.5, κ = −1
    expect(
      kappaFromTable([
        [0, 2],
        [2, 0],
      ]).kappa,
    ).toBe(-1);
  });

  it('is undefined (null, no-answers) for n = 0', () => {
    expect(
      kappaFromTable([
        [0, 0],
        [0, 0],
      ]),
    ).toEqual({
      kappa: null,
      observed: null,
      expected: null,
      n: 0,
      reason: 'no-answers',
    });
    expect(kappaFromTable([]).reason).toBe('no-answers');
  });

  it('is undefined (null, no-variation) when pₑ = 1: both coders never gave the theme', () => {
    expect(
      kappaFromTable([
        [0, 0],
        [0, 7],
      ]),
    ).toEqual({
      kappa: null,
      observed: 1,
      expected: 1,
      n: 7,
      reason: 'no-variation',
    });
  });

  it('is undefined when both coders always gave the theme', () => {
    expect(
      kappaFromTable([
        [3, 0],
        [0, 0],
      ]).reason,
    ).toBe('no-variation');
  });

  it('refuses a table that is not square or holds a bad count', () => {
    expect(() => kappaFromTable([[1, 2], [3]])).toThrow(RangeError);
    expect(() =>
      kappaFromTable([
        [1, -1],
        [0, 0],
      ]),
    ).toThrow(RangeError);
    expect(() =>
      kappaFromTable([
        [1.5, 0],
        [0, 0],
      ]),
    ).toThrow(RangeError);
  });
});

describe('binaryKappa', () => {
  it('builds the 2×2 table of a theme and its kappa', () => {
    // both 1, only A 1, only B 0, neither 2; pₒ = 3/4; pₑ = 2/4 × 1/4 + 2/4 × 3/4 = 0.5; κ = 0.5
    const result = binaryKappa([true, true, false, false], [true, false, false, false]);
    expect(result.table).toEqual({ both: 1, onlyA: 1, onlyB: 0, neither: 2 });
    expect(result.observed).toBe(0.75);
    expect(result.expected).toBe(0.5);
    expect(result.kappa).toBe(0.5);
  });

  it('agrees with kappaFromBinaryTable on the textbook example', () => {
    expect(kappaFromBinaryTable({ both: 20, onlyA: 5, onlyB: 10, neither: 15 }).kappa).toBeCloseTo(
      0.4,
      12,
    );
  });

  it('is null for no answers and refuses lists of different length', () => {
    expect(binaryKappa([], []).reason).toBe('no-answers');
    expect(() => binaryKappa([true], [])).toThrow(RangeError);
  });
});

describe('cohensKappa', () => {
  it('computes categorical kappa from paired judgements', () => {
    expect(cohensKappa(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']).kappa).toBe(0.5);
  });

  it('refuses lists of different length', () => {
    expect(() => cohensKappa(['a'], [])).toThrow(RangeError);
  });
});

describe('interpretKappa', () => {
  it.each([
    [-0.1, 'slecht'],
    [0, 'gering'],
    [0.2, 'gering'],
    [0.21, 'redelijk'],
    [0.4, 'redelijk'],
    [0.5, 'matig'],
    [0.7, 'substantieel'],
    [0.81, 'bijna perfect'],
    [1, 'bijna perfect'],
  ] as const)('reads %d as %s (Landis & Koch)', (kappa, words) => {
    expect(interpretKappa(kappa)).toBe(words);
  });
});
