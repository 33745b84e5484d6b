/**
 * What lifts a basisfunctie over the bar: the fewest answered items that, changed to
 * 'Ja, goed voor elkaar', bring its mark into the 'goed voor elkaar' band, and the Dutch
 * sentence the report shows for it. Every mark is computed by the one scorer of scoring.ts,
 * so the bar, the bands and the minimum share of answered items stay defined in one place.
 */
import {
  listScaleItems,
  type Questionnaire,
  type ScalePoint,
  type ScoringRule,
} from './instrument.ts';
import type { Rational } from './rational.ts';
import { createScorer, DEFAULT_SCORING_RULE, sumPoints, type ItemPoints } from './scoring.ts';

/** The points of the answer every change goes to: 'Ja, goed voor elkaar'. */
const TOP_POINTS = 3;

/** One 3-point item of a basisfunctie and its answer (null = not answered). */
export interface LiftItem {
  readonly question: number;
  readonly points: ItemPoints;
}

/** One answered item that changes to 'Ja, goed voor elkaar'. */
export interface LiftChange {
  readonly question: number;
  /** Its answer now: 1 'Nee' or 2 'Ja, verbetering mogelijk'. */
  readonly from: 1 | 2;
  readonly to: 3;
}

export type LiftResult =
  /** Already in the 'goed voor elkaar' band: nothing to change. */
  | { readonly status: 'goed'; readonly mark: Rational }
  /**
   * Too few items answered for a mark; `needed` more answers (of any value) would give one.
   * Unanswered items are not 'changes', so there is no suggestion until then.
   */
  | { readonly status: 'insufficient'; readonly answered: number; readonly needed: number }
  /** `changes` is a smallest set of changes that gives a goed mark, `markAfter`. */
  | {
      readonly status: 'reachable';
      readonly mark: Rational;
      readonly changes: readonly LiftChange[];
      readonly markAfter: Rational;
    }
  /** No set of answered items changed to 'Ja, goed voor elkaar' gives a goed mark. */
  | { readonly status: 'unreachable'; readonly mark: Rational };

/**
 * Finds the smallest set of answered items whose change to 'Ja, goed voor elkaar' (3 points)
 * brings the basisfunctie's mark into the goed band of the rule.
 *
 * With n answered items and sum S, the mark is 10 × (S − n) / (2n) (scoring.ts). Changing an
 * item from 1 to 3 adds 2 to S, from 2 to 3 adds 1; n stays the same. So k changes of which i
 * are 'Nee' give S + k + i, and the search tries k = 1, 2, … and, for each k, every possible
 * number i of 'Nee' items, scoring each candidate sum with the rule's scorer. The first k
 * that reaches goed is the minimum.
 *
 * Tie-break, among the sets of that smallest size: the most 'Nee' items (the largest gain,
 * so the highest mark after), and within 'Nee' and within 'Ja, verbetering mogelijk' the
 * lowest question numbers. `changes` lists the 'Nee' items first, each group in question order.
 *
 * Changing an item to 3 rather than to 2 is never worse while the goed band is the highest
 * band, as in every instrument so far: the mark only rises with S. Under a rule with a band
 * above goed, a change can overshoot; the result is then 'unreachable' when every candidate
 * overshoots or the mark is already above the goed band.
 *
 * Unanswered items are left alone: answering them is not a 'change'. With too few items
 * answered for a mark, the result says how many more answers the rule needs.
 *
 * @throws {RangeError} when there are no items, a question number occurs twice, points are
 *   not 1, 2, 3 or null, or the rule gives no mark even with every item answered
 * @example
 * // vraag 20 'Nee', vraag 22 and 24 'Ja, verbetering mogelijk': S = 5, n = 3, mark 3.33.
 * // One change, vraag 20 to 3: S = 7, mark 6.67, goed.
 * findLift([{ question: 20, points: 1 }, { question: 22, points: 2 }, { question: 24, points: 2 }])
 * // { status: 'reachable', changes: [{ question: 20, from: 1, to: 3 }], markAfter: 20/3, … }
 */
export function findLift(
  items: readonly LiftItem[],
  rule: ScoringRule = DEFAULT_SCORING_RULE,
): LiftResult {
  const questions = new Set<number>();
  for (const item of items) {
    if (questions.has(item.question)) {
      throw new RangeError(`Question ${item.question} occurs twice in one basisfunctie`);
    }
    questions.add(item.question);
  }
  const scorer = createScorer(rule);
  const totals = sumPoints(items.map((item) => item.points));
  const current = scorer(totals);

  if (current.status === 'insufficient') {
    // Answering k more items adds k answers of at least 1 point; whether there is a mark
    // depends only on the count, so 1 point each is enough to ask the scorer.
    for (let k = 1; totals.answered + k <= totals.total; k += 1) {
      const more = { ...totals, sum: totals.sum + k, answered: totals.answered + k };
      if (scorer(more).status === 'scored') {
        return { status: 'insufficient', answered: totals.answered, needed: k };
      }
    }
    throw new RangeError(`The scoring rule gives no mark for ${totals.total} items`);
  }
  if (current.goed) return { status: 'goed', mark: current.mark };

  const byQuestion = (a: LiftItem, b: LiftItem) => a.question - b.question;
  const nee = items.filter((item) => item.points === 1).sort(byQuestion);
  const verbetering = items.filter((item) => item.points === 2).sort(byQuestion);
  for (let k = 1; k <= nee.length + verbetering.length; k += 1) {
    // i = the number of 'Nee' items among the k; the most first (the tie-break).
    for (let i = Math.min(k, nee.length); i >= Math.max(0, k - verbetering.length); i -= 1) {
      const after = scorer({ ...totals, sum: totals.sum + k + i });
      if (after.status !== 'scored' || !after.goed) continue;
      const changes: LiftChange[] = [
        ...nee.slice(0, i).map((item) => ({ question: item.question, from: 1 as const })),
        ...verbetering
          .slice(0, k - i)
          .map((item) => ({ question: item.question, from: 2 as const })),
      ].map((change) => ({ ...change, to: TOP_POINTS }));
      return { status: 'reachable', mark: current.mark, changes, markAfter: after.mark };
    }
  }
  return { status: 'unreachable', mark: current.mark };
}

