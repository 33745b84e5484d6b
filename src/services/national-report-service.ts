/**
 * The printable national report of a round, with the chapters of the 2009 report 'Goed voor
 * elkaar met de basisfuncties': 1 Onderzoeksopzet, 2 Vrijwilligerswerk, 3 Mantelzorg,
 * 4 Conclusies and the bijlagen with the breakdown tables and the cross-table.
 *
 * Every figure comes from the analysis view of the round as the viewer may see it
 * (`loadAnalysisView`): nothing is recomputed from answers, so the report carries the numbers
 * of `bfm analyse --json`, and a municipality account gets the small-cell protected figures
 * ('onderdrukt'). The text passages are generated from those figures by pure functions
 * (src/domain/national-report-text.ts), which never mention a withheld figure.
 */
import {
  compareFields,
  describeAllOrNone,
  describeCorrelation,
  describeExtremes,
  describeGroupOrder,
  describeMajority,
  describeProvinces,
  describeResponse,
  describeSizeRelation,
  formatWholePercent,
} from '../domain/national-report-text.ts';
import {
  describeFilter,
  EMPTY_FILTER,
  isFilterEmpty,
  parseFilterParams,
  writeFilterParams,
  type AnalysisFilter,
} from '../domain/analysis-filter.ts';
import type {
  ProtectedAnalysis,
  ProtectedBreakdown,
  ProtectedShare,
} from '../domain/disclosure-control.ts';
import { MIN_GROUP_SIZE } from '../domain/disclosure.ts';
import type { Instrument } from '../domain/instrument.ts';
import type { Executor } from '../db/client.ts';
import { getInstrument } from './instrument-service.ts';
import type { StaffUser } from './auth-service.ts';
import { readStoredReport, storeReport } from '../db/repositories/report-repository.ts';
import {
  loadAnalysisView,
  type AnalysisView,
  type AnalysisViewer,
  type Protection,
} from './analysis-view-service.ts';
import { loadRound } from './round-service.ts';
import {
  readReportOpenAnswers,
  type ReportOpenAnswerSource,
} from './open-answers/report-open-answers.ts';

/** What the report needs of an analysis: the view a viewer gets (protected or not). */
export type ReportAnalysisInput = ProtectedAnalysis &
  Pick<AnalysisView, 'roundName' | 'synthetic' | 'register'>;

// ---------------------------------------------------------------------------------------
// The report model.

/** A share 'goed voor elkaar' of one basisfunctie in one group; null figures are withheld. */
export interface ReportShare {
  readonly basisfunctie: string;
  readonly respondents: number;
  readonly goed: number | null;
  readonly percentGoed: number | null;
  readonly meanMark: number | null;
  readonly suppressed: boolean;
}

export interface ReportBreakdownRow {
  readonly id: string;
  readonly label: string;
  readonly municipalities: number;
  /** Respondents of the questionnaire in this group. */
  readonly respondents: number;
  /** Per basisfunctie of the questionnaire, in its order. */
  readonly shares: readonly ReportShare[];
}

export interface ReportBreakdown {
  readonly key: 'grootte' | 'groep' | 'provincie';
  /** 'naar gemeentegrootte', 'naar G4, G27 en overige gemeenten', 'per provincie'. */
  readonly title: string;
  readonly rows: readonly ReportBreakdownRow[];
}

export interface ReportBasisfunctie {
  readonly id: string;
  readonly name: string;
  readonly official: boolean;
  /** The national figures. */
  readonly share: ReportShare;
  readonly insufficient: number | null;
  /** Respondents per band of their mark (goed, weg, aandacht), or null when withheld. */
  readonly bands: { readonly goed: number; readonly weg: number; readonly aandacht: number } | null;
  readonly items: readonly ReportItem[];
  /** 'Eerder bleek dat 34% van de gemeenten …', or null when the figure is withheld. */
  readonly sentence: string | null;
}

export interface ReportItem {
  readonly question: number;
  readonly text: string;
  readonly answered: number;
  readonly counts: readonly number[] | null;
  readonly percentages: readonly (number | null)[] | null;
  readonly suppressed: boolean;
}

