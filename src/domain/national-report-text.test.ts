import { describe, expect, it } from 'vitest';
import {
  classifyCorrelation,
  classifyTrend,
  compareFields,
  describeAllOrNone,
  describeCorrelation,
  describeExtremes,
  describeGroupOrder,
  describeMajority,
  describeProvinces,
  describeResponse,
  describeSizeRelation,
  joinNames,
} from './national-report-text.ts';

describe('describeExtremes', () => {
  it('names the basisfunctie most and least often goed, with whole percentages (the 2009 figures)', () => {
    expect(
      describeExtremes('vrijwilligerswerk', [
        { name: 'Vertalen', percentGoed: 33.9 },
        { name: 'Verbinden', percentGoed: 41.2 },
        { name: 'Versterken', percentGoed: 47.4 },
        { name: 'Verbreiden', percentGoed: 67.6 },
        { name: 'Verankeren', percentGoed: 9.2 },
      ]),
    ).toBe(
      'Van de basisfuncties vrijwilligerswerk hebben de meeste gemeenten Verbreiden ‘goed voor elkaar’ (68%), de minste Verankeren (9%).',
    );
  });

  it('names ties together', () => {
    expect(
      describeExtremes('mantelzorg', [
        { name: 'A', percentGoed: 50 },
        { name: 'B', percentGoed: 50 },
        { name: 'C', percentGoed: 10 },
      ]),
    ).toContain('de meeste gemeenten A en B ‘goed voor elkaar’ (50%), de minste C (10%)');
  });

  it('never mentions a withheld figure, even when it would be the lowest', () => {
    const text = describeExtremes('mantelzorg', [
      { name: 'A', percentGoed: 60 },
      { name: 'Onderdrukt', percentGoed: null },
      { name: 'C', percentGoed: 20 },
    ]);
    expect(text).not.toContain('Onderdrukt');
    expect(text).toContain('de minste C (20%)');
  });

  it('says nothing with fewer than two shown figures or when all are equal', () => {
    expect(
      describeExtremes('x', [
        { name: 'A', percentGoed: 10 },
        { name: 'B', percentGoed: null },
      ]),
    ).toBeNull();
    expect(
      describeExtremes('x', [
        { name: 'A', percentGoed: 10 },
        { name: 'B', percentGoed: 10 },
      ]),
    ).toBeNull();
    expect(describeExtremes('x', [])).toBeNull();
  });
});

describe('describeMajority', () => {
  it('counts the basisfuncties goed in half or more of the municipalities (50% counts)', () => {
    expect(
      describeMajority([
        { name: 'Visie en beleid', percentGoed: 53 },
        { name: 'Informatie', percentGoed: 50 },
        { name: 'Respijtzorg', percentGoed: 49.9 },
        { name: 'Onderdrukt', percentGoed: null },
      ]),
    ).toBe(
      '2 van de 3 basisfuncties zijn in de helft of meer van de gemeenten ‘goed voor elkaar’: Visie en beleid en Informatie.',
    );
  });

  it('says so when none reaches half, and nothing without figures', () => {
    expect(describeMajority([{ name: 'A', percentGoed: 10 }])).toBe(
      'Geen van de 1 basisfuncties is in de helft of meer van de gemeenten ‘goed voor elkaar’.',
    );
    expect(describeMajority([{ name: 'A', percentGoed: null }])).toBeNull();
  });
});

describe('classifyTrend', () => {
  it.each([
    [[10, 20, 30], 'rising'],
    [[10, 10, 30], 'rising'],
    [[30, 20, 20], 'falling'],
    [[20, 20], 'flat'],
    [[10, 30, 20], 'mixed'],
    [[10, null, 5, null, 20], 'mixed'],
    [[10, null, 20], 'rising'],
    [[10, null], null],
    [[], null],
  ] as const)('%j is %s', (values, trend) => {
    expect(classifyTrend(values)).toBe(trend);
  });
});

