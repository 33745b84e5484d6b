/**
 * The analysis dashboard's tables and downloads (src/services/dashboard-*.ts) carry the
 * numbers of `bfm analyse --json` (`analyseRound`) for the same round and filter; a
 * municipality account gets no filter and withheld cells, never zeros in their place.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseRound, type NationalAnalysis } from '../../src/services/analysis-service.ts';
import {
  loadDashboard,
  loadDashboardTable,
  loadDashboardTables,
  loadMunicipalityMarks,
} from '../../src/services/dashboard-service.ts';
import {
  isWithheld,
  writeTableCsv,
  writeTablesXlsx,
  XLSX_HEADER_ROW,
  type DataTable,
} from '../../src/services/dashboard-tables.ts';
import { DEMO_ROUND_ID, loadDemoRound } from '../../src/services/demo-data.ts';
import { NotFoundError } from '../../src/services/errors.ts';
import { loadRound } from '../../src/services/round-service.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { seedAccounts, type Cast } from '../support/factories.ts';

let database: TestDatabase;
let cast: Cast;
let reference: NationalAnalysis;

beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemoRound(database.db);
  cast = await seedAccounts(database.db);
  reference = await analyseRound(database.db, DEMO_ROUND_ID);
}, 120_000);

afterAll(async () => {
  await database?.close();
});

const NO_PARAMS = new URLSearchParams();

function byId(tables: readonly DataTable[], id: string): DataTable {
  const table = tables.find((candidate) => candidate.id === id);
  if (!table) throw new Error(`no table ${id}`);
  return table;
}

/** The figures of the analysis the basisfunctie tables show, per questionnaire. */
function expectBasisfunctieTables(tables: readonly DataTable[], analysis: NationalAnalysis) {
  for (const q of ['vrijwilligerswerk', 'mantelzorg']) {
    const rows = byId(tables, `basisfuncties-${q}`).rows;
    const expected = analysis.basisfuncties.filter((b) => b.questionnaire === q);
    expect(rows.map((row) => row.slice(1))).toEqual(
      expected.map((b) => [b.respondents, b.goed, b.percentGoed, b.meanMark, b.insufficient]),
    );
  }
}

