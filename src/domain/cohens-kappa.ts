/**
 * Cohen's kappa: the agreement of two coders beyond what chance would give (issue 13).
 *
 * No maintained npm package computes it (simple-statistics and @stdlib have none; the few small
 * packages named after it are unmaintained or absent, see decision 029), so it is computed here
 * and checked against GNU PSPP's CROSSTABS /STATISTICS=KAPPA in
 * `tests/integration/cohens-kappa-pspp.test.ts`. Pure functions, no I/O.
 */

/** Why a kappa could not be computed. */
export type KappaUndefinedReason =
  /** No answer was coded by both coders. */
  | 'no-answers'
  /**
   * Chance agreement is 1: both coders used one and the same category for every answer (for a
   * theme: both never, or both always, gave it), so agreement beyond chance has no meaning.
   */
  | 'no-variation';

/** Cohen's kappa over k categories, with what it was computed from. */
export interface KappaResult {
  /** κ = (pₒ − pₑ) / (1 − pₑ), or null when undefined (see `reason`). */
  readonly kappa: number | null;
  /** Observed agreement pₒ: the share of answers on which the two coders agree (null if n = 0). */
  readonly observed: number | null;
  /** Expected (chance) agreement pₑ = Σ (row total × column total) / n² (null if n = 0). */
  readonly expected: number | null;
  /** Number of answers both coded. */
  readonly n: number;
  /** Why `kappa` is null, or null when it is defined. */
  readonly reason: KappaUndefinedReason | null;
}

/** The 2×2 table of one theme: both gave it, only A, only B, neither. */
export interface BinaryTable {
  /** Both coders gave the theme. */
  readonly both: number;
  /** Only coder A gave it. */
  readonly onlyA: number;
  /** Only coder B gave it. */
  readonly onlyB: number;
  /** Neither gave it. */
  readonly neither: number;
}

export interface BinaryKappaResult extends KappaResult {
  readonly table: BinaryTable;
}

/**
 * Cohen's kappa from a square table of counts: `table[i][j]` is the number of answers coder A put
 * in category i and coder B in category j.
 *
 * pₒ = Σᵢ tᵢᵢ / n;  pₑ = Σᵢ (Σⱼ tᵢⱼ)(Σⱼ tⱼᵢ) / n²;  κ = (pₒ − pₑ) / (1 − pₑ)
 *
 * n = 0 gives κ = null with reason 'no-answers'; pₑ = 1 (both coders used one category only)
 * gives κ = null with reason 'no-variation'.
 *
 * @throws {RangeError} when the table is not square, or holds a negative or non-integer count
 * @example
 * // The textbook example: 50 answers, A and B say yes/no.
 * kappaFromTable([[20, 5], [10, 15]]).kappa // 0.4  (pₒ = 0.7, pₑ = 0.5)
 */
export function kappaFromTable(table: readonly (readonly number[])[]): KappaResult {
  const k = table.length;
  for (const row of table) {
    if (row.length !== k)
      throw new RangeError(
        `The table must be square, got a row of ${row.length} in a table of ${k}`,
      );
    for (const count of row) {
      if (!Number.isInteger(count) || count < 0) {
        throw new RangeError(`Counts must be non-negative integers, got ${count}`);
      }
    }
  }
  let n = 0;
  let agree = 0;
  const rowTotals = new Array<number>(k).fill(0);
  const columnTotals = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i += 1) {
    for (let j = 0; j < k; j += 1) {
      const count = table[i]?.[j] ?? 0;
      n += count;
      rowTotals[i] = (rowTotals[i] ?? 0) + count;
      columnTotals[j] = (columnTotals[j] ?? 0) + count;
      if (i === j) agree += count;
    }
  }
  if (n === 0) return { kappa: null, observed: null, expected: null, n: 0, reason: 'no-answers' };
  const observed = agree / n;
  // Summed in integers first, so pₑ = 1 is detected exactly, not through rounding.
  let chanceProduct = 0;
  for (let i = 0; i < k; i += 1) chanceProduct += (rowTotals[i] ?? 0) * (columnTotals[i] ?? 0);
  const expected = chanceProduct / (n * n);
  if (chanceProduct === n * n) {
    return { kappa: null, observed, expected, n, reason: 'no-variation' };
  }
  return { kappa: (observed - expected) / (1 - expected), observed, expected, n, reason: null };
}

