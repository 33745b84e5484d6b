/**
 * Lineage between two registers: which municipalities of an earlier register each
 * municipality of a later register continues, and with what share of their territory.
 * Pure: the successor rows come from the reference data (data/municipalities).
 */

export type SuccessorRelation = 'unchanged' | 'merged' | 'split';

/** One row of the successor mapping (municipalities_2009_to_2025.csv). */
export interface SuccessorLink {
  readonly code2009: string;
  /** The primary successor: the one with the largest area share. */
  readonly successorCode: string;
  readonly relation: SuccessorRelation;
  /** Every successor; more than one only for a split. */
  readonly allSuccessorCodes: readonly string[];
  /** Share of the earlier territory in the primary successor; null where not measured. */
  readonly overlayPrimaryShare: number | null;
}

/** A municipality of the earlier register that a later municipality continues. */
export interface Predecessor {
  readonly code: string;
  readonly relation: SuccessorRelation;
  /** The share of the predecessor's territory that went to this successor, 0 < share ≤ 1. */
  readonly share: number;
  /** False when the share is an assumption (a split without measured area shares). */
  readonly shareMeasured: boolean;
}

/**
 * The share of a predecessor's territory that went to one of its successors.
 *
 * Formula: unchanged or merged → 1 (the whole territory went to one successor; overlay
 * remainders of a few percent are generalisation artefacts, see data/municipalities/README.md).
 * Split with n successors and measured primary share p → p for the primary, (1 − p)/(n − 1)
 * for each other successor. Split without a measured share → 1/n for each.
 *
 * @example computeShare({ relation: 'split', successorCode: 'A', allSuccessorCodes: ['A', 'B'], overlayPrimaryShare: 0.8, code2009: 'X' }, 'B') // 0.2 (up to rounding)
 */
export function computeShare(
  link: SuccessorLink,
  successorCode: string,
): { share: number; measured: boolean } {
  if (link.relation !== 'split') return { share: 1, measured: true };
  const n = link.allSuccessorCodes.length;
  if (link.overlayPrimaryShare === null || n < 2) return { share: 1 / n, measured: false };
  const p = link.overlayPrimaryShare;
  return successorCode === link.successorCode
    ? { share: p, measured: true }
    : { share: (1 - p) / (n - 1), measured: true };
}

/**
 * For each later municipality, the earlier municipalities it continues, ordered by code.
 * A split predecessor appears under each of its successors with its share.
 */
export function mapPredecessors(links: readonly SuccessorLink[]): Map<string, Predecessor[]> {
  const result = new Map<string, Predecessor[]>();
  for (const link of links) {
    const successors = link.relation === 'split' ? link.allSuccessorCodes : [link.successorCode];
    for (const successorCode of successors) {
      const { share, measured } = computeShare(link, successorCode);
      const list = result.get(successorCode) ?? [];
      list.push({ code: link.code2009, relation: link.relation, share, shareMeasured: measured });
      result.set(successorCode, list);
    }
  }
  for (const list of result.values()) list.sort((a, b) => a.code.localeCompare(b.code));
  return result;
}

/** The identity lineage: two rounds on the same register. */
export function mapIdentity(codes: readonly string[]): Map<string, Predecessor[]> {
  return new Map(
    codes.map((code) => [code, [{ code, relation: 'unchanged', share: 1, shareMeasured: true }]]),
  );
}
