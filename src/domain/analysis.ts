/**
 * The national analysis of a measurement round, as the 2009 report presents it: per
 * basisfunctie the share 'goed voor elkaar', breakdowns, counts of basisfuncties met,
 * the cross-table of the two fields with Pearson's r, item distributions and
 * multiple-choice shares. Pure: the caller supplies the register, the response vectors
 * and the pre-counted choices.
 */
import { listAllScaleItems, type Instrument, type Questionnaire } from './instrument.ts';
import {
  classifyGroup,
  classifySize,
  GROUPS,
  SIZE_CLASSES,
  type Municipality,
} from './register.ts';
import { decodeScaleVector } from './scale-vector.ts';
import { createScorer, type ItemPoints, type Scorer } from './scoring.ts';
import {
  columnTotals as sumColumns,
  countCategories,
  crossTabulate,
  pearsonFromTable,
  percentage,
  roundTo,
  rowPercentages,
  rowTotals as sumRows,
} from './statistics.ts';

/** One municipality's answers to one questionnaire, reduced to what the analysis needs. */
export interface ResponseVector {
  readonly municipalityCode: string;
  readonly questionnaire: string;
  /** See scale-vector.ts. */
  readonly scaleVector: string;
  /** Number of answered items of any kind; a respondent has at least one. */
  readonly answerCount: number;
}

/** Counted answers to one multiple- or single-choice question. */
export interface ChoiceCount {
  readonly questionnaire: string;
  readonly question: number;
  /** Respondents who chose at least one option. */
  readonly respondents: number;
  readonly optionCounts: Readonly<Record<string, number>>;
}

export interface AnalysisInput {
  readonly round: string;
  readonly instrument: Instrument;
  readonly municipalities: readonly Municipality[];
  readonly responses: readonly ResponseVector[];
  readonly choices: readonly ChoiceCount[];
  /** Questionnaire on the rows of the cross-table (default `mantelzorg`). */
  readonly rowQuestionnaire?: string;
  /** Questionnaire on the columns of the cross-table (default `vrijwilligerswerk`). */
  readonly columnQuestionnaire?: string;
}

export interface BasisfunctieShare {
  readonly questionnaire: string;
  readonly basisfunctie: string;
  /** Respondents with a mark (enough items answered). */
  readonly respondents: number;
  readonly goed: number;
  readonly percentGoed: number | null;
}

export interface BasisfunctieResult extends BasisfunctieShare {
  readonly name: string;
  readonly official: boolean;
  /** Respondents of the questionnaire without a mark ('onvoldoende beantwoord'). */
  readonly insufficient: number;
  /** Respondents per band of their mark, keyed by band id. */
  readonly bands: Readonly<Record<string, number>>;
  /** Mean mark over the respondents with a mark, one decimal. */
  readonly meanMark: number | null;
}

export interface CountShare {
  readonly count: number;
  readonly percent: number | null;
}

export interface Breakdown {
  readonly id: string;
  readonly label: string;
  /** Municipalities of the register in this group. */
  readonly municipalities: number;
  readonly respondents: Readonly<Record<string, number>>;
  readonly basisfuncties: readonly BasisfunctieShare[];
}

export interface ItemDistribution {
  readonly questionnaire: string;
  readonly question: number;
  readonly basisfunctie: string | null;
  readonly text: string;
  readonly answered: number;
  /** Counts of 1, 2 and 3 points. */
  readonly counts: readonly number[];
  readonly percentages: readonly (number | null)[];
}

export interface ChoiceResult {
  readonly questionnaire: string;
  readonly question: number;
  readonly kind: 'multiple' | 'single';
  readonly text: string;
  readonly respondents: number;
  readonly options: readonly {
    readonly code: string;
    readonly label: string;
    readonly count: number;
    readonly percent: number | null;
  }[];
}

export interface RoundAnalysis {
  readonly round: string;
  readonly instrumentVersion: string;
  readonly respondents: {
    readonly municipalities: number;
    readonly both: number;
    readonly [questionnaire: string]: number;
  };
  readonly basisfuncties: readonly BasisfunctieResult[];
  /** Per questionnaire: how many respondents have 0, 1, … official basisfuncties goed. */
  readonly countGoed: Readonly<Record<string, readonly number[]>>;
  /** Tabel 12: all or none of the basisfuncties goed, per questionnaire and for both. */
  readonly allOrNone: {
    readonly all: Readonly<Record<string, CountShare>>;
    readonly none: Readonly<Record<string, CountShare>>;
  };
  readonly crossTable: readonly (readonly number[])[];
  readonly crossTableRows: string;
  readonly crossTableColumns: string;
  readonly pearsonR: number | null;
  readonly bySizeClass: readonly Breakdown[];
  readonly byGroup: readonly Breakdown[];
  readonly byProvince: readonly Breakdown[];
  readonly items: readonly ItemDistribution[];
  readonly multipleChoice: readonly ChoiceResult[];
}

