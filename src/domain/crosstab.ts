/**
 * Cross-tables of any two questions of a round, as the report's appendices cross vraag 15
 * with vraag 16: 3-point items, single- and multiple-choice items, one option of a
 * multiple-choice item, and two derived variables per questionnaire (the number of official
 * basisfuncties goed, and the band of one basisfunctie's mark). The two questions may come
 * from different questionnaires; their answers are then matched on the municipality.
 *
 * Pure: the caller supplies the instrument and the response vectors.
 */
import {
  computeChiSquare,
  computeCramersV,
  findSmallExpectedCounts,
  type SmallExpectedCounts,
} from './association.ts';
import { listAllScaleItems, type Instrument, type Questionnaire } from './instrument.ts';
import type { ResponseVector } from './analysis.ts';
import { decodeChoiceVector, decodeScaleVector, listChoiceItems } from './response-vectors.ts';
import { createScorer } from './scoring.ts';
import { percentage } from './statistics.ts';

/**
 * What a variable is:
 * - `scale`: a 3-point item, categories 1, 2, 3;
 * - `single`: a single-choice item, one category per option;
 * - `multiple`: a whole multiple-choice item, one category per option; a respondent is in
 *   every category they chose (a multiple-response variable);
 * - `option`: one option of a multiple-choice item, 'gekozen' or 'niet gekozen', over the
 *   respondents who answered the item;
 * - `count-goed`: the number of official basisfuncties goed (0 … 5 or 0 … 8), as in tabel C;
 * - `band`: the band of a basisfunctie's mark, over the respondents with a mark.
 */
export type CrossTabVariableKind =
  'scale' | 'single' | 'multiple' | 'option' | 'count-goed' | 'band';

export interface CrossTabCategory {
  readonly code: string;
  readonly label: string;
}

export interface CrossTabVariable {
  /** `mantelzorg.17`, `mantelzorg.18.aanbod`, `mantelzorg.aantal-goed`, `mantelzorg.band.informatie`. */
  readonly id: string;
  readonly questionnaire: string;
  readonly kind: CrossTabVariableKind;
  /** The question number, null for `count-goed`. */
  readonly question: number | null;
  /** A short name: 'vraag 17', 'vraag 18, optie aanbod', 'aantal basisfuncties goed'. */
  readonly name: string;
  /** The question (and option) text. */
  readonly text: string;
  readonly categories: readonly CrossTabCategory[];
  /** The option code of an `option` variable, the basisfunctie id of a `band`; else null. */
  readonly part: string | null;
  /** Whether a respondent can be in more than one category (`multiple`). */
  readonly multipleResponse: boolean;
}

const CHOSEN: readonly CrossTabCategory[] = [
  { code: 'gekozen', label: 'Gekozen' },
  { code: 'niet-gekozen', label: 'Niet gekozen' },
];

/**
 * Every variable of an instrument that can be crossed, per questionnaire in question order:
 * 3-point, single- and multiple-choice items, then each option of the multiple-choice items,
 * then the derived variables. Open questions have no categories and are left out.
 *
 * @example listCrossTabVariables(instrument)[0].id // 'vrijwilligerswerk.1'
 */
export function listCrossTabVariables(instrument: Instrument): CrossTabVariable[] {
  return instrument.questionnaires.flatMap((questionnaire) => {
    const q = questionnaire.id;
    const questions: CrossTabVariable[] = [];
    const options: CrossTabVariable[] = [];
    for (const item of questionnaire.items) {
      if (item.kind === 'open') continue;
      const categories =
        item.kind === 'scale'
          ? instrument.scale.map((point) => ({ code: String(point.points), label: point.label }))
          : (item.options ?? []).map((option) => ({ code: option.code, label: option.label }));
      questions.push({
        id: `${q}.${item.number}`,
        questionnaire: q,
        kind: item.kind,
        question: item.number,
        name: `vraag ${item.number}`,
        text: item.text,
        categories,
        part: null,
        multipleResponse: item.kind === 'multiple',
      });
      if (item.kind !== 'multiple') continue;
      for (const option of item.options ?? []) {
        options.push({
          id: `${q}.${item.number}.${option.code}`,
          questionnaire: q,
          kind: 'option',
          question: item.number,
          name: `vraag ${item.number}, optie '${option.label}'`,
          text: `${item.text} – ${option.label}`,
          categories: CHOSEN,
          part: option.code,
          multipleResponse: false,
        });
      }
    }
    const official = questionnaire.basisfuncties.filter((b) => b.official).length;
    const derived: CrossTabVariable[] = [
      {
        id: `${q}.aantal-goed`,
        questionnaire: q,
        kind: 'count-goed',
        question: null,
        name: 'aantal basisfuncties goed',
        text: `Aantal officiële basisfuncties ${q} goed voor elkaar (0–${official})`,
        categories: Array.from({ length: official + 1 }, (_, i) => ({
          code: String(i),
          label: String(i),
        })),
        part: null,
        multipleResponse: false,
      },
      ...questionnaire.basisfuncties.map((basisfunctie) => ({
        id: `${q}.band.${basisfunctie.id}`,
        questionnaire: q,
        kind: 'band' as const,
        question: null,
        name: `cijfer ${basisfunctie.name}`,
        text: `Cijfer voor ${basisfunctie.name} (${q}), in drie klassen`,
        categories: instrument.scoring.bands.map((band) => ({ code: band.id, label: band.label })),
        part: basisfunctie.id,
        multipleResponse: false,
      })),
    ];
    return [...questions, ...options, ...derived];
  });
}