export interface ReportChoice {
  readonly question: number;
  readonly kind: 'multiple' | 'single';
  readonly text: string;
  readonly respondents: number;
  readonly suppressed: boolean;
  readonly options: readonly {
    readonly code: string;
    readonly label: string;
    readonly count: number | null;
    readonly percent: number | null;
  }[];
}

export interface ReportCountGoed {
  /** rows[k]: respondents with k official basisfuncties goed; null when withheld. */
  readonly rows: readonly {
    readonly k: number;
    readonly count: number | null;
    readonly percent: number | null;
  }[];
  readonly respondents: number;
  readonly suppressed: boolean;
}

export interface ReportQuestionnaire {
  readonly id: string;
  readonly name: string;
  /** The field in running text: 'vrijwilligerswerk', 'mantelzorg'. */
  readonly field: string;
  /** The chapter number: 2 for vrijwilligerswerk, 3 for mantelzorg (instrument order). */
  readonly chapter: number;
  /** The bijlage with its breakdown tables: 1, 2. */
  readonly appendix: number;
  readonly respondents: number;
  /** The basisfuncties counted in tabel C and tabel 12 (not 'Visie en beleid'). */
  readonly officialCount: number;
  readonly basisfuncties: readonly ReportBasisfunctie[];
  readonly breakdowns: readonly ReportBreakdown[];
  readonly countGoed: ReportCountGoed;
  readonly multipleChoice: readonly ReportChoice[];
  readonly texts: {
    readonly extremes: string | null;
    readonly majority: string | null;
    readonly sizeRelation: string | null;
    readonly groupOrder: string | null;
    readonly provinces: string | null;
    readonly allOrNone: string | null;
  };
}

export interface ReportAllOrNoneRow {
  readonly label: string;
  readonly count: number | null;
  readonly percent: number | null;
}

export interface NationalReport {
  readonly round: {
    readonly id: string;
    readonly name: string;
    readonly synthetic: boolean;
    readonly instrumentVersion: string;
    /** An open round's figures may still change; the report says so. */
    readonly status: 'concept' | 'open' | 'closed';
    readonly register: ReportAnalysisInput['register'];
  };
  /** 'small-cells': figures over fewer than `minGroupSize` municipalities are withheld. */
  readonly protection: 'none' | 'small-cells';
  /** The municipalities the report is about when filtered ('provincie Zeeland'), else null. */
  readonly filter: string | null;
  readonly minGroupSize: number;
  readonly scale: readonly { readonly points: number; readonly label: string }[];
  readonly bands: readonly { readonly label: string; readonly from: number }[];
  /** The mark from which a basisfunctie is 'goed voor elkaar'. */
  readonly bar: number;
  readonly response: {
    readonly municipalities: number;
    readonly both: number;
    readonly questionnaires: readonly {
      readonly id: string;
      readonly name: string;
      readonly respondents: number;
    }[];
    readonly bySizeClass: readonly ResponseRow[];
    readonly byProvince: readonly ResponseRow[];
    readonly text: string;
  };
  readonly questionnaires: readonly ReportQuestionnaire[];
  readonly conclusions: {
    readonly allOrNone: readonly ReportAllOrNoneRow[];
    readonly crossTable: {
      readonly rowQuestionnaire: string;
      readonly columnQuestionnaire: string;
      /** counts[row][column]; null when withheld. */
      readonly counts: readonly (readonly number[])[] | null;
      readonly total: number;
    };
    readonly pearsonR: number | null;
    readonly texts: {
      readonly correlation: string | null;
      readonly fields: string | null;
      readonly allBoth: string | null;
    };
  };
  /**
   * 'Uit de open antwoorden' (issue 13): per codebook the theme counts, and the quotes, always
   * anonymised (the report is published). Empty when the round has neither.
   */
  readonly openAnswers: readonly ReportOpenAnswerSource[];
}

export interface ResponseRow {
  readonly id: string;
  readonly label: string;
  readonly municipalities: number;
  /** Respondents per questionnaire id. */
  readonly respondents: Readonly<Record<string, number>>;
}