/** The scored state of one respondent of one questionnaire. */
interface ScoredResponse {
  readonly municipality: Municipality;
  readonly questionnaire: string;
  readonly points: ItemPoints[];
  /** Per basisfunctie (questionnaire order): null when not scored, else goed and band id. */
  readonly marks: readonly ({ goed: boolean; band: string; mark: number } | null)[];
  readonly officialGoed: number;
}

interface QuestionnaireLayout {
  readonly questionnaire: Questionnaire;
  readonly vectorLength: number;
  /** For each basisfunctie (questionnaire order): positions of its items in the vector. */
  readonly positions: readonly (readonly number[])[];
  readonly official: readonly boolean[];
}

function layOut(questionnaire: Questionnaire): QuestionnaireLayout {
  const scaleItems = listAllScaleItems(questionnaire);
  return {
    questionnaire,
    vectorLength: scaleItems.length,
    positions: questionnaire.basisfuncties.map((basisfunctie) =>
      scaleItems.flatMap((item, position) =>
        item.basisfunctie === basisfunctie.id ? [position] : [],
      ),
    ),
    official: questionnaire.basisfuncties.map((basisfunctie) => basisfunctie.official),
  };
}

function scoreResponse(
  layout: QuestionnaireLayout,
  municipality: Municipality,
  vector: string,
  scorer: Scorer,
): ScoredResponse {
  const points = decodeScaleVector(vector, layout.vectorLength);
  let officialGoed = 0;
  const marks = layout.positions.map((positions, index) => {
    if (positions.length === 0) return null;
    let sum = 0;
    let answered = 0;
    for (const position of positions) {
      const value = points[position];
      if (value !== null && value !== undefined) {
        sum += value;
        answered += 1;
      }
    }
    const result = scorer({ sum, answered, total: positions.length });
    if (result.status !== 'scored') return null;
    if (result.goed && layout.official[index]) officialGoed += 1;
    return { goed: result.goed, band: result.band.id, mark: result.mark.num / result.mark.den };
  });
  return { municipality, questionnaire: layout.questionnaire.id, points, marks, officialGoed };
}

function summarizeShares(
  layout: QuestionnaireLayout,
  scored: readonly ScoredResponse[],
): BasisfunctieShare[] {
  return layout.questionnaire.basisfuncties.map((basisfunctie, index) => {
    let respondents = 0;
    let goed = 0;
    for (const response of scored) {
      const mark = response.marks[index];
      if (!mark) continue;
      respondents += 1;
      if (mark.goed) goed += 1;
    }
    return {
      questionnaire: layout.questionnaire.id,
      basisfunctie: basisfunctie.id,
      respondents,
      goed,
      percentGoed: percentage(goed, respondents),
    };
  });
}

function buildBreakdowns(
  groups: readonly { id: string; label: string }[],
  assign: (municipality: Municipality) => string,
  municipalities: readonly Municipality[],
  layouts: readonly QuestionnaireLayout[],
  scoredByQuestionnaire: ReadonlyMap<string, readonly ScoredResponse[]>,
): Breakdown[] {
  return groups.map((group) => {
    const inGroup = (m: Municipality) => assign(m) === group.id;
    const respondents: Record<string, number> = {};
    const basisfuncties: BasisfunctieShare[] = [];
    for (const layout of layouts) {
      const scored = (scoredByQuestionnaire.get(layout.questionnaire.id) ?? []).filter((r) =>
        inGroup(r.municipality),
      );
      respondents[layout.questionnaire.id] = scored.length;
      basisfuncties.push(...summarizeShares(layout, scored));
    }
    return {
      id: group.id,
      label: group.label,
      municipalities: municipalities.filter(inGroup).length,
      respondents,
      basisfuncties,
    };
  });
}

/**
 * Computes the national analysis of a round.
 *
 * A municipality is a respondent of a questionnaire when it has at least one answer in it.
 * Per basisfunctie, the share 'goed' is taken over the respondents that have a mark;
 * respondents with too few items answered are counted as `insufficient`. `countGoed` counts
 * only the official basisfuncties (not 'Visie en beleid'); a basisfunctie without a mark
 * counts as not goed there.
 *
 * @throws {Error} when a response names a municipality outside the register or an unknown
 *   questionnaire, or its vector does not fit the instrument
 */
