import { describe, expect, it } from 'vitest';
import { loadInstrument } from '../instruments/index.ts';
import {
  buildFollowUpAnswers,
  chooseSource,
  DEMO_PINNED,
  DEMO_PINNED_CHANGES,
  planDemoFollowUp,
  shiftPoints,
  type DemoAnswer,
} from './demo-follow-up.ts';
import { listScaleItems } from './instrument.ts';
import type { Predecessor } from './lineage.ts';

// The domain test reads the bundled base version directly: there is no database here.
const instrument = loadInstrument('2009');
const codes = Array.from({ length: 342 }, (_, i) => String(i + 1).padStart(4, '0'));
const whole = (code: string): Predecessor => ({
  code,
  relation: 'merged',
  share: 1,
  shareMeasured: true,
});

describe('planDemoFollowUp', () => {
  it('is the same plan on every run (seeded)', () => {
    expect(planDemoFollowUp(instrument, codes)).toEqual(planDemoFollowUp(instrument, codes));
  });

  it('leaves most municipalities unchanged, with some absent, some improving and some declining', () => {
    const plan = planDemoFollowUp(instrument, codes);
    const improve = plan.changes.filter((c) => c.direction === 'improve').length;
    const decline = plan.changes.filter((c) => c.direction === 'decline').length;
    expect(plan.absent.length).toBeGreaterThan(5);
    expect(improve).toBeGreaterThan(decline);
    expect(decline).toBeGreaterThan(5);
    expect(
      plan.absent.length + new Set(plan.changes.map((c) => c.municipalityCode)).size,
    ).toBeLessThan(codes.length / 2);
  });

  it('gives the pinned municipalities exactly their fixed changes and never leaves them out', () => {
    const plan = planDemoFollowUp(instrument, [...codes, ...Object.values(DEMO_PINNED)]);
    for (const code of Object.values(DEMO_PINNED)) expect(plan.absent).not.toContain(code);
    for (const code of Object.values(DEMO_PINNED)) {
      expect(plan.changes.filter((c) => c.municipalityCode === code)).toEqual(
        DEMO_PINNED_CHANGES.filter((c) => c.municipalityCode === code),
      );
    }
    expect(plan.changes.filter((c) => c.municipalityCode === DEMO_PINNED.unchanged)).toEqual([]);
  });

  it('plans only basisfuncties the instrument has', () => {
    const ids = new Set(
      instrument.questionnaires.flatMap((q) => q.basisfuncties.map((b) => `${q.id}/${b.id}`)),
    );
    for (const change of planDemoFollowUp(instrument, codes).changes)
      expect(ids).toContain(`${change.questionnaire}/${change.basisfunctie}`);
  });
});

describe('chooseSource', () => {
  const populations = new Map<string, number | null>([
    ['0003', 12032],
    ['0010', 26635],
    ['0024', 10452],
    ['0053', 14000],
    ['0056', 18700],
    ['0099', null],
  ]);

  it('takes the answering predecessor with the largest population (Eemsdelta: Delfzijl)', () => {
    const eemsdelta = [whole('0003'), whole('0010'), whole('0024')];
    expect(chooseSource(eemsdelta, populations, () => true)).toBe('0010');
    expect(chooseSource(eemsdelta, populations, (code) => code !== '0010')).toBe('0003');
    expect(chooseSource(eemsdelta, populations, () => false)).toBeNull();
  });

  it('weighs a split predecessor by its share of the territory', () => {
    const winsumPart: Predecessor = { ...whole('0053'), relation: 'split', share: 0.212 };
    expect(chooseSource([winsumPart, whole('0056')], populations, () => true)).toBe('0056');
    expect(chooseSource([winsumPart, whole('0024')], populations, () => true)).toBe('0024');
  });

  it('counts an unknown population as 0 and breaks ties by the lowest code', () => {
    expect(chooseSource([whole('0099'), whole('0098')], populations, () => true)).toBe('0098');
  });
});

describe('shiftPoints', () => {
  it('moves one point within the 3-point scale', () => {
    expect([1, 2, 3].map((p) => shiftPoints(p, 'improve'))).toEqual([2, 3, 3]);
    expect([1, 2, 3].map((p) => shiftPoints(p, 'decline'))).toEqual([1, 1, 2]);
  });
});

