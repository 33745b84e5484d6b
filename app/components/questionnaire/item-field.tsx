/**
 * One item of a questionnaire page, as the control its kind needs (three answers, options,
 * or a text), with a note that opens on request, the revision the page started from, and a
 * conflict notice when a colleague changed the same part meanwhile.
 */
import { Checkbox, FormField, FormLabel, Textarea } from '@utrecht/component-library-react';
import { CheckboxGroupField, RadioGroupField, TextareaField } from '../field';
import {
  confirmField,
  noteField,
  prefilledField,
  revisionField,
  valueField,
} from '../../lib/questionnaire-form';
import type { ItemShape, ScaleLabel } from './answer-text';
import { ConflictNotice, type ConflictView } from './conflict-notice';

export interface ItemFieldProps {
  readonly item: ItemShape;
  readonly scale: readonly ScaleLabel[];
  /** The values to show: stored, or what the user typed. */
  readonly values: readonly string[];
  readonly note: string;
  /** The revision the page started from. */
  readonly revision: number;
  readonly error?: string | undefined;
  readonly conflict?: ConflictView | undefined;
  /**
   * The stored answer was prefilled from this earlier round and nobody confirmed it yet: it is
   * marked 'vorige meting' and gets a 'Klopt nog' checkbox (decision 021).
   */
  readonly prefilledFrom?: string | null | undefined;
}

export function ItemField({
  item,
  scale,
  values,
  note,
  revision,
  error,
  conflict,
  prefilledFrom,
}: ItemFieldProps) {
  const id = valueField(item.number);
  const conflictId = `${id}-conflict`;
  const prefilledId = `${id}-vorige`;
  const legend = `${item.number}. ${item.text}`;
  const prefilled = prefilledFrom ? (
    <p id={prefilledId} className="bfm-prefilled">
      <span className="bfm-tag">vorige meting</span>{' '}
      <span>
        Dit antwoord komt uit de vorige meting ({prefilledFrom}) en telt pas mee als u het
        bevestigt. Vink ‘Klopt nog’ aan, of kies een ander antwoord.
      </span>
    </p>
  ) : null;
  const notice =
    conflict || prefilled ? (
      <>
        {prefilled}
        {conflict ? (
          <ConflictNotice id={conflictId} item={item} conflict={conflict} scale={scale} />
        ) : null}
      </>
    ) : null;
  const describedBy = [...(prefilled ? [prefilledId] : []), ...(conflict ? [conflictId] : [])];
  let control;
  if (item.kind === 'scale' || item.kind === 'single') {
    control = (
      <RadioGroupField
        name={id}
        label={legend}
        hint={item.help}
        notice={notice}
        error={error}
        describedBy={describedBy}
        checked={values}
        choices={
          item.kind === 'scale'
            ? scale.map((point) => ({ value: String(point.points), label: point.label }))
            : (item.options ?? []).map((option) => ({ value: option.code, label: option.label }))
        }
      />
    );
  } else if (item.kind === 'multiple') {
    control = (
      <CheckboxGroupField
        name={id}
        label={legend}
        notice={notice}
        hint={
          item.help
            ? `${item.help} Kies alles wat van toepassing is.`
            : 'Kies alles wat van toepassing is.'
        }
        error={error}
        describedBy={describedBy}
        checked={values}
        choices={(item.options ?? []).map((option) => ({
          value: option.code,
          label: option.label,
        }))}
      />
    );
  } else {
    control = (
      <TextareaField
        name={id}
        label={legend}
        hint={item.help}
        error={error}
        notice={notice}
        describedBy={describedBy}
        defaultValue={values[0] ?? ''}
        rows={4}
      />
    );
  }
  return (
    <div className="bfm-item">
      <input type="hidden" name={revisionField(item.number)} value={revision} />
      {control}
      {prefilledFrom ? (
        <FormField type="checkbox" className="bfm-confirm">
          <input type="hidden" name={prefilledField(item.number)} value="ja" />
          <Checkbox id={confirmField(item.number)} name={confirmField(item.number)} value="ja" />
          <FormLabel htmlFor={confirmField(item.number)} type="checkbox">
            Klopt nog
            <span className="bfm-visually-hidden">
              : antwoord op vraag {item.number} uit de vorige meting bevestigen
            </span>
          </FormLabel>
        </FormField>
      ) : null}
      {item.kind !== 'open' ? <NoteField question={item.number} defaultValue={note} /> : null}
    </div>
  );
}

/**
 * The note (toelichting) with an item: closed behind 'Toelichting toevoegen' until wanted,
 * open when it holds text. A closed note is still part of the form, so saving keeps it.
 */
function NoteField({ question, defaultValue }: { question: number; defaultValue: string }) {
  const id = noteField(question);
  return (
    <details className="bfm-note" open={defaultValue !== ''}>
      <summary>
        {defaultValue !== '' ? 'Toelichting' : 'Toelichting toevoegen'}
        <span className="bfm-visually-hidden"> bij vraag {question}</span>
      </summary>
      <FormField>
        <FormLabel htmlFor={id}>Toelichting bij vraag {question} (niet verplicht)</FormLabel>
        <Textarea id={id} name={id} defaultValue={defaultValue} rows={3} />
      </FormField>
    </details>
  );
}