describe('describeSizeRelation', () => {
  it('says so when every basisfunctie rises with size', () => {
    expect(
      describeSizeRelation([
        { name: 'A', values: [10, 20, 30] },
        { name: 'B', values: [5, 5, 6] },
      ]),
    ).toBe(
      'Bij alle basisfuncties geldt: hoe groter de gemeente, hoe vaker de basisfunctie ‘goed voor elkaar’ is.',
    );
  });

  it('names rising, falling, flat and uneven basisfuncties apart (as Verbinden in 2009)', () => {
    const text = describeSizeRelation([
      { name: 'Verbreiden', values: [50, 60, 70] },
      { name: 'Verankeren', values: [20, 10, 5] },
      { name: 'Versterken', values: [40, 40, 40] },
      { name: 'Verbinden', values: [30, 50, 40] },
      { name: 'Vertalen', values: [30, 20, 40] },
    ]);
    expect(text).toBe(
      'Bij Verbreiden geldt: hoe groter de gemeente, hoe vaker ‘goed voor elkaar’. ' +
        'Bij Verankeren is het omgekeerd: kleinere gemeenten hebben deze basisfunctie vaker ‘goed voor elkaar’. ' +
        'Bij Versterken maakt de grootte van de gemeente geen verschil. ' +
        'Bij Vertalen loopt het aandeel niet gelijk op met de grootte, al hebben de grootste gemeenten het vaakst ‘goed voor elkaar’. ' +
        'Bij Verbinden loopt het aandeel niet gelijk op met de grootte: het hoogste aandeel ligt niet bij de grootste gemeenten.',
    );
  });

  it('is built from the shown figures only', () => {
    // Without the withheld middle figure the sequence rises; its value is never named.
    const text = describeSizeRelation([{ name: 'A', values: [10, null, 30] }]);
    expect(text).toContain('hoe groter de gemeente');
    expect(describeSizeRelation([{ name: 'A', values: [null, 30] }])).toBeNull();
  });
});

describe('describeGroupOrder', () => {
  it('says G4 > G27 > overig holds for all basisfuncties', () => {
    expect(
      describeGroupOrder([
        { name: 'A', values: [80, 60, 40] },
        { name: 'B', values: [30, 20, 10] },
      ]),
    ).toBe(
      'Bij alle basisfuncties scoort de G4 hoger dan de G27 en de G27 hoger dan de overige gemeenten.',
    );
  });

  it('names the exceptions with their figures', () => {
    expect(
      describeGroupOrder([
        { name: 'Verbreiden', values: [80, 70, 60] },
        { name: 'Verbinden', values: [40, 60, 35] },
      ]),
    ).toBe(
      'Bij Verbreiden scoort de G4 hoger dan de G27 en de G27 hoger dan de overige gemeenten. ' +
        'Bij Verbinden is dat niet zo: de G4 40%, de G27 60%, de overige gemeenten 35%.',
    );
  });

  it('leaves out a basisfunctie with a withheld figure', () => {
    expect(describeGroupOrder([{ name: 'A', values: [null, 60, 35] }])).toBeNull();
    const text = describeGroupOrder([
      { name: 'A', values: [null, 60, 35] },
      { name: 'B', values: [50, 40, 30] },
    ]);
    expect(text).toBe(
      'Bij B scoort de G4 hoger dan de G27 en de G27 hoger dan de overige gemeenten.',
    );
  });
});

describe('describeProvinces', () => {
  it('names the provinces above and below the national figure on every basisfunctie', () => {
    expect(
      describeProvinces(
        [50, 40],
        [
          { name: 'Zeeland', values: [60, 45] },
          { name: 'Flevoland', values: [70, 41] },
          { name: 'Utrecht', values: [60, 30] },
          { name: 'Noord-Holland', values: [30, 20] },
        ],
      ),
    ).toBe(
      'Op alle basisfuncties hebben de gemeenten in Zeeland en Flevoland ze vaker ‘goed voor elkaar’ dan gemiddeld in Nederland. ' +
        'In Noord-Holland is dat op alle basisfuncties minder vaak.',
    );
  });

  it('leaves out a province with a withheld figure, and equal figures are neither above nor below', () => {
    expect(
      describeProvinces(
        [50, 40],
        [
          { name: 'Flevoland', values: [null, 90] },
          { name: 'Zeeland', values: [50, 45] },
        ],
      ),
    ).toBeNull();
  });
});

