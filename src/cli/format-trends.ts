/**
 * `bfm compare` as text: per basisfunctie the share 'goed voor elkaar' in both rounds and the
 * transition table (rows: the earlier band, columns: the later band).
 */
import { COMBINATION_RULE_LABELS } from '../domain/combination.ts';
import type { RoundComparison } from '../services/trend-service.ts';
import { renderTable } from './text-table.ts';

const percent = (value: number | null) =>
  value === null ? '–' : `${value.toFixed(1).replace('.', ',')}%`;

export function formatComparison(comparison: RoundComparison): string {
  const label = (band: string) => comparison.bandLabels[band] ?? band;
  const lines = [
    `Ontwikkeling van ${comparison.from.roundId} (${comparison.from.name}) naar ${comparison.to.roundId} (${comparison.to.name})`,
    `Over het register ${comparison.to.registerId}; voorgangers gecombineerd met: ${COMBINATION_RULE_LABELS[comparison.rule]}.`,
    '',
    renderTable(
      [
        'vragenlijst',
        'basisfunctie',
        'gemeenten eerst',
        '% goed eerst',
        'gemeenten nu',
        '% goed nu',
      ],
      comparison.basisfuncties.map((bf) => [
        bf.questionnaire,
        bf.name,
        String(bf.from.respondents),
        percent(bf.from.percentGoed),
        String(bf.to.respondents),
        percent(bf.to.percentGoed),
      ]),
      { alignRight: [2, 3, 4, 5] },
    ),
  ];
  for (const bf of comparison.basisfuncties) {
    lines.push(
      '',
      `${bf.name} (${bf.questionnaire}): aantal gemeenten van klasse (rij, eerst) naar klasse (kolom, nu)`,
      renderTable(
        ['eerst \\ nu', ...comparison.bands.map(label)],
        comparison.bands.map((from) => [
          label(from),
          ...comparison.bands.map((to) => String(bf.transitions[from]?.[to] ?? 0)),
        ]),
      ),
    );
  }
  if (comparison.notCompared.length > 0) {
    lines.push('', 'Niet vergeleken (nieuw in deze versie):');
    for (const element of comparison.notCompared) {
      lines.push(
        `  ${element.questionnaire}: ${element.kind === 'item' ? `vraag ${element.id}` : 'basisfunctie'} ${element.label}`,
      );
    }
  }
  return lines.join('\n');
}
