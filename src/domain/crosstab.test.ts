import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadInstrument } from '../instruments/index.ts';
import { computeCrossTab, type ResponseVector } from './analysis.ts';
import { getQuestionnaire } from './instrument.ts';
import {
  chooseCrossTabSuppression,
  findDeterminedCells,
  protectCrossTab,
} from './crosstab-disclosure.ts';
import {
  computeQuestionCrossTab,
  findCrossTabVariable,
  listCrossTabVariables,
  type CrossTabVariable,
} from './crosstab.ts';
import { encodeChoiceVector, encodeScaleVector } from './response-vectors.ts';

const instrument = loadInstrument('2009');
const mantelzorg = getQuestionnaire(instrument, 'mantelzorg');
const vrijwilligerswerk = getQuestionnaire(instrument, 'vrijwilligerswerk');

function variable(id: string): CrossTabVariable {
  const found = findCrossTabVariable(instrument, id);
  if (!found) throw new Error(`no variable ${id}`);
  return found;
}

function response(
  code: string,
  questionnaire: 'mantelzorg' | 'vrijwilligerswerk',
  points: Record<number, number>,
  choices: Record<number, string[]> = {},
): ResponseVector {
  const q = questionnaire === 'mantelzorg' ? mantelzorg : vrijwilligerswerk;
  return {
    municipalityCode: code,
    questionnaire,
    scaleVector: encodeScaleVector(q, new Map(Object.entries(points).map(([k, v]) => [+k, v]))),
    choiceVector: encodeChoiceVector(q, new Map(Object.entries(choices).map(([k, v]) => [+k, v]))),
    answerCount: Object.keys(points).length + Object.keys(choices).length,
  };
}

describe('listCrossTabVariables', () => {
  const variables = listCrossTabVariables(instrument);

  it('offers every question but the open ones, each option, and the derived variables', () => {
    const ids = variables.map((v) => v.id);
    expect(ids).toContain('mantelzorg.17');
    expect(ids).toContain('mantelzorg.15');
    expect(ids).toContain('mantelzorg.18');
    expect(ids).toContain('mantelzorg.18.aanbod');
    expect(ids).toContain('vrijwilligerswerk.aantal-goed');
    expect(ids).toContain('mantelzorg.band.informatie');
    // Vraag 16 of mantelzorg is open.
    expect(ids).not.toContain('mantelzorg.16');
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives a 3-point item the three answers and the count of basisfuncties 0 to 8', () => {
    expect(variable('mantelzorg.17').categories.map((c) => c.label)).toEqual([
      'Nee',
      'Ja, verbetering mogelijk',
      'Ja, goed voor elkaar',
    ]);
    expect(variable('mantelzorg.aantal-goed').categories).toHaveLength(9);
    expect(variable('vrijwilligerswerk.aantal-goed').categories).toHaveLength(6);
    expect(variable('mantelzorg.18').multipleResponse).toBe(true);
    expect(variable('mantelzorg.18.aanbod').multipleResponse).toBe(false);
  });
});