describe('describeAllOrNone', () => {
  it('gives all, none and the rest (bijlage 1, tabel C of 2009)', () => {
    expect(
      describeAllOrNone(
        'vrijwilligerswerk',
        5,
        { count: 32, percent: 8.4 },
        { count: 102, percent: 26.8 },
      ),
    ).toBe(
      '32 gemeenten (8%) hebben alle basisfuncties vrijwilligerswerk ‘goed voor elkaar’, 102 (27%) nog géén. ' +
        'De overige 65% heeft er één tot vier ‘goed voor elkaar’.',
    );
  });

  it('leaves out a withheld part and the rest that would be computed from it', () => {
    const text = describeAllOrNone(
      'mantelzorg',
      8,
      { count: null, percent: null },
      { count: 1, percent: 20 },
    );
    expect(text).toBe(
      '1 gemeente (20%) heeft nog géén van de basisfuncties mantelzorg ‘goed voor elkaar’.',
    );
    expect(
      describeAllOrNone(
        'mantelzorg',
        8,
        { count: null, percent: null },
        { count: null, percent: null },
      ),
    ).toBeNull();
  });
});

describe('classifyCorrelation and describeCorrelation', () => {
  it.each([
    [0, 'geen'],
    [0.099, 'geen'],
    [0.1, 'zwak'],
    [-0.29, 'zwak'],
    [0.3, 'matig'],
    [0.44, 'matig'],
    [0.5, 'sterk'],
    [-0.9, 'sterk'],
  ] as const)('r = %d is %s', (r, strength) => {
    expect(classifyCorrelation(r)).toBe(strength);
  });

  it('describes the 2009 figure in words', () => {
    expect(describeCorrelation(0.44, 379)).toBe(
      'De correlatiecoëfficiënt Pearson’s R is 0,44 (379 gemeenten met beide vragenlijsten): een matige positieve samenhang. ' +
        'Een goede score op vrijwilligerswerk gaat vaak samen met een goede score op mantelzorg, en omgekeerd.',
    );
  });

  it('describes a negative and a negligible correlation, and nothing when R is withheld', () => {
    expect(describeCorrelation(-0.2, null)).toContain('een zwakke negatieve samenhang');
    expect(describeCorrelation(0.05, 10)).toContain('nauwelijks samenhang');
    expect(describeCorrelation(null, 379)).toBeNull();
  });
});

describe('describeResponse', () => {
  it('gives the response of both and of each questionnaire', () => {
    expect(
      describeResponse(441, 379, [
        { name: 'vrijwilligerswerk', respondents: 380 },
        { name: 'mantelzorg', respondents: 1 },
      ]),
    ).toBe(
      'Van de 441 gemeenten hebben er 379 (86%) beide vragenlijsten ingevuld. ' +
        'De vragenlijst vrijwilligerswerk is door 380 gemeenten (86%) ingevuld. ' +
        'De vragenlijst mantelzorg is door 1 gemeente (0%) ingevuld.',
    );
  });

  it('handles no response and no municipalities', () => {
    expect(describeResponse(10, 0, [])).toBe(
      'Van de 10 gemeenten heeft nog geen enkele beide vragenlijsten ingevuld.',
    );
    expect(describeResponse(0, 0, [])).toBe('De meting heeft geen gemeenten.');
  });
});

describe('compareFields', () => {
  it('compares the mean share of basisfuncties goed (Σ k × n_k / (K × Σ n_k))', () => {
    // vrijwilligerswerk: (0×1 + 1×1) / (1 × 2) = 50%; mantelzorg: 0 / (1 × 2) = 0%.
    expect(
      compareFields(
        { name: 'vrijwilligerswerk', counts: [1, 1] },
        { name: 'mantelzorg', counts: [2, 0] },
      ),
    ).toBe(
      'Gemiddeld heeft een gemeente 50% van de basisfuncties vrijwilligerswerk ‘goed voor elkaar’ en 0% van de basisfuncties mantelzorg: vrijwilligerswerk is gemiddeld beter voor elkaar.',
    );
  });

  it('says nothing when counts are withheld or empty', () => {
    expect(compareFields({ name: 'a', counts: null }, { name: 'b', counts: [1, 1] })).toBeNull();
    expect(compareFields({ name: 'a', counts: [0, 0] }, { name: 'b', counts: [1, 1] })).toBeNull();
  });
});

describe('joinNames', () => {
  it('joins the Dutch way', () => {
    expect(joinNames([])).toBe('');
    expect(joinNames(['A'])).toBe('A');
    expect(joinNames(['A', 'B', 'C'])).toBe('A, B en C');
  });
});
