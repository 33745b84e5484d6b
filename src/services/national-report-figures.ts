/**
 * The charts of the national report, drawn on the server as SVG from the report model with
 * the analysis charts (src/services/charts/analysis-charts.ts), each with the one sentence
 * that stands beside it (also its alternative text). The page shows every chart with that
 * sentence and a data table, so the figures are there without JavaScript, in the PDF, and
 * for a screen reader.
 */
import {
  renderCountGoedChart,
  renderItemStackChart,
  renderProvinceChoropleth,
  renderShareChart,
  summarizeBars,
  summarizeItems,
  type BarRow,
} from './charts/analysis-charts.ts';
import type {
  NationalReport,
  ReportBreakdown,
  ReportQuestionnaire,
  ReportShare,
} from './national-report-service.ts';

export interface ReportFigure {
  readonly svg: string;
  /** The one-sentence summary; also the chart's alternative text. */
  readonly sentence: string;
}

/** A figure of small multiples: one chart per basisfunctie. */
export interface ReportMultiples {
  readonly sentence: string;
  readonly charts: readonly (ReportFigure & { readonly basisfunctie: string })[];
}

export interface QuestionnaireFigures {
  readonly national: ReportFigure;
  readonly breakdowns: Readonly<Record<ReportBreakdown['key'], ReportMultiples>>;
  readonly countGoed: ReportFigure;
  /** Per basisfunctie id: its items' answers stacked to 100%. */
  readonly items: Readonly<Record<string, ReportFigure>>;
}

const toRow = (label: string, share: ReportShare): BarRow => ({
  label,
  percent: share.percentGoed,
  respondents: share.respondents,
  suppressed: share.suppressed,
});

function drawBreakdown(
  questionnaire: ReportQuestionnaire,
  breakdown: ReportBreakdown,
  totalLabel: string,
  registerId: string,
): ReportMultiples {
  const field = questionnaire.field;
  const charts = questionnaire.basisfuncties.map((basisfunctie, b) => {
    if (breakdown.key === 'provincie') {
      const summary = summarizeBars(
        breakdown.rows.map((row) => toRow(row.label, row.shares[b] as ReportShare)),
        'goed voor elkaar',
      );
      const alt = `Kaart: percentage gemeenten per provincie dat ${basisfunctie.name} goed voor elkaar heeft. ${summary}`;
      return {
        basisfunctie: basisfunctie.id,
        sentence: alt,
        svg: renderProvinceChoropleth({
          provinces: breakdown.rows.map((row) => {
            const share = row.shares[b] as ReportShare;
            return {
              code: row.id,
              name: row.label,
              percent: share.percentGoed,
              respondents: share.respondents,
              suppressed: share.suppressed,
            };
          }),
          alt,
          valueLabel: 'goed voor elkaar',
          registerId,
        }),
      };
    }
    const rows = [
      toRow(totalLabel, basisfunctie.share),
      ...breakdown.rows.map((row) => toRow(row.label, row.shares[b] as ReportShare)),
    ];
    const alt = `${basisfunctie.name}, ${breakdown.title}: ${summarizeBars(rows, 'goed voor elkaar')}`;
    return { basisfunctie: basisfunctie.id, sentence: alt, svg: renderShareChart({ rows, alt }) };
  });
  return {
    sentence: `Percentage gemeenten dat de basisfuncties ${field} goed voor elkaar heeft, ${breakdown.title}: per basisfunctie een ${breakdown.key === 'provincie' ? 'kaart' : 'grafiek'}.`,
    charts,
  };
}

/** The charts of one chapter (vrijwilligerswerk or mantelzorg). */
export function drawQuestionnaireFigures(
  questionnaire: ReportQuestionnaire,
  totalLabel = 'Nederland',
  registerId = '2009',
): QuestionnaireFigures {
  const field = questionnaire.field;
  const nationalRows = questionnaire.basisfuncties.map((b) => toRow(b.name, b.share));
  const nationalSentence = `Percentage gemeenten dat de basisfuncties ${field} goed voor elkaar heeft. ${summarizeBars(nationalRows, 'goed voor elkaar')}`;
  const countSentence = `Aantal basisfuncties ${field} dat gemeenten goed voor elkaar hebben (tabel C): ${
    questionnaire.countGoed.suppressed
      ? 'een deel van de cijfers is onderdrukt.'
      : summarizeBars(
          questionnaire.countGoed.rows.map((row) => ({
            label: `${row.k} ${row.k === 1 ? 'basisfunctie' : 'basisfuncties'}`,
            percent: row.percent,
            respondents: questionnaire.countGoed.respondents,
          })),
          'van de gemeenten',
        )
  }`;
  const [bySize, byGroup, byProvince] = questionnaire.breakdowns as [
    ReportBreakdown,
    ReportBreakdown,
    ReportBreakdown,
  ];
  return {
    national: {
      sentence: nationalSentence,
      svg: renderShareChart({ rows: nationalRows, alt: nationalSentence }),
    },
    breakdowns: {
      grootte: drawBreakdown(questionnaire, bySize, totalLabel, registerId),
      groep: drawBreakdown(questionnaire, byGroup, totalLabel, registerId),
      provincie: drawBreakdown(questionnaire, byProvince, totalLabel, registerId),
    },
    countGoed: {
      sentence: countSentence,
      svg: renderCountGoedChart({
        counts: questionnaire.countGoed.rows.map((row) => row.count),
        respondents: questionnaire.countGoed.respondents,
        alt: countSentence,
      }),
    },
    items: Object.fromEntries(
      questionnaire.basisfuncties.map((basisfunctie) => {
        const items = basisfunctie.items.map((item) => ({
          label: `Vraag ${item.question}`,
          percentages: item.percentages,
          answered: item.answered,
          suppressed: item.suppressed,
        }));
        const sentence = `Percentage gemeenten dat de onderdelen van ${basisfunctie.name} niet, in ontwikkeling of goed voor elkaar heeft. ${summarizeItems(items)}`;
        return [basisfunctie.id, { sentence, svg: renderItemStackChart({ items, alt: sentence }) }];
      }),
    ),
  };
}

/** Every chart of the report, per questionnaire id. */
export function drawNationalReportFigures(
  report: NationalReport,
): Readonly<Record<string, QuestionnaireFigures>> {
  // A filtered report's first row is the filtered municipalities, not the whole country.
  const total = report.filter ? 'Totaal' : 'Nederland';
  return Object.fromEntries(
    report.questionnaires.map((q) => [
      q.id,
      drawQuestionnaireFigures(q, total, report.round.register.id),
    ]),
  );
}
