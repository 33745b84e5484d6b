import { describe, expect, it } from 'vitest';
import type { Item, Questionnaire } from './instrument.ts';
import {
  agreeOnValue,
  computePrefill,
  mapPrefillItems,
  relateInstruments,
  type PrefillValue,
} from './prefill.ts';

const points = (p: number): PrefillValue => ({ points: p, options: null, text: null });
const options = (...codes: string[]): PrefillValue => ({
  points: null,
  options: codes,
  text: null,
});
const text = (t: string): PrefillValue => ({ points: null, options: null, text: t });

function item(number: number, kind: Item['kind'], extra: Partial<Item> = {}): Item {
  return {
    number,
    kind,
    text: `Vraag ${number}`,
    textSource: 'report',
    basisfunctie: 'b',
    ...(kind === 'single' || kind === 'multiple'
      ? {
          options: [
            { code: 'a', label: 'A' },
            { code: 'b', label: 'B' },
            { code: 'c', label: 'C' },
          ],
        }
      : {}),
    ...extra,
  };
}

function questionnaire(items: Item[]): Questionnaire {
  return { id: 'q', name: 'Q', items, basisfuncties: [] } as unknown as Questionnaire;
}

const earlier = questionnaire([
  item(1, 'scale'),
  item(2, 'multiple'),
  item(3, 'open'),
  item(4, 'scale'),
]);

describe('relateInstruments', () => {
  it('carries answers over within one version and from the version a version derives from', () => {
    expect(relateInstruments({ version: '2009' }, { version: '2009' })).toBe('same');
    expect(relateInstruments({ version: '2026', derivedFrom: '2009' }, { version: '2009' })).toBe(
      'derived',
    );
    expect(
      relateInstruments({ version: '2030', derivedFrom: '2026' }, { version: '2009' }),
    ).toBeNull();
  });
});

describe('mapPrefillItems', () => {
  it('maps the same version number to number', () => {
    const map = mapPrefillItems(earlier, earlier, 'same');
    expect([...map].map(([n, source]) => [n, source.number])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
    ]);
  });

  it('maps a derived version through item.previous and leaves new items and changed kinds out', () => {
    const later = questionnaire([
      item(1, 'scale', { previous: { number: 4, change: 'reworded' } }),
      item(2, 'scale', { previous: null }),
      item(3, 'multiple', { previous: { number: 2, change: 'same' } }),
      item(4, 'scale', { previous: { number: 3, change: 'same' } }), // was open: kind changed
      item(5, 'scale', { previous: { number: 99, change: 'same' } }), // no such earlier item
    ]);
    const map = mapPrefillItems(later, earlier, 'derived');
    expect([...map].map(([n, source]) => [n, source.number])).toEqual([
      [1, 4],
      [3, 2],
    ]);
  });

  it('maps nothing for a questionnaire the earlier version did not have', () => {
    expect(mapPrefillItems(earlier, undefined, 'same').size).toBe(0);
  });
});

describe('agreeOnValue', () => {
  it.each([
    ['one predecessor', [points(3)], points(3)],
    ['all agree on points', [points(2), points(2), points(2)], points(2)],
    ['one differs', [points(3), points(2), points(3)], null],
    ['one did not answer', [points(3), undefined], null],
    ['the first did not answer', [undefined, points(3)], null],
    [
      'options in another order are the same set',
      [options('a', 'c'), options('c', 'a')],
      options('a', 'c'),
    ],
    ['different option sets', [options('a'), options('a', 'b')], null],
    ['same text', [text('x'), text('x')], text('x')],
    ['different text', [text('x'), text('y')], null],
    ['an empty answer is no answer', [{ points: null, options: [], text: '' }], null],
    ['no predecessors', [], null],
  ] as const)('%s', (_name, values, expected) => {
    expect(agreeOnValue(values as readonly (PrefillValue | undefined)[])).toEqual(expected);
  });
});

describe('computePrefill', () => {
  const map = mapPrefillItems(earlier, earlier, 'same');

  it('takes the answers of a single predecessor', () => {
    const answers = new Map([
      [1, points(3)],
      [2, options('b', 'a')],
      [3, text('eigen beleid')],
    ]);
    expect(computePrefill(earlier, map, [answers])).toEqual(
      new Map([
        [1, points(3)],
        [2, options('a', 'b')],
        [3, text('eigen beleid')],
      ]),
    );
  });

  it('prefills only the items every predecessor answered alike', () => {
    const a = new Map([
      [1, points(3)],
      [2, options('a')],
      [4, points(1)],
    ]);
    const b = new Map([
      [1, points(3)],
      [2, options('b')],
      [4, points(1)],
    ]);
    const c = new Map([
      [1, points(3)],
      [2, options('a')],
    ]);
    expect(computePrefill(earlier, map, [a, b, c])).toEqual(new Map([[1, points(3)]]));
  });

  it('leaves out options that no longer exist and single choices with several options', () => {
    const later = questionnaire([
      { ...item(2, 'multiple'), options: [{ code: 'a', label: 'A' }] },
      {
        ...item(1, 'single'),
        options: [
          { code: 'a', label: 'A' },
          { code: 'b', label: 'B' },
        ],
      },
    ]);
    const earlierChoices = questionnaire([item(1, 'single'), item(2, 'multiple')]);
    const choiceMap = mapPrefillItems(later, earlierChoices, 'same');
    expect(
      computePrefill(later, choiceMap, [
        new Map([
          [2, options('a', 'b')],
          [1, options('a', 'b')],
        ]),
      ]),
    ).toEqual(new Map());
    expect(
      computePrefill(later, choiceMap, [
        new Map([
          [2, options('a')],
          [1, options('b')],
        ]),
      ]),
    ).toEqual(
      new Map([
        [2, options('a')],
        [1, options('b')],
      ]),
    );
  });

  it('prefills nothing without predecessors', () => {
    expect(computePrefill(earlier, map, []).size).toBe(0);
  });
});
