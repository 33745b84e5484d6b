/**
 * The form of an advice talk (issue 12, helper A), for a new talk and for editing one: the
 * date, time, place and participants, then per questionnaire and basisfunctie the points
 * discussed and the agreed actions. An action's "what" can be taken from the basisfunctie's
 * suggested activities (a datalist) or typed freely. Without JavaScript 'Actie toevoegen'
 * posts the form and it comes back with one more row; the field names are in app/lib/talk-form.ts.
 */
import {
  Button,
  ButtonLink,
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormLabel,
  Heading2,
  Paragraph,
} from '@utrecht/component-library-react';
import { Form } from 'react-router';
import { formatMark } from '../lib/format';
import { questionnaireLabel } from '../lib/navigation';
import {
  actionField,
  pointsField,
  rowsField,
  subjectField,
  TALK_FIELDS,
  type TalkFormState,
} from '../lib/talk-form';
import { CsrfInput } from './csrf-input';
import { ErrorSummary, type FieldError } from './error-summary';
import { TextareaField, TextField } from './field';
import './talk-form.css';

export interface TalkFormSubject {
  readonly questionnaire: string;
  readonly basisfunctie: string;
  readonly name: string;
  readonly activities: readonly string[];
  readonly mark: number | null;
}

export function TalkForm({
  subjects,
  state,
  errors,
  version,
  statuses,
  submitLabel,
  cancelHref,
  roundName,
}: {
  subjects: readonly TalkFormSubject[];
  state: TalkFormState;
  errors: readonly FieldError[];
  /** The talk's version when editing; absent for a new talk. */
  version?: number | undefined;
  /** The status of each existing action, by id, as the municipality reported it. */
  statuses: Readonly<Record<string, string>>;
  submitLabel: string;
  cancelHref: string;
  roundName: string;
}) {
  const value = (name: string) => state.values[name] ?? '';
  const error = (name: string) => errors.find((e) => e.field === name)?.message;
  const text = (name: string, label: string, options: { hint?: string; type?: string } = {}) => (
    <TextField
      name={name}
      label={label}
      hint={options.hint}
      type={options.type}
      defaultValue={value(name)}
      error={error(name)}
    />
  );
  const questionnaires = [...new Set(subjects.map((s) => s.questionnaire))];
  return (
    <Form method="post" noValidate className="bfm-form bfm-talk-form">
      <ErrorSummary errors={errors} />
      <CsrfInput />
      <input type="hidden" name="intent" value="save" />
      {version !== undefined ? <input type="hidden" name="baseVersion" value={version} /> : null}
      {/* Enter in a text box presses the first submit button of the form: saving, not adding
          a row. This one is for that alone, so it is out of the tab order and hidden. */}
      <button type="submit" className="bfm-visually-hidden" tabIndex={-1} aria-hidden="true">
        {submitLabel}
      </button>
      <Fieldset>
        <FieldsetLegend className="bfm-talk-legend">Het gesprek</FieldsetLegend>
        {text(TALK_FIELDS.heldOn, 'Datum van het gesprek', {
          type: 'date',
          hint: 'Bijvoorbeeld 15-3-2027. Een gesprek in de toekomst is een gepland gesprek.',
        })}
        {text(TALK_FIELDS.startTime, 'Begintijd (niet verplicht)', {
          type: 'time',
          hint: 'Bijvoorbeeld 14:00. Leeg voor een gesprek zonder vaste tijd.',
        })}
        {text(TALK_FIELDS.durationMinutes, 'Duur in minuten (niet verplicht)', {
          hint: 'Bijvoorbeeld 90.',
        })}
        {text(TALK_FIELDS.location, 'Plaats (niet verplicht)')}
        <TextareaField
          name={TALK_FIELDS.participants}
          label="Deelnemers"
          hint="Wie deden er mee: namen en functies, bijvoorbeeld één per regel."
          rows={3}
          defaultValue={value(TALK_FIELDS.participants)}
          error={error(TALK_FIELDS.participants)}
        />
        <TextareaField
          name={TALK_FIELDS.summary}
          label="Samenvatting (niet verplicht)"
          rows={4}
          defaultValue={value(TALK_FIELDS.summary)}
          error={error(TALK_FIELDS.summary)}
        />
      </Fieldset>
      <Paragraph>
        Vul per basisfunctie in wat er besproken is en welke acties zijn afgesproken. Basisfuncties
        die niet aan bod kwamen, laat u leeg. Het cijfer is dat van de gemeente in {roundName}.
      </Paragraph>
      {questionnaires.map((questionnaire) => (
        <section key={questionnaire} aria-labelledby={`vl-${questionnaire}`} className="bfm-stack">
          <Heading2 id={`vl-${questionnaire}`}>{questionnaireLabel(questionnaire)}</Heading2>
          {subjects.map((subject, index) =>
            subject.questionnaire !== questionnaire ? null : (
              <Fieldset key={index} id={`bf-${index}`} className="bfm-talk-subject">
                <FieldsetLegend className="bfm-talk-legend bfm-talk-legend--subject">
                  {subject.name}
                  <span className="bfm-talk-subject__mark">
                    {subject.mark === null
                      ? ' (geen cijfer)'
                      : ` (cijfer ${formatMark(subject.mark)})`}
                  </span>
                </FieldsetLegend>
                <input
                  type="hidden"
                  name={subjectField(index)}
                  value={`${subject.questionnaire}:${subject.basisfunctie}`}
                />
                <input type="hidden" name={rowsField(index)} value={state.rows[index] ?? 1} />
                <TextareaField
                  name={pointsField(index)}
                  label={`Besproken punten bij ${subject.name}`}
                  rows={3}
                  defaultValue={value(pointsField(index))}
                  error={error(pointsField(index))}
                />
                {subject.activities.length > 0 ? (
                  <datalist id={`activiteiten-${index}`}>
                    {subject.activities.map((activity) => (
                      <option key={activity} value={activity} />
                    ))}
                  </datalist>
                ) : null}
                {Array.from({ length: state.rows[index] ?? 1 }, (_, row) => {
                  const id = value(actionField(index, row, 'id'));
                  const remove = actionField(index, row, 'schrappen');
                  return (
                    <Fieldset key={row} className="bfm-talk-action">
                      <FieldsetLegend>
                        Actie {row + 1} bij {subject.name}
                        {id && statuses[id] ? ` (${statuses[id]})` : id ? '' : ' (nieuw)'}
                      </FieldsetLegend>
                      {id ? (
                        <input type="hidden" name={actionField(index, row, 'id')} value={id} />
                      ) : null}
                      <TextField
                        name={actionField(index, row, 'wat')}
                        label="Wat wordt er gedaan?"
                        hint={
                          subject.activities.length > 0 && row === 0
                            ? 'Kies een voorgestelde activiteit van deze basisfunctie of typ zelf wat er gebeurt.'
                            : undefined
                        }
                        list={subject.activities.length > 0 ? `activiteiten-${index}` : undefined}
                        defaultValue={value(actionField(index, row, 'wat'))}
                        error={error(actionField(index, row, 'wat'))}
                      />
                      <TextField
                        name={actionField(index, row, 'wie')}
                        label="Wie doet het?"
                        defaultValue={value(actionField(index, row, 'wie'))}
                        error={error(actionField(index, row, 'wie'))}
                      />
                      <TextField
                        name={actionField(index, row, 'streefdatum')}
                        label="Streefdatum (niet verplicht)"
                        type="date"
                        defaultValue={value(actionField(index, row, 'streefdatum'))}
                        error={error(actionField(index, row, 'streefdatum'))}
                      />
                      {id ? (
                        <FormField type="checkbox" invalid={!!error(remove)}>
                          {error(remove) ? (
                            <p id={`${remove}-fout`} className="utrecht-form-field-error-message">
                              {error(remove)}
                            </p>
                          ) : null}
                          <Checkbox
                            id={remove}
                            name={remove}
                            value="ja"
                            defaultChecked={value(remove) !== ''}
                            aria-describedby={error(remove) ? `${remove}-fout` : undefined}
                          />
                          <FormLabel htmlFor={remove} type="checkbox">
                            Deze actie schrappen
                          </FormLabel>
                        </FormField>
                      ) : null}
                    </Fieldset>
                  );
                })}
                <Button
                  type="submit"
                  name="toevoegen"
                  value={String(index)}
                  appearance="secondary-action-button"
                >
                  Actie toevoegen bij {subject.name}
                </Button>
              </Fieldset>
            ),
          )}
        </section>
      ))}
      <div className="bfm-actions">
        <Button type="submit" appearance="primary-action-button">
          {submitLabel}
        </Button>
        <ButtonLink href={cancelHref} appearance="secondary-action-button">
          Annuleren
        </ButtonLink>
      </div>
    </Form>
  );
}
