import { describe, expect, it } from 'vitest';
import {
  applyEdit,
  countProgress,
  EMPTY_ANSWER,
  hasAnswerValue,
  listChangedParts,
  MAX_NOTE_LENGTH,
  mergeAnswer,
  readItemInput,
  type AnswerParts,
} from './answer.ts';
import type { Item } from './instrument.ts';

const answer = (parts: Partial<AnswerParts>): AnswerParts => ({ ...EMPTY_ANSWER, ...parts });

describe('mergeAnswer', () => {
  it('keeps the colleague’s note when they changed only the note and I only the points', () => {
    const base = answer({ points: 1 });
    const theirs = answer({ points: 1, note: 'zie beleidsnota 2009' });
    const mine = { points: 3, note: null };
    expect(mergeAnswer(base, mine, theirs)).toEqual({
      merged: answer({ points: 3, note: 'zie beleidsnota 2009' }),
      conflicts: [],
    });
  });

  it('is a conflict on the points when both changed them differently, and only there', () => {
    const base = answer({ points: 1, note: 'oud' });
    const theirs = answer({ points: 2, note: 'oud' });
    const mine = { points: 3, note: 'nieuw' };
    const result = mergeAnswer(base, mine, theirs);
    expect(result.conflicts).toEqual(['points']);
    // The stored points stay; my note (which they did not touch) is merged in.
    expect(result.merged).toEqual(answer({ points: 2, note: 'nieuw' }));
  });

  it('takes the other answer over for the conflicting parts, and keeps my other changes', () => {
    const base = answer({ points: 1 });
    const theirs = answer({ points: 2 });
    const mine = { points: 3, note: 'mijn toelichting' };
    expect(mergeAnswer(base, mine, theirs, 'theirs')).toEqual({
      merged: answer({ points: 2, note: 'mijn toelichting' }),
      conflicts: [],
    });
  });

  it('keeps my answer for the conflicting parts when I choose to, and their other changes', () => {
    const base = answer({ points: 1 });
    const theirs = answer({ points: 2, note: 'hun toelichting' });
    expect(mergeAnswer(base, { points: 3, note: null }, theirs, 'mine')).toEqual({
      merged: answer({ points: 3, note: 'hun toelichting' }),
      conflicts: [],
    });
  });

  it('sees no conflict when both made the same change', () => {
    const base = answer({ points: 1 });
    expect(mergeAnswer(base, { points: 3 }, answer({ points: 3 }))).toEqual({
      merged: answer({ points: 3 }),
      conflicts: [],
    });
  });

  it('leaves parts I did not send alone (an API call with a value and no note)', () => {
    const theirs = answer({ points: 2, note: 'toelichting' });
    expect(mergeAnswer(answer({ points: 2 }), { points: 1 }, theirs).merged).toEqual(
      answer({ points: 1, note: 'toelichting' }),
    );
  });

  it('treats a clear as a change: clearing what they changed meanwhile is a conflict', () => {
    const base = answer({ points: 1 });
    const result = mergeAnswer(base, { points: null }, answer({ points: 2 }));
    expect(result.conflicts).toEqual(['points']);
  });

  it('compares option lists by content', () => {
    const base = answer({ options: ['a', 'b'] });
    const theirs = answer({ options: ['a', 'b'], note: 'x' });
    expect(mergeAnswer(base, { options: ['a', 'b'], note: null }, theirs)).toEqual({
      merged: theirs,
      conflicts: [],
    });
    expect(mergeAnswer(base, { options: ['a'] }, answer({ options: ['b'] })).conflicts).toEqual([
      'options',
    ]);
  });

  it('with an unknown base, calls every difference a conflict and overwrites nothing', () => {
    const theirs = answer({ points: 2, note: 'hun' });
    const result = mergeAnswer(null, { points: 3, note: 'hun' }, theirs);
    expect(result).toEqual({ merged: theirs, conflicts: ['points'] });
  });

  it('changes nothing for an empty edit, or an edit equal to what is stored', () => {
    const theirs = answer({ text: 'open antwoord' });
    expect(mergeAnswer(EMPTY_ANSWER, {}, theirs)).toEqual({ merged: theirs, conflicts: [] });
    expect(mergeAnswer(theirs, { text: 'open antwoord' }, theirs)).toEqual({
      merged: theirs,
      conflicts: [],
    });
  });
});

