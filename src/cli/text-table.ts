/**
 * Plain-text tables for the terminal: columns padded to width, numbers right-aligned.
 */
export interface TextTableOptions {
  /** Column indexes to right-align (numbers). Default: every column but the first. */
  readonly alignRight?: readonly number[];
}

/** Formats a number the Dutch way: decimal comma, '–' for no value. */
export function formatNumber(value: number | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return value.toLocaleString('nl-NL', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: false,
  });
}

/** Formats a percentage: '33,9%' or '–' when undefined. */
export function formatPercent(value: number | null | undefined, decimals = 1): string {
  return value === null || value === undefined ? '–' : `${formatNumber(value, decimals)}%`;
}

/** Renders a header row and body rows as an aligned text table. */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: TextTableOptions = {},
): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const right = new Set(options.alignRight ?? header.map((_, i) => i).filter((i) => i > 0));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        right.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}
