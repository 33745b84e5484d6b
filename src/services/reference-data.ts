/**
 * The reference data shipped in data/: the 2009 and 2025 registers and the successor
 * mapping. Files are checked with a schema before anything is written.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseCsv } from './import/csv.ts';
import { clearRegisterCache } from './round-service.ts';
import type { Municipality } from '../domain/register.ts';
import type { Database } from '../db/client.ts';
import {
  findRegister,
  listMunicipalities,
  listSuccessorRows,
  replaceRegister,
  replaceSuccessors,
  type SuccessorRow,
} from '../db/repositories/register-repository.ts';

export const REFERENCE_DATA_DIR = fileURLToPath(
  new URL('../../data/municipalities/', import.meta.url),
);

/** The register every 2009-instrument round uses unless told otherwise. */
export const REGISTER_2009 = '2009';
export const REGISTER_2025 = '2025';

const code4 = z.string().regex(/^\d{4}$/, 'code moet vier cijfers zijn');
const flag = z.enum(['0', '1']).transform((value) => value === '1');
const optionalInt = z
  .string()
  .regex(/^\d*$/, 'aantal moet een geheel getal zijn')
  .transform((value) => (value === '' ? null : Number(value)));

export const Register2009RowSchema = z.object({
  code: code4,
  gm_code: z.string().regex(/^GM\d{4}$/),
  name: z.string().min(1),
  province_code: z.string().regex(/^PV\d{2}$/),
  province_name: z.string().min(1),
  population_2009: z.string(),
  g4: flag,
  g27: flag,
  population_2010_01_01: optionalInt,
});

export const Register2025RowSchema = z.object({
  code: code4,
  gm_code: z.string().regex(/^GM\d{4}$/),
  name: z.string().min(1),
  province_code: z.string().regex(/^PV\d{2}$/),
  province_name: z.string().min(1),
  valid_from: z.string(),
});

export const Population2025RowSchema = z.object({
  code: code4,
  gm_code: z.string().regex(/^GM\d{4}$/),
  name: z.string().min(1),
  population_2024_01_01: optionalInt,
  reference_date: z.literal('2024-01-01'),
  source: z.string(),
});

export const SuccessorRowSchema = z.object({
  code_2009: code4,
  successor_code: code4,
  relation: z.enum(['unchanged', 'merged', 'split']),
  all_successor_codes: z.string().transform((value) => value.split(';').filter(Boolean)),
  dissolved_on: z.string().transform((value) => (value === '' ? null : value)),
  overlay_primary_share: z
    .string()
    .regex(/^(?:0(?:\.\d+)?|1(?:\.0+)?)?$/, 'aandeel moet een getal tussen 0 en 1 zijn')
    .transform((value) => (value === '' ? null : Number(value))),
});

function readCsv<T extends z.ZodType>(fileName: string, schema: T): z.infer<T>[] {
  const text = readFileSync(`${REFERENCE_DATA_DIR}${fileName}`, 'utf8');
  const [header, ...records] = parseCsv(text, ',');
  return records.map(({ line, cells }) => {
    const record = Object.fromEntries(
      (header?.cells ?? []).map((name, i) => [name, cells[i] ?? '']),
    );
    const result = schema.safeParse(record);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new Error(
        `Referentiebestand ${fileName}, regel ${line}: ${issue?.path.join('.')}: ${issue?.message}`,
      );
    }
    return result.data;
  });
}

/** Reads the 2009 register: population is CBS 1 January 2010, the only figure available. */
export function readRegister2009(): Municipality[] {
  return readCsv('municipalities_2009.csv', Register2009RowSchema).map((row) => ({
    code: row.code,
    name: row.name,
    provinceCode: row.province_code,
    provinceName: row.province_name,
    population: row.population_2010_01_01,
    g4: row.g4,
    g27: row.g27,
  }));
}

/**
 * Reads the 2025 register with the CBS population of 1 January 2024 (the latest complete
 * set), joined on code. A municipality without a figure keeps population null, so its size
 * class is 'onbekend': a figure is never guessed.
 *
 * @throws {Error} when the population file names a code that is not in the register, or a
 *   G4/G27 code is missing from it
 */
export function readRegister2025(): Municipality[] {
  const rows = readCsv('municipalities_2025.csv', Register2025RowSchema);
  const population = new Map<string, number | null>();
  for (const row of readCsv('municipalities_2025_population.csv', Population2025RowSchema))
    population.set(row.code, row.population_2024_01_01);
  const codes = new Set(rows.map((row) => row.code));
  const stray = [...population.keys()].find((code) => !codes.has(code));
  if (stray) {
    throw new Error(
      `Referentiebestand municipalities_2025_population.csv: gemeentecode ${stray} staat niet in municipalities_2025.csv`,
    );
  }
  // G4 and G27 are the cities flagged in the 2009 register, by code (decision 022), so that
  // G4 / G27 / overig stays comparable between rounds; all 31 still exist in 2025.
  const register2009 = readRegister2009();
  const g4 = new Set(register2009.filter((m) => m.g4).map((m) => m.code));
  const g27 = new Set(register2009.filter((m) => m.g27).map((m) => m.code));
  const missingGroup = [...g4, ...g27].find((code) => !codes.has(code));
  if (missingGroup) {
    throw new Error(`G4/G27-gemeente ${missingGroup} staat niet in municipalities_2025.csv`);
  }
  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    provinceCode: row.province_code,
    provinceName: row.province_name,
    population: population.get(row.code) ?? null,
    g4: g4.has(row.code),
    g27: g27.has(row.code),
  }));
}