const BAND_KEYS: Readonly<Record<string, 'goed' | 'weg' | 'aandacht'>> = {
  'goed-voor-elkaar': 'goed',
  'op-de-goede-weg': 'weg',
  'aandacht-nodig': 'aandacht',
};

function toShare(figures: ProtectedShare | undefined, basisfunctie: string): ReportShare {
  return {
    basisfunctie,
    respondents: figures?.respondents ?? 0,
    goed: figures?.goed ?? null,
    percentGoed: figures?.percentGoed ?? null,
    meanMark: figures?.meanMark ?? null,
    suppressed: figures?.suppressed === true,
  };
}

/**
 * The field a questionnaire is about, as running text names it. The questionnaires' names
 * are long ('Basisfuncties lokale ondersteuning mantelzorg'); their ids are the fields.
 */
function fieldOf(questionnaireId: string): string {
  return questionnaireId;
}

const BREAKDOWN_TITLES = {
  grootte: 'naar gemeentegrootte',
  groep: 'naar G4, G27 en overige gemeenten',
  provincie: 'per provincie',
} as const;

/**
 * Builds the report model from an analysis (protected or not) and its instrument. Pure: the
 * same analysis gives the same report.
 */
export function buildNationalReport(
  analysis: ReportAnalysisInput,
  instrument: Instrument,
  protection: NationalReport['protection'],
  status: NationalReport['round']['status'],
  filter: string | null = null,
  openAnswers: readonly ReportOpenAnswerSource[] = [],
): NationalReport {
  const questionnaires = instrument.questionnaires.map((questionnaire, index) =>
    buildQuestionnaire(analysis, questionnaire, index),
  );
  const nameOf = (id: string) => fieldOf(id);
  const allOrNone: ReportAllOrNoneRow[] = [];
  for (const kind of ['all', 'none'] as const) {
    for (const id of [...instrument.questionnaires.map((q) => q.id), 'both']) {
      const entry = analysis.allOrNone[kind][id] ?? null;
      const field =
        id === 'both'
          ? instrument.questionnaires.map((q) => fieldOf(q.id)).join(' én ')
          : nameOf(id);
      allOrNone.push({
        label: `${kind === 'all' ? 'Alle' : 'Géén van de'} basisfuncties ${field} goed voor elkaar`,
        count: entry?.count ?? null,
        percent: entry?.percent ?? null,
      });
    }
  }
  const allBoth = analysis.allOrNone.all.both;
  const [first, second] = questionnaires;
  const toResponseRow = (breakdown: ProtectedBreakdown): ResponseRow => ({
    id: breakdown.id,
    label: breakdown.label,
    municipalities: breakdown.municipalities,
    respondents: breakdown.respondents,
  });
  return {
    round: {
      id: analysis.round,
      name: analysis.roundName,
      synthetic: analysis.synthetic,
      instrumentVersion: analysis.instrumentVersion,
      status,
      register: analysis.register,
    },
    protection,
    filter,
    minGroupSize: MIN_GROUP_SIZE,
    scale: instrument.scale.map((point) => ({ points: point.points, label: point.label })),
    bands: instrument.scoring.bands.map((band) => ({ label: band.label, from: band.from })),
    bar:
      instrument.scoring.bands.find((band) => band.id === instrument.scoring.goedBand)?.from ?? 6,
    response: {
      municipalities: analysis.respondents.municipalities,
      both: analysis.respondents.both,
      questionnaires: instrument.questionnaires.map((q) => ({
        id: q.id,
        name: q.name,
        respondents: analysis.respondents[q.id] ?? 0,
      })),
      // Only the classes that have municipalities ('grootte onbekend' is usually empty).
      bySizeClass: analysis.bySizeClass.filter((b) => b.municipalities > 0).map(toResponseRow),
      byProvince: analysis.byProvince.map(toResponseRow),
      text: describeResponse(
        analysis.respondents.municipalities,
        analysis.respondents.both,
        instrument.questionnaires.map((q) => ({
          name: fieldOf(q.id),
          respondents: analysis.respondents[q.id] ?? 0,
        })),
      ),
    },
    questionnaires,
    openAnswers,
    conclusions: {
      allOrNone,
      crossTable: {
        rowQuestionnaire: analysis.crossTableRows,
        columnQuestionnaire: analysis.crossTableColumns,
        counts: analysis.crossTable,
        total: analysis.respondents.both,
      },
      pearsonR: analysis.pearsonR,
      texts: {
        correlation: describeCorrelation(analysis.pearsonR, analysis.respondents.both),
        fields:
          first && second
            ? compareFields(
                { name: first.field, counts: completeCounts(first.countGoed) },
                { name: second.field, counts: completeCounts(second.countGoed) },
              )
            : null,
        allBoth:
          allBoth && allBoth.count !== null && allBoth.percent !== null
            ? `${allBoth.count === 1 ? '1 gemeente heeft' : `${allBoth.count} gemeenten hebben`} alle basisfuncties ${instrument.questionnaires.map((q) => fieldOf(q.id)).join(' én ')} ‘goed voor elkaar’ (${formatWholePercent(allBoth.percent)} van de gemeenten die beide vragenlijsten invulden).`
            : null,
      },
    },
  };
}