describe('computeQuestionCrossTab', () => {
  const responses = [
    response('0001', 'mantelzorg', { 17: 3, 19: 2, 22: 3 }, { 15: ['lt-1000'], 18: ['aanbod'] }),
    response('0002', 'mantelzorg', { 17: 2, 22: 2 }, { 18: ['aanbod', 'ziekten'] }),
    response('0003', 'mantelzorg', { 17: 3, 22: 3 }, {}),
    response('0002', 'vrijwilligerswerk', { 1: 1 }),
    response('0003', 'vrijwilligerswerk', { 1: 3 }),
    response('0004', 'vrijwilligerswerk', { 1: 3 }),
  ];

  it('gives the same counts as the item cross-table for two 3-point items', () => {
    const old = computeCrossTab(
      mantelzorg,
      responses.filter((r) => r.questionnaire === 'mantelzorg').map((r) => r.scaleVector),
      17,
      22,
    );
    const table = computeQuestionCrossTab(
      instrument,
      variable('mantelzorg.17'),
      variable('mantelzorg.22'),
      responses,
    );
    expect(table.counts).toEqual(old.counts);
    expect(table.rowTotals).toEqual(old.rowTotals);
    expect(table.columnTotals).toEqual(old.columnTotals);
    expect(table.rowPercentages).toEqual(old.rowPercentages);
    expect(table.columnTotalPercentages).toEqual(old.columnPercentages);
    expect(table.total).toBe(3);
  });

  it('matches two questionnaires on the municipality', () => {
    const table = computeQuestionCrossTab(
      instrument,
      variable('mantelzorg.17'),
      variable('vrijwilligerswerk.1'),
      responses,
    );
    // 0002: 17 = 2, vw 1 = 1; 0003: 17 = 3, vw 1 = 3. 0001 and 0004 have one questionnaire.
    expect(table.counts).toEqual([
      [0, 0, 0],
      [1, 0, 0],
      [0, 0, 1],
    ]);
    expect(table.total).toBe(2);
  });

  it('counts a multiple-response question per chosen option, and gives no test', () => {
    const table = computeQuestionCrossTab(
      instrument,
      variable('mantelzorg.18'),
      variable('mantelzorg.17'),
      responses,
    );
    const aanbod = variable('mantelzorg.18').categories.findIndex((c) => c.code === 'aanbod');
    const vraag = variable('mantelzorg.18').categories.findIndex((c) => c.code === 'ziekten');
    // 0001 chose aanbod (17 = 3), 0002 aanbod and vraag (17 = 2); 0003 did not answer 18.
    expect(table.counts[aanbod]).toEqual([0, 1, 1]);
    expect(table.counts[vraag]).toEqual([0, 1, 0]);
    expect(table.total).toBe(2);
    expect(table.rowTotals[aanbod]).toBe(2);
    // Column totals count respondents, not chosen options.
    expect(table.columnTotals).toEqual([0, 1, 1]);
    expect(table.test).toBeNull();
    expect(table.noTest).toBe('multiple-response');
  });

  it('crosses one option as chosen or not over those who answered the question', () => {
    const table = computeQuestionCrossTab(
      instrument,
      variable('mantelzorg.18.ziekten'),
      variable('mantelzorg.17'),
      responses,
    );
    expect(table.counts).toEqual([
      [0, 1, 0],
      [0, 0, 1],
    ]);
  });

  it('crosses the derived count of basisfuncties goed and a band', () => {
    const table = computeQuestionCrossTab(
      instrument,
      variable('mantelzorg.aantal-goed'),
      variable('mantelzorg.band.informatie'),
      responses,
    );
    // Informatie is 17, 19 and 20: only 0001 answers two of three (3 and 2: mark
    // 10 · (5 − 2)/4 = 7.5, goed); 0002 and 0003 answer one, too few for a mark.
    // 0001 has one official basisfunctie goed: informatie (22 alone gives advies no mark).
    expect(table.total).toBe(1);
    expect(table.counts).toHaveLength(9);
    expect(table.counts[1]).toEqual([0, 0, 1]);
    expect(table.noTest).toBe('too-few-categories');
  });

  it('counts only the municipalities the filter lets in', () => {
    const table = computeQuestionCrossTab(
      instrument,
      variable('mantelzorg.17'),
      variable('mantelzorg.22'),
      responses,
      (code) => code !== '0003',
    );
    expect(table.total).toBe(2);
  });

  it('gives χ², df, p and Cramér V of the counts', () => {
    // 10 municipalities: 17 and 22 agree for everyone: a perfect 2×2 association.
    const many = Array.from({ length: 10 }, (_, i) =>
      response(String(i).padStart(4, '0'), 'mantelzorg', {
        17: i < 5 ? 2 : 3,
        22: i < 5 ? 2 : 3,
      }),
    );
    const table = computeQuestionCrossTab(
      instrument,
      variable('mantelzorg.17'),
      variable('mantelzorg.22'),
      many,
    );
    // E = 2.5 in the four used cells; χ² = 4 · 2.5²/2.5 = 10; df = 1 after dropping 'Nee'.
    expect(table.test?.chiSquare).toBeCloseTo(10, 12);
    expect(table.test?.degreesOfFreedom).toBe(1);
    expect(table.test?.cramersV).toBeCloseTo(1, 12);
    expect(table.test?.expected.tooSmall).toBe(true);
  });
});

