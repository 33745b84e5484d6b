/**
 * Statistical disclosure control of the national analysis, for the public and for municipality
 * accounts (decision 015).
 *
 * - **Primary suppression:** a figure that rests on fewer than `MIN_GROUP_SIZE` (5)
 *   municipalities is withheld: with so few, the figure tells a reader much about each of them.
 * - **Secondary suppression:** a breakdown (size class, group, province) partitions the national
 *   respondents, and the national figure is shown. One withheld cell could be recomputed as the
 *   national count minus the other cells, so within each breakdown the withheld cells are
 *   extended, smallest first, until there are at least two of them and together they rest on at
 *   least `MIN_GROUP_SIZE` municipalities. What can then be recomputed is only their sum, a figure
 *   over five or more.
 *
 * `respondents` (how many municipalities a figure rests on) is always given: who took part is
 * not an answer. Withheld figures are `null` and their block says `suppressed: true`.
 */
import type {
  BasisfunctieResult,
  BasisfunctieShare,
  Breakdown,
  ChoiceResult,
  CountShare,
  ItemDistribution,
  RoundAnalysis,
} from './analysis.ts';
import { MIN_GROUP_SIZE } from './disclosure.ts';

export interface ProtectedShare {
  readonly questionnaire: string;
  readonly basisfunctie: string;
  /** Respondents with a mark: the municipalities the figure rests on. */
  readonly respondents: number;
  readonly goed: number | null;
  readonly percentGoed: number | null;
  readonly meanMark: number | null;
  readonly suppressed: boolean;
}

export interface ProtectedBasisfunctieResult extends ProtectedShare {
  readonly name: string;
  readonly official: boolean;
  readonly insufficient: number | null;
  readonly bands: Readonly<Record<string, number>> | null;
}

export interface ProtectedBreakdown {
  readonly id: string;
  readonly label: string;
  readonly municipalities: number;
  readonly respondents: Readonly<Record<string, number>>;
  readonly basisfuncties: readonly ProtectedShare[];
}

export interface ProtectedItem extends Omit<ItemDistribution, 'counts' | 'percentages'> {
  readonly counts: readonly number[] | null;
  readonly percentages: readonly (number | null)[] | null;
  readonly suppressed: boolean;
}

export interface ProtectedChoice extends Omit<ChoiceResult, 'options'> {
  readonly options: readonly {
    readonly code: string;
    readonly label: string;
    readonly count: number | null;
    readonly percent: number | null;
  }[];
  readonly suppressed: boolean;
}

export interface ProtectedAnalysis {
  readonly round: string;
  readonly instrumentVersion: string;
  readonly respondents: RoundAnalysis['respondents'];
  readonly basisfuncties: readonly ProtectedBasisfunctieResult[];
  /** Per questionnaire; null when withheld. */
  readonly countGoed: Readonly<Record<string, readonly number[] | null>>;
  readonly allOrNone: {
    readonly all: Readonly<Record<string, CountShare | null>>;
    readonly none: Readonly<Record<string, CountShare | null>>;
  };
  readonly crossTable: readonly (readonly number[])[] | null;
  readonly crossTableRows: string;
  readonly crossTableColumns: string;
  readonly pearsonR: number | null;
  readonly bySizeClass: readonly ProtectedBreakdown[];
  readonly byGroup: readonly ProtectedBreakdown[];
  readonly byProvince: readonly ProtectedBreakdown[];
  readonly items: readonly ProtectedItem[];
  readonly multipleChoice: readonly ProtectedChoice[];
  /** How many figure blocks are withheld (0 when nothing is). */
  readonly suppressedCount: number;
}

/** Whether a figure over `respondents` municipalities is withheld by the primary rule. */
function isTooSmall(respondents: number): boolean {
  return respondents > 0 && respondents < MIN_GROUP_SIZE;
}

function withholdShare<T extends BasisfunctieShare>(
  share: T,
): Omit<T, 'goed' | 'percentGoed' | 'meanMark'> & ProtectedShare {
  return { ...share, goed: null, percentGoed: null, meanMark: null, suppressed: true };
}

function keepShare<T extends BasisfunctieShare>(share: T): T & { suppressed: false } {
  return { ...share, suppressed: false };
}

/**
 * The cells of one breakdown table to withhold: primary cells (fewer than `minimum`
 * respondents), then the smallest remaining cells until there are at least two withheld cells
 * that together rest on at least `minimum` respondents, or no cell is left. Cells without
 * respondents carry no figure and are never chosen.
 *
 * @param respondents the respondents of each cell of a partition of the total
 * @returns the indices of the withheld cells, ascending
 * @example chooseSuppressedCells([3, 40, 12, 0], 5) // [0, 2]
 * @example chooseSuppressedCells([3, 2, 40], 5)     // [0, 1]
 * @example chooseSuppressedCells([1, 2, 40], 5)     // [0, 1, 2]
 */
export function chooseSuppressedCells(
  respondents: readonly number[],
  minimum: number = MIN_GROUP_SIZE,
): number[] {
  const chosen = new Set<number>();
  respondents.forEach((n, i) => {
    if (n > 0 && n < minimum) chosen.add(i);
  });
  if (chosen.size === 0) return [];
  const candidates = respondents
    .map((n, i) => ({ n, i }))
    .filter(({ n, i }) => n > 0 && !chosen.has(i))
    .sort((a, b) => a.n - b.n || a.i - b.i);
  const sum = () => [...chosen].reduce((total, i) => total + (respondents[i] ?? 0), 0);
  for (const candidate of candidates) {
    if (chosen.size >= 2 && sum() >= minimum) break;
    chosen.add(candidate.i);
  }
  return [...chosen].sort((a, b) => a - b);
}

