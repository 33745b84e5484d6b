import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TABLE_QUERY,
  readRoundTableQuery,
  writeRoundTableQuery,
} from './round-table-service.ts';

const read = (query: string) => readRoundTableQuery(new URLSearchParams(query));

describe('the query parameters of the table of municipalities', () => {
  it('has defaults: everything, by CBS code, the first page', () => {
    expect(read('')).toEqual({
      zoek: '',
      stand: null,
      provincie: null,
      vragenlijst: null,
      sorteer: 'code',
      volgorde: 'op',
      pagina: 1,
    });
  });

  it('reads every parameter', () => {
    expect(
      read(
        'zoek=+sudwest+&stand=invited&provincie=PV21&vragenlijst=mantelzorg:submitted&sorteer=wijziging&volgorde=af&pagina=3',
      ),
    ).toEqual({
      zoek: 'sudwest',
      stand: 'invited',
      provincie: 'PV21',
      vragenlijst: 'mantelzorg:submitted',
      sorteer: 'wijziging',
      volgorde: 'af',
      pagina: 3,
    });
  });

  it.each([
    ['stand=kapot', 'stand', null],
    ['stand=', 'stand', null],
    ['provincie=Friesland', 'provincie', null],
    ['vragenlijst=mantelzorg', 'vragenlijst', null],
    ['vragenlijst=mantelzorg:klaar', 'vragenlijst', null],
    ['sorteer=inwoners', 'sorteer', 'code'],
    ['volgorde=omhoog', 'volgorde', 'op'],
    ['pagina=0', 'pagina', 1],
    ['pagina=-4', 'pagina', 1],
    ['pagina=2.5', 'pagina', 1],
    ['pagina=veel', 'pagina', 1],
    [`zoek=${'x'.repeat(101)}`, 'zoek', ''],
  ] as const)('falls back to the default for %s', (query, key, expected) => {
    expect(read(query)[key]).toBe(expected);
  });

  it('writes a query back, leaving out defaults', () => {
    expect(writeRoundTableQuery(DEFAULT_TABLE_QUERY)).toBe('');
    expect(writeRoundTableQuery(DEFAULT_TABLE_QUERY, { stand: 'invited' })).toBe('?stand=invited');
    const query = read('zoek=Súdwest&provincie=PV21&pagina=4');
    expect(writeRoundTableQuery(query, { pagina: 1, sorteer: 'naam', volgorde: 'af' })).toBe(
      '?zoek=S%C3%BAdwest&provincie=PV21&sorteer=naam&volgorde=af',
    );
    expect(read(writeRoundTableQuery(query).slice(1))).toEqual(query);
  });
});
