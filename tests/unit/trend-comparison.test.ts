/**
 * The comparison over a derived instrument version, without a database: the trend uses only
 * the items mapped between the versions and lists the new ones as not compared.
 */
import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '../../src/domain/analysis-filter.ts';
import type { Instrument, Item } from '../../src/domain/instrument.ts';
import { mapIdentity } from '../../src/domain/lineage.ts';
import type { Municipality } from '../../src/domain/register.ts';
import { loadInstrument } from '../../src/instruments/index.ts';
import { computeComparison } from '../../src/services/trend-service.ts';

const v2009 = loadInstrument('2009');

// 2026: respijtzorg's item 42 is new (not mapped); 44 reworded; everything else the same.
const v2026: Instrument = {
  ...v2009,
  version: '2026',
  derivedFrom: '2009',
  questionnaires: v2009.questionnaires.map((q) => ({
    ...q,
    basisfuncties: q.basisfuncties.map((b) => ({ ...b, previous: b.id })),
    items: q.items.map((item): Item =>
      q.id === 'mantelzorg' && item.number === 42
        ? { ...item, previous: null }
        : {
            ...item,
            previous: {
              number: item.number,
              change: q.id === 'mantelzorg' && item.number === 44 ? 'reworded' : 'same',
            },
          },
    ),
  })),
};

const municipality = (code: string): Municipality => ({
  code,
  name: `Gemeente ${code}`,
  provinceCode: 'PV27',
  provinceName: 'Noord-Holland',
  population: 10_000,
  g4: false,
  g27: false,
});
const register = [municipality('0001'), municipality('0002')];

/** A mantelzorg scale vector with the given points (0 = not answered). */
function vector(points: Record<number, number>): string {
  const mantelzorg = v2009.questionnaires.find((q) => q.id === 'mantelzorg')!;
  return mantelzorg.items
    .filter((i) => i.kind === 'scale')
    .map((i) => String(points[i.number] ?? 0))
    .join('');
}

const response = (code: string, points: Record<number, number>) => ({
  municipalityCode: code,
  questionnaire: 'mantelzorg',
  scaleVector: vector(points),
  choiceVector: '',
  answerCount: Object.keys(points).length,
});

const ref = (roundId: string, instrumentVersion: string) => ({
  roundId,
  name: roundId,
  registerId: 'x',
  instrumentVersion,
});

describe('computeComparison over a derived version', () => {
  it('skips the unmapped item in both rounds and lists it as not compared', () => {
    const comparison = computeComparison({
      from: {
        ref: ref('a', '2009'),
        instrument: v2009,
        municipalities: register,
        // 0001: 42 = 1, 44 = 3, 45 = 3 → over all three 6,7; over 44 and 45 only 10 (goed).
        // 0002: 42 = 3, 44 = 1, 45 = 1 → over all three 3,3; over 44 and 45 only 0.
        responses: [
          response('0001', { 42: 1, 44: 3, 45: 3 }),
          response('0002', { 42: 3, 44: 1, 45: 1 }),
        ],
      },
      to: {
        ref: ref('b', '2026'),
        instrument: v2026,
        municipalities: register,
        // 0001: 44 = 2, 45 = 2 → 5 (op de goede weg); 0002 only item 42: no mark over 44, 45.
        responses: [response('0001', { 42: 3, 44: 2, 45: 2 }), response('0002', { 42: 3 })],
      },
      chain: [v2009, v2026],
      predecessors: mapIdentity(register.map((m) => m.code)),
      rule: 'gewogen-gemiddelde',
      filter: EMPTY_FILTER,
    });
    const respijt = comparison.basisfuncties.find((b) => b.basisfunctie === 'respijtzorg');
    expect(respijt?.from).toEqual({ respondents: 2, percentGoed: 50 });
    expect(respijt?.to).toEqual({ respondents: 1, percentGoed: 0 });
    expect(respijt?.transitions['goed-voor-elkaar']?.['op-de-goede-weg']).toBe(1);
    expect(respijt?.transitions['aandacht-nodig']?.['geen-cijfer']).toBe(1);
    expect(comparison.notCompared).toEqual([
      { questionnaire: 'mantelzorg', kind: 'item', id: '42', label: expect.any(String) },
    ]);
  });
});
