/**
 * Every respondent's own marks: the per-municipality view behind the report's comparisons
 * (the distribution of marks in a group, the regional view). The national analysis counts
 * the same marks; both score with the one scorer of scoring.ts.
 */
import { listAllScaleItems, type Instrument, type Questionnaire } from './instrument.ts';
import { decodeScaleVector } from './response-vectors.ts';
import { createScorer, type ItemPoints, type MarkResult } from './scoring.ts';
import type { ResponseVector } from './analysis.ts';

/** The marks of one municipality in one questionnaire, in the order of its basisfuncties. */
export interface QuestionnaireMarks {
  readonly municipalityCode: string;
  readonly questionnaire: string;
  /** The 3-point answers, keyed by question number (null = not answered). */
  readonly points: ReadonlyMap<number, ItemPoints>;
  readonly marks: readonly MarkResult[];
}

/**
 * Scores one scale vector: per basisfunctie of the questionnaire (in its order), the mark of
 * the answered items.
 *
 * @throws {RangeError} when the vector does not fit the questionnaire
 * @example scoreScaleVector(instrument, vrijwilligerswerk, '3322…').marks[0].goed // true
 */
export function scoreScaleVector(
  instrument: Instrument,
  questionnaire: Questionnaire,
  scaleVector: string,
): { readonly points: ReadonlyMap<number, ItemPoints>; readonly marks: readonly MarkResult[] } {
  const scorer = createScorer(instrument.scoring);
  const scaleItems = listAllScaleItems(questionnaire);
  const decoded = decodeScaleVector(scaleVector, scaleItems.length);
  const points = new Map<number, ItemPoints>();
  scaleItems.forEach((item, position) => points.set(item.number, decoded[position] ?? null));
  const marks = questionnaire.basisfuncties.map((basisfunctie) => {
    let sum = 0;
    let answered = 0;
    let total = 0;
    scaleItems.forEach((item, position) => {
      if (item.basisfunctie !== basisfunctie.id) return;
      total += 1;
      const value = decoded[position];
      if (value) {
        sum += value;
        answered += 1;
      }
    });
    return scorer({ sum, answered, total: Math.max(total, 1) });
  });
  return { points, marks };
}

/**
 * Scores every response that has at least one answer (the respondents of the analysis).
 *
 * @throws {Error} for a response to a questionnaire the instrument does not have
 */
export function scoreResponses(
  instrument: Instrument,
  responses: readonly ResponseVector[],
): QuestionnaireMarks[] {
  const byId = new Map(instrument.questionnaires.map((q) => [q.id, q]));
  return responses
    .filter((response) => response.answerCount > 0)
    .map((response) => {
      const questionnaire = byId.get(response.questionnaire);
      if (!questionnaire) throw new Error(`Unknown questionnaire '${response.questionnaire}'`);
      return {
        municipalityCode: response.municipalityCode,
        questionnaire: questionnaire.id,
        ...scoreScaleVector(instrument, questionnaire, response.scaleVector),
      };
    });
}
