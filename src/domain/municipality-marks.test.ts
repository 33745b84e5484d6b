import { describe, expect, it } from 'vitest';
import { loadInstrument } from '../instruments/index.ts';
import { computeRoundAnalysis, type ResponseVector } from './analysis.ts';
import { getQuestionnaire, listAllScaleItems } from './instrument.ts';
import { scoreResponses, scoreScaleVector } from './municipality-marks.ts';
import { createRandom } from './random.ts';
import { rationalToNumber } from './rational.ts';
import type { Municipality } from './register.ts';

const instrument = loadInstrument('2009');
const vrijwilligerswerk = getQuestionnaire(instrument, 'vrijwilligerswerk');

describe('scoreScaleVector', () => {
  it('scores each basisfunctie over its answered items', () => {
    const items = listAllScaleItems(vrijwilligerswerk);
    // Everything 'goed voor elkaar' except the first item of the first basisfunctie: 'Nee'.
    const first = vrijwilligerswerk.basisfuncties[0]!.id;
    const firstItem = items.findIndex((item) => item.basisfunctie === first);
    const vector = items.map((_, i) => (i === firstItem ? '1' : '3')).join('');
    const { marks, points } = scoreScaleVector(instrument, vrijwilligerswerk, vector);
    expect(marks).toHaveLength(vrijwilligerswerk.basisfuncties.length);
    const n = items.filter((item) => item.basisfunctie === first).length;
    // sum = 1 + 3(n−1); mark = 10 × (sum − n) / (2n) = 10 × (2n − 2) / (2n)
    expect(marks[0]!.mark && rationalToNumber(marks[0]!.mark)).toBeCloseTo((10 * (n - 1)) / n, 10);
    expect(marks.slice(1).every((m) => m.status === 'scored' && m.goed)).toBe(true);
    expect(points.get(items[firstItem]!.number)).toBe(1);
  });

  it('gives no mark to a basisfunctie with too few items answered', () => {
    const items = listAllScaleItems(vrijwilligerswerk);
    const { marks } = scoreScaleVector(instrument, vrijwilligerswerk, '0'.repeat(items.length));
    expect(marks.every((m) => m.status === 'insufficient')).toBe(true);
  });
});

describe('scoreResponses', () => {
  it('counts the same goed marks as the national analysis', () => {
    const random = createRandom(7);
    const municipalities: Municipality[] = Array.from({ length: 40 }, (_, i) => ({
      code: String(i + 1).padStart(4, '0'),
      name: `Gemeente ${i + 1}`,
      provinceCode: 'PV27',
      provinceName: 'Noord-Holland',
      population: 10_000 + i,
      g4: false,
      g27: false,
    }));
    const responses: ResponseVector[] = municipalities.flatMap((m) =>
      instrument.questionnaires.map((q) => ({
        municipalityCode: m.code,
        questionnaire: q.id,
        scaleVector: listAllScaleItems(q)
          .map(() => String(Math.floor(random() * 4)))
          .join(''),
        choiceVector: Array.from(
          { length: q.items.filter((i) => i.kind === 'multiple' || i.kind === 'single').length },
          () => '',
        ).join('.'),
        answerCount: 1,
      })),
    );
    const analysis = computeRoundAnalysis({ round: 'r', instrument, municipalities, responses });
    const scored = scoreResponses(instrument, responses);
    for (const result of analysis.basisfuncties) {
      const q = getQuestionnaire(instrument, result.questionnaire);
      const b = q.basisfuncties.findIndex((x) => x.id === result.basisfunctie);
      const marks = scored.filter((s) => s.questionnaire === q.id).map((s) => s.marks[b]!);
      expect(marks.filter((m) => m.goed).length).toBe(result.goed);
      expect(marks.filter((m) => m.status === 'scored').length).toBe(result.respondents);
    }
  });
});
