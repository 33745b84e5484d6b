import { Table, TableCaption } from '@utrecht/component-library-react';
import { useId, type ReactNode } from 'react';

/**
 * A data table in a box of its own that scrolls sideways when the table is wider than the
 * screen, so the page itself never does. The box is a focusable region (role="region",
 * tabIndex 0) named after the table's caption, so keyboard users can scroll it with the arrow
 * keys and screen reader users hear what it holds (axe: scrollable-region-focusable).
 *
 * Give a visible `caption`; a table without one gives a `label`, which names both the region
 * and the table.
 */
export function TableScroll({
  id,
  caption,
  label,
  children,
}: {
  children: ReactNode;
  /** The region's id, for a link from an error summary. */
  id?: string | undefined;
} & ({ caption: ReactNode; label?: undefined } | { caption?: undefined; label: string })) {
  const captionId = useId();
  return (
    <div
      id={id}
      className="bfm-table-scroll"
      role="region"
      tabIndex={0}
      aria-labelledby={caption === undefined ? undefined : captionId}
      aria-label={label}
    >
      <Table aria-label={label}>
        {caption === undefined ? null : <TableCaption id={captionId}>{caption}</TableCaption>}
        {children}
      </Table>
    </div>
  );
}
