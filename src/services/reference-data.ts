/**
 * The reference data shipped in data/: the 2009 and 2025 registers and the successor
 * mapping. Files are checked with a schema before anything is written.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseCsv } from './import/csv.ts';
import { clearRegisterCache } from './round-service.ts';
import type { Municipality } from '../domain/register.ts';
import type { Database } from '../db/client.ts';
import {
  countSuccessors,
  findRegister,
  replaceRegister,
  replaceSuccessors,
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

const G4_CODES = ['0363', '0599', '0518', '0344'];

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

/** Reads the 2025 register. No population figures or G40 flags are shipped for it yet. */
export function readRegister2025(): Municipality[] {
  return readCsv('municipalities_2025.csv', Register2025RowSchema).map((row) => ({
    code: row.code,
    name: row.name,
    provinceCode: row.province_code,
    provinceName: row.province_name,
    population: null,
    g4: G4_CODES.includes(row.code),
    // The G27 is the 2009 grouping; later rounds need their own (G40) classification.
    g27: false,
  }));
}

export function readSuccessors(): z.infer<typeof SuccessorRowSchema>[] {
  return readCsv('municipalities_2009_to_2025.csv', SuccessorRowSchema);
}

export interface ReferenceDataSummary {
  readonly registers: Record<string, number>;
  readonly successors: number;
}

/** Loads (or reloads) the registers and the successor mapping in one transaction. */
export async function loadReferenceData(db: Database): Promise<ReferenceDataSummary> {
  const register2009 = readRegister2009();
  const register2025 = readRegister2025();
  const successors = readSuccessors();
  clearRegisterCache();
  await db.transaction(async (tx) => {
    await replaceRegister(
      tx,
      {
        id: REGISTER_2009,
        name: 'Gemeenten per 1 januari 2009',
        referenceDate: '2009-01-01',
        populationDate: '2010-01-01',
        source:
          'Bron: CBS (gemeentelijke indeling); inwonertal: Bron: CBS, StatLine (Regionale Kerncijfers Nederland), 1 januari 2010',
      },
      register2009,
    );
    await replaceRegister(
      tx,
      {
        id: REGISTER_2025,
        name: 'Gemeenten per 1 januari 2025',
        referenceDate: '2025-01-01',
        populationDate: null,
        source: 'Bron: CBS (gemeentelijke indeling)',
      },
      register2025,
    );
    await replaceSuccessors(
      tx,
      successors.map((row) => ({
        code2009: row.code_2009,
        successorCode: row.successor_code,
        relation: row.relation,
        allSuccessorCodes: row.all_successor_codes,
        dissolvedOn: row.dissolved_on,
        overlayPrimaryShare: row.overlay_primary_share,
      })),
    );
  });
  clearRegisterCache();
  return {
    registers: { [REGISTER_2009]: register2009.length, [REGISTER_2025]: register2025.length },
    successors: successors.length,
  };
}

/** Loads the reference data only when it is not in the database yet. */
export async function ensureReferenceData(db: Database): Promise<boolean> {
  const existing = await findRegister(db, REGISTER_2009);
  if (existing && (await countSuccessors(db)) > 0) return false;
  await loadReferenceData(db);
  return true;
}
