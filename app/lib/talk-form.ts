/**
 * The form of an advice talk (issue 12, helper A): its field names, reading a posted form into
 * the service's input, and naming the field of each of the service's issues.
 *
 * Subjects (basisfuncties) are numbered in the order the page shows them; each carries its key
 * in a hidden field (`onderwerp-3` = `mantelzorg:respijtzorg`), so a post is read by key and
 * not by position. Every subject has a number of action rows (`rijen-3`); 'Actie toevoegen'
 * posts the form with `toevoegen=3` and the page comes back with one row more and everything
 * typed still in it, so the form works the same without JavaScript.
 */

/** What the form shows: every field's value by name, and the number of action rows per subject. */
export interface TalkFormState {
  readonly values: Readonly<Record<string, string>>;
  readonly rows: Readonly<Record<number, number>>;
}

export const TALK_FIELDS = {
  heldOn: 'datum',
  startTime: 'begintijd',
  durationMinutes: 'duur',
  location: 'plaats',
  participants: 'deelnemers',
  summary: 'samenvatting',
} as const;

export const MAX_ACTION_ROWS = 20;

export const pointsField = (subject: number) => `punten-${subject}`;
export const subjectField = (subject: number) => `onderwerp-${subject}`;
export const rowsField = (subject: number) => `rijen-${subject}`;
export const actionField = (
  subject: number,
  row: number,
  part: 'id' | 'wat' | 'wie' | 'streefdatum' | 'schrappen',
) => `actie-${subject}-${row}-${part}`;

interface SubjectLike {
  readonly questionnaire: string;
  readonly basisfunctie: string;
}

interface TalkLike {
  readonly heldOn: string;
  readonly startTime: string | null;
  readonly durationMinutes: number | null;
  readonly location: string | null;
  readonly participants: string;
  readonly summary: string;
  readonly topics: readonly (SubjectLike & {
    readonly points: string;
    readonly actions: readonly {
      readonly id: number;
      readonly description: string;
      readonly owner: string;
      readonly dueOn: string | null;
    }[];
  })[];
}

const keyOf = (subject: SubjectLike) => `${subject.questionnaire}:${subject.basisfunctie}`;

/**
 * The form's first state: empty with one action row per subject, or the talk being edited with
 * its actions and one empty row more.
 */
export function initialTalkForm(
  subjects: readonly SubjectLike[],
  talk: TalkLike | null,
): TalkFormState {
  const values: Record<string, string> = {};
  const rows: Record<number, number> = {};
  if (talk) {
    values[TALK_FIELDS.heldOn] = talk.heldOn;
    values[TALK_FIELDS.startTime] = talk.startTime ?? '';
    values[TALK_FIELDS.durationMinutes] =
      talk.durationMinutes === null ? '' : String(talk.durationMinutes);
    values[TALK_FIELDS.location] = talk.location ?? '';
    values[TALK_FIELDS.participants] = talk.participants;
    values[TALK_FIELDS.summary] = talk.summary;
  }
  subjects.forEach((subject, index) => {
    const topic = talk?.topics.find((t) => keyOf(t) === keyOf(subject));
    values[pointsField(index)] = topic?.points ?? '';
    const actions = topic?.actions ?? [];
    actions.forEach((action, row) => {
      values[actionField(index, row, 'id')] = String(action.id);
      values[actionField(index, row, 'wat')] = action.description;
      values[actionField(index, row, 'wie')] = action.owner;
      values[actionField(index, row, 'streefdatum')] = action.dueOn ?? '';
    });
    rows[index] = actions.length + 1;
  });
  return { values, rows };
}

const get = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

/**
 * The posted form as it was typed (to show it again) and as the service's input. `adding` is
 * the subject whose 'Actie toevoegen' was pressed, if any.
 */
export function readTalkForm(form: FormData): {
  state: TalkFormState;
  adding: number | null;
  input: {
    heldOn: string;
    startTime: string;
    durationMinutes: string;
    location: string;
    participants: string;
    summary: string;
    topics: {
      questionnaire: string;
      basisfunctie: string;
      points: string;
      actions: {
        id?: number;
        description: string;
        owner: string;
        dueOn: string;
        remove?: boolean;
      }[];
    }[];
  };
} {
  const values: Record<string, string> = {};
  const rows: Record<number, number> = {};
  for (const name of Object.values(TALK_FIELDS)) values[name] = get(form, name);
  const topics = [];
  for (let index = 0; form.has(subjectField(index)) && index < 100; index++) {
    const [questionnaire = '', basisfunctie = ''] = get(form, subjectField(index)).split(':');
    values[pointsField(index)] = get(form, pointsField(index));
    const count = Math.min(
      MAX_ACTION_ROWS,
      Math.max(1, Number.parseInt(get(form, rowsField(index)), 10) || 1),
    );
    rows[index] = count;
    const actions = [];
    for (let row = 0; row < count; row++) {
      for (const part of ['id', 'wat', 'wie', 'streefdatum', 'schrappen'] as const)
        values[actionField(index, row, part)] = get(form, actionField(index, row, part));
      const id = Number.parseInt(values[actionField(index, row, 'id')] ?? '', 10);
      actions.push({
        ...(Number.isSafeInteger(id) && id > 0 ? { id } : {}),
        description: values[actionField(index, row, 'wat')] ?? '',
        owner: values[actionField(index, row, 'wie')] ?? '',
        dueOn: values[actionField(index, row, 'streefdatum')] ?? '',
        ...(values[actionField(index, row, 'schrappen')] ? { remove: true } : {}),
      });
    }
    topics.push({ questionnaire, basisfunctie, points: values[pointsField(index)] ?? '', actions });
  }
  const addingText = form.get('toevoegen');
  const adding =
    typeof addingText === 'string' && /^\d+$/.test(addingText) ? Number(addingText) : null;
  if (adding !== null && rows[adding] !== undefined)
    rows[adding] = Math.min(MAX_ACTION_ROWS, (rows[adding] ?? 1) + 1);
  return {
    state: { values, rows },
    adding,
    input: {
      heldOn: values[TALK_FIELDS.heldOn] ?? '',
      startTime: values[TALK_FIELDS.startTime] ?? '',
      durationMinutes: values[TALK_FIELDS.durationMinutes] ?? '',
      location: values[TALK_FIELDS.location] ?? '',
      participants: values[TALK_FIELDS.participants] ?? '',
      summary: values[TALK_FIELDS.summary] ?? '',
      topics,
    },
  };
}

const PARTS: Record<string, 'id' | 'wat' | 'wie' | 'streefdatum' | 'schrappen'> = {
  id: 'wat',
  description: 'wat',
  owner: 'wie',
  dueOn: 'streefdatum',
  remove: 'schrappen',
};

/**
 * The form field of a service issue: `topics.3.actions.0.dueOn` → `actie-3-0-streefdatum`,
 * `heldOn` → `datum`. Anything else goes to the first field.
 */
export function formFieldOf(field: string): string {
  const direct = (TALK_FIELDS as Record<string, string>)[field];
  if (direct) return direct;
  const action = /^topics\.(\d+)\.actions\.(\d+)\.(\w+)$/.exec(field);
  if (action)
    return actionField(Number(action[1]), Number(action[2]), PARTS[action[3] ?? ''] ?? 'wat');
  const topic = /^topics\.(\d+)/.exec(field);
  if (topic) return pointsField(Number(topic[1]));
  return TALK_FIELDS.heldOn;
}
