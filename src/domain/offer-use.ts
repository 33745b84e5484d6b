/**
 * Offer versus use ('aanbod versus bereik', mantelzorg): per function, whether the
 * municipality offers it ('Zorgt de gemeente voor …') and whether carers use it ('Maken
 * mantelzorgers gebruik van …'). The 2009 report found that support is often offered but
 * reaches few carers; this says so plainly for one municipality and places it among the others.
 */
import type { OfferUsePair, Questionnaire } from './instrument.ts';
import type { ItemPoints } from './scoring.ts';
import { percentage } from './statistics.ts';

/** The points of the offer and the use item of one function (null = not answered). */
export interface OfferUsePoints {
  readonly offer: ItemPoints;
  readonly use: ItemPoints;
}

/**
 * - `offer-and-use`: offered (2 or 3) and used at least as well as offered;
 * - `use-lags`: offered (2 or 3), but use is lower than the offer or 'Nee';
 * - `no-offer`: the offer item is answered 'Nee';
 * - `unanswered`: the offer item, or the use of an offered function, is not answered.
 */
export type OfferUseVerdict = 'offer-and-use' | 'use-lags' | 'no-offer' | 'unanswered';

/** One respondent: its municipality and its 3-point answers by question number. */
export interface OfferUseRespondent {
  readonly municipalityCode: string;
  readonly points: ReadonlyMap<number, ItemPoints>;
}

export interface OfferUseNational {
  /** Respondents that answered both items. */
  readonly respondents: number;
  /** % of them with the offer 'Ja, goed voor elkaar' (3). */
  readonly percentOfferGoed: number | null;
  /** % of them with the use 'Ja, goed voor elkaar' (3). */
  readonly percentUseGoed: number | null;
  /** % of them where use lags behind the offer. */
  readonly percentUseLags: number | null;
}

/** Where the municipality's use stands among the other municipalities that answered it. */
export interface OfferUsePosition {
  /** Other municipalities that answered the use item. */
  readonly compared: number;
  /** How many of them have a lower, equal or higher use answer. */
  readonly lower: number;
  readonly equal: number;
  readonly higher: number;
  readonly percentLower: number | null;
  readonly percentEqual: number | null;
  readonly percentHigher: number | null;
}

export interface OfferUseRow {
  readonly pair: OfferUsePair;
  readonly basisfunctieName: string;
  readonly own: OfferUsePoints;
  readonly verdict: OfferUseVerdict;
  /** The verdict as one plain Dutch sentence. */
  readonly sentence: string;
  readonly national: OfferUseNational;
  /** Null when the municipality did not answer the use item. */
  readonly position: OfferUsePosition | null;
}

/**
 * The verdict of one pair of answers.
 *
 * @example judgeOfferUse({ offer: 3, use: 2 }) // 'use-lags'
 * @example judgeOfferUse({ offer: 2, use: 2 }) // 'offer-and-use'
 * @example judgeOfferUse({ offer: 1, use: 3 }) // 'no-offer'
 */
export function judgeOfferUse(points: OfferUsePoints): OfferUseVerdict {
  if (points.offer === null) return 'unanswered';
  if (points.offer === 1) return 'no-offer';
  if (points.use === null) return 'unanswered';
  return points.use === 1 || points.use < points.offer ? 'use-lags' : 'offer-and-use';
}

/**
 * The verdict as a sentence, naming what is offered (`subject`, as it reads after 'zorgt voor').
 *
 * @example describeOfferUse('use-lags', 'respijtzorg')
 * // 'De gemeente zorgt voor respijtzorg, maar mantelzorgers maken er nog weinig gebruik van.'
 */
export function describeOfferUse(verdict: OfferUseVerdict, subject: string): string {
  switch (verdict) {
    case 'offer-and-use':
      return `De gemeente zorgt voor ${subject}, en mantelzorgers maken er ook gebruik van.`;
    case 'use-lags':
      return `De gemeente zorgt voor ${subject}, maar mantelzorgers maken er nog weinig gebruik van.`;
    case 'no-offer':
      return `De gemeente zorgt nog niet voor ${subject}.`;
    case 'unanswered':
      return `Over het aanbod en het gebruik van ${subject} is te weinig ingevuld om iets te zeggen.`;
  }
}

function pointsOf(points: ReadonlyMap<number, ItemPoints>, pair: OfferUsePair): OfferUsePoints {
  return { offer: points.get(pair.offer) ?? null, use: points.get(pair.use) ?? null };
}

/**
 * Offer versus use for every pair of the questionnaire.
 *
 * National figures are over all respondents that answered both items of the pair (the
 * municipality itself included); the position compares the municipality's use answer with
 * that of every other respondent that answered the use item.
 *
 * @param own the municipality's 3-point answers by question number (empty when it has none)
 * @param everyone every respondent of the round to this questionnaire
 * @example
 * // Respijtzorg is pair 6 of mantelzorg 2009 (items 42 and 44).
 * analyseOfferUse(mantelzorg, '0363', new Map([[42, 3], [44, 1]]), everyone)[5].verdict // 'use-lags'
 */
export function analyseOfferUse(
  questionnaire: Questionnaire,
  municipalityCode: string,
  own: ReadonlyMap<number, ItemPoints>,
  everyone: readonly OfferUseRespondent[],
): OfferUseRow[] {
  return (questionnaire.offerUse ?? []).map((pair) => {
    const ownPoints = pointsOf(own, pair);
    const verdict = judgeOfferUse(ownPoints);
    const answeredBoth = everyone
      .map((respondent) => pointsOf(respondent.points, pair))
      .filter((points) => points.offer !== null && points.use !== null);
    const n = answeredBoth.length;
    const national: OfferUseNational = {
      respondents: n,
      percentOfferGoed: percentage(answeredBoth.filter((p) => p.offer === 3).length, n),
      percentUseGoed: percentage(answeredBoth.filter((p) => p.use === 3).length, n),
      percentUseLags: percentage(
        answeredBoth.filter((p) => judgeOfferUse(p) === 'use-lags').length,
        n,
      ),
    };
    let position: OfferUsePosition | null = null;
    const ownUse = ownPoints.use;
    if (ownUse !== null) {
      const others = everyone
        .filter((respondent) => respondent.municipalityCode !== municipalityCode)
        .map((respondent) => respondent.points.get(pair.use) ?? null)
        .filter((use): use is number => use !== null);
      const lower = others.filter((use) => use < ownUse).length;
      const equal = others.filter((use) => use === ownUse).length;
      const higher = others.length - lower - equal;
      position = {
        compared: others.length,
        lower,
        equal,
        higher,
        percentLower: percentage(lower, others.length),
        percentEqual: percentage(equal, others.length),
        percentHigher: percentage(higher, others.length),
      };
    }
    return {
      pair,
      basisfunctieName:
        questionnaire.basisfuncties.find((b) => b.id === pair.basisfunctie)?.name ??
        pair.basisfunctie,
      own: ownPoints,
      verdict,
      sentence: describeOfferUse(verdict, pair.subject),
      national,
      position,
    };
  });
}
