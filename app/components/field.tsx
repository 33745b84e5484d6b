/**
 * One family of form fields on the NL Design System components: a text box, a text area, a
 * select box, radio buttons and checkboxes. Each has a label or legend above the control, an
 * optional hint and an error message, tied to the control with aria-describedby (the GOV.UK /
 * Utrecht pattern). The control's (or fieldset's) id is its name, which is what an error
 * summary links to.
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
  Textbox,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';

export interface FieldProps {
  /** The control's id and name; the error summary links to `#name`. */
  readonly name: string;
  readonly label: ReactNode;
  readonly hint?: ReactNode | undefined;
  readonly error?: string | undefined;
  /** More ids that describe the control (for instance a conflict notice). */
  readonly describedBy?: readonly string[] | undefined;
  /** Shown under the hint and the error, above the control (for instance a conflict notice). */
  readonly notice?: ReactNode | undefined;
}

/** The ids of the hint, the error message and any other description, for aria-describedby. */
export function describedBy({
  name,
  hint,
  error,
  describedBy: more,
}: Pick<FieldProps, 'name' | 'hint' | 'error' | 'describedBy'>): string | undefined {
  const ids = [hint ? `${name}-hint` : null, error ? `${name}-fout` : null, ...(more ?? [])];
  return ids.filter(Boolean).join(' ') || undefined;
}

function HintAndError({ name, hint, error }: Pick<FieldProps, 'name' | 'hint' | 'error'>) {
  return (
    <>
      {hint ? <FormFieldDescription id={`${name}-hint`}>{hint}</FormFieldDescription> : null}
      {error ? <FormFieldErrorMessage id={`${name}-fout`}>{error}</FormFieldErrorMessage> : null}
    </>
  );
}

/**
 * The NL Design System form field layout: the label above the control, then the hint and
 * the error message, then the control (the GOV.UK order). The label, description and input
 * slots of FormField are blocks, so a select box or text area never sits beside its label.
 */
export function Field({
  name,
  label,
  hint,
  error,
  notice,
  children,
}: FieldProps & { children: ReactNode }) {
  return (
    <FormField
      invalid={!!error}
      label={<FormLabel htmlFor={name}>{label}</FormLabel>}
      description={
        hint || error || notice ? (
          <>
            <HintAndError name={name} hint={hint} error={error} />
            {notice}
          </>
        ) : undefined
      }
      input={children}
    />
  );
}

/** A labelled text box. */
export function TextField(
  props: FieldProps & {
    readonly type?: string;
    readonly defaultValue?: string | undefined;
    readonly autoComplete?: string | undefined;
    /** The id of a <datalist> with suggestions. */
    readonly list?: string | undefined;
  },
) {
  const { name, type = 'text', error, defaultValue, autoComplete, list } = props;
  return (
    <Field {...props}>
      <Textbox
        id={name}
        name={name}
        type={type}
        list={list}
        autoComplete={autoComplete}
        defaultValue={defaultValue}
        invalid={!!error}
        aria-describedby={describedBy(props)}
      />
    </Field>
  );
}

/** A labelled select box. */
export function SelectField(
  props: FieldProps & {
    readonly options: readonly { readonly value: string; readonly label: string }[];
    readonly defaultValue?: string | undefined;
  },
) {
  return (
    <Field {...props}>
      <Select
        id={props.name}
        name={props.name}
        defaultValue={props.defaultValue}
        invalid={!!props.error}
        aria-describedby={describedBy(props)}
      >
        {props.options.map((option) => (
          <SelectOption key={option.value} value={option.value}>
            {option.label}
          </SelectOption>
        ))}
      </Select>
    </Field>
  );
}

/** A labelled text area. */
export function TextareaField(
  props: FieldProps & { readonly rows?: number; readonly defaultValue?: string | undefined },
) {
  return (
    <Field {...props}>
      <Textarea
        id={props.name}
        name={props.name}
        rows={props.rows}
        defaultValue={props.defaultValue}
        invalid={!!props.error}
        aria-describedby={describedBy(props)}
      />
    </Field>
  );
}

export interface Choice {
  readonly value: string;
  readonly label: string;
}

type ChoiceGroupProps = FieldProps & {
  readonly choices: readonly Choice[];
  readonly checked: readonly string[];
};

/** A fieldset of radio buttons (one choice); the legend is the label. */
export function RadioGroupField(props: ChoiceGroupProps) {
  return <ChoiceGroup {...props} type="radio" />;
}

/** A fieldset of checkboxes (any number of choices); the legend is the label. */
export function CheckboxGroupField(props: ChoiceGroupProps) {
  return <ChoiceGroup {...props} type="checkbox" />;
}

function ChoiceGroup(props: ChoiceGroupProps & { readonly type: 'radio' | 'checkbox' }) {
  const { name, label, hint, error, notice, choices, checked, type } = props;
  const Control = type === 'radio' ? RadioButton : Checkbox;
  return (
    <Fieldset id={name} tabIndex={-1} invalid={!!error} aria-describedby={describedBy(props)}>
      <FieldsetLegend>{label}</FieldsetLegend>
      <HintAndError name={name} hint={hint} error={error} />
      {notice}
      {choices.map((choice) => (
        <FormField key={choice.value} type={type}>
          <Control
            id={`${name}-${choice.value}`}
            name={name}
            value={choice.value}
            defaultChecked={checked.includes(choice.value)}
            invalid={!!error}
          />
          <FormLabel htmlFor={`${name}-${choice.value}`} type={type}>
            {choice.label}
          </FormLabel>
        </FormField>
      ))}
    </Fieldset>
  );
}
