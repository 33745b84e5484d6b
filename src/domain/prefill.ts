/**
 * Prefilled follow-up ('vorige meting'): which answers of an earlier round a questionnaire of a
 * later round starts from. Pure: the answers, the instruments and the lineage come in as values.
 * See docs/decisions/021-prefilled-follow-up.md.
 */
import type { Item, Questionnaire } from './instrument.ts';

/** The value of an answer; exactly one part is set (a note is never carried over). */
export interface PrefillValue {
  readonly points: number | null;
  readonly options: readonly string[] | null;
  readonly text: string | null;
}

/** How the later round's instrument relates to the earlier round's. */
export type InstrumentRelation = 'same' | 'derived';

/**
 * The relation between the instrument versions of two rounds, or null when answers cannot be
 * carried over: the same version, or a version derived directly from the earlier one.
 *
 * @example relateInstruments({ version: '2026', derivedFrom: '2009' }, { version: '2009' }) // 'derived'
 */
export function relateInstruments(
  later: { readonly version: string; readonly derivedFrom?: string | undefined },
  earlier: { readonly version: string },
): InstrumentRelation | null {
  if (later.version === earlier.version) return 'same';
  if (later.derivedFrom === earlier.version) return 'derived';
  return null;
}

/**
 * For one questionnaire: the item of the earlier version each item of the later version is
 * prefilled from (later number → earlier item). Same version: the same number. Derived
 * version: `item.previous.number`; new items (`previous: null`) and items whose kind changed
 * are left out, so they start empty.
 *
 * @example mapPrefillItems(q2026, q2009, 'derived') // Map { 1 → item 1 of 2009, 3 → item 2 of 2009, … }
 */
export function mapPrefillItems(
  later: Questionnaire,
  earlier: Questionnaire | undefined,
  relation: InstrumentRelation,
): Map<number, Item> {
  const result = new Map<number, Item>();
  if (!earlier) return result;
  const byNumber = new Map(earlier.items.map((item) => [item.number, item]));
  for (const item of later.items) {
    const number = relation === 'same' ? item.number : item.previous?.number;
    if (number === undefined) continue;
    const source = byNumber.get(number);
    if (source && source.kind === item.kind) result.set(item.number, source);
  }
  return result;
}

function hasValue(value: PrefillValue | undefined): value is PrefillValue {
  return (
    !!value &&
    (value.points !== null ||
      (value.options !== null && value.options.length > 0) ||
      (value.text !== null && value.text !== ''))
  );
}

function isSameValue(a: PrefillValue, b: PrefillValue): boolean {
  const x = a.options ?? [];
  const y = b.options ?? [];
  return (
    a.points === b.points &&
    (a.text ?? '') === (b.text ?? '') &&
    x.length === y.length &&
    [...x].sort().every((code, index) => code === [...y].sort()[index])
  );
}

/**
 * The value all predecessors agree on, or null. Every predecessor must have answered (a value,
 * not just a note) and all answers must be equal: same points, same set of options or same
 * text. One predecessor: its answer.
 *
 * @example agreeOnValue([{ points: 3, options: null, text: null }, { points: 3, options: null, text: null }]) // { points: 3, … }
 * @example agreeOnValue([{ points: 3, … }, undefined]) // null: one predecessor did not answer
 */
export function agreeOnValue(values: readonly (PrefillValue | undefined)[]): PrefillValue | null {
  const first = values[0];
  if (!hasValue(first)) return null;
  for (const value of values.slice(1)) {
    if (!hasValue(value) || !isSameValue(first, value)) return null;
  }
  return first;
}

/**
 * Whether a value fits the later item: points for a 3-point item, options that all still exist
 * (in the later item's order) for a choice item, text for an open one.
 */
function fitValue(item: Item, value: PrefillValue): PrefillValue | null {
  switch (item.kind) {
    case 'scale':
      return value.points !== null && [1, 2, 3].includes(value.points)
        ? { points: value.points, options: null, text: null }
        : null;
    case 'single':
    case 'multiple': {
      const codes = (item.options ?? []).map((option) => option.code);
      const chosen = value.options ?? [];
      if (chosen.length === 0 || chosen.some((code) => !codes.includes(code))) return null;
      if (item.kind === 'single' && chosen.length > 1) return null;
      return { points: null, options: codes.filter((code) => chosen.includes(code)), text: null };
    }
    case 'open':
      return value.text !== null && value.text !== ''
        ? { points: null, options: null, text: value.text }
        : null;
  }
}

/**
 * The answers one questionnaire of a later round starts from: per mapped item, the value its
 * predecessors agree on (see agreeOnValue), when it still fits the item.
 *
 * @param itemMap from mapPrefillItems
 * @param predecessors per predecessor that gave the questionnaire, its answers by earlier number
 * @returns later question number → value; empty when there are no predecessors
 */
export function computePrefill(
  later: Questionnaire,
  itemMap: ReadonlyMap<number, Item>,
  predecessors: readonly ReadonlyMap<number, PrefillValue>[],
): Map<number, PrefillValue> {
  const result = new Map<number, PrefillValue>();
  if (predecessors.length === 0) return result;
  for (const item of later.items) {
    const source = itemMap.get(item.number);
    if (!source) continue;
    const agreed = agreeOnValue(predecessors.map((answers) => answers.get(source.number)));
    const fitted = agreed ? fitValue(item, agreed) : null;
    if (fitted) result.set(item.number, fitted);
  }
  return result;
}
