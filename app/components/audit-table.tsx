import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { Fragment } from 'react';
import type { DescribedAuditEvent } from '../../src/services/audit-text.ts';
import { formatDateTime } from '../lib/format';
import './audit-table.css';

export interface AuditRow {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly description: string;
  readonly oldText: string;
  readonly newText: string;
}

/**
 * Described audit events as loader data: only the words the table shows, so stored values
 * (and whatever else an event holds) never travel to the browser.
 */
export function toAuditRows(events: readonly DescribedAuditEvent[]): AuditRow[] {
  return events.map((event) => ({
    id: event.id,
    at: event.at,
    actor: event.actor,
    description: event.description,
    oldText: event.oldText,
    newText: event.newText,
  }));
}

/** A value of several parts (an answer and its toelichting) shows each part on its own line. */
function Lines({ text }: { text: string }) {
  return (
    <span>
      {text.split('\n').map((line, index) => (
        <Fragment key={index}>
          {index > 0 ? <br /> : null}
          {line}
        </Fragment>
      ))}
    </span>
  );
}

const COLUMNS = ['Wanneer', 'Wie', 'Wat', 'Oude waarde', 'Nieuwe waarde'] as const;

/**
 * An audit trail as a table: when, who, what, the old and the new value. On a phone each
 * change becomes a block of labelled lines (audit-table.css); the explicit roles keep it a
 * table for screen readers then.
 */
export function AuditTable({
  caption,
  rows,
  hideCaption = false,
}: {
  caption: string;
  rows: readonly AuditRow[];
  /** When a heading right above already says what the table is. */
  hideCaption?: boolean;
}) {
  const cells = (row: AuditRow) =>
    [
      [formatDateTime(row.at), 'bfm-audit-table__when'],
      [row.actor, undefined],
      [row.description, undefined],
      [row.oldText, 'bfm-audit-table__value'],
      [row.newText, 'bfm-audit-table__value'],
    ] as const;
  return (
    <Table className="bfm-audit-table" role="table">
      <TableCaption className={hideCaption ? 'bfm-visually-hidden' : undefined}>
        {caption}
      </TableCaption>
      <TableHeader role="rowgroup">
        <TableRow role="row">
          {COLUMNS.map((column) => (
            <TableHeaderCell key={column} scope="col" role="columnheader">
              {column}
            </TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody role="rowgroup">
        {rows.map((row) => (
          <TableRow key={row.id} role="row">
            {cells(row).map(([text, className], index) => (
              <TableCell
                key={COLUMNS[index]}
                role="cell"
                data-label={COLUMNS[index]}
                className={className}
              >
                <Lines text={text} />
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
