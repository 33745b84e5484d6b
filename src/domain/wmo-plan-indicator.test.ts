import { describe, expect, it } from 'vitest';
import type { Municipality } from './register.ts';
import {
  computeWmoPlanIndicator,
  formatPlanPeriod,
  parsePlanPeriod,
  protectBreakdown,
  toWmoPlanAnalysis,
  type WmoPlanBreakdownRow,
  type WmoPlanStatus,
} from './wmo-plan-indicator.ts';

function municipality(
  code: string,
  provinceCode: string,
  population: number,
  group: 'G4' | 'G27' | 'overig' = 'overig',
): Municipality {
  return {
    code,
    name: `Gemeente ${code}`,
    provinceCode,
    provinceName: provinceCode === 'PV27' ? 'Noord-Holland' : 'Groningen',
    population,
    g4: group === 'G4',
    g27: group === 'G27',
  };
}

// Four in Noord-Holland, three in Groningen; one of each province without a status.
const MUNICIPALITIES = [
  municipality('0363', 'PV27', 900_000, 'G4'),
  municipality('0358', 'PV27', 30_000),
  municipality('0361', 'PV27', 95_000, 'G27'),
  municipality('0362', 'PV27', 15_000),
  municipality('0014', 'PV20', 230_000, 'G27'),
  municipality('0005', 'PV20', 12_000),
  municipality('0009', 'PV20', 10_000),
];
const STATUSES: WmoPlanStatus[] = [
  { municipalityCode: '0363', included: 'ja' },
  { municipalityCode: '0358', included: 'ja' },
  { municipalityCode: '0361', included: 'gedeeltelijk' },
  { municipalityCode: '0014', included: 'ja' },
  { municipalityCode: '0005', included: 'nee' },
  // Not in the register: ignored.
  { municipalityCode: '9999', included: 'ja' },
];

describe('computeWmoPlanIndicator', () => {
  const indicator = computeWmoPlanIndicator({
    target: 75,
    municipalities: MUNICIPALITIES,
    statuses: STATUSES,
  });

  it('counts only municipalities with a status, and only ja as included', () => {
    // 5 respondents, 3 'ja', 1 'gedeeltelijk': 100 × 3 / 5 = 60.0 < 75.
    expect(indicator).toMatchObject({
      municipalities: 7,
      respondents: 5,
      included: 3,
      partly: 1,
      percentIncluded: 60,
      target: 75,
      meetsTarget: false,
      suppressed: false,
    });
  });

  it('breaks the share down by province, in code order', () => {
    // Groningen: 2 respondents, 1 ja → 50.0; Noord-Holland: 3 respondents, 2 ja → 66.7.
    expect(
      indicator.byProvince.map((row) => [
        row.id,
        row.respondents,
        row.included,
        row.percentIncluded,
      ]),
    ).toEqual([
      ['PV20', 2, 1, 50],
      ['PV27', 3, 2, 66.7],
    ]);
  });

  it('breaks the share down by size class and group', () => {
    const size = Object.fromEntries(
      indicator.bySizeClass.map((row) => [row.id, [row.respondents, row.included]]),
    );
    // < 20.000: 0362 (none), 0005 (nee), 0009 (none); 20.000–50.000: 0358 (ja);
    // 50.000–100.000: 0361 (gedeeltelijk); 100.000–250.000: 0014 (ja); ≥ 250.000: 0363 (ja).
    expect(size).toEqual({
      'lt-20000': [1, 0],
      '20000-50000': [1, 1],
      '50000-100000': [1, 0],
      '100000-250000': [1, 1],
      'ge-250000': [1, 1],
    });
    expect(indicator.byGroup.map((row) => [row.id, row.respondents, row.percentIncluded])).toEqual([
      ['G4', 1, 100],
      ['G27', 2, 50],
      ['overig', 2, 50],
    ]);
  });

  it('meets the target at exactly the target', () => {
    const half = computeWmoPlanIndicator({
      target: 60,
      municipalities: MUNICIPALITIES,
      statuses: STATUSES,
    });
    expect(half.meetsTarget).toBe(true);
  });

  it('has no share and no verdict without statuses', () => {
    const none = computeWmoPlanIndicator({
      target: 75,
      municipalities: MUNICIPALITIES,
      statuses: [],
    });
    expect(none).toMatchObject({ respondents: 0, percentIncluded: null, meetsTarget: null });
  });

  it('refuses a target outside 0–100', () => {
    expect(() =>
      computeWmoPlanIndicator({ target: 101, municipalities: [], statuses: [] }),
    ).toThrow(RangeError);
    expect(() => computeWmoPlanIndicator({ target: -1, municipalities: [], statuses: [] })).toThrow(
      RangeError,
    );
  });

  it('withholds the national figure and small rows for a protected viewer', () => {
    const shown = computeWmoPlanIndicator({
      target: 75,
      municipalities: MUNICIPALITIES,
      statuses: STATUSES.slice(0, 3),
      protect: true,
    });
    // 3 respondents nationally: under 5.
    expect(shown).toMatchObject({ respondents: 3, percentIncluded: null, suppressed: true });
    expect(shown.meetsTarget).toBeNull();
  });

  it('projects onto the wmoPlan block of bfm analyse --json', () => {
    expect(toWmoPlanAnalysis(indicator)).toEqual({
      target: 75,
      respondents: 5,
      included: 3,
      partly: 1,
      percentIncluded: 60,
      byProvince: [
        { province: 'PV20', respondents: 2, included: 1, percentIncluded: 50 },
        { province: 'PV27', respondents: 3, included: 2, percentIncluded: 66.7 },
      ],
    });
  });
});

describe('protectBreakdown', () => {
  const row = (id: string, respondents: number): WmoPlanBreakdownRow => ({
    id,
    label: id,
    municipalities: respondents,
    respondents,
    included: respondents,
    partly: 0,
    percentIncluded: respondents > 0 ? 100 : null,
    suppressed: false,
  });

  it('withholds a small row and the next smallest, so neither can be recomputed', () => {
    const rows = protectBreakdown([row('a', 3), row('b', 40), row('c', 50)]);
    expect(rows.map((r) => r.suppressed)).toEqual([true, true, false]);
    expect(rows[0]?.percentIncluded).toBeNull();
  });

  it('keeps withholding until the withheld rows rest on 5 or more', () => {
    const rows = protectBreakdown([row('a', 1), row('b', 2), row('c', 3), row('d', 30)]);
    // a + b = 3 < 5, so c too: 6.
    expect(rows.map((r) => r.suppressed)).toEqual([true, true, true, false]);
  });

  it('leaves a breakdown without small rows alone', () => {
    expect(protectBreakdown([row('a', 5), row('b', 0)]).some((r) => r.suppressed)).toBe(false);
  });
});

describe('plan periods', () => {
  it.each([
    ['2012-2015', { from: 2012, to: 2015 }],
    ['2012–2015', { from: 2012, to: 2015 }],
    ['2012 t/m 2015', { from: 2012, to: 2015 }],
    ['2013', { from: 2013, to: 2013 }],
    ['', null],
    ['2015-2012', 'invalid'],
    ['volgend jaar', 'invalid'],
  ])('reads %j', (text, expected) => {
    expect(parsePlanPeriod(text)).toEqual(expected);
  });

  it('writes a period for people', () => {
    expect(formatPlanPeriod(2012, 2015)).toBe('2012–2015');
    expect(formatPlanPeriod(2013, 2013)).toBe('2013');
    expect(formatPlanPeriod(null, null)).toBe('');
  });
});
