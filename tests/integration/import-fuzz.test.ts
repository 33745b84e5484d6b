/**
 * Fuzzing the import: valid CSV and .xlsx files, mutated (bytes flipped, cut short, separators,
 * quotes, a BOM or NUL inserted, huge cells, rows duplicated, codes changed), must each end in
 * success or in a Dutch message for the user: never a crash, never a partial write, never SQL
 * or a value of unbounded length in the message. Kept small enough for CI (about 150 files).
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceError } from '../../src/services/errors.ts';
import { ImportFailedError } from '../../src/services/import/import-errors.ts';
import { importAnswerRows } from '../../src/services/import/import-service.ts';
import { AnswerFileError, parseAnswerBytes } from '../../src/services/import/read-answer-file.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { seedCastWithOpenRound } from '../support/factories.ts';
import { snapshotDatabase } from '../support/snapshot.ts';

const ROUND = 'fuzz-2026';
const VALID_ROWS = [
  ['meting', 'gemeentecode', 'vragenlijst', 'vraag', 'antwoord'],
  [ROUND, 'GM0363', 'mantelzorg', '17', '3'],
  [ROUND, 'GM0363', 'mantelzorg', '18', 'aanbod;mantelzorg'],
  [ROUND, '0014', 'mantelzorg', '15', '10000-50000'],
  [ROUND, 'GM0014', 'mantelzorg', '21', 'Via het Wmo-loket, de website en de huisarts.'],
  [ROUND, 'GM0518', 'vrijwilligerswerk', '1', 'ja, goed voor elkaar'],
];
const VALID_CSV = `${VALID_ROWS.map((row) => row.map((cell) => (cell.includes(',') ? `"${cell}"` : cell)).join(',')).join('\n')}\n`;

/** No line of a message may be longer than this (an echoed value is at most 100 characters). */
const MAX_LINE = 600;
const MAX_LINES = 1_002;
const LEAKS =
  /insert into|select .* from|failed query|params:|node_modules|\/work\/|TypeError|RangeError|undefined|\[object/i;

let database: TestDatabase;
let validXlsx: Buffer;

beforeAll(async () => {
  database = await createTestDatabase({ reference: true });
  await seedCastWithOpenRound(database.db, { members: ['coordinator'], roundId: ROUND });
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Blad1');
  for (const row of VALID_ROWS) sheet.addRow(row);
  validXlsx = Buffer.from(await workbook.xlsx.writeBuffer());
});

afterAll(async () => {
  await database.dispose();
});

type Mutation = (bytes: Uint8Array) => Uint8Array;

const insertAt = (bytes: Uint8Array, at: number, extra: Uint8Array): Uint8Array => {
  const position = Math.min(at, bytes.length);
  return Buffer.concat([bytes.subarray(0, position), extra, bytes.subarray(position)]);
};

const textMutation = (change: (text: string) => string): Mutation => {
  return (bytes) => Buffer.from(change(Buffer.from(bytes).toString('utf8')), 'utf8');
};

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  // Flip a byte.
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(([at, mask]): Mutation => (bytes) => {
    const copy = Uint8Array.from(bytes);
    if (copy.length > 0) copy[at % copy.length] = (copy[at % copy.length] as number) ^ mask;
    return copy;
  }),
  // Cut the file short.
  fc.nat().map(
    (at): Mutation =>
      (bytes) =>
        bytes.subarray(0, at % (bytes.length + 1)),
  ),
  // Insert separators, quotes, a BOM, a NUL, line breaks or invalid UTF-8.
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom(',', ';', '\t', '"', '""', '\uFEFF', '\u0000', '\r', '\n', '\r\n', '\u2028'),
    )
    .map(
      ([at, extra]): Mutation =>
        (bytes) =>
          insertAt(bytes, at, Buffer.from(extra, 'utf8')),
    ),
  fc.nat().map(
    (at): Mutation =>
      (bytes) =>
        insertAt(bytes, at, Uint8Array.of(0xc3, 0x28, 0xff)),
  ),
  // A huge cell.
  fc
    .tuple(fc.nat(), fc.integer({ min: 101, max: 200_000 }), fc.constantFrom('x', 'é', '"', ';'))
    .map(
      ([at, length, char]): Mutation =>
        (bytes) =>
          insertAt(bytes, at, Buffer.from(char.repeat(length), 'utf8')),
    ),
  // Duplicate a row, with the same or another answer.
  fc.tuple(fc.nat(), fc.boolean()).map(([which, other]) =>
    textMutation((text) => {
      const lines = text.split('\n');
      const line = lines[1 + (which % Math.max(1, lines.length - 2))] ?? '';
      return `${text}${other ? line.replace(/,[^,]*$/, ',1') : line}\n`;
    }),
  ),
  // Wrong codes: a municipality, questionnaire, question or round that does not exist.
  fc
    .constantFrom<[RegExp, string]>(
      [/GM0363/g, 'GM9999'],
      [/mantelzorg/, 'mantelzorgen'],
      [/,17,/, ',99,'],
      [/,3\n/, ',7\n'],
      [new RegExp(ROUND), 'nul meting'],
      [/aanbod/, 'folder'],
      [/^meting/, 'maand'],
    )
    .map(([pattern, replacement]) => textMutation((text) => text.replace(pattern, replacement))),
);

