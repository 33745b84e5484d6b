import { describe, expect, it } from 'vitest';
import { loadInstrument } from '../instruments/index.ts';
import { computeRoundAnalysis, type ResponseVector } from './analysis.ts';
import {
  chooseSuppressedCells,
  exposeAnalysis,
  protectAnalysis,
  type ProtectedAnalysis,
  type ProtectedBreakdown,
} from './disclosure-control.ts';
import { listAllScaleItems } from './instrument.ts';
import { createRandom } from './random.ts';
import type { Municipality } from './register.ts';
import { encodeChoiceVector } from './response-vectors.ts';

const instrument = loadInstrument('2009');

describe('chooseSuppressedCells', () => {
  // respondents per cell → withheld cells, worked out by hand with a minimum of 5.
  it.each([
    { cells: [], expected: [] },
    { cells: [10, 20, 30], expected: [] }, // nothing small
    { cells: [0, 20, 30], expected: [] }, // an empty cell carries no figure
    { cells: [3, 40, 12, 0], expected: [0, 2] }, // 3 alone is derivable: add the smallest other (12)
    { cells: [3, 2, 40], expected: [0, 1] }, // two small cells, together 5: enough
    { cells: [1, 2, 40], expected: [0, 1, 2] }, // together 3 < 5: the next one too
    { cells: [4, 9, 9], expected: [0, 1] }, // ties: the first
    { cells: [4], expected: [0] }, // a single cell: withheld, nothing else to add
    { cells: [5, 6, 7], expected: [] }, // 5 is enough
  ])('withholds $expected of $cells', ({ cells, expected }) => {
    expect(chooseSuppressedCells(cells)).toEqual(expected);
  });
});

const municipality = (
  code: string,
  provinceCode: string,
  population: number | null,
  extra: Partial<Municipality> = {},
): Municipality => ({
  code,
  name: `Gemeente ${code}`,
  provinceCode,
  provinceName: `Provincie ${provinceCode}`,
  population,
  g4: false,
  g27: false,
  ...extra,
});

/** A random round over a register with provinces of 2, 3, 6 and many municipalities. */
function buildRandomAnalysis(seed: number) {
  const random = createRandom(seed);
  const provinceSizes: [string, number][] = [
    ['PV21', 2],
    ['PV22', 3],
    ['PV24', 6],
    ['PV27', 40],
    ['PV29', 35],
  ];
  const sizes = [null, 8_000, 30_000, 70_000, 150_000, 400_000];
  let next = 1000;
  const register = provinceSizes.flatMap(([province, count]) =>
    Array.from({ length: count }, () => {
      next += 1;
      return municipality(String(next), province, sizes[next % 6] ?? null, {
        g4: next % 23 === 0,
        g27: next % 7 === 0,
      });
    }),
  );
  const responses: ResponseVector[] = register.flatMap((m) =>
    instrument.questionnaires
      .filter(() => random() < 0.85)
      .map((q) => ({
        municipalityCode: m.code,
        questionnaire: q.id,
        scaleVector: listAllScaleItems(q)
          .map(() => String(Math.floor(random() * 4)))
          .join(''),
        choiceVector: encodeChoiceVector(q, new Map()),
        answerCount: 30,
      })),
  );
  return computeRoundAnalysis({ round: 'r', instrument, municipalities: register, responses });
}

function listBreakdowns(analysis: ProtectedAnalysis): (readonly ProtectedBreakdown[])[] {
  return [analysis.bySizeClass, analysis.byGroup, analysis.byProvince];
}