/** The counts of tabel C when none is withheld (the comparison is computed from all). */
function completeCounts(countGoed: ReportCountGoed): number[] | null {
  if (countGoed.suppressed) return null;
  const counts = countGoed.rows.map((row) => row.count);
  return counts.every((count): count is number => count !== null) ? counts : null;
}

function buildQuestionnaire(
  analysis: ReportAnalysisInput,
  questionnaire: Instrument['questionnaires'][number],
  index: number,
): ReportQuestionnaire {
  const id = questionnaire.id;
  const name = fieldOf(id);
  const national = analysis.basisfuncties.filter((b) => b.questionnaire === id);
  const respondents = analysis.respondents[id] ?? 0;
  const basisfuncties: ReportBasisfunctie[] = questionnaire.basisfuncties.map((basisfunctie) => {
    const figures = national.find((b) => b.basisfunctie === basisfunctie.id);
    const share = toShare(figures, basisfunctie.id);
    const bands = figures?.bands
      ? Object.fromEntries(
          Object.entries(figures.bands).flatMap(([band, count]) =>
            BAND_KEYS[band] ? [[BAND_KEYS[band], count]] : [],
          ),
        )
      : null;
    return {
      id: basisfunctie.id,
      name: basisfunctie.name,
      official: basisfunctie.official,
      share,
      insufficient: figures?.insufficient ?? null,
      bands: bands
        ? { goed: bands.goed ?? 0, weg: bands.weg ?? 0, aandacht: bands.aandacht ?? 0 }
        : null,
      items: analysis.items
        .filter((item) => item.questionnaire === id && item.basisfunctie === basisfunctie.id)
        .map((item) => ({
          question: item.question,
          text: item.text,
          answered: item.answered,
          counts: item.counts,
          percentages: item.percentages,
          suppressed: item.suppressed === true,
        })),
      sentence:
        share.percentGoed === null || share.goed === null
          ? null
          : `${formatWholePercent(share.percentGoed)} van de gemeenten met een cijfer (${share.goed} van ${share.respondents}) heeft ${basisfunctie.official ? 'de basisfunctie ' : ''}${basisfunctie.name}, over het geheel genomen, ‘goed voor elkaar’.`,
    };
  });
  const breakdownOf = (
    key: ReportBreakdown['key'],
    source: readonly ProtectedBreakdown[],
  ): ReportBreakdown => ({
    key,
    title: BREAKDOWN_TITLES[key],
    rows: source
      .filter((group) => group.municipalities > 0)
      .map((group) => ({
        id: group.id,
        label: group.label,
        municipalities: group.municipalities,
        respondents: group.respondents[id] ?? 0,
        shares: questionnaire.basisfuncties.map((basisfunctie) =>
          toShare(
            group.basisfuncties.find(
              (share) => share.questionnaire === id && share.basisfunctie === basisfunctie.id,
            ),
            basisfunctie.id,
          ),
        ),
      })),
  });
  const breakdowns = [
    breakdownOf('grootte', analysis.bySizeClass),
    breakdownOf('groep', analysis.byGroup),
    breakdownOf('provincie', analysis.byProvince),
  ];
  const [bySize, byGroup, byProvince] = breakdowns as [
    ReportBreakdown,
    ReportBreakdown,
    ReportBreakdown,
  ];
  const counts = analysis.countGoed[id] ?? null;
  const officialCount = questionnaire.basisfuncties.filter((b) => b.official).length;
  const countGoed: ReportCountGoed = {
    rows: Array.from({ length: officialCount + 1 }, (_, k) => {
      const count = counts?.[k] ?? null;
      return {
        k,
        count,
        percent:
          count === null || respondents === 0
            ? null
            : Math.round((1000 * count) / respondents) / 10,
      };
    }),
    respondents,
    suppressed: counts === null || counts.some((count) => count === null),
  };
  const perBasisfunctie = (breakdown: ReportBreakdown) =>
    questionnaire.basisfuncties.map((basisfunctie, b) => ({
      name: basisfunctie.name,
      values: breakdown.rows.map((row) => row.shares[b]?.percentGoed ?? null),
    }));
  const all = analysis.allOrNone.all[id] ?? null;
  const none = analysis.allOrNone.none[id] ?? null;
  return {
    id,
    name: questionnaire.name,
    field: name,
    chapter: index + 2,
    appendix: index + 1,
    respondents,
    officialCount,
    basisfuncties,
    breakdowns,
    countGoed,
    multipleChoice: analysis.multipleChoice
      .filter((choice) => choice.questionnaire === id)
      .map((choice) => ({
        question: choice.question,
        kind: choice.kind,
        text: choice.text,
        respondents: choice.respondents,
        suppressed: choice.suppressed === true,
        options: choice.options,
      })),
    texts: {
      extremes: describeExtremes(
        name,
        basisfuncties.map((b) => ({ name: b.name, percentGoed: b.share.percentGoed })),
      ),
      majority: describeMajority(
        basisfuncties.map((b) => ({ name: b.name, percentGoed: b.share.percentGoed })),
      ),
      // Size classes from small to large; 'grootte onbekend' is no step on that scale.
      sizeRelation: describeSizeRelation(
        perBasisfunctie({
          ...bySize,
          rows: bySize.rows.filter((row) => row.id !== 'onbekend'),
        }),
      ),
      groupOrder: describeGroupOrder(perBasisfunctie(byGroup)),
      provinces: describeProvinces(
        basisfuncties.map((b) => b.share.percentGoed),
        byProvince.rows.map((row) => ({
          name: row.label,
          values: row.shares.map((share) => share.percentGoed),
        })),
      ),
      allOrNone: describeAllOrNone(
        name,
        officialCount,
        { count: all?.count ?? null, percent: all?.percent ?? null },
        { count: none?.count ?? null, percent: none?.percent ?? null },
      ),
    },
  };
}

