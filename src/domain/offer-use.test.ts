import { describe, expect, it } from 'vitest';
import type { Questionnaire } from './instrument.ts';
import {
  analyseOfferUse,
  describeOfferUse,
  judgeOfferUse,
  type OfferUseRespondent,
} from './offer-use.ts';
import type { ItemPoints } from './scoring.ts';

const questionnaire: Questionnaire = {
  id: 'mantelzorg',
  name: 'Mantelzorg',
  basisfuncties: [
    {
      id: 'respijtzorg',
      name: 'Respijtzorg',
      official: true,
      definition: 'd',
      description: 'd',
      activities: ['a'],
    },
  ],
  offerUse: [{ basisfunctie: 'respijtzorg', offer: 1, use: 2, subject: 'respijtzorg' }],
  items: [
    { number: 1, kind: 'scale', text: 'Zorgt…', textSource: 'report', basisfunctie: 'respijtzorg' },
    { number: 2, kind: 'scale', text: 'Maken…', textSource: 'report', basisfunctie: 'respijtzorg' },
  ],
};

const respondent = (code: string, offer: ItemPoints, use: ItemPoints): OfferUseRespondent => ({
  municipalityCode: code,
  points: new Map([
    [1, offer],
    [2, use],
  ]),
});

describe('judgeOfferUse', () => {
  // offer \ use: null, 1 (Nee), 2 (verbetering mogelijk), 3 (goed voor elkaar)
  it.each([
    [null, null, 'unanswered'],
    [null, 3, 'unanswered'],
    [1, null, 'no-offer'],
    [1, 1, 'no-offer'],
    [1, 3, 'no-offer'],
    [2, null, 'unanswered'],
    [2, 1, 'use-lags'],
    [2, 2, 'offer-and-use'],
    [2, 3, 'offer-and-use'],
    [3, null, 'unanswered'],
    [3, 1, 'use-lags'],
    [3, 2, 'use-lags'],
    [3, 3, 'offer-and-use'],
  ] as const)('offer %s, use %s → %s', (offer, use, verdict) => {
    expect(judgeOfferUse({ offer, use })).toBe(verdict);
  });
});

describe('describeOfferUse', () => {
  it('says plainly where the offer exists but its use lags', () => {
    expect(describeOfferUse('use-lags', 'respijtzorg')).toBe(
      'De gemeente zorgt voor respijtzorg, maar mantelzorgers maken er nog weinig gebruik van.',
    );
    expect(describeOfferUse('offer-and-use', 'scholing')).toBe(
      'De gemeente zorgt voor scholing, en mantelzorgers maken er ook gebruik van.',
    );
    expect(describeOfferUse('no-offer', 'materiële hulp')).toBe(
      'De gemeente zorgt nog niet voor materiële hulp.',
    );
    expect(describeOfferUse('unanswered', 'informatie')).toBe(
      'Over het aanbod en het gebruik van informatie is te weinig ingevuld om iets te zeggen.',
    );
  });
});

describe('analyseOfferUse', () => {
  // Hand-computed table, own municipality 0001 (offer 3, use 2: use lags):
  // code  offer use  both? offer=3 use=3 lags  use vs own (2)
  // 0001    3    2   yes    yes    no    yes   (itself)
  // 0002    3    3   yes    yes    yes   no    higher
  // 0003    2    1   yes    no     no    yes   lower
  // 0004    1    2   yes    no     no    no    equal
  // 0005    3  null  no     -      -     -     -
  // 0006 null    3   no     -      -     -     higher
  // both answered: 4; offer goed 2/4 = 50%; use goed 1/4 = 25%; lags 2/4 = 50%
  // others with a use answer: 0002, 0003, 0004, 0006 = 4; lower 1, equal 1, higher 2
  const everyone = [
    respondent('0001', 3, 2),
    respondent('0002', 3, 3),
    respondent('0003', 2, 1),
    respondent('0004', 1, 2),
    respondent('0005', 3, null),
    respondent('0006', null, 3),
  ];

  it('gives the own verdict, the national figures and where the municipality stands', () => {
    const [row] = analyseOfferUse(questionnaire, '0001', everyone[0]!.points, everyone);
    expect(row).toEqual({
      pair: questionnaire.offerUse![0],
      basisfunctieName: 'Respijtzorg',
      own: { offer: 3, use: 2 },
      verdict: 'use-lags',
      sentence:
        'De gemeente zorgt voor respijtzorg, maar mantelzorgers maken er nog weinig gebruik van.',
      national: { respondents: 4, percentOfferGoed: 50, percentUseGoed: 25, percentUseLags: 50 },
      position: {
        compared: 4,
        lower: 1,
        equal: 1,
        higher: 2,
        percentLower: 25,
        percentEqual: 25,
        percentHigher: 50,
      },
    });
  });

  it('gives no position to a municipality that did not answer the use item', () => {
    const [row] = analyseOfferUse(questionnaire, '0005', everyone[4]!.points, everyone);
    expect(row?.verdict).toBe('unanswered');
    expect(row?.position).toBeNull();
    expect(row?.national.respondents).toBe(4);
  });

  it('gives empty national figures when nobody answered', () => {
    const [row] = analyseOfferUse(questionnaire, '0001', new Map(), []);
    expect(row?.national).toEqual({
      respondents: 0,
      percentOfferGoed: null,
      percentUseGoed: null,
      percentUseLags: null,
    });
    expect(row?.verdict).toBe('unanswered');
  });

  it('gives nothing for a questionnaire without pairs', () => {
    expect(
      analyseOfferUse({ ...questionnaire, offerUse: undefined }, '0001', new Map(), []),
    ).toEqual([]);
  });
});
