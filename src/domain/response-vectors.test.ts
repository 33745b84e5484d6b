import { describe, expect, it } from 'vitest';
import { loadInstrument } from '../instruments/index.ts';
import { getQuestionnaire } from './instrument.ts';
import {
  decodeChoiceVector,
  decodeScaleVector,
  encodeChoiceVector,
  encodeScaleVector,
  listChoiceItems,
} from './response-vectors.ts';

const mantelzorg = getQuestionnaire(loadInstrument('2009'), 'mantelzorg');

describe('scale vectors', () => {
  it('encodes 3-point answers in question order, 0 for unanswered', () => {
    const vector = encodeScaleVector(
      mantelzorg,
      new Map([
        [1, 3],
        [2, 1],
        [17, 2],
      ]),
    );
    expect(vector).toHaveLength(34);
    expect(vector.slice(0, 3)).toBe('310');
    expect(vector[10]).toBe('2'); // item 17 is the 11th 3-point item
    expect(decodeScaleVector(vector, 34).slice(0, 3)).toEqual([3, 1, null]);
  });
  it('rejects bad points and bad vectors', () => {
    expect(() => encodeScaleVector(mantelzorg, new Map([[1, 4]]))).toThrow(RangeError);
    expect(() => decodeScaleVector('12', 3)).toThrow(RangeError);
    expect(() => decodeScaleVector('124', 3)).toThrow(RangeError);
  });
});

describe('choice vectors', () => {
  it('encodes chosen options as hexadecimal bit masks per choice item', () => {
    expect(listChoiceItems(mantelzorg).map((i) => i.number)).toEqual([
      3, 8, 13, 14, 15, 18, 23, 28, 33, 38, 43, 48, 53,
    ]);
    const vector = encodeChoiceVector(
      mantelzorg,
      new Map([
        [3, ['informatie', 'niet-expliciet']],
        [15, ['gt-100000']],
      ]),
    );
    expect(vector).toBe('101....20........');
    expect(decodeChoiceVector(vector, 13)).toEqual([0x101, 0, 0, 0, 0x20, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
  it('rejects an unknown option and a vector of the wrong length', () => {
    expect(() => encodeChoiceVector(mantelzorg, new Map([[18, ['folder']]]))).toThrow(RangeError);
    expect(() => decodeChoiceVector('1.2', 13)).toThrow(RangeError);
    expect(decodeChoiceVector('', 0)).toEqual([]);
  });
});
