/**
 * A compact encoding of one response's 3-point answers: one character per 3-point item in
 * question order, '1'..'3' for the points and '0' for not answered. Analyses read these
 * vectors instead of every answer row, which keeps a national analysis cheap at any scale.
 */
import { listAllScaleItems, type Questionnaire } from './instrument.ts';
import type { ItemPoints } from './scoring.ts';

/**
 * Encodes the 3-point answers of a questionnaire.
 *
 * @throws {RangeError} when an answer is not 1, 2 or 3
 * @example encodeScaleVector(q, new Map([[1, 3], [2, 1]])) // '31000…'
 */
export function encodeScaleVector(
  questionnaire: Questionnaire,
  pointsByQuestion: ReadonlyMap<number, number>,
): string {
  return listAllScaleItems(questionnaire)
    .map((item) => {
      const points = pointsByQuestion.get(item.number);
      if (points === undefined) return '0';
      if (points !== 1 && points !== 2 && points !== 3) {
        throw new RangeError(`Question ${item.number}: points must be 1, 2 or 3, got ${points}`);
      }
      return String(points);
    })
    .join('');
}

/**
 * Decodes a scale vector into item points (null = not answered).
 *
 * @throws {RangeError} when the vector has another length than expected or a bad character
 * @example decodeScaleVector('302', 3) // [3, null, 2]
 */
export function decodeScaleVector(vector: string, expectedLength: number): ItemPoints[] {
  if (vector.length !== expectedLength) {
    throw new RangeError(`Scale vector has ${vector.length} items, expected ${expectedLength}`);
  }
  const points: ItemPoints[] = new Array<ItemPoints>(vector.length);
  for (let i = 0; i < vector.length; i += 1) {
    const code = vector.charCodeAt(i) - 48;
    if (code < 0 || code > 3) throw new RangeError(`Bad scale vector character '${vector[i]}'`);
    points[i] = code === 0 ? null : code;
  }
  return points;
}
