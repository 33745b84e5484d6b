/**
 * The national analysis of a measurement round, as the 2009 report presents it: per
 * basisfunctie the share 'goed voor elkaar', breakdowns, counts of basisfuncties met,
 * the cross-table of the two fields with Pearson's r, item distributions and
 * multiple-choice shares. Pure: the caller supplies the register and the response vectors.
 *
 * It is written as one pass over the responses with accumulators, because it must stay
 * fast for rounds far larger than the 441 municipalities of 2009 (see bench/).
 */
import { listAllScaleItems, type Instrument, type Questionnaire } from './instrument.ts';
import {
  classifyGroup,
  classifySize,
  GROUPS,
  SIZE_CLASSES,
  type Municipality,
} from './register.ts';
import { decodeChoiceVector, decodeScaleVector, listChoiceItems } from './response-vectors.ts';
import type { Rational } from './rational.ts';
import { createScorer, type Scorer } from './scoring.ts';
import {
  columnTotals as sumColumns,
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
  /** See response-vectors.ts. */
  readonly scaleVector: string;
  /** See response-vectors.ts. */
  readonly choiceVector: string;
  /** Number of answered items of any kind; a respondent has at least one. */
  readonly answerCount: number;
}

export interface AnalysisInput {
  readonly round: string;
  readonly instrument: Instrument;
  readonly municipalities: readonly Municipality[];
  readonly responses: readonly ResponseVector[];
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
  /**
   * Mean mark over the respondents with a mark, one decimal (`computeMeanMark`); the same
   * definition for the national figure and every breakdown.
   */
  readonly meanMark: number | null;
}

