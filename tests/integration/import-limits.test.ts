/**
 * Imports stay bounded: the file size, the expanded size of an .xlsx (a zip bomb), the number
 * of listed errors and the length of a value repeated in a message.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { importAnswerFile, ImportRejectedError } from '../../src/services/import/import-service.ts';
import {
  MAX_IMPORT_FILE_BYTES,
  MAX_IMPORT_ROWS,
  MAX_LISTED_ERRORS,
} from '../../src/services/import/import-limits.ts';
import { AnswerFileError, parseAnswerBytes } from '../../src/services/import/read-answer-file.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { snapshotDatabase } from '../support/snapshot.ts';
import { buildZip, repeatedChunks } from '../support/zip.ts';

const HEADER = 'meting,gemeentecode,vragenlijst,vraag,antwoord';
let database: TestDatabase;
let dir: string;

beforeAll(async () => {
  database = await createTestDatabase({ reference: true });
  dir = await mkdtemp(join(tmpdir(), 'bfm-import-limits-'));
});

afterAll(async () => {
  await database.dispose();
});

async function rejection(run: () => Promise<unknown>): Promise<Error> {
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe('xlsx zip bombs', () => {
  it('refuses an .xlsx whose sheet expands beyond the limit, from the sizes its directory declares', async () => {
    // 150 MB of spaces in the sheet, about 150 kB on disk.
    const bomb = await buildZip([
      { name: '[Content_Types].xml', chunks: () => [Buffer.from('<Types/>')] },
      { name: 'xl/worksheets/sheet1.xml', chunks: () => repeatedChunks(150) },
    ]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const memory = process.memoryUsage().rss;
    const error = await rejection(() => parseAnswerBytes(bomb, 'bom.xlsx'));
    expect(error).toBeInstanceOf(AnswerFileError);
    expect(error.message).toContain('Het Excel-bestand is uitgepakt groter dan 100 MB');
    expect(process.memoryUsage().rss - memory).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses an .xlsx whose directory understates the size, while inflating', async () => {
    const forged = await buildZip([
      { name: 'xl/worksheets/sheet1.xml', chunks: () => repeatedChunks(150), declaredSize: 1000 },
    ]);
    const started = performance.now();
    const error = await rejection(() => parseAnswerBytes(forged, 'vervalst.xlsx'));
    expect(error).toBeInstanceOf(AnswerFileError);
    expect(error.message).toMatch(/Excel-bestand/);
    // Refused at the first chunks, not after inflating 150 MB.
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('refuses a zip of more parts than a workbook has', async () => {
    const many = await buildZip(
      Array.from({ length: 1_001 }, (_, i) => ({
        name: `x/${i}.xml`,
        chunks: () => [Buffer.from('<a/>')],
      })),
    );
    const error = await rejection(() => parseAnswerBytes(many, 'veel.xlsx'));
    expect(error.message).toContain('bestaat uit 1.001 delen; het maximum is 1.000');
  });
});

describe('file size', () => {
  it('refuses a file over the size limit before reading it, with the limit in the message', async () => {
    const path = join(dir, 'groot.csv');
    await writeFile(path, `${HEADER}\n${'x'.repeat(MAX_IMPORT_FILE_BYTES)}\n`);
    const error = await rejection(() => importAnswerFile(database.db, path));
    expect(error).toBeInstanceOf(AnswerFileError);
    expect(error.message).toBe(
      'Het bestand is 10 MB; het maximum is 10 MB. Splits het in delen per vragenlijst of per provincie en importeer die na elkaar.',
    );
  });
});

describe('row count', () => {
  it('refuses more rows than five national rounds, before validating them', async () => {
    const text = `${HEADER}\n${'2009,GM0363,mantelzorg,17,3\n'.repeat(MAX_IMPORT_ROWS + 1)}`;
    const error = await rejection(() => parseAnswerBytes(Buffer.from(text), 'veel.csv'));
    expect(error).toBeInstanceOf(AnswerFileError);
    expect(error.message).toContain('Het bestand heeft meer dan 200.000 regels met antwoorden');
  });
});

describe('error messages stay bounded', () => {
  it('lists the first 1,000 errors and counts the rest', async () => {
    const path = join(dir, 'fouten.csv');
    const lines = [HEADER];
    for (let i = 0; i < 3_345; i += 1) lines.push(`2009,GM9999,mantelzorg,17,3`);
    await writeFile(path, `${lines.join('\n')}\n`);
    const before = await snapshotDatabase(database.db);
    const error = await rejection(() => importAnswerFile(database.db, path));
    expect(error).toBeInstanceOf(ImportRejectedError);
    const rejected = error as ImportRejectedError;
    expect(rejected.errors).toHaveLength(MAX_LISTED_ERRORS);
    expect(rejected.errorCount).toBe(3_345);
    expect(rejected.message).toMatch(/^Import afgebroken: 3\.345 fouten gevonden\./);
    expect(rejected.message.trimEnd()).toMatch(/… en nog 2\.345 fouten\.$/);
    expect(rejected.message.split('\n').filter((line) => line.includes('regel '))).toHaveLength(
      MAX_LISTED_ERRORS,
    );
    expect(await snapshotDatabase(database.db)).toBe(before);
  });

  it('never repeats more than 100 characters of a value', async () => {
    const path = join(dir, 'lang.csv');
    const long = 'A'.repeat(5_000);
    await writeFile(
      path,
      `${HEADER}\n2009,${long},mantelzorg,17,3\n2009,GM0363,${long},17,3\n2009,GM0363,mantelzorg,17,${long}\n`,
    );
    const error = await rejection(() => importAnswerFile(database.db, path));
    expect(error.message).toContain(`'${'A'.repeat(100)}…'`);
    expect(error.message).not.toContain('A'.repeat(101));
  });

  it('names a NUL character instead of passing it to the database', async () => {
    const path = join(dir, 'nul.csv');
    // Found by the fuzz test: a NUL in the round's name reached the database, whose error
    // showed the query.
    await writeFile(
      path,
      `${HEADER}\n2009,GM0363,mantelzorg,21,ab\u0000cd\n20\u000009,GM0363,mantelzorg,17,3\n`,
    );
    const error = await rejection(() => importAnswerFile(database.db, path));
    expect(error).toBeInstanceOf(ImportRejectedError);
    expect(error.message).toContain("regel 2: de kolom 'antwoord' bevat een NUL-teken");
    expect(error.message).toContain("regel 3: de kolom 'meting' bevat een NUL-teken");
    expect(error.message).not.toMatch(/select|params/i);
  });
});

describe('xlsx streaming', () => {
  it('reads a workbook whose shared strings come after the sheet, as Excel writes them', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Blad1');
    sheet.addRow(['meting', 'gemeentecode', 'vragenlijst', 'vraag', 'antwoord']);
    sheet.addRow(['2009', 'GM0363', 'mantelzorg', 17, 'ja, goed voor elkaar']);
    sheet.addRow(['2009', 'GM0363', 'mantelzorg', 18, 'aanbod;ziekten']);
    const original = Buffer.from(await workbook.xlsx.writeBuffer());
    const entries = await unzip(original);
    const names = [...entries.keys()].sort(
      (a, b) => Number(a.includes('sharedStrings')) - Number(b.includes('sharedStrings')),
    );
    expect(names.at(-1)).toBe('xl/sharedStrings.xml');
    const reordered = await buildZip(
      names.map((name) => ({ name, chunks: () => [entries.get(name) as Buffer] })),
    );
    const rows = await parseAnswerBytes(reordered, 'excel.xlsx');
    expect(rows.map((row) => [row.line, row.values.vragenlijst, row.values.antwoord])).toEqual([
      [2, 'mantelzorg', 'ja, goed voor elkaar'],
      [3, 'mantelzorg', 'aanbod;ziekten'],
    ]);
  });
});

/** The entries of a zip, by name. */
function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.readEntry();
    });
  });
}
