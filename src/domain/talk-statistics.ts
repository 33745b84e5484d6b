/**
 * The national view of the improvement loop (issue 12, decision 027), without I/O: how many
 * advice talks there were per province and round, the agreed actions by basisfunctie and
 * status, and a descriptive comparison of the municipalities with and without a talk: the
 * share whose mark rose between two rounds. The comparison describes; it proves no effect
 * (municipalities chose to have a talk, so the two groups differ in more than the talk).
 *
 * It also words one line of the municipality report: the actions agreed about a basisfunctie
 * and the change of its mark.
 */
import { ACTION_STATUSES, ACTION_STATUS_LABELS, type ActionStatus } from './improvement.ts';
import { isActionOverdue } from './improvement.ts';
import { formatMark } from './trends.ts';

/** One talk, with the province its municipality belonged to in the round it discussed. */
export interface TalkRecord {
  readonly roundId: string;
  readonly municipalityCode: string;
  readonly provinceCode: string;
}

export interface ProvinceTalkRow {
  readonly province: string;
  readonly name: string;
  /** Per round (in the order given): the number of talks. */
  readonly talks: readonly number[];
  /** Per round: the number of different municipalities with at least one talk. */
  readonly municipalities: readonly number[];
}

/**
 * Talks per province and round: every province given gets a row (also with no talks), in the
 * order given; talks of a province not given are left out.
 *
 * @example
 * countTalksByProvince(
 *   [{ roundId: 'a', municipalityCode: '0363', provinceCode: 'PV27' },
 *    { roundId: 'a', municipalityCode: '0363', provinceCode: 'PV27' }],
 *   ['a'], [{ code: 'PV27', name: 'Noord-Holland' }],
 * ) // [{ province: 'PV27', name: 'Noord-Holland', talks: [2], municipalities: [1] }]
 */
export function countTalksByProvince(
  talks: readonly TalkRecord[],
  roundIds: readonly string[],
  provinces: readonly { readonly code: string; readonly name: string }[],
): ProvinceTalkRow[] {
  return provinces.map((province) => {
    const counts = roundIds.map((roundId) => {
      const here = talks.filter((t) => t.roundId === roundId && t.provinceCode === province.code);
      return {
        talks: here.length,
        municipalities: new Set(here.map((t) => t.municipalityCode)).size,
      };
    });
    return {
      province: province.code,
      name: province.name,
      talks: counts.map((c) => c.talks),
      municipalities: counts.map((c) => c.municipalities),
    };
  });
}

/** One agreed action, as the national count needs it. */
export interface ActionRecord {
  readonly questionnaire: string;
  readonly basisfunctie: string;
  readonly status: ActionStatus;
  readonly dueOn: string | null;
}

export interface ActionCountRow {
  readonly questionnaire: string;
  readonly basisfunctie: string;
  readonly name: string;
  /** The number of actions per status. */
  readonly byStatus: Readonly<Record<ActionStatus, number>>;
  readonly total: number;
  /** Actions past their target date that are neither done nor dropped, on `today`. */
  readonly overdue: number;
}

function emptyStatusCounts(): Record<ActionStatus, number> {
  return { planned: 0, in_progress: 0, done: 0, dropped: 0 };
}

/**
 * Actions by basisfunctie and status. Rows follow `basisfuncties` (every one gets a row, also
 * without actions); actions about a basisfunctie not listed get a row of their own after them,
 * named by their id, so no action goes uncounted.
 *
 * @param today the Dutch calendar day (YYYY-MM-DD), for `overdue`
 */
