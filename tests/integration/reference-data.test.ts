import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifySize } from '../../src/domain/register.ts';
import { listMunicipalities } from '../../src/db/repositories/register-repository.ts';
import { ensureReferenceData, loadReferenceData } from '../../src/services/reference-data.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ reference: false });
});
afterAll(async () => {
  await database.dispose();
});

describe('reference data', () => {
  it('loads the 2009 and 2025 registers and the successor mapping', async () => {
    expect(await ensureReferenceData(database.db)).toBe(true);
    expect(await ensureReferenceData(database.db)).toBe(false);
    const summary = await loadReferenceData(database.db);
    expect(summary).toEqual({ registers: { '2009': 441, '2025': 342 }, successors: 441 });
  });

  it('has the 2009 register with provinces, G4/G27 and population of 1 January 2010', async () => {
    const register = await listMunicipalities(database.db, '2009');
    expect(register).toHaveLength(441);
    expect(
      register
        .filter((m) => m.g4)
        .map((m) => m.code)
        .sort(),
    ).toEqual(['0344', '0363', '0518', '0599']);
    expect(register.filter((m) => m.g27)).toHaveLength(27);
    expect(register.find((m) => m.code === '0034')?.g27).toBe(false); // Almere is not in the G27
    expect(register.find((m) => m.code === '0363')).toMatchObject({
      name: 'Amsterdam',
      provinceName: 'Noord-Holland',
      population: 767_457,
    });
    const provinces = new Map<string, number>();
    for (const m of register)
      provinces.set(m.provinceName, (provinces.get(m.provinceName) ?? 0) + 1);
    expect(provinces.get('Zuid-Holland')).toBe(76);
    expect(provinces.get('Flevoland')).toBe(6);
    expect(provinces.size).toBe(12);
  });

  it('leaves the size class of the 16 municipalities without a figure unknown', async () => {
    const register = await listMunicipalities(database.db, '2009');
    const unknown = register
      .filter((m) => classifySize(m.population) === 'onbekend')
      .map((m) => m.code);
    expect(unknown).toHaveLength(16);
    expect(unknown).toEqual(expect.arrayContaining(['0983', '1507', '0984', '0039', '0993']));
    const counts = new Map<string, number>();
    for (const m of register)
      counts.set(classifySize(m.population), (counts.get(classifySize(m.population)) ?? 0) + 1);
    expect(counts.get('ge-250000')).toBe(4);
  });

  it('maps every 2009 municipality to a 2025 successor', async () => {
    const rows = (await database.db.execute(sql`
      select relation, count(*)::int as n from municipality_successors group by relation order by relation`)) as unknown as {
      rows: { relation: string; n: number }[];
    };
    expect(rows.rows).toEqual([
      { relation: 'merged', n: 125 },
      { relation: 'split', n: 6 },
      { relation: 'unchanged', n: 310 },
    ]);
  });
});
