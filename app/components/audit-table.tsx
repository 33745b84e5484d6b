import {
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import type { AuditEvent } from '../../src/services/audit-service.ts';
import { formatDateTime } from '../lib/format';
import { TableScroll } from './table-scroll';

export interface AuditRow {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly subject: string;
  readonly oldValue: string;
  readonly newValue: string;
}

/** Audit events as loader data: plain strings, old and new values as JSON (– for none). */
export function toAuditRows(events: readonly AuditEvent[]): AuditRow[] {
  return events.map((event) => ({
    id: event.id,
    at: event.at.toISOString(),
    actor: event.actorLabel,
    subject: event.subject,
    oldValue: event.oldValue === null ? '–' : JSON.stringify(event.oldValue),
    newValue: event.newValue === null ? '–' : JSON.stringify(event.newValue),
  }));
}

/** An audit trail as a table: when, who, what, the old and the new value. */
export function AuditTable({ caption, rows }: { caption: string; rows: readonly AuditRow[] }) {
  return (
    <TableScroll caption={caption}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">Wanneer</TableHeaderCell>
          <TableHeaderCell scope="col">Wie</TableHeaderCell>
          <TableHeaderCell scope="col">Wat</TableHeaderCell>
          <TableHeaderCell scope="col">Oude waarde</TableHeaderCell>
          <TableHeaderCell scope="col">Nieuwe waarde</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id}>
            <TableCell>{formatDateTime(row.at)}</TableCell>
            <TableCell>{row.actor}</TableCell>
            <TableCell>{row.subject}</TableCell>
            <TableCell className="bfm-token">{row.oldValue}</TableCell>
            <TableCell className="bfm-token">{row.newValue}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </TableScroll>
  );
}