describe('the dashboard tables of a staff member', () => {
  it('carry the numbers of analyseRound for the demo round', async () => {
    const { tables, dashboard } = await loadDashboardTables(
      database.db,
      cast.coordinator,
      DEMO_ROUND_ID,
      NO_PARAMS,
    );
    expect(dashboard.view.protection).toBe('none');
    expect(tables.some((table) => table.rows.some((row) => row.some(isWithheld)))).toBe(false);
    expectBasisfunctieTables(tables, reference);

    // Breakdowns: the % goed of every group and basisfunctie.
    const provinces = byId(tables, 'basisfuncties-mantelzorg-provincie');
    const mantelzorg = reference.basisfuncties.filter((b) => b.questionnaire === 'mantelzorg');
    expect(provinces.rows.map((row) => row.slice(2, 2 + mantelzorg.length))).toEqual(
      reference.byProvince.map((province) =>
        province.basisfuncties
          .filter((s) => s.questionnaire === 'mantelzorg')
          .map((s) => s.percentGoed),
      ),
    );
    const marks = byId(tables, 'cijfers-vrijwilligerswerk-grootteklasse');
    expect(marks.rows.map((row) => row.slice(1))).toEqual(
      reference.bySizeClass.map((group) =>
        group.basisfuncties
          .filter((s) => s.questionnaire === 'vrijwilligerswerk')
          .map((s) => s.meanMark),
      ),
    );

    // Items, multiple choice, tabel C, tabel 12 and the cross-table.
    const items = byId(tables, 'items-vrijwilligerswerk');
    expect(items.rows.map((row) => row.slice(2, 5))).toEqual(
      reference.items.filter((i) => i.questionnaire === 'vrijwilligerswerk').map((i) => i.counts),
    );
    for (const choice of reference.multipleChoice) {
      const table = byId(tables, `meerkeuze-${choice.questionnaire}-vraag-${choice.question}`);
      expect(table.rows.map((row) => [row[1], row[2]])).toEqual(
        choice.options.map((option) => [option.count, option.percent]),
      );
    }
    const countGoed = byId(tables, 'aantal-goed');
    expect(countGoed.rows.map((row) => row[1]).filter((v) => v !== null)).toEqual(
      reference.countGoed.vrijwilligerswerk,
    );
    expect(countGoed.rows.map((row) => row[3]).filter((v) => v !== null)).toEqual(
      reference.countGoed.mantelzorg,
    );
    const allOrNone = byId(tables, 'alles-of-niets');
    expect(allOrNone.rows[0]?.slice(-2)).toEqual([
      reference.allOrNone.all.both?.count,
      reference.allOrNone.all.both?.percent,
    ]);
    const cross = byId(tables, 'kruistabel-aantallen');
    expect(cross.rows.slice(0, -1).map((row) => row.slice(1, -1))).toEqual(reference.crossTable);
    expect(cross.rows.at(-1)?.at(-1)).toBe(reference.respondents.both);
    expect(cross.notes.join(' ')).toContain(
      `Pearson's r = ${String(reference.pearsonR).replace('.', ',')}`,
    );
    // Synthetic rounds say so in every table.
    expect(tables.every((table) => table.title.endsWith('(synthetische gegevens)'))).toBe(true);
  });

  it('carry the numbers of the filtered analysis when the address filters', async () => {
    const filter = { sizeClass: 'lt-20000', group: null, province: 'PV27' };
    const { tables, dashboard } = await loadDashboardTables(
      database.db,
      cast.analyst,
      DEMO_ROUND_ID,
      new URLSearchParams('grootte=lt-20000&provincie=PV27'),
    );
    expect(dashboard.view.filter).toEqual(filter);
    expect(dashboard.query).toBe('?grootte=lt-20000&provincie=PV27');
    expect(dashboard.filterText).toBe('gemeenten met < 20.000 inwoners in Noord-Holland');
    expectBasisfunctieTables(tables, await analyseRound(database.db, DEMO_ROUND_ID, filter));
    expect(byId(tables, 'respons').notes).toContain(
      'Filter: gemeenten met < 20.000 inwoners in Noord-Holland.',
    );
  });

  it('reports an unknown filter value in Dutch and applies the rest', async () => {
    const dashboard = await loadDashboard(
      database.db,
      cast.coordinator,
      DEMO_ROUND_ID,
      new URLSearchParams('groep=G5&provincie=PV20'),
    );
    expect(dashboard.view.filter).toEqual({ sizeClass: null, group: null, province: 'PV20' });
    expect(dashboard.filterProblems.map((p) => p.message)).toEqual([
      "Onbekende groep 'G5'. Kies uit: G4, G27, overig.",
    ]);
  });
});

describe('the dashboard of a municipality account', () => {
  it('ignores the filter and withholds small cells instead of showing zeros', async () => {
    const { tables, dashboard } = await loadDashboardTables(
      database.db,
      cast.municipality,
      DEMO_ROUND_ID,
      new URLSearchParams('provincie=PV24'),
    );
    expect(dashboard.view.filterable).toBe(false);
    expect(dashboard.view.filterIgnored).toBe(true);
    expect(dashboard.query).toBe('');
    // The national figures are the reference's: nothing national rests on fewer than 5.
    expectBasisfunctieTables(tables, reference);
    // The G4 are 4 municipalities: their cells are withheld, not 0.
    const groups = byId(tables, 'basisfuncties-vrijwilligerswerk-groep');
    const g4 = groups.rows.find((row) => row[0] === 'G4');
    expect(g4?.[1]).toBe(4);
    const shares = g4?.slice(2, 2 + 5) ?? [];
    expect(shares.length).toBeGreaterThan(0);
    expect(shares.every(isWithheld)).toBe(true);
    expect(groups.notes.some((note) => note.startsWith('Lege cellen zijn onderdrukt'))).toBe(true);
  });
});