/**
 * `findLift` for one basisfunctie of a questionnaire, given a municipality's 3-point answers
 * keyed by question number (as `scoreScaleVector` returns them; a missing key is unanswered).
 *
 * @throws {RangeError} as findLift, and when the questionnaire has no 3-point items for it
 * @example findBasisfunctieLift(vrijwilligerswerk, 'versterken', points, instrument.scoring)
 */
export function findBasisfunctieLift(
  questionnaire: Questionnaire,
  basisfunctieId: string,
  points: ReadonlyMap<number, ItemPoints>,
  rule: ScoringRule = DEFAULT_SCORING_RULE,
): LiftResult {
  const items = listScaleItems(questionnaire, basisfunctieId).map((item) => ({
    question: item.number,
    points: points.get(item.number) ?? null,
  }));
  if (items.length === 0) {
    throw new RangeError(`'${questionnaire.id}' has no 3-point items for '${basisfunctieId}'`);
  }
  return findLift(items, rule);
}

function quoteAnswer(scale: readonly ScalePoint[], points: number): string {
  const found = scale.find((point) => point.points === points);
  if (!found) throw new RangeError(`The scale has no answer worth ${points} points`);
  return `‘${found.label}’`;
}

/** 'vraag 20', 'vraag 20 en vraag 22', 'vraag 20, vraag 22 en vraag 24'. */
function listQuestions(questions: readonly number[]): string {
  const names = questions.map((question) => `vraag ${question}`);
  const last = names.pop() ?? '';
  return names.length === 0 ? last : `${names.join(', ')} en ${last}`;
}

/**
 * The Dutch sentence for a lift result, with the answer names of the instrument's scale.
 *
 * - goed: "Deze basisfunctie is al goed voor elkaar."
 * - one change: "Als vraag 20 van ‘Nee’ naar ‘Ja, goed voor elkaar’ gaat, is deze
 *   basisfunctie goed voor elkaar."
 * - several from one answer: "Als 2 vragen van ‘Ja, verbetering mogelijk’ naar ‘Ja, goed voor
 *   elkaar’ gaan, is deze basisfunctie goed voor elkaar: vraag 20 en vraag 22."
 * - from both answers: "Als vraag 20 van ‘Nee’ en vraag 22 van ‘Ja, verbetering mogelijk’
 *   naar ‘Ja, goed voor elkaar’ gaan, is deze basisfunctie goed voor elkaar."
 * - insufficient: "Er zijn te weinig vragen beantwoord voor een cijfer: beantwoord nog
 *   minstens 2 vragen."
 * - unreachable: "Geen combinatie van beantwoorde vragen naar ‘Ja, goed voor elkaar’ maakt
 *   deze basisfunctie goed voor elkaar."
 *
 * @throws {RangeError} when the scale has no answer for a point value the result uses
 * @example describeLift({ status: 'goed', mark: createRational(7) }, instrument.scale)
 * // 'Deze basisfunctie is al goed voor elkaar.'
 */
export function describeLift(result: LiftResult, scale: readonly ScalePoint[]): string {
  switch (result.status) {
    case 'goed':
      return 'Deze basisfunctie is al goed voor elkaar.';
    case 'insufficient':
      return `Er zijn te weinig vragen beantwoord voor een cijfer: beantwoord nog minstens ${result.needed} ${result.needed === 1 ? 'vraag' : 'vragen'}.`;
    case 'unreachable':
      return `Geen combinatie van beantwoorde vragen naar ${quoteAnswer(scale, TOP_POINTS)} maakt deze basisfunctie goed voor elkaar.`;
    case 'reachable': {
      const to = quoteAnswer(scale, TOP_POINTS);
      const outcome = 'is deze basisfunctie goed voor elkaar';
      const [only, ...more] = result.changes;
      if (!only) throw new RangeError('A reachable lift has at least one change');
      if (more.length === 0) {
        return `Als vraag ${only.question} van ${quoteAnswer(scale, only.from)} naar ${to} gaat, ${outcome}.`;
      }
      const groups = ([1, 2] as const)
        .map((from) => ({
          from,
          questions: result.changes.filter((c) => c.from === from).map((c) => c.question),
        }))
        .filter((group) => group.questions.length > 0);
      const [single] = groups;
      if (groups.length === 1 && single) {
        return `Als ${single.questions.length} vragen van ${quoteAnswer(scale, single.from)} naar ${to} gaan, ${outcome}: ${listQuestions(single.questions)}.`;
      }
      const origins = groups
        .map((group) => `${listQuestions(group.questions)} van ${quoteAnswer(scale, group.from)}`)
        .join(' en ');
      return `Als ${origins} naar ${to} gaan, ${outcome}.`;
    }
  }
}
