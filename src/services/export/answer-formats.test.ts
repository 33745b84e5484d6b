/**
 * The answers export's names and files, on a small hand-made dataset: SPSS-safe names, the
 * SPSS syntax with quotes in labels, the data file's quoting, and the CSV's.
 */
import { describe, expect, it } from 'vitest';
import { loadInstrument } from '../../instruments/index.ts';
import { createRational } from '../../domain/rational.ts';
import {
  listExportVariables,
  markVariableName,
  MAX_NAME_BYTES,
  provinceValue,
  type ExportVariable,
} from './answer-variables.ts';
import {
  cutToBytes,
  toSpssDataCell,
  toSpssLiteral,
  toSpssString,
  writeAnswersCsv,
  writeSpssData,
  writeSpssSyntax,
} from './answer-formats.ts';
import { roundMark, type AnswersDataset } from './answers-export.ts';

const instrument = loadInstrument('2009');
const SPSS_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

describe('variable names', () => {
  it('are SPSS-safe, unique and at most 64 bytes in both questionnaires', () => {
    for (const questionnaire of instrument.questionnaires) {
      const names = listExportVariables(instrument, questionnaire, []).map((v) => v.name);
      expect(new Set(names).size).toBe(names.length);
      for (const name of names) {
        expect(name).toMatch(SPSS_NAME);
        expect(Buffer.byteLength(name)).toBeLessThanOrEqual(MAX_NAME_BYTES);
      }
    }
  });

  it('follow the scheme of the codebook', () => {
    const mantelzorg = instrument.questionnaires[1];
    const names = listExportVariables(instrument, mantelzorg as never, []).map((v) => v.name);
    expect(names.slice(0, 5)).toEqual([
      'gemeentecode',
      'gemeente',
      'provincie',
      'grootteklasse',
      'groep',
    ]);
    expect(names).toContain('vraag_17'); // 3-point
    expect(names).toContain('vraag_3_9'); // multiple choice, option 9
    expect(names).toContain('vraag_15'); // single choice
    expect(names).toContain('vraag_16_tekst'); // open
    expect(names).toContain('cijfer_financiele_tegemoetkoming');
    expect(names.at(-1)).toBe('aantal_goed');
  });

  it.each([
    ['verbinden-en-makelen', 'cijfer_verbinden_en_makelen'],
    ['Visie en beleid', 'cijfer_visie_en_beleid'],
    ['x'.repeat(80), `cijfer_${'x'.repeat(57)}`],
  ])('names the mark of %s %s', (id, name) => {
    expect(markVariableName(id)).toBe(name);
  });

  it('codes a province by the number of its CBS code', () => {
    expect(provinceValue('PV27')).toBe(27);
    expect(() => provinceValue('Noord-Holland')).toThrow(RangeError);
  });

  it.each([
    [20, 3, 6.67],
    [49, 8, 6.13], // 6.125: half away from zero, from the fraction
    [-49, 8, -6.13],
    [10, 1, 10],
  ])('rounds the mark %i/%i to %d', (num, den, expected) => {
    expect(roundMark(createRational(num, den))).toBe(expected);
  });
});

const variables: ExportVariable[] = [
  {
    name: 'gemeentecode',
    label: 'Gemeentecode',
    type: 'string',
    decimals: 0,
    level: 'nominal',
    values: [],
    source: { kind: 'code' },
  },
  {
    name: 'vraag_1',
    label: 'Heeft \'s-Hertogenbosch een "visie"?\nTweede regel',
    type: 'numeric',
    decimals: 0,
    level: 'ordinal',
    values: [
      { value: 1, label: "Nee, 'nooit'" },
      { value: 3, label: 'Ja' },
    ],
    source: { kind: 'scale', question: 1, position: 0 },
  },
  {
    name: 'cijfer_x',
    label: 'Cijfer',
    type: 'numeric',
    decimals: 2,
    level: 'scale',
    values: [],
    source: { kind: 'mark', basisfunctie: 0 },
  },
  {
    name: 'vraag_2_tekst',
    label: 'Toelichting',
    type: 'string',
    decimals: 0,
    level: 'nominal',
    values: [],
    source: { kind: 'text', question: 2 },
  },
];

