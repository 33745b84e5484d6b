/**
 * Every table of the analysis dashboard as one model (`DataTable`), built from the analysis
 * view a viewer gets (`loadAnalysisView`): the pages render these tables, and the downloads
 * (CSV, Excel) write the same tables, so a page and its download carry the same numbers,
 * which are those of `bfm analyse --json` for the same round and filter.
 *
 * Withheld figures (small-cell protection) are the cell `WITHHELD`: a page shows
 * 'onderdrukt', a download an empty cell with a note under the table.
 */
import ExcelJS from 'exceljs';
import type { ProtectedAnalysis } from '../domain/disclosure-control.ts';
import type { AnalysisView } from './analysis-view-service.ts';
import { writeCsv } from './csv-writer.ts';

/** A cell that the viewer may not see (fewer than 5 municipalities behind it). */
export const WITHHELD = { withheld: true } as const;
export type DataCell = string | number | null | typeof WITHHELD;

export function isWithheld(value: DataCell): value is typeof WITHHELD {
  return typeof value === 'object' && value !== null;
}

export interface DataTable {
  /** kebab-case, unique in a round: the download's file name. */
  readonly id: string;
  readonly title: string;
  readonly columns: readonly string[];
  /** The first cell of every row is its heading. */
  readonly rows: readonly (readonly DataCell[])[];
  readonly notes: readonly string[];
}

/** What the tables read: the analysis view a viewer gets, with the filter in words. */
export type TableSource = ProtectedAnalysis &
  Pick<AnalysisView, 'roundName' | 'synthetic'> & {
    /** Whether figures over fewer than 5 municipalities are withheld in this view. */
    readonly protection?: AnalysisView['protection'];
    /** The filter in words, when one applies ('grootteklasse < 20.000 inwoners'). */
    readonly filterText?: string | null;
  };

export const DIMENSIONS = [
  { id: 'grootteklasse', key: 'bySizeClass', label: 'grootteklasse' },
  { id: 'groep', key: 'byGroup', label: 'G4, G27 en overige gemeenten' },
  { id: 'provincie', key: 'byProvince', label: 'provincie' },
] as const;
export type DimensionId = (typeof DIMENSIONS)[number]['id'];

export const ANSWER_COLUMN_LABELS = ['Nee', 'Ja, verbetering mogelijk', 'Ja, goed voor elkaar'];

const WITHHELD_NOTE =
  'Lege cellen zijn onderdrukt: ze rusten op minder dan 5 gemeenten, of zouden uit de andere cellen en het totaal te herleiden zijn.';