/** The report of an analysis view (the dashboard's, or one loaded for the report). */
export async function buildNationalReportFromView(
  executor: Executor,
  view: AnalysisView,
): Promise<NationalReport> {
  return buildNationalReport(
    view,
    await getInstrument(executor, view.instrumentVersion),
    view.protection,
    view.roundStatus,
    describeFilter(view.filter, view.provinces),
    await readReportOpenAnswers(executor, view.round, {
      filter: view.filter,
      protection: view.protection,
    }),
  );
}

/**
 * The national report of a round as the viewer may see it: from the analysis view, so a
 * municipality account (and the public) get the small-cell protected figures, never
 * filtered. Staff may ask for the report of a part of the municipalities (`filter`).
 *
 * @throws {ForbiddenError} for a role that may not read the analysis
 * @throws {NotFoundError} when the round does not exist
 */
export async function loadNationalReport(
  executor: Executor,
  viewer: AnalysisViewer,
  roundId: string,
  filter: AnalysisFilter = EMPTY_FILTER,
): Promise<NationalReport> {
  return buildNationalReportFromView(
    executor,
    await loadAnalysisView(executor, viewer, roundId, filter),
  );
}

/**
 * Under which key of `report_files` the national report's PDF is kept, per protection: the
 * table's key is (round, municipality code), and these are no municipality codes (those are
 * four digits), so they never meet a municipality's report.
 */
