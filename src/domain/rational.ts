/**
 * Exact rational numbers for marks and band boundaries.
 *
 * Marks are ratios of small integers, so plain safe integers suffice; comparing with
 * cross-multiplication avoids the floating-point error that would otherwise appear at
 * the bar of 6 (for example 10 × 12 / 20).
 */
export interface Rational {
  /** Numerator, a safe integer. */
  readonly num: number;
  /** Denominator, a positive safe integer. */
  readonly den: number;
}

function greatestCommonDivisor(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) {
    [x, y] = [y, x % y];
  }
  return x;
}

/**
 * Builds a normalised rational num/den (lowest terms, positive denominator).
 *
 * @throws {RangeError} when den is 0 or either part is not a safe integer
 * @example createRational(12, 20) // { num: 3, den: 5 }
 */
export function createRational(num: number, den = 1): Rational {
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den)) {
    throw new RangeError(`Rational parts must be safe integers, got ${num}/${den}`);
  }
  if (den === 0) throw new RangeError('Rational denominator must not be 0');
  const sign = den < 0 ? -1 : 1;
  const divisor = greatestCommonDivisor(num, den) || 1;
  return { num: (sign * num) / divisor, den: (sign * den) / divisor };
}

/**
 * Parses a finite decimal number exactly from its shortest decimal representation,
 * so 5.1 becomes 51/10 rather than the binary approximation.
 *
 * @throws {RangeError} for NaN, infinities or exponent notation
 * @example parseDecimal(5.5) // { num: 11, den: 2 }
 */
export function parseDecimal(value: number): Rational {
  const text = String(value);
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new RangeError(`Not a plain decimal number: ${text}`);
  const [, sign = '', whole = '0', fraction = ''] = match;
  const den = 10 ** fraction.length;
  const num = Number(`${whole}${fraction}`) * (sign === '-' ? -1 : 1);
  return createRational(num, den);
}

/**
 * Compares two rationals: negative when a < b, 0 when equal, positive when a > b.
 *
 * @example compareRational(createRational(6), createRational(12, 2)) // 0
 */
export function compareRational(a: Rational, b: Rational): number {
  return a.num * b.den - b.num * a.den;
}

/** The rational as a JavaScript number, for display and JSON only. */
export function rationalToNumber(value: Rational): number {
  return value.num / value.den;
}