/** A figure that is withheld when its value is null in a protected view, otherwise empty. */
function cell(value: number | null | undefined, withheld: boolean): DataCell {
  if (withheld) return WITHHELD;
  return value ?? null;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The questionnaires of the analysis in the order the instrument gives them. */
export function listQuestionnaires(source: TableSource): string[] {
  return [...new Set(source.basisfuncties.map((b) => b.questionnaire))];
}

function baseNotes(source: TableSource): string[] {
  return [
    ...(source.synthetic ? ['Synthetische demonstratiemeting: de gegevens zijn verzonnen.'] : []),
    `Meting: ${source.roundName} (${source.round}).`,
    ...(source.filterText ? [`Filter: ${source.filterText}.`] : []),
  ];
}

function finish(
  source: TableSource,
  table: Omit<DataTable, 'notes'> & { notes?: readonly string[] },
): DataTable {
  const hasWithheld = table.rows.some((row) => row.some(isWithheld));
  return {
    ...table,
    title: source.synthetic ? `${table.title} (synthetische gegevens)` : table.title,
    notes: [...baseNotes(source), ...(table.notes ?? []), ...(hasWithheld ? [WITHHELD_NOTE] : [])],
  };
}

function withheld(block: { readonly suppressed?: boolean }, value: unknown): boolean {
  return block.suppressed === true || value === null;
}

/** Respondents per questionnaire, nationally and per group of each breakdown. */
export function buildResponseTables(source: TableSource): DataTable[] {
  const questionnaires = listQuestionnaires(source);
  const national = finish(source, {
    id: 'respons',
    title: 'Respons per vragenlijst',
    columns: ['Vragenlijst', 'Gemeenten in de meting', 'Respondenten', 'Respons (%)'],
    rows: [
      ...questionnaires.map((q) => {
        const count = source.respondents[q] ?? 0;
        const total = source.respondents.municipalities ?? 0;
        return [
          capitalize(q),
          total,
          count,
          total > 0 ? Math.round((1000 * count) / total) / 10 : null,
        ];
      }),
      [
        'Beide vragenlijsten',
        source.respondents.municipalities ?? 0,
        source.respondents.both ?? 0,
        (source.respondents.municipalities ?? 0) > 0
          ? Math.round(
              (1000 * (source.respondents.both ?? 0)) / (source.respondents.municipalities ?? 1),
            ) / 10
          : null,
      ],
    ],
  });
  const breakdowns = DIMENSIONS.map((dimension) =>
    finish(source, {
      id: `respons-${dimension.id}`,
      title: `Respons per ${dimension.label}`,
      columns: [
        capitalize(dimension.label),
        'Gemeenten in de meting',
        ...questionnaires.map((q) => `Respondenten ${q}`),
      ],
      rows: source[dimension.key].map((group) => [
        group.label,
        group.municipalities,
        ...questionnaires.map((q) => group.respondents[q] ?? 0),
      ]),
    }),
  );
  return [national, ...breakdowns];
}

/** Per basisfunctie of a questionnaire: respondents, goed, % goed, mean mark and bands. */
export function buildBasisfunctieTable(source: TableSource, questionnaire: string): DataTable {
  const rows = source.basisfuncties.filter((b) => b.questionnaire === questionnaire);
  return finish(source, {
    id: `basisfuncties-${questionnaire}`,
    title: `Percentage 'goed voor elkaar' per basisfunctie, ${questionnaire}, landelijk`,
    columns: [
      'Basisfunctie',
      'Gemeenten met een cijfer',
      "Aantal 'goed voor elkaar'",
      "Percentage 'goed voor elkaar'",
      'Gemiddeld cijfer',
      'Onvoldoende beantwoord',
    ],
    rows: rows.map((b) => [
      b.official ? b.name : `${b.name} (geen officiële basisfunctie)`,
      b.respondents,
      cell(b.goed, withheld(b, b.goed)),
      cell(b.percentGoed, withheld(b, b.goed)),
      cell(b.meanMark, withheld(b, b.goed)),
      cell(b.insufficient, withheld(b, b.insufficient)),
    ]),
  });
}

/** Per group of a breakdown: the respondents and the % goed of every basisfunctie. */
export function buildBreakdownTable(
  source: TableSource,
  questionnaire: string,
  dimensionId: DimensionId,
): DataTable {
  const dimension = DIMENSIONS.find((d) => d.id === dimensionId) ?? DIMENSIONS[0];
  const names = source.basisfuncties.filter((b) => b.questionnaire === questionnaire);
  return finish(source, {
    id: `basisfuncties-${questionnaire}-${dimension.id}`,
    title: `Percentage 'goed voor elkaar' per ${dimension.label}, ${questionnaire}`,
    columns: [
      capitalize(dimension.label),
      'Respondenten',
      ...names.map((b) => `${b.name} (%)`),
      ...names.map((b) => `${b.name}: gemeenten met een cijfer`),
    ],
    rows: source[dimension.key].map((group) => {
      const shares = names.map((name) =>
        group.basisfuncties.find(
          (s) => s.questionnaire === questionnaire && s.basisfunctie === name.basisfunctie,
        ),
      );
      return [
        group.label,
        group.respondents[questionnaire] ?? 0,
        ...shares.map((s) => (s ? cell(s.percentGoed, withheld(s, s.goed)) : null)),
        ...shares.map((s) => s?.respondents ?? 0),
      ];
    }),
    notes: [
      "Percentage van de gemeenten met een cijfer voor die basisfunctie; 'Respondenten' telt de gemeenten die de vragenlijst invulden.",
    ],
  });
}

/** The mean mark per group of a breakdown and basisfunctie. */
export function buildBreakdownMarkTable(
  source: TableSource,
  questionnaire: string,
  dimensionId: DimensionId,
): DataTable {
  const dimension = DIMENSIONS.find((d) => d.id === dimensionId) ?? DIMENSIONS[0];
  const names = source.basisfuncties.filter((b) => b.questionnaire === questionnaire);
  return finish(source, {
    id: `cijfers-${questionnaire}-${dimension.id}`,
    title: `Gemiddeld cijfer per ${dimension.label}, ${questionnaire}`,
    columns: [capitalize(dimension.label), ...names.map((b) => b.name)],
    rows: source[dimension.key].map((group) => [
      group.label,
      ...names.map((name) => {
        const s = group.basisfuncties.find(
          (share) =>
            share.questionnaire === questionnaire && share.basisfunctie === name.basisfunctie,
        );
        return s ? cell(s.meanMark, withheld(s, s.meanMark)) : null;
      }),
    ]),
  });
}

/** The items of a questionnaire (optionally one basisfunctie): counts and percentages. */
export function buildItemTable(
  source: TableSource,
  questionnaire: string,
  basisfunctie?: string,
): DataTable {
  const items = source.items.filter(
    (item) =>
      item.questionnaire === questionnaire &&
      (basisfunctie === undefined || item.basisfunctie === basisfunctie),
  );
  const name = basisfunctie
    ? source.basisfuncties.find(
        (b) => b.questionnaire === questionnaire && b.basisfunctie === basisfunctie,
      )?.name
    : undefined;
  return finish(source, {
    id: basisfunctie ? `items-${questionnaire}-${basisfunctie}` : `items-${questionnaire}`,
    title: `Antwoorden per vraag, ${questionnaire}${name ? `, ${name}` : ''}`,
    columns: [
      'Vraag',
      'Beantwoord',
      ...ANSWER_COLUMN_LABELS.map((label) => `${label} (aantal)`),
      ...ANSWER_COLUMN_LABELS.map((label) => `${label} (%)`),
    ],
    rows: items.map((item) => {
      const hidden = withheld(item, item.counts);
      return [
        `${item.question}. ${item.text}`,
        item.answered,
        ...[0, 1, 2].map((i) => cell(item.counts?.[i], hidden)),
        ...[0, 1, 2].map((i) => cell(item.percentages?.[i], hidden)),
      ];
    }),
  });
}

/** One multiple-choice question: per option the count and the percentage of respondents. */
export function buildChoiceTables(source: TableSource, questionnaire?: string): DataTable[] {
  return source.multipleChoice
    .filter((choice) => questionnaire === undefined || choice.questionnaire === questionnaire)
    .map((choice) =>
      finish(source, {
        id: `meerkeuze-${choice.questionnaire}-vraag-${choice.question}`,
        title: `Vraag ${choice.question} (${choice.questionnaire}): ${choice.text}`,
        columns: ['Antwoord', 'Aantal gemeenten', 'Percentage'],
        rows: choice.options.map((option) => [
          option.label,
          cell(option.count, withheld(choice, option.count)),
          cell(option.percent, withheld(choice, option.count)),
        ]),
        notes: [
          `Percentages van de ${choice.respondents} gemeenten die minstens één antwoord kozen; bij meer antwoorden tellen ze op tot meer dan 100%.`,
        ],
      }),
    );
}

/** Tabel C: respondents with 0, 1, … official basisfuncties 'goed voor elkaar'. */
export function buildCountGoedTable(source: TableSource): DataTable {
  const questionnaires = listQuestionnaires(source);
  const longest = Math.max(
    0,
    ...questionnaires.map((q) => source.countGoed[q]?.length ?? 0),
    ...questionnaires.map(
      (q) => source.basisfuncties.filter((b) => b.questionnaire === q && b.official).length + 1,
    ),
  );
  return finish(source, {
    id: 'aantal-goed',
    title: "Aantal basisfuncties 'goed voor elkaar' (tabel C)",
    columns: [
      "Basisfuncties 'goed voor elkaar'",
      ...questionnaires.flatMap((q) => [`${capitalize(q)} (aantal)`, `${capitalize(q)} (%)`]),
    ],
    rows: Array.from({ length: longest }, (_, k) => [
      String(k),
      ...questionnaires.flatMap((q): DataCell[] => {
        const counts = source.countGoed[q];
        const officialCount = source.basisfuncties.filter(
          (b) => b.questionnaire === q && b.official,
        ).length;
        if (k > officialCount) return [null, null];
        const value = counts?.[k];
        if (counts === null || counts === undefined || value === null || value === undefined) {
          return [WITHHELD, WITHHELD];
        }
        const total = source.respondents[q] ?? 0;
        return [value, total > 0 ? Math.round((1000 * value) / total) / 10 : null];
      }),
    ]),
  });
}

/** Tabel 12: all or none of the basisfuncties goed, per questionnaire and for both. */
export function buildAllOrNoneTable(source: TableSource): DataTable {
  const keys = [...listQuestionnaires(source), 'both'];
  const label = (key: string) => (key === 'both' ? 'Beide vragenlijsten' : capitalize(key));
  return finish(source, {
    id: 'alles-of-niets',
    title: "Alle of geen basisfuncties 'goed voor elkaar' (tabel 12)",
    columns: ['', ...keys.flatMap((key) => [`${label(key)} (aantal)`, `${label(key)} (%)`])],
    rows: (['all', 'none'] as const).map((which) => [
      which === 'all' ? 'Alle basisfuncties goed' : 'Geen enkele basisfunctie goed',
      ...keys.flatMap((key): DataCell[] => {
        const entry = source.allOrNone[which][key];
        if (!entry || entry.count === null) return [WITHHELD, WITHHELD];
        return [entry.count, entry.percent];
      }),
    ]),
  });
}

function percentOf(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((1000 * part) / whole) / 10 : null;
}

/**
 * The cross-table of the two fields (bijlage 3, A and B): per number of basisfuncties goed
 * in the one questionnaire (rows) and the other (columns), in counts, row percentages and
 * column percentages, with Pearson's r in the notes.
 */
export function buildCrossTables(source: TableSource): DataTable[] {
  const rowsName = source.crossTableRows;
  const columnsName = source.crossTableColumns;
  const table = source.crossTable;
  const pearson =
    source.pearsonR === null
      ? "Pearson's r: niet te berekenen of onderdrukt."
      : `Pearson's r = ${String(source.pearsonR).replace('.', ',')}.`;
  const columnCount = table?.[0]?.length ?? 0;
  const rowTotals = table?.map((row) => row.reduce((a, b) => a + b, 0)) ?? [];
  const columnTotals = Array.from({ length: columnCount }, (_, c) =>
    (table ?? []).reduce((sum, row) => sum + (row[c] ?? 0), 0),
  );
  const total = rowTotals.reduce((a, b) => a + b, 0);
  const columns = [
    `${capitalize(rowsName)} ↓ / ${columnsName} →`,
    ...Array.from({ length: columnCount }, (_, c) => String(c)),
    'Totaal',
  ];
  const notes = [
    `Rijen: aantal basisfuncties 'goed voor elkaar' in ${rowsName}; kolommen: in ${columnsName}. Alleen gemeenten die beide vragenlijsten invulden (${source.respondents.both ?? 0}).`,
    pearson,
  ];
  if (table === null) {
    return (['aantallen', 'rijpercentages', 'kolompercentages'] as const).map((kind) =>
      finish(source, {
        id: `kruistabel-${kind}`,
        title: `Kruistabel ${columnsName} × ${rowsName} (${kind})`,
        columns: ['', 'Totaal'],
        rows: [['Alle cellen', WITHHELD]],
        notes,
      }),
    );
  }
  const counts = finish(source, {
    id: 'kruistabel-aantallen',
    title: `Kruistabel ${columnsName} × ${rowsName}, aantallen (bijlage 3)`,
    columns,
    rows: [
      ...table.map((row, r) => [String(r), ...row, rowTotals[r] ?? 0]),
      ['Totaal', ...columnTotals, total],
    ],
    notes,
  });
  const rowPercentages = finish(source, {
    id: 'kruistabel-rijpercentages',
    title: `Kruistabel ${columnsName} × ${rowsName}, rijpercentages`,
    columns,
    rows: [
      ...table.map((row, r) => [
        String(r),
        ...row.map((count) => percentOf(count, rowTotals[r] ?? 0)),
        rowTotals[r] ? 100 : null,
      ]),
      ['Totaal', ...columnTotals.map((count) => percentOf(count, total)), total ? 100 : null],
    ],
    notes,
  });
  const columnPercentages = finish(source, {
    id: 'kruistabel-kolompercentages',
    title: `Kruistabel ${columnsName} × ${rowsName}, kolompercentages`,
    columns,
    rows: [
      ...table.map((row, r) => [
        String(r),
        ...row.map((count, c) => percentOf(count, columnTotals[c] ?? 0)),
        percentOf(rowTotals[r] ?? 0, total),
      ]),
      ['Totaal', ...columnTotals.map((count) => (count ? 100 : null)), total ? 100 : null],
    ],
    notes,
  });
  return [counts, rowPercentages, columnPercentages];
}

/** Every table of the dashboard, in page order; ids are unique. */
export function buildDashboardTables(source: TableSource): DataTable[] {
  const questionnaires = listQuestionnaires(source);
  return [
    ...buildResponseTables(source),
    ...questionnaires.flatMap((q) => [
      buildBasisfunctieTable(source, q),
      ...DIMENSIONS.flatMap((d) => [
        buildBreakdownTable(source, q, d.id),
        buildBreakdownMarkTable(source, q, d.id),
      ]),
    ]),
    ...questionnaires.map((q) => buildItemTable(source, q)),
    ...buildChoiceTables(source),
    buildCountGoedTable(source),
    buildAllOrNoneTable(source),
    ...buildCrossTables(source),
  ];
}

/** The value a download writes for a cell: withheld and missing cells are empty. */
function exportValue(value: DataCell): string | number | null {
  return isWithheld(value) ? null : value;
}

/**
 * A table as CSV (src/services/csv-writer.ts: `;`, UTF-8 with BOM): the title, the header,
 * the rows, an empty line and the notes, so the file explains itself.
 */
export function writeTableCsv(table: DataTable): string {
  return writeCsv([
    [table.title],
    table.columns,
    ...table.rows.map((row) => row.map(exportValue)),
    [],
    ...table.notes.map((note) => [note]),
  ]);
}

/**
 * Excel limits a sheet name to 31 characters without []:*?/\, and many table ids are longer
 * and share their first 31 characters; so the sheets are numbered in the order of the
 * dashboard, and the title in A1 names the table.
 */
function sheetName(id: string, index: number): string {
  return `${index + 1} ${id.replace(/[[\]:*?/\\]/g, '-')}`.slice(0, 31);
}

/**
 * Tables as an Excel workbook, one sheet per table: the title in A1, the header in row 3,
 * the rows under it with numbers as numbers, then the notes.
 */
export async function writeTablesXlsx(tables: readonly DataTable[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Basisfunctiemonitor';
  // A fixed date keeps the file the same for the same tables.
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  tables.forEach((table, index) => {
    const sheet = workbook.addWorksheet(sheetName(table.id, index));
    sheet.addRow([table.title]).font = { bold: true };
    sheet.addRow([]);
    sheet.addRow([...table.columns]).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map(exportValue));
    sheet.addRow([]);
    for (const note of table.notes) sheet.addRow([note]);
    sheet.getColumn(1).width = 48;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The row of the column headings in every sheet `writeTablesXlsx` writes. */
export const XLSX_HEADER_ROW = 3;
