import { describe, expect, it } from 'vitest';
import {
  buildOpenData,
  OPEN_DATA_CSV_HEADER,
  OPEN_DATA_LICENCE,
  OpenDataDocumentSchema,
  writeOpenDataCsv,
  type OpenDataSource,
} from './open-data.ts';

const share = (respondents: number, goed: number | null, percentGoed: number | null) => ({
  questionnaire: 'mantelzorg',
  basisfunctie: 'informatie',
  respondents,
  goed,
  percentGoed,
  meanMark: goed === null ? null : 6.1,
  suppressed: goed === null,
});

/** A protected analysis by hand: 12 respondents, one province of 3 and its partner withheld. */
const SOURCE: OpenDataSource = {
  round: 'r',
  roundName: 'Meting r',
  synthetic: false,
  instrumentVersion: '2009',
  register: { id: '2009', name: 'Gemeenten 2009', referenceDate: '2009-01-01' },
  respondents: { municipalities: 12, both: 10, mantelzorg: 12 },
  basisfuncties: [
    {
      ...share(12, 6, 50),
      name: 'Informatie',
      official: true,
      insufficient: 0,
      bands: { goed: 6, weg: 4, aandacht: 2 },
    },
  ],
  bySizeClass: [],
  byGroup: [],
  byProvince: [
    { id: 'PV20', label: 'Groningen', municipalities: 4, basisfuncties: [share(3, null, null)] },
    { id: 'PV21', label: 'Friesland', municipalities: 5, basisfuncties: [share(4, null, null)] },
    { id: 'PV22', label: 'Drenthe', municipalities: 6, basisfuncties: [share(5, 3, 60)] },
  ],
  items: [
    {
      questionnaire: 'mantelzorg',
      question: 17,
      basisfunctie: 'informatie',
      text: 'Is er informatie?',
      answered: 12,
      counts: [2, 4, 6],
      percentages: [16.7, 33.3, 50],
      suppressed: false,
    },
    {
      questionnaire: 'mantelzorg',
      question: 18,
      basisfunctie: 'informatie',
      text: 'Weinig beantwoord',
      answered: 3,
      counts: null,
      percentages: null,
      suppressed: true,
    },
  ],
  multipleChoice: [],
  countGoed: { mantelzorg: [6, 6] },
  allOrNone: { all: { mantelzorg: { count: 6, percent: 50 } }, none: { mantelzorg: null } },
  crossTable: null,
  crossTableRows: 'mantelzorg',
  crossTableColumns: 'vrijwilligerswerk',
  pearsonR: null,
};

const CONTEXT = {
  pageUrl: 'https://bfm.example/openbaar/metingen/r',
  publishedAt: new Date('2026-03-01T10:00:00Z'),
  opensOn: '2026-01-01',
  closesOn: '2026-02-01',
  minimumRespondents: 5,
};

describe('buildOpenData', () => {
  const document = buildOpenData(SOURCE, CONTEXT);

  it('gives every figure its respondents, and a withheld one value null and suppressed true', () => {
    expect(OpenDataDocumentSchema.parse(document)).toEqual(document);
    const [result] = document.basisfuncties;
    expect(result?.national.percentGoed).toEqual({ value: 50, respondents: 12, suppressed: false });
    expect(result?.national.bands.aandacht).toEqual({
      value: 2,
      respondents: 12,
      suppressed: false,
    });
    expect(result?.byProvince.map((p) => p.percentGoed)).toEqual([
      { value: null, respondents: 3, suppressed: true },
      { value: null, respondents: 4, suppressed: true },
      { value: 60, respondents: 5, suppressed: false },
    ]);
    expect(document.items[1]?.answers.map((a) => a.count)).toEqual([
      { value: null, respondents: 3, suppressed: true },
      { value: null, respondents: 3, suppressed: true },
      { value: null, respondents: 3, suppressed: true },
    ]);
    expect(document.allOrNone.none.mantelzorg?.count).toEqual({
      value: null,
      respondents: 12,
      suppressed: true,
    });
    expect(document.crossTable).toMatchObject({ suppressed: true, cells: [] });
    expect(document.pearsonR).toEqual({ value: null, respondents: 10, suppressed: true });
  });

  it('describes the data set in DCAT with the CC0 licence, on the given address', () => {
    expect(document.metadata).toMatchObject({
      '@type': 'dcat:Dataset',
      'dct:license': OPEN_DATA_LICENCE,
      'dct:issued': '2026-03-01T10:00:00.000Z',
      'dct:temporal': { 'dcat:startDate': '2026-01-01', 'dcat:endDate': '2026-02-01' },
      'dcat:landingPage': 'https://bfm.example/openbaar/metingen/r',
    });
  });
});

describe('writeOpenDataCsv', () => {
  const csv = writeOpenDataCsv(buildOpenData(SOURCE, CONTEXT));
  const lines = csv
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .slice(0, -1);

  it('writes one row per figure in long format, withheld figures empty and marked', () => {
    expect(lines[0]).toBe(OPEN_DATA_CSV_HEADER.join(';'));
    expect(lines).toContain('basisfuncties;mantelzorg;informatie;landelijk;;percentGoed;50;12;nee');
    expect(lines).toContain('basisfuncties;mantelzorg;informatie;provincie;PV20;percentGoed;;3;ja');
    expect(lines).toContain('items;mantelzorg;vraag_18;landelijk;;aantal:1;;3;ja');
    expect(lines).toContain('items;mantelzorg;vraag_17;landelijk;;procent:2;33.3;12;nee');
    expect(lines).toContain('kruistabel;;Pearson R;landelijk;;r;;10;ja');
  });

  it('has as many rows as the document has figures', () => {
    const document = buildOpenData(SOURCE, CONTEXT);
    let figures = 0;
    JSON.stringify(document, (key, value: unknown) => {
      if (key !== 'metadata' && value && typeof value === 'object' && 'suppressed' in value) {
        if ('respondents' in value) figures += 1;
      }
      return value;
    });
    // The header and the row that names the round come first.
    expect(lines[1]).toBe('meting;;r;landelijk;;synthetisch;0;;nee');
    expect(lines.length - 2).toBe(figures);
  });
});
