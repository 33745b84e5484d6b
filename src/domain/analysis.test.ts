import { describe, expect, it } from 'vitest';
import { loadInstrument } from '../instruments/index.ts';
import {
  computeCrossTab,
  computeMeanMark,
  computeRoundAnalysis,
  type Breakdown,
  type ResponseVector,
} from './analysis.ts';
import { getQuestionnaire, listAllScaleItems, type Item } from './instrument.ts';
import { scoreResponses } from './municipality-marks.ts';
import { createRandom } from './random.ts';
import { createRational, type Rational } from './rational.ts';
import { classifyGroup, classifySize, type Municipality } from './register.ts';
import { encodeChoiceVector, encodeScaleVector } from './response-vectors.ts';

const instrument = loadInstrument('2009');

const municipality = (
  code: string,
  population: number | null,
  extra: Partial<Municipality> = {},
): Municipality => ({
  code,
  name: `Gemeente ${code}`,
  provinceCode: 'PV27',
  provinceName: 'Noord-Holland',
  population,
  g4: false,
  g27: false,
  ...extra,
});

const register = [
  municipality('0363', 767_457, { g4: true }),
  municipality('0003', 12_032, { provinceCode: 'PV20', provinceName: 'Groningen' }),
  municipality('0014', 187_298, { g27: true, provinceCode: 'PV20', provinceName: 'Groningen' }),
  municipality('0005', null, { provinceCode: 'PV20', provinceName: 'Groningen' }),
  municipality('0007', 9_261),
];

function vector(questionnaire: string, points: (item: Item) => number | null): string {
  const q = getQuestionnaire(instrument, questionnaire);
  const map = new Map<number, number>();
  for (const item of q.items) {
    const value = item.kind === 'scale' ? points(item) : null;
    if (value !== null) map.set(item.number, value);
  }
  return encodeScaleVector(q, map);
}

const noChoices = (questionnaire: string) =>
  encodeChoiceVector(getQuestionnaire(instrument, questionnaire), new Map());
const response = (
  municipalityCode: string,
  questionnaire: string,
  scaleVector: string,
  answerCount = 30,
  choiceVector = noChoices(questionnaire),
): ResponseVector => ({
  municipalityCode,
  questionnaire,
  scaleVector,
  choiceVector,
  answerCount,
});
const mantelzorg18 = (codes: string[]) =>
  encodeChoiceVector(getQuestionnaire(instrument, 'mantelzorg'), new Map([[18, codes]]));

// A: all 3 (everything goed); B: all 1 (vw) and all 2 (mz, mark 5: nothing goed);
// C: only vrijwilligerswerk, only 'vertalen' goed; D: only mantelzorg, informatie mostly
// unanswered (no mark), the rest goed; E: a response row without answers (no respondent).
const responses = [
  response(
    '0363',
    'vrijwilligerswerk',
    vector('vrijwilligerswerk', () => 3),
  ),
  response(
    '0363',
    'mantelzorg',
    vector('mantelzorg', () => 3),
    30,
    mantelzorg18(['aanbod', 'mantelzorg']),
  ),
  response(
    '0003',
    'vrijwilligerswerk',
    vector('vrijwilligerswerk', () => 1),
  ),
  response(
    '0003',
    'mantelzorg',
    vector('mantelzorg', () => 2),
    30,
    mantelzorg18(['aanbod']),
  ),
  response(
    '0014',
    'vrijwilligerswerk',
    vector('vrijwilligerswerk', (i) => (i.basisfunctie === 'vertalen' ? 3 : 2)),
  ),
  response(
    '0005',
    'mantelzorg',
    vector('mantelzorg', (i) =>
      i.basisfunctie === 'informatie' ? (i.number === 17 ? 3 : null) : 3,
    ),
  ),
  response(
    '0007',
    'mantelzorg',
    vector('mantelzorg', () => null),
    0,
  ),
];

const analysis = computeRoundAnalysis({
  round: 'test',
  instrument,
  municipalities: register,
  responses,
});

