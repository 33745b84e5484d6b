/**
 * The talk form's field names (issue 12, helper A): a posted form becomes the service's input
 * by subject key, 'Actie toevoegen' adds one row and keeps everything typed, and each of the
 * service's issue paths names the field the error summary links to.
 */
import { describe, expect, it } from 'vitest';
import { formFieldOf, initialTalkForm, readTalkForm } from '../../app/lib/talk-form.ts';

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

describe('the talk form', () => {
  it('reads subjects by their key, every action row, and the existing action ids', () => {
    const posted = readTalkForm(
      form({
        datum: '2027-03-12',
        deelnemers: 'Ada',
        'onderwerp-0': 'vrijwilligerswerk:visie-en-beleid',
        'rijen-0': '1',
        'punten-0': 'Nota ontbreekt.',
        'onderwerp-1': 'mantelzorg:respijtzorg',
        'rijen-1': '2',
        'actie-1-0-id': '7',
        'actie-1-0-wat': 'Thuishulp',
        'actie-1-0-wie': 'Wmo-team',
        'actie-1-0-streefdatum': '2027-09-01',
        'actie-1-0-schrappen': 'ja',
        'actie-1-1-wat': '',
      }),
    );
    expect(posted.adding).toBeNull();
    expect(posted.input).toMatchObject({ heldOn: '2027-03-12', participants: 'Ada' });
    expect(posted.input.topics).toEqual([
      {
        questionnaire: 'vrijwilligerswerk',
        basisfunctie: 'visie-en-beleid',
        points: 'Nota ontbreekt.',
        actions: [{ description: '', owner: '', dueOn: '' }],
      },
      {
        questionnaire: 'mantelzorg',
        basisfunctie: 'respijtzorg',
        points: '',
        actions: [
          { id: 7, description: 'Thuishulp', owner: 'Wmo-team', dueOn: '2027-09-01', remove: true },
          { description: '', owner: '', dueOn: '' },
        ],
      },
    ]);
  });

  it("adds one row to the subject whose 'Actie toevoegen' was pressed, keeping what was typed", () => {
    const posted = readTalkForm(
      form({
        deelnemers: 'Ada',
        'onderwerp-0': 'mantelzorg:respijtzorg',
        'rijen-0': '1',
        'actie-0-0-wie': 'Wmo-team',
        toevoegen: '0',
      }),
    );
    expect(posted.adding).toBe(0);
    expect(posted.state.rows).toEqual({ 0: 2 });
    expect(posted.state.values).toMatchObject({ deelnemers: 'Ada', 'actie-0-0-wie': 'Wmo-team' });
  });

  it('never offers more than 20 rows, whatever is posted', () => {
    const posted = readTalkForm(
      form({ 'onderwerp-0': 'mantelzorg:respijtzorg', 'rijen-0': '5000', toevoegen: '0' }),
    );
    expect(posted.state.rows).toEqual({ 0: 20 });
    expect(posted.input.topics[0]?.actions).toHaveLength(20);
  });

  it('starts a new talk with one empty row per subject, and an edit with its actions and one more', () => {
    const subjects = [
      { questionnaire: 'mantelzorg', basisfunctie: 'informatie' },
      { questionnaire: 'mantelzorg', basisfunctie: 'respijtzorg' },
    ];
    expect(initialTalkForm(subjects, null).rows).toEqual({ 0: 1, 1: 1 });
    const edit = initialTalkForm(subjects, {
      heldOn: '2027-03-12',
      startTime: null,
      durationMinutes: 90,
      location: null,
      participants: 'Ada',
      summary: '',
      topics: [
        {
          questionnaire: 'mantelzorg',
          basisfunctie: 'respijtzorg',
          points: 'x',
          actions: [{ id: 7, description: 'Thuishulp', owner: '', dueOn: null }],
        },
      ],
    });
    expect(edit.rows).toEqual({ 0: 1, 1: 2 });
    expect(edit.values).toMatchObject({
      datum: '2027-03-12',
      duur: '90',
      'punten-1': 'x',
      'actie-1-0-id': '7',
      'actie-1-0-wat': 'Thuishulp',
    });
  });

  it.each([
    ['heldOn', 'datum'],
    ['participants', 'deelnemers'],
    ['durationMinutes', 'duur'],
    ['topics.3.actions.0.description', 'actie-3-0-wat'],
    ['topics.3.actions.1.dueOn', 'actie-3-1-streefdatum'],
    ['topics.3.actions.1.remove', 'actie-3-1-schrappen'],
    ['topics.3.actions.1.id', 'actie-3-1-wat'],
    ['topics.2.basisfunctie', 'punten-2'],
    ['baseVersion', 'datum'],
  ])('links the issue on %s to the field %s', (issue, field) => {
    expect(formFieldOf(issue)).toBe(field);
  });
});