/**
 * Every table with the given margins and shown cells, by brute force: the independent check
 * of findDeterminedCells. Returns, per withheld cell, the set of values it takes.
 */
function enumerateHiddenValues(
  counts: readonly (readonly number[])[],
  hidden: readonly (readonly boolean[])[],
): Map<string, Set<number>> {
  const rowTotals = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const columnTotals = (counts[0] ?? []).map((_, c) => counts.reduce((s, row) => s + row[c]!, 0));
  const cells: [number, number][] = [];
  counts.forEach((row, r) => row.forEach((_, c) => hidden[r]![c] && cells.push([r, c])));
  const values = new Map(cells.map(([r, c]) => [`${r},${c}`, new Set<number>()]));
  const table = counts.map((row, r) => row.map((v, c) => (hidden[r]![c] ? 0 : v)));
  const fits = () =>
    table.every((row, r) => row.reduce((a, b) => a + b, 0) === rowTotals[r]) &&
    columnTotals.every((total, c) => table.reduce((s, row) => s + row[c]!, 0) === total);
  const visit = (index: number) => {
    if (index === cells.length) {
      if (fits()) for (const [r, c] of cells) values.get(`${r},${c}`)!.add(table[r]![c]!);
      return;
    }
    const [r, c] = cells[index]!;
    const max = Math.min(rowTotals[r]!, columnTotals[c]!);
    for (let v = 0; v <= max; v += 1) {
      table[r]![c] = v;
      visit(index + 1);
    }
    table[r]![c] = 0;
  };
  visit(0);
  return values;
}

