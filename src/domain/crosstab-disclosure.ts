/**
 * Small-cell protection of a cross-table, for viewers who may not see figures about fewer
 * than five municipalities (municipality accounts; decision 015).
 *
 * The rule:
 * 1. A table over fewer than `MIN_GROUP_SIZE` municipalities is withheld whole.
 * 2. Primary suppression: every cell of 1 to 4 municipalities is withheld. An empty cell (0)
 *    is about nobody and is shown.
 * 3. Secondary suppression: the row and column totals stay visible (they are the answer
 *    distributions the analysis publishes anyway), so a withheld cell must not follow from
 *    them and the cells shown. A withheld cell is _determined_ when no other table with the
 *    same totals and shown cells (non-negative counts) has another value in it; while one is,
 *    the smallest shown non-zero cell of its row or column is withheld too.
 * 4. When cells are withheld, the test statistics are withheld as well: χ² is a function of
 *    the cells, and with the margins known it would give the withheld cells back.
 * 5. A multiple-response table (a whole multiple-choice question) has no sum constraints to
 *    protect with, and is withheld; one option at a time can be crossed instead.
 */
import type { CrossTabTest, QuestionCrossTab } from './crosstab.ts';
import { MIN_GROUP_SIZE } from './disclosure.ts';

export interface ProtectedCrossTab extends Omit<
  QuestionCrossTab,
  | 'counts'
  | 'rowTotals'
  | 'columnTotals'
  | 'rowPercentages'
  | 'columnPercentages'
  | 'rowTotalPercentages'
  | 'columnTotalPercentages'
  | 'test'
> {
  /** null where the cell is withheld. */
  readonly counts: readonly (readonly (number | null)[])[];
  readonly rowTotals: readonly (number | null)[];
  readonly columnTotals: readonly (number | null)[];
  readonly rowPercentages: readonly (readonly (number | null)[])[];
  readonly columnPercentages: readonly (readonly (number | null)[])[];
  readonly rowTotalPercentages: readonly (number | null)[];
  readonly columnTotalPercentages: readonly (number | null)[];
  readonly test: CrossTabTest | null;
  readonly protection: 'none' | 'small-cells';
  /** Whether any cell is withheld. */
  readonly suppressed: boolean;
  /** Why the whole table is withheld, or null. */
  readonly withheld: 'few-municipalities' | 'multiple-response' | 'cannot-protect' | null;
}

/**
 * The table as it is, for viewers who may see every figure.
 *
 * @example exposeCrossTab(table).suppressed // false
 */
export function exposeCrossTab(table: QuestionCrossTab): ProtectedCrossTab {
  return { ...table, protection: 'none', suppressed: false, withheld: null };
}

/**
 * The withheld cells of a table whose values follow from the row and column totals and the
 * shown cells. A withheld cell can go up by one when an alternating cycle of withheld cells
 * takes the one back (up in one cell, down in a non-zero one, …), and down by one likewise;
 * when neither is possible, every table with the same margins has the same value there.
 *
 * In the graph of rows and columns, each withheld cell (k, l) other than the one examined is
 * an edge row k → column l (it may go up) and, when its count is over 0, column l → row k
 * (it may go down). Cell (i, j) may go up when column j reaches row i, down when its count is
 * over 0 and row i reaches column j.
 *
 * @example findDeterminedCells([[3, 7], [6, 2]], [[true, false], [false, false]]) // [[0, 0]]
 */
