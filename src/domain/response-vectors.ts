/**
 * Compact encodings of one response's answers. The scale vector holds its 3-point answers: one character per 3-point item in
 * question order, '1'..'3' for the points and '0' for not answered. Analyses read these
 * vectors instead of every answer row, which keeps a national analysis cheap at any scale.
 */
import { listAllScaleItems, type Item, type Questionnaire } from './instrument.ts';
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

/** The multiple- and single-choice items of a questionnaire, in question order. */
export function listChoiceItems(questionnaire: Questionnaire): Item[] {
  return questionnaire.items.filter((item) => item.kind === 'multiple' || item.kind === 'single');
}

/**
 * Encodes the choice answers of a questionnaire: per choice item in question order, the
 * chosen options as a bit mask in hexadecimal (bit i = option i), empty when unanswered,
 * joined with '.'.
 *
 * @throws {RangeError} for an option code the item does not have
 * @example encodeChoiceVector(q, new Map([[6, ['jongeren', 'senioren']]])) // '3.…'
 */
export function encodeChoiceVector(
  questionnaire: Questionnaire,
  optionsByQuestion: ReadonlyMap<number, readonly string[]>,
): string {
  return listChoiceItems(questionnaire)
    .map((item) => {
      const chosen = optionsByQuestion.get(item.number);
      if (!chosen || chosen.length === 0) return '';
      let mask = 0;
      for (const code of chosen) {
        const index = (item.options ?? []).findIndex((option) => option.code === code);
        if (index < 0) throw new RangeError(`Question ${item.number} has no option '${code}'`);
        mask |= 1 << index;
      }
      return mask.toString(16);
    })
    .join('.');
}

/**
 * Decodes a choice vector into one bit mask per choice item (0 = unanswered).
 *
 * @throws {RangeError} when the vector does not fit the number of choice items
 * @example decodeChoiceVector('3..1', 3) // [3, 0, 1]
 */
export function decodeChoiceVector(vector: string, itemCount: number): number[] {
  if (itemCount === 0) return [];
  const parts = vector.split('.');
  if (parts.length !== itemCount) {
    throw new RangeError(`Choice vector has ${parts.length} items, expected ${itemCount}`);
  }
  return parts.map((part) => (part === '' ? 0 : Number.parseInt(part, 16)));
}