/**
 * The variable with this id, or null when the instrument has none.
 *
 * @example findCrossTabVariable(instrument, 'mantelzorg.17')?.kind // 'scale'
 */
export function findCrossTabVariable(instrument: Instrument, id: string): CrossTabVariable | null {
  return listCrossTabVariables(instrument).find((variable) => variable.id === id) ?? null;
}

/** The association of a cross-table, when a test is possible. */
export interface CrossTabTest {
  readonly chiSquare: number;
  readonly degreesOfFreedom: number;
  readonly pValue: number;
  readonly cramersV: number;
  readonly expected: SmallExpectedCounts;
}

export interface QuestionCrossTab {
  readonly row: CrossTabVariable;
  readonly column: CrossTabVariable;
  /** counts[r][c]: respondents in row category r and column category c. */
  readonly counts: readonly (readonly number[])[];
  /** Respondents in each row category (for a multiple-response variable not the row's sum). */
  readonly rowTotals: readonly number[];
  readonly columnTotals: readonly number[];
  /** Municipalities that have a value for both variables: what every figure rests on. */
  readonly total: number;
  /** Each cell as a share of its row total. */
  readonly rowPercentages: readonly (readonly (number | null)[])[];
  /** Each cell as a share of its column total. */
  readonly columnPercentages: readonly (readonly (number | null)[])[];
  /** The row totals as a share of `total`, and the column totals. */
  readonly rowTotalPercentages: readonly (number | null)[];
  readonly columnTotalPercentages: readonly (number | null)[];
  readonly test: CrossTabTest | null;
  /** Why there is no test: a multiple-response variable, or fewer than two categories used. */
  readonly noTest: 'multiple-response' | 'too-few-categories' | null;
}

/** Per response: the category indexes of a variable, or null when it has no value. */
type Extract = (response: ResponseVector) => readonly number[] | null;

function createExtractor(instrument: Instrument, variable: CrossTabVariable): Extract {
  const questionnaire = instrument.questionnaires.find(
    (candidate) => candidate.id === variable.questionnaire,
  ) as Questionnaire;
  const scaleItems = listAllScaleItems(questionnaire);
  const choiceItems = listChoiceItems(questionnaire);
  const scorePoints = (points: readonly (number | null)[], positions: readonly number[]) => {
    let sum = 0;
    let answered = 0;
    for (const position of positions) {
      const value = points[position];
      if (value) {
        sum += value;
        answered += 1;
      }
    }
    return createScorer(instrument.scoring)({ sum, answered, total: positions.length });
  };
  const positionsOf = (basisfunctie: string) =>
    scaleItems.flatMap((item, position) => (item.basisfunctie === basisfunctie ? [position] : []));

  switch (variable.kind) {
    case 'scale': {
      const position = scaleItems.findIndex((item) => item.number === variable.question);
      return (response) => {
        const value = decodeScaleVector(response.scaleVector, scaleItems.length)[position];
        return value ? [value - 1] : null;
      };
    }
    case 'single':
    case 'multiple':
    case 'option': {
      const index = choiceItems.findIndex((item) => item.number === variable.question);
      const item = choiceItems[index];
      const optionIndex =
        variable.kind === 'option'
          ? (item?.options ?? []).findIndex((o) => o.code === variable.part)
          : -1;
      return (response) => {
        const mask = decodeChoiceVector(response.choiceVector, choiceItems.length)[index] ?? 0;
        if (mask === 0) return null;
        if (variable.kind === 'option') return [mask & (1 << optionIndex) ? 0 : 1];
        const chosen: number[] = [];
        for (let option = 0; option < variable.categories.length; option += 1) {
          if (mask & (1 << option)) chosen.push(option);
        }
        // A single-choice item holds one option; should a stored answer hold more, the
        // lowest counts, so every respondent stays in one category.
        return variable.kind === 'single' ? chosen.slice(0, 1) : chosen;
      };
    }
    case 'count-goed': {
      const positions = questionnaire.basisfuncties
        .filter((b) => b.official)
        .map((b) => positionsOf(b.id));
      return (response) => {
        const points = decodeScaleVector(response.scaleVector, scaleItems.length);
        // As in the analysis (countGoed): a basisfunctie without a mark is not goed.
        const goed = positions.filter((p) => p.length > 0 && scorePoints(points, p).goed).length;
        return [goed];
      };
    }
    case 'band': {
      const positions = positionsOf(variable.part ?? '');
      const bandIds = variable.categories.map((category) => category.code);
      return (response) => {
        if (positions.length === 0) return null;
        const points = decodeScaleVector(response.scaleVector, scaleItems.length);
        const result = scorePoints(points, positions);
        return result.band ? [bandIds.indexOf(result.band.id)] : null;
      };
    }
  }
}

