import { describe, expect, it } from 'vitest';
import { shortenRoundNames } from './trend-view.ts';

describe('shortenRoundNames', () => {
  it.each([
    [[], []],
    [['Nulmeting 2009'], ['Nulmeting 2009']],
    [
      [
        'Demonstratiemeting 2009 (synthetische gegevens)',
        'Demonstratiemeting 2026 (synthetische gegevens)',
      ],
      ['2009', '2026'],
    ],
    [
      ['Meting 2009', 'Vervolgmeting 2026'],
      ['Meting 2009', 'Vervolgmeting 2026'],
    ],
    [
      ['Meting 2009', 'Meting 2017', 'Meting 2026'],
      ['2009', '2017', '2026'],
    ],
    // Identical names keep at least their last word.
    [
      ['Meting A', 'Meting A'],
      ['A', 'A'],
    ],
  ])('%j → %j', (names, labels) => {
    expect(shortenRoundNames(names)).toEqual(labels);
  });
});
