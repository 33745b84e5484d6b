import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bruteForceLift } from '../../tests/support/lift-brute-force.ts';
import { loadInstrument } from '../instruments/index.ts';
import { getQuestionnaire, type ScoringRule } from './instrument.ts';
import {
  describeLift,
  findBasisfunctieLift,
  findLift,
  type LiftItem,
  type LiftResult,
} from './lift.ts';
import { createRational } from './rational.ts';
import { createScorer, DEFAULT_SCORING_RULE, sumPoints, type ItemPoints } from './scoring.ts';

const instrument = loadInstrument('2009');
const scale = instrument.scale;

/** Items numbered from `first` upwards (or by the given numbers), with their points. */
const itemsOf = (points: readonly ItemPoints[], numbers?: readonly number[]): LiftItem[] =>
  points.map((value, index) => ({ question: numbers?.[index] ?? index + 1, points: value }));

/** The mark after applying a lift's changes, with the one scorer. */
function applyChanges(items: readonly LiftItem[], result: LiftResult, rule = DEFAULT_SCORING_RULE) {
  const changed = new Map(
    result.status === 'reachable' ? result.changes.map((c) => [c.question, c.to]) : [],
  );
  return createScorer(rule)(sumPoints(items.map((i) => changed.get(i.question) ?? i.points)));
}

// Hand-computed: mark = 10 × (S − n) / (2n) with n answered; goed from 6, i.e. S ≥ 2.2n.
describe('findLift: hand-computed cases of the 2009 rule', () => {
  it('already goed: 3, 3, 2 is S = 8, n = 3, mark 25/3', () => {
    expect(findLift(itemsOf([3, 3, 2]))).toEqual({ status: 'goed', mark: createRational(25, 3) });
  });

  it('exactly at the bar is goed: 3, 2, 2, 2, 2 is S = 11, n = 5, mark 6', () => {
    expect(findLift(itemsOf([3, 2, 2, 2, 2]))).toEqual({ status: 'goed', mark: createRational(6) });
  });

  it("one change: 'Nee' on vraag 20 of 1, 2, 2 (mark 10/3) to 3 gives S = 7, mark 20/3", () => {
    // A single 2 → 3 gives S = 6, mark 5: not enough, so the 'Nee' must change.
    const items = itemsOf([1, 2, 2], [20, 22, 24]);
    expect(findLift(items)).toEqual({
      status: 'reachable',
      mark: createRational(10, 3),
      changes: [{ question: 20, from: 1, to: 3 }],
      markAfter: createRational(20, 3),
    });
  });

  it('one change from 2: five times 2 is a 5; one 2 → 3 gives S = 11, a 6', () => {
    expect(findLift(itemsOf([2, 2, 2, 2, 2]))).toMatchObject({
      status: 'reachable',
      mark: createRational(5),
      changes: [{ question: 1, from: 2, to: 3 }],
      markAfter: createRational(6),
    });
  });

  it('two changes, both from 2: vraag 20 and 22 of versterken (vraag 19 unanswered)', () => {
    // n = 7, S = 14, mark 5; goed needs S ≥ 15.4, so +2: two 2 → 3 changes, the lowest numbers.
    const items = itemsOf([null, 2, 2, 2, 2, 2, 2, 2], [19, 20, 22, 24, 26, 28, 29, 30]);
    expect(findLift(items)).toEqual({
      status: 'reachable',
      mark: createRational(5),
      changes: [
        { question: 20, from: 2, to: 3 },
        { question: 22, from: 2, to: 3 },
      ],
      markAfter: createRational(45, 7),
    });
  });

  it('two changes with a 1 and a 2: 1, 2, 2, 2, 2, 2 needs +3', () => {
    // n = 6, S = 11, mark 25/6; goed needs S ≥ 13.2, so 14. One change gives at most +2
    // (the 'Nee'); two give +3 with the 'Nee' and the lowest 2: vraag 19.
    const items = itemsOf([2, 1, 2, 2, 2, 2], [19, 20, 22, 24, 26, 28]);
    expect(findLift(items)).toEqual({
      status: 'reachable',
      mark: createRational(25, 6),
      changes: [
        { question: 20, from: 1, to: 3 },
        { question: 19, from: 2, to: 3 },
      ],
      markAfter: createRational(20, 3),
    });
  });

  it("ties: 'Nee' before 'Ja, verbetering mogelijk', then the lowest question number", () => {
    // S = 10, n = 5, mark 5; +1 is enough, so either a 2 or a 1 would do: the 1 gains most.
    // Vraag 1 and 3 are both 'Nee'; the items arrive in reverse order.
    const items = itemsOf([1, 3, 1, 3, 2].reverse(), [5, 4, 3, 2, 1]);
    expect(findLift(items)).toMatchObject({
      status: 'reachable',
      changes: [{ question: 1, from: 1, to: 3 }],
      markAfter: createRational(7), // S = 12, n = 5
    });
  });

  it.each([
    // [points, answered, needed]: the rule needs 2/3 of the items answered.
    [[3, null, null], 1, 1], // 3 items need 2
    [[3, 3, 3, null, null, null], 3, 1], // 6 items need 4
    [[2, 2, 2, 2, 2, null, null, null, null, null], 5, 2], // 10 items need 7
    [[null, null, null], 0, 2], // nothing answered
    [Array<ItemPoints>(10).fill(null), 0, 7],
  ] as const)('too few answered: %j has %i answered, needs %i more', (points, answered, needed) => {
    expect(findLift(itemsOf(points))).toEqual({ status: 'insufficient', answered, needed });
  });

  it('never suggests answering an unanswered item: only answered items change', () => {
    // 8 items, 6 answered (≥ 2/3): S = 11, mark 25/6; vraag 7 and 8 stay unanswered.
    const items = itemsOf([2, 1, 2, 2, 2, 2, null, null]);
    const result = findLift(items);
    expect(result.status).toBe('reachable');
    if (result.status !== 'reachable') return;
    expect(result.changes.map((c) => c.question)).toEqual([2, 1]);
  });
});

