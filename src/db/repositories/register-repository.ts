import { asc, eq, sql } from 'drizzle-orm';
import type { Municipality } from '../../domain/register.ts';
import type { Executor } from '../client.ts';
import { queryRows } from '../query.ts';
import { municipalities, municipalitySuccessors, registers } from '../schema.ts';

export type RegisterRow = typeof registers.$inferSelect;
export type SuccessorRow = typeof municipalitySuccessors.$inferInsert;

const INSERT_BATCH = 1000;

/** Replaces a register and its municipalities as one unit (call inside a transaction). */
export async function replaceRegister(
  executor: Executor,
  register: typeof registers.$inferInsert,
  members: readonly Municipality[],
): Promise<void> {
  await executor
    .insert(registers)
    .values(register)
    .onConflictDoUpdate({
      target: registers.id,
      set: {
        name: register.name,
        referenceDate: register.referenceDate,
        populationDate: register.populationDate ?? null,
        source: register.source,
        synthetic: register.synthetic ?? false,
      },
    });
  await executor.delete(municipalities).where(eq(municipalities.registerId, register.id));
  for (let start = 0; start < members.length; start += INSERT_BATCH) {
    await executor.insert(municipalities).values(
      members.slice(start, start + INSERT_BATCH).map((m) => ({
        registerId: register.id,
        code: m.code,
        name: m.name,
        provinceCode: m.provinceCode,
        provinceName: m.provinceName,
        population: m.population,
        g4: m.g4,
        g27: m.g27,
      })),
    );
  }
}

export async function findRegister(
  executor: Executor,
  id: string,
): Promise<RegisterRow | undefined> {
  const rows = await executor.select().from(registers).where(eq(registers.id, id));
  return rows[0];
}

export async function listRegisters(executor: Executor): Promise<RegisterRow[]> {
  return executor.select().from(registers).orderBy(asc(registers.id));
}

/**
 * The municipalities of a register, in code order. Packed into one text value in the
 * database, like the response vectors, because registers of synthetic rounds can be large.
 */
export async function listMunicipalities(
  executor: Executor,
  registerId: string,
): Promise<Municipality[]> {
  const rows = await queryRows<{ packed: string | null }>(
    executor,
    sql`
    select string_agg(concat_ws(E'\t', code, name, province_code, province_name,
                                coalesce(population::text, ''), g4::int, g27::int), E'\n' order by code) as packed
    from municipalities where register_id = ${registerId}`,
  );
  const packed = rows[0]?.packed;
  if (!packed) return [];
  return packed.split('\n').map((line) => {
    const [
      code = '',
      name = '',
      provinceCode = '',
      provinceName = '',
      population = '',
      g4 = '0',
      g27 = '0',
    ] = line.split('\t');
    return {
      code,
      name,
      provinceCode,
      provinceName,
      population: population === '' ? null : Number(population),
      g4: g4 === '1',
      g27: g27 === '1',
    };
  });
}

/** Replaces the successor mapping (call inside a transaction). */
export async function replaceSuccessors(
  executor: Executor,
  rows: readonly SuccessorRow[],
): Promise<void> {
  await executor.delete(municipalitySuccessors);
  for (let start = 0; start < rows.length; start += INSERT_BATCH) {
    await executor.insert(municipalitySuccessors).values(rows.slice(start, start + INSERT_BATCH));
  }
}

export async function countSuccessors(executor: Executor): Promise<number> {
  const rows = await executor
    .select({ code: municipalitySuccessors.code2009 })
    .from(municipalitySuccessors);
  return rows.length;
}

/** The successor mapping as stored, in 2009-code order. */
export async function listSuccessorRows(executor: Executor): Promise<SuccessorRow[]> {
  return executor
    .select()
    .from(municipalitySuccessors)
    .orderBy(asc(municipalitySuccessors.code2009));
}
