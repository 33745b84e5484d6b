/**
 * The advice talks of `bfm analyse` (issue 12, helper D) as Dutch text: talks per province
 * and round, actions by status, and the descriptive comparison with its caveat.
 */
import { ACTION_STATUSES, ACTION_STATUS_LABELS } from '../domain/improvement.ts';
import type { ShownRiseGroup } from '../domain/talk-statistics.ts';
import type { TalkStatistics } from '../services/talk-statistics-service.ts';
import { renderTable } from './text-table.ts';

function showGroup(group: ShownRiseGroup): string {
  if (group.suppressed) return 'onderdrukt';
  if (group.percentRose === null) return '–';
  return `${group.rose} van ${group.municipalities} (${String(group.percentRose).replace('.', ',')}%)`;
}

export function formatTalkStatistics(stats: TalkStatistics): string {
  const lines: string[] = ['', 'Adviesgesprekken per provincie en meting (gemeenten)'];
  lines.push(
    renderTable(
      ['provincie', ...stats.rounds.map((r) => r.name)],
      [
        ...stats.byProvince.map((row) => [
          row.name,
          ...row.talks.map((n, i) => `${n} (${row.municipalities[i] ?? 0})`),
        ]),
        [
          'totaal',
          ...stats.totals.talks.map((n, i) => `${n} (${stats.totals.municipalities[i] ?? 0})`),
        ],
      ],
    ),
  );
  lines.push(
    '',
    `Acties uit de gesprekken over ${stats.actions.round.name}: ${stats.actions.total} (${ACTION_STATUSES.map((s) => `${ACTION_STATUS_LABELS[s]} ${stats.actions.byStatus[s]}`).join(', ')}); ${stats.actions.overdue} over de streefdatum.`,
  );
  if (stats.comparison) {
    lines.push(
      '',
      `Cijfer gestegen sinds ${stats.comparison.from.name}, met en zonder adviesgesprek (beschrijvend, geen bewijs van een effect)`,
      renderTable(
        ['basisfunctie', 'met gesprek', 'zonder gesprek'],
        [
          [
            'alle samen',
            showGroup(stats.comparison.overall.withTalk),
            showGroup(stats.comparison.overall.withoutTalk),
          ],
          ...stats.comparison.basisfuncties.map((bf) => [
            `${bf.name} (${bf.questionnaire})`,
            showGroup(bf.withTalk),
            showGroup(bf.withoutTalk),
          ]),
        ],
      ),
    );
  } else if (stats.problem) {
    lines.push('', stats.problem);
  }
  return lines.join('\n');
}
