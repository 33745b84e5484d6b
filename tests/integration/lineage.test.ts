import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLineage } from '../../src/services/lineage-service.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.dispose();
});

describe('lineage between registers', () => {
  it('links every 2025 municipality to its 2009 predecessors', async () => {
    const lineage = await loadLineage(database.db, '2009', '2025');
    expect(lineage.predecessors.size).toBe(342);
    // Eemsdelta is Appingedam, Delfzijl and Loppersum.
    expect(lineage.predecessors.get('1979')?.map((p) => [p.code, p.relation, p.share])).toEqual([
      ['0003', 'merged', 1],
      ['0010', 'merged', 1],
      ['0024', 'merged', 1],
    ]);
    // Winsum was split: 78.8% of its area went to Het Hogeland, the rest to Westerkwartier.
    const winsumInWesterkwartier = lineage.predecessors.get('1969')?.find((p) => p.code === '0053');
    expect(winsumInWesterkwartier?.relation).toBe('split');
    expect(winsumInWesterkwartier?.share).toBeCloseTo(0.212, 9);
    // Haaren's area shares were not measured: each of its four successors gets a quarter.
    expect(lineage.predecessors.get('0865')?.find((p) => p.code === '0788')).toEqual({
      code: '0788',
      relation: 'split',
      share: 0.25,
      shareMeasured: false,
    });
    // A municipality that did not change is its own predecessor.
    expect(lineage.predecessors.get('0363')?.map((p) => p.code)).toContain('0363');
  });

  it('is the identity on one register', async () => {
    const lineage = await loadLineage(database.db, '2025', '2025');
    expect(lineage.predecessors.get('1979')).toEqual([
      { code: '1979', relation: 'unchanged', share: 1, shareMeasured: true },
    ]);
  });

  it('refuses registers without a mapping, naming both', async () => {
    await expect(loadLineage(database.db, '2025', '2009')).rejects.toThrow(
      /geen opvolgingstabel van register '2025' naar register '2009'/,
    );
  });
});
