/**
 * The brute force that checks findLift (src/domain/lift.ts): every way of changing the
 * answered items of one basisfunctie upwards (1 → 2, 1 → 3, 2 → 3, or no change, for every
 * item independently), scored with the one scorer. It knows nothing of findLift's search.
 */
import type { ScoringRule } from '../../src/domain/instrument.ts';
import type { LiftItem } from '../../src/domain/lift.ts';
import { createScorer, DEFAULT_SCORING_RULE } from '../../src/domain/scoring.ts';

export interface BruteForceLift {
  /** The fewest items changed that give a goed mark; null when no change does. */
  readonly minChanges: number | null;
  /** Among the changes of that size: the largest sum of points reached. */
  readonly maxSumAtMin: number | null;
}

/**
 * Enumerates all upward changes of the answered items (at most 3^n combinations) and
 * returns the smallest number of changed items that makes the basisfunctie goed. With
 * `onlyToTop`, a changed item always goes to 3 (at most 2^n combinations): the changes
 * findLift suggests, for rules where a change to 2 could matter.
 */
export function bruteForceLift(
  items: readonly LiftItem[],
  rule: ScoringRule = DEFAULT_SCORING_RULE,
  options: { readonly onlyToTop?: boolean } = {},
): BruteForceLift {
  const scorer = createScorer(rule);
  const answered = items.flatMap((item) => (item.points === null ? [] : [item.points]));
  const total = items.length;
  // Whether a sum is goed depends only on the sum here (answered and total are fixed).
  const goedBySum = new Map<number, boolean>();
  const isGoed = (sum: number) => {
    let goed = goedBySum.get(sum);
    if (goed === undefined) {
      goed = scorer({ sum, answered: answered.length, total }).goed;
      goedBySum.set(sum, goed);
    }
    return goed;
  };
  let minChanges: number | null = null;
  let maxSumAtMin: number | null = null;
  const visit = (index: number, sum: number, changed: number): void => {
    if (index === answered.length) {
      if (!isGoed(sum)) return;
      if (minChanges === null || changed < minChanges) {
        minChanges = changed;
        maxSumAtMin = sum;
      } else if (changed === minChanges && sum > (maxSumAtMin ?? -1)) {
        maxSumAtMin = sum;
      }
      return;
    }
    const value = answered[index] as number;
    for (let to = value; to <= 3; to += 1) {
      if (options.onlyToTop && to !== value && to !== 3) continue;
      visit(index + 1, sum + to, changed + (to === value ? 0 : 1));
    }
  };
  if (
    answered.length > 0 &&
    scorer({ sum: answered.length, answered: answered.length, total }).status === 'scored'
  ) {
    visit(0, 0, 0);
  }
  return { minChanges, maxSumAtMin };
}
