/**
 * Trends between rounds: which items and basisfuncties are comparable between instrument
 * versions, the marks over only those items, transition tables between bands and the change
 * in words. Pure: the caller supplies the instruments, the response vectors and the lineage.
 */
import { listAllScaleItems, type Instrument, type Questionnaire } from './instrument.ts';
import { decodeScaleVector } from './response-vectors.ts';
import { createScorer, type ItemPoints } from './scoring.ts';
import { NO_MARK } from './combination.ts';
import { percentage, roundTo } from './statistics.ts';

/** A basisfunctie of the latest version that can be followed back to the earliest one. */
export interface ComparableBasisfunctie {
  readonly questionnaire: string;
  readonly basisfunctie: string;
  readonly name: string;
  /** Its counterpart's id in each instrument of the chain, earliest first. */
  readonly ids: readonly string[];
  /** Per instrument of the chain (earliest first): the numbers of the comparable items. */
  readonly items: readonly (readonly number[])[];
}

/** An element of the latest version without a counterpart in the earliest: not compared. */
export interface NotComparedElement {
  readonly questionnaire: string;
  readonly kind: 'basisfunctie' | 'item';
  /** Basisfunctie id, or the item number as a string. */
  readonly id: string;
  readonly label: string;
}

export interface ComparisonPlan {
  /** The instruments, earliest first; each derives from the one before it (or is the same). */
  readonly versions: readonly string[];
  readonly basisfuncties: readonly ComparableBasisfunctie[];
  readonly notCompared: readonly NotComparedElement[];
}

/**
 * Which basisfuncties and items of the latest instrument can be compared over a chain of
 * instruments (earliest first). Consecutive equal versions map every element to itself; a
 * derived version maps through `Item.previous` and `Basisfunctie.previous` (null or absent:
 * new, so not compared). A basisfunctie is compared when it maps back through the whole chain
 * and keeps at least one mapped 3-point item; its trend mark uses only those items, in every
 * round, so that every point of a trend rests on the same questions.
 *
 * @throws {Error} when a version in the chain does not derive from the one before it
 * @example planComparison([v2009, v2009]).notCompared // []
 */
export function planComparison(chain: readonly Instrument[]): ComparisonPlan {
  const latest = chain.at(-1);
  if (!latest) throw new Error('planComparison needs at least one instrument');
  for (let k = 1; k < chain.length; k += 1) {
    const earlier = chain[k - 1];
    const later = chain[k];
    if (
      earlier &&
      later &&
      earlier.version !== later.version &&
      later.derivedFrom !== earlier.version
    ) {
      throw new Error(`Version ${later.version} does not derive from ${earlier.version}`);
    }
  }
  const basisfuncties: ComparableBasisfunctie[] = [];
  const notCompared: NotComparedElement[] = [];
  for (const questionnaire of latest.questionnaires) {
    for (const basisfunctie of questionnaire.basisfuncties) {
      const ids = traceBack(
        chain,
        questionnaire.id,
        basisfunctie.id,
        (q, id) => q.basisfuncties.some((b) => b.id === id),
        (q, id) => q.basisfuncties.find((b) => b.id === id)?.previous,
      );
      if (ids === null) {
        notCompared.push({
          questionnaire: questionnaire.id,
          kind: 'basisfunctie',
          id: basisfunctie.id,
          label: basisfunctie.name,
        });
        continue;
      }
      const columns: number[][] = chain.map(() => []);
      for (const item of listAllScaleItems(questionnaire)) {
        if (item.basisfunctie !== basisfunctie.id) continue;
        const numbers = traceBack(
          chain,
          questionnaire.id,
          item.number,
          (q, number) => q.items.some((i) => i.number === number && i.kind === 'scale'),
          (q, number) => {
            const previous = q.items.find((i) => i.number === number)?.previous;
            return previous ? previous.number : previous;
          },
        );
        if (numbers === null) {
          notCompared.push({
            questionnaire: questionnaire.id,
            kind: 'item',
            id: String(item.number),
            label: item.text,
          });
          continue;
        }
        numbers.forEach((number, k) => columns[k]?.push(number));
      }
      if ((columns[0]?.length ?? 0) === 0) {
        notCompared.push({
          questionnaire: questionnaire.id,
          kind: 'basisfunctie',
          id: basisfunctie.id,
          label: basisfunctie.name,
        });
        continue;
      }
      basisfuncties.push({
        questionnaire: questionnaire.id,
        basisfunctie: basisfunctie.id,
        name: basisfunctie.name,
        ids,
        items: columns,
      });
    }
  }
  return { versions: chain.map((i) => i.version), basisfuncties, notCompared };
}

/**
 * Follows one element from the latest instrument back to the earliest: its key in each
 * instrument, earliest first, or null when it is new somewhere along the chain.
 */