describe('applyEdit, listChangedParts and hasAnswerValue', () => {
  it('applies only the parts sent', () => {
    expect(applyEdit(answer({ points: 1, note: 'n' }), { note: null })).toEqual(
      answer({ points: 1 }),
    );
  });
  it('lists the parts that differ', () => {
    expect(listChangedParts(answer({ points: 1 }), answer({ points: 2, note: 'x' }))).toEqual([
      'points',
      'note',
    ]);
    expect(listChangedParts(EMPTY_ANSWER, answer({ options: [] }))).toEqual([]);
  });
  it('counts a note alone, an empty list or empty text as no answer', () => {
    expect(hasAnswerValue(undefined)).toBe(false);
    expect(hasAnswerValue(answer({ note: 'n' }))).toBe(false);
    expect(hasAnswerValue(answer({ options: [] }))).toBe(false);
    expect(hasAnswerValue(answer({ text: '' }))).toBe(false);
    expect(hasAnswerValue(answer({ points: 1 }))).toBe(true);
    expect(hasAnswerValue(answer({ options: ['a'] }))).toBe(true);
  });
});

const scale: Item = {
  number: 17,
  kind: 'scale',
  text: 'Vraag',
  textSource: 'report',
  basisfunctie: 'informatie',
};
const multiple: Item = {
  ...scale,
  number: 18,
  kind: 'multiple',
  options: [
    { code: 'folder', label: 'Folder' },
    { code: 'website', label: 'Website' },
  ],
};
const single: Item = { ...multiple, number: 19, kind: 'single' };
const open: Item = { ...scale, number: 20, kind: 'open', basisfunctie: null };

describe('readItemInput', () => {
  it.each([
    [scale, { value: '2', note: ' toelichting ' }, { points: 2, note: 'toelichting' }],
    [scale, { value: '', note: '' }, { points: null, note: null }],
    [scale, { value: null }, { points: null }],
    [scale, { note: 'alleen toelichting' }, { note: 'alleen toelichting' }],
    [scale, {}, {}],
    [multiple, { value: ['website', 'folder'] }, { options: ['folder', 'website'] }],
    [multiple, { value: [] }, { options: null }],
    [single, { value: 'website' }, { options: ['website'] }],
    [open, { value: '  tekst  ' }, { text: 'tekst' }],
    [open, { value: '   ' }, { text: null }],
  ] as const)('%#: reads %o', (item, input, edit) => {
    expect(readItemInput(item, input)).toEqual({ ok: true, edit });
  });

  it.each([
    [scale, { value: '4' }, 'Kies bij vraag 17 één van de drie antwoorden.'],
    [scale, { value: ['1', '2'] }, 'Kies bij vraag 17 één van de drie antwoorden.'],
    [multiple, { value: ['krant'] }, 'Kies bij vraag 18 uit de getoonde opties.'],
    [single, { value: ['folder', 'website'] }, 'Kies bij vraag 19 één van de opties.'],
    [
      scale,
      { note: 'x'.repeat(MAX_NOTE_LENGTH + 1) },
      `De toelichting bij vraag 17 is te lang (${MAX_NOTE_LENGTH + 1} tekens); het maximum is ${MAX_NOTE_LENGTH}.`,
    ],
  ] as const)('%#: refuses %o', (item, input, message) => {
    expect(readItemInput(item, input)).toEqual({ ok: false, message });
  });
});

describe('countProgress', () => {
  it('counts required items apart from optional ones', () => {
    const answers = new Map<number, AnswerParts>([
      [17, answer({ points: 3 })],
      [18, answer({ note: 'alleen een toelichting' })],
      [20, answer({ text: 'ja' })],
    ]);
    expect(countProgress([scale, multiple, single, open], (n) => answers.get(n))).toEqual({
      answered: 1,
      required: 1,
      optionalAnswered: 1,
      optional: 3,
    });
  });
  it('is all zero for no items', () => {
    expect(countProgress([], () => undefined)).toEqual({
      answered: 0,
      required: 0,
      optionalAnswered: 0,
      optional: 0,
    });
  });
});
