/**
 * A folder of report PDFs (`bfm report --all --out DIR`), with a manifest that records the
 * data hash of each report, so a second run renders only what is missing or changed.
 *
 * Every file is written to a temporary name and renamed into place: an interrupted run leaves
 * either the old file or the new one, never half a PDF, and a manifest that never names a file
 * that is not there.
 */
import { access, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Municipality } from '../domain/register.ts';
import { reportFileName, type ReportStore } from './report-files-service.ts';

export const MANIFEST_FILE = 'rapporten.json';

const ManifestSchema = z.object({
  roundId: z.string(),
  reports: z.record(
    z.string(),
    z.object({ file: z.string(), dataHash: z.string(), renderedAt: z.string() }),
  ),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** Writes a file atomically: to a temporary name in the same folder, then renamed. */
export async function writeFileAtomically(
  path: string,
  content: Uint8Array | string,
): Promise<void> {
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, path);
}

async function readManifest(folder: string, roundId: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(join(folder, MANIFEST_FILE), 'utf8');
  } catch {
    return { roundId, reports: {} };
  }
  const parsed = ManifestSchema.safeParse(JSON.parse(text));
  // A manifest of another round, or one we cannot read, is started afresh: everything is
  // rendered again, which is slow but never wrong.
  if (!parsed.success || parsed.data.roundId !== roundId) return { roundId, reports: {} };
  return parsed.data;
}

/**
 * The folder as the batch's store. Only reports whose PDF is still in the folder count as
 * stored, so a deleted PDF is rendered again.
 */
export async function createFolderReportStore(
  folder: string,
  roundId: string,
): Promise<ReportStore> {
  await mkdir(folder, { recursive: true });
  const manifest = await readManifest(folder, roundId);
  // One write of the manifest at a time; the reports may finish in any order.
  let writing = Promise.resolve();
  return {
    async readHashes() {
      const hashes = new Map<string, string>();
      for (const [code, entry] of Object.entries(manifest.reports)) {
        const exists = await access(join(folder, entry.file)).then(
          () => true,
          () => false,
        );
        if (exists) hashes.set(code, entry.dataHash);
      }
      return hashes;
    },
    async write(municipality: Municipality, dataHash: string, pdf: Uint8Array) {
      const file = reportFileName(roundId, municipality);
      await writeFileAtomically(join(folder, file), pdf);
      manifest.reports[municipality.code] = {
        file,
        dataHash,
        renderedAt: new Date().toISOString(),
      };
      const snapshot = `${JSON.stringify(manifest, null, 2)}\n`;
      writing = writing.then(() => writeFileAtomically(join(folder, MANIFEST_FILE), snapshot));
      await writing;
    },
  };
}