function traceBack<K extends string | number>(
  chain: readonly Instrument[],
  questionnaireId: string,
  key: K,
  exists: (questionnaire: Questionnaire, key: K) => boolean,
  previousOf: (questionnaire: Questionnaire, key: K) => K | null | undefined,
): K[] | null {
  const keys: K[] = [key];
  let current = key;
  for (let k = chain.length - 1; k > 0; k -= 1) {
    const later = chain[k];
    const earlier = chain[k - 1];
    if (!later || !earlier) return null;
    const laterQuestionnaire = later.questionnaires.find((q) => q.id === questionnaireId);
    const earlierQuestionnaire = earlier.questionnaires.find((q) => q.id === questionnaireId);
    if (!laterQuestionnaire || !earlierQuestionnaire) return null;
    if (later.version !== earlier.version) {
      const previous = previousOf(laterQuestionnaire, current);
      if (previous === null || previous === undefined) return null;
      current = previous;
    }
    // The element must exist in the earlier version (a mapping to a missing element is refused
    // when a version is stored; here it only means 'not comparable').
    if (!exists(earlierQuestionnaire, current)) return null;
    keys.unshift(current);
  }
  return keys;
}

/** A mark with its band: the trend value of one municipality for one basisfunctie. */
export interface TrendMark {
  /** Exact mark as a number; null without a mark. */
  readonly mark: number | null;
  /** Band id, or 'geen-cijfer'. */
  readonly band: string;
}

/** The 3-point answers of one response by question number (a Map satisfies it). */
export interface PointsLookup {
  get(number: number): ItemPoints | undefined;
}

/** A decoder from one questionnaire's scale vectors to points keyed by question number. */
export type PointsDecoder = (scaleVector: string) => PointsLookup;

/**
 * Binds a questionnaire's scale items once, for decoding many scale vectors. The points are
 * kept in an array indexed by question number: a trend looks up every item of every
 * municipality in every round, and an array is several times cheaper than a Map there.
 *
 * @example createPointsDecoder(vrijwilligerswerk)('3322…').get(1) // 3
 */
export function createPointsDecoder(questionnaire: Questionnaire): PointsDecoder {
  const numbers = listAllScaleItems(questionnaire).map((item) => item.number);
  return (scaleVector) => {
    const decoded = decodeScaleVector(scaleVector, numbers.length);
    const points: ItemPoints[] = [];
    numbers.forEach((number, position) => {
      points[number] = decoded[position] ?? null;
    });
    return { get: (number) => points[number] };
  };
}

/**
 * The mark over a chosen set of items with the instrument's own scoring rule: the points of
 * the answered ones among `items`, rescaled as `computeMark` does. With all items of the
 * basisfunctie this is its ordinary mark.
 *
 * @example scoreItems(instrument, points, [1, 2, 3]) // { mark: 7.5, band: 'goed-voor-elkaar' }
 */
export function scoreItems(
  instrument: Instrument,
  points: PointsLookup | undefined,
  items: readonly number[],
): TrendMark {
  if (!points || items.length === 0) return { mark: null, band: NO_MARK };
  let sum = 0;
  let answered = 0;
  for (const number of items) {
    const value = points.get(number);
    if (value) {
      sum += value;
      answered += 1;
    }
  }
  const result = createScorer(instrument.scoring)({ sum, answered, total: items.length });
  return result.status === 'scored'
    ? { mark: result.mark.num / result.mark.den, band: result.band.id }
    : { mark: null, band: NO_MARK };
}

export type TransitionTable = Record<string, Record<string, number>>;

/**
 * Counts municipalities per (earlier band, later band). Every band of `bands` and 'geen-cijfer'
 * is a row and a column, with zeros where nobody moved.
 *
 * @example countTransitions([{ from: 'aandacht-nodig', to: 'goed-voor-elkaar' }], ids)['aandacht-nodig']['goed-voor-elkaar'] // 1
 */
export function countTransitions(
  pairs: Iterable<{ readonly from: string; readonly to: string }>,
  bands: readonly string[],
): TransitionTable {
  const all = [...bands, NO_MARK];
  const table: TransitionTable = {};
  for (const from of all) table[from] = Object.fromEntries(all.map((to) => [to, 0]));
  for (const { from, to } of pairs) {
    const row = table[from];
    if (!row || row[to] === undefined) throw new RangeError(`Unknown band ${from} → ${to}`);
    row[to] += 1;
  }
  return table;
}

/**
 * Respondents (municipalities with a mark) and the share of them 'goed voor elkaar', as
 * `bfm analyse` defines them: percentGoed = 100 × goed / respondents, one decimal, null for 0.
 *
 * @example summariseMarks([{ mark: 7, band: 'goed-voor-elkaar' }, { mark: null, band: 'geen-cijfer' }], 'goed-voor-elkaar') // { respondents: 1, percentGoed: 100 }
 */
export function summariseMarks(
  marks: Iterable<TrendMark>,
  goedBand: string,
): { respondents: number; goed: number; percentGoed: number | null } {
  let respondents = 0;
  let goed = 0;
  for (const mark of marks) {
    if (mark.mark === null) continue;
    respondents += 1;
    if (mark.band === goedBand) goed += 1;
  }
  return { respondents, goed, percentGoed: percentage(goed, respondents) };
}

