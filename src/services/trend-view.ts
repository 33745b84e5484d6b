/**
 * What the trend pages show, ready to render: the charts as SVG, their tables and one-sentence
 * summaries, in Dutch. The pages (app/routes/analysis-trend.tsx, municipality-trend.tsx) stay
 * thin; the figures come from trend-service.ts.
 */
import { COMBINATION_RULE_LABELS, NO_MARK } from '../domain/combination.ts';
import { formatMark } from '../domain/trends.ts';
import { formatPercentValue } from './charts/analysis-charts.ts';
import { renderTrendBarChart, renderTrendLineChart } from './charts/trend-charts.ts';
import type { MunicipalityTrend, TrendPage } from './trend-service.ts';

/** The share as the pages write it, or 'onderdrukt' / '–'. */
function showPercent(value: number | null, suppressed: boolean): string {
  if (value === null) return suppressed ? 'onderdrukt' : '–';
  return formatPercentValue(value);
}

export interface TrendPageView {
  readonly ruleLabel: string;
  readonly chart: { readonly svg: string; readonly summary: string } | null;
  readonly rows: readonly {
    readonly key: string;
    readonly questionnaire: string;
    readonly name: string;
    readonly from: string;
    readonly fromRespondents: number;
    readonly to: string;
    readonly toRespondents: number;
  }[];
  readonly transitions: readonly {
    readonly key: string;
    readonly name: string;
    readonly questionnaire: string;
    readonly columns: readonly string[];
    readonly rows: readonly { readonly label: string; readonly cells: readonly string[] }[];
  }[];
  readonly notCompared: readonly string[];
  readonly withheld: boolean;
  /** % goed per basisfunctie in every round of the chain; null with fewer than three rounds. */
  readonly series: {
    readonly columns: readonly string[];
    readonly rows: readonly {
      readonly key: string;
      readonly name: string;
      readonly cells: readonly string[];
    }[];
  } | null;
}

/** The national trend page's charts and tables. */
export function buildTrendPageView(page: TrendPage): TrendPageView {
  const comparison = page.comparison;
  const ruleLabel = COMBINATION_RULE_LABELS[page.rule];
  const series = page.series
    ? {
        columns: page.series.rounds.map((r) => r.name),
        rows: page.series.basisfuncties.map((bf) => ({
          key: `${bf.questionnaire}.${bf.basisfunctie}`,
          name: `${bf.name} (${bf.questionnaire})`,
          cells: bf.values.map((v) =>
            v === null ? 'niet vergeleken' : showPercent(v.percentGoed, v.respondents > 0),
          ),
        })),
      }
    : null;
  if (!comparison) {
    return {
      ruleLabel,
      chart: null,
      rows: [],
      transitions: [],
      notCompared: [],
      withheld: false,
      series,
    };
  }
  const label = (band: string) => comparison.bandLabels[band] ?? band;
  let up = 0;
  let down = 0;
  let same = 0;
  for (const bf of comparison.basisfuncties) {
    if (bf.from.percentGoed === null || bf.to.percentGoed === null) continue;
    if (bf.to.percentGoed > bf.from.percentGoed) up += 1;
    else if (bf.to.percentGoed < bf.from.percentGoed) down += 1;
    else same += 1;
  }
  const compared = up + down + same;
  const summary =
    compared === 0
      ? "Er zijn geen basisfuncties met een percentage 'goed voor elkaar' in beide metingen."
      : `Van de ${compared} vergeleken basisfuncties steeg het percentage gemeenten 'goed voor elkaar' bij ${up}, daalde het bij ${down} en bleef het gelijk bij ${same}.`;
  const fromLabel = comparison.from.name;
  const toLabel = comparison.to.name;
  const svg = renderTrendBarChart({
    rows: comparison.basisfuncties.map((bf) => ({
      label: bf.name,
      from: bf.from.percentGoed,
      to: bf.to.percentGoed,
    })),
    fromLabel,
    toLabel,
    alt: `Percentage gemeenten 'goed voor elkaar' per basisfunctie in ${fromLabel} en ${toLabel}. ${summary} De cijfers staan in de tabel onder de grafiek.`,
  });
  return {
    ruleLabel,
    chart: { svg, summary },
    rows: comparison.basisfuncties.map((bf) => ({
      key: `${bf.questionnaire}.${bf.basisfunctie}`,
      questionnaire: bf.questionnaire,
      name: bf.name,
      from: showPercent(bf.from.percentGoed, bf.suppressed),
      fromRespondents: bf.from.respondents,
      to: showPercent(bf.to.percentGoed, bf.suppressed),
      toRespondents: bf.to.respondents,
    })),
    transitions: comparison.basisfuncties.map((bf) => ({
      key: `${bf.questionnaire}.${bf.basisfunctie}`,
      name: bf.name,
      questionnaire: bf.questionnaire,
      columns: comparison.bands.map(label),
      rows: comparison.bands.map((from) => ({
        label: label(from),
        cells: comparison.bands.map((to) => {
          const value = bf.transitions[from]?.[to];
          return value === null || value === undefined ? 'onderdrukt' : String(value);
        }),
      })),
    })),
    notCompared: comparison.notCompared.map(
      (n) =>
        `${n.questionnaire}: ${n.kind === 'item' ? `vraag ${n.id} (${n.label})` : `basisfunctie ${n.label}`}`,
    ),
    withheld: comparison.basisfuncties.some((bf) => bf.suppressed),
    series,
  };
}

