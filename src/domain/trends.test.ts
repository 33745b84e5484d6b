import { describe, expect, it } from 'vitest';
import type { Instrument, Item } from './instrument.ts';
import { loadInstrument } from '../instruments/index.ts';
import { chooseSuppressedCells } from './disclosure-control.ts';
import {
  countTransitions,
  createPointsDecoder,
  describeChange,
  formatMark,
  planComparison,
  protectTransitions,
  scoreItems,
  summariseMarks,
} from './trends.ts';

const v2009 = loadInstrument('2009');

/**
 * A derived version of 2009: respijtzorg's item 42 is new, 44 reworded, 45 the same; a new
 * basisfunctie 'digitale-steun' with item 45's slot reused; every other element the same.
 */
function deriveVersion(): Instrument {
  return {
    ...v2009,
    version: '2026',
    derivedFrom: '2009',
    questionnaires: v2009.questionnaires.map((q) => ({
      ...q,
      basisfuncties: [
        ...q.basisfuncties.map((b) => ({ ...b, previous: b.id })),
        ...(q.id === 'mantelzorg'
          ? [
              {
                ...q.basisfuncties[0]!,
                id: 'digitale-steun',
                name: 'Digitale steun',
                previous: null,
              },
            ]
          : []),
      ],
      items: q.items.map((item): Item => {
        if (q.id === 'mantelzorg' && item.number === 42) return { ...item, previous: null };
        if (q.id === 'mantelzorg' && item.number === 44)
          return { ...item, previous: { number: 44, change: 'reworded' } };
        if (q.id === 'mantelzorg' && item.number === 12)
          return { ...item, basisfunctie: 'digitale-steun', previous: null };
        return { ...item, previous: { number: item.number, change: 'same' } };
      }),
    })),
  };
}

describe('planComparison', () => {
  it('compares every basisfunctie and item between two rounds of one version', () => {
    const plan = planComparison([v2009, v2009]);
    expect(plan.notCompared).toEqual([]);
    expect(plan.basisfuncties).toHaveLength(14);
    const respijt = plan.basisfuncties.find((b) => b.basisfunctie === 'respijtzorg');
    expect(respijt?.items).toEqual([
      [42, 44, 45],
      [42, 44, 45],
    ]);
  });

  it('skips new items and new basisfuncties of a derived version and lists them', () => {
    const plan = planComparison([v2009, deriveVersion()]);
    const respijt = plan.basisfuncties.find((b) => b.basisfunctie === 'respijtzorg');
    expect(respijt?.items).toEqual([
      [44, 45],
      [44, 45],
    ]);
    expect(plan.basisfuncties.some((b) => b.basisfunctie === 'digitale-steun')).toBe(false);
    expect(plan.notCompared).toEqual([
      { questionnaire: 'mantelzorg', kind: 'item', id: '42', label: expect.any(String) },
      {
        questionnaire: 'mantelzorg',
        kind: 'basisfunctie',
        id: 'digitale-steun',
        label: 'Digitale steun',
      },
    ]);
  });

  it('follows a mapping through an intermediate version', () => {
    const middle = deriveVersion();
    const latest: Instrument = {
      ...middle,
      version: '2030',
      derivedFrom: '2026',
      questionnaires: middle.questionnaires.map((q) => ({
        ...q,
        basisfuncties: q.basisfuncties.map((b) => ({ ...b, previous: b.id })),
        items: q.items.map((item) => ({
          ...item,
          previous: { number: item.number, change: 'same' as const },
        })),
      })),
    };
    const plan = planComparison([v2009, middle, latest]);
    expect(plan.basisfuncties.find((b) => b.basisfunctie === 'respijtzorg')?.items).toEqual([
      [44, 45],
      [44, 45],
      [44, 45],
    ]);
    expect(plan.notCompared.map((n) => n.id)).toEqual(['42', 'digitale-steun']);
  });

  it('refuses a chain whose versions do not derive from each other', () => {
    expect(() => planComparison([deriveVersion(), v2009])).toThrow(/does not derive/);
    expect(() => planComparison([])).toThrow();
  });
});

describe('scoreItems', () => {
  const mantelzorg = v2009.questionnaires.find((q) => q.id === 'mantelzorg')!;
  const decode = createPointsDecoder(mantelzorg);
  const vector = (points: Record<number, number>) => {
    const numbers = mantelzorg.items.filter((i) => i.kind === 'scale').map((i) => i.number);
    return numbers.map((n) => String(points[n] ?? 0)).join('');
  };

  it.each([
    // points of 42, 44, 45 → mark, band
    [{ 42: 1, 44: 2, 45: 2 }, [42, 44, 45], 10 / 3, 'aandacht-nodig'],
    [{ 42: 2, 44: 2, 45: 3 }, [42, 44, 45], 20 / 3, 'goed-voor-elkaar'],
    // Only the comparable items 44 and 45: (2 + 3 − 2) × 10 / 4 = 7,5.
    [{ 42: 1, 44: 2, 45: 3 }, [44, 45], 7.5, 'goed-voor-elkaar'],
    // One of three answered is below the minimum of two thirds.
    [{ 42: 3 }, [42, 44, 45], null, 'geen-cijfer'],
  ] as const)('%o over %o', (points, items, mark, band) => {
    const result = scoreItems(v2009, decode(vector(points)), items);
    if (mark === null) expect(result.mark).toBeNull();
    else expect(result.mark).toBeCloseTo(mark, 10);
    expect(result.band).toBe(band);
  });

  it('gives geen-cijfer without a response or without items', () => {
    expect(scoreItems(v2009, undefined, [42])).toEqual({ mark: null, band: 'geen-cijfer' });
    expect(scoreItems(v2009, decode(vector({ 42: 3 })), [])).toEqual({
      mark: null,
      band: 'geen-cijfer',
    });
  });
});

