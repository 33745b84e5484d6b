import { describe, expect, it } from 'vitest';
import { mayDisclose, MIN_GROUP_SIZE } from './disclosure.ts';
import { summarizeMarks } from './group-figures.ts';
import { computeMark } from './scoring.ts';

// Marks of 3-item basisfuncties: sum 9 → 10, sum 7 → 6.7 (goed), sum 6 → 5 (op de goede weg).
const mark = (sum: number, answered = 3) => computeMark({ sum, answered, total: 3 });

describe('summarizeMarks', () => {
  it.each([
    {
      name: 'empty group',
      marks: [],
      expected: { respondents: 0, goed: 0, percentGoed: null, meanMark: null },
    },
    {
      name: 'insufficient marks left out',
      marks: [mark(0, 0), mark(9)],
      expected: { respondents: 1, goed: 1, percentGoed: 100, meanMark: 10 },
    },
    {
      // (10 + 6.667 + 5) / 3 = 7.22 → 7.2; 2 of 3 goed = 66.7 %
      name: 'three marks',
      marks: [mark(9), mark(7), mark(6)],
      expected: { respondents: 3, goed: 2, percentGoed: 66.7, meanMark: 7.2 },
    },
  ])('$name', ({ marks, expected }) => {
    expect(summarizeMarks(marks)).toEqual(expected);
  });
});

describe('mayDisclose', () => {
  it('hides groups under the minimum size from municipality accounts only', () => {
    expect(MIN_GROUP_SIZE).toBe(5);
    expect(mayDisclose(4, { smallGroups: false })).toBe(false);
    expect(mayDisclose(5, { smallGroups: false })).toBe(true);
    expect(mayDisclose(0, { smallGroups: true })).toBe(true);
  });
});