/**
 * Cohen's kappa of two coders' categorical judgements of the same answers (paired by index).
 * The categories are those either coder used, in order of first appearance.
 *
 * @throws {RangeError} when the two lists differ in length
 * @example cohensKappa(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']).kappa // 0.5
 */
export function cohensKappa<T>(a: readonly T[], b: readonly T[]): KappaResult {
  if (a.length !== b.length) {
    throw new RangeError(
      `Both coders must judge the same answers: ${a.length} against ${b.length}`,
    );
  }
  const categories: T[] = [];
  const indexOf = (value: T) => {
    let index = categories.indexOf(value);
    if (index === -1) index = categories.push(value) - 1;
    return index;
  };
  const pairs = a.map((value, i) => [indexOf(value), indexOf(b[i] as T)] as const);
  const table = categories.map(() => new Array<number>(categories.length).fill(0));
  for (const [i, j] of pairs) {
    const row = table[i];
    if (row) row[j] = (row[j] ?? 0) + 1;
  }
  return kappaFromTable(table);
}

/**
 * Cohen's kappa for one theme: whether each coder gave it to each answer (paired by index).
 *
 * @throws {RangeError} when the two lists differ in length
 * @example
 * binaryKappa([true, true, false, false], [true, false, false, false])
 * // { kappa: 0.5, observed: 0.75, expected: 0.5, n: 4, reason: null,
 * //   table: { both: 1, onlyA: 1, onlyB: 0, neither: 2 } }
 */
export function binaryKappa(a: readonly boolean[], b: readonly boolean[]): BinaryKappaResult {
  if (a.length !== b.length) {
    throw new RangeError(
      `Both coders must judge the same answers: ${a.length} against ${b.length}`,
    );
  }
  let both = 0;
  let onlyA = 0;
  let onlyB = 0;
  let neither = 0;
  a.forEach((value, i) => {
    const other = b[i] === true;
    if (value && other) both += 1;
    else if (value) onlyA += 1;
    else if (other) onlyB += 1;
    else neither += 1;
  });
  const table = { both, onlyA, onlyB, neither };
  return { ...kappaFromBinaryTable(table), table };
}

/**
 * Cohen's kappa from a theme's 2×2 table (rows coder A yes/no, columns coder B yes/no).
 *
 * @example kappaFromBinaryTable({ both: 20, onlyA: 5, onlyB: 10, neither: 15 }).kappa // 0.4
 */
export function kappaFromBinaryTable(table: BinaryTable): KappaResult {
  return kappaFromTable([
    [table.both, table.onlyA],
    [table.onlyB, table.neither],
  ]);
}

/** Landis & Koch (1977), in Dutch, for the pages: how to read a kappa. */
export type KappaInterpretation =
  'slecht' | 'gering' | 'redelijk' | 'matig' | 'substantieel' | 'bijna perfect';

/**
 * The words of Landis & Koch for a kappa: < 0 slecht (poor), 0–0.20 gering (slight), 0.21–0.40
 * redelijk (fair), 0.41–0.60 matig (moderate), 0.61–0.80 substantieel, 0.81–1 bijna perfect.
 *
 * @example interpretKappa(0.4) // 'redelijk'
 */
export function interpretKappa(kappa: number): KappaInterpretation {
  if (kappa < 0) return 'slecht';
  if (kappa <= 0.2) return 'gering';
  if (kappa <= 0.4) return 'redelijk';
  if (kappa <= 0.6) return 'matig';
  if (kappa <= 0.8) return 'substantieel';
  return 'bijna perfect';
}