/**
 * Cross-tabulates two variables over the municipalities that have a value for both: a
 * respondent of each variable's questionnaire (at least one answer) with an answer to the
 * question (for `count-goed`: every respondent; for `band`: those with a mark).
 *
 * A respondent adds one to every cell of a row category and a column category it is in: one
 * cell for two single-valued variables, possibly several for a multiple-response variable.
 * Row and column totals count respondents, so for a multiple-response variable they are not
 * the sum of the cells, and its percentages need not add up to 100. Pearson's chi-square does
 * not apply to such a table (its observations are not independent); cross one option at a
 * time (`option`) for a test.
 *
 * @param include which municipalities count (the dashboard filter); all when omitted
 * @throws {Error} when a response names a questionnaire the instrument lacks, or a vector
 *   does not fit the instrument
 * @example computeQuestionCrossTab(instrument, v17, v19, responses).counts // 3 × 3 counts
 */
export function computeQuestionCrossTab(
  instrument: Instrument,
  row: CrossTabVariable,
  column: CrossTabVariable,
  responses: readonly ResponseVector[],
  include: (municipalityCode: string) => boolean = () => true,
): QuestionCrossTab {
  const extractRow = createExtractor(instrument, row);
  const extractColumn = createExtractor(instrument, column);
  const byQuestionnaire = new Map<string, Map<string, ResponseVector>>();
  for (const response of responses) {
    if (response.answerCount <= 0 || !include(response.municipalityCode)) continue;
    let map = byQuestionnaire.get(response.questionnaire);
    if (!map) byQuestionnaire.set(response.questionnaire, (map = new Map()));
    map.set(response.municipalityCode, response);
  }
  const rowResponses = byQuestionnaire.get(row.questionnaire) ?? new Map();
  const columnResponses = byQuestionnaire.get(column.questionnaire) ?? new Map();

  const counts = row.categories.map(() => column.categories.map(() => 0));
  const rowTotals = row.categories.map(() => 0);
  const columnTotals = column.categories.map(() => 0);
  let total = 0;
  for (const [code, rowResponse] of rowResponses) {
    const columnResponse = columnResponses.get(code);
    if (!columnResponse) continue;
    const rowValues = extractRow(rowResponse);
    const columnValues = extractColumn(columnResponse);
    if (!rowValues || !columnValues || rowValues.length === 0 || columnValues.length === 0) {
      continue;
    }
    total += 1;
    for (const r of rowValues) rowTotals[r] = (rowTotals[r] as number) + 1;
    for (const c of columnValues) columnTotals[c] = (columnTotals[c] as number) + 1;
    for (const r of rowValues) {
      const cells = counts[r] as number[];
      for (const c of columnValues) cells[c] = (cells[c] as number) + 1;
    }
  }

  const multipleResponse = row.multipleResponse || column.multipleResponse;
  let test: CrossTabTest | null = null;
  let noTest: QuestionCrossTab['noTest'] = multipleResponse ? 'multiple-response' : null;
  if (!multipleResponse) {
    const chi = computeChiSquare(counts);
    if (chi) {
      test = {
        chiSquare: chi.statistic,
        degreesOfFreedom: chi.degreesOfFreedom,
        pValue: chi.pValue,
        cramersV: computeCramersV(counts) as number,
        expected: findSmallExpectedCounts(counts),
      };
    } else {
      noTest = 'too-few-categories';
    }
  }
  return {
    row,
    column,
    counts,
    rowTotals,
    columnTotals,
    total,
    rowPercentages: counts.map((cells, r) =>
      cells.map((count) => percentage(count, rowTotals[r] as number)),
    ),
    columnPercentages: counts.map((cells) =>
      cells.map((count, c) => percentage(count, columnTotals[c] as number)),
    ),
    rowTotalPercentages: rowTotals.map((count) => percentage(count, total)),
    columnTotalPercentages: columnTotals.map((count) => percentage(count, total)),
    test,
    noTest,
  };
}
