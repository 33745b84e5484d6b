/**
 * One family of form fields on the NL Design System components: radio buttons, checkboxes,
 * a text area and a select box. Each has a label or legend, an optional hint and an error
 * message, tied to the control with aria-describedby (the GOV.UK / Utrecht pattern). The id
 * of the field (or its fieldset) is what an error summary links to.
 */
import {
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  RadioButton,
  Select,
  SelectOption,
  Textarea,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';

interface FieldBase {
  /** The id of the control or fieldset; the hint and error get `<id>-hint` and `<id>-fout`. */
  readonly id: string;
  readonly name: string;
  readonly hint?: ReactNode | undefined;
  readonly error?: string | undefined;
  /** More ids that describe the field (for instance a conflict notice). */
  readonly describedBy?: readonly string[] | undefined;
}

export interface Choice {
  readonly value: string;
  readonly label: string;
}

/** The aria-describedby of a field: its hint, its error and any extra descriptions. */
export function describedByOf(field: Pick<FieldBase, 'id' | 'hint' | 'error' | 'describedBy'>) {
  const ids = [
    field.hint ? `${field.id}-hint` : null,
    field.error ? `${field.id}-fout` : null,
    ...(field.describedBy ?? []),
  ].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function HintAndError({ id, hint, error }: Pick<FieldBase, 'id' | 'hint' | 'error'>) {
  return (
    <>
      {hint ? <FormFieldDescription id={`${id}-hint`}>{hint}</FormFieldDescription> : null}
      {error ? <FormFieldErrorMessage id={`${id}-fout`}>{error}</FormFieldErrorMessage> : null}
    </>
  );
}

interface GroupProps extends FieldBase {
  readonly legend: ReactNode;
  readonly choices: readonly Choice[];
  readonly checked: readonly string[];
  /** Shown between the error and the choices (for instance a conflict notice). */
  readonly children?: ReactNode;
}

/** A fieldset of radio buttons: one choice. */
export function RadioGroupField(props: GroupProps) {
  return <ChoiceGroup {...props} type="radio" />;
}

/** A fieldset of checkboxes: any number of choices. */
export function CheckboxGroupField(props: GroupProps) {
  return <ChoiceGroup {...props} type="checkbox" />;
}

function ChoiceGroup({
  id,
  name,
  legend,
  hint,
  error,
  describedBy,
  choices,
  checked,
  children,
  type,
}: GroupProps & { type: 'radio' | 'checkbox' }) {
  const Control = type === 'radio' ? RadioButton : Checkbox;
  return (
    <Fieldset
      id={id}
      tabIndex={-1}
      invalid={!!error}
      aria-describedby={describedByOf({ id, hint, error, describedBy })}
    >
      <FieldsetLegend>{legend}</FieldsetLegend>
      <HintAndError id={id} hint={hint} error={error} />
      {children}
      {choices.map((choice) => (
        <FormField key={choice.value} type={type}>
          <Control
            id={`${id}-${choice.value}`}
            name={name}
            value={choice.value}
            defaultChecked={checked.includes(choice.value)}
            invalid={!!error}
          />
          <FormLabel htmlFor={`${id}-${choice.value}`} type={type}>
            {choice.label}
          </FormLabel>
        </FormField>
      ))}
    </Fieldset>
  );
}

interface TextareaProps extends FieldBase {
  readonly label: ReactNode;
  readonly defaultValue?: string | undefined;
  readonly rows?: number | undefined;
  readonly children?: ReactNode;
}

/** A labelled text area. */
export function TextareaField({
  id,
  name,
  label,
  hint,
  error,
  describedBy,
  defaultValue,
  rows = 4,
  children,
}: TextareaProps) {
  return (
    <FormField invalid={!!error}>
      <FormLabel htmlFor={id}>{label}</FormLabel>
      <HintAndError id={id} hint={hint} error={error} />
      {children}
      <Textarea
        id={id}
        name={name}
        defaultValue={defaultValue}
        rows={rows}
        invalid={!!error}
        aria-describedby={describedByOf({ id, hint, error, describedBy })}
      />
    </FormField>
  );
}

interface SelectProps extends FieldBase {
  readonly label: ReactNode;
  readonly options: readonly Choice[];
  readonly defaultValue?: string | undefined;
}

/** A labelled select box. */
export function SelectField({
  id,
  name,
  label,
  hint,
  error,
  describedBy,
  options,
  defaultValue,
}: SelectProps) {
  return (
    <FormField invalid={!!error}>
      <FormLabel htmlFor={id}>{label}</FormLabel>
      <HintAndError id={id} hint={hint} error={error} />
      <Select
        id={id}
        name={name}
        defaultValue={defaultValue}
        invalid={!!error}
        aria-describedby={describedByOf({ id, hint, error, describedBy })}
      >
        {options.map((option) => (
          <SelectOption key={option.value} value={option.value}>
            {option.label}
          </SelectOption>
        ))}
      </Select>
    </FormField>
  );
}