/** Parses the CSV the writer makes (`;`, BOM, CRLF; no quoted cells in these tables). */
function parseCsv(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => line.split(';'));
}

describe('the downloads', () => {
  it('give the same numbers as the table in CSV, with withheld cells empty', async () => {
    const { table } = await loadDashboardTable(
      database.db,
      cast.municipality,
      DEMO_ROUND_ID,
      'basisfuncties-vrijwilligerswerk-groep',
      NO_PARAMS,
    );
    const lines = parseCsv(writeTableCsv(table));
    expect(lines[0]).toEqual([table.title]);
    expect(lines[1]).toEqual(table.columns);
    const body = lines.slice(2, 2 + table.rows.length);
    expect(body).toEqual(
      table.rows.map((row) =>
        row.map((value) => (isWithheld(value) || value === null ? '' : String(value))),
      ),
    );
  });

  it('give the same numbers as the tables in one Excel workbook', async () => {
    const { tables } = await loadDashboardTables(
      database.db,
      cast.coordinator,
      DEMO_ROUND_ID,
      NO_PARAMS,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeTablesXlsx(tables)) as never);
    expect(workbook.worksheets).toHaveLength(tables.length);
    tables.forEach((table, index) => {
      const sheet = workbook.worksheets[index];
      expect(sheet?.getCell('A1').value, table.id).toBe(table.title);
      const header = (sheet?.getRow(XLSX_HEADER_ROW).values as unknown[]).slice(1);
      expect(header).toEqual(table.columns);
      table.rows.forEach((row, r) => {
        const values = (sheet?.getRow(XLSX_HEADER_ROW + 1 + r).values as unknown[]).slice(1);
        const expected = row.map((value) => (isWithheld(value) ? null : value));
        expect(
          expected.map((value, c) => values[c] ?? null),
          `${table.id} row ${r}`,
        ).toEqual(expected);
      });
    });
  });

  it('answer 404 with a Dutch message for an unknown table', async () => {
    await expect(
      loadDashboardTable(database.db, cast.coordinator, DEMO_ROUND_ID, 'bestaat-niet', NO_PARAMS),
    ).rejects.toThrow(NotFoundError);
  });
});

describe('the marks per municipality for the map', () => {
  it('name only the municipalities in the viewer’s scope, with the bands of the analysis', async () => {
    const loaded = await loadRound(database.db, DEMO_ROUND_ID);
    const province = new Map(loaded.municipalities.map((m) => [m.code, m.provinceCode]));
    const all = await loadMunicipalityMarks(
      database.db,
      cast.coordinator,
      DEMO_ROUND_ID,
      'mantelzorg',
      'informatie',
    );
    const national = reference.basisfuncties.find(
      (b) => b.questionnaire === 'mantelzorg' && b.basisfunctie === 'informatie',
    );
    expect(all?.length).toBe(reference.respondents.mantelzorg);
    expect(all?.filter((m) => m.band === 'goed').length).toBe(national?.goed);

    const advisor = await loadMunicipalityMarks(
      database.db,
      cast.advisor,
      DEMO_ROUND_ID,
      'mantelzorg',
      'informatie',
    );
    expect(advisor?.length).toBeGreaterThan(0);
    expect(advisor?.every((m) => province.get(m.code) === 'PV27')).toBe(true);

    for (const role of ['analyst', 'municipality'] as const) {
      expect(
        await loadMunicipalityMarks(
          database.db,
          cast[role],
          DEMO_ROUND_ID,
          'mantelzorg',
          'informatie',
        ),
      ).toBeNull();
    }
  });
});