export function countActionsByBasisfunctie(
  actions: readonly ActionRecord[],
  basisfuncties: readonly {
    readonly questionnaire: string;
    readonly basisfunctie: string;
    readonly name: string;
  }[],
  today: string,
): ActionCountRow[] {
  const key = (q: string, b: string) => `${q}:${b}`;
  const rows = new Map<
    string,
    {
      questionnaire: string;
      basisfunctie: string;
      name: string;
      byStatus: Record<ActionStatus, number>;
      overdue: number;
    }
  >();
  for (const bf of basisfuncties) {
    rows.set(key(bf.questionnaire, bf.basisfunctie), {
      ...bf,
      byStatus: emptyStatusCounts(),
      overdue: 0,
    });
  }
  const extra = [...new Set(actions.map((a) => key(a.questionnaire, a.basisfunctie)))]
    .filter((k) => !rows.has(k))
    .sort();
  for (const k of extra) {
    const [questionnaire = '', basisfunctie = ''] = k.split(':');
    rows.set(k, {
      questionnaire,
      basisfunctie,
      name: basisfunctie,
      byStatus: emptyStatusCounts(),
      overdue: 0,
    });
  }
  for (const action of actions) {
    const row = rows.get(key(action.questionnaire, action.basisfunctie));
    if (!row) continue;
    row.byStatus[action.status] += 1;
    if (isActionOverdue(action, today)) row.overdue += 1;
  }
  return [...rows.values()].map((row) => ({
    ...row,
    total: ACTION_STATUSES.reduce((sum, status) => sum + row.byStatus[status], 0),
  }));
}

/** One municipality's mark in the earlier and the later round (null: no mark). */
export interface MarkPair {
  readonly code: string;
  readonly from: number | null;
  readonly to: number | null;
}

export interface RiseGroup {
  /** Municipalities with a mark in both rounds. */
  readonly municipalities: number;
  /** Of those, the ones whose mark rose (later mark strictly higher). */
  readonly rose: number;
  /** 100 × rose / municipalities with one decimal; null without municipalities. */
  readonly percentRose: number | null;
}

export interface RiseComparison {
  readonly withTalk: RiseGroup;
  readonly withoutTalk: RiseGroup;
}

/** 100 × part / whole with one decimal, or null when whole is 0. */
export function percentOf(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Math.round((1000 * part) / whole) / 10;
}

function riseGroup(pairs: readonly MarkPair[]): RiseGroup {
  const marked = pairs.filter(
    (p): p is MarkPair & { from: number; to: number } => p.from !== null && p.to !== null,
  );
  const rose = marked.filter((p) => p.to > p.from).length;
  return { municipalities: marked.length, rose, percentRose: percentOf(rose, marked.length) };
}

/**
 * The share of municipalities whose mark rose, among those with a talk and among those
 * without. Only municipalities with a mark in both rounds count; an equal mark did not rise.
 *
 * @example
 * compareRises(
 *   [{ code: 'a', from: 3.3, to: 6.7 }, { code: 'b', from: 5, to: 5 }, { code: 'c', from: null, to: 5 }],
 *   new Set(['a']),
 * ) // { withTalk: { municipalities: 1, rose: 1, percentRose: 100 },
 *   //   withoutTalk: { municipalities: 1, rose: 0, percentRose: 0 } }
 */
export function compareRises(
  pairs: readonly MarkPair[],
  withTalk: ReadonlySet<string>,
): RiseComparison {
  return {
    withTalk: riseGroup(pairs.filter((p) => withTalk.has(p.code))),
    withoutTalk: riseGroup(pairs.filter((p) => !withTalk.has(p.code))),
  };
}

/** A share of one group as a viewer may see it: withheld (null) for a small group. */
export interface ShownRiseGroup {
  readonly municipalities: number;
  /** Null when withheld. */
  readonly rose: number | null;
  readonly percentRose: number | null;
  readonly suppressed: boolean;
}

export interface ShownRiseComparison {
  readonly withTalk: ShownRiseGroup;
  readonly withoutTalk: ShownRiseGroup;
}

/**
 * Withholds the rises of a group of fewer than `minGroupSize` municipalities when `withhold`
 * (municipality accounts, decision 015): from a small group's share one could tell how a
 * known municipality fared. The group's size stays.
 *
 * @example
 * protectRises({ withTalk: { municipalities: 4, rose: 1, percentRose: 25 }, withoutTalk: … }, 5, true)
 * // withTalk: { municipalities: 4, rose: null, percentRose: null, suppressed: true }
 */
