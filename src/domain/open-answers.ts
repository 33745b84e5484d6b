/**
 * Open answers as research material (issue 13): the vocabulary of the two free-text parts of an
 * answer, and the rule by which a reader who may not see a municipality's name still learns
 * where an answer comes from.
 *
 * The anonymisation rule (decision 028): an answer shown without a name carries the province
 * and the size class of its municipality only where that group holds at least
 * `MIN_GROUP_SIZE` (5) of the round's respondents, so the description never points at fewer
 * than five municipalities:
 * 1. province × size class holds ≥ 5: 'een gemeente in Gelderland met 20.000–50.000 inwoners';
 * 2. otherwise the province holds ≥ 5: 'een gemeente in Gelderland';
 * 3. otherwise the size class holds ≥ 5: 'een gemeente met 20.000–50.000 inwoners';
 * 4. otherwise: 'een gemeente'.
 */
import { MIN_GROUP_SIZE } from './disclosure.ts';
import type { SizeClassId } from './register.ts';

/** The free-text parts of an answer: the open answer itself, and the note any item may carry. */
export type AnswerPart = 'text' | 'note';
export const ANSWER_PARTS: readonly AnswerPart[] = ['text', 'note'];

/** The part as it reads in addresses and files ('antwoord', 'toelichting'). */
export const PART_SLUGS: Readonly<Record<AnswerPart, string>> = {
  text: 'antwoord',
  note: 'toelichting',
};

export const PART_LABELS: Readonly<Record<AnswerPart, string>> = {
  text: 'Open antwoord',
  note: 'Toelichting',
};

/**
 * Reads a part from its slug or its own name.
 *
 * @example parsePart('toelichting') // 'note'
 * @example parsePart('iets') // null
 */
export function parsePart(value: string | null | undefined): AnswerPart | null {
  if (value === 'text' || value === PART_SLUGS.text) return 'text';
  if (value === 'note' || value === PART_SLUGS.note) return 'note';
  return null;
}

/** How a size class reads after 'met' in an anonymised description. */
export const SIZE_PHRASES: Readonly<Record<SizeClassId, string | null>> = {
  'lt-20000': 'minder dan 20.000 inwoners',
  '20000-50000': '20.000–50.000 inwoners',
  '50000-100000': '50.000–100.000 inwoners',
  '100000-250000': '100.000–250.000 inwoners',
  'ge-250000': '250.000 of meer inwoners',
  onbekend: null,
};

/** Where a respondent is, as far as the anonymisation rule looks. */
export interface OriginMember {
  readonly provinceCode: string;
  readonly sizeClass: SizeClassId;
}

/** How many respondents each province, size class and their combination holds. */
export interface OriginCounts {
  readonly province: ReadonlyMap<string, number>;
  readonly size: ReadonlyMap<SizeClassId, number>;
  readonly provinceSize: ReadonlyMap<string, number>;
}

const cellKey = (member: OriginMember) => `${member.provinceCode}|${member.sizeClass}`;

/**
 * Counts the respondents per province, size class and combination: the groups the rule
 * measures.
 *
 * @example countOrigins([{ provinceCode: 'PV25', sizeClass: 'lt-20000' }]).province.get('PV25') // 1
 */
export function countOrigins(members: readonly OriginMember[]): OriginCounts {
  const province = new Map<string, number>();
  const size = new Map<SizeClassId, number>();
  const provinceSize = new Map<string, number>();
  for (const member of members) {
    province.set(member.provinceCode, (province.get(member.provinceCode) ?? 0) + 1);
    size.set(member.sizeClass, (size.get(member.sizeClass) ?? 0) + 1);
    provinceSize.set(cellKey(member), (provinceSize.get(cellKey(member)) ?? 0) + 1);
  }
  return { province, size, provinceSize };
}

/** What an anonymised answer says about where it comes from. */
export interface AnonymousOrigin {
  /** 'een gemeente in Gelderland met 20.000–50.000 inwoners', or less where groups are small. */
  readonly label: string;
  /** The province code, or null where withheld. */
  readonly provinceCode: string | null;
  /** The size class, or null where withheld (or unknown). */
  readonly sizeClass: SizeClassId | null;
}

/**
 * Describes a respondent without naming it, following the rule above.
 *
 * @param provinceName the province's name, for the label
 * @param minimum the smallest group that may be named (default `MIN_GROUP_SIZE`)
 * @example
 * describeOrigin({ provinceCode: 'PV25', sizeClass: '20000-50000' }, 'Gelderland', counts)
 * // { label: 'een gemeente in Gelderland met 20.000–50.000 inwoners', provinceCode: 'PV25', sizeClass: '20000-50000' }
 */
export function describeOrigin(
  member: OriginMember,
  provinceName: string,
  counts: OriginCounts,
  minimum: number = MIN_GROUP_SIZE,
): AnonymousOrigin {
  const sizePhrase = SIZE_PHRASES[member.sizeClass];
  const provinceOk = (counts.province.get(member.provinceCode) ?? 0) >= minimum;
  const sizeOk = sizePhrase !== null && (counts.size.get(member.sizeClass) ?? 0) >= minimum;
  const bothOk = sizePhrase !== null && (counts.provinceSize.get(cellKey(member)) ?? 0) >= minimum;
  if (bothOk) {
    return {
      label: `een gemeente in ${provinceName} met ${sizePhrase}`,
      provinceCode: member.provinceCode,
      sizeClass: member.sizeClass,
    };
  }
  if (provinceOk) {
    return {
      label: `een gemeente in ${provinceName}`,
      provinceCode: member.provinceCode,
      sizeClass: null,
    };
  }
  if (sizeOk) {
    return {
      label: `een gemeente met ${sizePhrase}`,
      provinceCode: null,
      sizeClass: member.sizeClass,
    };
  }
  return { label: 'een gemeente', provinceCode: null, sizeClass: null };
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces the municipality's own name in a text shown without names by '[gemeente]': an
 * answer that says 'In Zutphen hebben we…' would otherwise name its writer. Only whole words
 * are replaced, as written (so 'Buren' in a sentence about 'buren' stays).
 *
 * @example redactName('In Zutphen en Zutphen-Noord', 'Zutphen') // 'In [gemeente] en [gemeente]-Noord'
 */
export function redactName(text: string, name: string): string {
  if (name.trim() === '') return text;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'gu');
  return text.replace(pattern, '[gemeente]');
}

/** A piece of a search result: plain, or a word that matched the search. */
export interface TextSegment {
  readonly text: string;
  readonly match: boolean;
}

/** The markers the database puts around matched words (control characters no answer holds). */
export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_STOP = '\u0003';

/**
 * Splits a text with highlight markers into segments, so the page renders the matches as
 * `<mark>` without ever treating the answer as HTML.
 *
 * @example splitHighlights('De \u0002vrijwilliger\u0003 helpt') // [{text:'De ',match:false},{text:'vrijwilliger',match:true},{text:' helpt',match:false}]
 */
export function splitHighlights(marked: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let match = false;
  let current = '';
  for (const character of marked) {
    if (character === HIGHLIGHT_START || character === HIGHLIGHT_STOP) {
      if (current !== '') segments.push({ text: current, match });
      current = '';
      match = character === HIGHLIGHT_START;
    } else {
      current += character;
    }
  }
  if (current !== '') segments.push({ text: current, match });
  return segments;
}

/**
 * Removes the highlight markers (and other control characters but line breaks and tabs) from a
 * text before it is highlighted, so an answer can never forge a highlight.
 *
 * @example stripControlCharacters('a\u0002b') // 'ab'
 */
export function stripControlCharacters(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}