describe('findDeterminedCells', () => {
  it('finds a lone withheld cell, which its row total gives back', () => {
    expect(
      findDeterminedCells(
        [
          [3, 7],
          [6, 20],
        ],
        [
          [true, false],
          [false, false],
        ],
      ),
    ).toEqual([[0, 0]]);
  });

  it('finds no determined cell in a withheld rectangle of non-zero cells', () => {
    expect(
      findDeterminedCells(
        [
          [3, 7],
          [6, 20],
        ],
        [
          [true, true],
          [true, true],
        ],
      ),
    ).toEqual([]);
  });

  it('finds cells pinned by zeros: [[2, 0], [3, 0]] withheld cannot move', () => {
    // Moving one up in (0, 1) needs one down in (1, 1), which is 0.
    expect(
      findDeterminedCells(
        [
          [2, 0, 5],
          [3, 0, 5],
        ],
        [
          [true, true, false],
          [true, true, false],
        ],
      ),
    ).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
  });

  it('agrees with a brute-force enumeration on small tables', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }).chain((rows) =>
          fc.integer({ min: 2, max: 3 }).chain((columns) =>
            fc.tuple(
              fc.array(
                fc.array(fc.integer({ min: 0, max: 4 }), {
                  minLength: columns,
                  maxLength: columns,
                }),
                {
                  minLength: rows,
                  maxLength: rows,
                },
              ),
              fc.array(fc.array(fc.boolean(), { minLength: columns, maxLength: columns }), {
                minLength: rows,
                maxLength: rows,
              }),
            ),
          ),
        ),
        ([counts, hidden]) => {
          const enumerated = enumerateHiddenValues(counts, hidden);
          const expected = [...enumerated]
            .filter(([, set]) => set.size === 1)
            .map(([key]) => key.split(',').map(Number));
          expect(findDeterminedCells(counts, hidden)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('protectCrossTab', () => {
  const v17 = variable('mantelzorg.17');
  const v19 = variable('mantelzorg.19');
  const base = (counts: number[][]) => {
    const rowTotals = counts.map((row) => row.reduce((a, b) => a + b, 0));
    const columnTotals = counts[0]!.map((_, c) => counts.reduce((s, row) => s + row[c]!, 0));
    const total = rowTotals.reduce((a, b) => a + b, 0);
    return {
      row: v17,
      column: v19,
      counts,
      rowTotals,
      columnTotals,
      total,
      rowPercentages: counts.map((row) => row.map(() => 1)),
      columnPercentages: counts.map((row) => row.map(() => 1)),
      rowTotalPercentages: rowTotals.map(() => 1),
      columnTotalPercentages: columnTotals.map(() => 1),
      test: {
        chiSquare: 1,
        degreesOfFreedom: 4,
        pValue: 0.5,
        cramersV: 0.1,
        expected: { cells: 9, below5: 0, below1: 0, smallest: 6, tooSmall: false },
      },
      noTest: null,
    };
  };

  it('withholds a table over fewer than five municipalities whole', () => {
    const result = protectCrossTab(
      base([
        [1, 0, 0],
        [0, 2, 0],
        [0, 0, 1],
      ]),
    );
    expect(result.withheld).toBe('few-municipalities');
    expect(result.counts.flat().every((c) => c === null)).toBe(true);
    expect(result.rowTotals.every((c) => c === null)).toBe(true);
    expect(result.total).toBe(4);
    expect(result.test).toBeNull();
  });

  it('shows a table without small cells as it is, with its test', () => {
    const table = base([
      [10, 0, 5],
      [6, 20, 7],
      [0, 8, 30],
    ]);
    const result = protectCrossTab(table);
    expect(result.counts).toEqual(table.counts);
    expect(result.suppressed).toBe(false);
    expect(result.test).toEqual(table.test);
  });

  it('withholds small cells and enough others, and then the test', () => {
    const result = protectCrossTab(
      base([
        [2, 40, 50],
        [30, 1, 60],
        [30, 40, 50],
      ]),
    );
    expect(result.counts[0]![0]).toBeNull();
    expect(result.counts[1]![1]).toBeNull();
    expect(result.rowPercentages[0]![0]).toBeNull();
    expect(result.suppressed).toBe(true);
    expect(result.test).toBeNull();
    // The margins stay.
    expect(result.rowTotals).toEqual([92, 91, 120]);
  });

  it('withholds a multiple-response table', () => {
    const table = { ...base([[10, 10, 10]]), row: variable('mantelzorg.18') };
    expect(protectCrossTab(table).withheld).toBe('multiple-response');
  });

  it('never leaves a withheld cell that the margins and shown cells give back', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }).chain((rows) =>
          fc.integer({ min: 2, max: 3 }).chain((columns) =>
            fc.array(
              fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constant(1)), {
                minLength: columns,
                maxLength: columns,
              }),
              { minLength: rows, maxLength: rows },
            ),
          ),
        ),
        (counts) => {
          const hidden = chooseCrossTabSuppression(counts);
          const total = counts.flat().reduce((a, b) => a + b, 0);
          const result = protectCrossTab(base(counts));
          if (total < 5) return;
          if (!hidden) {
            expect(result.withheld).toBe('cannot-protect');
            return;
          }
          // Every small cell is withheld, and none of the withheld ones follows.
          counts.forEach((row, r) =>
            row.forEach((count, c) => {
              if (count > 0 && count < 5) expect(result.counts[r]![c]).toBeNull();
            }),
          );
          const enumerated = enumerateHiddenValues(counts, hidden);
          for (const [, set] of enumerated) expect(set.size).toBeGreaterThan(1);
        },
      ),
      { numRuns: 120 },
    );
  });
});