export function computeRoundAnalysis(input: AnalysisInput): RoundAnalysis {
  const { instrument } = input;
  const rowId = input.rowQuestionnaire ?? 'mantelzorg';
  const columnId = input.columnQuestionnaire ?? 'vrijwilligerswerk';
  const scorer = createScorer(instrument.scoring);
  const layouts = instrument.questionnaires.map(layOut);
  const layoutById = new Map(layouts.map((layout) => [layout.questionnaire.id, layout]));
  const registerByCode = new Map(input.municipalities.map((m) => [m.code, m]));

  const scoredByQuestionnaire = new Map<string, ScoredResponse[]>(
    layouts.map((layout) => [layout.questionnaire.id, []]),
  );
  for (const response of input.responses) {
    if (response.answerCount <= 0) continue;
    const layout = layoutById.get(response.questionnaire);
    if (!layout) throw new Error(`Unknown questionnaire '${response.questionnaire}'`);
    const municipality = registerByCode.get(response.municipalityCode);
    if (!municipality) {
      throw new Error(`Municipality ${response.municipalityCode} is not in the round's register`);
    }
    scoredByQuestionnaire
      .get(layout.questionnaire.id)
      ?.push(scoreResponse(layout, municipality, response.scaleVector, scorer));
  }

  const rowLayout = layoutById.get(rowId);
  const columnLayout = layoutById.get(columnId);
  if (!rowLayout || !columnLayout) {
    throw new Error(`The instrument has no questionnaires '${rowId}' and '${columnId}'`);
  }
  const rowScored = new Map(
    (scoredByQuestionnaire.get(rowId) ?? []).map((r) => [r.municipality.code, r]),
  );
  const columnScored = new Map(
    (scoredByQuestionnaire.get(columnId) ?? []).map((r) => [r.municipality.code, r]),
  );
  const bothPairs: [number, number][] = [];
  for (const [code, row] of rowScored) {
    const column = columnScored.get(code);
    if (column) bothPairs.push([row.officialGoed, column.officialGoed]);
  }

  const respondents: Record<string, number> = {
    municipalities: input.municipalities.length,
    both: bothPairs.length,
  };
  const basisfuncties: BasisfunctieResult[] = [];
  const countGoed: Record<string, number[]> = {};
  const all: Record<string, CountShare> = {};
  const none: Record<string, CountShare> = {};
  const bandIds = instrument.scoring.bands.map((band) => band.id);

  for (const layout of layouts) {
    const id = layout.questionnaire.id;
    const scored = scoredByQuestionnaire.get(id) ?? [];
    respondents[id] = scored.length;
    const shares = summarizeShares(layout, scored);
    layout.questionnaire.basisfuncties.forEach((basisfunctie, index) => {
      const marks = scored.flatMap((r) => {
        const mark = r.marks[index];
        return mark ? [mark] : [];
      });
      const bandCounts = countCategories(
        marks.map((mark) => mark.band),
        bandIds,
      );
      const meanMark =
        marks.length === 0
          ? null
          : roundTo(marks.reduce((total, mark) => total + mark.mark, 0) / marks.length, 1);
      basisfuncties.push({
        ...(shares[index] as BasisfunctieShare),
        name: basisfunctie.name,
        official: basisfunctie.official,
        insufficient: scored.length - marks.length,
        bands: Object.fromEntries(bandIds.map((bandId, i) => [bandId, bandCounts[i] ?? 0])),
        meanMark,
      });
    });
    const officialCount = layout.official.filter(Boolean).length;
    const counts = countCategories(
      scored.map((r) => r.officialGoed),
      Array.from({ length: officialCount + 1 }, (_, i) => i),
    );
    countGoed[id] = counts;
    all[id] = {
      count: counts[officialCount] ?? 0,
      percent: percentage(counts[officialCount] ?? 0, scored.length),
    };
    none[id] = { count: counts[0] ?? 0, percent: percentage(counts[0] ?? 0, scored.length) };
  }

  const rowOfficial = rowLayout.official.filter(Boolean).length;
  const columnOfficial = columnLayout.official.filter(Boolean).length;
  const crossTable = crossTabulate(
    bothPairs,
    Array.from({ length: rowOfficial + 1 }, (_, i) => i),
    Array.from({ length: columnOfficial + 1 }, (_, i) => i),
  );
  const allBoth = crossTable[rowOfficial]?.[columnOfficial] ?? 0;
  const noneBoth = crossTable[0]?.[0] ?? 0;
  all.both = { count: allBoth, percent: percentage(allBoth, bothPairs.length) };
  none.both = { count: noneBoth, percent: percentage(noneBoth, bothPairs.length) };
  const pearson = pearsonFromTable(crossTable);

  const provinces = [
    ...new Map(input.municipalities.map((m) => [m.provinceCode, m.provinceName])).entries(),
  ]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, label]) => ({ id, label }));

  const items: ItemDistribution[] = layouts.flatMap((layout) => {
    const scored = scoredByQuestionnaire.get(layout.questionnaire.id) ?? [];
    return listAllScaleItems(layout.questionnaire).map((item, position) => {
      const counts = countCategories(
        scored.map((r) => r.points[position]),
        [1, 2, 3],
      );
      const answered = counts.reduce((a, b) => a + b, 0);
      return {
        questionnaire: layout.questionnaire.id,
        question: item.number,
        basisfunctie: item.basisfunctie,
        text: item.text,
        answered,
        counts,
        percentages: counts.map((count) => percentage(count, answered)),
      };
    });
  });

  const choiceIndex = new Map(
    input.choices.map((choice) => [`${choice.questionnaire}:${choice.question}`, choice]),
  );
  const multipleChoice: ChoiceResult[] = layouts.flatMap((layout) =>
    layout.questionnaire.items.flatMap((item) => {
      if (item.kind !== 'multiple' && item.kind !== 'single') return [];
      const counted = choiceIndex.get(`${layout.questionnaire.id}:${item.number}`);
      const choiceRespondents = counted?.respondents ?? 0;
      return [
        {
          questionnaire: layout.questionnaire.id,
          question: item.number,
          kind: item.kind,
          text: item.text,
          respondents: choiceRespondents,
          options: (item.options ?? []).map((option) => {
            const count = counted?.optionCounts[option.code] ?? 0;
            return {
              code: option.code,
              label: option.label,
              count,
              percent: percentage(count, choiceRespondents),
            };
          }),
        },
      ];
    }),
  );

  return {
    round: input.round,
    instrumentVersion: instrument.version,
    respondents: respondents as RoundAnalysis['respondents'],
    basisfuncties,
    countGoed,
    allOrNone: { all, none },
    crossTable,
    crossTableRows: rowId,
    crossTableColumns: columnId,
    pearsonR: pearson === null ? null : roundTo(pearson, 4),
    bySizeClass: buildBreakdowns(
      SIZE_CLASSES,
      (m) => classifySize(m.population),
      input.municipalities,
      layouts,
      scoredByQuestionnaire,
    ),
    byGroup: buildBreakdowns(
      GROUPS,
      classifyGroup,
      input.municipalities,
      layouts,
      scoredByQuestionnaire,
    ),
    byProvince: buildBreakdowns(
      provinces,
      (m) => m.provinceCode,
      input.municipalities,
      layouts,
      scoredByQuestionnaire,
    ),
    items,
    multipleChoice,
  };
}