export function protectRises(
  comparison: RiseComparison,
  minGroupSize: number,
  withhold: boolean,
): ShownRiseComparison {
  const protect = (group: RiseGroup): ShownRiseGroup =>
    withhold && group.municipalities < minGroupSize
      ? { municipalities: group.municipalities, rose: null, percentRose: null, suppressed: true }
      : { ...group, suppressed: false };
  return { withTalk: protect(comparison.withTalk), withoutTalk: protect(comparison.withoutTalk) };
}

/**
 * Per municipality the overall pair: the mean of its marks over the basisfuncties it has a
 * mark for in BOTH rounds, earlier and later (so a basisfunctie marked only once does not
 * move the mean). A municipality with no such basisfunctie gets nulls.
 *
 * @param perBasisfunctie per basisfunctie the municipalities' pairs
 * @example
 * averagePairs([[{ code: 'a', from: 2, to: 4 }], [{ code: 'a', from: 4, to: null }]])
 * // [{ code: 'a', from: 2, to: 4 }]
 */
export function averagePairs(perBasisfunctie: readonly (readonly MarkPair[])[]): MarkPair[] {
  const sums = new Map<string, { from: number; to: number; n: number }>();
  const order: string[] = [];
  for (const pairs of perBasisfunctie) {
    for (const pair of pairs) {
      let sum = sums.get(pair.code);
      if (!sum) {
        sum = { from: 0, to: 0, n: 0 };
        sums.set(pair.code, sum);
        order.push(pair.code);
      }
      if (pair.from === null || pair.to === null) continue;
      sum.from += pair.from;
      sum.to += pair.to;
      sum.n += 1;
    }
  }
  return order.map((code) => {
    const sum = sums.get(code) as { from: number; to: number; n: number };
    return sum.n === 0
      ? { code, from: null, to: null }
      : { code, from: sum.from / sum.n, to: sum.to / sum.n };
  });
}

/**
 * The change of a mark in words, for the report: "Cijfer van 3,3 naar 6,7.", "Cijfer 6,7;
 * er is geen eerder cijfer.", "Cijfer van 3,3 naar geen cijfer.".
 */
export function describeMarkChange(from: number | null, to: number | null): string {
  if (from === null && to === null) return 'Geen cijfer in deze en de vorige meting.';
  if (from === null) return `Cijfer ${formatMark(to as number)}; er is geen eerder cijfer.`;
  if (to === null) return `Cijfer van ${formatMark(from)} naar geen cijfer.`;
  return `Cijfer van ${formatMark(from)} naar ${formatMark(to)}.`;
}

/**
 * The actions agreed about a basisfunctie with their status, in one sentence.
 *
 * @example
 * describeAgreement([{ description: 'Beursvloer', status: 'dropped' }]) // 'Afgesproken: Beursvloer (vervallen).'
 */
export function describeAgreement(
  actions: readonly { readonly description: string; readonly status: ActionStatus }[],
): string {
  if (actions.length === 0) return 'Geen acties afgesproken.';
  return `Afgesproken: ${actions
    .map((a) => `${a.description.replace(/[.\s]+$/, '')} (${ACTION_STATUS_LABELS[a.status]})`)
    .join('; ')}.`;
}

/**
 * One line of the report: the actions agreed about a basisfunctie with their status, then the
 * change of its mark.
 *
 * @example
 * describeAgreedActions(
 *   [{ description: 'respijtzorg via vrijwillige thuishulp', status: 'done' }], 10 / 3, 20 / 3,
 * ) // 'Afgesproken: respijtzorg via vrijwillige thuishulp (gedaan). Cijfer van 3,3 naar 6,7.'
 */
export function describeAgreedActions(
  actions: readonly { readonly description: string; readonly status: ActionStatus }[],
  from: number | null,
  to: number | null,
): string {
  return `${describeAgreement(actions)} ${describeMarkChange(from, to)}`;
}
