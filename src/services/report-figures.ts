/**
 * The report's charts with what stands beside each of them: a one-sentence summary (also the
 * chart's alternative text) and the numbers of its data table. The page and the PDF show
 * exactly these.
 */
import { percentage } from '../domain/statistics.ts';
import {
  countMarksPerBin,
  renderBandSummaryChart,
  renderItemDistributionChart,
  renderMarkDistributionChart,
} from './charts/report-charts.ts';
import type {
  BasisfunctieReport,
  MunicipalityReport,
  QuestionnaireReport,
} from './report-service.ts';

export interface MarkBin {
  /** 'van 5 tot 6'; the last bin includes 10. */
  readonly label: string;
  /** '5–6', for a narrow table header. */
  readonly short: string;
  readonly count: number;
  readonly own: boolean;
}

export interface BasisfunctieFigures {
  readonly itemChart: string;
  readonly itemSentence: string;
  readonly markChart: string;
  readonly markSentence: string;
  readonly markBins: readonly MarkBin[];
}

export interface QuestionnaireFigures {
  readonly summaryChart: string;
  readonly basisfuncties: Readonly<Record<string, BasisfunctieFigures>>;
}

const decimal = (value: number) =>
  value.toLocaleString('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Bins of one mark point: [0, 1), [1, 2), … [9, 10]. */
export function binMarks(marks: readonly number[], own: number | null): MarkBin[] {
  // The bins of the chart itself, so the table beside it shows the same counts.
  const counts = countMarksPerBin(marks);
  const ownBin = own === null ? -1 : countMarksPerBin([own]).indexOf(1);
  return counts.map((count, i) => ({
    label: i === 9 ? 'van 9 tot en met 10' : `van ${i} tot ${i + 1}`,
    short: `${i}–${i + 1}`,
    count,
    own: i === ownBin,
  }));
}

/**
 * The sentence beside the distribution of marks.
 *
 * @example describeMarkPosition(6.7, [4, 5, 7, 8]) // '…hoger dan 2 van de 4 gemeenten (50,0%)…'
 */
export function describeMarkPosition(
  municipality: string,
  own: number | null,
  marks: readonly number[],
): string {
  if (marks.length === 0)
    return 'Er zijn nog geen gemeenten met een cijfer voor deze basisfunctie.';
  const goed = marks.filter((m) => m >= 6).length;
  const base = `${goed} van de ${marks.length} gemeenten met een cijfer hebben een 6 of hoger`;
  if (own === null) return `${municipality} heeft geen cijfer voor deze basisfunctie; ${base}.`;
  const lower = marks.filter((m) => m < own).length;
  const share = percentage(lower, marks.length) ?? 0;
  return `Met een ${decimal(own)} heeft ${municipality} een hoger cijfer dan ${lower} van de ${marks.length} gemeenten (${decimal(share)}%); ${base}.`;
}

function describeItems(report: MunicipalityReport, basisfunctie: BasisfunctieReport): string {
  const goedItems = basisfunctie.items.filter((i) => i.points === 3).length;
  return `De antwoorden van alle gemeenten op de ${basisfunctie.items.length} vragen over ${basisfunctie.name}, met het antwoord van ${report.municipality.name} gemarkeerd; ${report.municipality.name} heeft ${goedItems} van deze vragen goed voor elkaar.`;
}

function drawBasisfunctie(
  report: MunicipalityReport,
  basisfunctie: BasisfunctieReport,
): BasisfunctieFigures {
  const itemSentence = describeItems(report, basisfunctie);
  const markSentence = describeMarkPosition(
    report.municipality.name,
    basisfunctie.mark,
    basisfunctie.nationalMarks,
  );
  return {
    itemChart: renderItemDistributionChart({
      items: basisfunctie.items.map((item) => ({
        label: `Vraag ${item.question}`,
        percentages: [0, 1, 2].map((i) => item.nationalPercentages[i] ?? 0) as [
          number,
          number,
          number,
        ],
        own: (item.points as 1 | 2 | 3 | null) ?? null,
      })),
      groupLabel: 'alle gemeenten',
      alt: itemSentence,
    }),
    itemSentence,
    markChart: renderMarkDistributionChart({
      marks: basisfunctie.nationalMarks,
      own: basisfunctie.mark,
      bar: report.bands.find((b) => b.id === 'goed-voor-elkaar')?.from ?? 6,
      groupLabel: 'alle gemeenten',
      alt: markSentence,
    }),
    markSentence,
    markBins: binMarks(basisfunctie.nationalMarks, basisfunctie.mark),
  };
}

/** Every chart of the report, per questionnaire. */
export function drawReportFigures(
  report: MunicipalityReport,
): Readonly<Record<string, QuestionnaireFigures>> {
  return Object.fromEntries(
    report.questionnaires.map((questionnaire: QuestionnaireReport) => [
      questionnaire.id,
      {
        summaryChart: renderBandSummaryChart({
          rows: [
            { label: report.municipality.name, counts: questionnaire.summary.own },
            { label: 'Gemiddelde gemeente', counts: questionnaire.summary.national },
          ],
          alt: questionnaire.summary.sentence,
        }),
        basisfuncties: Object.fromEntries(
          questionnaire.basisfuncties.map((b) => [b.id, drawBasisfunctie(report, b)]),
        ),
      },
    ]),
  );
}