export function readSuccessors(): z.infer<typeof SuccessorRowSchema>[] {
  return readCsv('municipalities_2009_to_2025.csv', SuccessorRowSchema);
}

export interface ReferenceDataSummary {
  readonly registers: Record<string, number>;
  readonly successors: number;
}

const REGISTER_2009_INFO = {
  id: REGISTER_2009,
  name: 'Gemeenten per 1 januari 2009',
  referenceDate: '2009-01-01',
  populationDate: '2010-01-01',
  source:
    'Bron: CBS (gemeentelijke indeling); inwonertal: Bron: CBS, StatLine (Regionale Kerncijfers Nederland), 1 januari 2010',
};

const REGISTER_2025_INFO = {
  id: REGISTER_2025,
  name: 'Gemeenten per 1 januari 2025',
  referenceDate: '2025-01-01',
  populationDate: '2024-01-01',
  source: 'Bron: CBS (gemeentelijke indeling); inwonertal: Bron: CBS, StatLine, 1 januari 2024',
};

interface ShippedReferenceData {
  readonly registers: readonly {
    readonly info: typeof REGISTER_2009_INFO;
    readonly members: readonly Municipality[];
  }[];
  readonly successors: readonly SuccessorRow[];
}

function readShippedReferenceData(): ShippedReferenceData {
  return {
    registers: [
      { info: REGISTER_2009_INFO, members: readRegister2009() },
      { info: REGISTER_2025_INFO, members: readRegister2025() },
    ],
    successors: readSuccessors().map((row) => ({
      code2009: row.code_2009,
      successorCode: row.successor_code,
      relation: row.relation,
      allSuccessorCodes: row.all_successor_codes,
      dissolvedOn: row.dissolved_on,
      overlayPrimaryShare: row.overlay_primary_share,
    })),
  };
}

/**
 * A hash of reference data in one canonical form, the same for the shipped files and for what
 * the database holds: it tells whether a database still has the data of an older release.
 */
function hashReferenceData(data: ShippedReferenceData): string {
  const hash = createHash('sha256');
  for (const { info, members } of data.registers) {
    hash.update(JSON.stringify(info));
    for (const m of [...members].sort((a, b) => a.code.localeCompare(b.code)))
      hash.update(
        JSON.stringify([m.code, m.name, m.provinceCode, m.provinceName, m.population, m.g4, m.g27]),
      );
  }
  const successors = [...data.successors].sort((a, b) => a.code2009.localeCompare(b.code2009));
  for (const row of successors)
    hash.update(
      JSON.stringify([
        row.code2009,
        row.successorCode,
        row.relation,
        row.allSuccessorCodes,
        row.dissolvedOn ?? null,
        row.overlayPrimaryShare ?? null,
      ]),
    );
  return hash.digest('hex');
}

/** The same hash over what the database holds, or null when a register is missing. */
async function hashStoredReferenceData(db: Database): Promise<string | null> {
  const registers: ShippedReferenceData['registers'][number][] = [];
  for (const id of [REGISTER_2009, REGISTER_2025]) {
    const row = await findRegister(db, id);
    if (!row) return null;
    registers.push({
      info: {
        id: row.id,
        name: row.name,
        referenceDate: row.referenceDate,
        populationDate: row.populationDate as string,
        source: row.source,
      },
      members: await listMunicipalities(db, id),
    });
  }
  return hashReferenceData({ registers, successors: await listSuccessorRows(db) });
}

/** Loads (or reloads) the registers and the successor mapping in one transaction. */
export async function loadReferenceData(db: Database): Promise<ReferenceDataSummary> {
  return writeReferenceData(db, readShippedReferenceData());
}

async function writeReferenceData(
  db: Database,
  data: ShippedReferenceData,
): Promise<ReferenceDataSummary> {
  clearRegisterCache();
  await db.transaction(async (tx) => {
    for (const { info, members } of data.registers) await replaceRegister(tx, info, members);
    await replaceSuccessors(tx, data.successors);
  });
  clearRegisterCache();
  return {
    registers: Object.fromEntries(data.registers.map((r) => [r.info.id, r.members.length])),
    successors: data.successors.length,
  };
}

/**
 * Loads the reference data when the database lacks it or holds other data than the files
 * shipped with this release (an older release had no 2025 population, for example). It
 * compares the content, not a version number, so it is idempotent: a second call changes
 * nothing. The reload is one transaction, so a failure leaves the old data in place.
 *
 * @returns whether anything was (re)loaded
 */
export async function ensureReferenceData(db: Database): Promise<boolean> {
  const shipped = readShippedReferenceData();
  if ((await hashStoredReferenceData(db)) === hashReferenceData(shipped)) return false;
  await writeReferenceData(db, shipped);
  return true;
}
