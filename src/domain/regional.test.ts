import { describe, expect, it } from 'vitest';
import {
  computeRegion,
  joinDutch,
  type RegionBasisfunctie,
  type RegionMark,
  type RegionMember,
} from './regional.ts';

const informatie: RegionBasisfunctie = {
  questionnaire: 'mantelzorg',
  id: 'informatie',
  name: 'Informatie',
  official: true,
};
const visie: RegionBasisfunctie = {
  questionnaire: 'mantelzorg',
  id: 'visie-en-beleid',
  name: 'Visie en beleid',
  official: false,
};
const respijt: RegionBasisfunctie = {
  questionnaire: 'mantelzorg',
  id: 'respijtzorg',
  name: 'Respijtzorg',
  official: true,
};

const BAND = (mark: number) =>
  mark >= 6 ? 'goed-voor-elkaar' : mark >= 5 ? 'op-de-goede-weg' : 'aandacht-nodig';

/** Marks per basisfunctie id; null = responded without enough answers. */
function member(
  code: string,
  name: string,
  named: boolean,
  marks: Record<string, number | null>,
): RegionMember {
  return {
    code,
    name,
    named,
    marks: Object.entries(marks).map(([basisfunctie, mark]): RegionMark => ({
      questionnaire: 'mantelzorg',
      basisfunctie,
      mark,
      band: mark === null ? null : BAND(mark),
      goed: mark !== null && mark >= 6,
    })),
  };
}

describe('joinDutch', () => {
  it.each([
    [[], ''],
    [['Gouda'], 'Gouda'],
    [['Gouda', 'Woerden'], 'Gouda en Woerden'],
    [['Gouda', 'Woerden', 'Bodegraven'], 'Gouda, Woerden en Bodegraven'],
  ])('%j → %s', (parts, text) => expect(joinDutch(parts)).toBe(text));
});

