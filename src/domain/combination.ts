/**
 * Combining the marks of several predecessors into one baseline (decision 019). A municipality
 * of a later register may continue several municipalities of an earlier one (a merger), or part
 * of one (a split); its baseline in the earlier round is a combination of their marks.
 * Pure: the caller supplies the marks, populations and territory shares.
 */
import type { Band, ScoringRule } from './instrument.ts';

/** How the marks of several predecessors become one baseline (decision 019). */
export const COMBINATION_RULES = [
  'gewogen-gemiddelde',
  'aandeel-goed',
  'grootste-voorganger',
] as const;
export type CombinationRule = (typeof COMBINATION_RULES)[number];

/** The default rule (decision 019): the population-weighted mean mark. */
export const DEFAULT_COMBINATION_RULE: CombinationRule = 'gewogen-gemiddelde';

/** Dutch names of the rules, for pages, reports and the CLI. */
export const COMBINATION_RULE_LABELS: Record<CombinationRule, string> = {
  'gewogen-gemiddelde': 'gewogen gemiddeld cijfer (naar inwoners)',
  'aandeel-goed': "aandeel voorgangers 'goed voor elkaar' (naar inwoners)",
  'grootste-voorganger': 'cijfer van de grootste voorganger',
};

/** The band id of a municipality without a mark. */
export const NO_MARK = 'geen-cijfer';

/** One predecessor's mark with what it weighs. */
export interface PredecessorInput {
  /** The predecessor's mark on the 0–10 scale; null when it has none (no answers, too few). */
  readonly mark: number | null;
  /** The band of that mark (null without a mark). */
  readonly band: string | null;
  /** Inhabitants of the predecessor in the earlier register; null when unknown. */
  readonly population: number | null;
  /** Share of its territory that went to this successor, 0 < share ≤ 1 (lineage.ts). */
  readonly share: number;
}

export interface CombinedMark {
  /** The combined mark; null when no predecessor has a mark or a weight is unknown. */
  readonly mark: number | null;
  /** The band id of the combined baseline, or 'geen-cijfer'. */
  readonly band: string;
}

/**
 * The band a (combined) mark falls in: the band with the highest lower bound it reaches.
 *
 * @throws {RangeError} when the mark is below the first band
 * @example findBandOfMark(6.2, DEFAULT_SCORING_RULE.bands) // 'goed-voor-elkaar'
 */
export function findBandOfMark(mark: number, bands: readonly Band[]): string {
  let found: string | undefined;
  for (const band of bands) if (mark >= band.from) found = band.id;
  if (found === undefined) throw new RangeError(`Mark ${mark} is below every band`);
  return found;
}

/**
 * Combines the predecessors' marks of one basisfunctie into one baseline.
 *
 * Predecessors without a mark are left out (the baseline rests on those that were measured);
 * with none left the result is 'geen-cijfer'. The weight of a predecessor is w = population ×
 * share. When a population of a predecessor with a mark is unknown, its weight is unknown and
 * no weight is guessed: with more than one marked predecessor the result is 'geen-cijfer'
 * (a single marked predecessor needs no weight and keeps its mark).
 *
 * - `gewogen-gemiddelde`: mark = Σ wᵢ·markᵢ / Σ wᵢ; band = the band of that mark.
 * - `aandeel-goed`: g = Σ_{goed} wᵢ / Σ wᵢ. When g ≥ ½ the band is the goed band; otherwise the
 *   band with the largest total weight among the other predecessors (a tie goes to the lower
 *   band). The mark is the weighted mean of the predecessors in that band, so mark and band agree.
 * - `grootste-voorganger`: the mark and band of the predecessor with the largest w (a tie goes to
 *   the one listed first, the lowest code).
 *
 * A single marked predecessor (unchanged, or one part of a split) yields its own mark and band
 * under every rule.
 *
 * @throws {RangeError} for a share outside (0, 1] or a negative population
 * @example
 * // Appingedam 7,5 (12 000 inw.), Delfzijl 5,0 (25 000), Loppersum 2,5 (10 000)
 * combineMarks(inputs, 'gewogen-gemiddelde', rule) // { mark: 5.05…, band: 'op-de-goede-weg' }
 */
export function combineMarks(
  predecessors: readonly PredecessorInput[],
  rule: CombinationRule,
  scoring: ScoringRule,
): CombinedMark {
  for (const p of predecessors) {
    if (!(p.share > 0 && p.share <= 1))
      throw new RangeError(`Share must be in (0, 1], got ${p.share}`);
    if (p.population !== null && p.population < 0) {
      throw new RangeError(`Population must not be negative, got ${p.population}`);
    }
  }
  const marked = predecessors.filter(
    (p): p is PredecessorInput & { mark: number; band: string } =>
      p.mark !== null && p.band !== null,
  );
  const [only] = marked;
  if (only === undefined) return { mark: null, band: NO_MARK };
  if (marked.length === 1) return { mark: only.mark, band: only.band };
  if (marked.some((p) => p.population === null)) return { mark: null, band: NO_MARK };
  const weighted = marked.map((p) => ({ ...p, weight: (p.population ?? 0) * p.share }));
  const total = weighted.reduce((sum, p) => sum + p.weight, 0);
  if (total <= 0) return { mark: null, band: NO_MARK };
  const meanOf = (list: readonly { mark: number; weight: number }[]): number => {
    const weight = list.reduce((sum, p) => sum + p.weight, 0);
    return list.reduce((sum, p) => sum + p.weight * p.mark, 0) / weight;
  };
  switch (rule) {
    case 'gewogen-gemiddelde': {
      const mark = meanOf(weighted);
      return { mark, band: findBandOfMark(mark, scoring.bands) };
    }
    case 'grootste-voorganger': {
      let largest = weighted[0];
      for (const p of weighted) if (largest === undefined || p.weight > largest.weight) largest = p;
      return largest ? { mark: largest.mark, band: largest.band } : { mark: null, band: NO_MARK };
    }
    case 'aandeel-goed': {
      const goed = weighted.filter((p) => p.band === scoring.goedBand);
      const goedWeight = goed.reduce((sum, p) => sum + p.weight, 0);
      if (goedWeight * 2 >= total) return { mark: meanOf(goed), band: scoring.goedBand };
      let best: { band: string; weight: number } | undefined;
      for (const band of scoring.bands) {
        if (band.id === scoring.goedBand) continue;
        const weight = weighted
          .filter((p) => p.band === band.id)
          .reduce((sum, p) => sum + p.weight, 0);
        if (weight > 0 && (best === undefined || weight > best.weight))
          best = { band: band.id, weight };
      }
      if (best === undefined) return { mark: meanOf(goed), band: scoring.goedBand };
      const chosen = best.band;
      return { mark: meanOf(weighted.filter((p) => p.band === chosen)), band: chosen };
    }
  }
}
