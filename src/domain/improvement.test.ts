import { describe, expect, it } from 'vitest';
import { isActionOverdue, type ActionStatus } from './improvement.ts';

describe('isActionOverdue', () => {
  const cases: [ActionStatus, string | null, string, boolean][] = [
    ['planned', '2026-11-01', '2026-11-26', true],
    ['in_progress', '2026-11-25', '2026-11-26', true],
    ['planned', '2026-11-26', '2026-11-26', false],
    ['planned', '2026-12-01', '2026-11-26', false],
    ['planned', null, '2026-11-26', false],
    ['done', '2026-11-01', '2026-11-26', false],
    ['dropped', '2026-11-01', '2026-11-26', false],
  ];
  it.each(cases)('%s due %s on %s → %s', (status, dueOn, today, expected) => {
    expect(isActionOverdue({ status, dueOn }, today)).toBe(expected);
  });
});
