import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from './csv.ts';

describe('parseCsv', () => {
  it.each([
    [
      'a,b\n1,2\n',
      ',',
      [
        [1, ['a', 'b']],
        [2, ['1', '2']],
      ],
    ],
    [
      'a;b\r\n1;2',
      ';',
      [
        [1, ['a', 'b']],
        [2, ['1', '2']],
      ],
    ],
    [
      '\uFEFFa,b\r1,2\r',
      ',',
      [
        [1, ['a', 'b']],
        [2, ['1', '2']],
      ],
    ],
    [
      'a,b\n\n\n1,2\n',
      ',',
      [
        [1, ['a', 'b']],
        [4, ['1', '2']],
      ],
    ],
    [
      'a,"x\r\ny"\n1,2\n',
      ',',
      [
        [1, ['a', 'x\r\ny']],
        [3, ['1', '2']],
      ],
    ],
    ['"he said ""ja""",,\n', ',', [[1, ['he said "ja"', '', '']]]],
    ['a\tb\n', '\t', [[1, ['a', 'b']]]],
    ['', ',', []],
  ])('%j', (text, delimiter, expected) => {
    expect(parseCsv(text, delimiter).map((r) => [r.line, r.cells])).toEqual(expected);
  });

  it('reports where an unclosed quote starts', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n', ',')).toThrow(CsvSyntaxError);
    try {
      parseCsv('a,b\n1,"open\n2,3\n', ',');
    } catch (error) {
      expect((error as CsvSyntaxError).line).toBe(2);
    }
  });
});