describe('computeRegion', () => {
  // Hand-made region:
  //              informatie  visie  respijtzorg
  // Gouda (n)        7.5      6.0      4.0
  // Bodegraven (n)   3.0      —        5.5
  // Woerden (n)      5.0     null      2.0
  // 0001 (unnamed)   8.0      —        3.0
  // 0002 (unnamed)   4.0      —        4.5
  const members = [
    member('0513', 'Gouda', true, { informatie: 7.5, 'visie-en-beleid': 6, respijtzorg: 4 }),
    member('1901', 'Bodegraven', true, { informatie: 3, respijtzorg: 5.5 }),
    member('0632', 'Woerden', true, { informatie: 5, 'visie-en-beleid': null, respijtzorg: 2 }),
    member('0001', 'Verborgen A', false, { informatie: 8, respijtzorg: 3 }),
    member('0002', 'Verborgen B', false, { informatie: 4, respijtzorg: 4.5 }),
  ];
  const view = computeRegion({
    basisfuncties: [visie, informatie, respijt],
    members,
    minUnnamed: 0,
  });

  it('lists per basisfunctie who has it goed, who not and who has no mark; unnamed as counts', () => {
    expect(view.rows.map((row) => [row.id, row.goed, row.notGoed, row.noMark, row.gap])).toEqual([
      [
        'visie-en-beleid',
        { named: ['Gouda'], unnamed: 0 },
        { named: [], unnamed: 0 },
        { named: ['Bodegraven', 'Woerden'], unnamed: 2 },
        false,
      ],
      [
        'informatie',
        { named: ['Gouda'], unnamed: 1 },
        { named: ['Bodegraven', 'Woerden'], unnamed: 1 },
        { named: [], unnamed: 0 },
        false,
      ],
      [
        'respijtzorg',
        { named: [], unnamed: 0 },
        { named: ['Gouda', 'Bodegraven', 'Woerden'], unnamed: 2 },
        { named: [], unnamed: 0 },
        true,
      ],
    ]);
  });

  it('names the gaps no member covers', () => {
    expect(view.gaps.map((row) => row.id)).toEqual(['respijtzorg']);
  });

  it('says who could help whom, never naming an unnamed member', () => {
    expect(view.sentences).toEqual([
      'Gouda en een andere gemeente in de regio hebben ‘Informatie’ goed voor elkaar en kunnen Bodegraven helpen, waar deze basisfunctie aandacht nodig heeft.',
      'Gouda en een andere gemeente in de regio hebben ‘Informatie’ goed voor elkaar en kunnen Woerden helpen, waar deze basisfunctie op de goede weg is.',
      'Gouda heeft ‘Informatie’ goed voor elkaar en kan een andere gemeente in de regio helpen, waar deze basisfunctie nog niet goed voor elkaar is.',
    ]);
    expect(view.sentences.join(' ')).not.toMatch(/Verborgen/);
  });

  it('counts the official basisfuncties goed per member, for the map', () => {
    expect(Object.fromEntries(view.officialGoed)).toEqual({
      '0513': 1,
      '1901': 0,
      '0632': 0,
      '0001': 1,
      '0002': 0,
    });
  });

  it('speaks of an unnamed helper without naming it', () => {
    const only = computeRegion({
      basisfuncties: [informatie],
      members: [
        member('0001', 'Verborgen A', false, { informatie: 8 }),
        member('1901', 'Bodegraven', true, { informatie: 3 }),
      ],
      minUnnamed: 0,
    });
    expect(only.sentences).toEqual([
      'Een andere gemeente in de regio heeft ‘Informatie’ goed voor elkaar en kan Bodegraven helpen, waar deze basisfunctie aandacht nodig heeft.',
    ]);
  });

  it('hides the counts, the sentences and the gap that would reveal too few unnamed members', () => {
    const small = computeRegion({
      basisfuncties: [informatie, respijt],
      members: [
        member('0001', 'Verborgen A', false, { informatie: 8, respijtzorg: 3 }),
        member('1901', 'Bodegraven', true, { informatie: 3, respijtzorg: 2 }),
      ],
      minUnnamed: 5,
    });
    expect(small.unnamedHidden).toBe(true);
    expect(small.rows.map((row) => [row.goed, row.notGoed, row.gap])).toEqual([
      [{ named: [], unnamed: null }, { named: ['Bodegraven'], unnamed: null }, null],
      [{ named: [], unnamed: null }, { named: ['Bodegraven'], unnamed: null }, null],
    ]);
    expect(small.sentences).toEqual([]);
    expect(small.gaps).toEqual([]);
  });

  it('gives every basisfunctie as a gap in a region where nobody responded', () => {
    const empty = computeRegion({
      basisfuncties: [informatie],
      members: [member('1901', 'Bodegraven', true, {})],
      minUnnamed: 5,
    });
    expect(empty.gaps.map((row) => row.id)).toEqual(['informatie']);
    expect(empty.rows[0]?.noMark).toEqual({ named: ['Bodegraven'], unnamed: 0 });
    expect(empty.sentences).toEqual([]);
  });
});

describe('computeRegion: sentences by band of need', () => {
  it('names every member of the same band in one sentence', () => {
    const grouped = computeRegion({
      basisfuncties: [informatie],
      members: [
        member('0513', 'Gouda', true, { informatie: 8 }),
        member('1901', 'Bodegraven', true, { informatie: 3 }),
        member('0632', 'Woerden', true, { informatie: 2 }),
        member('0001', 'Oudewater', true, { informatie: 5.5 }),
      ],
      minUnnamed: 0,
    });
    expect(grouped.sentences).toEqual([
      'Gouda heeft ‘Informatie’ goed voor elkaar en kan Bodegraven en Woerden helpen, waar deze basisfunctie aandacht nodig heeft.',
      'Gouda heeft ‘Informatie’ goed voor elkaar en kan Oudewater helpen, waar deze basisfunctie op de goede weg is.',
    ]);
  });
});