/**
 * A mark with one decimal and a decimal comma, as Dutch reports write it.
 *
 * @example formatMark(6.666) // '6,7'
 */
export function formatMark(mark: number): string {
  return roundTo(mark, 1).toFixed(1).replace('.', ',');
}

/**
 * The change of one basisfunctie in one sentence.
 *
 * @param previous the earlier (combined) mark; null when there is no earlier measurement
 * @param labels band id → Dutch label
 * @example describeChange('Respijtzorg', { mark: 10 / 3, band: 'aandacht-nodig' }, { mark: 20 / 3, band: 'goed-voor-elkaar' }, labels)
 *   // 'Respijtzorg ging van 3,3 (aandacht nodig) naar 6,7 (goed voor elkaar)'
 */
export function describeChange(
  name: string,
  previous: TrendMark | null,
  current: TrendMark,
  labels: Readonly<Record<string, string>>,
): string {
  const show = (mark: TrendMark): string =>
    mark.mark === null
      ? 'geen cijfer'
      : `${formatMark(mark.mark)} (${labels[mark.band] ?? mark.band})`;
  if (previous === null) return `${name}: geen eerdere meting`;
  if (previous.mark === null && current.mark === null) {
    return `${name}: geen cijfer, nu en bij de vorige meting`;
  }
  if (previous.mark === null)
    return `${name}: geen cijfer bij de vorige meting, nu ${show(current)}`;
  if (current.mark === null)
    return `${name}: ${show(previous)} bij de vorige meting, nu geen cijfer`;
  if (formatMark(previous.mark) === formatMark(current.mark) && previous.band === current.band) {
    return `${name} bleef ${show(current)}`;
  }
  return `${name} ging van ${show(previous)} naar ${show(current)}`;
}

/** A transition table as a municipality account or the public sees it: withheld cells are null. */
export type ProtectedTransitionTable = Record<string, Record<string, number | null>>;

/**
 * Withholds the small cells of a transition table (decision 015's small-cell rule): every cell
 * of 1–4 municipalities, and then, in each row and each column that has a withheld cell, more
 * cells (smallest first, `chooseSuppressedCells`) until at least two are withheld that together
 * count 5 or more. Row and column totals can be read from the published figures (the bands of
 * each round), so one withheld cell in a line could otherwise be recomputed. Repeated until no
 * line changes.
 *
 * @param suppress the rule for one line (disclosure-control's `chooseSuppressedCells`)
 * @example protectTransitions({ a: { a: 3, b: 40 }, b: { a: 12, b: 0 } }, ['a', 'b'], choose)
 *   // { a: { a: null, b: 40 }, b: { a: null, b: 0 } }
 */
export function protectTransitions(
  table: Readonly<Record<string, Readonly<Record<string, number>>>>,
  bands: readonly string[],
  suppress: (cells: readonly number[]) => number[],
): { table: ProtectedTransitionTable; withheld: number } {
  const value = (from: string, to: string) => table[from]?.[to] ?? 0;
  const hidden = new Set<string>();
  const key = (from: string, to: string) => `${from}\u0000${to}`;
  const lines: [string, string][][] = [
    ...bands.map((from) => bands.map((to): [string, string] => [from, to])),
    ...bands.map((to) => bands.map((from): [string, string] => [from, to])),
  ];
  let changed = true;
  for (let pass = 0; changed && pass < 10; pass += 1) {
    changed = false;
    for (const line of lines) {
      const hiddenHere = line.filter(([f, t]) => hidden.has(key(f, t)));
      // A line is safe without withheld cells beyond the primary ones, or with two or more
      // withheld cells that together count 5 or more.
      const counts = line.map(([f, t]) => value(f, t));
      const primary = suppress(counts)
        .map((i) => line[i])
        .filter((c) => c !== undefined);
      const chosen = new Set([...hiddenHere, ...primary].map(([f, t]) => key(f, t)));
      if (chosen.size === 0) continue;
      const sum = () =>
        line.filter(([f, t]) => chosen.has(key(f, t))).reduce((s, [f, t]) => s + value(f, t), 0);
      const candidates = line
        .filter(([f, t]) => !chosen.has(key(f, t)) && value(f, t) > 0)
        .sort((a, b) => value(a[0], a[1]) - value(b[0], b[1]));
      for (const [f, t] of candidates) {
        if (chosen.size >= 2 && sum() >= 5) break;
        chosen.add(key(f, t));
      }
      for (const k of chosen) {
        if (!hidden.has(k)) {
          hidden.add(k);
          changed = true;
        }
      }
    }
  }
  const result: ProtectedTransitionTable = {};
  for (const from of bands) {
    result[from] = Object.fromEntries(
      bands.map((to) => [to, hidden.has(key(from, to)) ? null : value(from, to)]),
    );
  }
  return { table: result, withheld: hidden.size };
}