describe('buildFollowUpAnswers', () => {
  const mantelzorg = instrument.questionnaires.find((q) => q.id === 'mantelzorg');
  if (!mantelzorg) throw new Error('no mantelzorg questionnaire');
  const respijtzorg = listScaleItems(mantelzorg, 'respijtzorg').map((item) => item.number);
  const other = listScaleItems(mantelzorg, 'informatie').map((item) => item.number);
  const answer = (code: string, question: number, points: number | null): DemoAnswer => ({
    municipalityCode: code,
    questionnaire: 'mantelzorg',
    question,
    points,
    options: null,
    text: points === null ? 'toelichting' : null,
  });
  const earlierAnswers = [
    ...respijtzorg.map((q, i) => answer('0010', q, [1, 2, 3][i % 3] ?? 1)),
    ...other.map((q) => answer('0010', q, 2)),
    answer('0003', other[0] ?? 0, 3),
  ];

  it('copies the source, shifts the planned basisfunctie and leaves the rest alone', () => {
    const { answers, sources } = buildFollowUpAnswers({
      instrument,
      laterCodes: ['1979', '0344'],
      predecessors: new Map([
        ['1979', [whole('0003'), whole('0010')]],
        ['0344', [whole('0344')]],
      ]),
      populations: new Map([
        ['0003', 12032],
        ['0010', 26635],
      ]),
      earlierAnswers,
      plan: {
        absent: [],
        changes: [
          {
            municipalityCode: '1979',
            questionnaire: 'mantelzorg',
            basisfunctie: 'respijtzorg',
            direction: 'improve',
          },
        ],
      },
    });
    expect(sources.get('1979')?.get('mantelzorg')).toBe('0010');
    expect(sources.has('0344')).toBe(false); // no answering predecessor: no answers
    const points = new Map(answers.map((a) => [a.question, a.points]));
    respijtzorg.forEach((q, i) => expect(points.get(q)).toBe([2, 3, 3][i % 3]));
    for (const q of other) expect(points.get(q)).toBe(2);
    expect(answers.every((a) => a.municipalityCode === '1979')).toBe(true);
  });

  it('writes nothing for an absent municipality', () => {
    const { answers } = buildFollowUpAnswers({
      instrument,
      laterCodes: ['1979'],
      predecessors: new Map([['1979', [whole('0010')]]]),
      populations: new Map([['0010', 26635]]),
      earlierAnswers,
      plan: { absent: ['1979'], changes: [] },
    });
    expect(answers).toEqual([]);
  });
});

describe('buildFollowUpAnswers with a derived version', () => {
  it('carries each answer to the item that maps to it, and leaves a new item unanswered', () => {
    const base = instrument.questionnaires.find((q) => q.id === 'mantelzorg');
    if (!base) throw new Error('no mantelzorg questionnaire');
    const [first, second] = listScaleItems(base, 'respijtzorg');
    if (!first || !second) throw new Error('respijtzorg has fewer than two items');
    // The derived version swaps the first two respijtzorg items and adds a new one.
    const items = base.items.map((item) => {
      if (item.number === first.number)
        return { ...item, previous: { number: second.number, change: 'reworded' as const } };
      if (item.number === second.number)
        return { ...item, previous: { number: first.number, change: 'same' as const } };
      return { ...item, previous: { number: item.number, change: 'same' as const } };
    });
    const added = { ...first, number: base.items.length + 1, previous: null };
    const derived = {
      ...instrument,
      derivedFrom: '2009',
      questionnaires: instrument.questionnaires.map((q) =>
        q.id === 'mantelzorg' ? { ...q, items: [...items, added] } : q,
      ),
    };
    const given = (question: number, points: number): DemoAnswer => ({
      municipalityCode: '0010',
      questionnaire: 'mantelzorg',
      question,
      points,
      options: null,
      text: null,
    });
    const { answers } = buildFollowUpAnswers({
      instrument: derived,
      laterCodes: ['1979'],
      predecessors: new Map([['1979', [whole('0010')]]]),
      populations: new Map([['0010', 26635]]),
      earlierAnswers: [given(first.number, 1), given(second.number, 3)],
      plan: { absent: [], changes: [] },
    });
    expect(new Map(answers.map((a) => [a.question, a.points]))).toEqual(
      new Map([
        [first.number, 3],
        [second.number, 1],
      ]),
    );
  });
});

describe('planDemoFollowUp with a version without a pinned basisfunctie', () => {
  it('leaves that pinned change out of the plan', () => {
    const withoutRespijtzorg = {
      ...instrument,
      questionnaires: instrument.questionnaires.map((q) => ({
        ...q,
        basisfuncties: q.basisfuncties.filter((b) => b.id !== 'respijtzorg'),
      })),
    };
    const changes = planDemoFollowUp(withoutRespijtzorg, [DEMO_PINNED.merged]).changes;
    expect(changes.map((c) => c.basisfunctie)).toEqual(['verankeren']);
  });
});
