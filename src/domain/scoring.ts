/**
 * The report's scoring rule (footnote 2 of 'Goed voor elkaar met de basisfuncties'):
 * the sum of the item points minus the number of items, halved, rescaled to ten items.
 */
import type { Band, ScalePoint, ScoringRule } from './instrument.ts';
import { compareRational, createRational, parseDecimal, type Rational } from './rational.ts';

/** Points of one 3-point answer, or null when the item was not answered. */
export type ItemPoints = number | null;

export interface PointTotals {
  /** Sum of the points of the answered items. */
  readonly sum: number;
  /** Number of answered items. */
  readonly answered: number;
  /** Number of items the basisfunctie has. */
  readonly total: number;
}

export type MarkResult =
  | {
      readonly status: 'scored';
      readonly totals: PointTotals;
      /** The exact mark on the 0–10 scale. */
      readonly mark: Rational;
      readonly band: Band;
      /** Whether the mark reaches the 'goed voor elkaar' band. */
      readonly goed: boolean;
    }
  | {
      /** Fewer items answered than the rule's minimum share: no mark ('onvoldoende beantwoord'). */
      readonly status: 'insufficient';
      readonly totals: PointTotals;
      readonly mark: null;
      readonly band: null;
      readonly goed: false;
    };

/** The rule of the 2009 instrument, also the default for later versions. */
export const DEFAULT_SCORING_RULE: ScoringRule = {
  bands: [
    { id: 'aandacht-nodig', label: 'aandacht nodig', from: 0 },
    { id: 'op-de-goede-weg', label: 'op de goede weg', from: 5 },
    { id: 'goed-voor-elkaar', label: 'goed voor elkaar', from: 6 },
  ],
  goedBand: 'goed-voor-elkaar',
  minAnswered: [2, 3],
};

/**
 * Adds up the points of a basisfunctie's items, leaving unanswered items out.
 *
 * @throws {RangeError} when a value is not an integer from 1 to 3
 * @example sumPoints([1, 2, null, 3]) // { sum: 6, answered: 3, total: 4 }
 */
export function sumPoints(points: readonly ItemPoints[]): PointTotals {
  let sum = 0;
  let answered = 0;
  for (const value of points) {
    if (value === null) continue;
    if (!Number.isInteger(value) || value < 1 || value > 3) {
      throw new RangeError(`Item points must be 1, 2 or 3, got ${value}`);
    }
    sum += value;
    answered += 1;
  }
  return { sum, answered, total: points.length };
}

/**
 * The band a mark falls in: the band with the highest lower bound the mark reaches.
 *
 * @throws {RangeError} when the mark is below the first band
 */
export function findBand(mark: Rational, bands: readonly Band[]): Band {
  return findParsedBand(
    mark,
    bands.map((band) => ({ band, from: parseDecimal(band.from) })),
  );
}

interface ParsedBand {
  readonly band: Band;
  readonly from: Rational;
}

function findParsedBand(mark: Rational, bands: readonly ParsedBand[]): Band {
  let found: Band | undefined;
  for (const { band, from } of bands) {
    if (compareRational(mark, from) >= 0) found = band;
  }
  if (!found) throw new RangeError(`Mark ${mark.num}/${mark.den} is below every band`);
  return found;
}

/** A scoring function bound to one rule, with its band bounds parsed once. */
export type Scorer = (totals: PointTotals) => MarkResult;

const scorers = new WeakMap<ScoringRule, Scorer>();

/**
 * Binds the scoring rule once; analyses score many respondents with the same rule.
 *
 * @example createScorer(DEFAULT_SCORING_RULE)({ sum: 7, answered: 3, total: 3 }).goed // true
 */
export function createScorer(rule: ScoringRule = DEFAULT_SCORING_RULE): Scorer {
  const cached = scorers.get(rule);
  if (cached) return cached;
  const bands = rule.bands.map((band) => ({ band, from: parseDecimal(band.from) }));
  const [minNum, minDen] = rule.minAnswered;
  const scorer: Scorer = (totals) => {
    const { sum, answered, total } = totals;
    if (!Number.isInteger(total) || total < 1) {
      throw new RangeError(`A basisfunctie needs at least one item, got ${total}`);
    }
    if (!Number.isInteger(answered) || answered < 0 || answered > total) {
      throw new RangeError(`Answered count ${answered} is outside 0..${total}`);
    }
    if (!Number.isInteger(sum) || sum < answered || sum > 3 * answered) {
      throw new RangeError(`Sum ${sum} is impossible for ${answered} answered items`);
    }
    if (answered === 0 || answered * minDen < total * minNum) {
      return { status: 'insufficient', totals, mark: null, band: null, goed: false };
    }
    const mark = createRational(10 * (sum - answered), 2 * answered);
    const band = findParsedBand(mark, bands);
    return { status: 'scored', totals, mark, band, goed: band.id === rule.goedBand };
  };
  scorers.set(rule, scorer);
  return scorer;
}

/**
 * Computes the mark of a basisfunctie from its point totals.
 *
 * mark = 10 × (sum − n) / (2n), where n is the number of answered items, so unanswered items are
 * left out and the mark is rescaled over the answered ones. With fewer than `minAnswered` of the
 * items answered there is no mark.
 *
 * @throws {RangeError} when the totals are inconsistent (no items, sum outside n..3n)
 * @example
 * // Gemeente Y (footnote 2): 2 × 1 + 4 × 2 + 4 × 3 = 22 on 10 items → (22 − 10) / 2 = 6, goed
 * computeMark({ sum: 22, answered: 10, total: 10 }).goed // true
 */
export function computeMark(
  totals: PointTotals,
  rule: ScoringRule = DEFAULT_SCORING_RULE,
): MarkResult {
  return createScorer(rule)(totals);
}

/**
 * Computes the mark of a basisfunctie from its item points (null = not answered).
 *
 * @example computeMarkFromPoints([2, 2, 2, 2, 2, 2, 2, 2, 2, 2]).mark // { num: 5, den: 1 }
 */
export function computeMarkFromPoints(
  points: readonly ItemPoints[],
  rule: ScoringRule = DEFAULT_SCORING_RULE,
): MarkResult {
  return computeMark(sumPoints(points), rule);
}

/**
 * The meaning of a single 3-point answer: 1/2/3 are aandacht nodig / op de goede weg /
 * goed voor elkaar in the 2009 scale.
 *
 * @throws {RangeError} when the scale has no such points
 */
export function findItemBand(points: number, scale: readonly ScalePoint[]): string {
  const found = scale.find((point) => point.points === points);
  if (!found) throw new RangeError(`The scale has no answer worth ${points} points`);
  return found.band;
}
