/**
 * A cross-table as a download, CSV or Excel, with the numbers of the page it comes from:
 * the counts, the row and column percentages and the test of association, for what the
 * viewer may see (withheld cells are empty, with a note).
 */
import ExcelJS from 'exceljs';
import { describeFilter } from '../domain/analysis-filter.ts';
import type { Executor } from '../db/client.ts';
import type { StaffUser } from './auth-service.ts';
import { writeCsv } from './csv-writer.ts';
import {
  listRoundProvinces,
  loadCrossTabView,
  parseCrossTabParams,
  type CrossTabView,
} from './crosstab-service.ts';
import { describeAssociation, describeWithheld } from './crosstab-text.ts';
import { UserInputError } from './errors.ts';
import { assertCan } from './permissions.ts';

type Cell = string | number | null;

export interface CrossTabSheet {
  readonly title: string;
  readonly rows: readonly (readonly Cell[])[];
}

const SYNTHETIC_NOTE =
  'SYNTHETISCHE GEGEVENS: deze meting is verzonnen voor demonstratie en zegt niets over echte gemeenten.';

/** The lines above the tables: what is crossed, over which municipalities, and the caveats. */
function describeTable(
  view: CrossTabView,
  provinces: readonly { readonly code: string; readonly name: string }[],
): string[] {
  const filter = describeFilter(view.filter, provinces);
  const lines = [
    `${view.roundName}: ${view.row.questionnaire} ${view.row.name} (rijen) x ${view.column.questionnaire} ${view.column.name} (kolommen)`,
    `Rijen: ${view.row.text}`,
    `Kolommen: ${view.column.text}`,
    `Gemeenten met een antwoord op beide vragen: ${view.total}${filter ? ` (${filter})` : ''}`,
  ];
  if (view.row.multipleResponse || view.column.multipleResponse) {
    lines.push(
      'Meerkeuzevraag: een gemeente telt mee in elke optie die zij koos; de totalen tellen gemeenten.',
    );
  }
  if (view.withheld) lines.push(describeWithheld(view.withheld));
  else if (view.suppressed) {
    lines.push(
      'Lege cellen zijn weggelaten: ze berusten op minder dan vijf gemeenten, of zouden zo’n cel terug laten rekenen.',
    );
  }
  const { sentences, warning } = describeAssociation(view);
  lines.push(...sentences);
  if (warning) lines.push(warning);
  if (view.synthetic) lines.unshift(SYNTHETIC_NOTE);
  return lines;
}

/**
 * The three tables of a cross-table (counts, row percentages, column percentages), each with
 * the row categories down and the column categories across, and a 'Totaal' row and column.
 */
export function buildCrossTabSheets(view: CrossTabView): CrossTabSheet[] {
  const header: Cell[] = [
    `${view.row.name} \\ ${view.column.name}`,
    ...view.column.categories.map((c) => c.label),
    'Totaal',
  ];
  const label = (r: number) => view.row.categories[r]?.label ?? '';
  const counts: Cell[][] = [
    header,
    ...view.counts.map((cells, r) => [label(r), ...cells, view.rowTotals[r] ?? null]),
    ['Totaal', ...view.columnTotals, view.withheld ? null : view.total],
  ];
  const rowPercentages: Cell[][] = [
    header,
    ...view.rowPercentages.map((cells, r) => [
      label(r),
      ...cells,
      view.rowTotalPercentages[r] ?? null,
    ]),
    ['Totaal', ...view.columnTotalPercentages, view.total > 0 && !view.withheld ? 100 : null],
  ];
  const columnPercentages: Cell[][] = [
    header,
    ...view.columnPercentages.map((cells, r) => [
      label(r),
      ...cells,
      view.rowTotalPercentages[r] ?? null,
    ]),
    [
      'Totaal',
      ...view.columnTotals.map((count) => (count === null ? null : count > 0 ? 100 : null)),
      view.total > 0 && !view.withheld ? 100 : null,
    ],
  ];
  return [
    { title: 'Aantallen', rows: counts },
    { title: 'Rijpercentages', rows: rowPercentages },
    { title: 'Kolompercentages', rows: columnPercentages },
  ];
}

/**
 * The cross-table as one CSV file: the description, then the three tables, each under its
 * title and separated by an empty line. Percentages are numbers with a decimal comma.
 */
export function writeCrossTabCsv(
  view: CrossTabView,
  provinces: readonly { readonly code: string; readonly name: string }[],
): string {
  const rows: Cell[][] = describeTable(view, provinces).map((line) => [line]);
  const decimal = (cell: Cell) =>
    typeof cell === 'number' && !Number.isInteger(cell) ? String(cell).replace('.', ',') : cell;
  for (const sheet of buildCrossTabSheets(view)) {
    rows.push([], [sheet.title], ...sheet.rows.map((row) => row.map(decimal)));
  }
  return writeCsv(rows);
}

/** The cross-table as an Excel workbook: one sheet per table, and the description. */
export async function writeCrossTabXlsx(
  view: CrossTabView,
  provinces: readonly { readonly code: string; readonly name: string }[],
): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Basisfunctiemonitor';
  const about = workbook.addWorksheet('Toelichting');
  for (const line of describeTable(view, provinces)) about.addRow([line]);
  about.getColumn(1).width = 120;
  for (const sheet of buildCrossTabSheets(view)) {
    const worksheet = workbook.addWorksheet(sheet.title);
    for (const row of sheet.rows) worksheet.addRow([...row]);
    worksheet.getRow(1).font = { bold: true };
    worksheet.getColumn(1).width = 40;
  }
  // Copied into a plain ArrayBuffer, which a Response takes as its body.
  return Uint8Array.from(new Uint8Array(await workbook.xlsx.writeBuffer()));
}

/**
 * The cross-table of the page's query (`rij`, `kolom` and the filter) as a download, with
 * what the user may see in it.
 *
 * @throws {ForbiddenError} when the user's role may not download the analysis' tables
 * @throws {NotFoundError} when the round does not exist
 * @throws {UserInputError} when the two questions are missing or unknown, or the filter is
 */
export async function exportCrossTab(
  executor: Executor,
  user: StaffUser,
  roundId: string,
  params: URLSearchParams,
  format: 'csv' | 'xlsx',
): Promise<{ readonly fileName: string; readonly content: string | Uint8Array<ArrayBuffer> }> {
  assertCan(user, 'analysis.exportTables');
  const provinces = await listRoundProvinces(executor, roundId);
  const { query, filter, problems } = parseCrossTabParams(params, provinces);
  if (!query || problems.length > 0) {
    throw new UserInputError(
      problems.map((p) => p.message).join(' ') ||
        'Kies eerst twee vragen op de pagina Kruistabel; de download neemt die keuze over.',
    );
  }
  const view = await loadCrossTabView(executor, { kind: 'user', user }, roundId, query, filter);
  const fileName = `${roundId}-kruistabel-${query.row}-${query.column}.${format}`.replace(
    /[^A-Za-z0-9._-]/g,
    '_',
  );
  return {
    fileName,
    content:
      format === 'csv'
        ? writeCrossTabCsv(view, provinces)
        : await writeCrossTabXlsx(view, provinces),
  };
}
