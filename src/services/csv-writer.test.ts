import { describe, expect, it } from 'vitest';
import { neutralizeFormula, toCsvCell, writeCsv } from './csv-writer.ts';

describe('neutralizeFormula', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+31 20 123 4567', "'+31 20 123 4567"],
    ['-5', "'-5"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\tverborgen', "'\tverborgen"],
    ['\rverborgen', "'\rverborgen"],
    ['=HYPERLINK("http://x";"klik")', '\'=HYPERLINK("http://x";"klik")'],
  ])('puts a quote before %j', (cell, safe) => {
    expect(neutralizeFormula(cell)).toBe(safe);
  });

  it.each([
    ['Ja, goed voor elkaar'],
    [''],
    ['– (en dash, not a minus)'],
    ['a=b'],
    ["'=al veilig"],
    [' =begint met een spatie'],
  ])('leaves %j as it is', (cell) => {
    expect(neutralizeFormula(cell)).toBe(cell);
  });
});

describe('toCsvCell', () => {
  it.each([
    ['Ja', 'Ja'],
    ['a;b', '"a;b"'],
    ['a,b', 'a,b'], // the separator is ';'
    ['zei "ja"', '"zei ""ja"""'],
    ['regel 1\nregel 2', '"regel 1\nregel 2"'],
    ['regel 1\r\nregel 2', '"regel 1\r\nregel 2"'],
    [' spatie voor', '" spatie voor"'],
    ['spatie na ', '"spatie na "'],
    ['Súdwest-Fryslân – één €', 'Súdwest-Fryslân – één €'],
    ['-5', "'-5"],
    ['=1;2', '"\'=1;2"'], // neutralized first, then quoted
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['\rx', '"\'\rx"'],
    ['\tx', "'\tx"],
    ['', ''],
  ])('writes %j as %j', (value, cell) => {
    expect(toCsvCell(value)).toBe(cell);
  });

  it('writes nothing for empty values and numbers as they are', () => {
    expect(toCsvCell(null)).toBe('');
    expect(toCsvCell(undefined)).toBe('');
    expect(toCsvCell(17)).toBe('17');
  });
});

describe('writeCsv', () => {
  it('starts with a byte order mark and ends every line with CRLF', () => {
    expect(
      writeCsv([
        ['Wie', 'Wat'],
        ['Anna', 'a;b'],
        ['', null],
      ]),
    ).toBe('\uFEFFWie;Wat\r\nAnna;"a;b"\r\n;\r\n');
  });

  it('is only the byte order mark without rows', () => {
    expect(writeCsv([])).toBe('\uFEFF');
  });
});