export interface MunicipalityTrendView {
  readonly ruleLabel: string;
  readonly basisfuncties: readonly {
    readonly key: string;
    readonly questionnaire: string;
    readonly name: string;
    readonly change: string;
    readonly svg: string;
    readonly rows: readonly {
      readonly round: string;
      readonly mark: string;
      readonly band: string;
    }[];
    /** The predecessors of the round before the latest, when combined. */
    readonly predecessors: {
      readonly round: string;
      readonly combined: string;
      readonly list: readonly {
        readonly name: string;
        readonly mark: string;
        readonly share: string;
      }[];
    } | null;
  }[];
  readonly notCompared: readonly string[];
}

/** The municipality trend page's charts and tables. */
export function buildMunicipalityTrendView(trend: MunicipalityTrend): MunicipalityTrendView {
  const label = (band: string) => trend.bandLabels[band] ?? band;
  const showMark = (mark: number | null, band: string, measured = true) =>
    !measured
      ? 'geen eerdere meting'
      : mark === null
        ? 'geen cijfer'
        : `${formatMark(mark)} (${label(band)})`;
  const axisLabels = shortenRoundNames(trend.rounds.map((round) => round.name));
  return {
    ruleLabel: COMBINATION_RULE_LABELS[trend.rule],
    basisfuncties: trend.basisfuncties.map((bf) => {
      const before = bf.points.length > 1 ? bf.points[bf.points.length - 2] : undefined;
      return {
        key: `${bf.questionnaire}.${bf.basisfunctie}`,
        questionnaire: bf.questionnaire,
        name: bf.name,
        change: bf.change,
        svg: renderTrendLineChart({
          points: bf.points.map((p, i) => ({
            label: axisLabels[i] ?? p.round.name,
            mark: p.measured ? p.mark : null,
          })),
          thresholds: [5, 6],
          alt: `Cijfer voor ${bf.name} per meting. ${bf.change}. De cijfers staan in de tabel.`,
        }),
        rows: bf.points.map((p) => ({
          round: p.round.name,
          mark: showMark(p.mark, p.band, p.measured),
          band: p.measured && p.band !== NO_MARK ? label(p.band) : '–',
        })),
        predecessors:
          before?.predecessors && before.measured
            ? {
                round: before.round.name,
                combined: showMark(before.mark, before.band),
                list: before.predecessors.map((p) => ({
                  name: p.name,
                  mark: showMark(p.mark, p.band),
                  share: p.share === 1 ? 'geheel' : `${Math.round(p.share * 100)}%`,
                })),
              }
            : null,
      };
    }),
    notCompared: trend.notCompared.map(
      (n) =>
        `${n.questionnaire}: ${n.kind === 'item' ? `vraag ${n.id} (${n.label})` : `basisfunctie ${n.label}`}`,
    ),
  };
}

/**
 * Axis labels for rounds: their names without the words all of them share at the start and at
 * the end ("Demonstratiemeting 2009 (synthetische gegevens)" and "… 2026 …" become "2009" and
 * "2026"), because a narrow axis would otherwise cut every name at the same shared prefix. The
 * table under the chart keeps the full names.
 *
 * @example shortenRoundNames(['Meting 2009', 'Meting 2026']) // ['2009', '2026']
 */
export function shortenRoundNames(names: readonly string[]): string[] {
  if (names.length < 2) return [...names];
  const words = names.map((name) => name.split(/\s+/).filter(Boolean));
  const shortest = Math.min(...words.map((w) => w.length));
  let head = 0;
  while (head < shortest - 1 && words.every((w) => w[head] === words[0]?.[head])) head += 1;
  let tail = 0;
  while (
    tail < shortest - head - 1 &&
    words.every((w) => w[w.length - 1 - tail] === words[0]?.[words[0].length - 1 - tail])
  )
    tail += 1;
  return words.map((w) => w.slice(head, w.length - tail).join(' '));
}
