import { describe, expect, it } from 'vitest';
import {
  averagePairs,
  compareRises,
  countActionsByBasisfunctie,
  countTalksByProvince,
  describeAgreedActions,
  describeAgreement,
  describeMarkChange,
  percentOf,
  protectRises,
} from './talk-statistics.ts';

const PROVINCES = [
  { code: 'PV20', name: 'Groningen' },
  { code: 'PV27', name: 'Noord-Holland' },
];

describe('countTalksByProvince', () => {
  it('counts talks and distinct municipalities per province and round, every province a row', () => {
    const rows = countTalksByProvince(
      [
        { roundId: 'a', municipalityCode: '0363', provinceCode: 'PV27' },
        { roundId: 'a', municipalityCode: '0363', provinceCode: 'PV27' },
        { roundId: 'a', municipalityCode: '0362', provinceCode: 'PV27' },
        { roundId: 'b', municipalityCode: '0363', provinceCode: 'PV27' },
        { roundId: 'b', municipalityCode: '0014', provinceCode: 'PV99' },
      ],
      ['a', 'b'],
      PROVINCES,
    );
    expect(rows).toEqual([
      { province: 'PV20', name: 'Groningen', talks: [0, 0], municipalities: [0, 0] },
      { province: 'PV27', name: 'Noord-Holland', talks: [3, 1], municipalities: [2, 1] },
    ]);
  });

  it('gives zero rows without talks', () => {
    expect(countTalksByProvince([], ['a'], PROVINCES).map((r) => r.talks)).toEqual([[0], [0]]);
  });
});

describe('countActionsByBasisfunctie', () => {
  const bfs = [
    { questionnaire: 'mantelzorg', basisfunctie: 'respijtzorg', name: 'Respijtzorg' },
    { questionnaire: 'mantelzorg', basisfunctie: 'informatie', name: 'Informatie' },
  ];
  it('counts per status, the total and the overdue ones on today', () => {
    const rows = countActionsByBasisfunctie(
      [
        {
          questionnaire: 'mantelzorg',
          basisfunctie: 'respijtzorg',
          status: 'done',
          dueOn: '2026-01-01',
        },
        {
          questionnaire: 'mantelzorg',
          basisfunctie: 'respijtzorg',
          status: 'planned',
          dueOn: '2026-01-01',
        },
        {
          questionnaire: 'mantelzorg',
          basisfunctie: 'respijtzorg',
          status: 'in_progress',
          dueOn: '2026-12-01',
        },
        {
          questionnaire: 'mantelzorg',
          basisfunctie: 'respijtzorg',
          status: 'dropped',
          dueOn: '2026-01-01',
        },
        {
          questionnaire: 'mantelzorg',
          basisfunctie: 'respijtzorg',
          status: 'planned',
          dueOn: null,
        },
      ],
      bfs,
      '2026-11-26',
    );
    expect(rows[0]).toEqual({
      ...bfs[0],
      byStatus: { planned: 2, in_progress: 1, done: 1, dropped: 1 },
      total: 5,
      overdue: 1,
    });
    expect(rows[1]).toEqual({
      ...bfs[1],
      byStatus: { planned: 0, in_progress: 0, done: 0, dropped: 0 },
      total: 0,
      overdue: 0,
    });
  });

  it('gives actions about an unlisted basisfunctie a row of their own, named by id', () => {
    const rows = countActionsByBasisfunctie(
      [
        {
          questionnaire: 'mantelzorg',
          basisfunctie: 'visie-en-beleid',
          status: 'done',
          dueOn: null,
        },
      ],
      bfs,
      '2026-11-26',
    );
    expect(rows.map((r) => [r.basisfunctie, r.name, r.total])).toEqual([
      ['respijtzorg', 'Respijtzorg', 0],
      ['informatie', 'Informatie', 0],
      ['visie-en-beleid', 'visie-en-beleid', 1],
    ]);
  });
});

