/**
 * A cross-table of two questions as Dutch text tables: counts, row and column percentages,
 * and the test of association in words.
 */
import { describeFilter } from '../domain/analysis-filter.ts';
import type { QuestionCrossTabResult } from '../services/crosstab-service.ts';
import { describeAssociation } from '../services/crosstab-text.ts';
import { formatPercent, renderTable } from './text-table.ts';

const SYNTHETIC_BANNER =
  '*** SYNTHETISCHE GEGEVENS: deze meting is verzonnen voor demonstratie en zegt niets over echte gemeenten. ***';

export function formatQuestionCrossTab(
  result: QuestionCrossTabResult,
  provinces: readonly { readonly code: string; readonly name: string }[],
): string {
  const out: string[] = [];
  if (result.synthetic) out.push(SYNTHETIC_BANNER, '');
  const { row, column } = result;
  const filter = describeFilter(result.filter, provinces);
  out.push(
    `${row.questionnaire} ${row.name} x ${column.questionnaire} ${column.name}: ${result.total} gemeenten${filter ? ` (${filter})` : ''}`,
  );
  out.push(`Rijen: ${row.text}`);
  out.push(`Kolommen: ${column.text}`);
  if (row.multipleResponse || column.multipleResponse) {
    out.push(
      'Meerkeuzevraag: een gemeente telt mee in elke optie die zij koos; de totalen tellen gemeenten.',
    );
  }
  out.push('');
  const header = (title: string) => [title, ...column.categories.map((c) => c.label), 'totaal'];
  out.push(
    `Aantallen\n${renderTable(header('aantal'), [
      ...result.counts.map((cells, r) => [
        row.categories[r]?.label ?? '',
        ...cells.map(String),
        String(result.rowTotals[r] ?? 0),
      ]),
      ['totaal', ...result.columnTotals.map(String), String(result.total)],
    ])}`,
  );
  out.push('');
  out.push(
    `Rijpercentages\n${renderTable(header('% van de rij'), [
      ...result.rowPercentages.map((cells, r) => [
        row.categories[r]?.label ?? '',
        ...cells.map((p) => formatPercent(p, 1)),
        formatPercent(result.rowTotalPercentages[r], 1),
      ]),
      [
        'totaal',
        ...result.columnTotalPercentages.map((p) => formatPercent(p, 1)),
        result.total > 0 ? '100,0%' : '–',
      ],
    ])}`,
  );
  out.push('');
  out.push(
    `Kolompercentages\n${renderTable(header('% van de kolom'), [
      ...result.columnPercentages.map((cells, r) => [
        row.categories[r]?.label ?? '',
        ...cells.map((p) => formatPercent(p, 1)),
        formatPercent(result.rowTotalPercentages[r], 1),
      ]),
    ])}`,
  );
  out.push('');
  const { sentences, warning } = describeAssociation(result);
  out.push(...sentences);
  if (warning) out.push(warning);
  if (result.synthetic) out.push('', SYNTHETIC_BANNER);
  return out.join('\n');
}
