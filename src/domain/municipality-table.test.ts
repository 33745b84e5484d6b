import { describe, expect, it } from 'vitest';
import {
  foldForSearch,
  listPageNumbers,
  matchMunicipalityNames,
  paginate,
  selectRows,
  type TableRow,
  type TableSelection,
} from './municipality-table.ts';

const ORDER = ['not-invited', 'invited', 'not-started', 'in-progress', 'submitted'];

function row(
  code: string,
  name: string,
  category: string,
  lastChange: string | null = null,
  provinceCode = 'PV27',
  mantelzorg = 'not-started',
): TableRow {
  return {
    code,
    name,
    provinceCode,
    category,
    statuses: { vrijwilligerswerk: 'not-started', mantelzorg },
    lastChange,
  };
}

const ROWS: TableRow[] = [
  row('1900', 'Súdwest-Fryslân', 'in-progress', '2026-03-02T10:00:00.000Z', 'PV21', 'in-progress'),
  row('0363', 'Amsterdam', 'submitted', '2026-03-04T09:00:00.000Z', 'PV27', 'submitted'),
  row('0014', 'Groningen', 'invited', null, 'PV20'),
  row('0518', "'s-Gravenhage", 'not-started', '2026-03-01T08:00:00.000Z', 'PV28'),
  row('0003', 'Appingedam', 'not-invited', null, 'PV20'),
  row('0358', 'Aalsmeer', 'in-progress', '2026-03-03T12:00:00.000Z', 'PV27', 'in-progress'),
];

const ALL: TableSelection = {
  search: '',
  category: null,
  provinceCode: null,
  questionnaire: null,
  sort: 'code',
  direction: 'asc',
  page: 1,
  pageSize: 50,
};

const codes = (selection: Partial<TableSelection>) =>
  selectRows(ROWS, { ...ALL, ...selection }, ORDER).rows.map((r) => r.code);

describe('foldForSearch', () => {
  it.each([
    ['Súdwest-Fryslân', 'sudwest fryslan'],
    ["'s-Gravenhage", 's gravenhage'],
    ['  Bergen (NH.) ', 'bergen nh'],
    ['', ''],
  ])('%s → %s', (text, folded) => {
    expect(foldForSearch(text)).toBe(folded);
  });
});

describe('selectRows', () => {
  it('orders by CBS code by default', () => {
    expect(codes({})).toEqual(['0003', '0014', '0358', '0363', '0518', '1900']);
    expect(codes({ direction: 'desc' })).toEqual(['1900', '0518', '0363', '0358', '0014', '0003']);
  });

  it('searches names without regard to case, accents or punctuation, and codes', () => {
    expect(codes({ search: 'sudwest' })).toEqual(['1900']);
    expect(codes({ search: 'SÚDWEST fryslan' })).toEqual(['1900']);
    expect(codes({ search: 's gravenhage' })).toEqual(['0518']);
    expect(codes({ search: 'am' })).toEqual(['0003', '0363']);
    expect(codes({ search: 'GM0363' })).toEqual(['0363']);
    expect(codes({ search: '14' })).toEqual(['0014']);
  });

  it('finds nothing without failing', () => {
    const selected = selectRows(ROWS, { ...ALL, search: 'Atlantis' }, ORDER);
    expect(selected).toEqual({ rows: [], matching: [], page: 1, pageCount: 1 });
  });

  it('filters by category, province and the status of one questionnaire, together', () => {
    expect(codes({ category: 'in-progress' })).toEqual(['0358', '1900']);
    expect(codes({ provinceCode: 'PV20' })).toEqual(['0003', '0014']);
    expect(codes({ questionnaire: { id: 'mantelzorg', status: 'in-progress' } })).toEqual([
      '0358',
      '1900',
    ]);
    expect(
      codes({
        category: 'in-progress',
        provinceCode: 'PV27',
        questionnaire: { id: 'mantelzorg', status: 'in-progress' },
      }),
    ).toEqual(['0358']);
    expect(codes({ category: 'declined' })).toEqual([]);
  });

  it('sorts by name in Dutch order', () => {
    expect(codes({ sort: 'name' })).toEqual(['0518', '0358', '0363', '0003', '0014', '1900']);
    expect(codes({ sort: 'name', direction: 'desc' })).toEqual([
      '1900',
      '0014',
      '0003',
      '0363',
      '0358',
      '0518',
    ]);
  });

  it('sorts by status in the given order, ties by code', () => {
    expect(codes({ sort: 'status' })).toEqual(['0003', '0014', '0518', '0358', '1900', '0363']);
    expect(codes({ sort: 'status', direction: 'desc' })).toEqual([
      '0363',
      '0358',
      '1900',
      '0518',
      '0014',
      '0003',
    ]);
  });

  it('sorts by last change; no change counts as the oldest', () => {
    expect(codes({ sort: 'changed' })).toEqual(['0003', '0014', '0518', '1900', '0358', '0363']);
    expect(codes({ sort: 'changed', direction: 'desc' })).toEqual([
      '0363',
      '0358',
      '1900',
      '0518',
      '0003',
      '0014',
    ]);
  });

  it('pages, and clamps a page beyond the last to the last', () => {
    const second = selectRows(ROWS, { ...ALL, pageSize: 4, page: 2 }, ORDER);
    expect(second.rows.map((r) => r.code)).toEqual(['0518', '1900']);
    expect(second.matching).toHaveLength(6);
    expect([second.page, second.pageCount]).toEqual([2, 2]);
    const beyond = selectRows(ROWS, { ...ALL, pageSize: 4, page: 99 }, ORDER);
    expect(beyond.page).toBe(2);
    expect(beyond.rows.map((r) => r.code)).toEqual(['0518', '1900']);
    const exact = selectRows(ROWS, { ...ALL, pageSize: 3, page: 2 }, ORDER);
    expect([exact.rows.length, exact.pageCount]).toEqual([3, 2]);
  });
});