describe('protectAnalysis', () => {
  it.each([1, 2, 3, 4, 5])(
    'leaves no withheld breakdown cell derivable from the total and the shown cells (seed %i)',
    (seed) => {
      const analysis = buildRandomAnalysis(seed);
      const shown = protectAnalysis(analysis);
      let withheld = 0;
      for (const breakdowns of listBreakdowns(shown)) {
        const width = breakdowns[0]?.basisfuncties.length ?? 0;
        for (let b = 0; b < width; b += 1) {
          const cells = breakdowns.map((g) => g.basisfuncties[b]!);
          const hidden = cells.filter((c) => c.suppressed);
          const visible = cells.filter((c) => !c.suppressed);
          // Every shown figure rests on 5 or more municipalities (or on none).
          for (const cell of visible)
            expect(cell.respondents === 0 || cell.respondents >= 5).toBe(true);
          if (hidden.length === 0) continue;
          withheld += hidden.length;
          // Total − shown cells gives only the sum of the hidden ones: at least two unknowns,
          // and their sum itself rests on 5 or more municipalities.
          expect(hidden.length).toBeGreaterThanOrEqual(2);
          expect(hidden.reduce((sum, c) => sum + c.respondents, 0)).toBeGreaterThanOrEqual(5);
          for (const cell of hidden) {
            expect([cell.goed, cell.percentGoed, cell.meanMark]).toEqual([null, null, null]);
          }
        }
      }
      // The small provinces (2 and 3 municipalities) make sure there is something to withhold.
      expect(withheld).toBeGreaterThan(0);
      expect(shown.suppressedCount).toBeGreaterThanOrEqual(withheld);
    },
  );

  it('keeps every figure of cells it does not withhold exactly as the analysis has it', () => {
    const analysis = buildRandomAnalysis(7);
    const shown = protectAnalysis(analysis);
    shown.byProvince.forEach((group, g) =>
      group.basisfuncties.forEach((share, b) => {
        const original = analysis.byProvince[g]!.basisfuncties[b]!;
        expect(share.respondents).toBe(original.respondents);
        if (!share.suppressed) expect(share.percentGoed).toBe(original.percentGoed);
      }),
    );
    expect(shown.basisfuncties.map((r) => r.percentGoed)).toEqual(
      analysis.basisfuncties.map((r) => r.percentGoed),
    );
    expect(shown.items.map((i) => i.counts)).toEqual(analysis.items.map((i) => i.counts));
  });

  it('withholds everything of a round with fewer than five respondents', () => {
    const register = ['0001', '0002', '0003'].map((code) => municipality(code, 'PV24', 9_000));
    const responses: ResponseVector[] = register.map((m) => {
      const q = instrument.questionnaires[0]!;
      return {
        municipalityCode: m.code,
        questionnaire: q.id,
        scaleVector: listAllScaleItems(q)
          .map(() => '3')
          .join(''),
        choiceVector: encodeChoiceVector(q, new Map()),
        answerCount: 30,
      };
    });
    const analysis = computeRoundAnalysis({
      round: 'r',
      instrument,
      municipalities: register,
      responses,
    });
    const shown = protectAnalysis(analysis);
    const answered = shown.basisfuncties.filter((r) => r.respondents > 0);
    expect(answered.length).toBeGreaterThan(0);
    for (const result of answered) {
      expect(result).toMatchObject({
        suppressed: true,
        goed: null,
        percentGoed: null,
        bands: null,
      });
    }
    expect(shown.items.filter((i) => i.answered > 0).every((i) => i.counts === null)).toBe(true);
    expect(shown.countGoed[instrument.questionnaires[0]!.id]).toBeNull();
    expect(shown.respondents[instrument.questionnaires[0]!.id]).toBe(3);
  });
});

describe('exposeAnalysis', () => {
  it('withholds nothing and keeps every number', () => {
    const analysis = buildRandomAnalysis(3);
    const shown = exposeAnalysis(analysis);
    expect(shown.suppressedCount).toBe(0);
    expect(shown.byProvince[0]!.basisfuncties[0]).toEqual({
      ...analysis.byProvince[0]!.basisfuncties[0],
      suppressed: false,
    });
    expect(shown.crossTable).toEqual(analysis.crossTable);
  });
});
