import { describe, expect, it } from 'vitest';
import {
  applyFilter,
  describeFilter,
  EMPTY_FILTER,
  isFilterEmpty,
  parseFilterParams,
  writeFilterParams,
} from './analysis-filter.ts';
import type { Municipality } from './register.ts';

const provinces = [
  { code: 'PV24', name: 'Flevoland' },
  { code: 'PV27', name: 'Noord-Holland' },
];

const m = (
  code: string,
  provinceCode: string,
  population: number | null,
  g4 = false,
  g27 = false,
): Municipality => ({
  code,
  name: code,
  provinceCode,
  provinceName: provinceCode,
  population,
  g4,
  g27,
});
const register = [
  m('0363', 'PV27', 767_457, true),
  m('0392', 'PV27', 147_000, false, true),
  m('0034', 'PV24', 185_000),
  m('0050', 'PV24', 25_000),
  m('0171', 'PV24', null),
];

describe('applyFilter', () => {
  it.each([
    [EMPTY_FILTER, ['0363', '0392', '0034', '0050', '0171']],
    [{ sizeClass: null, group: 'G4', province: null }, ['0363']],
    [{ sizeClass: null, group: 'overig', province: null }, ['0034', '0050', '0171']],
    [{ sizeClass: '100000-250000', group: null, province: null }, ['0392', '0034']],
    [{ sizeClass: '100000-250000', group: null, province: 'PV24' }, ['0034']],
    [{ sizeClass: 'onbekend', group: null, province: null }, ['0171']],
    [{ sizeClass: null, group: 'G4', province: 'PV24' }, []],
  ])('%o selects %o', (filter, codes) => {
    expect(applyFilter(register, filter).map((x) => x.code)).toEqual(codes);
  });
});

describe('parseFilterParams and writeFilterParams', () => {
  it('reads the Dutch parameters and writes them back', () => {
    const { filter, problems } = parseFilterParams(
      new URLSearchParams('grootte=lt-20000&groep=&provincie=PV24'),
      provinces,
    );
    expect(problems).toEqual([]);
    expect(filter).toEqual({ sizeClass: 'lt-20000', group: null, province: 'PV24' });
    expect(writeFilterParams(filter).toString()).toBe('grootte=lt-20000&provincie=PV24');
    expect(isFilterEmpty(filter)).toBe(false);
  });

  it('names an unknown value and the choices, in Dutch', () => {
    const { filter, problems } = parseFilterParams(
      new URLSearchParams('groep=G5&provincie=PV99'),
      provinces,
    );
    expect(filter).toEqual(EMPTY_FILTER);
    expect(problems).toEqual([
      { param: 'groep', message: "Onbekende groep 'G5'. Kies uit: G4, G27, overig." },
      { param: 'provincie', message: "Onbekende provincie 'PV99'. Kies uit: PV24, PV27." },
    ]);
  });
});

describe('describeFilter', () => {
  it.each([
    [EMPTY_FILTER, null],
    [
      { sizeClass: 'lt-20000', group: null, province: 'PV27' },
      'gemeenten met < 20.000 inwoners in Noord-Holland',
    ],
    [{ sizeClass: null, group: 'G27', province: null }, 'G27-gemeenten'],
    [
      { sizeClass: 'onbekend', group: 'overig', province: null },
      'overige gemeenten (niet G4 of G27) van onbekende grootte',
    ],
  ])('%o reads %s', (filter, text) => {
    expect(describeFilter(filter, provinces)).toBe(text);
  });
});
