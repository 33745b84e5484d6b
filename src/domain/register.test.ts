import { describe, expect, it } from 'vitest';
import {
  classifyGroup,
  classifySize,
  listProvinces,
  normalizeMunicipalityCode,
} from './register.ts';

describe('classifySize', () => {
  it.each([
    [0, 'lt-20000'],
    [19_999, 'lt-20000'],
    [20_000, '20000-50000'],
    [49_999, '20000-50000'],
    [50_000, '50000-100000'],
    [99_999, '50000-100000'],
    [100_000, '100000-250000'],
    [249_999, '100000-250000'],
    [250_000, 'ge-250000'],
    [767_457, 'ge-250000'],
    [null, 'onbekend'],
  ])('%s inhabitants → %s', (population, expected) => {
    expect(classifySize(population)).toBe(expected);
  });
  it('rejects impossible populations', () => {
    expect(() => classifySize(-1)).toThrow(RangeError);
    expect(() => classifySize(10.5)).toThrow(RangeError);
  });
});

describe('classifyGroup', () => {
  it.each([
    [{ g4: true, g27: false }, 'G4'],
    [{ g4: false, g27: true }, 'G27'],
    [{ g4: false, g27: false }, 'overig'],
  ])('%o → %s', (flags, expected) => {
    expect(classifyGroup(flags)).toBe(expected);
  });
});

describe('normalizeMunicipalityCode', () => {
  it.each([
    ['GM0363', '0363'],
    ['gm0363', '0363'],
    ['0363', '0363'],
    ['363', '0363'],
    [' GM0014 ', '0014'],
    ['3', '0003'],
  ])('%j → %s', (input, expected) => {
    expect(normalizeMunicipalityCode(input)).toBe(expected);
  });
  it.each(['', 'GM', 'GM12345', 'Amsterdam', '03-63', 'PV27'])('%j is no code', (input) => {
    expect(normalizeMunicipalityCode(input)).toBeNull();
  });
});

describe('listProvinces', () => {
  it('lists each province once, by code, and nothing for an empty register', () => {
    const m = (provinceCode: string, provinceName: string) => ({ provinceCode, provinceName });
    expect(
      listProvinces([
        m('PV27', 'Noord-Holland'),
        m('PV20', 'Groningen'),
        m('PV27', 'Noord-Holland'),
      ]),
    ).toEqual([
      { code: 'PV20', name: 'Groningen' },
      { code: 'PV27', name: 'Noord-Holland' },
    ]);
    expect(listProvinces([])).toEqual([]);
  });
});
