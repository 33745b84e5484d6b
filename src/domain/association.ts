/**
 * Tests of association for a contingency table: Pearson's chi-square, its p-value, Cramér's V
 * and Cochran's rule for expected counts that are too small for the test. Pure functions.
 *
 * The p-value comes from the chi-square distribution of stdlib
 * (`@stdlib/stats-base-dists-chisquare-cdf`), a maintained, pure implementation of the
 * regularised incomplete gamma function: distribution code is easy to get subtly wrong in the
 * tails, so it is not written here (docs/decisions/016-statistics-library.md).
 */
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';

/** A table of counts: rows of equal length, non-negative integers. */
export type CountTable = readonly (readonly number[])[];

function assertCountTable(counts: CountTable): void {
  const width = counts[0]?.length ?? 0;
  for (const row of counts) {
    if (row.length !== width) {
      throw new RangeError(`Every row needs ${width} counts, one has ${row.length}`);
    }
    for (const count of row) {
      if (!Number.isInteger(count) || count < 0) {
        throw new RangeError(`A count must be a non-negative integer, got ${count}`);
      }
    }
  }
}

/**
 * Leaves out the rows and columns whose counts are all zero: a category nobody is in adds
 * nothing to the statistic and must not add degrees of freedom.
 *
 * @throws {RangeError} when the rows differ in length or a count is not a non-negative integer
 * @example dropEmptyCategories([[1, 0, 2], [0, 0, 0], [3, 0, 4]]) // [[1, 2], [3, 4]]
 */
export function dropEmptyCategories(counts: CountTable): number[][] {
  assertCountTable(counts);
  const width = counts[0]?.length ?? 0;
  const keepColumns = Array.from({ length: width }, (_, c) =>
    counts.some((row) => (row[c] ?? 0) > 0),
  );
  return counts
    .filter((row) => row.some((count) => count > 0))
    .map((row) => row.filter((_, c) => keepColumns[c]));
}

/**
 * The counts expected when rows and columns are independent, given the margins.
 *
 * E(i, j) = R(i) × C(j) / n, with R(i) the row total, C(j) the column total and n the total.
 * An empty table (n = 0) expects 0 everywhere.
 *
 * @throws {RangeError} when the rows differ in length or a count is not a non-negative integer
 * @example computeExpectedCounts([[10, 20], [30, 40]]) // [[12, 18], [28, 42]]
 */
export function computeExpectedCounts(counts: CountTable): number[][] {
  assertCountTable(counts);
  const rowTotals = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const width = counts[0]?.length ?? 0;
  const columnTotals = Array.from({ length: width }, (_, c) =>
    counts.reduce((sum, row) => sum + (row[c] ?? 0), 0),
  );
  const n = rowTotals.reduce((a, b) => a + b, 0);
  return counts.map((_, r) =>
    columnTotals.map((columnTotal) => (n === 0 ? 0 : ((rowTotals[r] ?? 0) * columnTotal) / n)),
  );
}

export interface ChiSquareResult {
  /** Pearson's χ² statistic. */
  readonly statistic: number;
  /** (r − 1)(c − 1), counted after leaving out empty rows and columns. */
  readonly degreesOfFreedom: number;
  /** P(χ²(df) ≥ statistic): the chance of a statistic this large under independence. */
  readonly pValue: number;
  /** Number of observations in the table. */
  readonly n: number;
  /** Rows and columns that are not empty. */
  readonly rows: number;
  readonly columns: number;
}

/**
 * Pearson's chi-square test of independence.
 *
 * χ² = Σ (O − E)² / E over all cells, E from `computeExpectedCounts`;
 * df = (r − 1)(c − 1) with r and c the rows and columns that are not all zero;
 * p = 1 − F(χ²; df), F the chi-square distribution function (stdlib).
 *
 * Returns null when no test is possible: fewer than two non-empty rows or columns (an empty
 * table, or everybody in one category of a variable).
 *
 * @throws {RangeError} when the rows differ in length or a count is not a non-negative integer
 * @example computeChiSquare([[10, 20], [30, 40]])
 * // { statistic: 0.7937 (50/63), degreesOfFreedom: 1, pValue: 0.373, n: 100, rows: 2, columns: 2 }
 */
export function computeChiSquare(counts: CountTable): ChiSquareResult | null {
  const table = dropEmptyCategories(counts);
  const rows = table.length;
  const columns = table[0]?.length ?? 0;
  if (rows < 2 || columns < 2) return null;
  const expected = computeExpectedCounts(table);
  let statistic = 0;
  let n = 0;
  table.forEach((row, r) =>
    row.forEach((observed, c) => {
      const e = expected[r]?.[c] as number;
      statistic += ((observed - e) * (observed - e)) / e;
      n += observed;
    }),
  );
  const degreesOfFreedom = (rows - 1) * (columns - 1);
  // cdf(0, df) is 0, so a table of exact independence gives p = 1.
  const pValue = Math.min(1, Math.max(0, 1 - chisquareCdf(statistic, degreesOfFreedom)));
  return { statistic, degreesOfFreedom, pValue, n, rows, columns };
}

/**
 * Cramér's V: the strength of the association on a scale from 0 (none) to 1 (complete),
 * comparable between tables of different sizes.
 *
 * V = √(χ² / (n · (min(r, c) − 1))), with r and c the non-empty rows and columns.
 *
 * Returns null when no test is possible (see `computeChiSquare`).
 *
 * @throws {RangeError} when the rows differ in length or a count is not a non-negative integer
 * @example computeCramersV([[10, 5, 5], [5, 10, 5], [5, 5, 10]]) // 0.25
 */
export function computeCramersV(counts: CountTable): number | null {
  const test = computeChiSquare(counts);
  if (!test) return null;
  const v = Math.sqrt(test.statistic / (test.n * (Math.min(test.rows, test.columns) - 1)));
  // A perfect association can come out as 1.0000000000000002 in floating point.
  return Math.min(1, v);
}

export interface SmallExpectedCounts {
  /** Cells of the table without its empty rows and columns. */
  readonly cells: number;
  /** Cells whose expected count is under 5. */
  readonly below5: number;
  /** Cells whose expected count is under 1. */
  readonly below1: number;
  /** The smallest expected count (null for an empty table). */
  readonly smallest: number | null;
  /** Whether the rule says the chi-square test is not reliable for this table. */
  readonly tooSmall: boolean;
}

/**
 * Cochran's rule for the chi-square approximation: it is not reliable when any expected count
 * is under 1, or more than 20% of the expected counts are under 5. Counted over the table
 * without its empty rows and columns, as the test is.
 *
 * @throws {RangeError} when the rows differ in length or a count is not a non-negative integer
 * @example findSmallExpectedCounts([[3, 1], [1, 3]])
 * // { cells: 4, below5: 4, below1: 0, smallest: 2, tooSmall: true }
 */
export function findSmallExpectedCounts(counts: CountTable): SmallExpectedCounts {
  const expected = computeExpectedCounts(dropEmptyCategories(counts)).flat();
  const below5 = expected.filter((e) => e < 5).length;
  const below1 = expected.filter((e) => e < 1).length;
  return {
    cells: expected.length,
    below5,
    below1,
    smallest: expected.length === 0 ? null : Math.min(...expected),
    tooSmall: below1 > 0 || below5 > 0.2 * expected.length,
  };
}
