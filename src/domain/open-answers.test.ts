import { describe, expect, it } from 'vitest';
import {
  countOrigins,
  describeOrigin,
  HIGHLIGHT_START as S,
  HIGHLIGHT_STOP as E,
  parsePart,
  redactName,
  splitHighlights,
  stripControlCharacters,
  type OriginMember,
} from './open-answers.ts';

const member = (provinceCode: string, sizeClass: OriginMember['sizeClass']): OriginMember => ({
  provinceCode,
  sizeClass,
});
const repeat = (n: number, m: OriginMember) => Array.from({ length: n }, () => m);

describe('parsePart', () => {
  it.each([
    ['antwoord', 'text'],
    ['toelichting', 'note'],
    ['text', 'text'],
    ['note', 'note'],
    ['Antwoord', null],
    ['', null],
    [null, null],
    [undefined, null],
  ] as const)('%s → %s', (input, expected) => {
    expect(parsePart(input)).toBe(expected);
  });
});

describe('describeOrigin: the anonymisation rule', () => {
  // Gelderland 20.000–50.000: 5 (the cell may be named); Gelderland in all: 7;
  // Flevoland: 3 in all (never named), of which 1 of 100.000–250.000 (a class of 6 nationally);
  // one municipality of unknown size in Gelderland.
  const counts = countOrigins([
    ...repeat(5, member('PV25', '20000-50000')),
    ...repeat(1, member('PV25', 'lt-20000')),
    ...repeat(1, member('PV25', 'onbekend')),
    ...repeat(1, member('PV24', '100000-250000')),
    ...repeat(2, member('PV24', 'lt-20000')),
    ...repeat(5, member('PV27', '100000-250000')),
    ...repeat(1, member('PV20', 'ge-250000')),
  ]);

  it.each([
    // A cell of 5: province and size class.
    [
      member('PV25', '20000-50000'),
      'Gelderland',
      'een gemeente in Gelderland met 20.000–50.000 inwoners',
      'PV25',
      '20000-50000',
    ],
    // A cell of 1 in a province of 7: the province only.
    [member('PV25', 'lt-20000'), 'Gelderland', 'een gemeente in Gelderland', 'PV25', null],
    // Unknown size: never a size, the province where it holds 5.
    [member('PV25', 'onbekend'), 'Gelderland', 'een gemeente in Gelderland', 'PV25', null],
    // A province of 3, in a class of 6: the size class only.
    [
      member('PV24', '100000-250000'),
      'Flevoland',
      'een gemeente met 100.000–250.000 inwoners',
      null,
      '100000-250000',
    ],
    // A province of 3, in a class of 3 (1 + 2): nothing.
    [member('PV24', 'lt-20000'), 'Flevoland', 'een gemeente', null, null],
    // A province of 1 and a class of 1: nothing.
    [member('PV20', 'ge-250000'), 'Groningen', 'een gemeente', null, null],
    // A province that holds no respondents at all (not in the counts): nothing.
    [
      member('PV30', '20000-50000'),
      'Limburg',
      'een gemeente met 20.000–50.000 inwoners',
      null,
      '20000-50000',
    ],
  ] as const)('%o in %s → %s', (who, province, label, provinceCode, sizeClass) => {
    expect(describeOrigin(who, province, counts)).toEqual({ label, provinceCode, sizeClass });
  });

  it('uses the given minimum: with 8 even the cell of 5 and the province of 7 are too small', () => {
    expect(describeOrigin(member('PV25', '20000-50000'), 'Gelderland', counts, 8)).toEqual({
      label: 'een gemeente',
      provinceCode: null,
      sizeClass: null,
    });
  });

  it('counts nothing in an empty round', () => {
    const empty = countOrigins([]);
    expect(empty.province.size).toBe(0);
    expect(describeOrigin(member('PV25', '20000-50000'), 'Gelderland', empty).label).toBe(
      'een gemeente',
    );
  });
});

describe('redactName', () => {
  it.each([
    ['In Zutphen en Zutphen-Noord', 'Zutphen', 'In [gemeente] en [gemeente]-Noord'],
    ['Onze buren helpen', 'Buren', 'Onze buren helpen'],
    ['Gemeente Buren helpt', 'Buren', 'Gemeente [gemeente] helpt'],
    ['Edewecht is geen Ede', 'Ede', 'Edewecht is geen [gemeente]'],
    ["'s-Hertogenbosch (Den Bosch)", "'s-Hertogenbosch", '[gemeente] (Den Bosch)'],
    ['Bergen (NH.) werkt', 'Bergen (NH.)', '[gemeente] werkt'],
    ['niets', '', 'niets'],
    ['', 'Zutphen', ''],
  ])('%s without %s → %s', (text, name, expected) => {
    expect(redactName(text, name)).toBe(expected);
  });
});

describe('splitHighlights', () => {
  it.each([
    ['', []],
    ['geen treffer', [{ text: 'geen treffer', match: false }]],
    [
      `De ${S}vrijwilliger${E} helpt`,
      [
        { text: 'De ', match: false },
        { text: 'vrijwilliger', match: true },
        { text: ' helpt', match: false },
      ],
    ],
    [
      `${S}a${E}${S}b${E}`,
      [
        { text: 'a', match: true },
        { text: 'b', match: true },
      ],
    ],
    // An unclosed marker marks to the end; an empty match leaves no segment.
    [
      `x ${S}y`,
      [
        { text: 'x ', match: false },
        { text: 'y', match: true },
      ],
    ],
    [`${S}${E}z`, [{ text: 'z', match: false }]],
  ] as const)('%j', (marked, expected) => {
    expect(splitHighlights(marked)).toEqual(expected);
  });
});

describe('stripControlCharacters', () => {
  it('removes markers and control characters but keeps line breaks and tabs', () => {
    expect(stripControlCharacters(`a${S}b${E}c\u0000d\ne\tf\r\n`)).toBe('abcd\ne\tf\r\n');
  });
});