/** Runs one import of the bytes and checks the outcome. */
async function checkImport(bytes: Uint8Array, name: string): Promise<void> {
  const before = await snapshotDatabase(database.db);
  let failure: unknown = null;
  try {
    const rows = await parseAnswerBytes(bytes, name);
    await importAnswerRows(database.db, rows, { round: ROUND, fileName: name });
  } catch (error) {
    failure = error;
  }
  if (failure === null) return;
  // A user error with a Dutch message, never a crash.
  const known =
    failure instanceof AnswerFileError ||
    failure instanceof ServiceError ||
    failure instanceof ImportFailedError;
  expect(known, `unexpected ${String(failure)}`).toBe(true);
  expect(failure).not.toBeInstanceOf(ImportFailedError);
  const message = (failure as Error).message;
  expect(message).toMatch(
    /bestand|regel|kolom|werkblad|Excel|meting|antwoorden|vastliggen|UTF-8|aanhalingsteken/,
  );
  expect(message).not.toMatch(LEAKS);
  const lines = message.split('\n');
  expect(lines.length).toBeLessThanOrEqual(MAX_LINES);
  for (const line of lines) expect(line.length).toBeLessThanOrEqual(MAX_LINE);
  // Nothing written.
  expect(await snapshotDatabase(database.db)).toBe(before);
}

describe('import fuzzing', () => {
  it('a mutated CSV file imports or is refused with a Dutch message, and never half', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const bytes = mutations.reduce<Uint8Array>(
          (current, mutate) => mutate(current),
          Buffer.from(VALID_CSV, 'utf8'),
        );
        await checkImport(bytes, 'antwoorden.csv');
      }),
      { numRuns: 120, seed: Number(process.env.BFM_FUZZ_SEED ?? 20_260_801) },
    );
  });

  it('a mutated .xlsx file imports or is refused with a Dutch message, and never half', async () => {
    const byteMutations = fc.oneof(
      fc
        .tuple(fc.nat(), fc.integer({ min: 1, max: 255 }))
        .map(([at, mask]): Mutation => (bytes) => {
          const copy = Uint8Array.from(bytes);
          copy[at % copy.length] = (copy[at % copy.length] as number) ^ mask;
          return copy;
        }),
      fc.nat().map(
        (at): Mutation =>
          (bytes) =>
            bytes.subarray(0, at % (bytes.length + 1)),
      ),
      fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 16 })).map(
        ([at, extra]): Mutation =>
          (bytes) =>
            insertAt(bytes, at, extra),
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(byteMutations, { minLength: 1, maxLength: 3 }),
        async (mutations) => {
          const bytes = mutations.reduce<Uint8Array>(
            (current, mutate) => mutate(current),
            validXlsx,
          );
          await checkImport(bytes, 'antwoorden.xlsx');
        },
      ),
      { numRuns: 60, seed: Number(process.env.BFM_FUZZ_SEED ?? 20_260_801) },
    );
  });
});