describe('compareRises', () => {
  it('counts only municipalities marked in both rounds; an equal mark did not rise', () => {
    const result = compareRises(
      [
        { code: 'a', from: 10 / 3, to: 20 / 3 },
        { code: 'b', from: 5, to: 5 },
        { code: 'c', from: null, to: 5 },
        { code: 'd', from: 5, to: 2.5 },
        { code: 'e', from: 2.5, to: 5 },
        { code: 'f', from: 2.5, to: 5 },
      ],
      new Set(['a', 'b', 'c']),
    );
    expect(result).toEqual({
      withTalk: { municipalities: 2, rose: 1, percentRose: 50 },
      withoutTalk: { municipalities: 3, rose: 2, percentRose: 66.7 },
    });
  });

  it('gives null percentages for empty groups', () => {
    expect(compareRises([], new Set())).toEqual({
      withTalk: { municipalities: 0, rose: 0, percentRose: null },
      withoutTalk: { municipalities: 0, rose: 0, percentRose: null },
    });
  });
});

describe('averagePairs', () => {
  it('averages over the basisfuncties marked in both rounds only', () => {
    expect(
      averagePairs([
        [
          { code: 'a', from: 2, to: 4 },
          { code: 'b', from: null, to: 5 },
        ],
        [
          { code: 'a', from: 4, to: null },
          { code: 'b', from: 5, to: null },
        ],
        [{ code: 'a', from: 6, to: 9 }],
      ]),
    ).toEqual([
      { code: 'a', from: 4, to: 6.5 },
      { code: 'b', from: null, to: null },
    ]);
  });
});

describe('percentOf', () => {
  it('rounds to one decimal and is null for an empty whole', () => {
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(0, 0)).toBeNull();
  });
});

describe('describeAgreedActions', () => {
  it('words the example of the issue', () => {
    expect(
      describeAgreedActions(
        [{ description: 'respijtzorg via vrijwillige thuishulp', status: 'done' }],
        10 / 3,
        20 / 3,
      ),
    ).toBe('Afgesproken: respijtzorg via vrijwillige thuishulp (gedaan). Cijfer van 3,3 naar 6,7.');
  });

  it('lists several actions, drops a trailing full stop, and says when nothing was agreed', () => {
    expect(
      describeAgreedActions(
        [
          { description: 'Mantelzorgcafé starten.', status: 'in_progress' },
          { description: 'Folder', status: 'dropped' },
        ],
        5,
        5,
      ),
    ).toBe(
      'Afgesproken: Mantelzorgcafé starten (in uitvoering); Folder (vervallen). Cijfer van 5,0 naar 5,0.',
    );
    expect(describeAgreedActions([], null, 5)).toBe(
      'Geen acties afgesproken. Cijfer 5,0; er is geen eerder cijfer.',
    );
  });

  it('words the agreement alone for a basisfunctie without a mark', () => {
    expect(describeAgreement([{ description: 'Beursvloer', status: 'dropped' }])).toBe(
      'Afgesproken: Beursvloer (vervallen).',
    );
  });

  it('describes missing marks', () => {
    expect(describeMarkChange(5, null)).toBe('Cijfer van 5,0 naar geen cijfer.');
    expect(describeMarkChange(null, null)).toBe('Geen cijfer in deze en de vorige meting.');
  });
});

describe('protectRises', () => {
  const comparison = {
    withTalk: { municipalities: 4, rose: 1, percentRose: 25 },
    withoutTalk: { municipalities: 5, rose: 2, percentRose: 40 },
  };
  it('withholds the share of a group under the minimum for municipality accounts, keeping its size', () => {
    expect(protectRises(comparison, 5, true)).toEqual({
      withTalk: { municipalities: 4, rose: null, percentRose: null, suppressed: true },
      withoutTalk: { municipalities: 5, rose: 2, percentRose: 40, suppressed: false },
    });
  });
  it('withholds nothing for staff', () => {
    expect(protectRises(comparison, 5, false).withTalk).toEqual({
      municipalities: 4,
      rose: 1,
      percentRose: 25,
      suppressed: false,
    });
  });
});
