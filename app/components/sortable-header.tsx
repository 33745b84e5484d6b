import { TableHeaderCell } from '@utrecht/component-library-react';
import { Link } from 'react-router';

export interface SortLink {
  readonly label: string;
  readonly href: string;
  /** How the table is sorted by this column now, or null when it is not. */
  readonly sorted: 'ascending' | 'descending' | null;
  /** What following the link does, e.g. 'sorteer aflopend'. */
  readonly action: string;
}

/**
 * A column header that sorts the table by following a link (so it works without
 * JavaScript); the sorted column carries aria-sort and a visible arrow.
 */
export function SortableHeader({ link }: { link: SortLink }) {
  return (
    <TableHeaderCell scope="col" aria-sort={link.sorted ?? undefined}>
      <Link className="utrecht-link bfm-sort-link" to={link.href}>
        {link.label}
        <span className="bfm-visually-hidden"> ({link.action})</span>
        {link.sorted ? (
          <span aria-hidden="true" className="bfm-sort-arrow">
            {link.sorted === 'ascending' ? '▲' : '▼'}
          </span>
        ) : null}
      </Link>
    </TableHeaderCell>
  );
}