export interface CrossTabResult {
  readonly questionnaire: string;
  readonly row: number;
  readonly column: number;
  readonly rowText: string;
  readonly columnText: string;
  /** Rows and columns in answer order 1, 2, 3. */
  readonly counts: readonly (readonly number[])[];
  readonly rowPercentages: readonly (readonly (number | null)[])[];
  readonly rowTotals: readonly number[];
  readonly columnTotals: readonly number[];
  /** The 'totaal' row of the report: column totals as a share of all pairs. */
  readonly columnPercentages: readonly (number | null)[];
  readonly total: number;
}

/**
 * Cross-tabulates two 3-point items of one questionnaire over the respondents that answered
 * both, with row percentages as in the report's appendices.
 *
 * @throws {Error} when either question is not a 3-point item of the questionnaire
 */
export function computeCrossTab(
  questionnaire: Questionnaire,
  vectors: readonly string[],
  rowQuestion: number,
  columnQuestion: number,
): CrossTabResult {
  const scaleItems = listAllScaleItems(questionnaire);
  const rowPosition = scaleItems.findIndex((item) => item.number === rowQuestion);
  const columnPosition = scaleItems.findIndex((item) => item.number === columnQuestion);
  if (rowPosition < 0 || columnPosition < 0) {
    const bad = rowPosition < 0 ? rowQuestion : columnQuestion;
    throw new Error(`Question ${bad} is not a 3-point item of '${questionnaire.id}'`);
  }
  const pairs: [number, number][] = [];
  for (const vector of vectors) {
    const points = decodeScaleVector(vector, scaleItems.length);
    const rowValue = points[rowPosition];
    const columnValue = points[columnPosition];
    if (rowValue && columnValue) pairs.push([rowValue, columnValue]);
  }
  const categories = [1, 2, 3];
  const counts = crossTabulate(pairs, categories, categories);
  const rowTotals = sumRows(counts);
  const columnTotals = sumColumns(counts);
  return {
    questionnaire: questionnaire.id,
    row: rowQuestion,
    column: columnQuestion,
    rowText: (scaleItems[rowPosition] as { text: string }).text,
    columnText: (scaleItems[columnPosition] as { text: string }).text,
    counts,
    rowPercentages: rowPercentages(counts),
    rowTotals,
    columnTotals,
    columnPercentages: columnTotals.map((count) => percentage(count, pairs.length)),
    total: pairs.length,
  };
}
