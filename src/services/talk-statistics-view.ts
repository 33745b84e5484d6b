/**
 * What the page `/metingen/:roundId/analyse/gesprekken` shows of the talk statistics (issue
 * 12, helper D): Dutch cells and the chart of the descriptive comparison, drawn on the server
 * like the other analysis charts, with its summary sentence (the table is the alternative).
 */
import { ACTION_STATUSES, ACTION_STATUS_LABELS } from '../domain/improvement.ts';
import type { ActionCountRow } from '../domain/talk-statistics.ts';
import { questionnaireLabel } from './audit-text.ts';
import { formatPercentValue } from './charts/analysis-charts.ts';
import { renderTrendBarChart } from './charts/trend-charts.ts';
import type { ShownRiseGroup } from '../domain/talk-statistics.ts';
import type { TalkStatistics } from './talk-statistics-service.ts';

export interface TalkComparisonRowView {
  readonly key: string;
  readonly name: string;
  readonly questionnaire: string;
  readonly withTalk: string;
  readonly withTalkCount: number;
  readonly withoutTalk: string;
  readonly withoutTalkCount: number;
}

export interface TalkStatisticsView {
  readonly statusLabels: readonly string[];
  /** The action counts, with the questionnaire as a name ('Mantelzorg'), not its id. */
  readonly actionRows: readonly (ActionCountRow & { readonly questionnaireName: string })[];
  readonly chart: { readonly svg: string; readonly summary: string } | null;
  readonly comparisonRows: readonly TalkComparisonRowView[];
}

/** "3 van 5 (60%)", "onderdrukt" or "–" (nobody in the group). */
export function showRise(group: ShownRiseGroup): string {
  if (group.suppressed) return 'onderdrukt';
  if (group.percentRose === null || group.rose === null) return '–';
  return `${group.rose} van ${group.municipalities} (${formatPercentValue(group.percentRose)})`;
}

export function buildTalkStatisticsView(stats: TalkStatistics): TalkStatisticsView {
  const statusLabels = ACTION_STATUSES.map((s) => ACTION_STATUS_LABELS[s]);
  const actionRows = stats.actions.rows.map((row) => ({
    ...row,
    questionnaireName: questionnaireLabel(row.questionnaire),
  }));
  const comparison = stats.comparison;
  if (!comparison) return { statusLabels, actionRows, chart: null, comparisonRows: [] };
  const rows = [
    { key: 'totaal', name: 'Alle basisfuncties samen', questionnaire: '', ...comparison.overall },
    ...comparison.basisfuncties.map((bf) => ({
      key: `${bf.questionnaire}.${bf.basisfunctie}`,
      name: bf.name,
      questionnaire: questionnaireLabel(bf.questionnaire),
      withTalk: bf.withTalk,
      withoutTalk: bf.withoutTalk,
    })),
  ];
  const { withTalk, withoutTalk } = comparison.overall;
  const summary =
    withTalk.percentRose === null || withoutTalk.percentRose === null
      ? 'Er zijn te weinig gemeenten met cijfers in beide metingen om de groepen te vergelijken.'
      : `Over alle basisfuncties samen steeg het gemiddelde cijfer bij ${formatPercentValue(withTalk.percentRose)} van de ${withTalk.municipalities} gemeenten met een adviesgesprek en bij ${formatPercentValue(withoutTalk.percentRose)} van de ${withoutTalk.municipalities} gemeenten zonder. Dat beschrijft de groepen; het bewijst geen effect van de gesprekken.`;
  const svg = renderTrendBarChart({
    rows: rows.map((row) => ({
      label: row.name,
      from: row.withoutTalk.percentRose,
      to: row.withTalk.percentRose,
    })),
    fromLabel: 'Zonder gesprek',
    toLabel: 'Met gesprek',
    alt: `Percentage gemeenten waarvan het cijfer steeg, met en zonder adviesgesprek, per basisfunctie. ${summary} De cijfers staan in de tabel onder de grafiek.`,
  });
  return {
    statusLabels,
    actionRows,
    chart: { svg, summary },
    comparisonRows: rows.map((row) => ({
      key: row.key,
      name: row.name,
      questionnaire: row.questionnaire,
      withTalk: showRise(row.withTalk),
      withTalkCount: row.withTalk.municipalities,
      withoutTalk: showRise(row.withoutTalk),
      withoutTalkCount: row.withoutTalk.municipalities,
    })),
  };
}
