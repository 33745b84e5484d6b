/**
 * Figures of a group of municipalities computed from their own marks: the neighbours and a
 * user's peer set, which the national analysis has no breakdown for. The counting is that of
 * the analysis (share 'goed' over the respondents with a mark, mean mark to one decimal), so
 * a group that is also a breakdown of the analysis gets the same figures.
 */
import { computeMeanMark } from './analysis.ts';
import type { MarkResult } from './scoring.ts';
import { percentage } from './statistics.ts';

export interface GroupFigure {
  /** Municipalities with a mark for this basisfunctie. */
  readonly respondents: number;
  readonly goed: number;
  /** percentage(goed, respondents), one decimal; null without respondents. */
  readonly percentGoed: number | null;
  /** Mean of the marks, one decimal; null without respondents. */
  readonly meanMark: number | null;
}

/**
 * Summarises the marks of a group: goed = marks in the 'goed voor elkaar' band; marks without
 * a value (too few items answered) are left out, as in the national analysis.
 *
 * percentGoed = 100 × goed / respondents; meanMark = Σ mark / respondents, both to one decimal.
 *
 * @example summarizeMarks([]) // { respondents: 0, goed: 0, percentGoed: null, meanMark: null }
 */
export function summarizeMarks(marks: readonly MarkResult[]): GroupFigure {
  let respondents = 0;
  let goed = 0;
  for (const result of marks) {
    if (result.status !== 'scored') continue;
    respondents += 1;
    if (result.goed) goed += 1;
  }
  return {
    respondents,
    goed,
    percentGoed: percentage(goed, respondents),
    // The analysis's own mean, exact over the fractions: the same figure for the same members.
    meanMark: computeMeanMark(marks.map((result) => result.mark)),
  };
}