function protectBreakdowns(breakdowns: readonly Breakdown[]): ProtectedBreakdown[] {
  // Per basisfunctie (same position in every group's list) one partition of the national total.
  const width = breakdowns[0]?.basisfuncties.length ?? 0;
  const withheld = breakdowns.map(() => new Set<number>());
  for (let b = 0; b < width; b += 1) {
    const cells = breakdowns.map((group) => group.basisfuncties[b]?.respondents ?? 0);
    for (const g of chooseSuppressedCells(cells)) withheld[g]?.add(b);
  }
  return breakdowns.map((group, g) => ({
    ...group,
    basisfuncties: group.basisfuncties.map((share, b) =>
      withheld[g]?.has(b) ? withholdShare(share) : keepShare(share),
    ),
  }));
}

function protectCountShare(share: CountShare | undefined, base: number): CountShare | null {
  if (!share || isTooSmall(base)) return null;
  return share;
}

/**
 * The analysis with every figure withheld that the small-cell rule asks to withhold.
 *
 * @example protectAnalysis(analysisOfThreeMunicipalities).basisfuncties[0].percentGoed // null
 */
export function protectAnalysis(analysis: RoundAnalysis): ProtectedAnalysis {
  const basisfuncties = analysis.basisfuncties.map(
    (result: BasisfunctieResult): ProtectedBasisfunctieResult =>
      isTooSmall(result.respondents)
        ? { ...withholdShare(result), insufficient: null, bands: null }
        : keepShare(result),
  );
  const questionnaires = Object.keys(analysis.countGoed);
  const countGoed = Object.fromEntries(
    questionnaires.map((q) => [
      q,
      isTooSmall(analysis.respondents[q] ?? 0) ? null : (analysis.countGoed[q] ?? null),
    ]),
  );
  const protectAllOrNone = (entries: Readonly<Record<string, CountShare>>) =>
    Object.fromEntries(
      Object.entries(entries).map(([q, share]) => [
        q,
        protectCountShare(share, analysis.respondents[q] ?? 0),
      ]),
    );
  const crossWithheld = isTooSmall(analysis.respondents.both);
  const items = analysis.items.map((item): ProtectedItem =>
    isTooSmall(item.answered)
      ? { ...item, counts: null, percentages: null, suppressed: true }
      : { ...item, suppressed: false },
  );
  const multipleChoice = analysis.multipleChoice.map((choice): ProtectedChoice =>
    isTooSmall(choice.respondents)
      ? {
          ...choice,
          options: choice.options.map((o) => ({ ...o, count: null, percent: null })),
          suppressed: true,
        }
      : { ...choice, suppressed: false },
  );
  const bySizeClass = protectBreakdowns(analysis.bySizeClass);
  const byGroup = protectBreakdowns(analysis.byGroup);
  const byProvince = protectBreakdowns(analysis.byProvince);
  const protectedAnalysis: Omit<ProtectedAnalysis, 'suppressedCount'> = {
    round: analysis.round,
    instrumentVersion: analysis.instrumentVersion,
    respondents: analysis.respondents,
    basisfuncties,
    countGoed,
    allOrNone: {
      all: protectAllOrNone(analysis.allOrNone.all),
      none: protectAllOrNone(analysis.allOrNone.none),
    },
    crossTable: crossWithheld ? null : analysis.crossTable,
    crossTableRows: analysis.crossTableRows,
    crossTableColumns: analysis.crossTableColumns,
    pearsonR: crossWithheld ? null : analysis.pearsonR,
    bySizeClass,
    byGroup,
    byProvince,
    items,
    multipleChoice,
  };
  return { ...protectedAnalysis, suppressedCount: countSuppressed(protectedAnalysis) };
}

/**
 * The analysis in the protected shape with nothing withheld: for the coordinator, advisors and
 * analysts, who may see figures over small groups.
 */
export function exposeAnalysis(analysis: RoundAnalysis): ProtectedAnalysis {
  const mark = <T extends object>(value: T) => ({ ...value, suppressed: false as const });
  return {
    ...analysis,
    basisfuncties: analysis.basisfuncties.map(mark),
    bySizeClass: analysis.bySizeClass.map((g) => ({
      ...g,
      basisfuncties: g.basisfuncties.map(mark),
    })),
    byGroup: analysis.byGroup.map((g) => ({ ...g, basisfuncties: g.basisfuncties.map(mark) })),
    byProvince: analysis.byProvince.map((g) => ({
      ...g,
      basisfuncties: g.basisfuncties.map(mark),
    })),
    items: analysis.items.map(mark),
    multipleChoice: analysis.multipleChoice.map(mark),
    suppressedCount: 0,
  };
}

function countSuppressed(analysis: Omit<ProtectedAnalysis, 'suppressedCount'>): number {
  const blocks: { suppressed: boolean }[] = [
    ...analysis.basisfuncties,
    ...[...analysis.bySizeClass, ...analysis.byGroup, ...analysis.byProvince].flatMap(
      (g) => g.basisfuncties,
    ),
    ...analysis.items,
    ...analysis.multipleChoice,
  ];
  const nulls =
    Object.values(analysis.countGoed).filter((v) => v === null).length +
    Object.values(analysis.allOrNone.all).filter((v) => v === null).length +
    Object.values(analysis.allOrNone.none).filter((v) => v === null).length +
    (analysis.crossTable === null ? 1 : 0);
  return blocks.filter((b) => b.suppressed).length + nulls;
}