export const NATIONAL_REPORT_KEYS: Readonly<Record<Protection, string>> = {
  none: 'landelijk',
  'small-cells': 'landelijk-beschermd',
};

/** A national report ready to print: the hash of its data, and its printing. */
export interface PreparedNationalReport {
  readonly dataHash: string;
  print(): Promise<Uint8Array>;
}

/** Renders the national report as PDF (src/web/national-report-pdf.ts). */
export interface NationalReportSource {
  /**
   * The report with the figures of `protection` (and, for every figure, of the `filter`),
   * printed as a reader who sees just those.
   */
  prepare(
    roundId: string,
    protection: Protection,
    filter?: AnalysisFilter,
  ): Promise<PreparedNationalReport>;
}

/** The download's file name: plain ASCII, so no filename* variant is needed. */
export function nationalReportFileName(
  roundId: string,
  filter: AnalysisFilter = EMPTY_FILTER,
): string {
  const parts = [roundId, filter.sizeClass, filter.group, filter.province].filter(
    (part): part is string => part !== null,
  );
  return `landelijk-rapport-${parts.join('-').replace(/[^A-Za-z0-9_-]+/g, '-')}.pdf`;
}

/**
 * The national report of a round as PDF for the user: the stored one when its data hash is
 * the report's as it is now, else printed now (and stored for the next download). There are
 * two versions, one with every figure and one with small cells withheld; the user gets the
 * one their role sees.
 *
 * @throws {ForbiddenError} for a role that may not read the analysis
 * @throws {NotFoundError} when the round does not exist
 * @throws {UnavailableError} when the PDF must be printed and Chromium is missing
 */
export async function readNationalReportPdf(
  executor: Executor,
  user: StaffUser,
  input: {
    readonly roundId: string;
    readonly source: NationalReportSource;
    /** The filter parameters of the address (grootte, groep, provincie); invalid ones are left out. */
    readonly params?: URLSearchParams;
  },
): Promise<{ pdf: Uint8Array; fileName: string }> {
  const loaded = await loadRound(executor, input.roundId);
  const provinces = [
    ...new Map(loaded.municipalities.map((m) => [m.provinceCode, m.provinceName])).entries(),
  ].map(([code, name]) => ({ code, name }));
  const asked = parseFilterParams(input.params ?? new URLSearchParams(), provinces).filter;
  // Checks the permission and tells which version the user sees (and whether they may filter).
  const view = await loadAnalysisView(executor, { kind: 'user', user }, input.roundId, asked);
  const prepared = await input.source.prepare(input.roundId, view.protection, view.filter);
  const fileName = nationalReportFileName(input.roundId, view.filter);
  // Only the whole round's reports are kept: a filtered one is printed when asked for.
  if (!isFilterEmpty(view.filter)) return { pdf: await prepared.print(), fileName };
  const key = NATIONAL_REPORT_KEYS[view.protection];
  const stored = await readStoredReport(executor, input.roundId, key);
  let pdf = stored?.dataHash === prepared.dataHash ? stored.pdf : undefined;
  if (!pdf) {
    pdf = await prepared.print();
    await storeReport(executor, {
      roundId: input.roundId,
      municipalityCode: key,
      dataHash: prepared.dataHash,
      pdf,
    });
  }
  return { pdf, fileName };
}

/** The query string of a filter for the report's address: '' or '?provincie=PV29'. */
export function writeReportQuery(filter: AnalysisFilter = EMPTY_FILTER): string {
  return isFilterEmpty(filter) ? '' : `?${writeFilterParams(filter).toString()}`;
}
