import { describe, expect, it } from 'vitest';
import { formatProgressBar } from './report-commands.ts';

describe('formatProgressBar', () => {
  it('fills the bar by the share done, with the percentage rounded down', () => {
    expect(formatProgressBar(0, 441, 'Aa en Hunze')).toBe(
      '[........................]   0% 0/441 Aa en Hunze',
    );
    expect(formatProgressBar(154, 441, 'Amsterdam')).toBe(
      '[########................]  34% 154/441 Amsterdam',
    );
    expect(formatProgressBar(441, 441, 'Zwolle')).toBe(
      '[########################] 100% 441/441 Zwolle',
    );
  });

  it('shows an empty run as done', () => {
    expect(formatProgressBar(0, 0, '')).toBe('[########################] 100% 0/0 ');
  });
});
