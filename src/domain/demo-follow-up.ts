/**
 * The synthetic follow-up round of the demo (decision 023): the 2009 demo answers carried
 * over to the municipalities of a later register, with a known, seeded list of changes, so
 * that the trends and transition tables it produces can be checked against the plan.
 *
 * Pure: the caller reads the earlier answers, the lineage and the populations from the
 * database and stores the result.
 *
 * The rules, in order:
 * 1. **Source.** Each later municipality starts, per questionnaire, from the complete answers
 *    of ONE predecessor: the one that answered that questionnaire with the largest
 *    population × territory share (ties: the lowest code; an unknown population counts as 0).
 *    A whole questionnaire is copied rather than item by item, so the answers stay one
 *    coherent municipality's answers. A municipality whose predecessors all left the
 *    questionnaire empty has no answers for it.
 * 2. **Absent.** Municipalities in `plan.absent` did not take part: no answers at all.
 * 3. **Changes.** Each planned change moves every answered 3-point item of one basisfunctie
 *    one point up ('improve', at most 3) or down ('decline', at least 1). Because the mark
 *    is 5 × (sum − answered) / answered, that moves the mark by exactly 5, unless items were
 *    already at the end of the scale. Unanswered items stay unanswered, and choice and open
 *    answers are copied unchanged.
 * 4. **Versions.** Answers go to the same question number when the later round uses a base
 *    version; with a derived version (issue 11, decision 020) each goes to the item that maps
 *    to it (`Item.previous`), a new item stays unanswered, and options the later item no
 *    longer has are dropped.
 */
import { listScaleItems, type Instrument, type Item, type Questionnaire } from './instrument.ts';
import type { Predecessor } from './lineage.ts';
import { createRandom } from './random.ts';

/** The seed of the change plan; the 2009 round uses seed 2009. */
export const DEMO_FOLLOW_UP_SEED = 2026;

/**
 * Municipalities whose fate in the follow-up is fixed rather than drawn, so that tests and
 * the documentation can point at them:
 * - `unchanged`: Utrecht (0344), the same municipality in 2009 and 2025, answers unchanged;
 * - `merged`: Eemsdelta (1979 = Appingedam 0003 + Delfzijl 0010 + Loppersum 0024);
 * - `split`: Westerkwartier (1969 = Grootegast, Leek, Marum, Zuidhorn and part of Winsum
 *   0053, which was split in 2019); Het Hogeland (1966), Winsum's other successor, is kept
 *   unchanged. (Meerlo-Wanssum, the other well-known split, did not take part in the demo
 *   round, so its successors would show nothing of the split.)
 */
export const DEMO_PINNED = {
  unchanged: '0344',
  merged: '1979',
  split: '1969',
  splitOther: '1966',
} as const;

export type DemoChangeDirection = 'improve' | 'decline';

/** One planned change: a basisfunctie of one municipality goes up or down. */
export interface DemoChange {
  readonly municipalityCode: string;
  readonly questionnaire: string;
  readonly basisfunctie: string;
  readonly direction: DemoChangeDirection;
}

export interface DemoFollowUpPlan {
  /** Later municipalities that did not take part in the follow-up, in code order. */
  readonly absent: readonly string[];
  /** The changes, in code order. */
  readonly changes: readonly DemoChange[];
}

/** The fixed changes of the pinned municipalities (see DEMO_PINNED). */
export const DEMO_PINNED_CHANGES: readonly DemoChange[] = [
  {
    municipalityCode: DEMO_PINNED.merged,
    questionnaire: 'mantelzorg',
    basisfunctie: 'respijtzorg',
    direction: 'improve',
  },
  {
    municipalityCode: DEMO_PINNED.merged,
    questionnaire: 'vrijwilligerswerk',
    basisfunctie: 'verankeren',
    direction: 'decline',
  },
  {
    municipalityCode: DEMO_PINNED.split,
    questionnaire: 'mantelzorg',
    basisfunctie: 'informatie',
    direction: 'improve',
  },
];

