import { describe, expect, it } from 'vitest';
import { computeShare, mapIdentity, mapPredecessors, type SuccessorLink } from './lineage.ts';

const link = (
  overrides: Partial<SuccessorLink> & Pick<SuccessorLink, 'code2009'>,
): SuccessorLink => ({
  successorCode: overrides.code2009,
  relation: 'unchanged',
  allSuccessorCodes: [overrides.successorCode ?? overrides.code2009],
  overlayPrimaryShare: null,
  ...overrides,
});

describe('computeShare', () => {
  it.each([
    // relation, primary, all, measured share, asked successor, expected share, measured
    ['unchanged', 'A', ['A'], null, 'A', 1, true],
    ['merged', 'A', ['A'], 0.92, 'A', 1, true],
    ['split', 'A', ['A', 'B'], 0.8, 'A', 0.8, true],
    ['split', 'A', ['A', 'B'], 0.8, 'B', 0.2, true],
    ['split', 'A', ['A', 'B', 'C'], 0.5, 'C', 0.25, true],
    ['split', 'A', ['A', 'B', 'C', 'D'], null, 'B', 0.25, false],
  ] as const)(
    '%s into %s of %j with primary share %s: %s gets %s',
    (relation, primary, all, overlay, asked, share, measured) => {
      const result = computeShare(
        link({
          code2009: 'X',
          successorCode: primary,
          relation,
          allSuccessorCodes: all,
          overlayPrimaryShare: overlay,
        }),
        asked,
      );
      expect(result.share).toBeCloseTo(share, 12);
      expect(result.measured).toBe(measured);
    },
  );
});

describe('mapPredecessors', () => {
  it('gives an empty map for no links', () => {
    expect(mapPredecessors([]).size).toBe(0);
  });

  it('lists a merger under its successor and a split under each successor', () => {
    // Eemsdelta (1979) = Appingedam, Delfzijl, Loppersum; Winsum split over 1966 and 1969.
    const map = mapPredecessors([
      link({
        code2009: '0024',
        successorCode: '1979',
        relation: 'merged',
        allSuccessorCodes: ['1979'],
      }),
      link({
        code2009: '0003',
        successorCode: '1979',
        relation: 'merged',
        allSuccessorCodes: ['1979'],
      }),
      link({
        code2009: '0010',
        successorCode: '1979',
        relation: 'merged',
        allSuccessorCodes: ['1979'],
      }),
      link({ code2009: '0014' }),
      link({
        code2009: '0053',
        successorCode: '1966',
        relation: 'split',
        allSuccessorCodes: ['1966', '1969'],
        overlayPrimaryShare: 0.788,
      }),
    ]);
    expect(map.get('1979')?.map((p) => p.code)).toEqual(['0003', '0010', '0024']);
    expect(map.get('1979')?.every((p) => p.share === 1 && p.relation === 'merged')).toBe(true);
    expect(map.get('0014')).toEqual([
      { code: '0014', relation: 'unchanged', share: 1, shareMeasured: true },
    ]);
    expect(map.get('1966')?.[0]?.share).toBeCloseTo(0.788, 12);
    expect(map.get('1969')?.[0]?.share).toBeCloseTo(0.212, 12);
  });
});

describe('mapIdentity', () => {
  it('maps every code to itself with the whole territory', () => {
    expect([...mapIdentity(['0003', '0010'])]).toEqual([
      ['0003', [{ code: '0003', relation: 'unchanged', share: 1, shareMeasured: true }]],
      ['0010', [{ code: '0010', relation: 'unchanged', share: 1, shareMeasured: true }]],
    ]);
  });
});
