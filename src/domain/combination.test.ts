import { describe, expect, it } from 'vitest';
import { COMBINATION_RULE_IDS, parseEnv } from '../config/env.ts';
import {
  COMBINATION_RULES,
  DEFAULT_COMBINATION_RULE,
  combineMarks,
  findBandOfMark,
  type PredecessorInput,
} from './combination.ts';
import { DEFAULT_SCORING_RULE } from './scoring.ts';

const rule = DEFAULT_SCORING_RULE;
const p = (mark: number | null, population: number | null, share = 1): PredecessorInput => ({
  mark,
  band: mark === null ? null : findBandOfMark(mark, rule.bands),
  population,
  share,
});

// Eemsdelta by hand: Appingedam 10 (12 032), Delfzijl 0 (26 635), Loppersum 5 (10 452).
const eemsdelta = [p(10, 12_032), p(0, 26_635), p(5, 10_452)];

describe('combineMarks', () => {
  it.each([
    // rule, inputs, expected mark, expected band
    ['gewogen-gemiddelde', eemsdelta, 172_580 / 49_119, 'aandacht-nodig'],
    ['grootste-voorganger', eemsdelta, 0, 'aandacht-nodig'],
    // goed weight 12 032 / 49 119 < ½; of the rest aandacht (26 635) outweighs op de goede weg.
    ['aandeel-goed', eemsdelta, 0, 'aandacht-nodig'],
    // Two goed of 30 000 and 10 000 against one aandacht of 20 000: goed weight ⅔ ≥ ½.
    ['aandeel-goed', [p(8, 30_000), p(6, 10_000), p(2, 20_000)], 7.5, 'goed-voor-elkaar'],
    // Exactly half goed counts as goed.
    ['aandeel-goed', [p(7, 10_000), p(5, 10_000)], 7, 'goed-voor-elkaar'],
    // A tie between the other bands goes to the lower one.
    ['aandeel-goed', [p(7, 10_000), p(5, 10_000), p(1, 10_000)], 1, 'aandacht-nodig'],
    // A split: the share weighs the population (10 000 × 0,2 = 2 000 against 3 000).
    ['grootste-voorganger', [p(9, 10_000, 0.2), p(4, 3_000)], 4, 'aandacht-nodig'],
    ['gewogen-gemiddelde', [p(9, 10_000, 0.2), p(4, 3_000)], 6, 'goed-voor-elkaar'],
  ] as const)('%s %#', (ruleId, inputs, mark, band) => {
    const combined = combineMarks(inputs, ruleId, rule);
    expect(combined.mark).toBeCloseTo(mark, 10);
    expect(combined.band).toBe(band);
  });

  it('gives geen-cijfer without predecessors or without any mark', () => {
    for (const ruleId of ['gewogen-gemiddelde', 'aandeel-goed', 'grootste-voorganger'] as const) {
      expect(combineMarks([], ruleId, rule)).toEqual({ mark: null, band: 'geen-cijfer' });
      expect(combineMarks([p(null, 1000), p(null, 2000)], ruleId, rule)).toEqual({
        mark: null,
        band: 'geen-cijfer',
      });
    }
  });

  it('leaves predecessors without a mark out', () => {
    expect(combineMarks([p(null, 50_000), p(6.5, 1_000)], 'gewogen-gemiddelde', rule)).toEqual({
      mark: 6.5,
      band: 'goed-voor-elkaar',
    });
  });

  it('keeps a single marked predecessor even when its population is unknown', () => {
    expect(combineMarks([p(3, null, 0.4)], 'gewogen-gemiddelde', rule)).toEqual({
      mark: 3,
      band: 'aandacht-nodig',
    });
  });

  it('never guesses a missing population when weights are needed', () => {
    for (const ruleId of ['gewogen-gemiddelde', 'aandeel-goed', 'grootste-voorganger'] as const) {
      expect(combineMarks([p(3, null), p(8, 1_000)], ruleId, rule)).toEqual({
        mark: null,
        band: 'geen-cijfer',
      });
    }
  });

  it('refuses a share outside (0, 1] and a negative population', () => {
    expect(() => combineMarks([p(3, 100, 0)], 'gewogen-gemiddelde', rule)).toThrow(RangeError);
    expect(() => combineMarks([p(3, 100, 1.5)], 'gewogen-gemiddelde', rule)).toThrow(RangeError);
    expect(() => combineMarks([p(3, -1)], 'gewogen-gemiddelde', rule)).toThrow(RangeError);
  });
});

describe('findBandOfMark', () => {
  it.each([
    [0, 'aandacht-nodig'],
    [4.99, 'aandacht-nodig'],
    [5, 'op-de-goede-weg'],
    [6, 'goed-voor-elkaar'],
    [10, 'goed-voor-elkaar'],
  ])('%d → %s', (mark, band) => {
    expect(findBandOfMark(mark, rule.bands)).toBe(band);
  });

  it('refuses a mark below every band', () => {
    expect(() => findBandOfMark(-1, rule.bands)).toThrow(RangeError);
  });
});

describe('the configured rule', () => {
  it('offers the same rules in the environment as the domain knows, with the same default', () => {
    expect([...COMBINATION_RULE_IDS]).toEqual([...COMBINATION_RULES]);
    expect(parseEnv({}).BFM_COMBINATION_RULE).toBe(DEFAULT_COMBINATION_RULE);
    expect(() => parseEnv({ BFM_COMBINATION_RULE: 'gemiddeld' })).toThrow(
      /BFM_COMBINATION_RULE moet een van deze zijn/,
    );
  });
});