describe('findLift: rules where goed cannot be reached', () => {
  // A valid rule (instrument-schema.ts) whose goed band is a window below a higher band.
  const windowRule: ScoringRule = {
    bands: [
      { id: 'laag', label: 'laag', from: 0 },
      { id: 'goed', label: 'goed', from: 6 },
      { id: 'hoger', label: 'hoger', from: 6.5 },
    ],
    goedBand: 'goed',
    minAnswered: [2, 3],
  };

  it('2, 2, 2: every change overshoots the window [6, 6.5): 20/3, 25/3, 10', () => {
    const items = itemsOf([2, 2, 2]);
    expect(findLift(items, windowRule)).toEqual({ status: 'unreachable', mark: createRational(5) });
    expect(bruteForceLift(items, windowRule).minChanges).toBeNull();
  });

  it('3, 3, 3: a 10 is above the goed band, and no change lowers a mark', () => {
    expect(findLift(itemsOf([3, 3, 3]), windowRule)).toEqual({
      status: 'unreachable',
      mark: createRational(10),
    });
  });

  it('with a higher bar from the rule: goed from 7.5 needs S ≥ 2.5n', () => {
    const rule: ScoringRule = {
      bands: [
        { id: 'laag', label: 'laag', from: 0 },
        { id: 'hoog', label: 'hoog', from: 7.5 },
      ],
      goedBand: 'hoog',
      minAnswered: [1, 2],
    };
    // 4 items, 2 answered (half is enough under this rule): 2, 2 is S = 4, mark 5; S = 5 is 7.5.
    expect(findLift(itemsOf([2, null, 2, null]), rule)).toMatchObject({
      status: 'reachable',
      changes: [{ question: 1, from: 2, to: 3 }],
      markAfter: createRational(15, 2),
    });
    expect(findLift(itemsOf([2, null, null, null]), rule)).toEqual({
      status: 'insufficient',
      answered: 1,
      needed: 1,
    });
  });
});

describe('findLift: wrong input', () => {
  it('rejects no items, a question twice and points outside 1–3', () => {
    expect(() => findLift([])).toThrow(RangeError);
    expect(() =>
      findLift([
        { question: 4, points: 2 },
        { question: 4, points: 3 },
      ]),
    ).toThrow(/twice/);
    expect(() => findLift([{ question: 1, points: 4 }])).toThrow(RangeError);
  });

  it('rejects a rule that never gives a mark', () => {
    const never: ScoringRule = { ...DEFAULT_SCORING_RULE, minAnswered: [3, 2] };
    expect(() => findLift(itemsOf([2, 2]), never)).toThrow(/no mark/);
  });
});