/** Shares of the drawn fates: absent, one basisfunctie improves, one declines; the rest stays. */
const ABSENT_SHARE = 0.06;
const IMPROVE_SHARE = 0.16;
const DECLINE_SHARE = 0.08;

/**
 * Plans the follow-up: which later municipalities are absent and which basisfuncties change.
 * Every municipality draws three numbers (fate, questionnaire × basisfunctie, spare) whether
 * or not it is pinned, so pinning one does not shift the others' draws.
 *
 * @example planDemoFollowUp(instrument, ['0344', '1979']).changes // the pinned changes of 1979
 */
export function planDemoFollowUp(
  instrument: Instrument,
  laterCodes: readonly string[],
  seed: number = DEMO_FOLLOW_UP_SEED,
): DemoFollowUpPlan {
  const random = createRandom(seed);
  const targets = instrument.questionnaires.flatMap((questionnaire) =>
    questionnaire.basisfuncties.map((basisfunctie) => ({
      questionnaire: questionnaire.id,
      basisfunctie: basisfunctie.id,
    })),
  );
  const pinned = new Set<string>(Object.values(DEMO_PINNED));
  const absent: string[] = [];
  const changes: DemoChange[] = [];
  for (const code of [...laterCodes].sort()) {
    const fate = random();
    const target = targets[Math.floor(random() * targets.length)];
    random(); // spare draw, keeps the sequence stable if a fate ever needs a second choice
    if (pinned.has(code)) {
      // A pinned change the instrument has no basisfunctie for is left out of the plan, so the
      // plan never promises a change the answers cannot show.
      changes.push(
        ...DEMO_PINNED_CHANGES.filter(
          (change) =>
            change.municipalityCode === code &&
            targets.some(
              (t) =>
                t.questionnaire === change.questionnaire && t.basisfunctie === change.basisfunctie,
            ),
        ),
      );
      continue;
    }
    if (fate < ABSENT_SHARE) absent.push(code);
    else if (target && fate < ABSENT_SHARE + IMPROVE_SHARE)
      changes.push({ municipalityCode: code, ...target, direction: 'improve' });
    else if (target && fate < ABSENT_SHARE + IMPROVE_SHARE + DECLINE_SHARE)
      changes.push({ municipalityCode: code, ...target, direction: 'decline' });
  }
  return { absent, changes };
}

/** An answer value, the shape the answer store writes. */
export interface DemoAnswer {
  readonly municipalityCode: string;
  readonly questionnaire: string;
  readonly question: number;
  readonly points: number | null;
  readonly options: readonly string[] | null;
  readonly text: string | null;
}

/**
 * The predecessor a later municipality copies a questionnaire from: among those that
 * answered it, the largest population × share; ties go to the lowest code.
 *
 * @returns the predecessor's code, or null when none answered
 * @example chooseSource([{ code: '0003', share: 1, … }, { code: '0010', share: 1, … }], populations, () => true) // '0010' (Delfzijl, the largest)
 */
export function chooseSource(
  predecessors: readonly Predecessor[],
  populations: ReadonlyMap<string, number | null>,
  answered: (code: string) => boolean,
): string | null {
  let best: { code: string; weight: number } | null = null;
  for (const predecessor of [...predecessors].sort((a, b) => a.code.localeCompare(b.code))) {
    if (!answered(predecessor.code)) continue;
    const weight = (populations.get(predecessor.code) ?? 0) * predecessor.share;
    if (!best || weight > best.weight) best = { code: predecessor.code, weight };
  }
  return best?.code ?? null;
}

/** Moves a 3-point answer one step in the direction, within 1..3. */
export function shiftPoints(points: number, direction: DemoChangeDirection): number {
  return direction === 'improve' ? Math.min(3, points + 1) : Math.max(1, points - 1);
}

