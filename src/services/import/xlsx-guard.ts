/**
 * Checks an .xlsx before it is read: an .xlsx is a zip, and a zip of a few megabytes can
 * unpack to gigabytes (a 9 MB file that expanded to 4.5 GB took the process down at 4.7 GB of
 * memory). The workbook reader holds what it unpacks in memory, so the sizes are checked
 * first: the entry count and the sizes the zip's central directory declares, and then the
 * bytes each entry really inflates to, counted as they stream by and never kept. Only a file
 * that passes both goes on to the workbook reader.
 */
import yauzl from 'yauzl';
import {
  formatCount,
  formatMegabytes,
  MAX_XLSX_ENTRIES,
  MAX_XLSX_EXPANDED_BYTES,
} from './import-limits.ts';

/** Why a zip was refused, in Dutch; the caller turns it into its own error type. */
export class XlsxLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XlsxLimitError';
  }
}

export interface XlsxLimits {
  readonly maxEntries: number;
  readonly maxExpandedBytes: number;
}

const DEFAULT_LIMITS: XlsxLimits = {
  maxEntries: MAX_XLSX_ENTRIES,
  maxExpandedBytes: MAX_XLSX_EXPANDED_BYTES,
};

function tooLarge(limits: XlsxLimits): XlsxLimitError {
  return new XlsxLimitError(
    `Het Excel-bestand is uitgepakt groter dan ${formatMegabytes(limits.maxExpandedBytes)} en wordt niet gelezen. ` +
      'Sla alleen het werkblad met de antwoorden op, of lever de antwoorden als CSV aan.',
  );
}

const UNREADABLE = 'Het bestand is geen leesbaar Excel-bestand (.xlsx).';

/**
 * Resolves when the zip stays within the limits; rejects with an XlsxLimitError otherwise
 * (also for a zip that is not readable at all).
 */
export function checkXlsxExpansion(
  bytes: Uint8Array,
  limits: XlsxLimits = DEFAULT_LIMITS,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve();
    };
    yauzl.fromBuffer(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      { lazyEntries: true, validateEntrySizes: true },
      (openError, zip) => {
        if (openError || !zip) return finish(new XlsxLimitError(UNREADABLE));
        const fail = (error: Error) => {
          zip.close();
          finish(error);
        };
        if (zip.entryCount > limits.maxEntries) {
          return fail(
            new XlsxLimitError(
              `Het Excel-bestand bestaat uit ${formatCount(zip.entryCount)} delen; het maximum is ${formatCount(limits.maxEntries)}. Sla het opnieuw op vanuit Excel, of lever de antwoorden als CSV aan.`,
            ),
          );
        }
        let declared = 0;
        let inflated = 0;
        zip.on('error', () => fail(new XlsxLimitError(UNREADABLE)));
        zip.on('end', () => finish());
        zip.on('entry', (entry: yauzl.Entry) => {
          // The central directory's own claim first: cheap, and enough for an honest zip.
          declared += entry.uncompressedSize;
          if (declared > limits.maxExpandedBytes) return fail(tooLarge(limits));
          if (entry.fileName.endsWith('/')) return zip.readEntry();
          zip.openReadStream(entry, (streamError, stream) => {
            if (streamError || !stream) return fail(new XlsxLimitError(UNREADABLE));
            // Then the real bytes: a forged directory can claim less than the data inflates to.
            stream.on('data', (chunk: Buffer) => {
              inflated += chunk.length;
              if (inflated > limits.maxExpandedBytes) {
                stream.destroy();
                fail(tooLarge(limits));
              }
            });
            stream.on('error', () => fail(new XlsxLimitError(UNREADABLE)));
            stream.on('end', () => {
              if (!settled) zip.readEntry();
            });
          });
        });
        zip.readEntry();
      },
    );
  });
}
