/**
 * Small descriptive statistics used by the analyses. Pure functions, no I/O.
 */

/**
 * Rounds half away from zero to a number of decimals, correcting the binary representation
 * error first (so 33.95 rounds to 34.0 and 0.125 to 0.13).
 *
 * @throws {RangeError} when decimals is not an integer from 0 to 10
 * @example roundTo(33.947, 1) // 33.9
 */
export function roundTo(value: number, decimals: number): number {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 10) {
    throw new RangeError(`decimals must be an integer from 0 to 10, got ${decimals}`);
  }
  const factor = 10 ** decimals;
  const scaled = Number((Math.abs(value) * factor).toPrecision(15));
  return (Math.sign(value) * Math.round(scaled)) / factor;
}

/**
 * The share part/whole as a percentage, rounded to `decimals` (default 1).
 * Returns null when whole is 0: a share of nobody is undefined, not 0%.
 *
 * percentage = 100 × part / whole
 *
 * @throws {RangeError} when part or whole is negative or part exceeds whole
 * @example percentage(129, 380) // 33.9
 */
export function percentage(part: number, whole: number, decimals = 1): number | null {
  if (part < 0 || whole < 0 || part > whole) {
    throw new RangeError(`Cannot take ${part} as a share of ${whole}`);
  }
  if (whole === 0) return null;
  return roundTo((100 * part) / whole, decimals);
}

/**
 * Pearson's product-moment correlation coefficient of paired observations.
 *
 * r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² · Σ(y − ȳ)²)
 *
 * Returns null when it is undefined: fewer than two pairs, or a variable without variance.
 *
 * @throws {RangeError} when xs and ys differ in length
 * @example pearsonCorrelation([1, 2, 3], [2, 4, 7]) // 0.9934…
 */
export function pearsonCorrelation(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length !== ys.length) {
    throw new RangeError(`Pearson needs pairs: ${xs.length} x values, ${ys.length} y values`);
  }
  const n = xs.length;
  if (n < 2) return null;
  let sumX = 0;
  let sumY = 0;
  for (let i = 0; i < n; i += 1) {
    sumX += xs[i] as number;
    sumY += ys[i] as number;
  }
  const meanX = sumX / n;
  const meanY = sumY / n;
  let covariance = 0;
  let varianceX = 0;
  let varianceY = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = (xs[i] as number) - meanX;
    const dy = (ys[i] as number) - meanY;
    covariance += dx * dy;
    varianceX += dx * dx;
    varianceY += dy * dy;
  }
  if (varianceX === 0 || varianceY === 0) return null;
  return covariance / Math.sqrt(varianceX * varianceY);
}

/**
 * Pearson's r computed from a contingency table of two numeric variables whose categories
 * are the row and column indexes (for example 'number of basisfuncties goed').
 *
 * @example pearsonFromTable([[1, 0], [0, 1]]) // 1
 */
export function pearsonFromTable(counts: readonly (readonly number[])[]): number | null {
  const xs: number[] = [];
  const ys: number[] = [];
  counts.forEach((row, rowIndex) => {
    row.forEach((count, columnIndex) => {
      for (let k = 0; k < count; k += 1) {
        xs.push(columnIndex);
        ys.push(rowIndex);
      }
    });
  });
  return pearsonCorrelation(xs, ys);
}

/**
 * Counts how often each category occurs. Values outside the categories are ignored.
 *
 * @example countCategories([1, 3, 3, 2], [1, 2, 3]) // [1, 1, 2]
 */
export function countCategories<T>(values: Iterable<T>, categories: readonly T[]): number[] {
  const counts = categories.map(() => 0);
  const index = new Map(categories.map((category, i) => [category, i]));
  for (const value of values) {
    const i = index.get(value);
    if (i !== undefined) counts[i] = (counts[i] as number) + 1;
  }
  return counts;
}

/**
 * Cross-tabulates pairs into a table of counts, rows by the first value and columns by the
 * second. Pairs with a value outside the categories are left out.
 *
 * @example crossTabulate([[1, 2], [1, 2], [3, 1]], [1, 2, 3], [1, 2, 3])
 * // [[0, 2, 0], [0, 0, 0], [1, 0, 0]]
 */
export function crossTabulate<R, C>(
  pairs: Iterable<readonly [R, C]>,
  rowCategories: readonly R[],
  columnCategories: readonly C[],
): number[][] {
  const table = rowCategories.map(() => columnCategories.map(() => 0));
  const rowIndex = new Map(rowCategories.map((category, i) => [category, i]));
  const columnIndex = new Map(columnCategories.map((category, i) => [category, i]));
  for (const [rowValue, columnValue] of pairs) {
    const r = rowIndex.get(rowValue);
    const c = columnIndex.get(columnValue);
    if (r === undefined || c === undefined) continue;
    const row = table[r] as number[];
    row[c] = (row[c] as number) + 1;
  }
  return table;
}

/**
 * Each row's counts as percentages of that row's total (null for an empty row).
 *
 * @example rowPercentages([[3, 1], [0, 0]], 0) // [[75, 25], [null, null]]
 */
export function rowPercentages(
  counts: readonly (readonly number[])[],
  decimals = 1,
): (number | null)[][] {
  return counts.map((row) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((count) => percentage(count, total, decimals));
  });
}

/**
 * Column totals of a table.
 *
 * @example columnTotals([[1, 2], [3, 4]]) // [4, 6]
 */
export function columnTotals(counts: readonly (readonly number[])[]): number[] {
  const width = counts[0]?.length ?? 0;
  const totals = new Array<number>(width).fill(0);
  for (const row of counts) {
    row.forEach((count, i) => {
      totals[i] = (totals[i] as number) + count;
    });
  }
  return totals;
}

/**
 * Row totals of a table.
 *
 * @example rowTotals([[1, 2], [3, 4]]) // [3, 7]
 */
export function rowTotals(counts: readonly (readonly number[])[]): number[] {
  return counts.map((row) => row.reduce((a, b) => a + b, 0));
}
