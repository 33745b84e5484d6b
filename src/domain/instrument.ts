/**
 * The instrument model: questionnaires, basisfuncties and items, as plain types.
 * The data itself lives in src/instruments and is validated there.
 */

/** How an item is answered. */
export type ItemKind = 'scale' | 'multiple' | 'single' | 'open';

/** Where an item text comes from: printed in the 2009 report, or reconstructed from it. */
export type TextSource = 'report' | 'reconstructed';

export interface ItemOption {
  /** Stable code used in import files and storage, for example `jongeren`. */
  readonly code: string;
  readonly label: string;
}

/**
 * How an item of a derived instrument version relates to an item of the version it came
 * from: the same question, or the same question reworded. A new item has `previous: null`.
 */
export interface ItemMapping {
  /** The item's number in the earlier version (same questionnaire id). */
  readonly number: number;
  readonly change: 'same' | 'reworded';
}

export interface Item {
  /** The question number in the questionnaire (1-based, contiguous). */
  readonly number: number;
  readonly kind: ItemKind;
  readonly text: string;
  /** An explanation shown under the question; optional, added by later versions. */
  readonly help?: string | undefined;
  readonly textSource: TextSource;
  /** Where in the source documents the text or options were found. */
  readonly source?: string | undefined;
  /** The basisfunctie the item belongs to; null for general questions. */
  readonly basisfunctie: string | null;
  /** Options of `multiple` and `single` items. */
  readonly options?: readonly ItemOption[] | undefined;
  /**
   * In a derived version (`Instrument.derivedFrom`): the item it continues, or null when it is
   * new. Absent in a version that derives from nothing (2009).
   */
  readonly previous?: ItemMapping | null | undefined;
}

export interface Basisfunctie {
  /** Stable id, for example `verbinden-en-makelen`. */
  readonly id: string;
  readonly name: string;
  /** Whether it is one of the official basisfuncties counted in 'aantal basisfuncties goed'. */
  readonly official: boolean;
  readonly definition: string;
  readonly description: string;
  /** Suggested concrete activities (volunteer work) or forms of support (informal care). */
  readonly activities: readonly string[];
  /**
   * In a derived version: the id of its counterpart in the earlier version, or null when it is
   * new. Absent in a version that derives from nothing.
   */
  readonly previous?: string | null | undefined;
}

/**
 * A function's offer item ('Zorgt de gemeente voor …') paired with its use item ('Maken
 * mantelzorgers gebruik van …'): the report's 'aanbod versus bereik'.
 */
export interface OfferUsePair {
  readonly basisfunctie: string;
  /** Question number of the offer item. */
  readonly offer: number;
  /** Question number of the use item. */
  readonly use: number;
  /** What is offered, as it reads after 'De gemeente zorgt voor', for example `respijtzorg`. */
  readonly subject: string;
}

export interface Questionnaire {
  /** `vrijwilligerswerk` or `mantelzorg` in version 2009. */
  readonly id: string;
  readonly name: string;
  readonly basisfuncties: readonly Basisfunctie[];
  /** The offer/use pairs, for questionnaires that ask both (mantelzorg). */
  readonly offerUse?: readonly OfferUsePair[] | undefined;
  readonly items: readonly Item[];
}

/** One answer category of a 3-point item. */
export interface ScalePoint {
  readonly points: number;
  readonly label: string;
  /** The band this answer means at item level. */
  readonly band: string;
}

/** A band of marks: a mark belongs to the band with the largest `from` that it reaches. */
export interface Band {
  readonly id: string;
  readonly label: string;
  /** Inclusive lower bound, on the 0–10 mark scale. */
  readonly from: number;
}

export interface ScoringRule {
  /** Bands in ascending order of `from`; the first starts at 0. */
  readonly bands: readonly Band[];
  /** The id of the band that means 'goed voor elkaar'. */
  readonly goedBand: string;
  /** Minimum share of a basisfunctie's items that must be answered for a mark, as [numerator, denominator]. */
  readonly minAnswered: readonly [number, number];
}

export interface Instrument {
  readonly version: string;
  readonly name: string;
  /**
   * The version this one was made from; its items' and basisfuncties' `previous` refer to it.
   * Absent for a version made from scratch (2009).
   */
  readonly derivedFrom?: string | undefined;
  readonly scale: readonly ScalePoint[];
  readonly scoring: ScoringRule;
  readonly questionnaires: readonly Questionnaire[];
}

/** The 3-point items of a basisfunctie, in question order. */
export function listScaleItems(questionnaire: Questionnaire, basisfunctieId: string): Item[] {
  return questionnaire.items.filter(
    (item) => item.kind === 'scale' && item.basisfunctie === basisfunctieId,
  );
}

/** All 3-point items of a questionnaire, in question order. */
export function listAllScaleItems(questionnaire: Questionnaire): Item[] {
  return questionnaire.items.filter((item) => item.kind === 'scale');
}

/**
 * Finds a questionnaire by id.
 *
 * @throws {Error} when the instrument has no such questionnaire
 */
export function getQuestionnaire(instrument: Instrument, id: string): Questionnaire {
  const questionnaire = instrument.questionnaires.find((q) => q.id === id);
  if (!questionnaire) {
    throw new Error(`Instrument ${instrument.version} has no questionnaire '${id}'`);
  }
  return questionnaire;
}