export interface BasisfunctieResult extends BasisfunctieShare {
  readonly name: string;
  readonly official: boolean;
  /** Respondents of the questionnaire without a mark ('onvoldoende beantwoord'). */
  readonly insufficient: number;
  /** Respondents per band of their mark, keyed by band id. */
  readonly bands: Readonly<Record<string, number>>;
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
  /** Respondents who chose at least one option. */
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

/** Band index (or -1: no mark) and exact mark for every (answered, sum) of a basisfunctie. */
interface MarkTable {
  readonly band: Int8Array;
  readonly mark: (Rational | null)[];
  readonly goed: Uint8Array;
  readonly stride: number;
}

function greatestCommonDivisor(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/**
 * The mean of marks given with their counts, exact, rounded to one decimal as `roundTo` does
 * (halves away from zero). Exact so that the result does not depend on the order in which
 * the marks are added: a group mean computed elsewhere from the same marks is the same figure.
 */
function meanOfCountedMarks(
  entries: Iterable<readonly [mark: Rational, count: number]>,
): number | null {
  let num = 0n;
  let den = 1n;
  let count = 0n;
  for (const [mark, times] of entries) {
    if (times === 0) continue;
    const markDen = BigInt(mark.den);
    num = num * markDen + BigInt(mark.num) * BigInt(times) * den;
    den *= markDen;
    const divisor = greatestCommonDivisor(num, den);
    if (divisor > 1n) {
      num /= divisor;
      den /= divisor;
    }
    count += BigInt(times);
  }
  if (count === 0n) return null;
  // mean = num / (den × count); tenths = ⌊10 × |mean| + ½⌋
  const whole = den * count;
  const negative = num < 0n;
  const tenths = (20n * (negative ? -num : num) + whole) / (2n * whole);
  return (negative ? -Number(tenths) : Number(tenths)) / 10;
}

/**
 * The mean mark of a group, as the analysis gives it (`meanMark`): the mean of the marks of
 * the respondents that have one (null marks, 'onvoldoende beantwoord', are left out),
 * computed exactly and rounded to one decimal. For groups the analysis has no breakdown for
 * (neighbours, a peer set), so that their figure is defined the same way.
 *
 * mean = Σ mark / (number of marks)
 *
 * @example computeMeanMark([createRational(10), createRational(5), null]) // 7.5
 */
export function computeMeanMark(marks: Iterable<Rational | null>): number | null {
  const counted: [Rational, number][] = [];
  for (const mark of marks) if (mark) counted.push([mark, 1]);
  return meanOfCountedMarks(counted);
}

/**
 * Tabulates the scoring rule for a basisfunctie of n items, so scoring a respondent is a
 * lookup. Every entry comes from the one scorer, so the rule lives in one place.
 */
function tabulateMarks(n: number, scorer: Scorer, bandIds: readonly string[]): MarkTable {
  const stride = 3 * n + 1;
  const size = (n + 1) * stride;
  const table: MarkTable = {
    band: new Int8Array(size).fill(-1),
    mark: new Array<Rational | null>(size).fill(null),
    goed: new Uint8Array(size),
    stride,
  };
  for (let answered = 0; answered <= n; answered += 1) {
    for (let sum = answered; sum <= 3 * answered; sum += 1) {
      const result = scorer({ sum, answered, total: n });
      if (result.status !== 'scored') continue;
      const index = answered * stride + sum;
      table.band[index] = bandIds.indexOf(result.band.id);
      table.mark[index] = result.mark;
      table.goed[index] = result.goed ? 1 : 0;
    }
  }
  return table;
}

interface Layout {
  readonly questionnaire: Questionnaire;
  readonly scaleLength: number;
  readonly choiceItems: ReturnType<typeof listChoiceItems>;
  /** For each basisfunctie (questionnaire order): positions of its items in the scale vector. */
  readonly positions: readonly (readonly number[])[];
  readonly marks: readonly MarkTable[];
  readonly official: readonly boolean[];
  readonly officialCount: number;
}

/**
 * Per group of municipalities and questionnaire: respondents and, per basisfunctie, scored,
 * goed and how many respondents fell in each cell (answered, sum) of its mark table, from
 * which the mean mark is computed exactly at the end.
 */
interface ShareCounter {
  respondents: number;
  readonly scored: Int32Array;
  readonly goed: Int32Array;
  readonly cells: readonly Int32Array[];
}

function createCounter(layout: Layout): ShareCounter {
  const basisfuncties = layout.positions.length;
  return {
    respondents: 0,
    scored: new Int32Array(basisfuncties),
    goed: new Int32Array(basisfuncties),
    cells: layout.marks.map((table) => new Int32Array(table.mark.length)),
  };
}

function* countMarks(table: MarkTable, cells: Int32Array | undefined) {
  if (!cells) return;
  for (let index = 0; index < cells.length; index += 1) {
    const mark = table.mark[index];
    const count = cells[index] ?? 0;
    if (mark && count > 0) yield [mark, count] as const;
  }
}

function toShares(layout: Layout, counter: ShareCounter | undefined): BasisfunctieShare[] {
  return layout.questionnaire.basisfuncties.map((basisfunctie, index) => {
    const respondents = counter?.scored[index] ?? 0;
    const goed = counter?.goed[index] ?? 0;
    return {
      questionnaire: layout.questionnaire.id,
      basisfunctie: basisfunctie.id,
      respondents,
      goed,
      percentGoed: percentage(goed, respondents),
      meanMark: meanOfCountedMarks(
        countMarks(layout.marks[index] as MarkTable, counter?.cells[index]),
      ),
    };
  });
}

/** Adds to one cell of a typed array (the noUncheckedIndexedAccess-safe `a[i] += by`). */
function bump(array: Int32Array | Float64Array | undefined, index: number, by = 1): void {
  if (array) array[index] = (array[index] ?? 0) + by;
}

interface Dimension {
  readonly groups: readonly { readonly id: string; readonly label: string }[];
  readonly assign: (municipality: Municipality) => string;
}

/**
 * Computes the national analysis of a round.
 *
 * A municipality is a respondent of a questionnaire when it has at least one answer in it.
 * Per basisfunctie, the share 'goed' is taken over the respondents that have a mark;
 * respondents with too few items answered are counted as `insufficient`. `countGoed` counts
 * only the official basisfuncties (not 'Visie en beleid'); a basisfunctie without a mark
 * counts as not goed there. Choice shares are taken over the respondents who chose at least
 * one option of that question.
 *
 * @throws {Error} when a response names a municipality outside the register or an unknown
 *   questionnaire, or its vectors do not fit the instrument
 */
export function computeRoundAnalysis(input: AnalysisInput): RoundAnalysis {
  const { instrument } = input;
  const rowId = input.rowQuestionnaire ?? 'mantelzorg';
  const columnId = input.columnQuestionnaire ?? 'vrijwilligerswerk';
  const scorer = createScorer(instrument.scoring);
  const bandIds = instrument.scoring.bands.map((band) => band.id);

  const layouts: Layout[] = instrument.questionnaires.map((questionnaire) => {
    const scaleItems = listAllScaleItems(questionnaire);
    const positions = questionnaire.basisfuncties.map((basisfunctie) =>
      scaleItems.flatMap((item, position) =>
        item.basisfunctie === basisfunctie.id ? [position] : [],
      ),
    );
    const official = questionnaire.basisfuncties.map((basisfunctie) => basisfunctie.official);
    return {
      questionnaire,
      scaleLength: scaleItems.length,
      choiceItems: listChoiceItems(questionnaire),
      positions,
      marks: positions.map((p) => tabulateMarks(Math.max(p.length, 1), scorer, bandIds)),
      official,
      officialCount: official.filter(Boolean).length,
    };
  });
  const layoutIndex = new Map(layouts.map((layout, index) => [layout.questionnaire.id, index]));
  const rowLayout = layoutIndex.get(rowId);
  const columnLayout = layoutIndex.get(columnId);
  if (rowLayout === undefined || columnLayout === undefined) {
    throw new Error(`The instrument has no questionnaires '${rowId}' and '${columnId}'`);
  }

  const provinces = [
    ...new Map(input.municipalities.map((m) => [m.provinceCode, m.provinceName])).entries(),
  ]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, label]) => ({ id, label }));
  const dimensions: Dimension[] = [
    { groups: SIZE_CLASSES, assign: (m) => classifySize(m.population) },
    { groups: GROUPS, assign: classifyGroup },
    { groups: provinces, assign: (m) => m.provinceCode },
  ];
  // For each municipality: its group index in every dimension, computed once.
  const registerIndex = new Map<string, { municipality: Municipality; groups: number[] }>();
  const groupSizes = dimensions.map((d) => new Int32Array(d.groups.length));
  for (const municipality of input.municipalities) {
    const groups = dimensions.map((dimension, d) => {
      const index = dimension.groups.findIndex(
        (group) => group.id === dimension.assign(municipality),
      );
      bump(groupSizes[d], index);
      return index;
    });
    registerIndex.set(municipality.code, { municipality, groups });
  }

  // Accumulators: totals per questionnaire, and per dimension × group × questionnaire.
  const totals = layouts.map((layout) => createCounter(layout));
  const breakdownCounters = dimensions.map((dimension) =>
    dimension.groups.map(() => layouts.map((layout) => createCounter(layout))),
  );
  const bandCounts = layouts.map((layout) =>
    layout.positions.map(() => new Int32Array(bandIds.length)),
  );
  const countGoed = layouts.map((layout) => new Int32Array(layout.officialCount + 1));
  const itemCounts = layouts.map((layout) =>
    Array.from({ length: layout.scaleLength }, () => new Int32Array(3)),
  );
  const choiceRespondents = layouts.map((layout) => new Int32Array(layout.choiceItems.length));
  const optionCounts = layouts.map((layout) =>
    layout.choiceItems.map((item) => new Int32Array(item.options?.length ?? 0)),
  );
  const officialGoedByCode = layouts.map(() => new Map<string, number>());

  for (const response of input.responses) {
    if (response.answerCount <= 0) continue;
    const q = layoutIndex.get(response.questionnaire);
    if (q === undefined) throw new Error(`Unknown questionnaire '${response.questionnaire}'`);
    const layout = layouts[q] as Layout;
    const entry = registerIndex.get(response.municipalityCode);
    if (!entry)
      throw new Error(`Municipality ${response.municipalityCode} is not in the round's register`);

    const points = decodeScaleVector(response.scaleVector, layout.scaleLength);
    const counters = [totals[q] as ShareCounter];
    entry.groups.forEach((group, d) =>
      counters.push(breakdownCounters[d]?.[group]?.[q] as ShareCounter),
    );
    for (const counter of counters) counter.respondents += 1;

    let officialGoed = 0;
    layout.positions.forEach((positions, b) => {
      let sum = 0;
      let answered = 0;
      for (const position of positions) {
        const value = points[position];
        if (value) {
          sum += value;
          answered += 1;
        }
      }
      const table = layout.marks[b] as MarkTable;
      const index = answered * table.stride + sum;
      const band = positions.length === 0 ? -1 : (table.band[index] as number);
      if (band < 0) return;
      const goed = table.goed[index] === 1;
      for (const counter of counters) {
        bump(counter.scored, b);
        if (goed) bump(counter.goed, b);
        bump(counter.cells[b], index);
      }
      bump(bandCounts[q]?.[b], band);
      if (goed && layout.official[b]) officialGoed += 1;
    });
    bump(countGoed[q], officialGoed);
    officialGoedByCode[q]?.set(response.municipalityCode, officialGoed);

    const items = itemCounts[q] as Int32Array[];
    for (let position = 0; position < points.length; position += 1) {
      const value = points[position];
      if (value) bump(items[position], value - 1);
    }
    const masks = decodeChoiceVector(response.choiceVector, layout.choiceItems.length);
    masks.forEach((mask, c) => {
      if (mask === 0) return;
      bump(choiceRespondents[q], c);
      const counts = optionCounts[q]?.[c];
      for (let option = 0; option < (counts?.length ?? 0); option += 1) {
        if (mask & (1 << option)) bump(counts, option);
      }
    });
  }

  const respondents: Record<string, number> = {
    municipalities: input.municipalities.length,
    both: 0,
  };
  const basisfuncties: BasisfunctieResult[] = [];
  const countGoedResult: Record<string, number[]> = {};
  const all: Record<string, CountShare> = {};
  const none: Record<string, CountShare> = {};
  layouts.forEach((layout, q) => {
    const id = layout.questionnaire.id;
    const total = totals[q] as ShareCounter;
    respondents[id] = total.respondents;
    const shares = toShares(layout, total);
    layout.questionnaire.basisfuncties.forEach((basisfunctie, b) => {
      const scored = total.scored[b] ?? 0;
      // meanMark last, where it has always been in the JSON.
      const { meanMark, ...share } = shares[b] as BasisfunctieShare;
      basisfuncties.push({
        ...share,
        name: basisfunctie.name,
        official: basisfunctie.official,
        insufficient: total.respondents - scored,
        bands: Object.fromEntries(
          bandIds.map((bandId, i) => [bandId, bandCounts[q]?.[b]?.[i] ?? 0]),
        ),
        meanMark,
      });
    });
    const counts = [...(countGoed[q] as Int32Array)];
    countGoedResult[id] = counts;
    const allCount = counts[layout.officialCount] ?? 0;
    all[id] = { count: allCount, percent: percentage(allCount, total.respondents) };
    none[id] = { count: counts[0] ?? 0, percent: percentage(counts[0] ?? 0, total.respondents) };
  });

  const rowLayoutValue = layouts[rowLayout] as Layout;
  const columnLayoutValue = layouts[columnLayout] as Layout;
  const pairs: [number, number][] = [];
  const columnGoed = officialGoedByCode[columnLayout] as Map<string, number>;
  for (const [code, rowGoed] of officialGoedByCode[rowLayout] as Map<string, number>) {
    const columnValue = columnGoed.get(code);
    if (columnValue !== undefined) pairs.push([rowGoed, columnValue]);
  }
  respondents.both = pairs.length;
  const crossTable = crossTabulate(
    pairs,
    Array.from({ length: rowLayoutValue.officialCount + 1 }, (_, i) => i),
    Array.from({ length: columnLayoutValue.officialCount + 1 }, (_, i) => i),
  );
  const allBoth = crossTable[rowLayoutValue.officialCount]?.[columnLayoutValue.officialCount] ?? 0;
  const noneBoth = crossTable[0]?.[0] ?? 0;
  all.both = { count: allBoth, percent: percentage(allBoth, pairs.length) };
  none.both = { count: noneBoth, percent: percentage(noneBoth, pairs.length) };
  const pearson = pearsonFromTable(crossTable);

  const breakdowns = dimensions.map((dimension, d) =>
    dimension.groups.map((group, g) => {
      const perQuestionnaire = breakdownCounters[d]?.[g] as ShareCounter[];
      return {
        id: group.id,
        label: group.label,
        municipalities: groupSizes[d]?.[g] ?? 0,
        respondents: Object.fromEntries(
          layouts.map((layout, q) => [
            layout.questionnaire.id,
            perQuestionnaire[q]?.respondents ?? 0,
          ]),
        ),
        basisfuncties: layouts.flatMap((layout, q) => toShares(layout, perQuestionnaire[q])),
      };
    }),
  );

  const items: ItemDistribution[] = layouts.flatMap((layout, q) =>
    listAllScaleItems(layout.questionnaire).map((item, position) => {
      const counts = [...(itemCounts[q]?.[position] as Int32Array)];
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
    }),
  );

  const multipleChoice: ChoiceResult[] = layouts.flatMap((layout, q) =>
    layout.choiceItems.map((item, c) => {
      const answered = choiceRespondents[q]?.[c] ?? 0;
      return {
        questionnaire: layout.questionnaire.id,
        question: item.number,
        kind: item.kind as 'multiple' | 'single',
        text: item.text,
        respondents: answered,
        options: (item.options ?? []).map((option, o) => {
          const count = optionCounts[q]?.[c]?.[o] ?? 0;
          return {
            code: option.code,
            label: option.label,
            count,
            percent: percentage(count, answered),
          };
        }),
      };
    }),
  );

  return {
    round: input.round,
    instrumentVersion: instrument.version,
    respondents: respondents as RoundAnalysis['respondents'],
    basisfuncties,
    countGoed: countGoedResult,
    allOrNone: { all, none },
    crossTable,
    crossTableRows: rowId,
    crossTableColumns: columnId,
    pearsonR: pearson === null ? null : roundTo(pearson, 4),
    bySizeClass: breakdowns[0] as Breakdown[],
    byGroup: breakdowns[1] as Breakdown[],
    byProvince: breakdowns[2] as Breakdown[],
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
  const columnTotals = sumColumns(counts);
  return {
    questionnaire: questionnaire.id,
    row: rowQuestion,
    column: columnQuestion,
    rowText: (scaleItems[rowPosition] as { text: string }).text,
    columnText: (scaleItems[columnPosition] as { text: string }).text,
    counts,
    rowPercentages: rowPercentages(counts),
    rowTotals: sumRows(counts),
    columnTotals,
    columnPercentages: columnTotals.map((count) => percentage(count, pairs.length)),
    total: pairs.length,
  };
}