describe('countTransitions', () => {
  const bands = ['aandacht-nodig', 'op-de-goede-weg', 'goed-voor-elkaar'];

  it('gives a full table of zeros for no municipalities', () => {
    const table = countTransitions([], bands);
    expect(Object.keys(table)).toEqual([...bands, 'geen-cijfer']);
    expect(Object.values(table).flatMap((row) => Object.values(row))).toEqual(
      new Array(16).fill(0),
    );
  });

  it('counts each pair once', () => {
    const table = countTransitions(
      [
        { from: 'aandacht-nodig', to: 'goed-voor-elkaar' },
        { from: 'aandacht-nodig', to: 'goed-voor-elkaar' },
        { from: 'geen-cijfer', to: 'op-de-goede-weg' },
      ],
      bands,
    );
    expect(table['aandacht-nodig']?.['goed-voor-elkaar']).toBe(2);
    expect(table['geen-cijfer']?.['op-de-goede-weg']).toBe(1);
  });

  it('refuses an unknown band', () => {
    expect(() => countTransitions([{ from: 'x', to: 'goed-voor-elkaar' }], bands)).toThrow(
      RangeError,
    );
  });
});

describe('summariseMarks', () => {
  it('counts respondents with a mark and their share goed, as bfm analyse does', () => {
    expect(
      summariseMarks(
        [
          { mark: 7, band: 'goed-voor-elkaar' },
          { mark: 5, band: 'op-de-goede-weg' },
          { mark: 1, band: 'aandacht-nodig' },
          { mark: null, band: 'geen-cijfer' },
        ],
        'goed-voor-elkaar',
      ),
    ).toEqual({ respondents: 3, goed: 1, percentGoed: 33.3 });
    expect(summariseMarks([], 'goed-voor-elkaar')).toEqual({
      respondents: 0,
      goed: 0,
      percentGoed: null,
    });
  });
});

describe('describeChange', () => {
  const labels = {
    'aandacht-nodig': 'aandacht nodig',
    'op-de-goede-weg': 'op de goede weg',
    'goed-voor-elkaar': 'goed voor elkaar',
  };
  const low = { mark: 10 / 3, band: 'aandacht-nodig' };
  const high = { mark: 20 / 3, band: 'goed-voor-elkaar' };
  const none = { mark: null, band: 'geen-cijfer' };

  it.each([
    [low, high, 'Respijtzorg ging van 3,3 (aandacht nodig) naar 6,7 (goed voor elkaar)'],
    [high, high, 'Respijtzorg bleef 6,7 (goed voor elkaar)'],
    [null, high, 'Respijtzorg: geen eerdere meting'],
    [none, high, 'Respijtzorg: geen cijfer bij de vorige meting, nu 6,7 (goed voor elkaar)'],
    [low, none, 'Respijtzorg: 3,3 (aandacht nodig) bij de vorige meting, nu geen cijfer'],
    [none, none, 'Respijtzorg: geen cijfer, nu en bij de vorige meting'],
  ])('%o → %o', (previous, current, sentence) => {
    expect(describeChange('Respijtzorg', previous, current, labels)).toBe(sentence);
  });

  it('formats marks with a decimal comma and one decimal', () => {
    expect(formatMark(6.25)).toBe('6,3');
    expect(formatMark(10)).toBe('10,0');
    expect(formatMark(0)).toBe('0,0');
  });
});

describe('protectTransitions', () => {
  const choose = (cells: readonly number[]) => chooseSuppressedCells(cells, 5);
  it('leaves a table without small cells alone', () => {
    const table = { a: { a: 10, b: 0 }, b: { a: 7, b: 30 } };
    expect(protectTransitions(table, ['a', 'b'], choose)).toEqual({ table, withheld: 0 });
  });

  it('withholds a small cell and enough others that no line gives it back', () => {
    const { table, withheld } = protectTransitions(
      { a: { a: 3, b: 40, c: 9 }, b: { a: 12, b: 0, c: 6 }, c: { a: 8, b: 7, c: 20 } },
      ['a', 'b', 'c'],
      choose,
    );
    expect(table.a?.a).toBeNull();
    for (const band of ['a', 'b', 'c']) {
      const row = Object.values(table[band] ?? {});
      const column = ['a', 'b', 'c'].map((from) => table[from]?.[band]);
      for (const line of [row, column]) {
        expect(line.filter((cell) => cell === null).length).not.toBe(1);
      }
    }
    expect(withheld).toBeGreaterThanOrEqual(4);
  });
});
