import { describe, expect, it } from 'vitest';
import { compareRational, createRational, parseDecimal, rationalToNumber } from './rational.ts';

describe('rational', () => {
  it.each([
    [12, 20, 3, 5],
    [-4, -8, 1, 2],
    [3, -9, -1, 3],
    [0, 7, 0, 1],
  ])('%i/%i normalises to %i/%i', (num, den, n, d) => {
    expect(createRational(num, den)).toEqual({ num: n, den: d });
  });

  it('rejects a zero denominator and non-integers', () => {
    expect(() => createRational(1, 0)).toThrow(RangeError);
    expect(() => createRational(1.5, 2)).toThrow(RangeError);
  });

  it.each([
    [5, 5, 1],
    [5.5, 11, 2],
    [5.1, 51, 10],
    [0, 0, 1],
    [-2.25, -9, 4],
  ])('parses %d exactly', (value, num, den) => {
    expect(parseDecimal(value)).toEqual({ num, den });
  });

  it('rejects exponent notation and non-finite numbers', () => {
    expect(() => parseDecimal(1e-7)).toThrow(RangeError);
    expect(() => parseDecimal(Number.NaN)).toThrow(RangeError);
  });

  it('compares exactly where floating point would not', () => {
    // 0.1 + 0.2 > 0.3 in floating point; as rationals they are equal.
    expect(compareRational(createRational(3, 10), parseDecimal(0.3))).toBe(0);
    expect(compareRational(createRational(20, 3), createRational(6))).toBeGreaterThan(0);
    expect(compareRational(createRational(35, 6), createRational(6))).toBeLessThan(0);
    expect(rationalToNumber(createRational(15, 2))).toBe(7.5);
  });
});
