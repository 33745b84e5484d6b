/**
 * The logboek as a CSV file for the coordinator: one line per change, in the words of the
 * page (src/services/audit-text.ts), written by src/services/csv-writer.ts (`;`, UTF-8 with
 * a byte order mark, formulas neutralized).
 */
import type { DescribedAuditEvent } from './audit-text.ts';
import { writeCsv } from './csv-writer.ts';
import { formatDutchTimestamp } from './dutch-time.ts';

export const AUDIT_CSV_HEADER = [
  'Wanneer (Nederlandse tijd)',
  'Wie',
  'Soort',
  'Vragenlijst',
  'Vraag',
  'Wat',
  'Oude waarde',
  'Nieuwe waarde',
] as const;

/** The file's contents: the header, then one line per event in the order given. */
export function writeAuditCsv(events: readonly DescribedAuditEvent[]): string {
  return writeCsv([
    AUDIT_CSV_HEADER,
    ...events.map((event) => [
      formatDutchTimestamp(new Date(event.at)),
      event.actor,
      event.kind,
      event.questionnaire ?? '',
      event.question,
      event.description,
      event.oldText,
      event.newText,
    ]),
  ]);
}

/**
 * Lower-case ASCII words joined by hyphens, for file names that survive every mail program
 * and file system.
 *
 * @example
 * toFileNamePart('Súdwest-Fryslân'); // 'sudwest-fryslan'
 */
export function toFileNamePart(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The name of the downloaded file: the municipality, the round and the day of the download.
 *
 * @example
 * auditCsvFileName('Amsterdam', 'meting-2026', '2026-07-15'); // 'logboek-amsterdam-meting-2026-2026-07-15.csv'
 */
export function auditCsvFileName(municipality: string, roundId: string, isoDate: string): string {
  return `${['logboek', toFileNamePart(municipality), toFileNamePart(roundId), isoDate]
    .filter(Boolean)
    .join('-')}.csv`;
}