const dataset: AnswersDataset = {
  roundId: 'r1',
  roundName: "Meting '26",
  synthetic: true,
  instrumentVersion: '2009',
  questionnaire: { id: 'mantelzorg', name: 'Mantelzorg' },
  scope: 'all',
  filter: null,
  variables,
  rows: [
    ['0363', 3, 7.5, 'zei "ja", en; =SOM()\nnieuwe regel'],
    ['0014', null, null, null],
    ['0796', 1, 6.67, '-min'],
  ],
};

describe('the SPSS syntax', () => {
  it('doubles single quotes in labels and puts line breaks on one line', () => {
    expect(toSpssString("'s-Hertogenbosch", 255)).toBe("'''s-Hertogenbosch'");
    expect(toSpssString('een\r\ntwee', 255)).toBe("'een twee'");
  });

  it('splits a long label into literals joined by + on short lines', () => {
    const literal = toSpssLiteral(`${'a'.repeat(79)}'${'b'.repeat(100)}`, 255);
    expect(literal).toBe(
      `'${'a'.repeat(79)}''' +\n      '${'b'.repeat(80)}' +\n      '${'b'.repeat(20)}'`,
    );
    for (const line of literal.split('\n')) expect(Buffer.byteLength(line)).toBeLessThan(200);
  });

  it('cuts labels to the SPSS limit in bytes without splitting a character', () => {
    expect(cutToBytes('éé', 3)).toBe('é');
    expect(toSpssString('ë'.repeat(200), 255)).toBe(`'${'ë'.repeat(127)}'`);
  });

  it('reads the data file with every variable, label, value label and level', () => {
    const syntax = writeSpssSyntax(dataset, 'r1-mantelzorg.dat');
    expect(syntax).toContain("/FILE='r1-mantelzorg.dat'");
    expect(syntax).toContain('    gemeentecode A4\n    vraag_1 F2.0\n    cijfer_x F6.2\n');
    // The widest text in bytes: 'zei "ja", en; =SOM() nieuwe regel' is 33.
    expect(syntax).toContain('    vraag_2_tekst A33.\n');
    expect(syntax).toContain(`  /vraag_1 'Heeft ''s-Hertogenbosch een "visie"? Tweede regel'`);
    expect(syntax).toContain("VALUE LABELS\n  vraag_1\n    1 'Nee, ''nooit'''\n    3 'Ja'.");
    expect(syntax).toContain('  /vraag_1 (ORDINAL)\n  /cijfer_x (SCALE)');
    expect(syntax).toContain("FILE LABEL 'Meting ''26, Mantelzorg (synthetisch)'.");
    expect(syntax.trimEnd().endsWith('EXECUTE.')).toBe(true);
  });
});

describe('the SPSS data file', () => {
  it('quotes texts, doubles their quotes, flattens line breaks and leaves missing numbers empty', () => {
    expect(writeSpssData(dataset).split('\n')).toEqual([
      'gemeentecode,vraag_1,cijfer_x,vraag_2_tekst',
      '"0363",3,7.50,"zei ""ja"", en; =SOM() nieuwe regel"',
      '"0014",,,""',
      '"0796",1,6.67,"-min"',
      '',
    ]);
    expect(toSpssDataCell(null, variables[1] as ExportVariable)).toBe('');
  });
});

describe('the CSV file', () => {
  it('quotes as every CSV of the app, with a decimal comma for marks', () => {
    expect(writeAnswersCsv(dataset)).toBe(
      '\uFEFFgemeentecode;vraag_1;cijfer_x;vraag_2_tekst\r\n' +
        '0363;3;7,50;"zei ""ja"", en; =SOM()\nnieuwe regel"\r\n' +
        '0014;;;\r\n' +
        "0796;1;6,67;'-min\r\n",
    );
  });
});