describe('computeRoundAnalysis', () => {
  it('counts respondents per questionnaire and both', () => {
    expect(analysis.respondents).toEqual({
      municipalities: 5,
      vrijwilligerswerk: 3,
      mantelzorg: 3,
      both: 2,
    });
  });

  it('gives the share goed per basisfunctie over the respondents with a mark', () => {
    const informatie = analysis.basisfuncties.find((b) => b.basisfunctie === 'informatie');
    expect(informatie).toMatchObject({ respondents: 2, goed: 1, percentGoed: 50, insufficient: 1 });
    expect(informatie?.bands).toEqual({
      'aandacht-nodig': 0,
      'op-de-goede-weg': 1,
      'goed-voor-elkaar': 1,
    });
    expect(informatie?.meanMark).toBe(7.5);
    const vertalen = analysis.basisfuncties.find((b) => b.basisfunctie === 'vertalen');
    expect(vertalen).toMatchObject({ respondents: 3, goed: 2, percentGoed: 66.7, insufficient: 0 });
    expect(analysis.basisfuncties).toHaveLength(14);
  });

  it('counts official basisfuncties goed; a basisfunctie without a mark counts as not goed', () => {
    expect(analysis.countGoed.vrijwilligerswerk).toEqual([1, 1, 0, 0, 0, 1]);
    expect(analysis.countGoed.mantelzorg).toEqual([1, 0, 0, 0, 0, 0, 0, 1, 1]);
  });

  it('cross-tabulates the two counts for municipalities with both questionnaires', () => {
    expect(analysis.crossTable).toHaveLength(9);
    expect(analysis.crossTable[0]).toEqual([1, 0, 0, 0, 0, 0]);
    expect(analysis.crossTable[8]).toEqual([0, 0, 0, 0, 0, 1]);
    expect(analysis.pearsonR).toBe(1);
    expect(analysis.allOrNone.all.both).toEqual({ count: 1, percent: 50 });
    expect(analysis.allOrNone.none.vrijwilligerswerk).toEqual({ count: 1, percent: 33.3 });
  });

  it('breaks down by size class (unknown population stays unknown), group and province', () => {
    const share = (list: typeof analysis.bySizeClass, id: string, basisfunctie: string) =>
      list.find((b) => b.id === id)?.basisfuncties.find((b) => b.basisfunctie === basisfunctie);
    expect(share(analysis.bySizeClass, 'ge-250000', 'informatie')).toMatchObject({
      respondents: 1,
      goed: 1,
    });
    expect(share(analysis.bySizeClass, 'onbekend', 'respijtzorg')).toMatchObject({
      respondents: 1,
      goed: 1,
    });
    expect(analysis.bySizeClass.find((b) => b.id === 'onbekend')?.municipalities).toBe(1);
    expect(share(analysis.byGroup, 'G27', 'vertalen')).toMatchObject({
      respondents: 1,
      goed: 1,
      percentGoed: 100,
    });
    expect(analysis.byGroup.map((g) => g.municipalities)).toEqual([1, 1, 3]);
    expect(analysis.byProvince.map((p) => [p.id, p.municipalities])).toEqual([
      ['PV20', 3],
      ['PV27', 2],
    ]);
    expect(analysis.byProvince[0]?.respondents).toEqual({ vrijwilligerswerk: 2, mantelzorg: 2 });
  });

  it('gives the mean mark of every size class, group and province, like the national one', () => {
    // Hand-computed marks: vertalen 0363 = 10, 0003 = 0, 0014 = 10; verbinden en makelen
    // 0363 = 10, 0003 = 0, 0014 = 5 (all 2); informatie 0363 = 10, 0003 = 5 (all 2),
    // 0005 no mark (1 of 3 answered); respijtzorg 0363 = 10, 0003 = 5, 0005 = 10.
    const mean = (list: readonly Breakdown[], id: string, basisfunctie: string) =>
      list.find((b) => b.id === id)?.basisfuncties.find((b) => b.basisfunctie === basisfunctie)
        ?.meanMark;
    const national = (basisfunctie: string) =>
      analysis.basisfuncties.find((b) => b.basisfunctie === basisfunctie)?.meanMark;
    expect(national('vertalen')).toBe(6.7); // 20 / 3
    expect(national('verbinden-en-makelen')).toBe(5);
    expect(mean(analysis.byProvince, 'PV20', 'vertalen')).toBe(5); // (0 + 10) / 2
    expect(mean(analysis.byProvince, 'PV27', 'vertalen')).toBe(10);
    expect(mean(analysis.byProvince, 'PV20', 'informatie')).toBe(5); // 0005 has no mark
    expect(mean(analysis.byGroup, 'G4', 'vertalen')).toBe(10);
    expect(mean(analysis.byGroup, 'G27', 'verbinden-en-makelen')).toBe(5);
    expect(mean(analysis.byGroup, 'overig', 'vertalen')).toBe(0);
    expect(mean(analysis.byGroup, 'G27', 'informatie')).toBeNull(); // 0014: no mantelzorg
    expect(mean(analysis.bySizeClass, 'ge-250000', 'informatie')).toBe(10);
    expect(mean(analysis.bySizeClass, 'lt-20000', 'informatie')).toBe(5);
    expect(mean(analysis.bySizeClass, 'onbekend', 'vertalen')).toBeNull();
    expect(mean(analysis.bySizeClass, 'onbekend', 'respijtzorg')).toBe(10);
    expect(mean(analysis.bySizeClass, '50000-100000', 'respijtzorg')).toBeNull(); // nobody
  });

  it('gives the distribution of each 3-point item', () => {
    const item17 = analysis.items.find(
      (i) => i.questionnaire === 'mantelzorg' && i.question === 17,
    );
    expect(item17).toMatchObject({ answered: 3, counts: [0, 1, 2], percentages: [0, 33.3, 66.7] });
    const item19 = analysis.items.find(
      (i) => i.questionnaire === 'mantelzorg' && i.question === 19,
    );
    expect(item19).toMatchObject({ answered: 2, counts: [0, 1, 1] });
  });

  it('gives the share of respondents per option, with every option listed', () => {
    const item18 = analysis.multipleChoice.find(
      (c) => c.questionnaire === 'mantelzorg' && c.question === 18,
    );
    expect(item18?.respondents).toBe(2);
    expect(item18?.options.map((o) => [o.code, o.count, o.percent])).toEqual([
      ['aanbod', 2, 100],
      ['mantelzorg', 1, 50],
      ['mantelzorgcompliment', 0, 0],
      ['wet-en-regelgeving', 0, 0],
      ['ziekten', 0, 0],
      ['nulurenindicatie', 0, 0],
    ]);
    const item6 = analysis.multipleChoice.find(
      (c) => c.questionnaire === 'vrijwilligerswerk' && c.question === 6,
    );
    expect(item6?.respondents).toBe(0);
    expect(item6?.options[0]?.percent).toBeNull();
  });

  it('handles a round without any respondents', () => {
    const empty = computeRoundAnalysis({
      round: 'leeg',
      instrument,
      municipalities: register,
      responses: [],
    });
    expect(empty.respondents).toEqual({
      municipalities: 5,
      vrijwilligerswerk: 0,
      mantelzorg: 0,
      both: 0,
    });
    expect(empty.pearsonR).toBeNull();
    expect(empty.basisfuncties.every((b) => b.percentGoed === null)).toBe(true);
  });

  it('rejects a response from outside the register', () => {
    expect(() =>
      computeRoundAnalysis({
        round: 'x',
        instrument,
        municipalities: register,
        responses: [
          response(
            '9999',
            'mantelzorg',
            vector('mantelzorg', () => 2),
          ),
        ],
      }),
    ).toThrow(/not in the round's register/);
  });
});

describe('computeMeanMark', () => {
  const r = (num: number, den = 1) => createRational(num, den);
  it.each<[string, (Rational | null)[], number | null]>([
    ['no marks', [], null],
    ['only respondents without a mark', [null, null], null],
    ['10 and 5, one without a mark', [r(10), r(5), null], 7.5],
    ['a half rounds up: 25/4 = 6.25', [r(25, 4)], 6.3],
    ['25/6 and 5: 55/12 = 4.583…', [r(25, 6), r(5)], 4.6],
    ['three times 20/3', [r(20, 3), r(20, 3), r(20, 3)], 6.7],
    ['45/7, 5 and 15/2: 1325/210 = 6.309…', [r(45, 7), r(5), r(15, 2)], 6.3],
    ['0 and 1/4: 0.125 rounds to 0.1', [r(0), r(1, 4)], 0.1],
    ['0 and 3/10: 0.15 is a half and rounds up', [r(0), r(3, 10)], 0.2],
  ])('%s', (_, marks, expected) => {
    expect(computeMeanMark(marks)).toBe(expected);
  });

  it("equals every breakdown's meanMark over the marks of its members, in any order", () => {
    // A register spread over provinces, groups and size classes, with random answers.
    const random = createRandom(11);
    const provinces = [
      ['PV20', 'Groningen'],
      ['PV27', 'Noord-Holland'],
      ['PV29', 'Zuid-Holland'],
    ] as const;
    const sizes = [null, 8_000, 30_000, 70_000, 150_000, 400_000];
    const members: Municipality[] = Array.from({ length: 90 }, (_, i) => {
      const [provinceCode, provinceName] = provinces[i % 3]!;
      return municipality(String(1000 + i), sizes[i % 6]!, {
        provinceCode,
        provinceName,
        g4: i % 10 === 0,
        g27: i % 10 === 1,
      });
    });
    const randomResponses: ResponseVector[] = members.flatMap((m) =>
      instrument.questionnaires
        .filter(() => random() < 0.9)
        .map((q) =>
          response(
            m.code,
            q.id,
            listAllScaleItems(q)
              .map(() => String(Math.floor(random() * 4)))
              .join(''),
          ),
        ),
    );
    const result = computeRoundAnalysis({
      round: 'r',
      instrument,
      municipalities: members,
      responses: randomResponses,
    });
    const scored = scoreResponses(instrument, randomResponses).reverse();
    const byCode = new Map(members.map((m) => [m.code, m]));
    const dimensions: [readonly Breakdown[], (m: Municipality) => string][] = [
      [result.bySizeClass, (m) => classifySize(m.population)],
      [result.byGroup, classifyGroup],
      [result.byProvince, (m) => m.provinceCode],
    ];
    let compared = 0;
    for (const [breakdowns, assign] of dimensions) {
      for (const breakdown of breakdowns) {
        for (const share of breakdown.basisfuncties) {
          const q = getQuestionnaire(instrument, share.questionnaire);
          const b = q.basisfuncties.findIndex((x) => x.id === share.basisfunctie);
          const marks = scored
            .filter((s) => s.questionnaire === q.id)
            .filter((s) => assign(byCode.get(s.municipalityCode)!) === breakdown.id)
            .map((s) => s.marks[b]!.mark);
          expect(share.meanMark, `${breakdown.id} ${share.basisfunctie}`).toBe(
            computeMeanMark(marks),
          );
          if (share.meanMark !== null) compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
    for (const national of result.basisfuncties) {
      const q = getQuestionnaire(instrument, national.questionnaire);
      const b = q.basisfuncties.findIndex((x) => x.id === national.basisfunctie);
      const marks = scored.filter((s) => s.questionnaire === q.id).map((s) => s.marks[b]!.mark);
      expect(national.meanMark).toBe(computeMeanMark(marks));
    }
  });
});

describe('computeCrossTab', () => {
  const mantelzorg = getQuestionnaire(instrument, 'mantelzorg');
  const vectors = responses
    .filter((r) => r.questionnaire === 'mantelzorg')
    .map((r) => r.scaleVector);

  it('counts pairs of answers with row percentages in answer order 1, 2, 3', () => {
    const result = computeCrossTab(mantelzorg, vectors, 17, 22);
    expect(result.counts).toEqual([
      [0, 0, 0],
      [0, 1, 0],
      [0, 0, 2],
    ]);
    expect(result.rowPercentages).toEqual([
      [null, null, null],
      [0, 100, 0],
      [0, 0, 100],
    ]);
    expect(result.columnTotals).toEqual([0, 1, 2]);
    expect(result.total).toBe(3);
  });

  it('leaves out respondents who did not answer both', () => {
    expect(computeCrossTab(mantelzorg, vectors, 17, 19).total).toBe(2);
  });

  it('rejects a question that is not a 3-point item', () => {
    expect(() => computeCrossTab(mantelzorg, vectors, 18, 19)).toThrow(/Question 18/);
  });
});