export function findDeterminedCells(
  counts: readonly (readonly number[])[],
  hidden: readonly (readonly boolean[])[],
): [number, number][] {
  const rows = counts.length;
  const columns = counts[0]?.length ?? 0;
  const cells: [number, number][] = [];
  counts.forEach((row, r) =>
    row.forEach((_, c) => {
      if (hidden[r]?.[c]) cells.push([r, c]);
    }),
  );
  // Nodes: rows 0 … rows − 1, columns rows … rows + columns − 1.
  const reaches = (from: number, to: number, except: readonly [number, number]): boolean => {
    const seen = new Uint8Array(rows + columns);
    const queue = [from];
    seen[from] = 1;
    while (queue.length > 0) {
      const node = queue.shift() as number;
      if (node === to) return true;
      for (const [k, l] of cells) {
        if (k === except[0] && l === except[1]) continue;
        const rowNode = k;
        const columnNode = rows + l;
        let next = -1;
        if (node === rowNode) next = columnNode;
        else if (node === columnNode && (counts[k]?.[l] ?? 0) > 0) next = rowNode;
        if (next >= 0 && !seen[next]) {
          seen[next] = 1;
          queue.push(next);
        }
      }
    }
    return false;
  };
  return cells.filter(([i, j]) => {
    const mayGoUp = reaches(rows + j, i, [i, j]);
    const mayGoDown = (counts[i]?.[j] ?? 0) > 0 && reaches(i, rows + j, [i, j]);
    return !mayGoUp && !mayGoDown;
  });
}

/**
 * Which cells to withhold: primary (1 to 4 municipalities) and secondary (see the module
 * comment), or null when no choice protects the primary cells.
 *
 * @example chooseCrossTabSuppression([[3, 7], [6, 20]])
 * // [[true, true], [true, true]]: one small cell takes its row, its column and the corner
 */
export function chooseCrossTabSuppression(
  counts: readonly (readonly number[])[],
): boolean[][] | null {
  const hidden = counts.map((row) => row.map((count) => count > 0 && count < MIN_GROUP_SIZE));
  for (;;) {
    const determined = findDeterminedCells(counts, hidden);
    if (determined.length === 0) return hidden;
    const [i, j] = determined[0] as [number, number];
    const candidates: [number, number, number][] = [];
    counts.forEach((row, r) =>
      row.forEach((count, c) => {
        if (!hidden[r]?.[c] && count > 0) {
          // Cells in the same row or column first, then the rest; the smallest count first.
          const near = r === i || c === j ? 0 : 1;
          candidates.push([near, count, r * row.length + c]);
        }
      }),
    );
    if (candidates.length === 0) return null;
    candidates.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    const position = (candidates[0] as [number, number, number])[2];
    const width = counts[0]?.length ?? 1;
    (hidden[Math.floor(position / width)] as boolean[])[position % width] = true;
  }
}

function withholdWhole(
  table: QuestionCrossTab,
  reason: NonNullable<ProtectedCrossTab['withheld']>,
): ProtectedCrossTab {
  const none = (values: readonly unknown[]) => values.map(() => null);
  return {
    ...table,
    counts: table.counts.map(none),
    rowTotals: none(table.rowTotals),
    columnTotals: none(table.columnTotals),
    rowPercentages: table.counts.map(none),
    columnPercentages: table.counts.map(none),
    rowTotalPercentages: none(table.rowTotals),
    columnTotalPercentages: none(table.columnTotals),
    test: null,
    protection: 'small-cells',
    suppressed: true,
    withheld: reason,
  };
}

/**
 * The table under the small-cell rule (see the module comment). `total`, the number of
 * municipalities the table rests on, is always given.
 *
 * @example protectCrossTab(table).counts // cells of 1–4 and those that would reveal them: null
 */
export function protectCrossTab(table: QuestionCrossTab): ProtectedCrossTab {
  if (table.total < MIN_GROUP_SIZE) return withholdWhole(table, 'few-municipalities');
  if (table.row.multipleResponse || table.column.multipleResponse) {
    return withholdWhole(table, 'multiple-response');
  }
  const hidden = chooseCrossTabSuppression(table.counts);
  if (!hidden) return withholdWhole(table, 'cannot-protect');
  const suppressed = hidden.some((row) => row.some(Boolean));
  const mask = <T>(values: readonly (readonly T[])[]) =>
    values.map((row, r) => row.map((value, c) => (hidden[r]?.[c] ? null : value)));
  return {
    ...table,
    counts: mask(table.counts),
    rowPercentages: mask(table.rowPercentages),
    columnPercentages: mask(table.columnPercentages),
    test: suppressed ? null : table.test,
    protection: 'small-cells',
    suppressed,
    withheld: null,
  };
}