describe('paginate', () => {
  it.each([
    [441, 1, 50, { page: 1, pageCount: 9, start: 0, end: 50 }],
    [441, 9, 50, { page: 9, pageCount: 9, start: 400, end: 441 }],
    [441, 10, 50, { page: 9, pageCount: 9, start: 400, end: 441 }],
    [441, 0, 50, { page: 1, pageCount: 9, start: 0, end: 50 }],
    [450, 9, 50, { page: 9, pageCount: 9, start: 400, end: 450 }],
    [0, 3, 50, { page: 1, pageCount: 1, start: 0, end: 0 }],
    [1, 1, 50, { page: 1, pageCount: 1, start: 0, end: 1 }],
  ])('%i rows, page %i of %i', (total, page, size, expected) => {
    expect(paginate(total, page, size)).toEqual(expected);
  });
});

describe('listPageNumbers', () => {
  it.each([
    [1, 1, [1]],
    [1, 2, [1, 2]],
    [1, 9, [1, 2, 'gap', 9]],
    [3, 9, [1, 2, 3, 4, 'gap', 9]],
    [5, 9, [1, 'gap', 4, 5, 6, 'gap', 9]],
    [9, 9, [1, 'gap', 8, 9]],
    [4, 5, [1, 2, 3, 4, 5]],
  ] as const)('page %i of %i', (current, count, expected) => {
    expect(listPageNumbers(current, count)).toEqual(expected);
  });
});

describe('matchMunicipalityNames', () => {
  const register = [
    { code: '0363', name: 'Amsterdam' },
    { code: '1900', name: 'Súdwest-Fryslân' },
    { code: '0153', name: 'Haaksbergen' },
    { code: '0893', name: 'Bergen (L.)' },
    { code: '0373', name: 'Bergen (NH.)' },
    { code: '0014', name: 'Groningen' },
  ];
  it('finds codes, exact names and unique parts of names, once each', () => {
    const match = matchMunicipalityNames('amsterdam; sudwest\nGM0014, 363,  ,', register);
    expect(match.found.map((m) => m.code)).toEqual(['0363', '1900', '0014']);
    expect(match.problems).toEqual([]);
  });
  it('reports unknown and ambiguous terms in Dutch', () => {
    const match = matchMunicipalityNames('Bergen, Atlantis, GM9999, Bergen (NH.)', register);
    expect(match.found.map((m) => m.code)).toEqual(['0373']);
    expect(match.problems).toEqual([
      "'Bergen' past bij meer gemeenten (Bergen (L.), Bergen (NH.), Haaksbergen); typ de hele naam.",
      "'Atlantis' is geen gemeente in het register van deze meting.",
      "'GM9999' is geen gemeente in het register van deze meting.",
    ]);
  });
  it('finds nothing in an empty text', () => {
    expect(matchMunicipalityNames(' , ', register)).toEqual({ found: [], problems: [] });
  });
});