describe('findBasisfunctieLift', () => {
  const vrijwilligerswerk = getQuestionnaire(instrument, 'vrijwilligerswerk');

  it("takes the basisfunctie's 3-point items from the questionnaire, unanswered when missing", () => {
    // versterken: vraag 19, 20, 22, 24, 26, 28, 29, 30. Vraag 19 missing, the rest 2.
    const points = new Map<number, ItemPoints>(
      [20, 22, 24, 26, 28, 29, 30].map((question) => [question, 2]),
    );
    points.set(21, 1); // not a 3-point item of versterken: ignored
    const result = findBasisfunctieLift(
      vrijwilligerswerk,
      'versterken',
      points,
      instrument.scoring,
    );
    expect(result).toMatchObject({
      status: 'reachable',
      changes: [
        { question: 20, from: 2 },
        { question: 22, from: 2 },
      ],
    });
  });

  it('rejects a basisfunctie the questionnaire does not have', () => {
    expect(() => findBasisfunctieLift(vrijwilligerswerk, 'respijtzorg', new Map())).toThrow(
      /no 3-point items/,
    );
  });
});

describe('describeLift', () => {
  const mark = createRational(5);
  it.each<[string, LiftResult, string]>([
    ['goed', { status: 'goed', mark }, 'Deze basisfunctie is al goed voor elkaar.'],
    [
      'one change',
      {
        status: 'reachable',
        mark,
        changes: [{ question: 20, from: 1, to: 3 }],
        markAfter: createRational(7),
      },
      'Als vraag 20 van ‘Nee’ naar ‘Ja, goed voor elkaar’ gaat, is deze basisfunctie goed voor elkaar.',
    ],
    [
      'two changes from the same answer',
      {
        status: 'reachable',
        mark,
        changes: [
          { question: 20, from: 2, to: 3 },
          { question: 22, from: 2, to: 3 },
        ],
        markAfter: createRational(45, 7),
      },
      'Als 2 vragen van ‘Ja, verbetering mogelijk’ naar ‘Ja, goed voor elkaar’ gaan, is deze basisfunctie goed voor elkaar: vraag 20 en vraag 22.',
    ],
    [
      'three changes from the same answer',
      {
        status: 'reachable',
        mark,
        changes: [
          { question: 1, from: 1, to: 3 },
          { question: 4, from: 1, to: 3 },
          { question: 9, from: 1, to: 3 },
        ],
        markAfter: createRational(7),
      },
      'Als 3 vragen van ‘Nee’ naar ‘Ja, goed voor elkaar’ gaan, is deze basisfunctie goed voor elkaar: vraag 1, vraag 4 en vraag 9.',
    ],
    [
      'changes from both answers',
      {
        status: 'reachable',
        mark,
        changes: [
          { question: 20, from: 1, to: 3 },
          { question: 22, from: 2, to: 3 },
        ],
        markAfter: createRational(7),
      },
      'Als vraag 20 van ‘Nee’ en vraag 22 van ‘Ja, verbetering mogelijk’ naar ‘Ja, goed voor elkaar’ gaan, is deze basisfunctie goed voor elkaar.',
    ],
    [
      'several changes from both answers',
      {
        status: 'reachable',
        mark,
        changes: [
          { question: 3, from: 1, to: 3 },
          { question: 5, from: 1, to: 3 },
          { question: 2, from: 2, to: 3 },
        ],
        markAfter: createRational(7),
      },
      'Als vraag 3 en vraag 5 van ‘Nee’ en vraag 2 van ‘Ja, verbetering mogelijk’ naar ‘Ja, goed voor elkaar’ gaan, is deze basisfunctie goed voor elkaar.',
    ],
    [
      'one answer missing',
      { status: 'insufficient', answered: 1, needed: 1 },
      'Er zijn te weinig vragen beantwoord voor een cijfer: beantwoord nog minstens 1 vraag.',
    ],
    [
      'several answers missing',
      { status: 'insufficient', answered: 0, needed: 7 },
      'Er zijn te weinig vragen beantwoord voor een cijfer: beantwoord nog minstens 7 vragen.',
    ],
    [
      'unreachable',
      { status: 'unreachable', mark },
      'Geen combinatie van beantwoorde vragen naar ‘Ja, goed voor elkaar’ maakt deze basisfunctie goed voor elkaar.',
    ],
  ])('%s', (_, result, sentence) => {
    expect(describeLift(result, scale)).toBe(sentence);
  });

  it('rejects a scale without the answer a change names', () => {
    const result: LiftResult = {
      status: 'reachable',
      mark,
      changes: [{ question: 1, from: 1, to: 3 }],
      markAfter: createRational(10),
    };
    expect(() => describeLift(result, scale.slice(1))).toThrow(RangeError);
  });
});