export interface FollowUpInput {
  readonly instrument: Instrument;
  /** The codes of the later register. */
  readonly laterCodes: readonly string[];
  /** Predecessors in the earlier register of each later municipality. */
  readonly predecessors: ReadonlyMap<string, readonly Predecessor[]>;
  /** Population of each municipality of the earlier register. */
  readonly populations: ReadonlyMap<string, number | null>;
  /** Every answer of the earlier round. */
  readonly earlierAnswers: readonly DemoAnswer[];
  readonly plan: DemoFollowUpPlan;
}

export interface FollowUp {
  readonly answers: DemoAnswer[];
  /** Per later municipality and questionnaire, the predecessor its answers came from. */
  readonly sources: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/** Builds the follow-up round's answers by the rules in this module's header. */
export function buildFollowUpAnswers(input: FollowUpInput): FollowUp {
  const byResponse = new Map<string, DemoAnswer[]>();
  for (const answer of input.earlierAnswers) {
    const key = `${answer.municipalityCode} ${answer.questionnaire}`;
    const list = byResponse.get(key) ?? [];
    list.push(answer);
    byResponse.set(key, list);
  }
  const absent = new Set(input.plan.absent);
  const changesOf = new Map<string, DemoChange[]>();
  for (const change of input.plan.changes) {
    const key = `${change.municipalityCode} ${change.questionnaire}`;
    changesOf.set(key, [...(changesOf.get(key) ?? []), change]);
  }
  const answers: DemoAnswer[] = [];
  const sources = new Map<string, Map<string, string>>();
  for (const code of input.laterCodes) {
    if (absent.has(code)) continue;
    for (const questionnaire of input.instrument.questionnaires) {
      const source = chooseSource(
        input.predecessors.get(code) ?? [],
        input.populations,
        (earlier) => (byResponse.get(`${earlier} ${questionnaire.id}`)?.length ?? 0) > 0,
      );
      if (source === null) continue;
      const perMunicipality = sources.get(code) ?? new Map<string, string>();
      perMunicipality.set(questionnaire.id, source);
      sources.set(code, perMunicipality);
      const shifts = new Map<number, DemoChangeDirection>();
      for (const change of changesOf.get(`${code} ${questionnaire.id}`) ?? []) {
        for (const item of listScaleItems(questionnaire, change.basisfunctie))
          shifts.set(item.number, change.direction);
      }
      const targetOf = mapEarlierQuestions(questionnaire);
      for (const answer of byResponse.get(`${source} ${questionnaire.id}`) ?? []) {
        const carried = carryAnswer(answer, targetOf.get(answer.question));
        if (!carried) continue;
        const direction = shifts.get(carried.question);
        answers.push({
          ...carried,
          municipalityCode: code,
          points:
            carried.points !== null && direction
              ? shiftPoints(carried.points, direction)
              : carried.points,
        });
      }
    }
  }
  return { answers, sources };
}

/**
 * The later item each earlier question number continues: the same number in a base version,
 * `Item.previous` in a derived one (a new item continues nothing).
 */
export function mapEarlierQuestions(questionnaire: Questionnaire): Map<number, Item> {
  const derived = questionnaire.items.some((item) => item.previous !== undefined);
  const result = new Map<number, Item>();
  for (const item of questionnaire.items) {
    if (!derived) result.set(item.number, item);
    else if (item.previous) result.set(item.previous.number, item);
  }
  return result;
}

/** An earlier answer as an answer to the later item, or null when it does not fit it. */
function carryAnswer(answer: DemoAnswer, item: Item | undefined): DemoAnswer | null {
  if (!item) return null;
  const moved = { ...answer, question: item.number };
  if (item.kind === 'scale') return answer.points === null ? null : moved;
  if (item.kind === 'open') return answer.text === null ? null : moved;
  const codes = new Set((item.options ?? []).map((option) => option.code));
  const options = (answer.options ?? []).filter((option) => codes.has(option));
  return options.length > 0 ? { ...moved, options } : null;
}