/** A valid rule whose goed band is the highest, as in every instrument so far. */
const ruleArbitrary: fc.Arbitrary<ScoringRule> = fc
  .record({
    goedFrom: fc.integer({ min: 1, max: 100 }),
    middle: fc.option(fc.integer({ min: 1, max: 99 })),
    den: fc.integer({ min: 1, max: 4 }),
    num: fc.integer({ min: 0, max: 4 }),
  })
  .map(({ goedFrom, middle, den, num }) => {
    const bands = [{ id: 'laag', label: 'laag', from: 0 }];
    if (middle !== null && middle < goedFrom) {
      bands.push({ id: 'midden', label: 'midden', from: middle / 10 });
    }
    bands.push({ id: 'goed', label: 'goed', from: goedFrom / 10 });
    return { bands, goedBand: 'goed', minAnswered: [Math.min(num, den), den] as const };
  });

/**
 * Any rule the instrument schema accepts: 1 to 4 bands in ascending order from 0, and the
 * goed band any of them, so there may be bands above it (where a change can overshoot).
 */
const anyRuleArbitrary: fc.Arbitrary<ScoringRule> = fc
  .record({
    bounds: fc.uniqueArray(fc.integer({ min: 1, max: 100 }), { maxLength: 3 }),
    goed: fc.nat(),
    den: fc.integer({ min: 1, max: 4 }),
    num: fc.integer({ min: 0, max: 4 }),
  })
  .map(({ bounds, goed, den, num }) => {
    const bands = [0, ...bounds.sort((a, b) => a - b)].map((from, index) => ({
      id: `band-${index}`,
      label: `band ${index}`,
      from: from / 10,
    }));
    const goedBand = bands[goed % bands.length]!.id;
    return { bands, goedBand, minAnswered: [Math.min(num, den), den] as const };
  });

const itemsArbitrary = fc
  .array(fc.constantFrom<ItemPoints>(null, 1, 2, 3), { minLength: 1, maxLength: 10 })
  .chain((points) =>
    fc
      .shuffledSubarray(
        Array.from({ length: 60 }, (_, i) => i + 1),
        { minLength: points.length, maxLength: points.length },
      )
      .map((numbers) => itemsOf(points, numbers)),
  );

describe('findLift against a brute force over all item changes', () => {
  it('is minimal, goed after the changes, and takes the largest gain among the smallest sets', () => {
    fc.assert(
      fc.property(
        itemsArbitrary,
        fc.oneof(fc.constant(DEFAULT_SCORING_RULE), ruleArbitrary),
        (items, rule) => {
          const result = findLift(items, rule);
          const scorer = createScorer(rule);
          const current = scorer(sumPoints(items.map((i) => i.points)));
          const brute = bruteForceLift(items, rule);
          switch (result.status) {
            case 'insufficient': {
              expect(current.status).toBe('insufficient');
              // One answer fewer than `needed` still gives no mark; `needed` does.
              const totals = sumPoints(items.map((i) => i.points));
              const withMore = (k: number) =>
                scorer({ sum: totals.sum + k, answered: totals.answered + k, total: totals.total });
              expect(withMore(result.needed).status).toBe('scored');
              if (result.needed > 1)
                expect(withMore(result.needed - 1).status).toBe('insufficient');
              expect(brute.minChanges).toBeNull();
              break;
            }
            case 'goed':
              expect(brute.minChanges).toBe(0);
              expect(current.mark).toEqual(result.mark);
              break;
            case 'unreachable':
              expect(brute.minChanges).toBeNull();
              break;
            case 'reachable': {
              expect(result.changes.length).toBe(brute.minChanges);
              const after = applyChanges(items, result, rule);
              expect(after.goed).toBe(true);
              expect(after.mark).toEqual(result.markAfter);
              expect(after.totals.sum).toBe(brute.maxSumAtMin);
              const byQuestion = new Map(items.map((i) => [i.question, i.points]));
              for (const change of result.changes)
                expect(byQuestion.get(change.question)).toBe(change.from);
              const order = result.changes.map((c) => [c.from, c.question]);
              expect(order).toEqual([...order].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!));
              break;
            }
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('under any valid rule, is the fewest changes to 3, and unreachable exactly when none works', () => {
    fc.assert(
      fc.property(itemsArbitrary, anyRuleArbitrary, (items, rule) => {
        const result = findLift(items, rule);
        const brute = bruteForceLift(items, rule, { onlyToTop: true });
        if (result.status === 'insufficient') {
          expect(brute.minChanges).toBeNull();
        } else if (result.status === 'goed') {
          expect(brute.minChanges).toBe(0);
        } else if (result.status === 'unreachable') {
          expect(brute.minChanges).toBeNull();
        } else {
          expect(result.changes.length).toBe(brute.minChanges);
          const after = applyChanges(items, result, rule);
          expect(after.goed).toBe(true);
          expect(after.totals.sum).toBe(brute.maxSumAtMin);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
